"""The FastAPI app: briefs of pasted, uploaded or served-folder articles, on the public API only.

Endpoints: ``GET /`` (the page), ``GET /healthz``, ``POST /api/brief`` (JSON
articles or multipart uploads -> the brief's JSON), ``POST /api/brief.html``
(the same -> the self-contained HTML report), ``GET /docs`` (the API, one page)
and, when started with a folder, ``GET /api/folder``. Every error is a one-line
``{"detail": ...}``.

Briefs run in worker processes (:mod:`storyline.web.workers`) under a size and
time budget (:class:`Settings`), so a huge or slow request cannot stall
``/healthz`` or the other clients: the budget counts from when the request's
body is in, its stages are interrupted at their deadlines (a brief cut with
warnings), and past ``timeout_s`` its worker is killed and the answer is a 503.
The server process itself only moves bytes (a JSON body is parsed, and a brief
serialised, in the worker: web/jobs.py), so nothing it does holds the GIL long.
A client that sends its body slower than ``body_timeout_s`` gets a 408.

Requests are scheduled by size, in two lanes of workers started with the app:
a request of more than ``large_bytes`` runs in the lane for huge ones (at most
``large_workers`` at once, at a lower priority), every other one in the lane of
``workers``. An ordinary brief then never waits for a huge one, nor shares a core
with it on equal terms (bench/hostile.py times the seeds beside a 10 MB brief).
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import storyline
from storyline import ConfigError, InputError, MissingDependencyError, StorylineError
from storyline.budget import left_of
from storyline.web.docs import docs_page
from storyline.web.jobs import REQUEST_BODY, Job, Limits, brief_files, folder_entries, validation_message, warm_up
from storyline.web.page import page
from storyline.web.uploads import TooLarge, UploadFolder
from storyline.web.workers import LARGE_NICENESS, WORKER_NICENESS, Busy, JobFailed, TimedOut, WorkerPool

log = logging.getLogger(__name__)


@dataclass
class Parsed:
    """A request, JSON or multipart, reduced to what the brief needs."""

    words: object = 100
    ranker: str = "default"
    body: bytes | None = None  # a JSON request's body, parsed in the worker (web/jobs.py)
    files: list[UploadFile] = field(default_factory=list)
    warnings: tuple[str, ...] = ()
    started: float = field(default_factory=time.monotonic)  # when the body was in: the budget's clock


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The server's limits. A request over ``max_upload_bytes``, ``max_files`` or ``max_articles``
    is refused (413); a brief is cut to ``max_chars`` characters and leaves out the stages still
    to run after ``time_budget_s`` (warnings); a worker still busy after ``timeout_s`` is killed
    (503); ``workers`` briefs run at once (0: in the request's thread, no isolation), and a request
    waits at most ``queue_s`` for one. A request of more than ``large_bytes`` of input (about two
    seconds' brief on 2 cores) runs instead in a lane of its own, ``large_workers`` at once.

    A worker is also killed (503) once its request's time budget, counted from when the body was in,
    is over by :data:`BUDGET_GRACE` of it (and at least :data:`MIN_GRACE_S`): the budget's own stops
    end a brief by then, unless the worker got almost no CPU (a huge request's lane runs at nice
    +15: on a machine kept busy by others it can get a hundredth of a core), and the answer must not
    wait on that."""

    max_upload_bytes: int = 20_000_000
    max_files: int = 200
    max_articles: int = 1_000
    max_chars: int = 3_000_000
    time_budget_s: float = 20.0
    timeout_s: float = 60.0
    body_timeout_s: float = 30.0
    workers: int = 2
    queue_s: float = 120.0
    large_bytes: int = 250_000
    large_workers: int = 1


#: How far past its time budget a request's worker may run before it is killed (a share of the budget)...
BUDGET_GRACE = 0.25
#: ... and at least (seconds): parsing, reading and rendering a small request take a moment even when
#: its budget is tiny.
MIN_GRACE_S = 5.0

_POOLS: dict[tuple[int, int], WorkerPool] = {}


def _pool(size: int, niceness: int) -> WorkerPool:
    """One pool per size and priority for the process: apps built alike (the tests' many clients)
    share workers."""
    if (size, niceness) not in _POOLS:
        _POOLS[size, niceness] = WorkerPool(size, niceness=niceness, warm_up=warm_up)
    return _POOLS[size, niceness]


def create_app(
    *,
    folder: Path | None = None,
    max_upload_bytes: int = 20_000_000,
    max_files: int = 200,
    settings: Settings | None = None,
    store: Path | None = None,
) -> FastAPI:
    """The app; with ``folder``, ``GET /api/folder`` briefs that folder (and the server reads no other path).

    With ``store``, ``/stories`` lists the story store's stories and opens their briefs (web/stories.py).
    """
    if folder is not None and not Path(folder).is_dir():
        raise InputError(f"not a folder: {folder}")
    root = Path(folder).resolve() if folder is not None else None
    limits = settings or Settings(max_upload_bytes=max_upload_bytes, max_files=max_files)
    pool = _pool(limits.workers, WORKER_NICENESS)
    # Without worker processes (workers=0) huge requests run in the request's thread too; without
    # a lane of their own (large_workers=0), in the one lane.
    large_pool = _pool(limits.large_workers, LARGE_NICENESS) if limits.workers and limits.large_workers else pool

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pool.start()  # every worker warm before the first request (web/workers.py)
        large_pool.start()
        yield

    app = FastAPI(title="Storyline", version=storyline.__version__, docs_url=None, redoc_url=None, lifespan=lifespan)
    app.add_middleware(BodyLimit, max_bytes=limits.max_upload_bytes, timeout_s=limits.body_timeout_s)
    app.state.max_files = limits.max_files
    app.state.max_articles = limits.max_articles
    _add_error_handlers(app)
    if store is not None:
        from storyline.web.stories import add_store_routes

        add_store_routes(app, Path(store))

    job_limits = Limits(
        max_bytes=limits.max_upload_bytes, max_files=limits.max_files, max_articles=limits.max_articles,
        max_chars=limits.max_chars, time_budget_s=limits.time_budget_s,
    )  # fmt: skip

    def run(job: Job, size: int) -> bytes:
        """The brief's bytes from a worker of the lane for ``size`` bytes of input."""
        lane = large_pool if size > limits.large_bytes else pool

        def timeout() -> float:  # asked when the worker starts the job (web/workers.py)
            left = left_of(limits.time_budget_s, job.started) or 0.0
            return min(limits.timeout_s, left + max(BUDGET_GRACE * limits.time_budget_s, MIN_GRACE_S))

        answer: bytes = lane.run(brief_files, job, timeout=timeout, wait=limits.queue_s)
        return answer

    def brief_of(parsed: Parsed, fmt: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="storyline-web-") as tmp:
            job = Job(root=tmp, names=None, fmt=fmt, alias="the upload", limits=job_limits, started=parsed.started,
                      warnings=parsed.warnings, words=parsed.words, ranker=parsed.ranker)  # fmt: skip
            if parsed.body is not None:
                Path(tmp, REQUEST_BODY).write_bytes(parsed.body)
                return run(replace(job, body=REQUEST_BODY), len(parsed.body))
            uploads = UploadFolder(Path(tmp), max_bytes=limits.max_upload_bytes, max_files=limits.max_files)
            for upload in parsed.files:
                uploads.add(upload.filename or "upload", upload.file)
            if not uploads.files:
                reason = f" ({parsed.warnings[0]})" if parsed.warnings else ""
                raise InputError(f"no articles given: paste text or choose files{reason}")
            return run(job, uploads.bytes)

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return HTMLResponse(page(sorted(storyline.RANKERS), folder=root is not None))

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        # async: answered on the event loop itself, never queued behind briefs in the thread pool.
        return {"status": "ok", "version": storyline.__version__}

    @app.get("/docs", response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    @app.post("/api/brief", response_class=JSONResponse)
    def api_brief(parsed: Annotated[Parsed, Depends(parse)]) -> Response:
        return Response(brief_of(parsed, "json"), media_type="application/json")

    @app.post("/api/brief.html", response_class=HTMLResponse)
    def api_brief_html(parsed: Annotated[Parsed, Depends(parse)]) -> HTMLResponse:
        return HTMLResponse(brief_of(parsed, "html"))

    @app.get("/api/folder", response_class=JSONResponse)
    def api_folder(words: int = 100, ranker: str = "default") -> Response:
        started = time.monotonic()
        if root is None:
            raise HTTPException(404, "this server was started without a folder")
        names, skipped = folder_entries(root)
        size = sum(_size(root / name) for name in names)
        job = Job(root=str(root), names=names, fmt="json", alias="the folder", limits=job_limits, started=started,
                  warnings=tuple(skipped), words=words, ranker=ranker)  # fmt: skip
        return Response(run(job, size), media_type="application/json")

    return app


async def parse(request: Request) -> AsyncIterator[Parsed]:
    """Read the body here, in the event loop; a JSON body is parsed by the worker (web/jobs.py)."""
    max_files = request.app.state.max_files
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        try:
            form = await request.form(max_files=max_files, max_fields=20)
        except HTTPException as error:
            if "Too many files" in str(error.detail):
                raise TooLarge(f"too many files: more than {max_files}") from None
            raise InputError(f"bad upload: {error.detail}") from None
        try:
            given = form.getlist("files")
            files = [f for f in given if isinstance(f, UploadFile)]
            # A file part with an empty file name reaches the form as plain text, not as a file.
            unnamed = len(given) - len(files)
            warnings = (f"skipped {unnamed} upload(s) with an empty file name (name the file .txt, .html or .jsonl)",)
            words, ranker = form.get("words") or 100, form.get("ranker") or "default"
            yield Parsed(words=words, ranker=str(ranker), files=files, warnings=warnings if unnamed else ())
        finally:
            await form.close()
        return
    if kind not in ("application/json", ""):
        raise InputError(f"unsupported content type {kind!r}; send application/json or multipart/form-data")
    yield Parsed(body=await request.body())


def _size(path: Path) -> int:
    """A file's size in bytes; 0 when it cannot be read (the brief then says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _error(status: int, message: object) -> JSONResponse:
    return JSONResponse({"detail": _one_line(message)}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    """Every failure becomes a status and one line; never a traceback."""

    async def storyline_error(_: Request, error: Exception) -> Response:
        if isinstance(error, TooLarge):
            return _error(413, error)
        if isinstance(error, SlowClient):
            return _error(408, error)
        if isinstance(error, TimedOut | Busy):
            return _error(503, error)
        if isinstance(error, ConfigError):
            return _error(422, error)
        if isinstance(error, MissingDependencyError):
            return _error(500, error)
        return _error(400, error)

    async def validation_error(_: Request, error: Exception) -> Response:
        errors = error.errors() if isinstance(error, RequestValidationError) else []
        return _error(422, validation_message(errors))

    async def http_error(_: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 500
        detail = error.detail if isinstance(error, HTTPException) else error
        return _error(status, detail)

    async def internal_error(_: Request, error: Exception) -> Response:
        if isinstance(error, JobFailed):  # the worker's exception, by name
            log.error("internal error in a worker: %s", error.name)
            return _error(500, f"internal error: {error.name}")
        log.exception("internal error")
        return _error(500, f"internal error: {type(error).__name__}")

    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)


class SlowClient(InputError):
    """The client sent its request body slower than the server waits (HTTP 408)."""


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413, whether or not it declares its
    length; a body whose next chunk does not come within ``timeout_s`` gets 408 (a slow client
    must not hold a connection and its buffers for ever)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"request too large: over the {self.max_bytes / 1e6:g} MB limit"
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await _error(413, message)(scope, receive, send)
            return
        received = 0
        body_done = False

        async def limited() -> Message:
            nonlocal received, body_done
            if body_done:  # after the body, receive() waits for the client to leave: no timeout
                return await receive()
            try:
                incoming = await asyncio.wait_for(receive(), timeout=self.timeout_s)
            except TimeoutError:
                raise SlowClient(f"the request body did not arrive within {self.timeout_s:g} s") from None
            received += len(incoming.get("body", b""))
            body_done = not incoming.get("more_body", False)
            if received > self.max_bytes:
                raise TooLarge(message)
            return incoming

        await self.app(scope, limited, send)
