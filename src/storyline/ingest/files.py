"""Reading bytes safely: size limit, binary detection, encoding detection."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

# Binary sniffing looks at the first 8 KB, like git and grep: a NUL byte there means not text.
_SNIFF = 8192
# Above this share of control characters a "decoded" legacy-encoding file is really binary.
_MAX_CONTROL = 0.05
# Ties between single-byte code pages go to cp1252: it is by far the most common legacy
# encoding of English-language web and news text, and a superset of latin-1's printable range.
_PREFERRED = "cp1252"
# Text saved as "Unicode" on Windows is UTF-16 with a BOM: full of NUL bytes, yet text.
# UTF-32 first: its little-endian BOM begins with UTF-16's.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Skip(Exception):
    """This input is skipped; the message says why (the caller turns it into a warning)."""


def read_text(path: Path, *, max_bytes: int, warnings: list[str]) -> str:
    """The decoded text of ``path``; raises :class:`Skip` for unusable files.

    The size is checked with ``stat`` before anything is read, so a huge file
    costs nothing. Decoding is described in :func:`decode`.
    """
    try:
        size = path.stat().st_size
    except OSError as error:
        raise Skip(f"skipped {path.name}: cannot read it ({error.strerror or error})") from None
    if size > max_bytes:
        raise Skip(f"skipped {path.name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Skip(f"skipped {path.name}: cannot read it ({error.strerror or error})") from None
    return decode(data, path.name, warnings)


def decode(data: bytes, name: str, warnings: list[str]) -> str:
    """Decode the bytes of file ``name`` (the name is only used in messages).

    Strict UTF-8 first (a leading BOM is dropped, nothing else is changed:
    later stages keep character offsets into this text). Otherwise UTF-16 or
    UTF-32 when a BOM says so, or the encoding charset-normalizer finds most
    likely; both with a warning, since a wrong guess changes characters.
    """
    if not data.strip():
        raise Skip(f"skipped {name}: empty file")
    encoding = _unicode_bom(data)
    if encoding is None and b"\x00" in data[:_SNIFF]:
        raise Skip(f"skipped {name}: binary file")
    if encoding is None:
        try:
            return _not_blank(data.decode("utf-8-sig"), name)
        except UnicodeDecodeError:
            encoding = guess_encoding(data)
    if encoding is None:
        raise Skip(f"skipped {name}: binary file or unknown text encoding")
    try:
        # "utf-16"/"utf-32" read the BOM for the byte order and drop it, like utf-8-sig.
        text = data.decode(encoding, errors="strict" if encoding in ("utf-16", "utf-32") else "replace")
    except UnicodeDecodeError:  # a UTF-16 BOM in front of bytes that are not UTF-16
        raise Skip(f"skipped {name}: binary file") from None
    sample = text[:_SNIFF]
    if sum(not (c.isprintable() or c.isspace()) for c in sample) > _MAX_CONTROL * len(sample):
        raise Skip(f"skipped {name}: binary file")
    text = _not_blank(text, name)
    warnings.append(f"{name}: not UTF-8, decoded as {encoding}")
    return text


def _unicode_bom(data: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``data`` opens with that encoding's byte order mark."""
    return next((encoding for bom, encoding in _UNICODE_BOMS if data.startswith(bom)), None)


def _not_blank(text: str, name: str) -> str:
    """``text``, unless decoding left nothing but a BOM or Unicode spaces (bytes.strip missed those)."""
    if not text.strip():
        raise Skip(f"skipped {name}: empty file")
    return text


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, with ties broken toward cp1252 (see ``_PREFERRED``).

    On short Western text several code pages (cp1250, cp1252, cp1257, ...)
    score exactly the same (or decode to the same text), and the first listed
    is not the likeliest one for English news: cp1250 turns "à" into "ŕ".
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        return None
    for match in matches:
        # could_be_from_charset lists the code pages that decode these bytes to the same text.
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and _PREFERRED in (match.encoding, *match.could_be_from_charset):
            return _PREFERRED
    return str(best.encoding)
