"""The data model: small frozen records that always point back to the text.

A sentence is identified by ``doc_id:index`` and carries its character span
into the article's text *as read* (after decoding, before any cleaning), so
``article.text[s.start:s.end] == s.text`` holds for every sentence and every
:class:`Ref` built from it. Nothing here is ever identified by its text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input document, exactly as read.

    ``body_start`` is the offset where the body begins: the headline line
    (when the input had one) lies before it and is never a body sentence.
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    source: str | None = None
    # What an inferred date rests on ("a photo caption is dated 2016-12-02; the weekdays it reports ...").
    date_evidence: str | None = None
    url: str | None = None
    path: str | None = None
    body_start: int = 0


@dataclass(frozen=True)
class Corpus:
    """What the readers return: the articles read, and a warning for each input skipped or repaired."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class Ref:
    """A pointer to an exact span of one document: ``text[start:end]``."""

    doc: str
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"doc": self.doc, "sentence": self.sentence, "start": self.start, "end": self.end}


# Reasons a sentence is kept in its document but never selected for a summary.
CAPTION = "caption"
CREDIT = "credit"
FRAGMENT = "fragment"
BYLINE = "byline"
BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Sentence:
    """A span of one article. ``exclude`` names why cleaning set it aside (empty: selectable)."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    exclude: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.index}"

    @property
    def selectable(self) -> bool:
        return not self.exclude

    def ref(self) -> Ref:
        return Ref(self.doc_id, self.index, self.start, self.end)


@dataclass(frozen=True)
class Document:
    """An article with its sentences, and the document it copies when it is a duplicate."""

    article: Article
    sentences: tuple[Sentence, ...]
    duplicate_of: str | None = None

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True)
class Item:
    """One unit of content: a sentence and every copy of it in other documents.

    ``members[0]`` is the representative (earliest document, then position);
    ``sources`` counts distinct non-duplicate documents among the members.
    """

    id: int
    members: tuple[Sentence, ...]
    sources: int = 1

    @property
    def sentence(self) -> Sentence:
        return self.members[0]

    @property
    def text(self) -> str:
        return self.members[0].text

    @property
    def selectable(self) -> bool:
        return self.members[0].selectable

    def refs(self) -> tuple[Ref, ...]:
        return tuple(m.ref() for m in self.members)


@dataclass(frozen=True)
class Story:
    """The cluster after reading, splitting, cleaning and folding: the rankers' input."""

    documents: tuple[Document, ...]
    items: tuple[Item, ...]
    warnings: tuple[str, ...] = ()
    # What later stages compute once per story and share (the mention layer): never compared, never copied
    # by ``dataclasses.replace`` (a replaced story computes its own).
    cache: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)


@dataclass(frozen=True)
class SummaryItem:
    """A summary sentence, every sentence that reports the same content, and how many independent sources those are.

    ``folded`` pairs each cited copy with the original it was counted as: ``(doc, copy_of)``.
    """

    text: str
    support: tuple[Ref, ...]
    date: dt.date | None = None
    sources: int = 1
    folded: tuple[tuple[str, str], ...] = ()


Folded = tuple[tuple[str, str], ...]  # (copy, original) pairs: a cited copy counted as its original


def _folded(folded: Folded) -> list[dict[str, str]]:
    return [{"doc": doc, "copy_of": original} for doc, original in folded]


def _refs(support: tuple[Ref, ...]) -> list[dict[str, object]]:
    return [r.to_dict() for r in support]


# The precision of a date: a day ("2016-12-07"), a month ("2016-12") or a year ("2016").
DAY, MONTH, YEAR = "day", "month", "year"


@dataclass(frozen=True)
class DateMention:
    """A date as written in one sentence and what it resolves to (news-tls's model).

    ``value`` is ISO at ``precision``: "2016-12-07" (day), "2016-12" (month) or "2016" (year);
    ``ref`` is the exact span of ``text``.
    """

    text: str
    ref: Ref
    value: str
    precision: str

    @property
    def day(self) -> dt.date | None:
        """The date, when the mention names a day."""
        return dt.date.fromisoformat(self.value) if self.precision == DAY else None


@dataclass(frozen=True)
class Event:
    """A timeline entry: a sentence reporting what happened on ``date``, with every report of it."""

    date: str
    text: str
    support: tuple[Ref, ...]
    precision: str = DAY
    sources: int = 1
    folded: Folded = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date,
            "text": self.text,
            "support": _refs(self.support),
            "sources": self.sources,
            "folded": _folded(self.folded),
        }


@dataclass(frozen=True)
class Figure:
    """A number a story reports: its value, what it counts (``unit``), what happened to it (``event``, a verb
    lemma: "kill", "injure", "arrest"; None when the text says none), the phrase as first written, and every
    place it is written. The JSON's ``event`` is an extra field ``storyline.brief/1`` allows.
    """

    value: float
    unit: str | None
    text: str
    support: tuple[Ref, ...]
    event: str | None = None
    sources: int = 1
    folded: Folded = ()

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "value": int(self.value) if float(self.value).is_integer() else self.value,
            "unit": self.unit,
            "text": self.text,
            "support": _refs(self.support),
            "event": self.event,
        }
        return {**out, "sources": self.sources, "folded": _folded(self.folded)}


@dataclass(frozen=True)
class Claim:
    """One side of a disagreement: a sentence, cited with every copy of it."""

    text: str
    support: tuple[Ref, ...]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "support": _refs(self.support)}


@dataclass(frozen=True)
class Disagreement:
    """Claims that cannot all hold: ``kind`` is "figures", "denial" or "dates"; ``why`` says why in one sentence."""

    topic: str
    kind: str
    why: str
    claims: tuple[Claim, ...]

    @property
    def support(self) -> tuple[Ref, ...]:
        return tuple(r for c in self.claims for r in c.support)

    def to_dict(self) -> dict[str, object]:
        return {"topic": self.topic, "kind": self.kind, "why": self.why, "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True)
class Brief:
    """The sourced brief; ``to_dict`` gives the ``storyline.brief/1`` JSON shape."""

    title: str | None
    documents: tuple[Document, ...]
    summary: tuple[SummaryItem, ...]
    warnings: tuple[str, ...] = ()
    ranker: str = ""
    # Sections filled by later stages (facts, comparison).
    timeline: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    # An update brief: the ids of the earlier documents, whose content the brief leaves out.
    earlier: tuple[str, ...] = ()

    @property
    def unique_documents(self) -> int:
        return sum(1 for d in self.documents if d.duplicate_of is None)

    def dates(self) -> list[dt.date]:
        return sorted(d.article.date for d in self.documents if d.article.date is not None)

    def to_dict(self) -> dict[str, object]:
        dates = self.dates()
        return {
            "schema": SCHEMA_ID,
            "story": {
                "title": self.title,
                "documents": len(self.documents),
                "unique_documents": self.unique_documents,
                "start": _iso(dates[0]) if dates else None,
                "end": _iso(dates[-1]) if dates else None,
                **({"update_since": list(self.earlier)} if self.earlier else {}),
            },
            "documents": [
                {
                    "id": d.id,
                    "title": d.article.title,
                    "source": d.article.source,
                    "url": d.article.url,
                    "path": d.article.path,
                    "date": _iso(d.article.date),
                    "date_inferred": d.article.date_inferred,
                    "date_evidence": d.article.date_evidence,
                    "sentences": len(d.sentences),
                    "duplicate_of": d.duplicate_of,
                }
                for d in self.documents
            ],
            "summary": [
                {
                    "text": s.text,
                    "support": [r.to_dict() for r in s.support],
                    "date": _iso(s.date),
                    "sources": s.sources,
                    "folded": _folded(s.folded),
                }
                for s in self.summary
            ],
            "timeline": [e.to_dict() for e in self.timeline],
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "figures": [f.to_dict() for f in self.figures],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "warnings": list(self.warnings),
        }


SCHEMA_ID = "storyline.brief/1"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class Quote:
    """A direct quotation, every place it is written, and who said it, with provenance for both.

    ``support`` cites the quoted words (``text`` is the first one's span); ``speaker`` is the
    speaker as written in the text and ``speaker_ref`` that exact span (``None`` with ``speaker``).
    ``pronoun`` is the pronoun that introduced the quotation ("he said") when it could not be
    resolved to a person safely: the speaker is then ``None``, and the reader sees "he".
    """

    text: str
    support: tuple[Ref, ...]
    speaker: str | None = None
    speaker_ref: Ref | None = None
    pronoun: str | None = None
    sources: int = 1
    folded: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.text,
            "speaker": self.speaker,
            "support": [r.to_dict() for r in self.support],
        }
        if self.speaker_ref is not None:
            out["speaker_support"] = [self.speaker_ref.to_dict()]
        if self.pronoun is not None:
            out["pronoun"] = self.pronoun
        out["sources"] = self.sources
        out["folded"] = [{"doc": doc, "copy_of": original} for doc, original in self.folded]
        return out


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or group of the story, with every mention folded into it.

    ``aliases`` starts with ``name``; each Ref of ``support`` cites one alias exactly. ``mentions``
    and ``documents`` count the documents that are not copies of another.
    """

    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    documents: int
    support: tuple[Ref, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "documents": self.documents,
            "support": [r.to_dict() for r in self.support],
        }
