"""Readers: folders, .txt, .jsonl and .html files into a :class:`~storyline.model.Corpus`.

Nothing is dropped silently: every input skipped or repaired becomes a
warning in the corpus (and so in the brief). Only unusable requests raise
:class:`~storyline.errors.InputError`, always with a one-line message: a path
that does not exist, a benchmark file, or no readable article at all.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.files import Skip, read_text
from storyline.ingest.html import article_from_html
from storyline.ingest.jsonl import articles_from_jsonl, replace_surrogates
from storyline.ingest.language import language_warnings
from storyline.ingest.text import article_from_text
from storyline.model import Article, Corpus

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
PathLike = str | os.PathLike[str]


def load_articles(paths: PathLike | Sequence[PathLike], *, max_bytes: int = 20_000_000) -> Corpus:
    """Read every article under ``paths``: files and folders, mixed, in the order given.

    A folder contributes its ``.txt``, ``.jsonl``, ``.html`` and ``.htm`` files,
    sorted by name (not recursive). Files over ``max_bytes`` are skipped
    without being read. Repeated ids get a ``~2``, ``~3`` suffix.
    """
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    # Every path is checked before any is read: a typo fails at once, not after a long read.
    for path in map(Path, given):
        _must_exist(path)
    warnings: list[str] = []
    articles: list[Article] = []
    try:
        for path in map(Path, given):
            for file in _files(path, warnings):
                articles.extend(_read(file, max_bytes=max_bytes, warnings=warnings))
    except InputError as error:  # a benchmark file: its message quotes a path, which may hold a newline
        raise InputError(_one_line(str(error))) from None
    if not articles:
        names = ", ".join(str(p) for p in given) or "(no paths given)"
        reason = f" ({len(warnings)} skipped; first: {warnings[0]})" if warnings else ""
        raise InputError(_one_line(f"no articles found in {names}{reason}"))
    articles = _unique_ids([_named_as_text(a) for a in articles], warnings)
    warnings.extend(language_warnings(articles))
    for warning in warnings:
        log.debug("%s", warning)
    return Corpus(tuple(articles), tuple(_one_line(w) for w in warnings))


def _must_exist(path: Path) -> None:
    """Raise :class:`InputError` for a path that is not there (a broken link included).

    A path that exists but cannot be inspected (permission denied, a link loop)
    passes: reading it gives a warning that says why.
    """
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        link = " (a broken link)" if path.is_symlink() else ""
        raise InputError(_one_line(f"no such file or directory: {path}{link}")) from None
    except OSError:
        pass


def _is_dir(path: Path) -> bool:
    """Like ``Path.is_dir`` (links followed), but False rather than PermissionError: :func:`_read` reports it."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _files(path: Path, warnings: list[str]) -> Iterator[Path]:
    """The files to read for one given path; folders are listed, not walked."""
    if not _is_dir(path):
        yield path
        return
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as error:
        warnings.append(f"skipped {path}: cannot list the folder ({error.strerror or error})")
        return
    for entry in entries:
        if _is_dir(entry):
            warnings.append(f"skipped {entry.name}: a folder (folders are not read recursively)")
        else:
            yield entry


def _read(path: Path, *, max_bytes: int, warnings: list[str]) -> list[Article]:
    """The articles of one file; a file that cannot be used adds a warning instead."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        kind = f"'{suffix}'" if suffix else "(no extension)"
        warnings.append(f"skipped {path.name}: unsupported file type {kind} (use .txt, .jsonl, .html)")
        return []
    problem = _not_a_file(path)
    if problem:
        warnings.append(f"skipped {path.name}: {problem}")
        return []
    try:
        text = read_text(path, max_bytes=max_bytes, warnings=warnings)
        if suffix == ".jsonl":
            return articles_from_jsonl(text, path=path, warnings=warnings)
        if suffix in (".html", ".htm"):
            return [article_from_html(text, doc_id=path.stem, path=path)]
        return [article_from_text(text, doc_id=path.stem, path=path)]
    except Skip as skip:
        warnings.append(str(skip))
        return []


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, or None when it is a regular file (or a link to one)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken link" if path.is_symlink() else "no longer there"
    except OSError as error:  # permission denied on the folder, a link loop
        return f"cannot read it ({error.strerror or error})"
    # A FIFO or a device would block the read or never end.
    return None if stat.S_ISREG(mode) else "not a regular file"


def _unique_ids(articles: list[Article], warnings: list[str]) -> list[Article]:
    """Ids are how Refs name documents, so a repeated id gets a ``~2``, ``~3`` suffix (the first keeps its id)."""
    taken = {a.id for a in articles}
    seen: set[str] = set()
    result = []
    for article in articles:
        if article.id in seen:
            number = 2
            while f"{article.id}~{number}" in taken:
                number += 1
            new_id = f"{article.id}~{number}"
            taken.add(new_id)
            where = f" ({Path(article.path).name})" if article.path else ""
            warnings.append(f"duplicate id {article.id!r}{where} renamed {new_id!r}")
            article = replace(article, id=new_id)
        seen.add(article.id)
        result.append(article)
    return result


def _named_as_text(article: Article) -> Article:
    """A file name's undecodable bytes reach Python as lone surrogates, which no output can
    encode: the id and path show them as U+FFFD (the warnings name such files the same way)."""
    doc_id, path = replace_surrogates(article.id), replace_surrogates(article.path or "") or None
    return article if (doc_id, path) == (article.id, article.path) else replace(article, id=doc_id, path=path)


def _one_line(message: str) -> str:
    """Messages are shown one per line; a file name or JSON error must not break that."""
    return replace_surrogates(" ".join(message.split()))


__all__ = ["SUFFIXES", "load_articles"]
