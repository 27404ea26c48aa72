"""Running the app: the bind warning and uvicorn, used by ``storyline serve``."""

from __future__ import annotations

from pathlib import Path

from storyline.errors import MissingDependencyError

# Hosts that only this machine can reach; anything else exposes the articles to the network.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def host_warning(host: str) -> str | None:
    """The warning to print before serving on ``host``, or None for a loopback address."""
    if host in LOOPBACK:
        return None
    return f"serving on {host}: anyone who can reach it can read the articles"


def serve(folder: Path | None = None, *, host: str = "127.0.0.1", port: int = 8000, store: Path | None = None) -> None:
    """Serve the app with uvicorn until interrupted; opens no browser."""
    try:
        import uvicorn

        from storyline.web.app import create_app
    except ImportError as error:
        raise MissingDependencyError(
            f"the web app needs {error.name or 'fastapi'}; install it with: pip install 'storyline[web]'"
        ) from None
    # An idle keep-alive connection is closed after 5 s; past 256 open connections new ones get
    # 503 at once instead of piling up (each brief runs in a worker process: web/workers.py).
    uvicorn.run(
        create_app(folder=folder, store=store),
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=5,
        limit_concurrency=256,
    )
