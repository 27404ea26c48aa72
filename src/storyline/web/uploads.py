"""Uploaded files into a temporary folder that :func:`storyline.load_articles` reads.

Uploads are written under sanitized names, so reading them gives exactly the
warnings the CLI gives for the same files. Zip archives are unpacked flat,
after checks that refuse path traversal, links and zip bombs *before* any
member is extracted.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from storyline.errors import InputError


class TooLarge(InputError):
    """The request is over a size or count limit (HTTP 413)."""


# A compression ratio above this is a zip bomb, not text (text compresses 3-10x).
MAX_RATIO = 100
# Members smaller than this cannot blow up memory or disk whatever their ratio
# (a short run of spaces compresses more than 100x and is harmless).
_RATIO_FLOOR = 1_000_000
_CHUNK = 1 << 16
_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def safe_name(name: str) -> str:
    """A file name that cannot leave the folder: the last path part, odd characters replaced."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", base).lstrip(".")[-120:]
    return base or "upload"


class UploadFolder:
    """Writes uploads into ``root`` with unique safe names, counting files and bytes against the limits."""

    def __init__(self, root: Path, *, max_bytes: int, max_files: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.files = 0
        self.bytes = 0

    def add(self, name: str, stream: IO[bytes]) -> None:
        """Add one upload; a ``.zip`` is unpacked (flat) instead of written."""
        if name.lower().endswith(".zip"):
            self._add_zip(name, stream)
        else:
            self._write(name, stream)

    def add_text(self, name: str, text: str) -> None:
        """Add a file holding ``text`` (UTF-8)."""
        path = self._target(name)
        data = text.encode("utf-8")
        self._count(len(data))
        path.write_bytes(data)

    def _target(self, name: str) -> Path:
        self.files += 1
        if self.files > self.max_files:
            raise TooLarge(f"too many files: more than {self.max_files}")
        base = safe_name(name)
        path = self.root / base
        number = 2
        while path.exists():  # two uploads named alike both get read
            stem, dot, suffix = base.rpartition(".")
            path = self.root / (f"{stem}-{number}.{suffix}" if dot and stem else f"{base}-{number}")
            number += 1
        return path

    def _count(self, size: int) -> None:
        self.bytes += size
        if self.bytes > self.max_bytes:
            raise TooLarge(f"upload too large: over the {self.max_bytes / 1e6:g} MB limit")

    def _write(self, name: str, stream: IO[bytes], *, limit: int | None = None) -> None:
        """Copy ``stream`` to a new file, counting bytes as they come (``limit``: the most expected)."""
        path = self._target(name)
        written = 0
        with path.open("wb") as out:
            while chunk := stream.read(_CHUNK):
                written += len(chunk)
                if limit is not None and written > limit:
                    raise InputError(f"{name}: larger than its zip header says; refused")
                self._count(len(chunk))
                out.write(chunk)

    def _add_zip(self, name: str, stream: IO[bytes]) -> None:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise InputError(f"{safe_name(name)}: not a readable zip archive") from None
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            _check_members(safe_name(name), members, max_bytes=self.max_bytes - self.bytes)
            for member in members:
                try:
                    with archive.open(member) as source:
                        self._write(member.filename, source, limit=member.file_size)
                except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
                    # a corrupt or encrypted member: refuse the archive, one line
                    raise InputError(f"{safe_name(name)}: cannot extract {member.filename!r} ({error})") from None


def _check_members(name: str, members: Iterable[zipfile.ZipInfo], *, max_bytes: int) -> None:
    """Refuse the archive from its directory alone, before extracting anything."""
    total = 0
    for member in members:
        parts = re.split(r"[\\/]", member.filename)
        if member.filename.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", member.filename):
            raise InputError(f"{name}: refused, unsafe path {member.filename!r} in the zip")
        kind = stat.S_IFMT(member.external_attr >> 16)  # 0 when the archiver stored no file type
        if kind and kind != stat.S_IFREG:
            raise InputError(f"{name}: refused, {member.filename!r} is not a regular file")
        if member.file_size >= _RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise TooLarge(f"{name}: refused, {member.filename!r} compresses over {MAX_RATIO}x (a zip bomb?)")
        total += member.file_size
        if total > max_bytes:
            raise TooLarge(f"{name}: refused, it unpacks to more than the upload limit")
