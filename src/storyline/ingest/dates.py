"""Publication dates from metadata strings (JSONL fields, HTML metadata)."""

from __future__ import annotations

import datetime as dt
import re

# An ISO date at the start of a longer timestamp that fromisoformat refuses
# (nanoseconds, odd zone suffixes): the day is still right.
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)")
# Publication dates outside these years are placeholders ("0001-01-01", "9999-12-31") or
# mistakes, and date arithmetic near the calendar's ends overflows ("three weeks ago").
MIN_YEAR, MAX_YEAR = 1000, 9000


def parse_date(value: object) -> dt.date | None:
    """The day of an ISO date or datetime string; None when absent, unreadable or outside
    ``MIN_YEAR``..``MAX_YEAR``."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        day: dt.date | None = dt.datetime.fromisoformat(value).date()
    except ValueError:
        match = _ISO_DAY.match(value)
        try:
            day = dt.date.fromisoformat(match.group(1)) if match else None
        except ValueError:  # 2016-13-45: the right shape, not a day
            day = None
    return day if day is not None and MIN_YEAR <= day.year <= MAX_YEAR else None


__all__ = ["MAX_YEAR", "MIN_YEAR", "parse_date"]
