"""Bigram concepts: stems, which pairs count, and how many independent documents hold each."""

from __future__ import annotations

import numpy as np

from storyline import Article, Corpus
from storyline.features.concepts import bigrams, stem
from storyline.features.context import Features
from storyline.pipeline import prepare_story


def test_light_stemmer_folds_plurals_and_possessives():
    assert [stem(w) for w in ("rebels", "cities", "buses", "city's", "glass", "status", "news")] == [
        "rebel",
        "city",
        "buse",
        "city",
        "glass",
        "status",
        "new",
    ]


def test_bigrams_drop_pairs_of_two_stop_words():
    assert bigrams("The rebels withdrew from the city") == ["the rebel", "rebel withdrew", "withdrew from", "the city"]


def test_a_concept_counts_each_independent_document_once():
    wire = "Troops captured the northern port after a long siege on Monday.\nOfficials said food was short."
    texts = {
        "a": wire,
        "b": wire,  # a syndicated copy: folded, not an independent source
        "c": "Residents said troops captured the northern port.\nThe mayor fled.",
    }
    story = prepare_story(Corpus(tuple(Article(id=k, text=v) for k, v in texts.items())))
    concepts = Features(story).concepts
    documents = dict(zip(concepts.names, concepts.documents, strict=True))
    assert documents["troop captured"] == 2
    assert documents["long siege"] == 1
    assert concepts.matrix.shape == (len(story.items), len(concepts))
    assert np.isfinite(concepts.first).all()


def test_concepts_are_numbered_in_reading_order_whatever_the_hash_seed():
    # Numbered by a set's order, the concepts (and the float sums over them) would differ between
    # processes with different PYTHONHASHSEEDs: a brief must not depend on the process that made it.
    texts = {
        "a": "Troops captured the northern port after a long siege on Monday.\nOfficials said food was short.",
        "c": "Residents said troops captured the northern port.\nThe mayor fled the burning city.",
    }
    story = prepare_story(Corpus(tuple(Article(id=k, text=v) for k, v in texts.items())))
    seen: dict[str, None] = {}
    for item in story.items:
        seen.update(dict.fromkeys(bigrams(item.text)))
    assert Features(story).concepts.names == tuple(seen)
