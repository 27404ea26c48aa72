"""Readers: folders, .txt, .jsonl and .html files into a :class:`~storyline.model.Corpus`.

Nothing is dropped silently: every input skipped or repaired becomes a
warning in the corpus (and so in the brief).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.files import Skip, read_text
from storyline.ingest.html import article_from_html
from storyline.ingest.jsonl import articles_from_jsonl
from storyline.ingest.language import language_warnings
from storyline.ingest.text import article_from_text
from storyline.model import Article, Corpus

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
PathLike = str | os.PathLike[str]


def load_articles(paths: PathLike | Sequence[PathLike], *, max_bytes: int = 20_000_000) -> Corpus:
    """Read every article under ``paths`` (files and folders, mixed)."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    warnings: list[str] = []
    articles: list[Article] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"no such file or directory: {path}")
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        for file in files:
            articles.extend(_read(file, max_bytes=max_bytes, warnings=warnings))
    if not articles:
        names = ", ".join(str(p) for p in paths)
        reason = f" ({len(warnings)} skipped, first: {warnings[0]})" if warnings else ""
        raise InputError(f"no articles found in {names}{reason}")
    articles = _unique_ids(articles, warnings)
    warnings.extend(language_warnings(articles))
    return Corpus(tuple(articles), tuple(warnings))


def _read(path: Path, *, max_bytes: int, warnings: list[str]) -> list[Article]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        warnings.append(f"skipped {path.name}: unsupported file type '{suffix or path.name}' (use .txt, .jsonl, .html)")
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


def _unique_ids(articles: list[Article], warnings: list[str]) -> list[Article]:
    """Ids are how Refs name documents: a repeated id gets a ``~2``, ``~3`` suffix."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    result = []
    for article in articles:
        count = seen.get(article.id, 0) + 1
        seen[article.id] = count
        if count > 1:
            new_id = f"{article.id}~{count}"
            warnings.append(f"duplicate document id {article.id!r} renamed {new_id!r}")
            article = replace(article, id=new_id)
        result.append(article)
    return result


__all__ = ["SUFFIXES", "load_articles"]
