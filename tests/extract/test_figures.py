"""Figures: patterns, exclusions, merging, provenance over the seeds, and the gold score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import load_articles
from storyline.extract import events
from storyline.extract.event_parse import parse_available
from storyline.extract.events import figure_event, word_order_event
from storyline.extract.figures import extract_figures, find_figures
from storyline.extract.number_words import longest_number, number_value
from storyline.model import Article, Document, Sentence
from storyline.pipeline import prepare_story

from .bench import facts_quality

HERE = Path(__file__).resolve().parent


def _doc(text: str, doc_id: str = "d") -> Document:
    return Document(Article(id=doc_id, text=text), (Sentence(doc_id, 0, 0, len(text), text),))


@pytest.fixture(scope="module")
def seed_documents(seeds_dir: Path) -> tuple[Document, ...]:
    return prepare_story(load_articles(seeds_dir)).documents


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "text"),
    [
        ("Some 100,000 civilians were still there.", 100000, "civilians", "Some 100,000 civilians"),
        ("Forces seized about 80% of east Aleppo, a stronghold.", 80, "percent", "about 80% of east Aleppo"),
        ("They hold 80 percent of the city.", 80, "percent", "80 percent"),
        ("Eleven patients had died.", 11, "patients", "Eleven patients"),
        ("It killed 45 children in a week.", 45, "children", "45 children"),
        ("The offensive has killed 372 people.", 372, "people", "372 people"),
        ("A vote on a seven-day truce.", 7, "day", "seven-day"),
        ("A vote on a week-long ceasefire.", 7, "day", "week-long"),
        ("After a fierce three-week offensive.", 3, "week", "three-week"),
        ("Almost 150 civilians were evacuated.", 150, "civilians", "Almost 150 civilians"),
        ("25 people crossed in 20 minutes.", 25, "people", "25 people"),
        ("25 people crossed in 20 minutes.", 20, "minute", "20 minutes"),
        ("The conflict has lasted more than five years.", 5, "year", "more than five years"),
        ("No bread for three days.", 3, "day", "three days"),
        ("About 2.5 million people fled.", 2_500_000, "people", "About 2.5 million people"),
        ("Two hundred soldiers left.", 200, "soldiers", "Two hundred soldiers"),
        # the unit is the head noun, past its modifiers
        ("The airline reported six storm-related delays.", 6, "delays", "six storm-related delays"),
        ("The trial enrolled 20 healthy adults.", 20, "adults", "20 healthy adults"),
        ("Fans came from 4 West African countries.", 4, "countries", "4 West African countries"),
        ("Democrats hold 14 council seats.", 14, "seats", "14 council seats"),
        ("Two other people were hurt.", 2, "people", "Two other people"),
        ("Gusts reached 40 mph by noon.", 40, "mph", "40 mph"),
        # money: the currency is the unit, the value in units
        ("The city paid a $3.2 million settlement.", 3_200_000, "usd", "$3.2 million"),
        ("Tickets cost €15 each.", 15, "eur", "€15"),
        ("The grant was worth £2bn over a decade.", 2_000_000_000, "gbp", "£2bn"),
        ("The fee was 300 dollars.", 300, "usd", "300 dollars"),
        # ranges and "X of Y": both numbers take the unit
        ("Growth of 2.5-3 percent is likely.", 2.5, "percent", "2.5"),
        ("Growth of 2.5-3 percent is likely.", 3, "percent", "3 percent"),
        ("Support is between 30 and 35 percent.", 30, "percent", "30"),
        ("They ran 5 to 10 miles.", 5, "miles", "5"),
        ("Democrats won 9 of the county’s 14 council seats.", 9, "seats", "9"),
        ("Democrats won 9 of the county’s 14 council seats.", 14, "seats", "14 council seats"),
    ],
)
def test_patterns(sentence: str, value: float, unit: str | None, text: str) -> None:
    found = [(f.value, f.unit, f.text) for f in find_figures(_doc(sentence))]
    assert (value, unit, text) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Ties were cut in 2011 and since 2012.",
        "The army advanced on December 4.",
        "Rebels near Aleppo, Syria December 2, 2016.",
        "The graffiti reads 19/10/2016 today.",
        "It was the 4th attempt and the first one.",
        "Syria's second city fell.",
        "Resolution 2254 was adopted.",
        "Dozens of bodies littered streets.",
        "Tens of thousands of civilians were sheltering, hundreds killed.",
        "It is one of the war's most ferocious.",
        "A father of eight.",
        "The talks began at 10:30.",
        "The 2024 campaign began in March.",
        "The parade starts at 9 a.m. sharp.",
        "He ran the 100m final.",
    ],
)
def test_exclusions(sentence: str) -> None:
    assert find_figures(_doc(sentence)) == []


def test_same_figure_merges_and_different_values_stay_apart() -> None:
    a = _doc("Forces seized about 80% of east Aleppo. It killed 45 children.", "a")
    b = _doc("Regime forces retook about 80 percent of rebel territory. It killed 50 children.", "b")
    figures = extract_figures([a, b])
    by_key = {(f.value, f.unit): f for f in figures}
    assert len(by_key[(80, "percent")].support) == 2
    assert (45, "children") in by_key and (50, "children") in by_key


def test_provenance_over_seeds(seed_documents: tuple[Document, ...]) -> None:
    texts = {d.id: d.article.text for d in seed_documents}
    figures = extract_figures(seed_documents)
    assert figures
    for f in figures:
        assert isinstance(f.value, int | float)
        for ref in f.support:
            doc_text = texts[ref.doc]
            sentence = next(d for d in seed_documents if d.id == ref.doc).sentences[ref.sentence]
            assert sentence.start <= ref.start < ref.end <= sentence.end
            assert doc_text[ref.start : ref.end] in {f.text} | {m.text for d in seed_documents for m in find_figures(d)}
        first = f.support[0]
        assert texts[first.doc][first.start : first.end] == f.text


def test_gold_score(seed_documents: tuple[Document, ...]) -> None:
    gold = [json.loads(line) for line in (HERE / "figures_gold.jsonl").read_text().splitlines() if line]
    texts = {d.id: d.article.text for d in seed_documents}
    for g in gold:
        assert texts[g["doc"]][g["start"] : g["end"]] == g["text"]
    precision, recall, _, _ = facts_quality.figures_score(seed_documents, gold)
    assert precision >= 0.9
    assert recall >= 0.9


def test_facts_section() -> None:
    section = facts_quality.facts_section()
    assert "figure precision" in section and "day precision: accuracy" in section and "| combined |" in section
    assert "| facts gold dev | facts gold held-out |" in section


@pytest.mark.parametrize(
    ("unit", "folded"),
    [("businesses", "business"), ("business", "business"), ("cities", "city"), ("cases", "case"), ("seats", "seat")],
)
def test_scorer_folds_plural_units(unit: str, folded: str) -> None:
    assert facts_quality.norm_unit(unit) == folded


def test_facts_gold_split_is_by_article_position() -> None:
    dev, held = facts_quality.split_ids(split="dev"), facts_quality.split_ids(split="heldout")
    assert dev and held and not dev & held
    assert dev | held == facts_quality.split_ids(split="all")
    with pytest.raises(ValueError, match="dev, heldout, all"):
        facts_quality.split_ids(split="test")


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "event"),
    [
        ("Some two hundred and fifty miners walked out.", 250, "miners", "walk"),
        ("The floods left half a million farmers without crops.", 500_000, "farmers", None),
        ("The agency counts 1.2m refugees in the camps.", 1_200_000, "refugees", "count"),  # counting is done to them
        # units of measure written short, glued or not, and square measures; "half a dozen"; "sixty-plus"
        ("The wreck lies about 2,700km off the coast.", 2700, "kilometer", None),
        ("Waves of up to 23m were recorded.", 23, "meter", None),
        ("The wall stands 6.5 ft high.", 6.5, "foot", None),
        ("The park covers 187,000 square miles.", 187_000, "square miles", None),
        ("Half a dozen residents sang.", 6, "residents", "sing"),
        ("Sixty-plus attorneys signed the letter.", 60, "attorneys", "sign"),
        ("The city sent 400 police officers to the stadium.", 400, "officers", "send"),
        ("The letter was signed by 30 news outlets.", 30, "outlets", "sign"),
        ("A 550-member delegation arrived in Lagos.", 550, "member", None),
        ("The festival booked a 140-piece orchestra.", 140, "piece", None),
        ("The storm killed 12 people in the valley.", 12, "people", "kill"),
        ("The storm injured 12 people in the valley.", 12, "people", "injure"),
        ("Nine climbers were rescued on Sunday.", 9, "climbers", "rescue"),
        ("Three suspects have been arrested since.", 3, "suspects", "arrest"),
        ("Eleven patients had died by then.", 11, "patients", "die"),
        ("The ferry sank about a mile from shore.", 1, "mile", None),
        ("The club has 20 years of history.", 20, "year", None),
        ("The tour includes 14 stops.", 14, "stops", None),
        ("Inspectors checked all 45 of the county's bridges.", 45, "bridges", "check"),  # "all" is a determiner
        ("The other dozen nurses stayed.", 12, "nurses", None),
        ("Prices rose 8 percent last year.", 8, "percent", "rise"),
        # the event of a figure in each construction events.py reads
        ("The navy dispatched a cutter from the base and two patrol boats.", 2, "boats", "dispatch"),
        ("The mayor said he cut spending in the city by $40 million.", 40_000_000, "usd", "cut"),
        ("About 12 percent of drivers say they ignore the limit.", 12, "percent", "ignore"),
        ("There have been six attempts to repeal it, all of which have failed.", 6, "attempts", "fail"),
        ("The video came from four shops that were robbed in May.", 4, "shops", "rob"),
        ("Police searched four shops that were robbed in May.", 4, "shops", "search"),
        ("Five people from one village were killed.", 5, "people", "kill"),
        ("The storm killed 9 people, including three children.", 3, "children", "kill"),
        ("The council has set up two shelters.", 2, "shelters", "set"),
        ("The raid led to the arrests of 14 men.", 14, "men", "arrest"),
        ("Officials said 30 people were injured.", 30, "people", "injure"),
        ("At least 40 people were reported killed on Monday.", 40, "people", "kill"),
        ("As many as 22 aides had to sign off on each post.", 22, "aides", "sign"),
        ("The bill would be cut by $11 billion over a decade.", 11_000_000_000, "usd", "cut"),
        ("The plan would cap spending at $1.2 trillion.", 1_200_000_000_000, "usd", "cap"),
        ("The tanker was discharging 1,100 gallons of oil into the bay.", 1100, "gallons", "discharge"),
        ("More than 100 members, 40 percent of the caucus, opposed the bill.", 100, "members", "oppose"),
        ("The post earned Ames 16 likes, 22 comments and a reply.", 22, "comments", "earn"),
        ("The agency listened to the minister and 34 other officials.", 34, "officials", "listen"),
        ("A woman was hit and killed by two cars that night.", 2, "cars", "hit"),
        ("Investigators say three children accused them in 1991.", 3, "children", "accuse"),
        ("He has grossed $73 million abroad in 7 days and $27 million at home.", 27_000_000, "usd", "gross"),
        # no event: a modal, a light verb's object, a clause joined by a comma and "and", a list of results
        ("These two letters could be forgeries.", 2, "letters", None),
        ("He faced six charges stemming from the crash.", 6, "charges", "stem"),  # a participle says it
        pytest.param(
            "There are two kinds of permits that must be renewed.",
            2,
            "kinds",
            None,
            marks=pytest.mark.xfail(
                parse_available(), reason="the small parser hangs the relative clause on 'kinds'", strict=True
            ),
        ),
        ("Rents doubled in the city, and 40 percent of tenants stayed put.", 40, "percent", None),
        ("Votes were split: 53 percent opposed and 47 percent in favour.", 47, "percent", None),
        ("The team won with 20 points, 9 assists and 11 rebounds.", 11, "rebounds", None),
        ("The stock closed Friday at $137.95.", 137.95, "usd", None),
        ("The ferry sets off at 9 a.m. with five new crew members starting Monday.", 5, "members", None),
        ("The gang ran a 1,200-page spending plan.", 1200, "page", None),
    ],
)
def test_value_unit_and_event(sentence: str, value: float, unit: str | None, event: str | None) -> None:
    found = [(f.value, f.unit, f.event) for f in find_figures(_doc(sentence))]
    assert (value, unit, event) in found


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The mayor spent two-thirds of the budget on roads.", 2 / 3, "budget"),  # a share of what "of" names
        ("The lake lies about a half mile from the road.", 0.5, "mile"),
        ("The strike ended only one day after it began.", 1, "day"),  # "one" is a figure as a duration
        ("Police arrested six University of Oregon students on Friday.", 6, "students"),  # a name with "of"
        ("The money went to two of the county's most crowded schools.", 2, "schools"),
    ],
)
def test_shares_halves_durations_and_names_in_a_phrase(sentence: str, value: float, unit: str) -> None:
    found = [(f.value, f.unit) for f in find_figures(_doc(sentence))]
    assert (pytest.approx(value), unit) in found


def test_one_alone_is_no_figure() -> None:
    assert find_figures(_doc("One of the victims was a nurse.")) == []
    assert find_figures(_doc("They may one day have to testify.")) == []  # an indefinite time, no duration


@pytest.mark.parametrize(
    ("sentence", "value", "event"),
    [
        ("Gunmen opened fire on the crowd, killing 12 people.", 12, "kill"),  # a participle clause
        ("Twelve miners were killed when the roof fell.", 12, "kill"),  # a passive subject
        ("The blast left 20 people dead and the market in ruins.", 20, "kill"),  # a result of a light verb
        ("The parents of eight of the children killed in the fire sued.", 8, "kill"),  # a part of a whole
        ("Gangs drove a 38% increase in thefts.", 38, "increase"),  # a noun of change the figure measures
        ("Police freed all 12 people held in the basement.", 12, "free"),
        ("A camera crew saw 25 people cross the river on foot.", 25, "cross"),  # the subject of a bare infinitive
        ("Officials urged the 47 nations to be prepared.", 47, None),  # an object of a light verb's clause
        ("The plan has 20 pages.", 20, None),
        ("The band co-wrote four songs that year.", 4, "co-write"),  # a prefix the tokenizer splits off
        ("The film was re-released six times.", 6, "re-release"),
        ("The drought increased the average price to $4 a gallon.", 4, "increase"),  # a change "to" an amount
        # inside another noun's phrase: what the verb after it does is that noun's, not the figure's
        ("Relatives of 40 miners gathered outside the gates.", 40, None),
        ("Teachers in 14 districts walked out on Monday.", 14, None),
    ],
)
@pytest.mark.skipif(not parse_available(), reason="the dependency parse needs the full extra (spaCy)")
def test_events_read_from_the_parse(sentence: str, value: float, event: str | None) -> None:
    found = {(f.value, f.event) for f in find_figures(_doc(sentence))}
    assert (value, event) in found


def test_without_the_parse_word_order_reads_the_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "parse_available", lambda: False)
    found = {
        (f.value, f.event) for f in find_figures(_doc("The navy dispatched a cutter from the base and two boats."))
    }
    assert (2, "dispatch") in found
    text = "There are two kinds of permits that must be renewed."
    assert word_order_event(text, 10, 19, "kinds") is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("two hundred and fifty", 250),
        ("twenty-five", 25),
        ("seven hundred thousand", 700_000),
        ("a hundred", 100),
        ("half a million", 500_000),
        ("two and a half million", 2_500_000),
        ("a half-billion", 500_000_000),
        ("a quarter of a", 0.25),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("1.2m", 1_200_000),
        ("2.5 million", 2_500_000),
        ("1,353", 1353),
    ],
)
def test_number_words(raw: str, value: float) -> None:
    assert number_value(raw) == pytest.approx(value)


def test_a_number_word_run_that_is_two_numbers_keeps_the_first() -> None:
    assert longest_number("twenty and thirty") == (20, len("twenty"))
    assert number_value("five four") is None


def test_killed_and_injured_are_two_figures_and_synonyms_one() -> None:
    a = _doc("The blast killed 12 workers at the plant.", "a")
    b = _doc("The blast injured 12 workers at the plant.", "b")
    c = _doc("At the plant 12 workers died in the blast.", "c")
    figures = extract_figures([a, b, c])
    by_event = {f.event: {r.doc for r in f.support} for f in figures if f.value == 12}
    assert by_event == {"kill": {"a", "c"}, "injure": {"b"}}


def test_a_figure_without_a_counted_noun_takes_none_and_its_json_says_so() -> None:
    [figure] = extract_figures([_doc("The bridge is 90 miles north of the capital.")])
    assert figure.to_dict()["event"] is None and figure.to_dict()["unit"] == "miles"


# Words the event constructions key on, in any order around a figure: no reading may fail on them.
_EVENT_WORDS = st.sampled_from(
    [
        "of",
        "the",
        "a",
        "and",
        "or",
        "by",
        "has",
        "been",
        "were",
        "killed",
        "including",
        "that",
        "all",
        "which",
        "say",
        "they",
        "up",
        "there",
        "is",
        ",",
        "12",
        "--",
        "who",
        "to",
    ]
)


@settings(deadline=None)  # the first example loads the parser
@given(st.lists(_EVENT_WORDS, max_size=6), st.lists(_EVENT_WORDS, max_size=6))
def test_figure_event_reads_any_words_around_a_figure(before: list[str], after: list[str]) -> None:
    prefix = " ".join(before) + " "
    text = prefix + "12 people " + " ".join(after)
    event = figure_event(text, len(prefix), len(prefix) + len("12 people"), "people")
    assert event is None or event.isalpha()
