"""What a number as written is worth: digits ("1,200", "2.5 million", "1.2m") and words.

Number words are read by text2num (``text_to_num.text2num``, MIT): "two hundred and fifty" is 250,
"twenty-five" 25, "seven hundred thousand" 700000. It was measured against number-parser 0.3.2 on
the same cases (both right on whole numbers, both refuse "half a million" and "a hundred"); text2num
raises on what is not a number instead of guessing, is maintained, and is about 5,000 times faster
(0.3 us against 1.4 ms a call), so it was chosen. What neither reads is done here: an article for
"one" before a scale word ("a hundred", "a million"), fractions of a scale or a unit ("half a
million" is 500000, "a quarter of a mile" 0.25 mile, "two and a half million" 2500000, "a half mile"
0.5 mile, "two-thirds of the vote" 0.667 vote), "a dozen" and "two dozen", "trillion" (which text2num
lacks: "six trillion" is 6e12), and digits with a scale ("2.5 million", "1.2m", "£2bn").
"""

from __future__ import annotations

import re

from text_to_num import text2num

from storyline.lexicon import words

__all__ = ["NUMBER", "SCALES", "longest_number", "number_value"]

_WORDS = words("number_words")
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_SHORT_SCALES = {"m": 1_000_000, "bn": 1_000_000_000}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "fifth": 0.2}
# A whole number and a fraction written in digits: "2 1/2 hours", "2½".
_DIGIT_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "\u00bd": 0.5}

_WORD = "(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_SCALE = "(?:hundred|thousand|million|billion|trillion)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A run of number words: "two hundred and fifty", "twenty-five", "seven hundred thousand".
_WORD_RUN = rf"{_WORD}(?:-{_WORD})?(?:[\s-]+(?:and\s+)?(?:{_WORD}(?:-{_WORD})?|{_SCALE})(?![\w]))*"
# The number as written (the ``num`` group of a figure pattern).
NUMBER = (
    rf"(?P<num>(?:{_DIGITS})(?:\s+{_SCALE}|(?:bn|m)(?![\w-])|\s+[13]/[24](?![\d/])|\u00bd)?"
    rf"|{_WORD}[\s-]+and[\s-]+a[\s-]+half(?![\w-])(?!\s+{_SCALE})"
    rf"|(?:{_WORD}\s+and\s+)?(?:a\s+)?half[\s-]+(?:a\s+)?{_SCALE}"
    rf"|(?:a|an|one)\s+(?:half|quarter|third)\s+of\s+(?:a|an)(?=\s)"
    rf"|half\s+(?:a|an)(?=\s)(?!\s+dozen\b)"
    rf"|(?:a|an)\s+half(?=\s+[a-z])(?!\s+(?:of|a|an|the|dozen)\b)"
    rf"|{_WORD}[\s-]+(?:thirds|quarters|fifths|third|quarter|fifth)(?=\s+of\s)"
    rf"|(?:a|an)\s+{_SCALE}(?:[\s-]+(?:and\s+)?(?:{_WORD}(?:-{_WORD})?|{_SCALE})(?![\w]))*"
    rf"|(?:half\s+)?(?:a\s+|{_WORD}\s+)?dozen(?!s)"
    rf"|{_WORD_RUN})"
)


def number_value(raw: str) -> float | None:
    """The value of a number as written, or None when it is not one (text2num refuses it)."""
    low = " ".join(raw.lower().replace(",", "").split())
    if low[0].isdigit():
        digits = re.match(r"[\d.]+", low)
        assert digits is not None
        rest = low[digits.end() :].strip()
        if rest in _DIGIT_FRACTIONS:
            return float(digits.group()) + _DIGIT_FRACTIONS[rest]
        scale = SCALES.get(rest) or _SHORT_SCALES.get(rest) or 1
        return float(digits.group()) * scale
    parts = low.replace("-", " ").split()
    if parts[-1] == "dozen":  # "a dozen", "half a dozen", "two dozen"
        if parts[0] == "half":
            return 6.0
        times = _whole_words(parts[:-1]) if parts[:-1] and parts[0] not in ("a", "an") else 1.0
        return None if times is None else 12.0 * times
    if parts[0] in ("a", "an") and parts[1:] == ["half"]:  # "a half mile": half of the unit after it
        return 0.5
    if parts[-1].rstrip("s") in _FRACTIONS and len(parts) == 2 and parts[0] not in ("a", "an", "half"):
        try:  # "two-thirds of the vote", "one-quarter of"
            return float(text2num(parts[0], "en")) * _FRACTIONS[parts[-1].rstrip("s")]
        except ValueError:
            return None
    if parts[-1] in ("a", "an"):  # "a quarter of a", "half a": a fraction of what follows
        fraction = next((f for w, f in _FRACTIONS.items() if w in parts), None)
        return fraction
    if parts[-1] == "half" and len(parts) == 4:  # "two and a half", "two-and-a-half"
        try:
            return float(text2num(parts[0], "en")) + 0.5
        except ValueError:
            return None
    if "half" in parts:  # "half a million", "two and a half million", "a half-billion"
        whole = parts[0] if parts[0] not in ("a", "an", "half") else None
        base = float(text2num(whole, "en")) if whole else 0.0
        return (base + 0.5) * SCALES[parts[-1]]
    if parts[0] in ("a", "an"):
        parts = ["one", *parts[1:]]
    return _whole_words(parts)


def _whole_words(parts: list[str]) -> float | None:
    """A whole number in words, by text2num; "trillion", which text2num lacks, as a scale of its own
    ("six trillion", "two trillion five hundred billion")."""
    if "trillion" in parts:
        cut = parts.index("trillion")
        high = _whole_words(parts[:cut]) if parts[:cut] else 1.0
        low = _whole_words([p for p in parts[cut + 1 :] if p != "and"]) if parts[cut + 1 :] else 0.0
        return None if high is None or low is None else high * 10**12 + low
    try:
        return float(text2num(" ".join(parts), "en"))
    except ValueError:
        return None


def longest_number(raw: str) -> tuple[float, int] | None:
    """The value of the longest leading part of ``raw`` that is a number, and its length in characters.

    "twenty and thirty" is not one number: its longest leading number is "twenty".
    """
    cuts = [len(raw)] + [m.start() for m in reversed(list(re.finditer(r"[\s-]+", raw)))]
    for cut in cuts:
        part = raw[:cut].rstrip()
        if part and not part.lower().endswith((" and", " a", " an", " of")):
            value = number_value(part)
            if value is not None:
                return value, len(part)
    return None
