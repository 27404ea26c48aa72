"""Month and weekday names, in calendar order (``months.txt``, ``weekdays.txt``), and the patterns that find them.

These lists need their order (a month's number, a weekday's index), so they have this small loader
beside :func:`storyline.lexicon.words`.
"""

from __future__ import annotations

from importlib.resources import files


def _lines(name: str) -> list[list[str]]:
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].split() for line in text.splitlines())
    return [[w.lower() for w in row] for row in rows if row]


# Every name and abbreviation of a month -> its number (1-12).
MONTHS: dict[str, int] = {name: n for n, row in enumerate(_lines("months"), 1) for name in row}
# Weekday names, Monday first: ``WEEKDAYS.index(name) == date.weekday()``.
WEEKDAYS: tuple[str, ...] = tuple(row[0] for row in _lines("weekdays"))
# Month names as written: full names capitalised, abbreviations with an optional period ("Dec.", "Sept");
# longest first, so an alternation never stops at a prefix.
_FULL = [row[0] for row in _lines("months")]
_ABBREVIATIONS = [name for row in _lines("months") for name in row[1:]]
_ALTERNATIVES = [n.capitalize() for n in _FULL] + [n.capitalize() + r"\.?" for n in _ABBREVIATIONS]
MONTH_PATTERN = "(?:" + "|".join(sorted(_ALTERNATIVES, key=lambda p: len(p.removesuffix(r"\.?")), reverse=True)) + ")"
WEEKDAY_PATTERN = "(?:" + "|".join(name.capitalize() for name in WEEKDAYS) + ")"


def month_number(name: str) -> int:
    """The month's number for a name or abbreviation as written ("Dec.", "SEPT", "march")."""
    return MONTHS[name.rstrip(".").lower()]
