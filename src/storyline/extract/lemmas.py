"""lemminflect's dictionary lemmas, without the spaCy hook its package import runs, each word looked up once.

``import lemminflect`` imports spaCy when it is installed (the ``full`` extra), only to
register token extensions Storyline never uses; spaCy then imports thinc and torch: about
2 s of CPU on every cold ``storyline brief``. Imported with spaCy left out
(:func:`storyline.imports.absent`), lemminflect skips its hook; the lemmas are the same.

lemminflect deep-copies a word's dictionary entry on every call, and the figures ask for the same
few thousand words tens of thousands of times in a large story (1.8 s of CPU of a 1,000-document
brief); here each (word, part of speech) is looked up once and its answer kept, read-only (a
mapping proxy of tuples: a caller that wants to change it takes a ``dict`` of it, as all do). Its
dictionary (70,000 words) is read in one pass over the decompressed file rather than a line at a
time: the same table (tested), in about half the 0.2 s of CPU a cold brief paid for it.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from storyline.imports import absent

with absent("spacy"):
    import lemminflect
    from lemminflect.core.LexicalUtils import categoryToUPos

__all__ = ["getAllLemmas", "getLemma"]

# Distinct words kept: a large story's vocabulary, a few MB at most.
_KEPT = 1 << 16


@lru_cache(maxsize=_KEPT)
def getAllLemmas(word: str, upos: str | None = None) -> Mapping[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas``: part of speech -> the word's lemmas, in the word's capitalisation."""
    _dictionary_read()
    return MappingProxyType(lemminflect.getAllLemmas(word, upos))


@lru_cache(maxsize=_KEPT)
def getLemma(word: str, upos: str, lemmatize_oov: bool = True) -> tuple[str, ...]:
    """lemminflect's ``getLemma``: the word's lemmas as the part of speech ``upos``."""
    _dictionary_read()
    return tuple(lemminflect.getLemma(word, upos, lemmatize_oov))


@cache
def _dictionary_read() -> None:
    """Give lemminflect's lemmatizer (one per process) its dictionary, unless it has read it already."""
    lemmatizer = lemminflect.Lemmatizer()
    if not hasattr(lemmatizer, "lemma_dict"):  # what lemminflect checks before it reads the file itself
        lemmatizer.lemma_dict = read_lemma_table(Path(lemmatizer.lemma_lu_fn))


def read_lemma_table(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """``LemmaLUCodec.load``'s table: word -> part of speech -> lemmas, from lines "word,category,lemma/lemma"."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    parts_of_speech: dict[str, str] = {}
    lines = gzip.decompress(path.read_bytes()).decode().split("\n")
    if lines and not lines[-1]:
        lines.pop()  # after the last line's newline
    for line in lines:
        word, category, forms = line.strip().split(",")
        upos = parts_of_speech.get(category)
        if upos is None:
            upos = parts_of_speech[category] = categoryToUPos(category)
        table.setdefault(word, {})[upos] = tuple(forms.split("/"))
    return table
