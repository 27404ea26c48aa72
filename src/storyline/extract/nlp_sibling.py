"""spaCy's share of a one-shot brief, made in a sibling process while this one makes the rest.

A cold ``storyline brief`` spends about half its CPU on spaCy: importing it, loading
``en_core_web_sm``, then the NER of the story's paragraphs and the parses of its figures' sentences
(bench/results/cold.md). None of that needs the summary's stages, and they need none of it, so on a
machine with two cores the command line's brief forks (:func:`start`), before it imports its
stages, a sibling that imports spaCy and loads the pipeline while this process imports the stages
and reads, splits and ranks the story. Once the story is prepared
(:func:`storyline.extract.analyses.announce`) this process sends the sibling the sentences and the
NER's chunks of text; the sibling reads the numbers of each sentence (their events from the parse)
and the entities of each chunk with the same functions this process would run, and sends them back,
one kind at a time (the numbers first: the figures ask for them before the quotations' cue readings
(:mod:`storyline.extract.parse_speaker`) and the entities are reached),
into this process's kept results (:class:`storyline.extract.analyses.Kept`). A result kept by its
exact text is the one a fresh analysis of that text gives (tests/extract/test_analyses.py), so the
brief is byte for byte the one made in one process (tests/extract/test_nlp_sibling.py), and this
process never imports spaCy.

Whatever goes wrong in the sibling (spaCy missing, a crash, a kill, no answer within
:func:`patience`) costs only time: this process keeps what did arrive and makes the rest itself. The
sibling never outlives the command: this process kills and reaps it when it exits (an exit handler;
reaped, its CPU is counted in the command's own), the kernel kills it if this process dies first
(``PR_SET_PDEATHSIG``), and it ends when its pipe to this process is closed.
It forks only where a core is free at that moment (:func:`free_cores`): on a machine whose cores are all
busy a second process only competes with the first. ``STORYLINE_NLP_SIBLING=off`` makes every brief
in one process, ``on`` forks whatever the machine's load.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from storyline.budget import BudgetSpent
from storyline.extract.analyses import is_keeping, named

if TYPE_CHECKING:
    from storyline.model import Document

# What the sibling is given: a function returning the parent's request, and one sending a kind's results.
Request = Callable[[], Any]
Send = Callable[[str, dict[str, Any]], None]
T = TypeVar("T")

__all__ = ["NER", "NUMBERS", "SPEAKERS", "Sibling", "free_cores", "patience", "start"]

# The kinds of results the sibling makes (storyline.extract.analyses.named), in the order it sends them.
NUMBERS = "numbers (parse)"
SPEAKERS = "speaker readings"  # the parse's reading of quotation cues (storyline.extract.parse_speaker)
NER = "ner"
_HEADER = struct.Struct(">Q")  # each message: its length, then its pickle
_TURNED_OFF = ("off", "0", "no", "false")


def patience(chars: int) -> float:
    """Seconds to wait for the sibling's next results on a story of ``chars`` characters: 20 (importing
    spaCy and loading its model take ~1 s of CPU, several on a loaded machine), and a second per 10,000
    characters (the NER reads ~50,000 a second: storyline.budget.SPACY_CHARS_PER_S). Past it the
    sibling is taken for hung, and this process makes its results itself."""
    return 20.0 + chars / 10_000


def start() -> Sibling | None:
    """Fork the sibling now, or None where it cannot help: turned off, results not kept, spaCy imported
    here already (a warm process), other threads running (a fork copies none of them), no core free now
    (:func:`free_cores`; ``STORYLINE_NLP_SIBLING=on`` forks anyway), or not Linux (the sibling forks again
    once its libraries are loaded, which macOS's system libraries do not allow for, and only Linux kills
    a process's children with it: ``PR_SET_PDEATHSIG``)."""
    asked = os.environ.get("STORYLINE_NLP_SIBLING", "auto").strip().lower()
    if asked in _TURNED_OFF or (asked != "on" and free_cores() < 1):
        return None
    if not sys.platform.startswith("linux") or "spacy" in sys.modules or threading.active_count() > 1:
        return None
    if not is_keeping():
        return None
    from storyline.extract.nlp import spacy_available

    if not spacy_available():
        return None
    _shared_imports()
    ask_read, ask_write = os.pipe()
    answer_read, answer_write = os.pipe()
    parent = os.getpid()
    sys.stdout.flush()  # the child ends with os._exit, so it never writes the parent's buffered output
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the sibling: never returns
        os.close(ask_write)
        os.close(answer_read)
        _sibling(parent, ask_read, answer_write, _answer)
    os.close(ask_read)
    os.close(answer_write)
    sibling = Sibling(pid, ask_write, answer_read)
    atexit.register(sibling.close)
    return sibling


def free_cores(loadavg: str = "/proc/loadavg") -> int:
    """The cores this process may run on that nothing runs on right now: the kernel's count of running
    tasks (``loadavg``'s fourth field, the caller included) taken from them. Two processes only
    beat one where the second has a core of its own: on a 2-core machine with another job running, the
    sibling's brief took longer than the one-process brief (bench/results/cold.md)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        with open(loadavg, encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):  # no such count here: every core counted free
        return cores
    return cores - running


def _shared_imports() -> None:
    """Import, before the fork, the modules both processes would import after it (the sibling's readers of
    numbers and entities, numpy and pydantic with them: ~0.2 s of CPU once instead of twice; this process
    imports them for its own stages anyway, so neither process's path gets longer)."""
    from storyline.imports import collected_once

    with collected_once():
        import pydantic  # noqa: F401  spaCy's configuration and typer's options read it

        from storyline.extract import entities_spacy, event_parse, mentions, parse_speaker  # noqa: F401


class Sibling:
    """This process's end of the sibling (a :class:`storyline.extract.analyses.Supplier`)."""

    def __init__(self, pid: int, ask: int, answers: int) -> None:
        self.pid = pid
        self._ask: int | None = ask
        self._answers: int | None = answers
        self._patience = patience(0)
        self.received: list[str] = []  # the kinds of results in, in order
        self.failed: str | None = None  # why the sibling is given up on, once it is

    def story(self, documents: Sequence[Document]) -> tuple[str, ...]:
        """Send the sibling what this brief will ask of spaCy; the kinds it is to send back."""
        from storyline.extract.entities import ner_texts

        # Each distinct sentence once (a number's reading depends on its sentence's text alone: mentions.py).
        sentences = list({s.text: s for d in documents for s in d.sentences}.values())
        chunks = ner_texts(documents)
        self._patience = patience(sum(len(d.article.text) for d in documents))
        try:
            if self._ask is None:
                raise OSError("closed")
            _send(self._ask, (sentences, chunks, tuple(documents)))
        except OSError as error:  # the sibling is gone already
            self._give_up(f"could not send the story: {error}")
            return ()
        finally:
            self._close_ask()
        return (NUMBERS, SPEAKERS, NER)

    def supply(self, name: str) -> None:
        """Keep the sibling's results of kind ``name`` (and of any kind sent before it) once they are in;
        return without them if the sibling failed, or when it does."""
        try:
            while self.failed is None and self._answers is not None and name not in self.received:
                kind, results = self._receive(self._answers)
                kept = named(kind)
                for text, result in results.items():
                    kept.keep(text, result)
                self.received.append(kind)
        except Exception as error:  # the sibling's failure: this process makes what is missing
            self._give_up(f"{type(error).__name__}: {error}")
            if isinstance(error, BudgetSpent):  # this brief's own hard stop (a message cut off is lost)
                raise
        except BaseException:  # this process interrupted (Ctrl-C): the sibling is not needed any more
            self._give_up("interrupted")
            raise

    def _receive(self, answers: int) -> tuple[str, dict[str, Any]]:
        (size,) = _HEADER.unpack(_read(answers, _HEADER.size, self._patience))
        kind, results = pickle.loads(_read(answers, size, self._patience))
        return str(kind), dict(results)

    def _give_up(self, why: str) -> None:
        self.failed = self.failed or why
        self.close()

    def _close_ask(self) -> None:
        if self._ask is not None:
            os.close(self._ask)
            self._ask = None

    def close(self) -> None:
        """End the sibling (whatever it is doing: what it was to send is not needed any more) and reap it."""
        self._close_ask()
        if self._answers is not None:
            os.close(self._answers)
            self._answers = None
        if self.pid:
            with contextlib.suppress(ProcessLookupError):  # ended already: a zombie until reaped
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read(fd: int, size: int, patience_s: float | None) -> bytes:
    """``size`` bytes from ``fd``, each wait for more at most ``patience_s`` seconds (None: no limit)."""
    parts: list[bytes] = []
    while size:
        ready, _, _ = select.select([fd], [], [], patience_s)
        if not ready:
            raise TimeoutError(f"no answer from the sibling in {patience_s:g} s")
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            raise EOFError("the sibling ended before it answered")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


# -- the sibling's side ------------------------------------------------------------------------------


def _sibling(parent: int, ask: int, answers: int, answer: Callable[[Request, Send], None]) -> NoReturn:
    """The sibling's life: answer the story it is sent, then exit (``os._exit``: nothing of the parent's
    exit handlers or buffers is run twice), whatever happens."""
    try:
        _die_with(parent)
        _PARENTS_PIPES.append(answers)
        devnull = os.open(os.devnull, os.O_WRONLY)  # its diagnostics are the parent's to give
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a Ctrl-C ends it at once
        request = _Reader(ask)
        writer = _Writer(answers)
        answer(request.get, writer.put)
        writer.finish()
    except BaseException:  # whatever went wrong, the parent makes what is missing itself
        pass
    finally:
        os._exit(0)


# The sibling's pipe to the parent, which a fork of the sibling closes.
_PARENTS_PIPES: list[int] = []

# The share of the NER's characters the sibling reads itself, besides the numbers; a fork of it (its
# pipeline loaded, shared) reads the rest at the same time. By CPU measured on the seeds, the numbers cost
# about 0.3 of what the NER of the whole story costs, so with 0.35 of it each process does about half.
_OWN_NER_SHARE = 0.35


def _answer(request: Request, send: Send) -> None:
    """Load the pipeline, then read the story's numbers and entities as this process's brief would: the
    numbers first, while a fork reads the entities of most of the chunks (:data:`_OWN_NER_SHARE`)."""
    from storyline.extract.nlp import pipeline

    pipeline()
    from storyline.extract.entities_spacy import entities_of
    from storyline.extract.event_parse import parsing
    from storyline.extract.mentions import Mentions
    from storyline.extract.parse_speaker import story_readings

    sentences, chunks, documents = request()
    # Shared with a fork of this process when a core is free for it (before this process starts a thread).
    mine, theirs = _split(chunks, _OWN_NER_SHARE) if free_cores() >= 1 else (chunks, [])
    forked = _forked(lambda: entities_of(theirs), bool(theirs))
    with parsing(True):
        Mentions(()).read_numbers(sentences)
    send(NUMBERS, named(NUMBERS).lookup([s.text for s in sentences])[0])
    with parsing(True):
        send(SPEAKERS, story_readings(documents))  # the quotations' cues, after the figures' numbers
    found = dict(entities_of(mine))
    found.update(forked())
    send(NER, found)


def _split(texts: list[str], share: float) -> tuple[list[str], list[str]]:
    """The first texts up to ``share`` of the characters, and the others."""
    total = sum(map(len, texts))
    run = 0
    for i, text in enumerate(texts):
        if run >= share * total:
            return texts[:i], texts[i:]
        run += len(text)
    return texts, []


def _forked(work: Callable[[], T], work_to_share: bool = True) -> Callable[[], T]:
    """Start ``work`` in a fork of this process; a function that waits for its result and reaps the fork
    (or, should the fork fail, does the work here)."""
    if not work_to_share:
        return work
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            _die_with(os.getppid())
            os.close(read_end)
            for fd in _PARENTS_PIPES:  # the parent's end of file is the sibling's to give, not this fork's
                os.close(fd)
            _send(write_end, work())
        except BaseException:  # the sibling does the work itself then
            pass
        finally:
            os._exit(0)
    os.close(write_end)

    def result() -> T:
        try:
            (size,) = _HEADER.unpack(_read(read_end, _HEADER.size, None))
            done: T = pickle.loads(_read(read_end, size, None))
        except (OSError, EOFError, struct.error, pickle.UnpicklingError):
            done = work()
        finally:
            os.close(read_end)
            os.waitpid(pid, 0)  # reaped: its CPU is counted in the command's
        return done

    return result


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), and end now if it died already."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed pipes still end it
        pass
    if os.getppid() != parent:
        os._exit(0)


class _Reader:
    """The parent's request, read by a thread as soon as it is written (the parent never waits to send it)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._message: Any = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            (size,) = _HEADER.unpack(_read(self._fd, _HEADER.size, None))
            self._message = pickle.loads(_read(self._fd, size, None))
        except (OSError, EOFError, struct.error, pickle.UnpicklingError):
            self._message = None

    def get(self) -> Any:
        self._thread.join()
        if self._message is None:
            raise EOFError("no story from the parent")
        return self._message


class _Writer:
    """Sends each kind of results by a thread (started with the first), so the sibling goes on at once."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._queue: list[tuple[str, dict[str, Any]]] = []
        self._ready = threading.Condition()
        self._done = False
        self._thread: threading.Thread | None = None

    def put(self, kind: str, results: dict[str, Any]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        with self._ready:
            self._queue.append((kind, results))
            self._ready.notify()

    def finish(self) -> None:
        with self._ready:
            self._done = True
            self._ready.notify()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._queue and not self._done:
                    self._ready.wait()
                if not self._queue:
                    return
                message = self._queue.pop(0)
            try:
                _send(self._fd, message)
            except OSError:  # the parent is gone or gave up
                return
