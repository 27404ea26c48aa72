"""The second reader's part in who speaks: the parse's reading (:mod:`~storyline.extract.parse_speaker`) combined
with the rules' cue, precision first (the policy: :func:`combine`; what supports it: bench/RESULTS.md,
"Quotation speakers, ninth pass")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from storyline.extract.attribution import Found
from storyline.extract.parse_speaker import READ_ALL, Reading, read_cues, worth_reading
from storyline.extract.people import PRONOUNS
from storyline.model import Document

__all__ = ["NAMED_KINDS", "combine", "recording", "second_reader"]


# Where :func:`second_reader` records each quotation's cue and reading (bench/parse_speaker_quality.py), and
# whether it applies the combination (off: the rules' speakers as they are, the readings still recorded).
_RECORD: ContextVar[list[tuple[Document, Found, tuple[object, ...], Reading | None]] | None] = ContextVar(
    "storyline_parse_speaker_record", default=None
)
_APPLY: ContextVar[bool] = ContextVar("storyline_parse_speaker_apply", default=True)


@contextmanager
def recording(apply: bool) -> Iterator[list[tuple[Document, Found, tuple[object, ...], Reading | None]]]:
    """Within the block, every quotation's cue ``(speaker, span, how)`` and reading is recorded in the list
    yielded (with its document and its :class:`Found`, resolved later in place); ``apply``: combine them."""
    log: list[tuple[Document, Found, tuple[object, ...], Reading | None]] = []
    token, token_apply, token_all = _RECORD.set(log), _APPLY.set(apply), READ_ALL.set(True)
    try:
        yield log
    finally:
        _RECORD.reset(token)
        _APPLY.reset(token_apply)
        READ_ALL.reset(token_all)


def second_reader(documents: Sequence[tuple[Document, Sequence[Found]]]) -> None:
    """Read each quotation's cue in the parse and combine that reading with the rules' (in place, before the
    speakers are resolved): :func:`combine`."""
    log = _RECORD.get()
    for (doc, quotes), readings in zip(documents, read_cues(documents), strict=True):
        for q, reading in zip(quotes, readings, strict=True):
            if log is not None:
                log.append((doc, q, (q.speaker, q.speaker_span, q.how), reading))
            if _APPLY.get() and reading is not None and worth_reading(q):
                combine(doc.article.text, q, reading)


# The parts of speech of a subject the parse may give as the cue where the rules read none (measured per kind:
# bench/RESULTS.md, "Quotation speakers, ninth pass").
NAMED_KINDS: ContextVar[frozenset[str]] = ContextVar(
    "storyline_parse_speaker_kinds", default=frozenset({"PROPN", "PRON"})
)


def combine(text: str, q: Found, reading: Reading) -> None:
    """Combine the parse's reading with the rules' cue (in place), precision first; the parse counts only as the
    subject of an active speech verb on the quotation's own chain of heads (``via`` "chain", ``nsubj``):

    * the rules read no cue: a subject of a kind in :data:`NAMED_KINDS` becomes the cue (``how`` "parse"),
      resolved afterwards as the rules' cues are (a pronoun to its one antecedent);
    * the rules read a cue and the parse a proper name elsewhere in the sentence: the speaker is left open,
      the rules' cue shown (``how`` "disputed", never continued from the quotation before);
    * otherwise (agreement, no clear reading, a common noun or a pronoun against the rules): the rules' cue.
    """
    if reading.via != "chain" or reading.dep != "nsubj":
        return
    if q.speaker is not None and q.speaker_span is not None:
        lo, hi = q.speaker_span
        if reading.pos == "PROPN" and not (reading.start < hi and lo < reading.end):
            q.pronoun, q.speaker, q.speaker_span, q.how = q.speaker, None, None, "disputed"
        return
    if q.how or reading.pos not in NAMED_KINDS.get():
        return
    if reading.pos == "PRON" and text[reading.head_start : reading.head_end].lower() not in PRONOUNS:
        return  # "This …," the documents stated: a demonstrative is no speaker
    span = (reading.head_start, reading.head_end)
    q.speaker, q.speaker_span, q.how = text[span[0] : span[1]], span, "parse"
