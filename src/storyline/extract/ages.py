"""Ages: a number that says how old someone or something is counts nothing that happened, so it is no figure.

The facts gold leaves ages out (bench/facts_gold_news/README.md: "Walter, 59"), and a reader gains
nothing from "40" in a brief's key figures. English writes an age in a few fixed constructions:

* **apposition** after a person: a name or a person noun, a comma (or an opening bracket), a number of
  one to three digits, then a comma, a closing bracket, a dash, a semicolon or the sentence's end, with
  no counted noun after it ("Ana Ortiz, 34, was", "the driver, 61.", "Ortiz (34)");
* **a copula** after a personal pronoun: "she was 22, but", "he is now 65.";
* **an age word** before the number: "aged 40", "at the age of 76", "at age 36", "age 19";
* **an adjective of age**: "a 40-year-old driver", "five 4,000-year-old skeletons" (the number of the
  year-old is the age; the noun's own count, "five", is a figure), "20 years old", "19 years of age".
"""

from __future__ import annotations

import re

from storyline.lexicon import words

__all__ = ["is_age"]

# The closing side of an apposition: a comma, a bracket, a dash, a semicolon, or the sentence's end.
_APPOSITION_END = re.compile(r"\s*(?:[,);\u2014\u2013]|\s-\s|\.(?!\d)|$)")
_APPOSITION_OPEN = re.compile(r"(?P<word>[A-Za-z][\w.'\u2019-]*)\s*(?:,|\()\s*$")
_COPULA = re.compile(r"\b(?:he|she|who)\s+(?:was|is|['\u2019]s)\s+(?:now\s+|only\s+|just\s+)?$", re.IGNORECASE)
_AGE_WORD = re.compile(r"\b(?:aged|age\s+of|at\s+age|ages?)\s+$", re.IGNORECASE)
_AGE_UNITS = frozenset({"year", "month", "week", "day"})
_YEARS_OLD = re.compile(r"\s+(?:old\b|of\s+age\b)", re.IGNORECASE)


def is_age(text: str, start: int, end: int, raw: str, unit: str | None) -> bool:
    """Whether the number ``raw`` written at ``text[start:end]`` (its phrase: qualifier, number and what it
    counts) is an age. ``unit`` is what the phrase counts, None when no noun follows the number."""
    before = text[:start]
    if unit in _AGE_UNITS and (text[:end].endswith("-old") or _YEARS_OLD.match(text, end)):
        return True  # "a 40-year-old driver", "20 years old", "a six-month-old baby"
    if unit is not None or not re.fullmatch(r"\d{1,3}", raw):
        return False
    if _AGE_WORD.search(before) or (_COPULA.search(before) and _APPOSITION_END.match(text, end)):
        return True  # "aged 40", "at the age of 76", "she was 22,"
    opened = _APPOSITION_OPEN.search(before)
    if opened is None or not _APPOSITION_END.match(text, end):
        return False
    word = opened.group("word")
    return word[:1].isupper() or word.lower() in words("person_nouns") or word.lower() in words("generic_person_nouns")
