"""What the clustering needs of one article: term counts of its title, body and names, and a copy sketch.

Following Miranda et al., EMNLP 2018 ("Multilingual Clustering of Streaming News"), an article is
three bags of words -- title, body and named entities -- each later weighted by TF-IDF and compared
with a story's centroid field by field. Named entities are capitalised-name runs ("Supreme
Court", "New York"), which needs no model and costs one regular expression.

Everything here is a pure function of one article, so it runs anywhere (an executor's worker
included) and gives the same result there: hashes are CRC-32 and SHA-256, never Python's
per-process ``hash``.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np

from storyline.lexicon import words as lexicon_words
from storyline.model import Article

__all__ = ["FIELDS", "SKETCH_SIZE", "ArticleFeatures", "article_features", "content_hash", "sketch_similarity"]

FIELDS = ("title", "body", "entities")
# Copies are found by a bottom-k MinHash sketch (Broder 1997; Cohen & Kaplan 2007) of word
# 3-shingles: 64 smallest hashes estimate a Jaccard of 0.8 within about +-0.05, enough to tell a
# wire copy (0.8-1.0) from two outlets writing on one event (below 0.3 on the dev stream).
SKETCH_SIZE = 64
_SHINGLE = 3
# The lead -- the body's first 120 words, about its first paragraph -- counts twice in the body's
# bag: news is written as an inverted pyramid, the lead says what happened and the tail wanders
# into background that other stories share. On the dev stream's tuning half (and on a second
# split of it) leads of 60 to 120 words raised B-cubed F1 by 0.005-0.01; 120 was best on both.
LEAD_WORDS = 120

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d", re.UNICODE)
# A run of capitalised words, allowing the lower-case joiners of names ("Bank of England").
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’-]*)*")
# scikit-learn's English stop words, as lexicon data (importing scikit-learn for them cost ~1.5 s a start).
_STOP = lexicon_words("english_stop_words") | {
    "said",
    "says",
    "would",
    "also",
    "mr",
    "mrs",
    "ms",
    "told",
    "just",
    "like",
}


@dataclass(frozen=True)
class ArticleFeatures:
    """Term counts per field (see :data:`FIELDS`), the copy sketch and the content hash of one article."""

    counts: tuple[dict[str, int], ...]
    sketch: tuple[int, ...]
    hash: str


def content_hash(article: Article) -> str:
    """The article's identity in a store: SHA-256 of its title and whitespace-normalised text."""
    words = " ".join((article.title or "").split()) + "\n" + " ".join(article.text.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def article_features(article: Article) -> ArticleFeatures:
    """The three bags of words, the copy sketch and the hash of ``article``."""
    body = article.text[article.body_start :]
    words = _WORD.findall(body.lower())  # one lower() for the text, not one a word
    every = Counter(words)  # counted in C; the filters below then run once per distinct word
    stop = _STOP
    bag = {w: c for w, c in every.items() if w not in stop and len(w) > 1}
    for w, c in Counter(words[:LEAD_WORDS]).items():
        if w in bag:
            bag[w] += c
    title = {
        w: c for w, c in Counter(_WORD.findall((article.title or "").lower())).items() if w not in stop and len(w) > 1
    }
    # The title's words count in the body too: see decision.FEATURE_NAMES for why.
    for w, c in title.items():
        bag[w] = bag.get(w, 0) + c
    counts = (title, bag, _names((article.title or "") + "\n" + body))
    return ArticleFeatures(counts, _sketch(words), content_hash(article))


def _names(text: str) -> dict[str, int]:
    """Capitalised-name runs, lower-cased and joined by ``_``, counted; a lone stop word ("The", "But") is no name."""
    names: dict[str, int] = {}
    for name, count in Counter(_NAME.findall(text)).items():
        if " " not in name and name.lower() in _STOP:
            continue
        parts = name.split()
        if parts[0].lower() in _STOP:  # "The Senate" and "Senate" are one name
            parts = parts[1:]
        if parts:
            key = "_".join(parts).lower()
            names[key] = names.get(key, 0) + count
    return names


class _WordCodes(dict[str, int]):
    """Each word's CRC-32, computed on first sight and kept: a feed repeats its words, so the codes
    of an article's words are nearly all dictionary hits (looked up in C by ``map``)."""

    LIMIT = 1_000_000  # words kept (~100 MB at most); past it the table starts afresh

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        code = self[word] = zlib.crc32(word.encode("utf-8"))
        return code


_CODES = _WordCodes()


def _sketch(words: list[str]) -> tuple[int, ...]:
    """The :data:`SKETCH_SIZE` smallest hashes of the word 3-shingles, ascending.

    A shingle's hash mixes its words' CRC-32s with odd multipliers modulo 2**32, in numpy: the
    same value in every process, at a tenth of hashing each shingle's text.
    """
    if not words:
        return ()
    h = np.array(list(map(_CODES.__getitem__, words)), dtype=np.uint64)
    if len(h) >= _SHINGLE:
        h = (
            h[:-2] * np.uint64(0x9E3779B1) + h[1:-1] * np.uint64(0x85EBCA77) + h[2:] * np.uint64(0xC2B2AE3D)
        ) & np.uint64(0xFFFFFFFF)
    h.sort()  # then drop repeats: a sort and a comparison cost a fifth of np.unique's overhead
    unique = h[np.concatenate(([True], h[1:] != h[:-1]))]
    return tuple(unique[:SKETCH_SIZE].tolist())


def sketch_similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The bottom-k estimate of the Jaccard similarity of two articles' shingle sets.

    The union's k smallest hashes are a uniform sample of the union; the share of them in both
    sketches estimates the Jaccard similarity (Broder 1997).
    """
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:SKETCH_SIZE]
    return len((sa & sb).intersection(union)) / len(union)
