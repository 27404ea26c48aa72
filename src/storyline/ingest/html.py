"""HTML pages: main text and metadata through trafilatura (Barbaresi, ACL 2021 demos)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from storyline.ingest.files import Skip
from storyline.model import Article

# trafilatura reports every page it cannot parse at WARNING; the reader turns those into brief warnings.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)
# Fewer words than this is a menu or a stub that trafilatura fell back to, not an article.
MIN_WORDS = 10


def article_from_html(html: str, *, doc_id: str, path: Path | None = None) -> Article:
    """The page's main text (boilerplate removed) with title, date, site and URL."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if document is None:
        raise Skip(f"skipped {path.name if path else doc_id}: no article text found in the HTML")
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (meta.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise Skip(f"skipped {path.name if path else doc_id}: no article text found in the HTML")
    return Article(
        id=doc_id,
        text=text,
        title=meta.get("title") or None,
        date=parse_date(meta.get("date")),
        source=meta.get("sitename") or meta.get("hostname") or None,
        url=meta.get("url") or None,
        path=str(path) if path else None,
    )


def parse_date(value: object) -> dt.date | None:
    """A date from an ISO date or datetime string (None when absent or unreadable)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
