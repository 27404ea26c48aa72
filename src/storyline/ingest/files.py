"""Reading bytes safely: size limit, binary detection, encoding detection."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

_SNIFF = 8192


class Skip(Exception):
    """This input is skipped; the message says why (it becomes a warning)."""


def read_text(path: Path, *, max_bytes: int, warnings: list[str]) -> str:
    """The decoded text of ``path``; raises :class:`Skip` for unusable files.

    Strict UTF-8 first (a BOM is dropped); otherwise the encoding
    charset-normalizer finds most likely, with a warning, since a wrong guess
    changes characters.
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
    """Decode bytes from file ``name`` (used in messages)."""
    if not data.strip():
        raise Skip(f"skipped {name}: empty file")
    if b"\x00" in data[:_SNIFF]:
        raise Skip(f"skipped {name}: binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise Skip(f"skipped {name}: binary file or unknown text encoding")
    text = str(best)
    if sum(not (c.isprintable() or c.isspace()) for c in text[:_SNIFF]) > 0.05 * min(len(text), _SNIFF):
        raise Skip(f"skipped {name}: binary file")
    warnings.append(f"{name}: not UTF-8, decoded as {best.encoding}")
    return text
