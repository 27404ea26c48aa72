"""Sentence splitting: news abbreviations, quotations, exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article
from storyline.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(Article(id="a", text=text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. ambassador to the U.N. spoke on Monday. Rebels left.",
            ["The U.S. ambassador to the U.N. spoke on Monday.", "Rebels left."],
        ),
        (
            "Brig. Gen. Zeid al-Saleh told state TV that rebels must leave. Col. Abo Bakr said a deal was agreed.",
            ["Brig. Gen. Zeid al-Saleh told state TV that rebels must leave.", "Col. Abo Bakr said a deal was agreed."],
        ),
        (
            "The army advanced on Dec. 2, 2016 into the old city. Shelling went on.",
            ["The army advanced on Dec. 2, 2016 into the old city.", "Shelling went on."],
        ),
        (
            "“It does not end until all terrorists have been completely eliminated. and we will continue the war against them”.",
            ["“It does not end until all terrorists have been completely eliminated. and we will continue the war against them”."],
        ),
        (
            '"The areas of Old Aleppo will be threatened to a great degree," the official said. "It is scorched earth."',
            ['"The areas of Old Aleppo will be threatened to a great degree," the official said.', '"It is scorched earth."'],
        ),
        (
            "“We will stay. We will not leave our city”, the commander said. Aid was blocked.",
            ["“We will stay. We will not leave our city”, the commander said.", "Aid was blocked."],
        ),
        (
            "The United States said it was not taking part. “It must have been terrifying for them”, she said.",
            ["The United States said it was not taking part.", "“It must have been terrifying for them”, she said."],
        ),
    ],
)
def test_news_sentences_are_split_where_a_reader_would(text, expected):
    assert _texts(text) == expected


def test_sentences_never_cross_paragraphs():
    sentences = split_sentences(Article(id="a", text="First paragraph without a period\nSecond one. Third one here."))
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("First paragraph without a period", 0),
        ("Second one.", 1),
        ("Third one here.", 1),
    ]


def test_headline_before_body_start_is_not_a_sentence():
    article = Article(id="a", text="Big headline\nThe body starts here. It goes on.", body_start=13)
    assert [s.text for s in split_sentences(article)] == ["The body starts here.", "It goes on."]
    assert split_sentences(article)[0].start == 13


def test_seed_offsets_are_exact(seed_documents):
    for document in seed_documents:
        assert document.sentences
        for n, s in enumerate(document.sentences):
            assert s.index == n
            assert document.article.text[s.start : s.end] == s.text


_PIECES = st.sampled_from(
    [
        "Col. Abo Bakr said the U.S. deal failed.",
        "“It is over. and we know it”, he said.",
        '"Stop," she said. "Now."',
        "Women walk near buildings in Aleppo, Syria December 2, 2016.",
        "   ",
        "\n",
        "ü ß 中文 — …",
        "Dec. 4 was cold!",
        "What now?",
    ]
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=12), body_start=st.integers(0, 10))
def test_every_span_is_exact_ordered_and_inside_the_body(pieces, body_start):
    text = " ".join(pieces)
    body_start = min(body_start, len(text))
    sentences = split_sentences(Article(id="x", text=text, body_start=body_start))
    previous_end = body_start
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert "\n" not in s.text
        assert previous_end <= s.start < s.end
        previous_end = s.end
