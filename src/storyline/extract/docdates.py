"""A document's own date, when the input gave none: inferred once per story, from the text.

The date of a document given by its input (JSONL, HTML metadata) is kept as is. Otherwise it is the
most recent full date (day, month and year) written outside photo captions -- a caption's date is
when the picture was taken -- and failing that the latest past "December 4" of the body, in the
year of a caption's date; such a date is marked ``date_inferred``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from storyline.extract.dates import full_dates
from storyline.model import CAPTION, Document

__all__ = ["date_documents"]


def date_documents(documents: Iterable[Document]) -> tuple[Document, ...]:
    """The documents, each undated one dated from its text when it can be (``date_inferred``)."""
    out = []
    for document in documents:
        date = None if document.article.date is not None else _own_date(document)
        if date is not None:
            document = replace(document, article=replace(document.article, date=date, date_inferred=True))
        out.append(document)
    return tuple(out)


def _own_date(document: Document) -> dt.date | None:
    body = [s for s in document.sentences if CAPTION not in s.exclude]
    found = [day for s in body for day in full_dates(s.text)]
    if not found:
        year = _caption_year(document)
        if year is not None:
            found = [day for s in body for day in full_dates(s.text, year=year, past_only=True)]
    return max(found) if found else None


def _caption_year(document: Document) -> int | None:
    years = [day.year for s in document.sentences if CAPTION in s.exclude for day in full_dates(s.text)]
    return max(years) if years else None
