"""The facts scorer's batches beside the dev/test gold: each in a folder of its own, scored by that folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .bench import bench_module


def _scorer():
    return bench_module("facts_news_quality")


def _write(folder: Path, name: str, rows: list[dict[str, object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_a_batch_labels_one_kind_and_its_articles_carry_its_name(tmp_path: Path) -> None:
    scorer = _scorer()
    batch = tmp_path / "dev2"
    _write(batch, "articles.jsonl", [{"id": "mn-x-d0", "cluster": "mn-x", "split": "dev2"}])
    figure = {"doc": "mn-x-d0", "text": "12 boats", "start": 0, "end": 8, "value": 12, "unit": "boat", "event": None}
    _write(batch, "figures.jsonl", [figure, {**figure, "doc": "mn-y-d0"}])
    gold = scorer.load_gold("all", batch)
    assert [a["id"] for a in gold.articles] == ["mn-x-d0"]
    assert gold.figures == [figure] and gold.quotes == [] and gold.dates == []


def test_a_batch_article_with_another_split_is_refused(tmp_path: Path) -> None:
    scorer = _scorer()
    batch = tmp_path / "dev2"
    _write(batch, "articles.jsonl", [{"id": "mn-x-d0", "cluster": "mn-x", "split": "dev"}])
    with pytest.raises(ValueError, match="'dev2'"):
        scorer.load_gold("all", batch)


def test_the_batches_live_beside_the_gold_and_are_no_split_of_it() -> None:
    scorer = _scorer()
    assert scorer.BATCHES["dev2"].parent == scorer.GOLD and scorer.BATCHES["fresh"] == scorer.FRESH
    with pytest.raises(ValueError, match="unknown split"):
        scorer.load_gold("dev2")


@pytest.mark.parametrize(
    ("unit", "folded"), [("lives", "life"), ("people", "person"), ("Children", "child"), ("votes", "vote")]
)
def test_the_news_scorer_folds_irregular_plurals_before_regular_ones(unit: str, folded: str) -> None:
    assert _scorer().unit_key(unit) == folded


def test_a_measure_only_batch_prints_no_misses(capsys: pytest.CaptureFixture[str]) -> None:
    scorer = _scorer()
    assert {"fresh", "wcep_fresh"} <= scorer.MEASURE_ONLY and "dev2" not in scorer.MEASURE_ONLY
    with pytest.raises(SystemExit):
        scorer.main(["--batch", "wcep_fresh", "--misses"])
    assert "measure-only" in capsys.readouterr().err


def test_a_batch_is_read_against_the_benchmark_file_its_articles_come_from() -> None:
    scorer = _scorer()
    assert scorer.BATCH_DATA["wcep_fresh"].parent.name == "wcep"
    assert scorer.BATCH_DATA.get("dev2", scorer.DEV_FILE) == scorer.DEV_FILE
