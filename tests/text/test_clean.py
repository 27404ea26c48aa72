"""Cleaning flags captions, credits, headline fragments, bylines and boilerplate -- precisely."""

from __future__ import annotations

import pytest

from storyline.model import BOILERPLATE, BYLINE, CAPTION, CREDIT, FRAGMENT, Article, Document
from storyline.text.clean import clean
from storyline.text.sentences import split_sentences


def _document(text: str, doc_id: str = "a", title: str | None = None) -> Document:
    head = f"{title}\n" if title else ""
    article = Article(id=doc_id, text=head + text, title=title, body_start=len(head))
    return Document(article, split_sentences(article))


def _flags(text: str, *others: Document) -> list[frozenset[str]]:
    return [s.exclude for s in clean([_document(text), *others])[0].sentences]


def _flags_in_body(text: str) -> frozenset[str]:
    """The flags of a line placed between two paragraphs of news."""
    body = f"The army said it had taken the hospital.\n{text}\nRebels said they would fight on."
    return _flags(body)[1]


def test_seed_flags_are_exactly_two_captions_a_photo_description_a_credit_and_a_fragment(seed_documents):
    flagged = {(d.id[:3], s.text[:40]): s.exclude for d in clean(seed_documents) for s in d.sentences if s.exclude}
    assert flagged == {
        ("001", "Women walk near damaged buildings in reb"): {CAPTION},
        ("004", "Rebel fighters stand near a damaged bus "): {CAPTION},
        ("004", "The graffiti on the bus reads in Arabic:"): {CAPTION},
        ("004", "REUTERS/Abdalrhman Ismail |"): {CREDIT},
        ("003", "Assad not in favor of ceasefire."): {FRAGMENT},
    }


def test_cleaning_keeps_text_offsets_and_order(seed_documents):
    cleaned = clean(seed_documents)
    for before, after in zip(seed_documents, cleaned, strict=True):
        assert after.article is before.article
        assert [(s.index, s.start, s.end, s.text, s.paragraph) for s in before.sentences] == [
            (s.index, s.start, s.end, s.text, s.paragraph) for s in after.sentences
        ]


def test_cleaning_nothing_gives_nothing():
    assert clean([]) == ()


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Smoke rises over the city in Aleppo, Syria December 5, 2016.", CAPTION),
        ("Syrians walk past destroyed buildings in Aleppo, Syria, Monday, Dec. 5, 2016.", CAPTION),
        ("FILE PHOTO: A man rides a bicycle past rubble in Aleppo.", CAPTION),
        ("In this photo released by SANA, troops march in Aleppo.", CAPTION),
        ("REUTERS/Abdalrhman Ismail |", CREDIT),
        ("(AP Photo/Hassan Ammar)", CREDIT),
        ("A boy stands in the rubble of Aleppo (AP Photo/Hassan Ammar)", CREDIT),
        ("Photo: Reuters", CREDIT),
        ("AFP via Getty Images", CREDIT),
        ("Getty Images", CREDIT),
        ("By John Smith", BYLINE),
        ("By Laila Bassam and Tom Perry, Reuters", BYLINE),
        ("BY JOHN SMITH in Beirut", BYLINE),
        ("Reporting by Laila Bassam; Editing by Giles Elgood", BYLINE),
        ("(Additional reporting by Tom Perry in Beirut)", BYLINE),
        ("Read more", BOILERPLATE),
        ("Read more: Syria's war explained", BOILERPLATE),
        ("Click here to sign up for our newsletter.", BOILERPLATE),
        ("Sign up for our newsletter", BOILERPLATE),
        ("All rights reserved.", BOILERPLATE),
        ("© 2016 Reuters. All rights reserved.", BOILERPLATE),
        ("Follow us on Twitter", BOILERPLATE),
        ("Share this article", BOILERPLATE),
        ("Advertisement", BOILERPLATE),
        ("Assad not in favor of ceasefire.", FRAGMENT),
        ("Aleppo", FRAGMENT),
        ("Latest news", FRAGMENT),
        ("***", FRAGMENT),
    ],
)
def test_non_story_text_is_flagged(text, flag):
    assert _flags_in_body(text) == {flag}


@pytest.mark.parametrize(
    "text",
    [
        "By Monday the army had taken most of the eastern districts.",
        "By John Smith's count, 40 people died.",
        "Reporting by the BBC showed that the hospital had been hit.",
        "Rebels denied this, saying the hospital was still in their hands.",
        "Food and fuel supplies are critically low in eastern Aleppo.",
        "Kerry said he would read more into the proposal on Tuesday.",
        "Related fighting killed five people in Idlib.",
        "The army said December 4's gains included a strategically important eye hospital.",
        "A Reuters/Ipsos poll found support for the strikes fell.",
        "Talks will resume in Geneva, Switzerland on December 5, 2016.",
        "He told Reuters the rebels would never surrender.",
        "Getty Images said it would stop selling the photographs.",
        "We refuse.",
        "“Never.”",
        "Why now?",
        "It is scorched earth.",
        "Aleppo fell.",
        "Talks collapsed.",
    ],
)
def test_news_sentences_are_not_flagged(text):
    assert _flags_in_body(text) == frozenset()
    assert _flags(text) == [frozenset()]


@pytest.mark.parametrize("text", ["Very comfortable, quiet interior .", "Great GPS .", "Easy to use"])
def test_a_one_line_document_is_never_a_headline_fragment(text):
    assert _flags(text) == [frozenset()]


def test_a_one_line_document_repeating_a_headline_is_a_fragment():
    other = _document("Rebels held their ground on Sunday.", doc_id="b", title="Assad not in favor of ceasefire")
    assert _flags("Assad not in favor of ceasefire.", other) == [{FRAGMENT}]


def test_a_sentence_after_a_caption_is_a_caption_only_in_the_caption_paragraph():
    caption = "Rebel fighters stand near a bus in Aleppo, Syria December 2, 2016."
    flags = _flags(
        f"{caption} The bus is riddled with holes. REUTERS/Abdalrhman Ismail |\nThe bus is riddled with holes."
    )
    assert flags == [{CAPTION}, {CAPTION}, {CREDIT}, frozenset()]


def test_a_sentence_after_a_caption_without_a_credit_stays_unless_it_describes_the_photo():
    caption = "Women walk near damaged buildings in Aleppo, Syria December 2, 2016."
    assert _flags(f"{caption} The banner reads: Free Aleppo. The army said it had advanced.") == [
        {CAPTION},
        {CAPTION},
        frozenset(),
    ]


def test_a_body_line_repeating_another_documents_headline_is_a_fragment():
    other = _document(
        "Rebels held their ground on Sunday.", doc_id="b", title="Rebels defiant as Syrian army nears Aleppo’s Old City"
    )
    assert _flags("Rebels defiant as Syrian army nears Aleppo's Old City.\nThe army advanced.", other) == [
        {FRAGMENT},
        frozenset(),
    ]


def test_a_body_line_repeating_its_own_headline_is_a_fragment():
    document = _document(
        "Turkish, Russian leaders discuss Aleppo truce.\nThe leaders met.",
        title="Turkish, Russian leaders discuss Aleppo truce",
    )
    assert [s.exclude for s in clean([document])[0].sentences] == [{FRAGMENT}, frozenset()]


def test_a_short_verbless_sentence_inside_a_longer_paragraph_is_kept():
    assert _flags("Assad not in favor of ceasefire. The rebels said they would fight on.") == [frozenset(), frozenset()]
