"""Reading bytes safely: size limit, binary detection, encoding detection."""

from __future__ import annotations

import codecs
from pathlib import Path

# Binary sniffing looks at the first 8 KB, like git and grep: a NUL byte there means not text.
_SNIFF = 8192
# Above this share of control characters a "decoded" legacy-encoding file is really binary.
_MAX_CONTROL = 0.05
# Ties between single-byte code pages go to cp1252: it is by far the most common legacy
# encoding of English-language web and news text, and a superset of latin-1's printable range;
# latin-1 for the bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d).
_PREFERRED = ("cp1252", "latin-1")
# How much messier (charset-normalizer's mess ratio) a preferred code page may read than the best
# guess and still count as a tie: short French read as cp1252 scores 0.05 where mac_latin2 scores
# 0, while Cyrillic or Greek read as cp1252 score over 1.
_TIE = 0.2
_MESS_SAMPLE = 65536
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
    UTF-32 when a BOM says so, UTF-16 without a BOM when every other byte is
    NUL, or the likeliest single-byte code page (:func:`guess_encoding`); each
    with a warning naming the encoding, since a wrong guess changes characters.
    NUL characters the binary sniff let through are kept, with a warning.
    """
    if not data.strip():
        raise Skip(f"skipped {name}: empty file")
    encoding = _unicode_bom(data) or _utf16_without_bom(data)
    if encoding is None and b"\x00" in data[:_SNIFF]:
        raise Skip(f"skipped {name}: binary file")
    if encoding is None:
        try:
            return _with_nul_warning(_not_blank(data.decode("utf-8-sig"), name), name, warnings)
        except UnicodeDecodeError:
            encoding = guess_encoding(data)
    if encoding is None:
        raise Skip(f"skipped {name}: binary file or unknown text encoding")
    try:
        # "utf-16"/"utf-32" read the BOM for the byte order and drop it, like utf-8-sig.
        text = data.decode(encoding, errors="strict" if encoding.startswith(("utf-16", "utf-32")) else "replace")
    except UnicodeDecodeError:  # a UTF-16 BOM in front of bytes that are not UTF-16
        raise Skip(f"skipped {name}: binary file") from None
    sample = text[:_SNIFF]
    if sum(not (c.isprintable() or c.isspace()) for c in sample) > _MAX_CONTROL * len(sample):
        raise Skip(f"skipped {name}: binary file")
    text = _not_blank(text, name)
    warnings.append(f"{name}: not UTF-8, decoded as {encoding}")
    return _with_nul_warning(text, name, warnings)


def _with_nul_warning(text: str, name: str, warnings: list[str]) -> str:
    """``text``, with a warning when it holds NUL characters past the binary sniff (kept: offsets stay)."""
    nuls = text.count("\x00")
    if nuls:
        warnings.append(f"{name}: {nuls} NUL character(s) in the text (kept; a damaged or partly binary file?)")
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
    """The most likely single-byte encoding of ``data`` (which is not UTF-8), cp1252 or latin-1 on ties.

    charset-normalizer ranks code pages by how messy and how coherent the decoded text looks,
    but on short Western text several score (nearly) the same and the first listed is not the
    likeliest one for English news: mac_latin2 turns "é" into "ť", cp1250 "à" into "ŕ". So
    cp1252, then latin-1, is taken whenever it decodes the bytes with a mess within ``_TIE`` of
    the best guess's; text in another script (Cyrillic, Greek, CJK) is far messier read as
    cp1252 and keeps charset-normalizer's answer. Imported here: most input is UTF-8, and the import
    costs ~10 ms of every cold start.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    best_chaos = best.chaos if best is not None and best.encoding is not None else 1.0
    for encoding in _PREFERRED:
        try:
            text = data[:_MESS_SAMPLE].decode(encoding)
        except UnicodeDecodeError:
            continue
        if mess_ratio(text) <= best_chaos + _TIE:
            return encoding
    return str(best.encoding) if best is not None and best.encoding is not None else None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text saved as UTF-16 with no BOM, else None.

    Latin-script UTF-16 has a NUL in every other byte, all on one side; binary files have NULs
    everywhere or in runs. The bytes must also decode strictly.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_SNIFF]
    even, odd, half = sample[0::2].count(0), sample[1::2].count(0), len(sample) // 2
    encoding = "utf-16-le" if odd > 0.6 * half and even < 0.05 * half else None
    encoding = "utf-16-be" if even > 0.6 * half and odd < 0.05 * half else encoding
    if encoding is None:
        return None
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding
