"""The units a figure is counted in: currencies, time units and units of measure, by the words that write them.

Money is its currency's ISO 4217 code ("$" is US dollars), time units singular ("days" is day), units of
measure by their names ("km" is kilometer): one spelling per unit, so two documents' figures meet.
"""

from __future__ import annotations

__all__ = ["CURRENCY", "CURRENCY_WORDS", "GLUED_MEASURES", "MEASURE_NAMES", "TIME_UNITS", "unit_of"]

# A currency sign is the unit of the amount it precedes: ISO 4217 codes, "$" read as US dollars.
CURRENCY = {"$": "usd", "us$": "usd", "c$": "cad", "a$": "aud", "€": "eur", "£": "gbp", "¥": "jpy"}
CURRENCY_WORDS = {"dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur"}
TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "min": "minute", "mins": "minute", "hr": "hour", "hrs": "hour",
}  # fmt: skip
# Units of measure written short, as their names ("2,500 km" and "2,700km" are kilometers, "15m" meters).
MEASURE_NAMES = {
    "km": "kilometer", "kms": "kilometer", "m": "meter", "cm": "centimeter", "mm": "millimeter", "ft": "foot",
    "mi": "mile", "kg": "kilogram", "kgs": "kilogram", "lb": "pound", "lbs": "pound",
}  # fmt: skip
GLUED_MEASURES = "km|cm|mm|ft|mi|kg|lbs|lb"


def unit_of(word: str) -> str:
    """The unit a word names, lower-cased: a time unit singular, a unit of measure by its name."""
    w = word.lower()
    return TIME_UNITS.get(w) or MEASURE_NAMES.get(w, w)
