"""Benchmark files: a protocol line, then one cluster with its reference summaries per line.

The format (``../shared/data/README.md``)::

    {"protocol": {"dataset": "opinosis", "words": 25, "note": "..."}}
    {"id": "...", "docs": [{"id", "title", "date", "source", "text"}, ...], "summaries": ["...", ...]}

Any file in this format is read without code changes; a malformed one raises
:class:`~storyline.errors.InputError` naming the file and the line.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import ConfigError, InputError
from storyline.eval.protocols import Protocol, preset, protocol_from_header
from storyline.ingest.html import parse_date
from storyline.model import Article


@dataclass(frozen=True)
class Cluster:
    """One benchmark input: its articles and the human reference summaries."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


def load_benchmark(
    path: Path, *, protocol: str | None = None, limit: int | None = None
) -> tuple[Protocol, list[Cluster]]:
    """Read a benchmark file: its protocol (or the preset ``protocol``) and its clusters.

    ``limit`` keeps the first N clusters (the rest of the file is still checked
    only as far as it is read).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such benchmark file: {path}")
    chosen = preset(protocol) if protocol is not None else None  # a bad --protocol is a usage error
    try:
        with path.open(encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read benchmark file ({error})") from None
    if not lines or not lines[0].strip():
        raise InputError(f'{path}:1: empty benchmark file; the first line must be {{"protocol": {{...}}}}')
    header = _json(path, 1, lines[0]).get("protocol")
    if not isinstance(header, dict):
        raise InputError(f'{path}:1: the first line must be {{"protocol": {{...}}}}')
    try:
        found = chosen or protocol_from_header(header)
    except ConfigError as error:
        raise InputError(f"{path}:1: bad protocol: {error}") from None
    clusters: list[Cluster] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[1:], 2):
        if limit is not None and len(clusters) >= limit:
            break
        if not line.strip():
            continue
        cluster = _cluster(path, number, _json(path, number, line))
        if cluster.id in seen:
            raise InputError(f"{path}:{number}: cluster id {cluster.id!r} already used on line {seen[cluster.id]}")
        seen[cluster.id] = number
        clusters.append(cluster)
    if not clusters:
        raise InputError(f"{path}: no clusters after the protocol line")
    return found, clusters


def slice_digest(path: Path, clusters: int) -> str:
    """sha256 of a benchmark file's protocol line and its first ``clusters`` cluster lines (blank lines skipped).

    Pins the exact data a score floor was measured on.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such benchmark file: {path}")
    digest = hashlib.sha256()
    kept = 0
    with path.open("rb") as f:
        for number, line in enumerate(f):
            if number > 0 and not line.strip():
                continue
            if number > 0 and kept == clusters:
                break
            digest.update(line.rstrip(b"\r\n") + b"\n")
            kept += number > 0
    return digest.hexdigest()


def _json(path: Path, number: int, line: str) -> dict[str, object]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{number}: malformed JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{path}:{number}: each line must be a JSON object, got {type(record).__name__}")
    return record


def _cluster(path: Path, number: int, record: dict[str, object]) -> Cluster:
    where = f"{path}:{number}"
    docs, summaries = record.get("docs"), record.get("summaries")
    if not isinstance(docs, list) or not docs:
        raise InputError(f"{where}: a cluster needs a non-empty 'docs' list")
    if not isinstance(summaries, list) or not summaries:
        raise InputError(f"{where}: a cluster needs a non-empty 'summaries' list")
    if not all(isinstance(s, str) and s.strip() for s in summaries):
        raise InputError(f"{where}: every reference summary must be a non-empty string")
    articles = []
    ids: set[str] = set()
    for n, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise InputError(f"{where}: document {n} needs a 'text' string")
        doc_id = str(doc.get("id") or f"doc-{n}")
        if doc_id in ids:
            raise InputError(f"{where}: document id {doc_id!r} used twice in one cluster")
        ids.add(doc_id)
        articles.append(
            Article(
                id=doc_id,
                text=doc["text"],
                title=_optional(doc.get("title")),
                date=parse_date(doc.get("date")),
                source=_optional(doc.get("source")),
            )
        )
    return Cluster(str(record.get("id") or f"line-{number}"), tuple(articles), tuple(summaries))


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


__all__ = ["Cluster", "load_benchmark", "slice_digest"]
