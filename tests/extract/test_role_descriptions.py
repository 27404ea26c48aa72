"""Whom a document gives a role is read from the runs of text that hold the role, and equals a scan of the
whole text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.people import is_person_like
from storyline.extract.role_descriptions import _NAME, role_names, runs_holding
from storyline.lexicon import words

_PIECES = st.sampled_from(
    ["Ann", "Lee", "Lou B.", "Olivera", "the", "a", "his", "city's", "attorney", "Attorney", "lawyer", "defense", "x"]
)
_BETWEEN = st.sampled_from([" ", ", ", ". ", "\n", "“", "” ", ": ", "(", ") ", "-", "’s "])


def _scanned(text: str, noun: str) -> set[str]:
    """The role's holders by a scan of the whole text for each shape (what the runs must give)."""
    role = rf"(?i:{re.escape(noun)})"
    shapes = (
        rf"(?<![\w-]){role}\s+{_NAME}",
        rf"{_NAME},\s+(?:an?|the|his|her|its|their)\s+(?:[\w\u2019'-]+\s+){{0,4}}{role}(?![\w-])",
        rf"(?:an?|the)\s+(?:[\w\u2019'-]+\s+){{0,3}}{role},?\s+{_NAME}",
    )
    names = set()
    for shape in shapes:
        for m in re.finditer(shape, text):
            last = m.group("name").split()[-1]
            if is_person_like(m.group("name")) and last.lower() not in words("titles"):
                names.add(re.sub(r"[\u2019']s$", "", last))
    return names


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _BETWEEN), max_size=30), st.sampled_from(["attorney", "lawyer"]))
def test_the_runs_give_what_a_scan_of_the_text_gives(pieces: list[tuple[str, str]], noun: str) -> None:
    text = "".join(piece + between for piece, between in pieces)
    assert role_names(text, noun) == _scanned(text, noun)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _BETWEEN), max_size=30), _PIECES | st.just("Lee, Ann"))
def test_the_words_before_a_name_found_in_its_runs_are_those_of_the_text(
    pieces: list[tuple[str, str]], last: str
) -> None:
    # The speakers' search for a role written before a name (Speakers._has_other_role).
    text = "".join(piece + between for piece, between in pieces)
    before = re.compile(rf"(?<![\w-])([a-z][\w-]*)\s+(?:[A-Z][\w.\u2019'-]*\s+){{0,3}}{re.escape(last)}(?![\w-])")
    in_runs = [m.group(1) for part in runs_holding(text, re.compile(re.escape(last))) for m in before.finditer(part)]
    assert in_runs == [m.group(1) for m in before.finditer(text)]


def test_a_role_before_after_or_in_apposition_to_a_name() -> None:
    text = "Judge Lou Olivera ruled. “No,” said Ann Lee, the city's attorney. Later the attorney, Bo Park, agreed."
    assert role_names(text, "judge") == {"Olivera"}
    assert role_names(text, "attorney") == {"Lee", "Park"}
