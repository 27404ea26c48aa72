"""Token normalization: typography never tells two copies apart, figures and negations do."""

from __future__ import annotations

import pytest

import storyline.text
from storyline.text.normalize import is_negation, is_number, normalize, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Syria’s army — backed by Russia — took 80% of “east” Aleppo.",
            ["syria's", "army", "backed", "by", "russia", "took", "80", "of", "east", "aleppo"],
        ),
        (
            'Syria\'s army - backed by Russia - took 80% of "east" Aleppo!',
            ["syria's", "army", "backed", "by", "russia", "took", "80", "of", "east", "aleppo"],
        ),
        (
            "A cease-fire, $5.5 billion and 1,200 people on 19/10/2016.",
            ["a", "cease", "fire", "5.5", "billion", "and", "1,200", "people", "on", "19/10/2016"],
        ),
        ("They don’t know.", ["they", "don't", "know"]),
        ("ＦＵＬＬ width", ["full", "width"]),
        ("", []),
        ("— … |", []),
    ],
)
def test_tokens_are_lowercase_words_and_numbers(text, expected):
    assert tokens(text) == expected


def test_normalize_maps_quotes_dashes_and_spaces_to_ascii():
    assert normalize("“A”\u00a0‘b’ – C") == "\"a\" 'b' - c"


@pytest.mark.parametrize(("token", "expected"), [("not", True), ("never", True), ("don't", True), ("note", False)])
def test_negations(token, expected):
    assert is_negation(token) is expected


@pytest.mark.parametrize(("token", "expected"), [("372", True), ("5.5", True), ("g20", True), ("twenty", False)])
def test_numbers(token, expected):
    assert is_number(token) is expected


def test_the_text_package_exports_its_stages():
    for name in storyline.text.__all__:
        assert callable(getattr(storyline.text, name))


def test_tokens_are_a_fresh_list_each_call():
    """tokens() is cached per text: a caller changing its list must not change the next caller's."""
    first = tokens("The army took the city.")
    first.append("changed")
    assert tokens("The army took the city.") == ["the", "army", "took", "the", "city"]


def test_normalize_is_the_typography_table_applied_at_once_for_every_variant_and_mix():
    import unicodedata

    from storyline.text.normalize import _TYPOGRAPHY

    variants = "".join(chr(code) for code in _TYPOGRAPHY)
    samples = [
        "Plain ASCII, with a `backtick` and CAPS.",
        variants,
        f"Mixed {variants} text: Ohio\u2019s \u201cflood\u201d \u2014 5\u00a0000 \ufb01ve \u2033 caf\u00e9",
        "\u0130stanbul \u2018quoted\u2019 `ticked`",
        "\u00c9L\u00c8VE \u00bbguillemets\u00ab \u2212 3",
        "",
    ]
    for text in samples:
        assert normalize(text) == unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower()
