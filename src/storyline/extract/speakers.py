"""Speaker resolution: a pronoun to the person it stands for, an unattributed quotation to the speaker it continues.

* **Pronouns** (as subject of the speech verb) resolve to the most recent earlier candidate in the
  same document: a quotation's speaker, the subject of any speech verb, or a proper name opening a
  clause (:mod:`storyline.extract.people`). "he"/"she" take a person-like candidate; gender, where
  the text tells it, rules one out ("she" skips a known man). "they" takes a group ("the
  Hendersons", "officials", "X and Y"). In "Although he said …, X …" the pronoun is the name of
  the main clause. Nothing found: no speaker, and the pronoun is kept for the reader.
* **Continuation**: a quotation with no attribution continues the previous quotation's speaker
  when that one is in the same paragraph or ends in the preceding sentence (``“A,” he said. …
  “B.”``); a paragraph that opens with an unattributed quotation continues the last speaker of
  the paragraph before it, quoted or reported (``Analysts at X said that …`` / ``“…”``).

A name is never made up: every speaker is a span of the document, and its span travels with it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from storyline.extract.attribution import SUBORDINATOR, Found
from storyline.extract.people import PRONOUNS, Mention, People, is_person_like, is_plural
from storyline.model import Document

__all__ = ["resolve_speakers"]

# How many earlier candidates a pronoun looks back over.
_LOOK_BACK = 50


def resolve_speakers(doc: Document, quotes: Sequence[Found], people: People) -> None:
    """Pronoun speakers to names, then unattributed quotations to the speaker they continue (in place)."""
    named = [m for s in doc.sentences for m in people.named_subjects(s)]
    subjects = [m for s in doc.sentences for m in people.speech_subjects(s)]
    quoted = [Mention(q.open_at, q.speaker, *q.speaker_span) for q in quotes if q.speaker and q.speaker_span]
    candidates = sorted(subjects + named + quoted, key=lambda m: (m.at, m.text))
    positions = [m.at for m in candidates]
    # Every speech act, pronouns resolved: what a paragraph of quotation may continue.
    events: list[tuple[int, Mention | None]] = []
    for m in subjects:
        kind = PRONOUNS.get(m.text.lower())
        events.append((m.at, _antecedent(kind, m.at, candidates, positions, people) if kind else m))
    event_at = [p for p, _ in events]
    named_at = [m.at for m in named]
    opening: dict[int, int] = {}  # paragraph -> where its first sentence starts
    for s in doc.sentences:
        opening.setdefault(s.paragraph, s.start)
    previous: Found | None = None
    for q in quotes:
        kind = PRONOUNS.get((q.speaker or "").lower())
        if kind is not None:
            q.pronoun, q.speaker, q.speaker_span = q.speaker, None, None
            sentence = doc.sentences[q.sentence]
            # "Although he said it was “wild”, Ray Dunn accepted it": the name in the main clause.
            k = bisect_left(named_at, q.close_at)
            later = named[k] if k < len(named) and named[k].at < sentence.end else None
            found = (
                later
                if kind in {"m", "f"} and q.how == "before" and later and SUBORDINATOR.match(sentence.text)
                else _antecedent(kind, q.open_at, candidates, positions, people)
            )
            if found is not None:
                q.speaker, q.speaker_span, q.pronoun = found.text, (found.start, found.end), None
        here = doc.sentences[q.sentence].paragraph
        continued = previous is not None and (
            previous.close_sentence >= q.sentence - 1 or doc.sentences[previous.sentence].paragraph == here
        )
        if not q.how and continued and previous is not None and previous.speaker:
            _inherit(q, previous.speaker, previous.speaker_span)
        if not q.how and opening.get(here) == q.open_at and here - 1 in opening:
            # A paragraph opening with an unattributed quotation, after one reporting someone's words: theirs.
            heard = _last_event(events, event_at, opening[here - 1], q.open_at)
            if heard is not None and (previous is None or previous.open_at < heard[0]):
                _inherit(q, heard[1].text, (heard[1].start, heard[1].end))
        previous = q


def _inherit(q: Found, speaker: str, span: tuple[int, int] | None) -> None:
    q.speaker, q.speaker_span, q.how, q.pronoun = speaker, span, "inherit", None


def _last_event(
    events: list[tuple[int, Mention | None]], event_at: list[int], lo: int, hi: int
) -> tuple[int, Mention] | None:
    """The last speech act in ``[lo, hi)`` whose speaker is known."""
    k = bisect_left(event_at, hi) - 1
    while k >= 0 and event_at[k] >= lo:
        at, who = events[k]
        if who is not None:
            return at, who
        k -= 1
    return None


def _antecedent(kind: str, pos: int, candidates: list[Mention], positions: list[int], people: People) -> Mention | None:
    """The most recent candidate before ``pos`` a pronoun can stand for: a person for he/she (gender,
    where the text tells it, only rules one out), a group for they."""
    k = bisect_left(positions, pos) - 1
    stop = max(-1, k - _LOOK_BACK)
    while k > stop:
        m = candidates[k]
        k -= 1
        if m.text.lower() in PRONOUNS:
            continue
        if kind == "p":
            if is_plural(m.text):
                return m
        elif is_person_like(m.text) and people.gender(m.text) in {None, kind}:
            return m
    return None
