"""Ages are no figures, and a number that counts nothing named is no figure either (invented sentences)."""

from __future__ import annotations

import pytest

from storyline.extract.figures import extract_figures, find_figures
from storyline.extract.numbers import sentence_numbers
from storyline.model import Article, Document, Sentence


def _doc(text: str) -> Document:
    return Document(Article(id="d", text=text), (Sentence("d", 0, 0, len(text), text),))


def _numbers(text: str) -> list[tuple[float, str | None]]:
    return [(n.value, n.unit) for n in sentence_numbers(Sentence("d", 0, 0, len(text), text))]


@pytest.mark.parametrize(
    "sentence",
    [
        "The baker, Tomas Brel, 52, said the oven had failed.",
        "Officers said Mara Quill, 27, was taken to hospital.",
        "The neighbours, Ida Fenn, 81, and Olaf Fenn, 79, were asleep.",
        "Charged were: Lee Hart, 22; Ben Ross, 21; and Sam Cole, 23.",
        "The driver, 61, was unhurt.",
        "A statement named the pilot (44) and praised the crew.",
        "The cook was named as Ruth Amsel, 38.",
        "She was 22, and the job was her first.",
        "He is now 65.",
        "The singer died at the age of 76 in a clinic.",
        "She retired aged 40 after a long career.",
        "The rule covers children under the age of 14.",
        "A 40-year-old driver was arrested.",
        "The 19-year-old was released.",
        "The boy is 12 years old.",
        "A six-month-old baby was found unharmed.",
    ],
)
def test_an_age_is_no_number_of_the_mention_layer(sentence: str) -> None:
    assert _numbers(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Two missing 13-year-old girls were found.", 2, "girls"),
        ("Officers found five 4,000-year-old skeletons.", 5, "skeletons"),
        ("The camp, 40 miles away, is shut.", 40, "miles"),  # a measure after the comma: no age
        ("The firm, 300 workers strong, closed.", 300, "workers"),  # a counted noun: no age
        ("Ben Ross, 21 years in the job, left.", 21, "year"),
        ("The team scored 30 points, the coach said.", 30, "points"),
        ("The project has run for 12 years.", 12, "year"),
    ],
)
def test_a_count_beside_an_age_or_a_comma_stays_a_figure(sentence: str, value: float, unit: str) -> None:
    assert (value, unit) in [(f.value, f.unit) for f in find_figures(_doc(sentence))]


def test_a_figure_in_apposition_with_a_qualifier_or_after_a_thing_is_kept_in_the_layer() -> None:
    # Not a person before the comma, or a qualifier: a count, not an age (it has no noun, so no figure).
    assert (300.0, None) in _numbers("We saw floating objects, perhaps more than 300, on the water.")
    assert (300.0, None) in _numbers("We saw the objects, 300, on the water.")


def test_a_number_that_counts_nothing_named_is_no_figure_of_the_brief() -> None:
    text = "The bill passed on a vote of 54 to 45, and 30 people marched."
    assert (54.0, None) in _numbers(text)  # still in the mention layer (a toll's "rose to 40" is read there)
    figures = extract_figures([_doc(text)])
    assert [(f.value, f.unit) for f in figures] == [(30.0, "people")]
    assert all(f.unit is not None for f in find_figures(_doc(text)))
