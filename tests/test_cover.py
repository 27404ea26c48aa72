"""Exact concept coverage (storyline.cover via select): optimal, within the budget, under the selector's rules."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from storyline import Article, Corpus
from storyline.features.context import Features
from storyline.pipeline import prepare_story
from storyline.rankers.base import Coverage
from storyline.select import select


def _features(*texts: str) -> Features:
    return Features(prepare_story(Corpus(tuple(Article(id=f"d{n}", text=t) for n, t in enumerate(texts)))))


# One document, three sentences of three unrelated topics, 8 words each.
THREE_TOPICS = (
    "Army engineers rebuilt the main river bridge overnight.\n"
    "Farmers in the valley reported record wheat harvests.\n"
    "Teachers across the region began a week-long strike."
)


def _coverage(rows: list[list[int]], weights: list[float]) -> Coverage:
    matrix = sp.lil_matrix((len(rows), len(weights)))
    for i, concepts in enumerate(rows):
        for c in concepts:
            matrix[i, c] = 1
    return Coverage(sp.csr_matrix(matrix), np.array(weights))


def test_finds_the_optimum_a_greedy_choice_misses():
    # Eight words each. One sentence holds concepts 0 and 1 (weight 5); two others hold 0 and 2, 1 and 3
    # (weights 3 + 3 + 2 + 2): with room for two sentences the best pair is the second and third, 10 > 7.
    features = _features(THREE_TOPICS)
    coverage = _coverage([[0, 1], [0, 2], [1, 3]], [3.0, 3.0, 2.0, 2.0])
    chosen = select(features, np.array([3.0, 2.0, 1.0]), words=16, coverage=coverage)
    assert chosen == [1, 2]


def test_never_exceeds_the_budget_and_skips_ineligible_items():
    texts = [
        "Army engineers rebuilt the main river bridge overnight.",
        "Farmers in the valley reported record wheat harvests.",
        "Teachers across the region began a week-long strike.",
        "Too short.",  # a fragment: never selectable, whatever its weight
        "Shipping firms raised freight prices for the winter.",
    ]
    features = _features("\n".join(texts))
    coverage = _coverage([[0], [1], [2], [3], [4]], [1.0, 1.0, 1.0, 100.0, 1.0])
    chosen = select(features, np.zeros(5), words=25, coverage=coverage)
    assert sum(int(features.words[i]) for i in chosen) <= 25
    assert len(chosen) == 3 and 3 not in chosen


def test_two_sentences_of_the_same_content_are_never_both_chosen():
    features = _features(
        "Rescuers pulled twelve miners alive from the flooded shaft on Tuesday.",
        "Twelve miners were found alive in a flooded shaft, officials said.",
    )
    assert len(features) == 2 and features.similarity_to(0, [1])[0] > features.related_threshold
    coverage = _coverage([[0], [1]], [1.0, 1.0])
    assert len(select(features, np.zeros(2), words=100, coverage=coverage)) == 1


def test_a_context_dependent_sentence_comes_only_with_its_predecessor():
    features = _features(
        "Floods closed the main bridge in the capital on Sunday.\n"
        "It will stay shut for at least three more weeks, engineers said.\n"
        "Farmers in the valley reported record wheat harvests this year."
    )
    coverage = _coverage([[0], [1, 2, 3], [4]], [1.0, 5.0, 5.0, 5.0, 3.0])
    chosen = select(features, np.zeros(3), words=22, coverage=coverage)
    assert 1 not in chosen or 0 in chosen
    assert select(features, np.zeros(3), words=100, coverage=coverage) == [0, 1, 2]


def test_nothing_is_chosen_when_only_sentences_whose_predecessor_does_not_fit_would_fit():
    # The first sentence is over the budget; the second may only follow it: no cover, and no solver call
    # on an empty problem (found by tests/hostile's generated articles).
    features = _features(
        "Floods closed the main bridge " + "and the roads " * 20 + "in the capital on Sunday.\n"
        "It will stay shut for at least three more weeks, engineers said."
    )
    coverage = _coverage([[0], [1]], [1.0, 5.0])
    assert select(features, np.zeros(2), words=15, coverage=coverage) == []


def test_what_the_solver_writes_to_stdout_goes_to_stderr(capfd):
    import os

    from storyline.cover import _stdout_to_stderr

    with _stdout_to_stderr():
        os.write(1, b"solver chatter\n")
    os.write(1, b"brief\n")
    out, err = capfd.readouterr()
    assert out == "brief\n" and "solver chatter" in err


def test_the_cover_holds_the_confirmed_sentences_it_is_asked_for():
    features = _features(THREE_TOPICS)
    coverage = _coverage([[0, 1], [0, 2], [1, 3]], [3.0, 3.0, 2.0, 2.0])
    confirmed = np.array([True, False, False])
    scores = np.array([3.0, 2.0, 1.0])
    asked = Coverage(coverage.matrix, coverage.weights, confirmed=confirmed, min_confirmed=2)
    # One confirmed sentence exists: the cover takes it (and the best partner), not the unconfirmed optimum.
    assert 0 in select(features, scores, words=16, coverage=asked)
    assert select(features, scores, words=16, coverage=coverage) == [1, 2]


def test_a_confirmed_minimum_that_cannot_fit_is_dropped_not_the_summary():
    features = _features(THREE_TOPICS)
    coverage = _coverage([[0, 1], [0, 2], [1, 3]], [3.0, 3.0, 2.0, 2.0])
    asked = Coverage(coverage.matrix, coverage.weights, confirmed=np.array([True, True, False]), min_confirmed=2)
    # Both confirmed sentences are 8 words; a budget of 8 fits one: the cover keeps one, it does not come back empty.
    chosen = select(features, np.array([3.0, 2.0, 1.0]), words=8, coverage=asked)
    assert len(chosen) == 1


def _greedy(coverage: Coverage, **changes: object) -> Coverage:
    from dataclasses import replace

    return replace(coverage, solver="greedy", **changes)


def test_the_greedy_cover_keeps_the_budget_the_rules_and_the_confirmed_minimum():
    texts = [
        "Army engineers rebuilt the main river bridge overnight.",
        "Farmers in the valley reported record wheat harvests.",
        "Teachers across the region began a week-long strike.",
        "Too short.",
        "Shipping firms raised freight prices for the winter.",
    ]
    features = _features("\n".join(texts))
    coverage = _greedy(_coverage([[0], [1], [2], [3], [4]], [1.0, 2.0, 3.0, 100.0, 4.0]))
    chosen = select(features, np.zeros(5), words=17, coverage=coverage)
    assert sum(int(features.words[i]) for i in chosen) <= 17 and 3 not in chosen
    assert chosen == [2, 4]  # the two heaviest that fit
    confirmed = _greedy(coverage, confirmed=np.array([True, True, False, False, False]), min_confirmed=2)
    assert select(features, np.zeros(5), words=17, coverage=confirmed) == [0, 1]


def test_the_greedy_cover_never_holds_related_sentences_or_a_dependent_without_its_predecessor():
    same = _features(
        "Rescuers pulled twelve miners alive from the flooded shaft on Tuesday.",
        "Twelve miners were found alive in a flooded shaft, officials said.",
    )
    assert len(select(same, np.zeros(2), words=100, coverage=_greedy(_coverage([[0], [1]], [1.0, 1.0])))) == 1
    features = _features(
        "Floods closed the main bridge in the capital on Sunday.\n"
        "It will stay shut for at least three more weeks, engineers said.\n"
        "Farmers in the valley reported record wheat harvests this year."
    )
    coverage = _greedy(_coverage([[0], [1, 2, 3], [4]], [1.0, 5.0, 5.0, 5.0, 3.0]))
    chosen = select(features, np.zeros(3), words=22, coverage=coverage)
    assert 1 not in chosen or 0 in chosen
    assert select(features, np.zeros(3), words=100, coverage=coverage) == [0, 1, 2]


def test_the_greedy_cover_swaps_its_way_out_of_a_greedy_trap():
    # The first sentence alone has the best gain per word, but the other two together cover more:
    # the swap search trades it away (the optimum the exact cover finds too).
    features = _features(THREE_TOPICS)
    coverage = _coverage([[0, 1], [0, 2], [1, 3]], [3.0, 3.0, 2.0, 2.0])
    assert select(features, np.array([3.0, 2.0, 1.0]), words=16, coverage=_greedy(coverage)) == [1, 2]


def test_lazy_concept_weights_are_asked_only_for_the_candidates_concepts():
    features = _features(
        "Army engineers rebuilt the main river bridge overnight.\n"
        "Farmers in the valley reported record wheat harvests.\n"
        "Too short."
    )
    asked: list[list[int]] = []

    def weigh(concepts: np.ndarray) -> np.ndarray:
        asked.append(concepts.tolist())
        return np.ones(concepts.size)

    matrix = _coverage([[0], [1], [2]], [1.0, 1.0, 1.0]).matrix
    for solver in ("exact", "greedy"):
        asked.clear()
        lazy = Coverage(matrix, sentence_weight=0.0, weigh=weigh, solver=solver)
        assert select(features, np.zeros(3), words=16, coverage=lazy) == [0, 1]
        assert asked == [[0, 1]]  # the fragment's concept is never weighed


def test_under_a_budget_below_the_covers_minimum_the_choice_is_greedy_by_score():
    # The same story and concepts as the optimum test: the cover takes sentences 1 and 2, but with
    # min_words above the budget the selector picks by score, the first sentence first.
    features = _features(THREE_TOPICS)
    matrix = _coverage([[0, 1], [0, 2], [1, 3]], [3.0, 3.0, 2.0, 2.0]).matrix
    scores = np.array([3.0, 2.0, 1.0])
    gated = Coverage(matrix, np.array([3.0, 3.0, 2.0, 2.0]), min_words=17)
    assert select(features, scores, words=16, coverage=gated) == [0, 1]
    assert select(features, scores, words=16) == [0, 1]
    at_minimum = Coverage(matrix, np.array([3.0, 3.0, 2.0, 2.0]), min_words=16)
    assert select(features, scores, words=16, coverage=at_minimum) == [1, 2]


def test_the_greedys_table_is_the_ilps_matrix():
    from storyline.cover import _Problem

    features = _features(THREE_TOPICS)
    coverage = _coverage([[0, 1, 4], [0, 2], [1, 3]], [3.0, 0.0, 2.0, 2.0, 1.0])
    problem = _Problem.build(
        features, np.array([3.0, 2.0, 1.0]), coverage, eligible=[0, 1, 2], after={}, fixed=None, words=30
    )
    assert problem is not None
    assert list(problem.held) == [0, 2, 3, 4]  # heaviest first; the weightless concept dropped
    assert np.array_equal(problem.dense, problem.matrix().toarray() > 0)
