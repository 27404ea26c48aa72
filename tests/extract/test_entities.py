"""Entity extraction: each folding rule on hand-built documents, on both backends; provenance; the seeds."""

from __future__ import annotations

from collections.abc import Sequence

import jsonschema
import pytest

from storyline.errors import ConfigError
from storyline.extract import entities as entities_module
from storyline.extract.entities import BACKENDS, spacy_available
from storyline.ingest import load_articles
from storyline.model import Article, Document
from storyline.pipeline import prepare_story

from .made_up import document

BOTH = ["spacy", "rules"]


def extract_entities(documents: Sequence[Document], backend: str = "auto") -> tuple[dict[str, object], ...]:
    """The entities as the brief's JSON items."""
    return tuple(e.to_dict() for e in entities_module.extract_entities(documents, backend=backend))


def _by_alias(entities: tuple[dict[str, object], ...], alias: str) -> dict[str, object]:
    found = [e for e in entities if alias in e["aliases"]]  # type: ignore[operator]
    assert len(found) == 1, (alias, entities)
    return found[0]


def _assert_provenance(documents: list[Document], entities: tuple[dict[str, object], ...]) -> None:
    texts = {d.id: d.article.text for d in documents}
    sentences = {(d.id, s.index): s for d in documents for s in d.sentences}
    for entity in entities:
        support = entity["support"]
        assert isinstance(support, list) and support
        for ref in support:
            surface = texts[ref["doc"]][ref["start"] : ref["end"]]
            assert surface in entity["aliases"], (entity["name"], surface)  # type: ignore[operator]
            sentence = sentences[(ref["doc"], ref["sentence"])]
            assert sentence.start <= ref["start"] < ref["end"] <= sentence.end
        assert entity["name"] in entity["aliases"]  # type: ignore[operator]
        assert entity["mentions"] >= entity["documents"] >= 1  # type: ignore[operator]


STORY = [
    document(
        "Syrian President Bashar al-Assad said on Monday that the war was not over. "
        "Rebels said Assad had broken the truce. Russia backs Assad's forces.\n\n"
        "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Tuesday. "
        "Kerry said the United States wanted a ceasefire, and Lavrov said Moscow agreed.",
        "a",
    ),
    document(
        "The Russian Federation and the US disagree about Aleppo, where the Free Syrian Army is besieged. "
        "An FSA commander said President Bashar al-Assad wanted a victory. "
        "The Syrian Observatory for Human Rights said 40 people died, and SOHR said the toll was rising.\n\n"
        "U.S. Ambassador to the U.N. Samantha Power spoke in New York. The United Nations said aid was blocked.",
        "b",
    ),
]


@pytest.mark.parametrize("backend", BOTH)
def test_assad_forms_fold_into_one_person_with_titles_stripped(backend: str) -> None:
    entities = extract_entities(STORY, backend=backend)
    assad = _by_alias(entities, "Assad")
    assert assad["name"] == "Bashar al-Assad"
    assert assad["type"] == "PERSON"
    assert set(assad["aliases"]) == {"Bashar al-Assad", "Assad"}  # type: ignore[arg-type]
    assert assad["mentions"] == 4
    assert assad["documents"] == 2


@pytest.mark.parametrize("backend", BOTH)
@pytest.mark.parametrize(
    ("name", "short"),
    [("Sergei Lavrov", "Lavrov"), ("John Kerry", "Kerry")],
)
def test_surname_folds_into_the_full_name_and_titles_are_cut(backend: str, name: str, short: str) -> None:
    entity = _by_alias(extract_entities(STORY, backend=backend), short)
    assert entity["name"] == name
    assert entity["type"] == "PERSON"
    assert entity["mentions"] == 2
    assert not any("Minister" in a or "Secretary" in a for a in entity["aliases"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("backend", BOTH)
def test_title_with_two_bodies_is_cut_and_the_bodies_count_on_their_own(backend: str) -> None:
    entities = extract_entities(STORY, backend=backend)
    power = _by_alias(entities, "Samantha Power")
    assert power["aliases"] == ["Samantha Power"]
    assert power["type"] == "PERSON"
    un = _by_alias(entities, "United Nations")
    assert "U.N." in un["aliases"]  # type: ignore[operator]
    assert un["type"] == "ORG"


@pytest.mark.parametrize("backend", BOTH)
@pytest.mark.parametrize(
    ("forms", "name", "kind"),
    [
        ({"Russia", "Russian Federation"}, "Russia", "GPE"),
        ({"U.S.", "US", "United States"}, "United States", "GPE"),
    ],
)
def test_country_variants_fold_by_the_table(backend: str, forms: set[str], name: str, kind: str) -> None:
    entity = _by_alias(extract_entities(STORY, backend=backend), next(iter(forms)))
    assert set(entity["aliases"]) == forms  # type: ignore[arg-type]
    assert entity["name"] == name
    assert entity["type"] == kind


@pytest.mark.parametrize("backend", BOTH)
def test_demonym_stays_norp_and_apart_from_its_country(backend: str) -> None:
    entities = extract_entities(STORY, backend=backend)
    russian = _by_alias(entities, "Russian")
    assert russian["type"] == "NORP"
    assert russian["aliases"] == ["Russian"]
    assert "Russian" not in _by_alias(entities, "Russia")["aliases"]  # type: ignore[operator]


@pytest.mark.parametrize("backend", BOTH)
@pytest.mark.parametrize(
    ("acronym", "expansion"),
    [("FSA", "Free Syrian Army"), ("SOHR", "Syrian Observatory for Human Rights")],
)
def test_acronym_folds_into_its_expansion(backend: str, acronym: str, expansion: str) -> None:
    entity = _by_alias(extract_entities(STORY, backend=backend), acronym)
    assert entity["name"] == expansion
    assert entity["type"] == "ORG"


@pytest.mark.parametrize("backend", BOTH)
def test_every_ref_points_at_one_of_the_aliases(backend: str) -> None:
    entities = extract_entities(STORY, backend=backend)
    assert entities
    _assert_provenance(STORY, entities)


@pytest.mark.parametrize("backend", BOTH)
def test_sorted_by_documents_then_mentions(backend: str) -> None:
    entities = extract_entities(STORY, backend=backend)
    keys = [(-e["documents"], -e["mentions"]) for e in entities]  # type: ignore[operator]
    assert keys == sorted(keys)


def test_surname_of_two_people_is_not_folded() -> None:
    doc = document(
        "Bashar al-Assad met his brother Maher al-Assad in Damascus. Later Assad spoke to reporters.",
    )
    entities = extract_entities([doc], backend="rules")
    assert _by_alias(entities, "Assad")["aliases"] == ["Assad"]
    assert _by_alias(entities, "Bashar al-Assad")["aliases"] == ["Bashar al-Assad"]


def test_possessive_is_not_part_of_the_name() -> None:
    doc = document("Officials said Assad's army had advanced. John Kerry's plan was rejected by Kerry's critics.")
    entities = extract_entities([doc], backend="rules")
    kerry = _by_alias(entities, "John Kerry")
    assert kerry["aliases"] == ["John Kerry", "Kerry"]
    assert kerry["mentions"] == 2
    assert all("'" not in a for e in entities for a in e["aliases"])  # type: ignore[attr-defined]


def test_rules_type_from_gazetteer_and_org_heads() -> None:
    doc = document("Aid reached Syria and Iraq, and the Syrian Red Crescent said the Health Ministry had helped Kurds.")
    types = {e["name"]: e["type"] for e in extract_entities([doc], backend="rules")}
    assert types["Syria"] == "GPE"
    assert types["Iraq"] == "GPE"
    assert types["Kurds"] == "NORP"
    assert types["Health Ministry"] == "ORG"
    assert types["Syrian Red Crescent"] == "ORG"


def test_rules_skip_a_capitalised_sentence_opener() -> None:
    doc = document("Rebels left the city. Fighters said Aleppo had fallen. Aleppo was quiet.")
    names = {e["name"] for e in extract_entities([doc], backend="rules")}
    assert names == {"Aleppo"}


def test_duplicate_document_adds_support_but_not_counts() -> None:
    text = "John Kerry flew to Geneva."
    original, copy = document(text, "a"), Document(Article(id="b", text=text), document(text, "b").sentences, "a")
    kerry = _by_alias(extract_entities([original, copy], backend="rules"), "John Kerry")
    assert kerry["mentions"] == 1
    assert kerry["documents"] == 1
    assert [r["doc"] for r in kerry["support"]] == ["a", "b"]  # type: ignore[attr-defined]


def test_short_forms_of_an_organisation_fold_into_its_full_name() -> None:
    doc = document(
        "The Syrian Observatory for Human Rights counted the dead. Officials of the Syrian Observatory "
        "said more bodies were found, and the Observatory said the count would rise. Shiite Hezbollah "
        "fighters advanced, and Hezbollah said the road was open."
    )
    entities = extract_entities([doc], backend="rules")
    observatory = _by_alias(entities, "Observatory")
    assert observatory["name"] == "Syrian Observatory for Human Rights"
    assert set(observatory["aliases"]) == {  # type: ignore[arg-type]
        "Syrian Observatory for Human Rights",
        "Syrian Observatory",
        "Observatory",
    }
    assert observatory["type"] == "ORG"
    hezbollah = _by_alias(entities, "Shiite Hezbollah")
    assert hezbollah["name"] == "Hezbollah"  # a demonym qualifies the name, it is not part of it


def test_rules_type_a_name_after_a_lowercase_title_as_person() -> None:
    doc = document("The Kremlin was clear, Kremlin spokesman Dmitry Peskov told reporters in Moscow.")
    assert _by_alias(extract_entities([doc], backend="rules"), "Dmitry Peskov")["type"] == "PERSON"


def test_auto_backend_is_spacy_when_installed() -> None:
    expected = "spacy" if spacy_available() else "rules"
    assert extract_entities(STORY) == extract_entities(STORY, backend=expected)


@pytest.mark.parametrize("backend", BOTH)
def test_entities_match_the_brief_schema(backend: str, brief_schema: dict) -> None:
    entities = extract_entities(STORY, backend=backend)
    jsonschema.validate(list(entities), brief_schema["properties"]["entities"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_input_gives_no_entities(backend: str) -> None:
    assert extract_entities([], backend=backend) == ()
    assert extract_entities([document("")], backend=backend) == ()


def test_unknown_backend_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="auto, spacy, rules"):
        extract_entities(STORY, backend="stanza")


@pytest.mark.slow
@pytest.mark.parametrize("backend", BOTH)
def test_seed_entities_fold_the_main_actors(seeds_dir, backend: str) -> None:
    documents = list(prepare_story(load_articles(seeds_dir)).documents)
    entities = extract_entities(documents, backend=backend)
    _assert_provenance(documents, entities)

    assad = _by_alias(entities, "Assad")
    assert assad["type"] == "PERSON"
    assert {"Bashar al-Assad", "Assad"} <= set(assad["aliases"])  # type: ignore[arg-type]
    assert assad["documents"] == 5
    russia = _by_alias(entities, "Russia")
    assert {"Russia", "Russian Federation"} <= set(russia["aliases"])  # type: ignore[arg-type]
    us = _by_alias(entities, "U.S.")
    assert {"U.S.", "United States"} <= set(us["aliases"])  # type: ignore[arg-type]
    lavrov = _by_alias(entities, "Sergei Lavrov")
    assert lavrov["name"] == "Sergei Lavrov"
    assert lavrov["type"] == "PERSON"
    assert all(e["name"] != "Russian Foreign Minister Sergei Lavrov" for e in entities)


def test_rules_type_known_cities_as_places() -> None:
    doc = document("Talks between the two envoys opened in Geneva on Monday and moved to Hamburg later.")
    entities = extract_entities([doc], backend="rules")
    assert _by_alias(entities, "Geneva")["type"] == "GPE"
    assert _by_alias(entities, "Hamburg")["type"] == "GPE"


@pytest.mark.parametrize("backend", BOTH)
def test_a_paragraph_two_documents_share_is_found_in_each_at_its_own_offsets(backend: str) -> None:
    # The spaCy backend parses a repeated paragraph once; each copy still gets its own spans.
    shared = "Mayor Ann Lindqvist met the Harbour Authority in Oslo on Monday."
    first = document(f"Officials said talks went well.\n{shared}", "a")
    second = document(f"A longer opening line came first in this one, with more words.\n{shared}", "b")
    entities = extract_entities([first, second], backend=backend)
    _assert_provenance([first, second], entities)
    oslo = _by_alias(entities, "Oslo")
    starts = {r["doc"]: r["start"] for r in oslo["support"]}  # type: ignore[attr-defined]
    assert starts == {"a": first.article.text.index("Oslo"), "b": second.article.text.index("Oslo")}
    assert oslo["documents"] == 2
