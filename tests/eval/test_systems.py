"""Systems: same candidates for all, the budget rule, sumy without downloads, the oracle, the registry."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.eval.datasets import load_benchmark
from storyline.eval.sumy_baselines import _WordTokenizer
from storyline.eval.systems import (
    REFERENCES,
    SUMY,
    THROUGH_SELECT,
    Context,
    OracleSystem,
    RandomSystem,
    all_systems,
    prepare,
    resolve,
)
from storyline.rankers import DEFAULT_RANKER, RANKERS


@pytest.fixture
def loaded(tiny_benchmark):
    protocol, clusters = load_benchmark(tiny_benchmark)
    return Context(protocol), [prepare(c) for c in clusters]


def test_registry_holds_references_sumy_and_every_ranker():
    names = set(all_systems())
    assert set(REFERENCES) | set(SUMY) | set(RANKERS) <= names
    assert list(all_systems())[:2] == ["oracle", "random"]


@pytest.mark.parametrize("name", list(all_systems()))
def test_every_system_picks_candidate_sentences_until_the_budget(loaded, name):
    context, prepared = loaded
    p = prepared[0]
    texts = {p.story.items[i].text for i in p.candidates}
    summary = all_systems()[name].summarize(p, context)
    assert summary and set(summary) <= texts
    words = sum(len(s.split()) for s in summary)
    if name not in ("oracle", *RANKERS) and not name.endswith(THROUGH_SELECT):
        # baselines fill the budget; rankers, the oracle and baselines through select() may stop earlier
        assert words >= context.protocol.words or len(summary) == len(p.candidates)


def test_word_tokenizer_needs_no_punkt_download():
    assert _WordTokenizer().to_words("Don't stop — it's 4.5 km, O’Neil said.") == (
        "Don't",
        "stop",
        "it's",
        "4",
        "5",
        "km",
        "O’Neil",
        "said",
    )
    assert _WordTokenizer().to_sentences("One. Two.") == ("One. Two.",)


def test_random_is_seeded_per_cluster(loaded):
    context, prepared = loaded
    first = RandomSystem().summarize(prepared[0], context)
    assert RandomSystem().summarize(prepared[0], context) == first
    assert (
        RandomSystem().summarize(prepared[0], Context(context.protocol, seed=1)) != first
        or len(prepared[0].candidates) < 3
    )


def test_oracle_takes_the_sentence_that_is_the_reference(loaded):
    context, prepared = loaded
    p = prepared[0]
    exact = "The plan adds forty electric buses to the fleet by next year."
    cluster = p.cluster.__class__(p.cluster.id, p.cluster.articles, (exact,))
    oracle = OracleSystem().summarize(p.__class__(cluster, p.story, p.candidates, 0.0), context)
    assert oracle[0] == exact


def test_oracle_scores_at_least_every_other_system(loaded):
    context, prepared = loaded
    for p in prepared:

        def r12(summary: list[str], references: tuple[str, ...] = p.cluster.references) -> float:
            s = context.rouge.score(summary, references)
            return s["rouge1"] + s["rouge2"]

        best = r12(OracleSystem().summarize(p, context))
        for name, system in all_systems().items():
            assert r12(system.summarize(p, context)) <= best + 1e-9, name


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("default", {DEFAULT_RANKER, *REFERENCES}),
        ("lexrank", {"lexrank", *REFERENCES}),
        ("lexrank, sumy_lsa", {"lexrank", "sumy_lsa", *REFERENCES}),
        ("all", {n for n in all_systems() if not n.endswith(THROUGH_SELECT)}),
    ],
)
def test_resolve_adds_the_references(spec, expected):
    assert set(resolve(spec)) == expected


@pytest.mark.parametrize("spec", ["nope", "lexrank,nope", " , "])
def test_resolve_rejects_unknown_names_listing_the_valid_ones(spec):
    with pytest.raises(ConfigError, match="choose"):
        resolve(spec)


def test_ranker_needing_embeddings_without_them_is_a_config_error(loaded):
    context, prepared = loaded
    with pytest.raises(ConfigError, match="needs embeddings"):
        all_systems()["embedding"].summarize(prepared[0], Context(context.protocol, embeddings="none"))
