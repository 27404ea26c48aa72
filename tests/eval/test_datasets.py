"""Benchmark files: loading, articles, limits, and one-line errors naming file and line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from storyline.errors import ConfigError, InputError
from storyline.eval.datasets import load_benchmark, slice_digest

OPINOSIS = Path(__file__).resolve().parents[3] / "shared" / "data" / "opinosis" / "dev.jsonl"


def test_loads_protocol_and_clusters(tiny_benchmark):
    protocol, clusters = load_benchmark(tiny_benchmark)
    assert (protocol.name, protocol.words) == ("tiny", 20)
    assert [c.id for c in clusters] == ["cluster-0", "cluster-1"]
    article = clusters[0].articles[0]
    assert (article.id, article.date, article.source, article.title) == ("a0", dt.date(2024, 3, 1), "outlet-a", None)
    assert len(clusters[0].references) == 2


def test_limit_keeps_the_first_clusters(tiny_benchmark):
    assert len(load_benchmark(tiny_benchmark, limit=1)[1]) == 1


def test_protocol_override(tiny_benchmark):
    assert load_benchmark(tiny_benchmark, protocol="duc2004")[0].metric == "recall"


def test_unknown_protocol_override_is_a_usage_error(tiny_benchmark):
    with pytest.raises(ConfigError, match="unknown protocol"):
        load_benchmark(tiny_benchmark, protocol="nope")


GOOD = {"id": "c", "docs": [{"id": "d", "text": "Some text here."}], "summaries": ["A summary."]}


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["", json.dumps(GOOD)], 1, "empty"),
        (["{not json", json.dumps(GOOD)], 1, "malformed JSON"),
        (['{"dataset": "x"}', json.dumps(GOOD)], 1, "first line"),
        (['{"protocol": {"words": -3}}', json.dumps(GOOD)], 1, "bad protocol"),
        (['{"protocol": {}}', "[1, 2]"], 2, "JSON object"),
        (['{"protocol": {}}', json.dumps({**GOOD, "docs": []})], 2, "docs"),
        (['{"protocol": {}}', json.dumps({**GOOD, "summaries": []})], 2, "summaries"),
        (['{"protocol": {}}', json.dumps({**GOOD, "summaries": [""]})], 2, "non-empty string"),
        (['{"protocol": {}}', json.dumps({**GOOD, "docs": [{"id": "d"}]})], 2, "'text'"),
        (['{"protocol": {}}', json.dumps({**GOOD, "docs": [GOOD["docs"][0]] * 2})], 2, "used twice"),
        (['{"protocol": {}}', json.dumps(GOOD), "", json.dumps(GOOD)], 4, "already used on line 2"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, lines, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        load_benchmark(path)
    assert f"{path}:{line}:" in str(error.value)
    assert "\n" not in str(error.value)


def test_file_without_clusters_is_an_input_error(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text('{"protocol": {"words": 10}}\n\n', encoding="utf-8")
    with pytest.raises(InputError, match="no clusters"):
        load_benchmark(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such benchmark file"):
        load_benchmark(tmp_path / "missing.jsonl")


def test_unknown_dataset_needs_no_code(tmp_path, make_benchmark):
    path = make_benchmark(tmp_path / "news.jsonl", header={"dataset": "newsclusters-2026", "words": 60})
    protocol, clusters = load_benchmark(path)
    assert (protocol.name, protocol.words, len(clusters)) == ("newsclusters-2026", 60, 2)


def test_opinosis_dev_loads_with_its_protocol():
    protocol, clusters = load_benchmark(OPINOSIS)
    assert (protocol.name, protocol.words, protocol.metric, protocol.stemmer) == ("opinosis", 25, "f1", True)
    assert len(clusters) == 26
    assert all(len(c.references) >= 4 for c in clusters)


def test_slice_digest_pins_only_the_slice(tmp_path, make_benchmark):
    path = make_benchmark(tmp_path / "a.jsonl", clusters=3)
    first_two = slice_digest(path, 2)
    longer = make_benchmark(tmp_path / "b.jsonl", clusters=5)
    assert slice_digest(longer, 2) == first_two
    assert slice_digest(path, 3) != first_two
    path.write_text(path.read_text(encoding="utf-8").replace("forty", "fifty"), encoding="utf-8")
    assert slice_digest(path, 2) != first_two
