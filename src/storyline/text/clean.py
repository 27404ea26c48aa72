"""Cleaning: flag what must never reach a summary, keep it in the document.

Flags photo captions and credits, headline fragments inside the body,
bylines and boilerplate. Text and offsets never change; a flagged sentence is
only excluded from selection (``Sentence.exclude``). The rules favour
precision: a real news sentence wrongly flagged is lost to the reader, a
missed caption is still filtered by the selector's other checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import BOILERPLATE, BYLINE, CAPTION, CREDIT, FRAGMENT, Document, Sentence
from storyline.text.normalize import tokens

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Agency captions end with a dateline: "... in Aleppo, Syria December 2, 2016."
_CAPTION_DATELINE = re.compile(rf",\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*,?\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.?\s*$")
_CREDIT = re.compile(
    r"(?:\b(?:REUTERS|Reuters|AP|AFP|EPA|Getty Images|Anadolu|SANA|Xinhua)\s*/\s*[A-Z]"
    r"|\((?:AP|AFP|Reuters|EPA)\s+Photo\b|^Photo(?:graph)?\s*(?:by|:)|\bGetty Images\b\s*\|?$|\|\s*$)"
)
_BYLINE = re.compile(
    r"^(?:By\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*\s*[.,]?\s*(?:\w+\s*)?$"
    r"|(?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\b)"
)
_BOILERPLATE = re.compile(
    r"^(?:read more|click here|sign up|subscribe|advertisement|all rights reserved|follow us|share this|"
    r"related:|see also|copyright|©|watch:|listen:)|\b(?:all rights reserved|click here to|sign up for our|"
    r"newsletter|cookie policy|terms of use)\b",
    re.IGNORECASE,
)
# Finite-verb cues: a short line with none of them reads as a headline.
_VERB_CUE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|do|does|did|"
    r"said|says|say|told|tells)\b|\w{3,}ed\b",
    re.IGNORECASE,
)
HEADLINE_WORDS = 8


def clean(documents: Sequence[Document]) -> tuple[Document, ...]:
    """Documents whose sentences carry their ``exclude`` flags."""
    titles = {_key(d.article.title) for d in documents if d.article.title}
    return tuple(replace(d, sentences=_flag_document(d, titles)) for d in documents)


def flags(sentence: Sentence, paragraph: Sequence[Sentence], titles: set[str]) -> frozenset[str]:
    """The reasons to exclude one sentence, given its paragraph and the story's titles."""
    text = sentence.text
    found = set()
    if _CREDIT.search(text):
        found.add(CREDIT)
    if _CAPTION_DATELINE.search(text):
        found.add(CAPTION)
    if _BYLINE.match(text):
        found.add(BYLINE)
    if _BOILERPLATE.search(text) and len(text.split()) <= 12:
        found.add(BOILERPLATE)
    if _key(text) in titles or _looks_like_headline(text, paragraph):
        found.add(FRAGMENT)
    return frozenset(found)


def _flag_document(document: Document, titles: set[str]) -> tuple[Sentence, ...]:
    paragraphs: dict[int, list[Sentence]] = {}
    for s in document.sentences:
        paragraphs.setdefault(s.paragraph, []).append(s)
    reasons = {s.index: set(flags(s, paragraphs[s.paragraph], titles)) for s in document.sentences}
    # A paragraph that holds a caption or a credit is a photo caption block: its
    # other sentences describe the photo ("The graffiti on the bus reads ...").
    photo = {s.paragraph for s in document.sentences if reasons[s.index] & {CAPTION, CREDIT}}
    for s in document.sentences:
        if s.paragraph in photo and not reasons[s.index]:
            reasons[s.index].add(CAPTION)
    return tuple(replace(s, exclude=frozenset(reasons[s.index])) if reasons[s.index] else s for s in document.sentences)


def _looks_like_headline(text: str, paragraph: Sequence[Sentence]) -> bool:
    """A lone short line without a finite verb: "Assad not in favor of ceasefire."."""
    words = text.split()
    return len(paragraph) == 1 and len(words) <= HEADLINE_WORDS and not _VERB_CUE.search(text)


def _key(text: str | None) -> str:
    return " ".join(tokens(text or ""))
