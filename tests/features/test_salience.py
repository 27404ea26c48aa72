"""News salience features: position, headline closeness, support, shape."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import Article, Corpus
from storyline.features.context import Features
from storyline.features.salience import _CAPITALISED, COLUMNS, _names_share
from storyline.pipeline import prepare_story


def _story(*articles: Article) -> Features:
    return Features(prepare_story(Corpus(articles)))


def _row(features: Features, fragment: str) -> dict[str, float]:
    i = next(n for n, item in enumerate(features.items) if fragment in item.text)
    return dict(zip(COLUMNS, features.salience.matrix[i], strict=True))


def test_one_finite_row_per_item(seeds_dir):
    from storyline import load_articles

    features = Features(prepare_story(load_articles(seeds_dir)))
    matrix = features.salience.matrix
    assert matrix.shape == (len(features), len(COLUMNS))
    assert np.isfinite(matrix).all()


def test_position_and_headline_closeness():
    features = _story(
        Article(
            id="a",
            title="Troops capture northern port after siege",
            text="Troops captured the northern port after a long siege.\nAid groups warned of hunger in the south.",
        ),
        Article(
            id="b", text="Diplomats met in Geneva to discuss the siege.\nTroops captured the port, officials said."
        ),
    )
    lead, later = _row(features, "long siege"), _row(features, "hunger")
    assert lead["first"] == 1 and later["first"] == 0
    assert lead["position"] < later["position"]
    assert lead["headline_max"] > later["headline_max"]


def test_a_missing_headline_is_stood_in_for_by_the_lead_sentence_not_by_itself():
    features = _story(
        Article(id="a", text="Floods closed the main bridge in the capital on Sunday.\nSchools stayed open."),
        Article(id="b", text="The main bridge in the capital was closed by floods.\nTraffic was diverted north."),
    )
    assert {h.doc for h in features.headlines} == {"a", "b"}
    row = _row(features, "Floods closed")
    assert 0 < row["headline_max"] < 1  # close to b's lead, not to its own line


def test_support_counts_independent_documents():
    shared = "Rescuers pulled twelve miners alive from the flooded shaft on Tuesday."
    features = _story(
        Article(id="a", text=f"{shared}\nThe company said pumps had failed."),
        Article(id="b", text=f"Officials said: {shared}\nFamilies waited at the gate."),
        Article(id="c", text="A football match in the city was postponed.\nFans were told to stay home."),
    )
    assert _row(features, "Rescuers pulled")["support_share"] > _row(features, "football")["support_share"]


def test_concept_features_of_a_subset_are_the_rows_of_the_whole(seeds_dir):
    from storyline import load_articles
    from storyline.features.concept_salience import concept_salience

    features = Features(prepare_story(load_articles(seeds_dir)))
    whole = concept_salience(features)
    subset = np.array([5, 0, len(features.concepts) - 1])
    assert np.array_equal(concept_salience(features, subset), whole[subset])
    assert concept_salience(features, np.zeros(0, dtype=int)).shape == (0, whole.shape[1])


@settings(deadline=None)  # on shared cores a call can take longer than the default deadline
@given(
    st.lists(
        st.sampled_from(["Aa", "A.", "B'c", "C\u2019d", "x", "A-b", "A,", "(A", "Z9", "É", "a", "A1_"]), max_size=8
    ),
    st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c"]), min_size=8, max_size=8),
)
def test_names_share_is_the_capitalised_words_after_the_first(words, spaces):
    text = "".join(w + s for w, s in zip(words, spaces, strict=False))
    after_first = text.split()[1:]
    expected = sum(1 for w in after_first if _CAPITALISED.match(w)) / max(len(after_first), 1)
    assert _names_share(text) == expected


def test_a_small_storys_dense_headline_closeness_is_the_sparse_ones_float_for_float(seeds_dir, monkeypatch):
    # Two stories: the seeds (real headlines) and one whose leads stand in for missing headlines.
    from storyline import load_articles
    from storyline.features import salience

    stories = [
        prepare_story(load_articles(seeds_dir)),
        prepare_story(
            Corpus(
                tuple(
                    Article(
                        id=f"d{n}", text=f"Floods closed {n} bridges in the capital.\nSchools stayed open on day {n}."
                    )
                    for n in range(12)
                )
            )
        ),
    ]
    for story in stories:
        dense = salience.Salience(Features(story))._headline_closeness()
        with monkeypatch.context() as patch:
            patch.setattr(salience, "DENSE_CLOSENESS", 0)
            sparse = salience.Salience(Features(story))._headline_closeness()
        assert len(Features(story).headlines) > 3
        for name in ("headline_max", "headline_mean"):
            assert dense[name].tobytes() == sparse[name].tobytes()
