"""The text stages: split sentences with exact offsets, flag non-story text, fold copies.

``split_sentences`` (per article) -> ``clean`` -> ``fold`` (per story); ``tokens`` is the word
normalization folding uses, shared with any stage that compares sentences by their words.
"""

from __future__ import annotations

from storyline.text.clean import clean
from storyline.text.fold import fold, is_copy
from storyline.text.normalize import normalize, tokens
from storyline.text.sentences import split_sentences

__all__ = ["clean", "fold", "is_copy", "normalize", "split_sentences", "tokens"]
