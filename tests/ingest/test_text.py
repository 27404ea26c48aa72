"""Plain-text articles: when the first line is a headline, and where the body starts."""

from __future__ import annotations

import pytest

from storyline.ingest.text import article_from_text, is_headline

PARAGRAPH = "Syria's army advanced on the Old City on Sunday, a military source said."


@pytest.mark.parametrize(
    "line",
    [
        "Turkish, Russian leaders discuss Aleppo truce",
        "Aleppo’s Old City captured by Assad regime following rebel retreat",
        "Why Aleppo matters now",
        "UN: 'Diplomacy has failed' in Aleppo",
        "  Rebels defiant as Syrian army nears Aleppo's Old City  ",
    ],
)
def test_short_unpunctuated_first_lines_are_headlines(line):
    assert is_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        PARAGRAPH,
        "Syria’s government refers to all opponents as “terrorists”.",
        "Is this the end for Aleppo?",
        'He said: "We will not leave."',
        "Kerry said the war would continue:",
        "Stop the bombing!",
        " ".join(["word"] * 16),
        "x" * 151,
        "",
        "   ",
    ],
)
def test_sentences_long_lines_and_blank_lines_are_not_headlines(line):
    assert not is_headline(line)


def test_headline_becomes_title_and_body_starts_after_its_newline():
    text = "Rebels defiant in Aleppo\n" + PARAGRAPH + "\nSecond paragraph.\n"
    article = article_from_text(text, doc_id="d")
    assert article.title == "Rebels defiant in Aleppo"
    assert article.text == text
    assert article.text[article.body_start :] == PARAGRAPH + "\nSecond paragraph.\n"


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH + "\nSecond paragraph.\n",  # opens with a sentence, like seed 000
        "Rebels defiant in Aleppo",  # nothing follows it
        "Rebels defiant in Aleppo\n\n   \n",  # only blank lines follow it
        "\nRebels defiant in Aleppo\n" + PARAGRAPH,  # the first line is empty
    ],
)
def test_without_a_headline_the_body_starts_at_zero(text):
    article = article_from_text(text, doc_id="d")
    assert (article.title, article.body_start, article.text) == (None, 0, text)


def test_crlf_headline_offset_includes_the_carriage_return():
    text = "Rebels defiant in Aleppo\r\n" + PARAGRAPH
    article = article_from_text(text, doc_id="d")
    assert article.title == "Rebels defiant in Aleppo"
    assert article.text[article.body_start :] == PARAGRAPH
