"""Events of figures in constructions read by the rules of both facts golds (invented sentences)."""

from __future__ import annotations

import pytest

from storyline.extract.figures import find_figures
from storyline.model import Article, Document, Sentence


def _doc(text: str) -> Document:
    return Document(Article(id="d", text=text), (Sentence("d", 0, 0, len(text), text),))


def _found(sentence: str) -> list[tuple[float, str | None, str | None]]:
    return [(f.value, f.unit, f.event) for f in find_figures(_doc(sentence))]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "event"),
    [
        # a count of people whose noun the text leaves out, after a verb of harm or of the police
        ("The fever sickened 40 villagers, killing six.", 6, "people", "kill"),
        ("Eleven were arrested after the match.", 11, "people", "arrest"),
        ("Three people died and one person was hurt in the fire.", 1, "person", "hurt"),
        # the counts of an indictment take the verb that charged them
        ("The clerk was charged with three counts of fraud.", 3, "counts", "charge"),
        # "failed to": the thing was not done
        ("The firm failed to file 12 tax returns.", 12, "returns", "fail"),
        # an amount "by" in points measures the change a verb made
        ("The index rose by 120 points on Monday.", 120, "points", "rise"),
        ("She led her rival by 2.5 percentage points.", 2.5, "point", "lead"),
        # verbs that say something was done to the counted thing, not of being or having
        ("The guard scored 31 points and added 9 assists.", 31, "points", "score"),
        ("Rescuers made four attempts to reach the boat.", 4, "attempts", "make"),
        ("The bus carried 30 pupils to the coast.", 30, "pupils", "carry"),
    ],
)
def test_events_of_elided_charged_failed_and_changed_figures(
    sentence: str, value: float, unit: str, event: str
) -> None:
    assert (value, unit, event) in _found(sentence)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("One official said the talks had stalled.", 1),  # "one" as an article is no figure
        ("The vote was 54 to 45 in the end.", 54),  # a bare number with no harm: no figure
        ("The block sports 14 open code violations.", 14),  # having, not happening: a figure with no event
        ("The clerk faces three counts of fraud.", 3),
    ],
)
def test_no_figure_or_no_event_where_nothing_happened(sentence: str, value: float) -> None:
    assert all(event is None for v, _, event in _found(sentence) if v == value)
    if value in (1, 54):
        assert all(v != value for v, _, _ in _found(sentence))


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "event"),
    [
        ("The mayor led her rival by 1.5 percentage points.", 1.5, "point", "lead"),
        ("She held a 0.3 percentage point lead.", 0.3, "point", None),
        ("Prices rose 0.4 percent in May.", 0.4, "percent", "rise"),  # a share under one is a figure
        ("A stamp now costs $0.65 at the counter.", 0.65, "usd", None),
        # a population counts people: the level it reaches takes the verb
        ("The town's population has grown to about 40,000 since the mine opened.", 40_000, "people", "grow"),
        ("The region's population doubled to 3 million.", 3_000_000, "people", "double"),
    ],
)
def test_points_small_shares_and_population_levels(sentence: str, value: float, unit: str, event: str | None) -> None:
    assert (value, unit, event) in _found(sentence)


def test_a_level_of_something_else_counts_nothing_named() -> None:
    assert all(v != 22_000_000 for v, _, _ in _found("Sales rose to 22 million last year."))


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "event"),
    [
        ("The six finalists have taken two exams.", 2, "exams", "take"),  # "take" says something was done
        ("Some 40 protests have taken place since May.", 40, "protests", None),  # "take place": they happened
        ("Ada, one of only three certified pilots in the town, retired.", 3, "pilots", None),  # the one retired
    ],
)
def test_take_place_and_one_of_a_number(sentence: str, value: float, unit: str, event: str | None) -> None:
    assert (value, unit, event) in _found(sentence)


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "event"),
    [
        ("Nine people were killed and 40 injured in the crash.", 40, "people", "injure"),  # "X ... and Y injured"
        ("The storm left 3 dead and 20 wounded.", 3, "people", "kill"),
        ("Guards seized 30 stolen phones.", 30, "phones", "seize"),  # a participle in -en before its noun
        ("Coins valued at $4 million were found in a field.", 4_000_000, "usd", None),  # inside the participle
    ],
)
def test_participles_that_stand_for_people_or_modify_a_noun(
    sentence: str, value: float, unit: str, event: str | None
) -> None:
    assert (value, unit, event) in _found(sentence)
