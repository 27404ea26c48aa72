"""evaluate() and its renderers, on the tiny hand-written benchmark."""

from __future__ import annotations

import json

import pytest

from storyline.errors import ConfigError
from storyline.eval.harness import evaluate
from storyline.eval.report import render, to_jsonl, to_markdown, to_text
from storyline.eval.rouge import METRICS
from storyline.rankers import DEFAULT_RANKER

SYSTEMS = ["oracle", "random", "sumy_lexrank", "lead", DEFAULT_RANKER]


@pytest.fixture(scope="module")
def result(tmp_path_factory, make_benchmark):
    path = make_benchmark(tmp_path_factory.mktemp("bench") / "tiny.jsonl", clusters=3)
    return evaluate(path, systems=SYSTEMS)


def test_scores_every_system_on_every_cluster(result):
    assert result.names() == SYSTEMS
    assert len(result.clusters) == 3
    assert len(result.records) == 3 * len(SYSTEMS)
    for system in result.systems:
        assert set(system.scores) == set(METRICS)
        assert all(len(v) == 3 for v in system.scores.values())
        for m in METRICS:
            low, high = system.ci[m]
            assert low - 1e-9 <= system.mean[m] <= high + 1e-9
        assert system.seconds_per_cluster >= 0


def test_p_values_compare_the_default_with_every_other_system(result):
    assert result.subject == DEFAULT_RANKER
    assert result.system(DEFAULT_RANKER).p_value == dict.fromkeys(METRICS)
    for name in SYSTEMS[:-1]:
        assert all(0 <= p <= 1 for p in result.system(name).p_value.values())  # type: ignore[operator]


def test_summaries_are_cut_to_the_protocol_words(result):
    assert all(sum(len(s.split()) for s in r.summary) <= result.protocol.words for r in result.records)


def test_gap_closed_is_the_share_of_the_headroom(result):
    base, oracle, ours = (result.system(n).mean["rouge1"] for n in ("sumy_lexrank", "oracle", DEFAULT_RANKER))
    if oracle > base:
        assert result.gap_closed("rouge1") == pytest.approx((ours - base) / (oracle - base))


def test_limit_and_progress(tiny_benchmark):
    calls = []
    r = evaluate(tiny_benchmark, systems=["random"], limit=1, progress=lambda d, t: calls.append((d, t)))
    assert r.clusters == ("cluster-0",)
    assert calls == [(1, 1)]
    assert r.subject is None and r.gap_closed("rouge1") is None and r.speed_ratio() is None


@pytest.mark.parametrize(("kwargs", "message"), [({"systems": ["nope"]}, "unknown system"), ({"limit": 0}, "limit")])
def test_bad_arguments_are_config_errors(tiny_benchmark, kwargs, message):
    with pytest.raises(ConfigError, match=message):
        evaluate(tiny_benchmark, **kwargs)


def test_markdown_table_has_one_row_per_system(result):
    md = to_markdown(result)
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(SYSTEMS)
    assert f"**{DEFAULT_RANKER} (default)**" in md
    assert "Gap closed" in md or result.gap_closed("rouge1") is None


def test_text_table_names_every_system(result):
    text = to_text(result)
    assert all(name in text for name in SYSTEMS)
    assert "\x1b[" not in text


def test_json_summary_and_per_cluster_jsonl(result):
    summary = json.loads(render(result, "json"))
    assert summary["clusters"] == 3 and set(summary["systems"]) == set(SYSTEMS)
    lines = [json.loads(line) for line in to_jsonl(result).splitlines()]
    assert len(lines) == len(result.records)
    assert set(lines[0]) == {"cluster", "system", *METRICS, "seconds", "summary"}


def test_unknown_format_is_rejected(result):
    with pytest.raises(ValueError, match="text, md, json"):
        render(result, "html")


def test_without_the_default_the_named_ranker_is_compared(tiny_benchmark):
    r = evaluate(tiny_benchmark, systems=["oracle", "random", "lead", "lexrank"])
    assert r.subject == "lexrank"
    assert r.system("lead").p_value["rouge1"] is not None
    assert "p vs lexrank" in to_markdown(r) and "lexrank (compared)" in to_markdown(r)


def _no_model(mode: str) -> None:
    from storyline.errors import MissingDependencyError

    raise MissingDependencyError("model2vec is not installed; pip install storyline")


def test_rankers_needing_embeddings_are_skipped_with_a_note_when_no_model_loads(tiny_benchmark, monkeypatch):
    monkeypatch.setattr("storyline.eval.systems.load_embedder", _no_model)
    r = evaluate(tiny_benchmark, systems=["oracle", "embedding", DEFAULT_RANKER])
    assert r.names() == ["oracle", DEFAULT_RANKER]
    assert r.notes and "Skipped embedding (needs embeddings)" in r.notes[0] and "model2vec" in r.notes[0]
    assert r.notes[0] in to_markdown(r) and r.notes[0] in to_text(r, width=400)


def test_only_rankers_needing_embeddings_and_no_model_is_a_config_error(tiny_benchmark, monkeypatch):
    monkeypatch.setattr("storyline.eval.systems.load_embedder", _no_model)
    with pytest.raises(ConfigError, match="nothing left to evaluate"):
        evaluate(tiny_benchmark, systems=["embedding"])


def test_model_load_is_not_charged_to_lead(tiny_benchmark, monkeypatch):
    import time

    def slow_load(mode: str) -> None:
        time.sleep(0.3)

    monkeypatch.setattr("storyline.eval.systems.load_embedder", slow_load)
    r = evaluate(tiny_benchmark, systems=["lead"], limit=1)
    assert r.load_seconds >= 0.3
    assert r.system("lead").seconds.max() < 0.3


def test_context_dependent_sentences_opening_their_document_are_counted_as_never_chosen(tmp_path):
    docs = [
        {"id": "a", "text": "But the council approved forty electric buses for the city on Monday."},
        {"id": "b", "text": "The council met to vote on the plan. However, the vote was close in the end."},
    ]
    path = tmp_path / "ctx.jsonl"
    path.write_text(
        json.dumps({"protocol": {"dataset": "ctx", "words": 20}})
        + "\n"
        + json.dumps({"id": "c", "docs": docs, "summaries": ["The council approved electric buses."]})
        + "\n",
        encoding="utf-8",
    )
    c = evaluate(path, systems=["random"]).candidates
    assert (c.total, c.ineligible, c.needs_context, c.orphaned) == (3, 0, 2, 1)
