"""What a worker process does for one request: read the files, brief them, render the answer.

Everything here runs in a worker (:mod:`storyline.web.workers`), so it takes and returns only
what pickles: paths as text, the options, the JSON dict or the HTML page. No server path reaches
the client: documents carry their file name only, and messages name "the upload" or "the folder".
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import storyline
from storyline.config import BriefConfig
from storyline.errors import InputError, StorylineError
from storyline.model import Corpus

__all__ = ["brief_files", "folder_entries", "warm_up"]


def brief_files(
    root: str, names: list[str] | None, config: BriefConfig, fmt: str, warnings: tuple[str, ...], alias: str
) -> dict[str, object] | str:
    """The brief of ``names`` in folder ``root`` (every file there when None), as JSON (a dict) or HTML.

    ``warnings`` come first in the brief's warnings (what the server saw while reading the request);
    ``alias`` replaces ``root`` in every message ("the upload").
    """
    try:
        corpus = storyline.load_articles([os.path.join(root, n) for n in names] if names is not None else root,
                                         max_bytes=config.max_bytes)  # fmt: skip
        corpus = _without_paths(corpus, warnings)
        brief = storyline.build_brief(corpus, config)
    except StorylineError as error:
        raise type(error)(str(error).replace(root, alias)) from None
    if fmt == "html":
        return storyline.render(brief, "html")
    return brief.to_dict()


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
