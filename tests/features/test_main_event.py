"""The main event: the headline the other sources support, the newest of near ties, and its lead sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline import Article, Corpus
from storyline.features.context import Features
from storyline.features.embeddings import load_embedder
from storyline.pipeline import prepare_story


def _features(articles: list[Article], embeddings: str = "none") -> Features:
    return Features(prepare_story(Corpus(tuple(articles))), embedder=load_embedder(embeddings))


def _valley(dates: tuple[dt.date | None, ...] = (None, None, None)) -> list[Article]:
    return [
        Article(
            id="a",
            title="Mayor praises volunteers",
            date=dates[0],
            text="The mayor thanked the volunteers who filled sandbags all night.\nShe visited the shelter.",
        ),
        Article(
            id="b",
            title="Valley storm floods main road",
            date=dates[1],
            text="A storm flooded the main road through the valley on Monday.\nRepairs will take a week.",
        ),
        Article(
            id="c",
            title="Schools shut in the valley",
            date=dates[2],
            text="Schools in the valley stayed shut after the storm flooded the main road.\nBuses did not run.",
        ),
    ]


@pytest.mark.parametrize("embeddings", ["none", "static"])
def test_main_event_is_the_headline_the_other_documents_report(embeddings):
    features = _features(_valley(), embeddings)
    event = features.main_event
    assert event is not None
    assert features.headlines[event.headline].text == "Valley storm floods main road"
    # Its statement is its own document's lead sentence.
    assert features.items[event.statement].text.startswith("A storm flooded the main road")


def test_a_side_story_headline_loses_even_when_it_is_newest():
    # The mayor's headline is newest, but no other document reports it: it is not a near tie.
    features = _features(_valley((dt.date(2020, 3, 3), dt.date(2020, 3, 1), dt.date(2020, 3, 1))))
    assert features.headlines[features.main_event.headline].text == "Valley storm floods main road"


def test_of_two_headlines_supported_alike_the_newest_states_the_story():
    articles = [
        Article(id="a", title="Storm nears the coast", date=dt.date(2020, 3, 1),
                text="A storm neared the coast on Sunday.\nPorts closed."),
        Article(id="b", title="Storm hits the coast", date=dt.date(2020, 3, 2),
                text="The storm hit the coast on Monday.\nPower failed in the port."),
        Article(id="c", title="Coast storm: what we know", date=dt.date(2020, 3, 2),
                text="The storm reached the coast.\nThe port is shut."),
    ]  # fmt: skip
    features = _features(articles)
    event = features.main_event
    supports = {}
    for k, h in enumerate(features.headlines):
        supports[h.text] = k
    assert features.headlines[event.headline].doc in {"b", "c"}
    assert features.headlines[event.headline].text != "Storm nears the coast"


def test_without_headlines_the_best_supported_lead_stands_in():
    articles = [
        Article(id="a", text="A storm flooded the main road through the valley.\nRepairs will take a week."),
        Article(id="b", text="The mayor thanked volunteers.\nShe visited the shelter."),
        Article(id="c", text="The valley's main road was flooded by the storm.\nBuses did not run."),
    ]
    features = _features(articles)
    event = features.main_event
    headline = features.headlines[event.headline]
    assert headline.item is not None and headline.item == event.statement
    assert headline.doc in {"a", "c"}


def test_no_sentences_no_main_event():
    assert _features([Article(id="a", text="***")]).main_event is None


def test_headline_embeddings_are_each_headlines_own_encoding_bit_for_bit():
    # The headlines ride in the items' call to the embedder (and a lead headline is its item's row): the main
    # event may only read them so if a row's embedding does not depend on what it is encoded with.
    articles = [
        *_valley(),
        Article(id="d", title=None, text="Volunteers cleared the valley road by Friday.\nIt reopened."),
    ]
    features = _features(articles, embeddings="static")
    encoded = features.headline_embeddings()
    assert sorted(encoded) == list(range(len(features.headlines))) and len(encoded) == 4
    assert any(h.item is not None for h in features.headlines)
    for k, headline in enumerate(features.headlines):
        alone = features.embedder.encode([headline.text])[0]
        assert alone.tobytes() == encoded[k].tobytes()
    assert _features(articles).headline_embeddings() == {}
