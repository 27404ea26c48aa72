"""JSONL articles: one JSON object a line, ``id`` and ``text`` required.

Optional fields: ``title``, ``date`` (ISO date or datetime), ``source``, ``url``.
A bad line becomes a warning naming the file and line number; blank lines are
not records and are passed over.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.dates import MAX_YEAR, MIN_YEAR, parse_date
from storyline.model import Article

_OPTIONAL = ("title", "source", "url")
# Ids name documents in every Ref and message; a longer one (a pasted text, a 5,000-digit
# number) is shortened to a prefix and a hash of the whole, which stays unique.
MAX_ID_CHARS = 100
_MAX_INT_DIGITS = 4000
# json.loads joins valid surrogate pairs into one character: what is left is a lone half.
_SURROGATE = re.compile("[\ud800-\udfff]")


def articles_from_jsonl(text: str, *, path: Path, warnings: list[str], first_line: int = 1) -> list[Article]:
    """Every valid record of the JSONL ``text`` read from ``path``.

    ``first_line``: the number of the text's first line in its file (a file read a part at a
    time), for the warnings; the header check is made on the file's first record only.

    Raises :class:`InputError` for a benchmark file (a ``protocol`` header
    record): its lines are clusters with reference summaries, not articles,
    and reading them as articles would give a meaningless brief.
    """
    articles = []
    first_record = first_line == 1
    # Not splitlines(): JSON strings may hold a raw U+2028 or U+0085, which it would split on.
    for number, line in enumerate(text.split("\n"), first_line):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line, parse_int=json_integer)
        except json.JSONDecodeError as error:
            warnings.append(f"{where}: skipped malformed JSON line ({error.msg} at column {error.colno})")
            first_record = False
            continue
        except RecursionError:
            warnings.append(f"{where}: skipped, JSON nested too deeply to read")
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
        warnings.append(
            f"{where}: unreadable date {record['date']!r:.40} ignored "
            f"(use an ISO date from year {MIN_YEAR} to {MAX_YEAR}, 2016-12-05)"
        )
    doc_id = str(doc_id)
    if len(doc_id) > MAX_ID_CHARS:
        short = f"{doc_id[: MAX_ID_CHARS - 20]}~{hashlib.sha1(doc_id.encode('utf-8', 'replace')).hexdigest()[:12]}"
        warnings.append(f"{where}: id of {len(doc_id):,} characters shortened to {short!r:.60}")
        doc_id = short
    title, source, url = (_optional(record.get(name)) for name in _OPTIONAL)
    fields = {"id": doc_id, "text": text, "title": title, "source": source, "url": url}
    repaired = {name: replace_surrogates(value) for name, value in fields.items() if value is not None}
    bad = [name for name, value in fields.items() if value is not None and repaired[name] != value]
    if bad:
        warnings.append(
            f"{where}: lone surrogate code points (\\ud800-\\udfff, not text) in {', '.join(bad)} replaced by U+FFFD"
        )
    return Article(
        id=repaired["id"], text=repaired["text"], title=repaired.get("title"), date=date,
        source=repaired.get("source"), url=repaired.get("url"), path=str(path),
    )  # fmt: skip


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (JSON allows ``"\\ud800"``; no encoder writes it) as U+FFFD.

    One code point for one: every offset into the text stays the same.
    """
    return _SURROGATE.sub("\ufffd", text)


def json_integer(digits: str) -> int | str:
    """A JSON integer (``json.loads(..., parse_int=json_integer)``); one too long for ``int`` (Python
    refuses over 4,300 digits) stays its digits, for the record's checks to name, not the parser to refuse."""
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def _is_cluster(record: object) -> bool:
    """A benchmark cluster line (a ``docs`` list, and ``summaries``, not ``text``): many articles, not one."""
    return isinstance(record, dict) and "text" not in record and isinstance(record.get("docs"), list)


def _optional(value: object) -> str | None:
    """A metadata string, None for null or blank (a number is kept as its text)."""
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


__all__ = ["MAX_ID_CHARS", "articles_from_jsonl", "json_integer", "replace_surrogates"]
