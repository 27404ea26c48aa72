"""Grapheme clusters at span edges: no span starts or ends between a letter and its combining marks.

A cluster (Unicode UAX #29, "Unicode Text Segmentation") never breaks before a combining mark
(categories Mn, Mc, Me) or a joiner: "Ru\u0308ssia" in decomposed (NFD) text is six characters,
and a span ending after "Ru" cuts the accent off its letter. Regular expressions see marks as
non-word characters, so every span found by one is widened here before it becomes a Ref.
"""

from __future__ import annotations

import unicodedata

__all__ = ["is_mark", "whole_graphemes"]

_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})


def is_mark(ch: str) -> bool:
    """Whether ``ch`` joins the character before it: a combining mark, or a zero-width (non-)joiner."""
    return unicodedata.category(ch) in _MARK_CATEGORIES or ch in "\u200c\u200d"


def whole_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` on cluster boundaries: the end after the marks that follow it; a start on a
    mark goes back to the letter or digit the mark belongs to, or, when the mark belongs to a space
    or a punctuation mark (a quotation's opening mark), forward past it: it is no part of the words.

    >>> text = "Ru\u0308ssia \u201c\u0591We"
    >>> whole_graphemes(text, 0, 2), whole_graphemes(text, 2, 6), whole_graphemes(text, 9, 12)
    ((0, 3), (1, 6), (10, 12))
    """
    while end < len(text) and is_mark(text[end]):
        end += 1
    if start < len(text) and is_mark(text[start]):
        base = start
        while base > 0 and is_mark(text[base]):
            base -= 1
        if text[base].isalnum():
            return base, end
        while start < end and is_mark(text[start]):
            start += 1
    return start, end
