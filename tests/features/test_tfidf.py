"""features.tfidf gives scikit-learn's TfidfVectorizer matrices, value for value and in the same stored order."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

import storyline
from storyline.features.tfidf import english_stop_words, tfidf
from storyline.text.sentences import split_sentences

STORYLINE = r"(?u)\b\w[\w'-]*\b"
RAW = r"(?u)\b\w+\b"


def _same(ours, theirs) -> None:
    assert type(ours) is type(theirs) and ours.shape == theirs.shape
    assert ours.indices.dtype == theirs.indices.dtype and ours.indptr.dtype == theirs.indptr.dtype
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert ours.data.tobytes() == theirs.data.tobytes()


def test_the_stop_words_are_scikit_learns():
    assert english_stop_words() == ENGLISH_STOP_WORDS


@pytest.fixture(scope="module")
def seed_sentences(seeds_dir) -> list[str]:
    return [s.text for a in storyline.load_articles(seeds_dir).articles for s in split_sentences(a)]


def test_storyline_options_match_scikit_learn_on_the_seeds(seed_sentences):
    theirs = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=STORYLINE, min_df=1)
    ours = tfidf(seed_sentences, token_pattern=STORYLINE, stop_words=english_stop_words(), sublinear_tf=True)
    _same(ours, theirs.fit_transform(seed_sentences).tocsr())


@pytest.mark.parametrize(
    "texts",
    [
        ["The cat sat on the mat, the mat!", "Dogs bark at the cat", "zebra apple cat cat cat"],
        ["Syria's army", "don't stop-gap 5.5% 1,200", "ÉLAN über Straße", "a", "", "?!"],
        ["same words", "same words", "Same WORDS", "words same"],
    ],
    ids=["counts", "apostrophes-numbers-unicode-empty", "duplicates"],
)
@pytest.mark.parametrize("sublinear", [True, False])
def test_raw_and_storyline_options_match_scikit_learn(texts, sublinear):
    for pattern, stop in ((STORYLINE, "english"), (RAW, None)):
        theirs = TfidfVectorizer(stop_words=stop, sublinear_tf=sublinear, token_pattern=pattern).fit_transform(texts)
        ours = tfidf(texts, token_pattern=pattern, stop_words=english_stop_words() if stop else frozenset(),
                     sublinear_tf=sublinear)  # fmt: skip
        _same(ours, theirs.tocsr())


@pytest.mark.parametrize("texts", [["the of and", "it is"], ["!!", "..."], []])
def test_no_term_left_is_a_value_error_as_in_scikit_learn(texts):
    with pytest.raises(ValueError, match="empty vocabulary"):
        TfidfVectorizer(stop_words="english").fit_transform(texts)
    with pytest.raises(ValueError, match="empty vocabulary"):
        tfidf(texts, token_pattern=STORYLINE, stop_words=english_stop_words())
