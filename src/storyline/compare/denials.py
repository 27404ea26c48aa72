"""Denials: a sentence that denies or disputes, and the claim it answers.

See :mod:`storyline.compare.disagreements` for the rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Sentence
from storyline.text.content import content_words, words

__all__ = ["Claimed", "denial_cue", "denial_target", "is_denial"]

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


@dataclass(frozen=True)
class Claimed:
    """A sentence that denies nothing, with its content words and all its words (read once per story)."""

    sentence: Sentence
    content: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, sentence: Sentence) -> Claimed:
        return cls(sentence, frozenset(content_words(sentence.text)), frozenset(words(sentence.text)))


def denial_cue(text: str) -> re.Match[str] | None:
    """The denial cue of a sentence that disputes something said elsewhere.

    None also for a sentence that reports a dispute in full ("X said it seized the town, though the army
    disputed the claim"): a contrast word before the cue means the claim denied is in the same sentence.
    """
    plain = _DESPITE.sub(lambda m: " " * len(m.group(0)), text)
    cue = _DENIAL.search(plain)
    if cue is None or _CONTRAST.search(plain[: cue.start()]):
        return None
    return cue


def is_denial(text: str) -> bool:
    return denial_cue(text) is not None


def denial_target(denial: Sentence, previous: Sentence | None, claims: Sequence[Claimed]) -> Sentence | None:
    """The claim a denial answers: the preceding sentence when it points back, else the best-matching affirmation.

    ``claims`` are the story's sentences that deny nothing.
    """
    cue = denial_cue(denial.text)
    if cue is None:
        return None
    if previous is not None and previous.paragraph == denial.paragraph and not is_denial(previous.text):
        window = denial.text[max(0, cue.start() - 30) : cue.end() + 25]
        if _ANAPHORIC.search(window):
            return previous
    mine = content_words(denial.text)
    numbers = {w for w in words(denial.text[max(0, cue.start() - 60) : cue.end() + 60]) if w[0].isdigit()}
    best, score = None, 1
    for c in claims:
        # A figure beside the cue ("5 hour battery life is not true") is what is denied: the claim must hold it.
        if not numbers <= c.words:
            continue
        shared = len(mine & c.content)
        if shared > score:
            best, score = c.sentence, shared
    return best
