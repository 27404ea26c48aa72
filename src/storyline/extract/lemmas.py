"""lemminflect's dictionary lemmas, without the spaCy hook its package import runs, each word looked up once.

``import lemminflect`` imports spaCy when it is installed (the ``full`` extra), only to
register token extensions Storyline never uses; spaCy then imports thinc and torch: about
2 s of CPU on every cold ``storyline brief``. Imported with spaCy left out
(:func:`storyline.imports.absent`), lemminflect skips its hook; the lemmas are the same.

lemminflect deep-copies a word's dictionary entry on every call, and the figures ask for the same
few thousand words tens of thousands of times in a large story (1.8 s of CPU of a 1,000-document
brief); here each (word, part of speech) is looked up once and its answer kept, read-only (a
mapping proxy of tuples: a caller that wants to change it takes a ``dict`` of it, as all do).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from storyline.imports import absent

with absent("spacy"):
    import lemminflect

__all__ = ["getAllLemmas", "getLemma"]

# Distinct words kept: a large story's vocabulary, a few MB at most.
_KEPT = 1 << 16


@lru_cache(maxsize=_KEPT)
def getAllLemmas(word: str, upos: str | None = None) -> Mapping[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas``: part of speech -> the word's lemmas, in the word's capitalisation."""
    return MappingProxyType(lemminflect.getAllLemmas(word, upos))


@lru_cache(maxsize=_KEPT)
def getLemma(word: str, upos: str, lemmatize_oov: bool = True) -> tuple[str, ...]:
    """lemminflect's ``getLemma``: the word's lemmas as the part of speech ``upos``."""
    return tuple(lemminflect.getLemma(word, upos, lemmatize_oov))
