"""The news facts gate: on the test split of bench/facts_gold_news, the wrong-speaker rate stays under its
ceiling, correct named speakers and figure value + unit + event accuracy above their floors
(bench/facts_news_floors.json).

The rule writers raise the floors (and lower the ceiling) as the rules improve; never loosen them
silently: re-measure with `python bench/facts_news_quality.py --split test --json` and commit the
change with its reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .bench import bench_module

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "bench" / "facts_news_floors.json").read_text(encoding="utf-8"))


def _scorer():
    return bench_module("facts_news_quality")


@pytest.fixture(scope="module")
def held_out_scores():
    scorer = _scorer()
    if not scorer.DEV_FILE.is_file():
        pytest.fail(f"the Multi-News dev file is missing: {scorer.DEV_FILE}")
    return scorer.summary(scorer.score("test"))


def test_wrong_speaker_rate_stays_under_its_ceiling(held_out_scores):
    rate = held_out_scores["wrong_speaker_rate"]
    assert rate is not None, "no matched quotation with a speaker on the test split"
    assert rate <= FLOORS["wrong_speaker_rate_max"], (
        f"wrong-speaker rate {rate:.3f} on the test split is above the ceiling {FLOORS['wrong_speaker_rate_max']}"
    )


def test_correct_named_speakers_stay_above_their_floor(held_out_scores):
    share = held_out_scores["correct_named"]
    assert share is not None, "no quotation with a named gold speaker on the test split"
    assert share >= FLOORS["correct_named_min"], (
        f"correct named speakers {share:.3f} on the test split is below the floor {FLOORS['correct_named_min']}"
    )


def test_figure_value_unit_event_accuracy_stays_above_its_floor(held_out_scores):
    accuracy = held_out_scores["figure_all_three"]
    assert accuracy is not None
    assert accuracy >= FLOORS["figure_all_three_min"], (
        f"figure value + unit + event accuracy {accuracy:.3f} on the test split is below "
        f"{FLOORS['figure_all_three_min']}"
    )


def test_gold_spans_cut_their_text_from_the_documents():
    scorer = _scorer()
    gold = scorer.load_gold("all")
    scorer.check_spans(gold, scorer.prepared_stories(gold))
    assert len(gold.quotes) >= 200 and len(gold.figures) >= 100 and len(gold.dates) >= 60
