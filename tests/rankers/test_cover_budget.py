"""The learned cover's budget gate: no concept cover where the budget holds about one sentence."""

from __future__ import annotations

from dataclasses import replace

from storyline import Article, Corpus
from storyline.features.context import Features
from storyline.pipeline import prepare_story
from storyline.rankers.learned import COVER_SENTENCES, LearnedCoverage, cover_budget
from storyline.select import select, summarize

_FIRST = (
    "Flood water broke through the river levee north of the town early on Sunday morning. "
    "Hundreds of residents were moved to the school gym and the church hall by volunteers. "
    "The mayor said the pumps at the treatment plant would run through the whole night. "
    "Engineers from the regional authority began to repair the breach before the next rain."
)
_SECOND = (
    "The river levee north of the town gave way on Sunday and flood water reached the houses. "
    "Volunteers moved hundreds of residents to the school gym before the water rose further. "
    "Forecasters expect more heavy rain in the hills on Tuesday and again later in the week. "
    "Insurers said claims from the valley could pass last spring's record within a few days."
)


def _story() -> Features:
    articles = (Article(id="a", title="Levee breaks", text=_FIRST), Article(id="b", title="Town flooded", text=_SECOND))
    return Features(prepare_story(Corpus(articles)))


def test_the_cover_needs_room_for_two_median_sentences():
    features = _story()
    lengths = sorted(int(w) for w, item in zip(features.words, features.items, strict=True) if item.selectable)
    median = (lengths[len(lengths) // 2] + lengths[(len(lengths) - 1) // 2]) / 2
    assert COVER_SENTENCES == 2
    assert cover_budget(features) == int(-(-COVER_SENTENCES * median // 1))
    cover = LearnedCoverage().coverage(features)
    assert cover is not None and cover.min_words == cover_budget(features)


def test_under_the_cover_budget_the_default_picks_as_greedy_by_its_scores():
    features = _story()
    ranker = LearnedCoverage()
    words = 14  # about one sentence, under the cover's minimum
    assert words < cover_budget(features)
    scores, anchor = ranker.score(features), ranker.anchor(features)
    greedy = select(features, scores, words=words, overflow=True, anchor=anchor)
    cover = ranker.coverage(features)
    assert cover is not None
    ungated = select(features, scores, words=words, overflow=True, anchor=anchor, coverage=replace(cover, min_words=0))
    assert ungated != greedy  # the gate decides here
    assert summarize(features, ranker, words=words, overflow=True) == greedy
