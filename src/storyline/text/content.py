"""The words two claims are compared by: content words, crudely stemmed, generic words left out."""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.lexicon import words as lexicon

__all__ = ["content_words", "shared_content_words", "words"]

_WORD = re.compile(r"[a-z][a-z'-]*|\d[\d,.]*")


def words(text: str) -> list[str]:
    """Lower-cased words and numbers, in order."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    """Content words, crudely stemmed (plural -s dropped) so "forces"/"force" meet."""
    return set(_content_words(text))


def shared_content_words(text: str) -> frozenset[str]:
    """:func:`content_words` as the one frozen set every caller shares (no copy: for reading only)."""
    return _content_words(text)


# Document dating, figure conflicts and denials each read a sentence's content words, some
# several times: the story pays once. A fresh set per call, so no caller sees another's change.
@lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    generic = lexicon("generic_words")
    out = set()
    for w in words(text):
        w = w.strip("'-").removesuffix("'s")
        if w and w not in generic and not w[0].isdigit() and len(w) > 2:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return frozenset(out)
