"""Denials: a sentence that denies or disputes, and the claim it answers.

See :mod:`storyline.compare.disagreements` for the rule.
"""

from __future__ import annotations

import re

from storyline.model import Sentence
from storyline.text.content import content_words

__all__ = ["denial_cue", "denial_target", "is_denial"]

# Content words (beyond the story's topic words) a claim must share with the denial that answers it.

_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)(?!\s+(?:access|entry|permission|bail|visas?|them|him|her|us)\b)|denials?"
    r"|(?:rejected|rejects|rejecting|dismissed|dismissing|refuted|disputed|rubbished)\s+"
    r"(?:(?:the|these|those)\s+)?(?:[a-z]+(?:['\u2019]s)?\s+)?(?:(?:reported|own)\s+)?"
    r"(?:claims?|reports?|allegations?|accusations?|figures?|numbers?|assertions?|account|version|"
    r"them|it|this|that)\b"
    r"|^(?:that|this|it)\s+(?:\w+\s+)?contradict(?:s|ed)\b"
    r"|had\s+yet\s+to\s+fall|has\s+not\s+fallen|(?:still|remain(?:ed|s)?)\s+(?:in\s+control|holding)"
    r"|contradicting|not\s+true|untrue|baseless"
    r"|(?:claims?|story|stories|reports?|allegations?|figures?|numbers?|it)\s+(?:was|were|is|are|has\s+been|had\s+been)"
    r"\s+made\s+up)",
    re.I,
)
# Not a denial: being denied something ("were denied legal counsel"), declining to confirm or deny, a denial
# negated or only spoken of ("nobody is going to deny", "did not deny", "asked him to deny").
_NOT_DENIAL = re.compile(
    r"(?:\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?"
    r"|\bconfirm\s+(?:n?or\s+)|\b(?:to|not|n't|never|nobody|no\s+one|cannot|can't|won't|going\s+to)\s+(?:\w+\s+){0,2})$",
    re.I,
)
# "... despite denials by the government": the sentence asserts what others deny.
_DESPITE = re.compile(r"\bdespite\s+(?:the\s+)?(?:\w+\s+){0,3}(?:denials?|claims?)\b", re.I)
_CONTRAST = re.compile(r"\b(?:but|though|although|while|whereas)\b", re.I)
_REPORTING = re.compile(r"\b(?:said|says|told|added|stated)\b", re.I)
# "..., a report that the government denied", "..., which the official denies having had": the denial is a
# relative clause about a claim the same sentence states, so it answers no other sentence.
_RELATIVE_DENIAL = re.compile(
    r"(?:\b(?:reports?|claims?|allegations?|suggestions?|charges?|accusations?|accounts?|stor(?:y|ies)|rumou?rs?)"
    r",?\s+(?:that|which)|,\s*which)\s+(?:[\w'\u2019-]+\s+){0,7}$",
    re.I,
)
_ANAPHORIC = re.compile(
    r"\b(?:it|them|this|that|these|the (?:claims?|reports?|figures?|numbers?))\b(?:\s+had\s+yet|\s+was\s+not)?", re.I
)
# "That contradicted his statement last month": the writer reports that the sentence before contradicts another.
_REPORTED_CONTRADICTION = re.compile(r"(?:that|this|it)\s+(?:\w+\s+)?contradict", re.I)
# "The army said ...", "a senior official told reporters ...": who a sentence reports, read before its verb.
_SAYS = re.compile(
    r"(?P<who>(?:[\w'\u2019.-]+\s+){1,4}?)(?:said|says|told|claimed|claims|insisted|stated|announced|added|reported)\b"
)


def denial_cue(text: str) -> re.Match[str] | None:
    """The denial cue of a sentence that disputes something said elsewhere.

    None also for a sentence that reports a dispute in full ("X said it seized the town, though the army
    disputed the claim", "X suggested he had fled, a report the government denied"): a contrast word, or a
    relative clause about a claim, before the cue means the claim denied is in the same sentence.
    None for a question and for what only looks like a denial (``_NOT_DENIAL``).
    """
    if text.rstrip().endswith("?"):
        return None
    plain = _DESPITE.sub(lambda m: " " * len(m.group(0)), text)
    for cue in _DENIAL.finditer(plain):
        if _contrasted(plain[: cue.start()]) or _RELATIVE_DENIAL.search(plain[: cue.start()]):
            return None
        if not _NOT_DENIAL.search(plain[max(0, cue.start() - 40) : cue.start()]):
            return cue
    return None


def _contrasted(before: str) -> bool:
    """A contrast word before the cue sets the denial against a claim of the same sentence ("X said it seized the
    town, though the army disputed the claim"), unless a reporting verb follows it: "..., but said family members
    have denied media reports that ..." reports a denial of a claim made elsewhere."""
    last = next(reversed(list(_CONTRAST.finditer(before))), None)
    return last is not None and not _REPORTING.search(before[last.end() :])


def is_denial(text: str) -> bool:
    return denial_cue(text) is not None


def _speaker(text: str, before: int | None = None) -> frozenset[str]:
    """Who a sentence reports: the subject of its reporting verb, else (a denial) the words before ``before``."""
    m = _SAYS.search(text)
    if m:
        return frozenset(content_words(m.group("who")))
    if before is None:
        return frozenset()
    return frozenset(content_words(" ".join(text[:before].split()[-4:])))


def denial_target(denial: Sentence, previous: Sentence | None) -> Sentence | None:
    """The claim a denial answers, or None when no claim is certain.

    Only the sentence before it in its paragraph, when the denial points back ("it had yet to fall") and
    the two report different speakers ("The army said ..." / "The official said ...", "Commanders denied
    it"): one author's own argument is no dispute between sources. A claim of another document sharing
    content words with the denial is not enough: judged by hand on Multi-News dev clusters the rules were
    never tuned on, 1 of 9 such pairs was a real dispute (bench/disagreement_judgements_news.jsonl).
    """
    cue = denial_cue(denial.text)
    if cue is None or previous is None or previous.paragraph != denial.paragraph or is_denial(previous.text):
        return None
    window = denial.text[max(0, cue.start() - 30) : cue.end() + 25]
    if not _ANAPHORIC.search(window):
        return None
    if _REPORTED_CONTRADICTION.match(cue.group(0)):
        return (
            previous  # the writer sets a statement against the one before it ("That contradicted ..."), whoever spoke
        )
    said, denied = _speaker(previous.text), _speaker(denial.text, cue.start())
    return previous if said and denied and not said & denied else None
