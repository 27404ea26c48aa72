"""JSONL articles: one JSON object a line, ``id`` and ``text`` required.

Optional fields: ``title``, ``date`` (ISO date or datetime), ``source``, ``url``.
A bad line becomes a warning naming the file and line number; blank lines are
not records and are passed over.
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.dates import parse_date
from storyline.model import Article

_OPTIONAL = ("title", "source", "url")


def articles_from_jsonl(text: str, *, path: Path, warnings: list[str]) -> list[Article]:
    """Every valid record of the JSONL ``text`` read from ``path``.

    Raises :class:`InputError` for a benchmark file (a ``protocol`` header
    record): its lines are clusters with reference summaries, not articles,
    and reading them as articles would give a meaningless brief.
    """
    articles = []
    first_record = True
    # Not splitlines(): JSON strings may hold a raw U+2028 or U+0085, which it would split on.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            warnings.append(f"{where}: skipped malformed JSON line ({error.msg} at column {error.colno})")
            first_record = False
            continue
        if first_record and isinstance(record, dict) and "protocol" in record:
            raise InputError(f"{path} is a benchmark file (protocol header); use `storyline eval {path}`")
        first_record = False
        if _is_cluster(record):  # a benchmark file whose header was lost: every line would be skipped
            raise InputError(f"{path} is a benchmark file ({where}: a cluster of docs); use `storyline eval {path}`")
        article = _article(record, where=where, path=path, warnings=warnings)
        if article is not None:
            articles.append(article)
    return articles


def _article(record: object, *, where: str, path: Path, warnings: list[str]) -> Article | None:
    """The article of one parsed line, or None after adding a warning that says why not."""
    if not isinstance(record, dict):
        warnings.append(f"{where}: skipped, a record must be a JSON object, not {type(record).__name__}")
        return None
    missing = [name for name in ("id", "text") if record.get(name) is None]
    if missing:
        warnings.append(f"{where}: skipped, missing field {' and '.join(repr(m) for m in missing)}")
        return None
    doc_id, text = record["id"], record["text"]
    # bool is an int subclass, but true/false is a mistake, not an id.
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or not str(doc_id).strip():
        warnings.append(f"{where}: skipped, field 'id' must be a non-empty string or number, got {doc_id!r:.40}")
        return None
    if not isinstance(text, str):
        warnings.append(f"{where}: skipped, field 'text' must be a string, not {type(text).__name__}")
        return None
    if not text.strip():
        warnings.append(f"{where}: skipped, field 'text' is empty")
        return None
    date = parse_date(record.get("date"))
    if record.get("date") is not None and date is None:
        warnings.append(f"{where}: unreadable date {record['date']!r:.40} ignored (use an ISO date, 2016-12-05)")
    title, source, url = (_optional(record.get(name)) for name in _OPTIONAL)
    return Article(id=str(doc_id), text=text, title=title, date=date, source=source, url=url, path=str(path))


def _is_cluster(record: object) -> bool:
    """A benchmark cluster line (a ``docs`` list, and ``summaries``, not ``text``): many articles, not one."""
    return isinstance(record, dict) and "text" not in record and isinstance(record.get("docs"), list)


def _optional(value: object) -> str | None:
    """A metadata string, None for null or blank (a number is kept as its text)."""
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


__all__ = ["articles_from_jsonl"]
