"""Cleaning flags captions, credits, headline fragments, bylines and boilerplate: precisely."""

from __future__ import annotations

import pytest

from storyline.model import BOILERPLATE, BYLINE, CAPTION, CREDIT, FRAGMENT, Article, Document
from storyline.text.clean import clean
from storyline.text.sentences import split_sentences


def _flags(text: str, title: str | None = None) -> list[frozenset[str]]:
    docs = [Document(Article(id="a", text=text), split_sentences(Article(id="a", text=text)))]
    if title:
        docs.append(Document(Article(id="b", text=title + "\nBody.", title=title, body_start=len(title) + 1), ()))
    return [s.exclude for s in clean(docs)[0].sentences]


def test_seed_flags_are_exactly_the_captions_credit_and_fragment(seed_documents):
    flagged = {s.text[:40]: s.exclude for d in clean(seed_documents) for s in d.sentences if s.exclude}
    assert flagged == {
        "Women walk near damaged buildings in reb": {CAPTION},
        "Rebel fighters stand near a damaged bus ": {CAPTION},
        "The graffiti on the bus reads in Arabic:": {CAPTION},
        "REUTERS/Abdalrhman Ismail |": {CREDIT},
        "Assad not in favor of ceasefire.": {FRAGMENT},
    }


def test_cleaning_keeps_text_and_offsets(seed_documents):
    for before, after in zip(seed_documents, clean(seed_documents), strict=True):
        assert [(s.start, s.end, s.text) for s in before.sentences] == [(s.start, s.end, s.text) for s in after.sentences]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Smoke rises over the city in Aleppo, Syria December 5, 2016.", CAPTION),
        ("A child sits in the rubble. (AP Photo/Hassan Ammar)", CREDIT),
        ("By John Smith", BYLINE),
        ("By Laila Bassam and Tom Perry, Reuters", BYLINE),
        ("Reporting by Laila Bassam; Editing by Giles Elgood", BYLINE),
        ("Read more", BOILERPLATE),
        ("Click here to sign up for our newsletter.", BOILERPLATE),
        ("Assad not in favor of ceasefire.", FRAGMENT),
    ],
)
def test_non_story_text_is_flagged(text, flag):
    assert flag in _flags(text)[-1]


@pytest.mark.parametrize(
    "text",
    [
        "By Monday the army had taken most of the eastern districts.",
        "Rebels denied this, saying the hospital was still in their hands.",
        "Food and fuel supplies are critically low in eastern Aleppo.",
        "Kerry said he would read more into the proposal on Tuesday.",
        "The army said December 4's gains included a strategically important eye hospital.",
    ],
)
def test_news_sentences_are_not_flagged(text):
    assert _flags(text) == [frozenset()]


def test_a_body_line_repeating_another_documents_headline_is_a_fragment():
    assert _flags("Rebels defiant as Syrian army nears Aleppo's Old City", title="Rebels defiant as Syrian army nears Aleppo’s Old City") == [
        frozenset({FRAGMENT})
    ]
