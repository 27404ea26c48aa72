"""Rewordings of one fact in other documents: matched with precision, never across a contradiction."""

from __future__ import annotations

import pytest

from storyline import Article, Corpus
from storyline.features.context import Features
from storyline.features.embeddings import load_embedder
from storyline.pipeline import prepare_story

FILLER = "Officials gave no further details on Tuesday evening."


def _pair(first: str, second: str, embeddings: str = "static") -> tuple[Features, int, int]:
    articles = (
        Article(id="a", text=f"{first}\n{FILLER}"),
        Article(id="b", text=f"{second}\nA spokesman declined to comment."),
    )
    features = Features(prepare_story(Corpus(articles)), embedder=load_embedder(embeddings))
    index = {item.text: i for i, item in enumerate(features.items)}
    return features, index[first], index[second]


def _reported(features: Features, a: int, b: int) -> bool:
    return b in features.reported_by(a) and a in features.reported_by(b)


def test_a_rewording_in_another_document_reports_the_same_fact():
    features, a, b = _pair(
        "Reuters reporters in the government-held part of the city said bombardment could still be heard.",
        "Loud explosions were heard in the east as night fell, Reuters journalists in the government-held city said.",
    )
    assert _reported(features, a, b)
    assert features.reported_sources[a] == 2


def test_a_shared_figure_anchors_a_looser_rewording():
    features, a, b = _pair(
        "Regime forces have retaken about 80 percent of former rebel territory since an offensive three weeks ago.",
        "After a fierce three-week offensive, government forces seized about 80% of the east, a stronghold since 2012.",
    )
    assert _reported(features, a, b)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Different figures: two facts.
        ("Young adults have been more likely to live with their parents since 1980 than in any other situation.",
         "Young adults have been more likely to live with their parents since 1880 than in any other situation."),
        # One negated: a contradiction, not a report.
        ("The police said the suspect's gun was loaded at the time of the shooting downtown.",
         "The police said the suspect's gun was not loaded at the time of the shooting downtown."),
    ],
)  # fmt: skip
def test_no_report_across_a_contradiction(first, second):
    features, a, b = _pair(first, second)
    assert not _reported(features, a, b)


def test_on_tfidf_alone_only_same_content_sentences_report_each_other():
    features, a, b = _pair(
        "Reuters reporters in the government-held part of the city said bombardment could still be heard.",
        "Loud explosions were heard in the east as night fell, Reuters journalists in the government-held city said.",
        embeddings="none",
    )
    assert not _reported(features, a, b)


def test_sentences_of_one_document_never_report_each_other_as_another_source():
    text = "Loud explosions were heard in the city as night fell.\nLoud explosions were heard in the city at night."
    features = Features(prepare_story(Corpus((Article(id="a", text=text),))), embedder=load_embedder("static"))
    assert features.reports.nnz == 0
    assert set(features.reported_sources) == {1.0}
