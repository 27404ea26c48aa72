"""The surname check of opening subjects reads a document's index, and finds what a scan of the text finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.opening_subjects import _words_before, a_name

# Few distinct pieces, so that names repeat, follow each other and overlap ("Ann Lee Lee", "J. Lee-Smith").
_PIECES = st.sampled_from(["Ann", "Lee", "Lee-Smith", "J.", "Le", "Leeds", "the", "On", "Friday", "O'Neill", "x"])
_SPACES = st.sampled_from([" ", "  ", "\n", ". ", ", ", "-"])


def _scanned(text: str, word: str) -> list[str]:
    """What the check did before the index: one scan of the whole text for the word."""
    return [m.group(1) for m in re.finditer(rf"\b([A-Z][a-z]+|[A-Z]\.)\s+{re.escape(word)}\b", text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SPACES), max_size=30), _PIECES | st.sampled_from(["'Lee", "Lee.", "Smith"]))
def test_the_index_finds_what_a_scan_finds(pieces: list[tuple[str, str]], word: str) -> None:
    text = "".join(piece + space for piece, space in pieces)
    assert _words_before(text, word) == _scanned(text, word)


def test_a_surname_is_a_name_only_after_a_first_name_or_initial() -> None:
    text = "Marty Balin sang. On Friday Bullying rose. Later, Balin left. J. Okafor spoke."
    assert a_name(text, "Balin")
    assert a_name(text, "Okafor")
    assert not a_name(text, "Bullying")  # after a weekday, not a first name
