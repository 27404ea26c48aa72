"""Renderers: a brief as terminal text, Markdown, JSON or a self-contained HTML page."""

from __future__ import annotations

from collections.abc import Callable

from storyline.errors import ConfigError
from storyline.model import Brief
from storyline.render.html import to_html
from storyline.render.json import to_json
from storyline.render.markdown import to_markdown
from storyline.render.text import to_text

RENDERERS: dict[str, Callable[[Brief], str]] = {"text": to_text, "md": to_markdown, "json": to_json, "html": to_html}


def render(brief: Brief, fmt: str) -> str:
    """The brief in format ``fmt`` (one of :data:`RENDERERS`)."""
    try:
        return RENDERERS[fmt](brief)
    except KeyError:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}") from None


__all__ = ["RENDERERS", "render", "to_html", "to_json", "to_markdown", "to_text"]
