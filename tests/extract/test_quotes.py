"""Quotation extraction: each pattern on hand-built documents, provenance and gold on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline
from storyline.extract import quotes as quotes_module
from storyline.model import Document
from storyline.pipeline import prepare_story

from .made_up import document

GOLD = Path(__file__).with_name("quotes_gold.jsonl")


def extract_quotes(documents: list[Document] | tuple[Document, ...]) -> tuple[dict[str, object], ...]:
    """The quotes as the brief's JSON items."""
    return tuple(q.to_dict() for q in quotes_module.extract_quotes(documents))


def _quotes(text: str) -> dict[str, object]:
    return {str(q["text"]): q["speaker"] for q in extract_quotes([document(text)])}


CASES = [
    # “...”, X said
    (
        "“Diplomacy has not delivered for the people of Aleppo, that’s for sure”, U.S. Ambassador to the U.N. "
        "Samantha Power said Wednesday in an interview.",
        {
            "Diplomacy has not delivered for the people of Aleppo, that’s for sure": (
                "U.S. Ambassador to the U.N. Samantha Power"
            )
        },
    ),
    # X said: “...”
    (
        "The minister said: “We will not leave the city under any circumstances.”",
        {"We will not leave the city under any circumstances.": "The minister"},
    ),
    # “...,” said X (straight quotes, comma inside the marks)
    (
        '"We are ready to talk to anyone who wants peace," said Ahmed Hamdan, a local council member.',
        {"We are ready to talk to anyone who wants peace": "Ahmed Hamdan"},
    ),
    # a quote split around the attribution: two spans, one speaker
    (
        "Jane Doe said the town was cut off. “The roads are closed,” she said. “Nobody can get in or out.”",
        {"The roads are closed": "Jane Doe", "Nobody can get in or out.": "Jane Doe"},
    ),
    # a split quote whose second half is short still counts: the attribution sits right beside it
    (
        "“This is a tragedy,” said Smith, who leads the group. “We need help now,” he added, “before winter.”",
        {"This is a tragedy": "Smith", "We need help now": "Smith", "before winter.": "Smith"},
    ),
    # a conjoined predicate ("X called for ... and said"): no guess rather than a wrong subject
    (
        "In a joint statement, the leaders called for a truce and said they were “ready to act against the regime”.",
        {"ready to act against the regime": None},
    ),
    # a paragraph-long quote, several sentences inside the marks
    (
        "Rami Abdel Rahman spoke on Tuesday.\n“The shelling started at dawn. It did not stop all day. "
        "People are hiding in basements,” Abdel Rahman said.",
        {
            "The shelling started at dawn. It did not stop all day. People are hiding in basements": "Abdel Rahman",
        },
    ),
    # a partial quote inside indirect speech
    (
        "Assad said a rebel loss in Aleppo “will mean the transformation of the course of the war across Syria”.",
        {"will mean the transformation of the course of the war across Syria": "Assad"},
    ),
    # a statement issued by a body: the body is the speaker
    (
        "“Syria confirms that it will not leave its citizens hostage to the terrorists”, said a statement issued "
        "Wednesday by the country’s Foreign Ministry.",
        {
            "Syria confirms that it will not leave its citizens hostage to the terrorists": (
                "the country’s Foreign Ministry"
            )
        },
    ),
    # told AFP news agency
    (
        "“It is the most important neighbourhood in the heart of east Aleppo”, Syrian Observatory head Rami Abdel "
        "Rahman told AFP news agency.",
        {
            "It is the most important neighbourhood in the heart of east Aleppo": (
                "Syrian Observatory head Rami Abdel Rahman"
            )
        },
    ),
    # X, a Free Syrian Army representative, said: the apposition is dropped
    (
        "Col. Abo Bakr, a Free Syrian Army representative, said the deal was “agreed to before talks fell apart”.",
        {"agreed to before talks fell apart": "Col. Abo Bakr"},
    ),
    # he said -> the most recent named speaker earlier in the document
    (
        "Zakaria Malahifji said the rebels would stay. “They listened to the response and did not comment,” he said.",
        {"They listened to the response and did not comment": "Zakaria Malahifji"},
    ),
    # he added, no named person earlier: null
    ("“What more could we want?” he added.", {"What more could we want?": None}),
    # she said: a man named earlier is not compatible
    (
        "John Kerry said talks would go on. “It must have been terrifying for them”, she said.",
        {"It must have been terrifying for them": None},
    ),
    # scare quotes: short, no speech verb -> skipped
    ("Syria’s government refers to all opponents of President Bashar al-Assad as “terrorists”.", {}),
    ("A United States official stressed that the talks will be at a “technical” level.", {}),
    ("They called for an “immediate ceasefire” to allow aid to reach eastern Aleppo.", {}),
    # ... but a short quote attributed by a speech verb counts
    (
        "Opposition fighters who refuse to leave would be “eradicated”, Russian Foreign Minister Sergei Lavrov said.",
        {"eradicated": "Russian Foreign Minister Sergei Lavrov"},
    ),
    # an unattributed quote right after an attributed one inherits its speaker
    (
        '"The areas of Old Aleppo will be threatened to a great degree," the official said. "It is scorched earth."',
        {
            "The areas of Old Aleppo will be threatened to a great degree": "the official",
            "It is scorched earth.": "the official",
        },
    ),
    # an unattributed quote far from any other: null
    (
        "The offensive has killed 372 people, the monitor says. “There is no electricity at all, no drinking water”.",
        {"There is no electricity at all, no drinking water": None},
    ),
    # single quotes only when a speech verb attributes them
    (
        "‘We cannot leave our city to the militias,’ Malahifji said.",
        {"We cannot leave our city to the militias": "Malahifji"},
    ),
    ("The graffiti on the bus reads in Arabic: 'Aleppo is tired mother and we still want freedom.'", {}),
    ("Syria's army and Aleppo's rebels said nothing about the talks' outcome.", {}),
]

# General rules of English news attribution, each on a hand-written example.
ATTRIBUTION = [
    # the attribution closes the sentence after other words: "“…” unless …, X said."
    (
        "“Prices will keep rising” unless the central bank acts, Maria Lopez said.",
        {"Prices will keep rising": "Maria Lopez"},
    ),
    # "…, said X, an apposition." at the end of the sentence
    (
        "“We were lucky this time” in the end, said Tom Baker, a farmer near the river.",
        {"We were lucky this time": "Tom Baker"},
    ),
    # a role written in lowercase before the name
    (
        "“The crowd was electric all night,” drummer Ray Mills told the BBC.",
        {"The crowd was electric all night": "drummer Ray Mills"},
    ),
    # a description with the name in apposition: the name
    (
        "“The film changed my whole life,” the movie’s editor, Paula Grey, said.",
        {"The film changed my whole life": "Paula Grey"},
    ),
    # "According to X, “…”"
    (
        "According to Ana Ruiz, “the vaccine is safe for children of all ages.”",
        {"the vaccine is safe for children of all ages.": "Ana Ruiz"},
    ),
    # a statement issued "saying": the body issuing it
    (
        "Acme Corp released a statement saying, “We regret the delay and will refund every customer.”",
        {"We regret the delay and will refund every customer.": "Acme Corp"},
    ),
    # speech verbs beyond "said": complained, joked
    (
        "Tom Reed said the roads were closed. “We had to walk all the way home,” he joked.",
        {"We had to walk all the way home": "Tom Reed"},
    ),
    (
        "Lena Frost spoke after the vote. She complained that the rules would “hurt every small farm in the valley.”",
        {"hurt every small farm in the valley.": "Lena Frost"},
    ),
    # "she": the most recent person, gender unknown from the text
    (
        "Robin Tate arrived early. Tate said the airport was calm. “It was easy to get through security,” she said.",
        {"It was easy to get through security": "Tate"},
    ),
    # precision first: the man is two sentences back, past a woman who spoke: no guess
    (
        "Mark Ellis said the deal was fair. Jessica Moore said it was not. “We gave up far too much,” he said.",
        {"We gave up far too much": None},
    ),
    # ... and a person who never spoke nor has a role is no speaker candidate for "he"
    (
        "Ava Grant said the show was over. Leo Stern disagreed with the critics. "
        "“They missed the point of it,” he said.",
        {"They missed the point of it": None},
    ),
    # "Although he said …, X …": the name of the main clause
    ("While he said the result was “unfair”, Ray Dunn accepted it.", {"unfair": "Ray Dunn"}),
    # "they": the group that spoke last
    (
        "“We are delighted by the news,” the Hendersons said in a statement. “Thank you all,” they added.",
        {"We are delighted by the news": "the Hendersons", "Thank you all": "the Hendersons"},
    ),
    # a quotation continues within its paragraph, past a sentence of narration
    (
        "“We planned this for months,” Lee Park said. The team met every week. “Nothing was left to chance.”",
        {"We planned this for months": "Lee Park", "Nothing was left to chance.": "Lee Park"},
    ),
    # a paragraph of quotation only continues the speaker of the paragraph before it
    (
        "Analysts at Smith Research said that costs would rise.\n“Fuel, wages and rents are all going up this year.”",
        {"Fuel, wages and rents are all going up this year.": "Analysts at Smith Research"},
    ),
    # a short quotation as the predicate of reported speech counts
    ("Nora Banks said the ruling was “outrageous”.", {"outrageous": "Nora Banks"}),
    # titles of works and phrases used as nouns are not quotations
    ("She starred in “The Long Summer Night” last year and in “Blue Harbour Days”.", {}),
    ("It was a “see you later” moment for the whole team.", {}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_patterns(text: str, expected: dict[str, object]) -> None:
    assert _quotes(text) == expected


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION, ids=[f"rule{i}" for i in range(len(ATTRIBUTION))])
def test_attribution_rules(text: str, expected: dict[str, object]) -> None:
    assert _quotes(text) == expected


def test_offsets_and_sentence_index() -> None:
    doc = document("Kerry spoke in Brussels. “We have been trying to find a way”, Kerry said.")
    (q,) = extract_quotes([doc])
    support = q["support"]
    assert isinstance(support, list) and len(support) == 1
    ref = support[0]
    assert doc.article.text[ref["start"] : ref["end"]] == q["text"]
    assert ref["sentence"] == 1 and ref["doc"] == "d"


def test_same_quote_in_two_documents_is_one_item() -> None:
    a = document("“The war will continue until the end”, he said.", "a")
    b = document("John Kerry said talks had failed. “The war will continue until the end”, he said.", "b")
    (q,) = extract_quotes([a, b])
    assert q["speaker"] == "John Kerry"
    assert [r["doc"] for r in q["support"]] == ["a", "b"]  # type: ignore[attr-defined]


def test_pronoun_never_crosses_documents() -> None:
    a = document("John Kerry said the talks had failed.", "a")
    b = document("“We tried everything we could to make it work”, he said.", "b")
    (q,) = extract_quotes([a, b])
    assert q["speaker"] is None


# --- the seeds -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_documents(seeds_dir: Path) -> tuple[Document, ...]:
    return prepare_story(storyline.load_articles(seeds_dir)).documents


@pytest.fixture(scope="module")
def seed_quotes(seed_documents: tuple[Document, ...]) -> tuple[dict[str, object], ...]:
    return extract_quotes(seed_documents)


def test_provenance(seed_documents: tuple[Document, ...], seed_quotes: tuple[dict[str, object], ...]) -> None:
    docs = {d.id: d for d in seed_documents}
    assert seed_quotes
    for q in seed_quotes:
        for ref in q["support"]:  # type: ignore[attr-defined]
            doc = docs[ref["doc"]]
            assert doc.article.text[ref["start"] : ref["end"]] == q["text"]
            sentence = doc.sentences[ref["sentence"]]
            assert sentence.start <= ref["start"] < sentence.end


def test_schema_shape(seed_quotes: tuple[dict[str, object], ...], brief_schema: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = {**brief_schema["properties"]["quotes"], "$defs": brief_schema.get("$defs", {})}
    jsonschema.validate(list(seed_quotes), schema)


@pytest.mark.parametrize(
    ("start", "speaker"),
    [
        (
            "Diplomacy has not delivered for the people of Aleppo, that’s for sure",
            "U.S. Ambassador to the U.N. Samantha Power",
        ),
        ("Our response to the Americans was as follows:", "Malahifji"),
        ("They listened to the response and did not comment", "Malahifji"),
        ("will mean the transformation of the course of the war", "Assad"),
        ("no cards left to play", "Assad"),
        ("I feel reborn", "Yasser"),
        ("It is the most important neighbourhood", "Syrian Observatory head Rami Abdel Rahman"),
        ("Syria confirms that it will not leave", "the country’s Foreign Ministry"),
        ("It must have been terrifying for them", None),
    ],
)
def test_seed_expectations(seed_quotes: tuple[dict[str, object], ...], start: str, speaker: str | None) -> None:
    matches = [q for q in seed_quotes if str(q["text"]).startswith(start)]
    assert len(matches) == 1
    assert matches[0]["speaker"] == speaker


def test_seed_scare_quotes_skipped(seed_quotes: tuple[dict[str, object], ...]) -> None:
    texts = {q["text"] for q in seed_quotes}
    assert not texts & {"terrorists", "technical", "immediate ceasefire", "difficult spot", "very disastrous"}


def test_gold_recall_and_precision(seed_quotes: tuple[dict[str, object], ...]) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(gold) >= 30
    found = {(r["doc"], q["text"]) for q in seed_quotes for r in q["support"]}  # type: ignore[attr-defined]
    expected = {(g["doc"], g["text"]) for g in gold}
    assert len(found & expected) / len(expected) >= 0.95
    assert len(found & expected) / len(found) >= 0.95
