"""Document dates: inferred only from evidence of publication, across the story's documents."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.extract.docdates import date_documents
from storyline.model import Article, Corpus, Document, Sentence
from storyline.pipeline import prepare_story


def _doc(doc_id: str, body: str, *, caption: str | None = None, date: dt.date | None = None) -> Document:
    sentences, text = [], ""
    for n, line in enumerate(body.split("\n")):
        start = len(text)
        text += line + "\n"
        sentences.append(Sentence(doc_id, n, start, start + len(line), line, paragraph=n))
    if caption is not None:
        start = len(text)
        text += caption
        sentences.append(Sentence(doc_id, len(sentences), start, len(text), caption, exclude=frozenset({"caption"})))
    return Document(Article(id=doc_id, text=text, date=date), tuple(sentences))


def _dates(*documents: Document) -> dict[str, tuple[dt.date | None, str | None]]:
    return {d.id: (d.article.date, d.article.date_evidence) for d in date_documents(documents)}


def test_a_stated_publication_date_is_the_date() -> None:
    [(date, why)] = _dates(_doc("a", "(Published Tuesday, June 23, 2015)\nThe mayor resigned on Monday.")).values()
    assert date == dt.date(2015, 6, 23) and "Published" in str(why)


@pytest.mark.parametrize(
    "body",
    [
        "The war began on March 15, 2011.\nOn Wednesday, talks resumed in the capital.",
        "Voters go to the polls on November 8, 2016.\nThe candidate spoke on Tuesday.",
        "The plant opened on 19/10/1998 and closed on Friday.",
    ],
)
def test_background_dates_never_date_a_document(body: str) -> None:
    assert _dates(_doc("a", body)) == {"a": (None, None)}


def test_a_caption_is_a_lower_bound_and_the_weekdays_fix_the_day() -> None:
    # The photo was taken on Tuesday 3 March 2015; the report names Thursday and Friday.
    doc = _doc(
        "a",
        "On Thursday, the ferry sank.\nDivers said on Friday they found the hull.",
        caption="A pier in Sfax, Tunisia March 3, 2015.",
    )
    [(date, why)] = _dates(doc).values()
    assert date == dt.date(2015, 3, 6)
    assert "caption" in str(why) and "Friday" in str(why)


def test_a_file_photo_bounds_nothing() -> None:
    doc = _doc("a", "On Thursday, the ferry sank.", caption="FILE PHOTO: A pier in Sfax, Tunisia March 3, 2009.")
    assert _dates(doc) == {"a": (None, None)}


def test_another_documents_dated_event_pins_a_weekday() -> None:
    dated = _doc("a", "The council voted on March 9 to close the steel plant in Elbury.", date=dt.date(2015, 3, 10))
    undated = _doc("b", "On Monday the council voted to close the Elbury steel plant, officials said.")
    dates = _dates(dated, undated)
    assert dates["b"][0] == dt.date(2015, 3, 9)  # 9 March 2015 was a Monday
    assert "a gives 'March 9'" in str(dates["b"][1])


def test_a_weekday_that_is_not_the_other_documents_day_pins_nothing() -> None:
    dated = _doc("a", "The council voted on March 9 to close the steel plant in Elbury.", date=dt.date(2015, 3, 10))
    undated = _doc("b", "On Friday the council voted to close the Elbury steel plant, officials said.")
    assert _dates(dated, undated)["b"] == (None, None)


def test_a_past_event_and_an_expected_one_a_day_apart_give_the_day() -> None:
    doc = _doc(
        "a",
        "Troops advanced on March 5.\nThe council is due to vote on March 6.",
        caption="Troops near Sfax, Tunisia March 3, 2015.",
    )
    assert _dates(doc)["a"][0] == dt.date(2015, 3, 5)


def test_a_given_date_is_kept_and_not_marked_inferred() -> None:
    story = prepare_story(Corpus((Article(id="a", text="On Monday it rained.", date=dt.date(2015, 3, 4)),)))
    article = story.documents[0].article
    assert (article.date, article.date_inferred, article.date_evidence) == (dt.date(2015, 3, 4), False, None)
