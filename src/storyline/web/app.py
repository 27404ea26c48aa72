"""The FastAPI app: briefs of pasted, uploaded or served-folder articles, on the public API only.

Endpoints: ``GET /`` (the page), ``GET /healthz``, ``POST /api/brief`` (JSON
articles or multipart uploads -> the brief's JSON), ``POST /api/brief.html``
(the same -> the self-contained HTML report) and, when started with a folder,
``GET /api/folder``. Every error is a one-line ``{"detail": ...}``.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import storyline
from storyline import Brief, BriefConfig, ConfigError, InputError, MissingDependencyError, StorylineError
from storyline.web.page import page
from storyline.web.uploads import TooLarge, UploadFolder

log = logging.getLogger(__name__)


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


@dataclass
class Parsed:
    """A request, JSON or multipart, reduced to what the brief needs."""

    words: object = 100
    ranker: str = "default"
    articles: list[ArticleIn] | None = None
    files: list[UploadFile] = field(default_factory=list)


def create_app(*, folder: Path | None = None, max_upload_bytes: int = 20_000_000, max_files: int = 200) -> FastAPI:
    """The app; with ``folder``, ``GET /api/folder`` briefs that folder (and the server reads no other path)."""
    if folder is not None and not Path(folder).is_dir():
        raise InputError(f"not a folder: {folder}")
    root = Path(folder).resolve() if folder is not None else None
    app = FastAPI(title="Storyline", version=storyline.__version__, docs_url=None, redoc_url=None)
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes)
    app.state.max_files = max_files
    _add_error_handlers(app)

    def brief_of(parsed: Parsed) -> Brief:
        config = BriefConfig(words=_words(parsed.words), ranker=parsed.ranker)
        with tempfile.TemporaryDirectory(prefix="storyline-web-") as tmp:
            uploads = UploadFolder(Path(tmp), max_bytes=max_upload_bytes, max_files=max_files)
            if parsed.articles:
                records = (a.model_dump(exclude_none=True) for a in parsed.articles)
                uploads.add_text("articles.jsonl", "".join(json.dumps(r) + "\n" for r in records))
            for upload in parsed.files:
                uploads.add(upload.filename or "upload", upload.file)
            if not uploads.files:
                raise InputError("no articles given: paste text or choose files")
            try:
                corpus = storyline.load_articles(tmp, max_bytes=config.max_bytes)
            except InputError as error:  # the temporary folder's path means nothing to the client
                raise InputError(str(error).replace(tmp, "the upload")) from None
            return storyline.build_brief(corpus, config)

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return HTMLResponse(page(sorted(storyline.RANKERS), folder=root is not None))

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": storyline.__version__}

    @app.post("/api/brief")
    def api_brief(parsed: Annotated[Parsed, Depends(parse)]) -> JSONResponse:
        return JSONResponse(brief_of(parsed).to_dict())

    @app.post("/api/brief.html", response_class=HTMLResponse)
    def api_brief_html(parsed: Annotated[Parsed, Depends(parse)]) -> HTMLResponse:
        return HTMLResponse(storyline.render(brief_of(parsed), "html"))

    @app.get("/api/folder")
    def api_folder(words: int = 100, ranker: str = "default") -> JSONResponse:
        if root is None:
            raise HTTPException(404, "this server was started without a folder")
        config = BriefConfig(words=words, ranker=ranker)
        return JSONResponse(storyline.build_brief(_folder_corpus(root, config.max_bytes), config).to_dict())

    return app


async def parse(request: Request) -> AsyncIterator[Parsed]:
    """Read the body here, in the event loop; the briefing itself runs in a worker thread."""
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
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            words, ranker = form.get("words") or 100, form.get("ranker") or "default"
            yield Parsed(words=words, ranker=str(ranker), files=files)
        finally:
            await form.close()
        return
    if kind not in ("application/json", ""):
        raise InputError(f"unsupported content type {kind!r}; send application/json or multipart/form-data")
    try:
        body = BriefRequest.model_validate_json(await request.body())
    except ValidationError as error:
        raise ConfigError(_validation_message(error.errors())) from None
    yield Parsed(words=body.words, ranker=body.ranker, articles=body.articles)


def _folder_corpus(root: Path, max_bytes: int) -> storyline.Corpus:
    """The folder's articles, like ``load_articles(root)`` but never following a link out of it."""
    files, skipped = [], []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.is_symlink() and not entry.resolve().is_relative_to(root):
            skipped.append(f"skipped {entry.name}: a link to outside the folder")
        elif entry.is_dir():
            skipped.append(f"skipped {entry.name}: a folder (folders are not read recursively)")
        else:
            files.append(entry)
    if not files:
        raise InputError(f"no articles found in {root}")
    corpus = storyline.load_articles(files, max_bytes=max_bytes)
    return replace(corpus, warnings=tuple(skipped) + corpus.warnings)


def _words(value: object) -> int:
    """The word budget from a form field (text) or JSON (already an int)."""
    try:
        return int(str(value).strip())
    except ValueError:
        raise ConfigError(f"words must be a positive integer, got {value!r:.40}") from None


def _validation_message(errors: Any) -> str:
    """Pydantic's first error as one line naming the field and the bad value."""
    if not errors:
        return "invalid request"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "body"
    value = f", got {first['input']!r:.60}" if "input" in first and where != "body" else ""
    return " ".join(f"invalid {where}: {first.get('msg', 'invalid value')}{value}".split())


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _error(status: int, message: object) -> JSONResponse:
    return JSONResponse({"detail": _one_line(message)}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    """Every failure becomes a status and one line; never a traceback."""

    async def storyline_error(_: Request, error: Exception) -> Response:
        if isinstance(error, TooLarge):
            return _error(413, error)
        if isinstance(error, ConfigError):
            return _error(422, error)
        if isinstance(error, MissingDependencyError):
            return _error(500, error)
        return _error(400, error)

    async def validation_error(_: Request, error: Exception) -> Response:
        errors = error.errors() if isinstance(error, RequestValidationError) else []
        return _error(422, _validation_message(errors))

    async def http_error(_: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 500
        detail = error.detail if isinstance(error, HTTPException) else error
        return _error(status, detail)

    async def internal_error(_: Request, error: Exception) -> Response:
        log.exception("internal error")
        return _error(500, f"internal error: {type(error).__name__}")

    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413, whether or not it declares its length."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

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

        async def limited() -> Message:
            nonlocal received
            incoming = await receive()
            received += len(incoming.get("body", b""))
            if received > self.max_bytes:
                raise TooLarge(message)
            return incoming

        await self.app(scope, limited, send)
