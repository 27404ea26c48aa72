"""Publication dates from metadata strings (JSONL fields, HTML metadata)."""

from __future__ import annotations

import datetime as dt
import re

# An ISO date at the start of a longer timestamp that fromisoformat refuses
# (nanoseconds, odd zone suffixes): the day is still right.
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)")


def parse_date(value: object) -> dt.date | None:
    """The day of an ISO date or datetime string; None when absent or unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    match = _ISO_DAY.match(value)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:  # 2016-13-45: the right shape, not a day
        return None


__all__ = ["parse_date"]
