"""lemminflect's dictionary lemmas, without the spaCy hook its package import runs, each word looked up once.

``import lemminflect`` imports spaCy when it is installed (the ``full`` extra), only to
register token extensions Storyline never uses; spaCy then imports thinc and torch: about
2 s of CPU on every cold ``storyline brief``. Imported with spaCy left out
(:func:`storyline.imports.absent`), lemminflect skips its hook; the lemmas are the same.

lemminflect deep-copies a word's dictionary entry on every call, and the figures ask for the same
few thousand words tens of thousands of times in a large story (1.8 s of CPU of a 1,000-document
brief); here each (word, part of speech) is looked up once and its answer kept, read-only (a
mapping proxy of tuples: a caller that wants to change it takes a ``dict`` of it, as all do). Its
dictionary (70,000 words, 80,000 lines sorted by word) is not parsed up front: :class:`LemmaTable`
keeps the decompressed lines and finds a word's by bisection when it is asked for, the same entries
in the same order as lemminflect's own reading (tested), for about 15 ms of a cold brief's CPU
instead of the 0.2 s that parsing every line cost.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Iterator, Mapping
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


def read_lemma_table(path: Path) -> LemmaTable:
    """``LemmaLUCodec.load``'s table: word -> part of speech -> lemmas, from lines "word,category,lemma/lemma"."""
    lines = gzip.decompress(path.read_bytes()).decode().split("\n")
    if lines and not lines[-1]:
        lines.pop()  # after the last line's newline
    return LemmaTable(lines)


def _word(line: str) -> str:
    return line[: line.index(",")]


class LemmaTable(Mapping[str, dict[str, tuple[str, ...]]]):
    """lemminflect's lemma dictionary over its file's lines, each word's entry made when it is looked up.

    The lines are sorted by their word (lemminflect ships them so; tests/extract/test_lemmas.py compares
    every entry with ``LemmaLUCodec.load``), so a word's lines are found by bisection and are adjacent.
    An entry is what the codec makes of those lines: part of speech -> lemmas, in line order, a later
    line for the same part of speech replacing an earlier one.
    """

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._parts_of_speech: dict[str, str] = {}

    def __getitem__(self, word: str) -> dict[str, tuple[str, ...]]:
        lines = self._lines
        at = bisect_left(lines, word, key=_word)
        entry: dict[str, tuple[str, ...]] = {}
        while at < len(lines) and _word(lines[at]) == word:
            _, category, forms = lines[at].strip().split(",")
            upos = self._parts_of_speech.get(category)
            if upos is None:
                upos = self._parts_of_speech[category] = categoryToUPos(category)
            entry[upos] = tuple(forms.split("/"))
            at += 1
        if not entry:
            raise KeyError(word)
        return entry

    def __iter__(self) -> Iterator[str]:
        last = None
        for line in self._lines:
            word = _word(line)
            if word != last:
                yield word
                last = word

    def __len__(self) -> int:
        return sum(1 for _ in self)
