"""Dates: mention patterns and their resolution, document dates, the timeline, the gold score."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import load_articles
from storyline.extract.dates import resolve_mentions
from storyline.extract.docdates import date_documents
from storyline.extract.timeline import build_timeline
from storyline.model import Article, Document, Sentence
from storyline.pipeline import prepare_story

from .bench import facts_quality

HERE = Path(__file__).resolve().parent
ANCHOR = dt.date(2016, 12, 8)  # a Thursday


def infer_document_date(document: Document) -> tuple[dt.date | None, bool]:
    """The document's date as the pipeline sets it, read alone (no other document of its story)."""
    article = date_documents((document,))[0].article
    return article.date, article.date_inferred


def _doc(text: str, doc_id: str = "d", date: dt.date | None = None) -> Document:
    return Document(Article(id=doc_id, text=text, date=date), (Sentence(doc_id, 0, 0, len(text), text),))


@pytest.fixture(scope="module")
def seed_documents(seeds_dir: Path) -> tuple[Document, ...]:
    return prepare_story(load_articles(seeds_dir)).documents


@pytest.mark.parametrize(
    ("sentence", "text", "date", "precision"),
    [
        ("The army advanced on December 4 in an attack.", "December 4", "2016-12-04", "day"),
        ("Rebels near Aleppo, Syria Dec. 2, 2016.", "Dec. 2, 2016", "2016-12-02", "day"),
        ("It reads 19/10/2016 and more.", "19/10/2016", "2016-10-19", "day"),
        ("Released on 2019-10-14.", "2019-10-14", "2019-10-14", "day"),
        ("Release date: 19-SEP-2006.", "19-SEP-2006", "2006-09-19", "day"),
        ("The vote is on 5 December.", "5 December", "2016-12-05", "day"),
        ("Power said on Wednesday that it failed.", "Wednesday", "2016-12-07", "day"),
        ("China on Monday vetoed it.", "Monday", "2016-12-05", "day"),
        ("Activists said on Thursday it went on.", "Thursday", "2016-12-08", "day"),
        ("It happened last Thursday.", "last Thursday", "2016-12-01", "day"),
        ("Civilians were evacuated overnight.", "overnight", "2016-12-08", "day"),
        ("He arrived yesterday.", "yesterday", "2016-12-07", "day"),
        ("An offensive launched last month.", "last month", "2016-11", "month"),
        ("It began three weeks ago.", "three weeks ago", "2016-11", "month"),
        ("It began 10 days ago.", "10 days ago", "2016-11-28", "day"),
        ("It was declared 30 years ago.", "30 years ago", "1986", "year"),
        ("The offensive began in mid-November.", "mid-November", "2016-11", "month"),
        ("Ties were cut in 2011.", "2011", "2011", "year"),
        ("It happened in November 2015.", "November 2015", "2015-11", "month"),
    ],
)
def test_patterns(sentence: str, text: str, date: str, precision: str) -> None:
    mentions = resolve_mentions(_doc(sentence), ANCHOR)
    assert [(m.text, m.value, m.precision) for m in mentions] == [(text, date, precision)]
    m = mentions[0]
    assert sentence[m.ref.start : m.ref.end] == text


@pytest.mark.parametrize(
    "sentence",
    ["The rebels may leave.", "Troops march on.", "25 people crossed in 20 minutes.", "About 2000 people fled."],
)
def test_not_dates(sentence: str) -> None:
    assert resolve_mentions(_doc(sentence), ANCHOR) == []


def test_december_in_january_is_last_year() -> None:
    (m,) = resolve_mentions(_doc("It began on December 30."), dt.date(2017, 1, 3))
    assert m.value == "2016-12-30"


def test_no_anchor_keeps_only_absolute_dates_with_a_year() -> None:
    doc = _doc("On Wednesday, after December 4 and before Dec. 2, 2016, it ended.")
    assert [m.text for m in resolve_mentions(doc, None)] == ["Dec. 2, 2016"]


def test_infer_document_date() -> None:
    assert infer_document_date(_doc("x", date=dt.date(2016, 12, 1))) == (dt.date(2016, 12, 1), False)
    # Full dates in the body are background (what happened then), not the day of the report.
    body = _doc("Women walk in Aleppo, Syria December 2, 2016. A sign reads 19/10/2016.")
    assert infer_document_date(body) == (None, False)
    assert infer_document_date(_doc("On Wednesday it ended.")) == (None, False)


def test_timeline_folds_orders_and_caps() -> None:
    a = _doc("Russia and China on Monday vetoed a UN resolution on a truce.", "a", ANCHOR)
    b = _doc("Russia and China on Monday vetoed the UN resolution on a truce.", "b", ANCHOR)
    c = _doc("The army advanced on December 4 in an attack.", "c", ANCHOR)
    timeline = build_timeline([a, b, c])
    assert [e.date for e in timeline] == ["2016-12-04", "2016-12-05"]
    assert len(timeline[1].support) == 2
    events = ("Rebels fled east on Monday.", "A hospital was shelled on Monday.", "Talks in Geneva stalled on Monday.")
    many = [_doc(text, str(i), ANCHOR) for i, text in enumerate(events)]
    assert len(build_timeline(many, per_day=2)) == 2


def test_provenance_over_seeds(seed_documents: tuple[Document, ...]) -> None:
    for d in seed_documents:
        anchor, _ = infer_document_date(d)
        for anchor_used in (anchor, ANCHOR, None):
            for m in resolve_mentions(d, anchor_used):
                assert d.article.text[m.ref.start : m.ref.end] == m.text
                s = d.sentences[m.ref.sentence]
                assert s.start <= m.ref.start < m.ref.end <= s.end
    # The seeds carry no date of their own (their only full dates are in photo captions).
    dated = tuple(replace(d, article=replace(d.article, date=ANCHOR)) for d in seed_documents)
    timeline = build_timeline(dated)
    assert timeline
    texts = {d.id: d for d in seed_documents}
    for e in timeline:
        for ref in e.support:
            s = texts[ref.doc].sentences[ref.sentence]
            assert (s.start, s.end) == (ref.start, ref.end)
        first = e.support[0]
        assert texts[first.doc].article.text[first.start : first.end] == e.text


def test_gold_score(seed_documents: tuple[Document, ...]) -> None:
    gold = [json.loads(line) for line in (HERE / "dates_gold.jsonl").read_text().splitlines() if line]
    assert sum(1 for g in gold if g["source"] != "seeds") >= 30
    texts = {d.id: d.article.text for d in seed_documents}
    for g in gold:
        assert g["context"][g["start"] : g["end"]] == g["text"]
        if g["source"] == "seeds":
            assert texts[g["doc"]][g["doc_start"] : g["doc_end"]] == g["text"]
    score = facts_quality.dates_score(gold)
    assert score["day_accuracy"] >= 0.9
    assert score["recall"] >= 0.9


def _with_caption(text: str, *, caption: str | None = None) -> Document:
    sentences = [Sentence("d", 0, 0, len(text), text)]
    full = text
    if caption is not None:
        start = len(text) + 1
        full = f"{text}\n{caption}"
        sentences.append(Sentence("d", 1, start, len(full), caption, exclude=frozenset({"caption"})))
    return Document(Article(id="d", text=full), tuple(sentences))


def test_caption_date_is_not_the_document_date() -> None:
    doc = _with_caption("Talks resumed on Friday.", caption="A market in Tunis, Tunisia March 3, 2015.")
    assert infer_document_date(doc) == (dt.date(2015, 3, 6), True)  # the first Friday on or after the photo
    doc = _with_caption("Talks resumed on March 9, 2015.", caption="Taken March 3, 2015.")
    assert infer_document_date(doc) == (None, False)  # two lower bounds and nothing else


def test_caption_year_completes_past_month_days_of_the_body() -> None:
    text = "Troops advanced on March 5, officials said. A vote is due on March 6."
    doc = _with_caption(text, caption="A market in Tunis, Tunisia March 3, 2015.")
    assert infer_document_date(doc) == (dt.date(2015, 3, 5), True)
    assert infer_document_date(_with_caption(text)) == (None, False)


@pytest.mark.parametrize(
    ("sentence", "date", "precision"),
    [
        ("The ferry will sail tomorrow.", "2015-03-11", "day"),
        ("She landed last night.", "2015-03-09", "day"),
        ("This morning the roads were empty.", "2015-03-10", "day"),
        ("Two boats sank last week.", "2015-03", "month"),
        ("A vote will be held Friday.", "2015-03-13", "day"),
        ("The vote was held Friday.", "2015-03-06", "day"),
        ("“We will win,” he said on Monday.", "2015-03-09", "day"),
    ],
)
def test_relative_days_and_future_weekdays(sentence: str, date: str, precision: str) -> None:
    anchor = dt.date(2015, 3, 10)  # a Tuesday
    found = resolve_mentions(_with_caption(sentence), anchor)
    assert [(m.value, m.precision) for m in found] == [(date, precision)]


def _undated(*lines: str) -> Document:
    text, sentences = "", []
    for n, line in enumerate(lines):
        start = len(text)
        text += line + " "
        sentences.append(Sentence("u", n, start, start + len(line), line))
    return Document(Article(id="u", text=text), tuple(sentences))


def test_an_undated_narrative_gives_its_year_to_the_days_that_follow() -> None:
    doc = _undated("By March 1961 the dam was finished.", "On April 2, the first turbine ran.", "It stopped on May 9.")
    found = {m.text: m.value for m in resolve_mentions(doc, None)}
    assert found == {"March 1961": "1961-03", "April 2": "1961-04-02", "May 9": "1961-05-09"}


def test_a_month_before_the_narratives_is_not_given_its_year() -> None:
    doc = _undated("By March 1961 the dam was finished.", "On February 2, the first turbine ran.")
    assert [m.text for m in resolve_mentions(doc, None)] == ["March 1961"]


def test_a_weekday_fixes_the_year_of_a_day_among_the_years_the_text_names() -> None:
    # 14 October 2014 was a Tuesday; 14 October 2013 a Monday.
    doc = _undated("She was hired in January 2013.", "She resigned on Tuesday, October 14, her office said.")
    assert {m.text: m.value for m in resolve_mentions(doc, None)}["October 14"] == "2014-10-14"
    doc = _undated("She was hired in January 2013.", "She resigned on Friday, October 14, her office said.")
    assert "October 14" not in {m.text for m in resolve_mentions(doc, None)}


@pytest.mark.parametrize(
    ("sentence", "year"), [("The song was written in 1880.", "1880"), ("It stood until 1745.", "1745")]
)
def test_older_years_after_a_preposition(sentence: str, year: str) -> None:
    assert [m.value for m in resolve_mentions(_doc(sentence), None)] == [year]


def test_an_older_number_is_no_year() -> None:
    assert resolve_mentions(_doc("About 1880 workers struck."), None) == []


# -- the patterns' pre-test: a kind left out can never have matched ------------------------------------


def _kinds_matching(text: str) -> set[str]:
    from storyline.extract.date_patterns import PATTERNS

    return {kind for kind, pattern in PATTERNS if pattern.search(text)}


@pytest.mark.parametrize(
    "text",
    [
        "He left on FRIDAY.",
        "He left on FR\u0130DAY.",  # re.IGNORECASE matches the dotted capital I to "i"; str.lower() does not
        "He left on fr\u0131day.",  # dotless i
        "The \u017funday vote.",  # long s
        "Filed 12-DEC-2016 at noon.",
        "Three WEEKS AGO it began; LAST NIGHT it ended; THIS MONTH and next year.",
        "On 2016-12-04 and 19/10/2016, in 1880 and since 1999.",
        "\u0662\u0660\u0661\u0666-\u0661\u0662-\u0660\u0664",  # Arabic-Indic digits are \d too
        "Dec. 2, 2016; mid-November; the 4th of July",
        "No date here at all.",
    ],
)
def test_pretest_keeps_every_pattern_that_matches(text: str) -> None:
    from storyline.extract.date_patterns import kinds_possible

    assert _kinds_matching(text) <= kinds_possible(text)


# Pieces of dates, in several cases, and the characters re.IGNORECASE folds unlike str.lower().
_DATE_PIECES = [
    *("Dec.", "SEPT", "march", "May", "4th", "of", "12", "2016", "1880", "in", "-", "/", ",", " ", "last"),
    *("next", "this", "week", "month", "YEAR", "ago", "two", "night", "Tonight", "monday", "mid-", "early"),
    *("the", "FR\u0130DAY", "\u017funday", "\u0663"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12))
def test_pretest_never_leaves_out_a_match(words: list[str]) -> None:
    from storyline.extract.date_patterns import kinds_possible

    text = "".join(words)
    assert _kinds_matching(text) <= kinds_possible(text)


_AGO_COUNTS = ["0", "1", "2", "3", "7", "11", "12", "13", "30", "52", "99", "366", "3000000", "a", "An", "twelve"]
_AGO_ANCHORS = [
    dt.date(2016, 2, 29), dt.date(2016, 3, 31), dt.date(2017, 1, 1), dt.date(2016, 12, 31), dt.date(2015, 5, 15),
    dt.date(2020, 10, 31), dt.date(1, 1, 1), dt.date(9999, 12, 31),
]  # fmt: skip


@pytest.mark.parametrize("unit", ["day", "weeks", "Month", "years"])
def test_ago_phrases_resolve_to_what_dateparser_gives_them(unit: str) -> None:
    """The "... ago" arithmetic against dateparser (PREFER_DATES_FROM past, the anchor as RELATIVE_BASE),
    which read these phrases before: the same date, or no date, for counts, units and anchors at the
    calendar's edges (month ends, a leap day, the first and last years)."""
    dateparser = pytest.importorskip("dateparser")
    from storyline.extract import dates

    pattern = dict(dates.PATTERNS)["ago"]
    for count in _AGO_COUNTS:
        for separator in (" ", "-"):
            match = pattern.search(f"{count}{separator}{unit} ago")
            assert match is not None
            for anchor in _AGO_ANCHORS:
                base = dt.datetime(anchor.year, anchor.month, anchor.day, 12)
                try:
                    ours = dates._resolve("ago", match, anchor)
                except (OverflowError, ValueError):
                    ours = None
                settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
                parsed = dateparser.parse(match.group(), languages=["en"], settings=settings)
                if parsed is not None:  # where dateparser reads the phrase, it is the same day, month or year
                    theirs = {
                        "day": parsed.date().isoformat(), "month": f"{parsed.year:04d}-{parsed.month:02d}",
                        "year": str(parsed.year),
                    }  # fmt: skip
                    assert ours is not None and ours[0] == theirs[ours[1]], (match.group(), anchor)
