"""HTML pages: main text and metadata through trafilatura (Barbaresi, ACL 2021 demos)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from storyline.ingest.dates import parse_date
from storyline.ingest.files import Skip
from storyline.model import Article

# trafilatura and its helpers log every page they find hard at WARNING; the reader
# reports what matters (a page skipped) as a brief warning instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.ERROR)
# Fewer words than this is a menu or a stub that trafilatura fell back to, not an article.
MIN_WORDS = 10
# The publication date from the page's markup only (meta tags, JSON-LD, <time>, the URL).
# htmldate's "extensive search" also takes dates written in the text: in news that is often
# the event's day, and a footer's "Copyright 2016" becomes 2016-01-01. No date beats a wrong one.
_MARKUP_DATE = {"extensive_search": False, "original_date": True}


def article_from_html(html: str, *, doc_id: str, path: Path | None = None) -> Article:
    """The page's main text (boilerplate removed) with title, date, site name and URL.

    ``Article.text`` is the extracted text, so offsets point into it, not into the HTML.
    """
    import trafilatura  # lazy: a text-only run never pays for lxml and trafilatura

    name = path.name if path is not None else doc_id
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            date_extraction_params={**_MARKUP_DATE, "max_date": dt.date.today().isoformat()},
        )
    except Exception as error:  # any: a parser crash on one page must not abort the brief
        raise Skip(f"skipped {name}: the HTML could not be parsed ({type(error).__name__})") from None
    meta = _as_dict(document)
    text = str(meta.get("text") or "").strip()
    words = len(text.split())
    if words < MIN_WORDS:
        found = f"only {words} words" if words else "nothing"
        raise Skip(f"skipped {name}: no article text found in the HTML ({found} extracted)")
    return Article(
        id=doc_id,
        text=text,
        title=_meta(meta, "title"),
        date=parse_date(meta.get("date")),
        source=_meta(meta, "sitename") or _meta(meta, "hostname"),
        url=_meta(meta, "url"),
        path=str(path) if path is not None else None,
    )


def _as_dict(document: Any) -> dict[str, Any]:
    """trafilatura 2.x returns a ``Document`` (``as_dict``); older versions a dict; None when nothing is found."""
    if document is None:
        return {}
    if hasattr(document, "as_dict"):
        return dict(document.as_dict())
    return dict(document)


def _meta(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return value.strip() or None if isinstance(value, str) else None


# parse_date lives in dates.py; it is re-exported here for the dataset loaders that import it from this module.
__all__ = ["MIN_WORDS", "article_from_html", "parse_date"]
