"""What a figure counts, in constructions the head-noun reading missed (invented sentences)."""

from __future__ import annotations

import pytest

from storyline.extract.figures import find_figures
from storyline.model import Article, Document, Sentence


def _doc(text: str) -> Document:
    return Document(Article(id="d", text=text), (Sentence("d", 0, 0, len(text), text),))


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        # a body of people counted after its "of"
        ("The tanker carries a crew of 24, the owner said.", 24, "crew"),
        ("Of the staff of 300, only a few stayed.", 300, "staff"),
        # a term in quotation marks of its own is a word of the phrase
        ('The plan hires 35 "navigators" for the wards.', 35, "navigators"),
        ("Sensors logged 80 \u201cunusual\u201d tremors overnight.", 80, "tremors"),
        # two noun adjuncts joined before their plural head
        ("Inspectors found 14 gas and water leaks.", 14, "leaks"),
        ("The bill funds three state and county agencies.", 3, "agencies"),
    ],
)
def test_the_unit_is_the_head_of_what_is_counted(sentence: str, value: float, unit: str) -> None:
    assert (value, unit) in [(f.value, f.unit) for f in find_figures(_doc(sentence))]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The club has 40 men and women on its books.", 40, "men"),  # a plural head ends the phrase at "and"
        ("A family of five lives there, with 12 cats.", 12, "cats"),  # "family" is no body counted by members
        ('He said 40 "were never paid" at all.', 40, None),  # a quotation, not a term: no unit from it
    ],
)
def test_heads_that_end_the_phrase_are_kept(sentence: str, value: float, unit: str | None) -> None:
    found = [(f.value, f.unit) for f in find_figures(_doc(sentence))]
    assert (value, unit) in found if unit is not None else all(v != value for v, _ in found)


@pytest.mark.parametrize(
    ("sentence", "value", "event"),
    [
        ("The storm caused the loss of 30 jobs.", 30, "lose"),
        ("Police announced the seizure of 40 rifles.", 40, "seize"),
        ("The board approved the closure of 12 schools.", 12, "close"),
    ],
)
def test_a_noun_that_names_the_event_gives_it(sentence: str, value: float, event: str) -> None:
    assert (value, event) in [(f.value, f.event) for f in find_figures(_doc(sentence))]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Police detained 10 alleged smugglers at the port.", 10, "smugglers"),  # a participle before its noun
        ("The zoo keeps just three endangered mountain gorillas.", 3, "gorillas"),
        ("The two newly elected councillors spoke.", 2, "councillors"),  # an adverb of the modifier after it
        ("The orchestra gave three 25th-anniversary concerts.", 3, "concerts"),
        ("She scored 20 or more goals in five seasons.", 20, "goals"),  # the bound's noun after "or more"
        ("Gold worth $10 million may be lost.", 10_000_000, "usd"),  # "may", no month, after an amount
        ("Investors lost two trillion dollars in a week.", 2 * 10**12, "usd"),  # text2num lacks "trillion"
        ("Two dozen farms flooded.", 24, "farms"),
    ],
)
def test_heads_past_participles_adverbs_ordinals_and_bounds(sentence: str, value: float, unit: str) -> None:
    assert (value, unit) in [(f.value, f.unit) for f in find_figures(_doc(sentence))]


@pytest.mark.parametrize(
    "sentence",
    ["Firmware such as RX 4.1 caused crashes on start.", "Since then, 12 filed lawsuits.", "Seven signed letters."],
)
def test_a_verb_in_ed_after_a_number_that_opens_a_clause_is_its_verb(sentence: str) -> None:
    assert all(f.unit not in ("crashes", "lawsuits", "letters") for f in find_figures(_doc(sentence)))


def test_a_capitalised_month_after_a_number_is_still_a_date() -> None:
    assert find_figures(_doc("The rally is set for 4 May in the capital.")) == []
