"""Fixtures for the readers: an English paragraph long enough for every check."""

from __future__ import annotations

import pytest

BODY = (
    "Government forces pressed their assault on the last rebel districts of the city on Monday, "
    "residents said, as aid agencies warned that food and fuel were running out for the civilians "
    "who remain trapped there. "
)


@pytest.fixture
def body() -> str:
    """About 35 words of plain English news text."""
    return BODY
