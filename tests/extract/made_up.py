"""Documents written inside a test, split as the pipeline splits them (one copy for every test module here)."""

from __future__ import annotations

from storyline.extract.quotes import extract_quotes
from storyline.model import Article, Document
from storyline.text.sentences import split_sentences


def document(text: str, doc_id: str = "d") -> Document:
    """``text`` as one article's document, its sentences cut by the pipeline's splitter."""
    article = Article(id=doc_id, text=text)
    return Document(article, split_sentences(article))


def speaker_of(text: str, quote: str) -> str | None:
    """The speaker given to the quotation of ``text`` that starts with ``quote`` (it must be found)."""
    found = [q for q in extract_quotes([document(text)]) if q.text.startswith(quote)]
    assert found, f"no quotation starting {quote!r}"
    return found[0].speaker
