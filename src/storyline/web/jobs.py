"""What a worker process does for one request: parse it, read the files, brief them, render the answer.

Everything here runs in a worker (:mod:`storyline.web.workers`), so it takes and returns only
what pickles: a :class:`Job` (paths as text, the options, the limits) in, the answer's bytes out.
The server process only moves bytes: a JSON request body is parsed and validated here, and the
brief is serialised here, because every millisecond the server spends holding the GIL on a 10 MB
body or a large brief is a millisecond ``/healthz`` and the other clients wait (bench/hostile.py).
No server path reaches the client: documents carry their file name only, and messages name "the
upload" or "the folder".

A request's time budget counts from when its body was in (:attr:`Job.started`): parsing,
reading, briefing and rendering all fit in it, and a stage past its deadline is interrupted
(:func:`storyline.budget.hard_stops`; the worker is then replaced, web/workers.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

import storyline
from storyline.budget import hard_stops, left_of
from storyline.config import BriefConfig
from storyline.errors import ConfigError, InputError, StorylineError
from storyline.ingest.jsonl import json_integer
from storyline.model import Corpus
from storyline.web.uploads import TooLarge, UploadFolder

__all__ = [
    "ArticleIn",
    "BriefRequest",
    "Job",
    "Limits",
    "brief_files",
    "folder_entries",
    "validation_message",
    "warm_up",
]

#: The file a JSON request's body is written to in the request's folder, for the worker to parse.
REQUEST_BODY = "request.json"


class ArticleIn(BaseModel):
    """One article of a JSON request (the fields of a JSONL record)."""

    model_config = ConfigDict(extra="forbid")
    id: str | int
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


class BriefRequest(BaseModel):
    """The JSON body of ``POST /api/brief``."""

    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn]
    words: int = 100
    ranker: str = "default"


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The server's limits a brief needs (:class:`storyline.web.app.Settings`)."""

    max_bytes: int
    max_files: int
    max_articles: int
    max_chars: int
    time_budget_s: float | None


@dataclass(frozen=True, kw_only=True)
class Job:
    """One request's brief: the files ``names`` in the folder ``root`` (every file there when None), or
    the JSON request body written there (``body``); ``warnings`` come first in the brief's warnings
    (what the server saw while reading the request); ``alias`` replaces ``root`` in every message."""

    root: str
    names: list[str] | None
    fmt: str
    alias: str
    limits: Limits
    started: float
    warnings: tuple[str, ...] = ()
    words: object = 100
    ranker: str = "default"
    body: str | None = None


def brief_files(job: Job) -> bytes:
    """The brief of ``job`` as JSON (as FastAPI's JSONResponse writes it) or the HTML report, in UTF-8."""
    try:
        words, ranker = job.words, job.ranker
        if job.body is not None:
            words, ranker = _write_articles(job)
        config = BriefConfig(
            words=_words(words), ranker=ranker, max_bytes=job.limits.max_bytes, max_documents=job.limits.max_articles,
            max_chars=job.limits.max_chars, time_budget_s=job.limits.time_budget_s,
        )  # fmt: skip
        paths = [os.path.join(job.root, n) for n in job.names] if job.names is not None else job.root
        corpus = _without_paths(storyline.load_articles(paths, max_bytes=config.max_bytes), job.warnings)
        # What is left once parsed and read: the brief's own deadlines end where the request's budget does.
        config = replace(config, time_budget_s=left_of(job.limits.time_budget_s, job.started))
        with hard_stops():  # a worker owns its process's signals; in the server's thread (workers=0) a no-op
            brief = storyline.build_brief(corpus, config)
    except StorylineError as error:
        raise type(error)(str(error).replace(job.root, job.alias)) from None
    if job.fmt == "html":
        return storyline.render(brief, "html").encode("utf-8")
    return json.dumps(brief.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def _write_articles(job: Job) -> tuple[object, str]:
    """Parse and validate the JSON request body, write its articles as JSONL beside it: its words and ranker."""
    body = Path(job.root, str(job.body))
    try:
        # json.loads, not pydantic's parser: it keeps a lone surrogate ("\\ud800") for the reader to
        # repair with a warning on that article, where pydantic refuses the whole request; and an id
        # of 5,000 digits stays its digits, shortened with a warning on that article as in a JSONL file.
        data = json.loads(body.read_bytes(), parse_int=json_integer)
    except RecursionError:
        raise ConfigError("invalid body: JSON nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, bytes that are not UTF-8, a 5,000-digit number
        raise ConfigError(f"invalid body: not JSON ({str(error).split(':')[0]})") from None
    finally:
        body.unlink()
    try:
        request = BriefRequest.model_validate(data)
    except ValidationError as error:
        raise ConfigError(validation_message(error.errors())) from None
    limit = job.limits.max_articles
    if len(request.articles) > limit:
        raise TooLarge(f"too many articles: {len(request.articles):,}, the limit is {limit:,} a request")
    if request.articles:
        uploads = UploadFolder(Path(job.root), max_bytes=job.limits.max_bytes, max_files=job.limits.max_files)
        records = (a.model_dump(exclude_none=True) for a in request.articles)
        uploads.add_text("articles.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    else:
        raise InputError("no articles given: paste text or choose files")
    return request.words, request.ranker


def _words(value: object) -> int:
    """The word budget from a form field (text) or JSON (already an int)."""
    try:
        return int(str(value).strip())
    except ValueError:
        raise ConfigError(f"words must be a positive integer, got {value!r:.40}") from None


def validation_message(errors: Any) -> str:
    """Pydantic's first error as one line naming the field and the bad value."""
    if not errors:
        return "invalid request"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "body"
    value = f", got {first['input']!r:.60}" if "input" in first and where != "body" else ""
    return " ".join(f"invalid {where}: {first.get('msg', 'invalid value')}{value}".split())


def warm_up() -> None:
    """Brief two short articles with the app's default options: a worker's first request then finds
    the stages imported and the models loaded (:class:`storyline.web.workers.WorkerPool`)."""
    text = "The council said on Monday it had approved the new bridge. Officials said 12 people objected."
    articles = [storyline.Article(id="a", text=text), storyline.Article(id="b", text=text.replace("12", "15"))]
    storyline.build_brief(articles, BriefConfig())


def _without_paths(corpus: Corpus, warnings: tuple[str, ...]) -> Corpus:
    """Each document's path as its file name: the server's folders are not the client's business,
    and two identical requests give identical answers."""
    articles = tuple(replace(a, path=Path(a.path).name) if a.path else a for a in corpus.articles)
    return Corpus(articles, warnings + corpus.warnings)


def folder_entries(root: Path) -> tuple[list[str], list[str]]:
    """The names to read in the served folder, and a warning for each entry left out.

    A link is read only when it resolves to a file inside the folder; a link loop, a dangling
    link, a link out of the folder and a subfolder are warnings, never a 500 or a server path.
    """
    names, skipped = [], []
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as error:
        raise InputError(f"cannot list the folder ({error.strerror or error})") from None
    for entry in entries:
        problem = _problem(root, entry)
        if problem:
            skipped.append(f"skipped {entry.name}: {problem}")
        else:
            names.append(entry.name)
    if not names:
        first = f" ({skipped[0]})" if skipped else ""
        raise InputError(f"no articles found in the folder{first}")
    return names, skipped


def _problem(root: Path, entry: Path) -> str | None:
    try:
        if entry.is_symlink():
            target = entry.resolve(strict=True)
            if not target.is_relative_to(root):
                return "a link to outside the folder"
        if entry.is_dir():
            return "a folder (folders are not read recursively)"
    except RuntimeError:  # Python < 3.13 reports a link loop so
        return "a link loop"
    except FileNotFoundError:
        return "a broken link"
    except OSError as error:  # ELOOP on newer Pythons, permission denied
        return f"cannot read it ({error.strerror or type(error).__name__})"
    return None
