"""JSONL articles: one JSON object a line, ``id`` and ``text`` required."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.html import parse_date
from storyline.model import Article

_OPTIONAL = ("title", "source", "url")


def articles_from_jsonl(text: str, *, path: Path, warnings: list[str]) -> list[Article]:
    """Every valid record; each bad line becomes a warning naming its line number."""
    articles = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            warnings.append(f"{where}: skipped malformed JSON line ({error.msg})")
            continue
        if number == 1 and isinstance(record, dict) and "protocol" in record:
            raise InputError(f"{path} is a benchmark file (protocol header); use `storyline eval {path}`")
        if not isinstance(record, dict):
            warnings.append(f"{where}: skipped, a record must be a JSON object")
            continue
        missing = [field for field in ("id", "text") if record.get(field) in (None, "")]
        if "text" not in missing and not isinstance(record["text"], str):
            warnings.append(f"{where}: skipped, 'text' must be a string")
            continue
        if missing:
            warnings.append(f"{where}: skipped, missing field {' and '.join(repr(m) for m in missing)}")
            continue
        if not record["text"].strip():
            warnings.append(f"{where}: skipped, empty text")
            continue
        date = parse_date(record.get("date"))
        if record.get("date") and date is None:
            warnings.append(f"{where}: unreadable date {record['date']!r} ignored")
        title, source, url = (str(record[f]) if record.get(f) is not None else None for f in _OPTIONAL)
        articles.append(
            Article(
                id=str(record["id"]),
                text=record["text"],
                title=title,
                date=date,
                source=source,
                url=url,
                path=str(path),
            )
        )
    return articles
