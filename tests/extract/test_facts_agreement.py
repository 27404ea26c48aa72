"""The second reader's labels (bench/facts_gold_news/agreement) line up with the gold's spans, and the
agreement rules say what bench/facts_agreement.py's docstring says."""

from __future__ import annotations

from .bench import bench_module


def _module():
    return bench_module("facts_agreement")


def test_every_second_label_names_a_gold_span_with_its_text():
    agreement = _module()
    gold = agreement.load_gold("all")
    second_q = agreement.read_jsonl(agreement.AGREEMENT / "quotes.jsonl")
    second_f = agreement.read_jsonl(agreement.AGREEMENT / "figures.jsonl")
    assert len(second_q) >= 100 and len(second_f) >= 50
    for first, second in ((gold.quotes, second_q), (gold.figures, second_f)):
        for a, b in agreement._pairs(first, second):
            assert a["text"] == b["text"]


def test_speakers_agree_by_any_name_and_unknown_only_with_unknown():
    agree = _module().speakers_agree
    ann = {"speaker": "Ann Lee", "aliases": ["the mayor"]}
    assert agree(ann, {"speaker": "Lee", "aliases": []})
    assert agree(ann, {"speaker": "the mayor", "aliases": []})
    assert not agree(ann, {"speaker": "Bob Stone", "aliases": ["Stone"]})
    assert not agree(ann, {"speaker": None})
    assert agree({"speaker": None}, {"speaker": None, "aliases": []})


def test_figures_agree_field_by_field():
    check = _module().figure_agreement
    a = {"value": 12, "unit": "people", "event": "kill"}
    assert check(a, {"value": 12.0, "unit": "person", "event": "killed"}) == {
        "value": True,
        "unit": True,
        "event": True,
        "all": True,
    }
    assert check(a, {"value": 12, "unit": "person", "event": None})["all"] is False
    assert check(a, {"value": 13, "unit": "person", "event": "kill"})["value"] is False
