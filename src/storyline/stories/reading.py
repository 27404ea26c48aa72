"""Where an ingest's batches come from: paths (a JSONL file streamed, never read whole) or a live stream.

A feed file may be large (100,000 articles of JSONL are ~350 MB). A ``.jsonl`` file in UTF-8 is
read a batch of lines at a time, so memory stays that of one batch whatever the file's size;
each batch is then taken in date order (:func:`in_date_order`), so a feed written in date order
stays in it. Other inputs (folders, HTML, text, JSONL in another encoding) are read whole as the
brief reads them, each path as one executor task, and taken in date order overall.

The driver only reads a streamed file's lines: parsing them into articles, the language check
and each article's features (:func:`parse_lines`) are executor tasks, a few per batch (on Ray or
a process pool: on the workers, while the driver clusters an earlier batch). A batch's articles
are there when first asked for (:class:`Batch`); every executor gives the same ones. For
``ingest --windows`` a task is one window of :data:`~.windows.WINDOW` lines, clustered where it is
parsed: what comes back to the driver is the window's articles, their hashes and its stories,
never each article's features.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from storyline.errors import InputError
from storyline.ingest import load_articles
from storyline.ingest.files import Skip, decode
from storyline.ingest.jsonl import articles_from_jsonl
from storyline.ingest.language import language_warnings
from storyline.model import Article
from storyline.stories.decision import Model
from storyline.stories.executors import EmbeddedExecutor, Executor, Pending
from storyline.stories.features import ArticleFeatures, article_features
from storyline.stories.windows import WINDOW, WindowResult, parsed_window

__all__ = [
    "BATCH",
    "MAX_LINE_BYTES",
    "MAX_WAIT_S",
    "Batch",
    "Parsed",
    "date_order",
    "in_date_order",
    "parse_lines",
    "read_paths",
    "read_stream",
]

# Articles per transaction: large enough that a commit (~5 ms with WAL) is under 1% of the
# batch's work, small enough that a crash loses little and a live feed's briefs stay fresh.
BATCH = 500
# A live feed's batch closes after this long even when not full: freshness over throughput.
MAX_WAIT_S = 0.5
# A file read whole must fit in memory; a streamed one has no limit but this one per line (the
# brief's guard on one input: a longer line is no article, and reading it would hold it whole).
MAX_FILE_BYTES = 2_000_000_000
MAX_LINE_BYTES = 20_000_000
T = TypeVar("T")
# Bytes looked at to decide whether a JSONL file can be streamed as UTF-8 (else it is read whole).
_SNIFF = 65_536
# Lines per parsing task: a Ray task costs the driver ~1 ms to submit and collect, so a task is at
# least this many articles (~0.1 s of work); a batch is cut in two tasks a worker, so that each of
# them has one to start as soon as it is free.
MIN_TASK_LINES = 64


@dataclass(frozen=True)
class Parsed:
    """One task's part of a batch: its articles, the warnings of reading and of the language check, and
    the articles' features (when asked for); ``failed``: the lines were no articles (a benchmark file).
    Parsed by windows: the articles' content hashes and the windows' clusterings (one a task)."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...]
    language: tuple[str, ...] = ()
    features: tuple[ArticleFeatures, ...] | None = None
    failed: bool = False
    hashes: tuple[str, ...] | None = None
    windows: tuple[WindowResult, ...] | None = None


class Batch:
    """Articles read together, the warnings their reading gave and, when computed with them, their features.

    ``parsing``: the batch's parts still being parsed on an executor; the articles, warnings and
    features are theirs, waited for when first asked for.
    """

    def __init__(
        self,
        articles: tuple[Article, ...] = (),
        warnings: tuple[str, ...] = (),
        total: int | None = None,  # articles in the whole input, when known (a file's; not a live feed's)
        *,
        parsing: Pending[Parsed] | None = None,
        featured: bool = False,
        head: Parsed | None = None,
    ) -> None:
        self.total = total
        self._parsing = parsing
        self._featured = featured and parsing is not None
        self._parsed = Parsed(articles, warnings) if parsing is None else None
        self._head = head  # the part read here, before the parsed ones (the warnings of reading the lines)
        self._before: tuple[str, ...] = ()

    @classmethod
    def of_parts(cls, parts: Sequence[Parsed], before: tuple[str, ...], total: int | None) -> Batch:
        """The batch of parts parsed elsewhere (:attr:`shipped`), as the batch that shipped them reads them."""
        batch = cls(total=total)
        batch._parsed, batch._before = _joined(parts), before
        return batch

    def told(self, warnings: tuple[str, ...], total: int | None) -> Batch:
        """This batch with ``warnings`` (of the whole input's reading) before its own, and the input's total."""
        batch = Batch(total=total, parsing=self._parsing, featured=self._featured, head=self._head)
        batch._parsed, batch._before = self._parsed, warnings + self._before
        return batch

    @property
    def shipped(self) -> tuple[Parsed, tuple[str, ...], Pending[Parsed]] | None:
        """While its parts are being parsed on Ray and nothing read them here: the part read here, the
        warnings before it, and the parts on their way (whose ``refs`` :meth:`of_parts` is given, joined)."""
        if self._parsed is not None or self._parsing is None or not self._parsing.remote:
            return None
        return self._head or Parsed((), ()), self._before, self._parsing

    def _result(self) -> Parsed:
        if self._parsed is None:
            assert self._parsing is not None
            parts = self._parsing.result()
            self._parsed = _joined([self._head, *parts] if self._head else parts)
        return self._parsed

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._result().articles

    @property
    def warnings(self) -> tuple[str, ...]:
        return self._before + self._result().warnings

    @property
    def features(self) -> tuple[ArticleFeatures, ...] | None:
        """The articles' features in their order, when they were computed with the reading."""
        return self._result().features

    @property
    def hashes(self) -> tuple[str, ...] | None:
        """The articles' content hashes in their order, when they were parsed by windows."""
        return self._result().hashes

    @property
    def windows(self) -> tuple[WindowResult, ...] | None:
        """The articles clustered by window as they were parsed (:func:`parse_lines`): consecutive
        windows, each of all the articles of its lines, in their order."""
        return self._result().windows

    @property
    def prepared(self) -> bool:
        """Whether the features come with the articles (then nothing waits for them before they are asked for)."""
        return self._featured or self._parsed is not None and self._parsed.features is not None


def _joined(parts: Sequence[Parsed]) -> Parsed:
    """The parts of one batch as one, warnings as one parse of the whole batch gives them: reading's, then
    the language check's; a batch one of whose parts failed has no article (as when parsed whole)."""
    failed = next((n for n, p in enumerate(parts) if p.failed), None)
    if failed is not None:
        return Parsed((), tuple(w for p in parts[: failed + 1] for w in p.warnings), failed=True)
    return Parsed(
        tuple(a for p in parts for a in p.articles),
        tuple(w for p in parts for w in p.warnings) + tuple(w for p in parts for w in p.language),
        features=_concatenated([p.features for p in parts]),
        hashes=_concatenated([p.hashes for p in parts]),
        windows=_concatenated([p.windows for p in parts]),
    )


def _concatenated(parts: Sequence[tuple[T, ...] | None]) -> tuple[T, ...] | None:
    """The parts' items in order; None when a part has none (not computed for it)."""
    return None if any(p is None for p in parts) else tuple(x for p in parts for x in p or ())


def date_order(articles: Sequence[Article]) -> list[int]:
    """The positions of ``articles`` by date; an undated article takes the date of the article before it
    (input order otherwise kept)."""
    keyed: list[tuple[dt.date, int]] = []
    current = dt.date.min
    for n, article in enumerate(articles):
        current = article.date or current
        keyed.append((current, n))
    keyed.sort()
    return [n for _, n in keyed]


def in_date_order(articles: Sequence[Article]) -> list[Article]:
    """``articles`` in :func:`date_order`."""
    return [articles[n] for n in date_order(articles)]


def _read_one(path: str) -> tuple[list[Article], list[str]]:
    """One path's articles and warnings; a path with no article at all is a warning, not an error."""
    try:
        corpus = load_articles(path, max_bytes=MAX_FILE_BYTES)
    except InputError as error:
        return [], [str(error)]
    return list(corpus.articles), list(corpus.warnings)


def read_paths(
    paths: Sequence[str | Path],
    *,
    executor: Executor | None = None,
    size: int = BATCH,
    features: bool = True,
    windows: Model | None = None,
) -> Iterator[Batch]:
    """Batches of the articles under ``paths``: the paths read whole first (in date order overall),
    then each streamable JSONL file, a batch of lines at a time, parsed on ``executor`` (with each
    article's features unless ``features`` is false; with ``windows``, a model, clustered by windows
    of :data:`~.windows.WINDOW` lines as they are parsed, for ``ingest --windows``)."""
    for path in map(Path, paths):
        if not path.exists():
            raise InputError(f"no such file or directory: {path}")
    streamed = [Path(p) for p in paths if _streamable(Path(p))]
    whole = [str(p) for p in paths if Path(p) not in streamed]
    executor = executor or EmbeddedExecutor()
    read = executor.map(_read_one, whole, chunk=1) if whole else []
    warnings = [w for _, ws in read for w in ws]
    articles = in_date_order([a for arts, _ in read for a in arts])
    lines = [_count_lines(p) for p in streamed]
    total = len(articles) + sum(lines)
    produced = 0
    for start in range(0, len(articles), size):
        produced += 1
        yield Batch(tuple(articles[start : start + size]), tuple(warnings) if start == 0 else (), total)
    for path in streamed:
        for batch in _stream_file(path, size, executor, features, windows):
            produced += 1
            yield batch.told(tuple(warnings) if produced == 1 else (), total)
    if not produced:
        yield Batch((), tuple(warnings))


def _streamable(path: Path) -> bool:
    """A ``.jsonl`` file whose start is UTF-8 (a BOM allowed) with no NUL: it can be read line by line."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFF)
    except OSError:
        return False  # read whole, where the error becomes a warning
    if b"\x00" in head or not head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # a character cut at the sniff's end is still UTF-8
        return error.start >= len(head) - 3 and len(head) == _SNIFF
    return True


def _count_lines(path: Path) -> int:
    """The file's non-empty lines, counted in 1 MB blocks (the progress bar's total; ~1 s per GB)."""
    lines, last = 0, b"\n"
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def _stream_file(path: Path, size: int, executor: Executor, features: bool, windows: Model | None) -> Iterator[Batch]:
    with path.open("rb") as file:
        yield from _batches_of_lines(file, path, size, executor, features, windows)


def _batches_of_lines(
    file: BinaryIO,
    path: Path,
    size: int,
    executor: Executor | None = None,
    features: bool = False,
    windows: Model | None = None,
) -> Iterator[Batch]:
    executor = executor or EmbeddedExecutor()
    number = 0
    chunk: list[str] = []
    first = 1
    warnings: list[str] = []
    while True:
        raw = file.readline(MAX_LINE_BYTES + 1)
        if not raw:
            break
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            warnings.append(f"{path.name}:{number}: skipped, a line over {MAX_LINE_BYTES:,} bytes")
            while (rest := file.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            raw = b"\n"
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line = decode(raw, f"{path.name}:{number}", warnings)
            except Skip as skip:
                warnings.append(str(skip))
                line = "\n"
        chunk.append(line if line.endswith("\n") else line + "\n")
        if len(chunk) == size:
            yield _parsing(chunk, first, path, warnings, executor, features, windows)
            chunk, first, warnings = [], number + 1, []
    if chunk or warnings:
        yield _parsing(chunk, first, path, warnings, executor, features, windows)


def _parsing(
    lines: list[str],
    first: int,
    path: Path,
    warnings: list[str],
    executor: Executor,
    features: bool,
    windows: Model | None = None,
) -> Batch:
    """A batch of ``lines`` (the file's lines from number ``first`` on), parsed in parts on ``executor``;
    ``warnings``: those of reading the lines, before the parts' own. By windows, a part is a window
    (whatever the number of workers, so that the stories do not depend on it)."""
    step = WINDOW if windows else max(MIN_TASK_LINES, -(-len(lines) // (2 * executor.workers)))
    jobs = [("".join(lines[i : i + step]), first + i, str(path), features, windows) for i in range(0, len(lines), step)]
    head = Parsed((), tuple(warnings), features=() if features else None)
    if windows:
        head = replace(head, features=None, hashes=(), windows=())
    pending = executor.submit(parse_lines, jobs, chunk=1)
    return Batch(parsing=pending, featured=features and not windows, head=head)


def parse_lines(job: tuple[str, int, str, bool, Model | None]) -> Parsed:
    """The articles of a JSONL text (the file's lines from number ``first`` on), the language check's
    warnings and, when asked, the articles' features: the part of reading a worker does. With a
    model (``ingest --windows``) the text is one window: its articles are clustered here, in date
    order (:func:`~.windows.parsed_window`), and what comes back is their hashes and the window's stories."""
    text, first, path, with_features, window_model = job
    warnings: list[str] = []
    try:
        articles = articles_from_jsonl(text, path=Path(path), warnings=warnings, first_line=first)
    except InputError as error:  # a benchmark file: nothing of it is an article
        return Parsed((), (*warnings, str(error)), failed=True)
    features = tuple(article_features(a) for a in articles) if with_features or window_model else None
    language = tuple(language_warnings(articles))
    if window_model is None or features is None:
        return Parsed(tuple(articles), tuple(warnings), language, features)
    window = parsed_window(articles, features, date_order(articles), window_model)
    hashes = tuple(f.hash for f in features)
    return Parsed(tuple(articles), tuple(warnings), language, hashes=hashes, windows=(window,))


def read_stream(
    stream: TextIO, *, name: str = "<stdin>", size: int = BATCH, max_wait: float = MAX_WAIT_S
) -> Iterator[Batch]:
    """Batches of JSONL records from a live ``stream``.

    A batch closes when full or ``max_wait`` seconds after its first line, whichever comes first.
    """
    lines: queue.Queue[str | None] = queue.Queue(maxsize=4 * size)

    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True, name="storyline-stdin").start()
    number, done = 0, False
    while not done:
        chunk: list[str] = []
        first = number + 1
        deadline: float | None = None
        while len(chunk) < size:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                break
            if line is None:
                done = True
                break
            chunk.append(line)
            number += 1
            deadline = deadline or time.monotonic() + max_wait
        if chunk:
            warnings: list[str] = []
            try:
                articles = articles_from_jsonl("".join(chunk), path=Path(name), warnings=warnings, first_line=first)
            except InputError as error:  # a benchmark file on stdin: nothing of it is an article
                articles, warnings = [], [str(error)]
            yield Batch(tuple(articles), tuple(warnings))
