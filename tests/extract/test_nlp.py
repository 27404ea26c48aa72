"""The shared spaCy pipeline: loaded once, and each stage's selection of it reads as the whole pipeline does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import load_articles
from storyline.extract import nlp, parses
from storyline.extract.entities import extract_entities
from storyline.extract.event_parse import parsed_event
from storyline.extract.mentions import Mentions
from storyline.model import Sentence
from storyline.pipeline import prepare_story

pytestmark = pytest.mark.skipif(not nlp.spacy_available(), reason="the shared pipeline needs the full extra (spaCy)")

TEXTS = [
    "Rebels in Aleppo said on Tuesday that 12 people were killed when government jets struck a market.",
    "The Federal Reserve raised interest rates by 0.25 percent, its chairman told reporters in Washington.",
    "Ms. Okafor, who led the union for a decade, won 54% of the vote against two rivals.",
]


def _parse(doc: Any) -> list[tuple[str, str, str, str, int, str]]:
    """What the figure events read of a parse; the lemma as the lemmatizer component set it, or made when asked."""
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_ if t.lemma else nlp.lemma_of(t)) for t in doc]


def _entities(doc: Any) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_each_selection_reads_as_the_whole_pipeline_does() -> None:
    whole = list(nlp.pipeline().pipe(TEXTS))
    assert [_entities(d) for d in nlp.annotate(TEXTS, nlp.NER, batch_size=8)] == [_entities(d) for d in whole]
    assert [_parse(d) for d in nlp.annotate(TEXTS, nlp.PARSE, batch_size=8)] == [_parse(d) for d in whole]
    assert any(_entities(d) for d in whole) and all(d.has_annotation("DEP") for d in whole)


def test_the_selections_are_what_the_pipeline_runs_and_share_no_layer() -> None:
    pipeline = nlp.pipeline()
    assert sorted((*nlp.NER, *nlp.PARSE, "lemmatizer")) == sorted(pipeline.pipe_names)
    own = {id(node) for node in pipeline.get_pipe("ner").model.walk()}
    for name in (*nlp.PARSE, "lemmatizer"):
        model = getattr(pipeline.get_pipe(name), "model", None)
        if model is not None:  # the rule-based components have none
            assert own.isdisjoint(id(node) for node in model.walk()), name


def test_the_ner_alone_sets_no_parse() -> None:
    (doc,) = nlp.annotate(TEXTS[:1], nlp.NER, batch_size=1)
    assert doc.ents and not doc.has_annotation("DEP") and not doc.has_annotation("TAG")


def test_an_unknown_component_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not components of"):
        list(nlp.annotate(TEXTS, ("ner", "textcat"), batch_size=1))


def test_entities_and_figure_events_load_the_model_once(seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = nlp.import_spacy()
    loads: list[str] = []
    real_load = spacy.load

    def counted(name: str, **kwargs: Any) -> Any:
        loads.append(name)
        return real_load(name, **kwargs)

    monkeypatch.setattr(spacy, "load", counted)
    nlp.pipeline.cache_clear()
    try:
        documents = prepare_story(load_articles(seeds_dir)).documents
        assert extract_entities(documents, backend="spacy")
        text = "Floods stranded 31 hikers in the valley overnight."  # a sentence no other test parses
        assert parsed_event(text, text.index("31"), text.index(" in"), "hikers") == "strand"
    finally:
        nlp.pipeline.cache_clear()
    assert loads == [nlp.SPACY_MODEL]


# -- the figure events' parses, made in batches (storyline.extract.parses) ------------------------------


@pytest.fixture
def no_kept_parses() -> Iterator[None]:
    """Every parse made afresh in the test: none kept from another (nor left for the next)."""
    parses._KEPT.clear()
    yield
    parses._KEPT.clear()


def _seed_sentences(seeds_dir: Path) -> list[Sentence]:
    return [s for d in prepare_story(load_articles(seeds_dir)).documents for s in d.sentences]


def test_a_sentence_parses_the_same_in_a_batch_as_alone(seeds_dir: Path) -> None:
    texts = [s.text for s in _seed_sentences(seeds_dir)]
    batched = [_parse(d) for d in nlp.annotate(texts, nlp.PARSE, batch_size=256)]
    alone = [_parse(next(nlp.annotate([t], nlp.PARSE, batch_size=1))) for t in texts]
    assert len(texts) > 100 and batched == alone


def test_read_batched_reads_as_one_at_a_time_with_one_batch_of_parses(
    no_kept_parses: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[list[str]] = []
    real_annotate = parses.annotate

    def counted(texts: list[str], components: Any, *, batch_size: int) -> Any:
        batches.append(list(texts))
        return real_annotate(texts, components, batch_size=batch_size)

    monkeypatch.setattr(parses, "annotate", counted)
    items = [TEXTS[0], "No figure here.", TEXTS[1], TEXTS[0], "Nor here.", TEXTS[2]]

    def read(text: str) -> tuple[str, ...]:  # a parse asked for where the text has a digit
        return tuple(t.dep_ for t in parses.parse(text)) if any(c.isdigit() for c in text) else (text,)

    assert parses.read_batched(items, read) == [read(t) for t in items]
    assert batches == [[TEXTS[0], TEXTS[1], TEXTS[2]]]  # one batch, each distinct text once, then all kept


def test_the_numbers_read_in_batches_are_those_read_one_at_a_time(seeds_dir: Path, no_kept_parses: None) -> None:
    documents = prepare_story(load_articles(seeds_dir)).documents
    sentences = [s for d in documents for s in d.sentences]
    batched = Mentions(documents)
    batched.read_numbers(sentences)
    alone_layer = Mentions(documents)
    parses._KEPT.clear()
    alone = [alone_layer.numbers(s) for s in sentences]
    assert [batched.numbers(s) for s in sentences] == alone
    assert any(n.event for numbers in alone for n in numbers)


def test_a_parse_outside_a_batch_is_made_at_once(no_kept_parses: None) -> None:
    assert parses.parse(TEXTS[1])[0].text == "The"


def test_the_tokenizer_built_from_the_language_is_the_models_own() -> None:
    spacy = nlp.import_spacy()
    as_shipped = spacy.load(nlp.SPACY_MODEL, exclude=["senter", *nlp.NER, *nlp.PARSE])
    # Its rules and patterns, not the vocabulary's strings (which grow with every text read).
    rules = nlp.pipeline().tokenizer.to_bytes(exclude=["vocab"])
    assert rules == as_shipped.tokenizer.to_bytes(exclude=["vocab"]) and len(rules) > 50_000


def test_a_lemma_made_when_asked_is_the_lemmatizers(seeds_dir: Path) -> None:
    texts = [s.text for s in _seed_sentences(seeds_dir)]
    whole = list(nlp.pipeline().pipe(texts))
    parsed = list(nlp.annotate(texts, nlp.PARSE, batch_size=256))
    made = [[nlp.lemma_of(t) for t in doc] for doc in parsed]
    assert made == [[t.lemma_ for t in doc] for doc in whole]
    assert any(t.lemma == 0 for doc in parsed for t in doc)  # the parse itself sets none but the ruler's
