"""Protocols: presets with sources, the file header, overrides, validation, cutting."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.errors import ConfigError
from storyline.eval.protocols import PRESETS, Protocol, preset, protocol_from_header


@pytest.mark.parametrize("name", ["opinosis", "duc2004", "wcep", "primera"])
def test_every_preset_cites_its_source(name):
    assert PRESETS[name].name == name
    assert len(PRESETS[name].source) > 40


@pytest.mark.parametrize(
    ("name", "words", "metric", "truncate"),
    [("opinosis", 25, "f1", True), ("duc2004", 100, "recall", True), ("primera", 100, "f1", False)],
)
def test_presets_hold_the_published_settings(name, words, metric, truncate):
    p = PRESETS[name]
    assert (p.words, p.metric, p.truncate, p.stemmer) == (words, metric, truncate, True)


def test_header_naming_a_preset_takes_the_preset_and_its_own_words():
    p = protocol_from_header({"dataset": "duc2004", "words": 50, "note": "x"})
    assert (p.name, p.words, p.metric) == ("duc2004", 50, "recall")


def test_unknown_dataset_gets_f1_with_stemming_and_truncation():
    p = protocol_from_header({"dataset": "newsclusters", "words": 80})
    assert (p.name, p.words, p.metric, p.stemmer, p.truncate, p.combine) == (
        "newsclusters",
        80,
        "f1",
        True,
        True,
        "mean",
    )


def test_header_settings_replace_the_preset():
    assert protocol_from_header({"dataset": "opinosis", "words": 25, "combine": "max"}).combine == "max"


def test_override_replaces_the_header():
    assert protocol_from_header({"dataset": "opinosis", "words": 25}, "duc2004") == PRESETS["duc2004"]


@pytest.mark.parametrize(
    "header",
    [
        {"words": 0},
        {"words": "25"},
        {"words": True},
        {"metric": "precision"},
        {"combine": "median"},
        {"stemmer": "yes"},
    ],
)
def test_bad_header_settings_are_config_errors(header):
    with pytest.raises(ConfigError):
        protocol_from_header({"dataset": "x", **header})


def test_unknown_preset_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="opinosis, duc2004, wcep, primera"):
        preset("rouge")


def test_protocol_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PRESETS["opinosis"].words = 10  # type: ignore[misc]


@pytest.mark.parametrize(
    ("truncate", "sentences", "expected"),
    [
        (True, ["a b c", "d e f"], ["a b c", "d"]),
        (True, ["a b c d e"], ["a b c d"]),
        (True, ["", "a  b", "c d e"], ["a b", "c d"]),
        (False, ["a b c", " d e f "], ["a b c", "d e f"]),
        (True, [], []),
    ],
)
def test_cut_keeps_the_first_words(truncate, sentences, expected):
    assert Protocol("t", words=4, truncate=truncate).cut(sentences) == expected
