"""One conformance suite, run on every registered ranker."""

from __future__ import annotations

import numpy as np
import pytest

from storyline import Article, Corpus, load_articles
from storyline.errors import ConfigError
from storyline.features.context import Features
from storyline.features.embeddings import load_embedder
from storyline.pipeline import prepare_story
from storyline.rankers import DEFAULT_RANKER, RANKERS, get_ranker


@pytest.fixture(scope="module")
def seed_features(seeds_dir):
    return Features(prepare_story(load_articles(seeds_dir)), embedder=load_embedder("static"))


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_ranker_gives_one_finite_score_per_item(name, seed_features):
    scores = RANKERS[name].score(seed_features)
    assert scores.shape == (len(seed_features),)
    assert np.isfinite(scores).all()


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_ranker_is_deterministic(name, seed_features):
    assert np.array_equal(RANKERS[name].score(seed_features), RANKERS[name].score(seed_features))


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_ranker_handles_a_one_sentence_story(name):
    story = prepare_story(Corpus((Article(id="a", text="Rebels left the old city of Aleppo on Monday."),)))
    features = Features(story, embedder=load_embedder("static"))
    scores = RANKERS[name].score(features)
    assert scores.shape == (1,) and np.isfinite(scores).all()


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_ranker_scores_differ_across_sentences(name, seed_features):
    assert np.unique(RANKERS[name].score(seed_features)).size > 1


def test_lead_prefers_first_sentences():
    story = prepare_story(
        Corpus(
            (
                Article(
                    id="a", text="Troops took the old city on Monday morning.\nAid groups warned of hunger in the east."
                ),
                Article(id="b", text="Diplomats met in Geneva to discuss a truce.\nTalks ended without any agreement."),
            )
        )
    )
    scores = RANKERS["lead"].score(Features(story))
    first_of_a = next(
        i for i, item in enumerate(story.items) if item.sentence.doc_id == "a" and item.sentence.index == 0
    )
    assert int(np.argmax(scores)) == first_of_a


def test_centrality_rankers_prefer_the_sentence_everyone_repeats():
    shared = "Government forces captured the Old City of Aleppo after a fierce offensive"
    texts = [
        f"{shared} on Monday.\nThe weather in the north was cold and wet.",
        f"Officials said {shared.lower()}.\nA football match in Madrid was postponed.",
        f"Witnesses confirmed {shared.lower()} this week.\nStock markets in Asia rose slightly.",
    ]
    story = prepare_story(Corpus(tuple(Article(id=f"d{n}", text=t) for n, t in enumerate(texts))))
    features = Features(story)
    for name in ("centroid", "lexrank", "textrank", "consensus"):
        scores = RANKERS[name].score(features)
        best = story.items[int(np.argmax(scores))]
        assert "Aleppo" in best.text, name


def test_embedding_ranker_without_embeddings_is_a_config_error(seed_features):
    with pytest.raises(ConfigError, match="embeddings"):
        RANKERS["embedding"].score(Features(seed_features.story))


def test_unknown_ranker_lists_the_valid_names():
    with pytest.raises(ConfigError, match="lexrank"):
        get_ranker("lexrnak")


def test_default_ranker_is_registered():
    assert get_ranker("default") is RANKERS[DEFAULT_RANKER]


def test_registry_has_the_methods_the_project_promises():
    assert {"lead", "centroid", "lexrank", "textrank", "submodular", "embedding"} <= set(RANKERS)
