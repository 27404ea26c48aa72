"""Token normalization shared by folding and any stage that compares sentences by their words.

Two outlets' copies of one wire sentence differ in typography more often than in words: curly
versus straight quotes, an en dash for a hyphen, a non-breaking space, "Ohio’s" for "Ohio's".
:func:`normalize` maps those variants to one form and lowercases; :func:`tokens` then reads the
words. Numbers keep their inner separators ("5.5", "1,200") so that a copy which changes a figure
can be told apart from one that only changes punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["COMBINING", "NEGATIONS", "is_negation", "is_number", "jaccard", "normalize", "tokens"]

# Quotes, apostrophes, dashes and odd spaces mapped to their plain ASCII counterparts.
_TYPOGRAPHY = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u0060": "'", "\u00b4": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
        "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip

# A number with its inner separators ("5.5", "1,200", "19/10/2016"), else a word with inner
# apostrophes ("syria's", "don't"). Hyphens split words: "cease-fire" -> "cease", "fire".
_TOKEN = re.compile(r"\d+(?:[.,/:]\d+)*|[^\W_]+(?:'[^\W_]+)*")

# Combining marks (the accent of a decomposed "u\u0308"): ``\w`` does not match them, so a
# pattern that reads words must allow them inside a word, or a span ends before the accent.
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

NEGATIONS = frozenset({"not", "no", "never", "none", "nor", "nobody", "nothing", "neither", "cannot", "without"})


# The same mapping as replacements, one variant at a time: ``str.translate`` with a table that maps
# non-ASCII characters looks every character of the text up in a dict (~3 us a news sentence), while
# a replacement is a C search for one character. Every replacement is ASCII and none is a variant, so
# applying them one after the other gives what the table gives at once.
_VARIANTS = tuple((chr(code), plain) for code, plain in _TYPOGRAPHY.items())


def normalize(text: str) -> str:
    """NFKC-fold, map typographic quotes/dashes/spaces to ASCII and lowercase ``text``."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():  # the backtick is the only ASCII variant
        return text.replace("`", "'").lower()
    for variant, plain in _VARIANTS:
        if variant in text:
            text = text.replace(variant, plain)
    return text.lower()


def tokens(text: str) -> list[str]:
    """The lowercase words and numbers of ``text`` after :func:`normalize`, punctuation dropped.

    >>> tokens("The river’s level — rising since Monday — reached 80% of “flood” stage.")
    ['the', "river's", 'level', 'rising', 'since', 'monday', 'reached', '80', 'of', 'flood', 'stage']
    """
    return list(_tokens(text))


# Cleaning, folding and the timeline each read every sentence's words: the story pays once.
# Bounded (a 1,000-document story's 30,000 sentences hold ~30 MB), so a server's memory stays flat.
@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(normalize(text)))


def is_number(token: str) -> bool:
    """Whether a token carries a digit (a figure, a date, a count)."""
    return any(c.isdigit() for c in token)


def is_negation(token: str) -> bool:
    """Whether a token flips a statement's polarity ("not", "never", "don't")."""
    return token in NEGATIONS or token.endswith("n't")


def jaccard(a: set[str], b: set[str]) -> float:
    """Overlap of two word sets: shared over all (0.0 for two empty sets)."""
    return len(a & b) / len(a | b) if a | b else 0.0
