"""The NLP results kept across briefs (storyline.extract.analyses): a brief built with them is the brief
built without, a rebuilt story analyses only its new text, the bound holds, and keeping can be off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.extract import analyses, entities_spacy, nlp, parses
from storyline.extract.analyses import Kept

pytestmark = pytest.mark.skipif(not nlp.spacy_available(), reason="the kept analyses are spaCy's (the full extra)")

DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "multinews" / "dev.jsonl"
SRC = Path(analyses.__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    """Each test starts and ends with nothing kept, keeping on."""
    analyses.keeping(True)
    analyses.clear()
    yield
    analyses.keeping(True)
    analyses.clear()


def _dev_clusters(count: int) -> list[list[storyline.Article]]:
    assert DEV.is_file(), f"the dev slice is missing: {DEV}"
    clusters = []
    with DEV.open(encoding="utf-8") as f:
        next(f)  # the protocol line
        for _, line in zip(range(count), f, strict=False):
            docs = json.loads(line)["docs"]
            clusters.append([storyline.Article(id=str(d["id"]), text=d["text"]) for d in docs])
    return clusters


def _stories(seeds_dir: Path) -> list[list[storyline.Article]]:
    return [list(storyline.load_articles([seeds_dir]).articles), *_dev_clusters(3)]


def _brief(articles: list[storyline.Article]) -> str:
    return storyline.render(storyline.build_brief(articles, storyline.BriefConfig()), "json")


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The texts given to spaCy, by selection (a spy: each call still runs the real pipeline)."""
    given: dict[str, list[str]] = {"ner": [], "parse": []}

    def spied(real: Any, kind: str) -> Any:
        def annotate(texts: Any, components: Any, *, batch_size: int) -> Any:
            texts = list(texts)
            given[kind].extend(texts)
            return real(texts, components, batch_size=batch_size)

        return annotate

    monkeypatch.setattr(entities_spacy, "annotate", spied(entities_spacy.annotate, "ner"))
    monkeypatch.setattr(parses, "annotate", spied(parses.annotate, "parse"))
    return given


def test_briefs_built_with_kept_analyses_are_those_built_without(seeds_dir: Path) -> None:
    stories = _stories(seeds_dir)
    analyses.keeping(False)
    cold = [_brief(articles) for articles in stories]
    assert len(entities_spacy._KEPT) == len(parses._KEPT) == 0  # keeping off: nothing kept
    analyses.keeping(True)
    for articles, expected in zip(stories, cold, strict=True):
        _brief(articles[:-1])  # the story before its last article: the cache warm from it
        assert _brief(articles) == expected  # rebuilt after one new article
        assert _brief(articles) == expected  # rebuilt with everything kept
    assert len(entities_spacy._KEPT) > 0 and len(parses._KEPT) > 0


def test_a_rebuilt_story_analyses_only_the_text_of_its_new_article(
    seeds_dir: Path, analysed: dict[str, list[str]]
) -> None:
    articles = _dev_clusters(1)[0]
    assert len(articles) >= 2
    _brief(articles[:-1])
    before = {kind: set(texts) for kind, texts in analysed.items()}
    for texts in analysed.values():
        texts.clear()
    _brief(articles)
    new = (articles[-1].text, unicodedata.normalize("NFC", articles[-1].text))  # the parser's, the NER's
    assert analysed["ner"], "the new article's chunks went to the NER"
    for kind, texts in analysed.items():
        assert len(texts) == len(set(texts)), kind  # each text once
        for text in texts:
            assert text not in before[kind] and any(text in t for t in new), (kind, text[:80])
    for texts in analysed.values():
        texts.clear()
    _brief(articles)
    assert analysed == {"ner": [], "parse": []}  # the same story again: nothing analysed


def test_the_ner_reads_a_chunk_in_a_batch_as_alone(seeds_dir: Path) -> None:
    """What keeping a chunk's entities rests on: the NER reads each text of a batch on its own."""
    from storyline.extract.entities import _SKIP
    from storyline.pipeline import prepare_story

    documents = prepare_story(storyline.load_articles([seeds_dir])).documents
    chunks = list(entities_spacy._chunks(documents, _SKIP))
    texts = [entities_spacy._composed(d.article.text[a:b])[0] for d, _, a, b in chunks]

    def entities(doc: Any) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    batched = [entities(doc) for doc in nlp.annotate(texts, nlp.NER, batch_size=64)]
    alone = [entities(next(nlp.annotate([text], nlp.NER, batch_size=1))) for text in texts]
    assert len(texts) > 20 and batched == alone and any(batched)


def test_the_bound_is_honoured_and_the_least_recently_used_goes_first() -> None:
    kept: Kept[int] = Kept("test", 100, lambda text, value: len(text))
    kept.keep("a" * 40, 1)
    kept.keep("b" * 40, 2)
    assert kept.get("a" * 40) == 1  # now the most recently used
    kept.keep("c" * 40, 3)  # 120 > 100: the least recently used ("b") goes
    assert kept.get("b" * 40) is None and kept.get("a" * 40) == 1 and kept.get("c" * 40) == 3
    assert kept.weight == 80 and len(kept) == 2
    kept.keep("d" * 101, 4)  # heavier than the whole bound: not kept, nothing dropped for it
    assert kept.get("d" * 101) is None and len(kept) == 2
    found, missing = kept.lookup(["c" * 40, "e", "c" * 40, "e"])
    assert found == {"c" * 40: 3} and missing == ["e"]
    kept.clear()
    assert len(kept) == 0 and kept.weight == 0


def test_a_brief_under_a_small_bound_is_the_same_brief_and_stays_under_it(
    seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = list(storyline.load_articles([seeds_dir]).articles)
    analyses.keeping(False)
    expected = _brief(articles)
    analyses.keeping(True)
    for kept, limit in ((entities_spacy._KEPT, 4000), (parses._KEPT, 40_000)):
        monkeypatch.setattr(kept, "limit", limit)
    assert _brief(articles) == expected and _brief(articles) == expected
    for kept in (entities_spacy._KEPT, parses._KEPT):
        assert 0 < kept.weight <= kept.limit
        assert kept.weight == sum(weight for _, weight in kept._held.values())


def test_threads_keeping_at_once_keep_the_count_and_the_bound() -> None:
    kept: Kept[str] = Kept("test", 5_000, lambda text, value: len(text))
    texts = [f"{n:04d}" * (1 + n % 7) for n in range(2_000)]

    def work(offset: int) -> None:
        for text in texts[offset::4]:
            kept.keep(text, text)
            found, _ = kept.lookup([text, texts[0]])
            assert found.get(text, text) == text

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 0 < kept.weight <= 5_000
    assert kept.weight == sum(weight for _, weight in kept._held.values())
    assert all(value == text for text, (value, _) in kept._held.items())


def test_the_environment_can_turn_keeping_off() -> None:
    script = "from storyline.extract import analyses; print(analyses.is_keeping())"
    for value, expected in (("off", "False"), ("on", "True")):
        env = {**os.environ, "STORYLINE_NLP_CACHE": value, "PYTHONPATH": str(SRC)}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        assert done.stdout.strip() == expected


def test_quick_and_full_briefs_in_one_process_are_those_built_apart(seeds_dir: Path) -> None:
    """The feed's brief workers build both tiers; the quick one reads figures' events by word order."""
    from storyline.stories.briefs import quick_renderings, renderings

    articles = list(storyline.load_articles([seeds_dir]).articles)
    analyses.keeping(False)
    quick, full = quick_renderings(articles), renderings(articles)
    analyses.keeping(True)
    assert [quick_renderings(articles), renderings(articles)] == [quick, full]
    assert [quick_renderings(articles), renderings(articles)] == [quick, full]
    analyses.clear()
    assert [renderings(articles), quick_renderings(articles)] == [full, quick]


def test_kept_numbers_are_those_of_the_same_text_anywhere(seeds_dir: Path) -> None:
    from dataclasses import replace

    from storyline.extract import mentions
    from storyline.extract.numbers import sentence_numbers
    from storyline.pipeline import prepare_story

    sentences = [s for d in prepare_story(storyline.load_articles([seeds_dir])).documents for s in d.sentences]
    first = [mentions._numbers(s) for s in sentences]
    assert first == [sentence_numbers(s) for s in sentences] and any(first)
    moved = [
        replace(s, doc_id=f"copy-{s.doc_id}", index=s.index + 3, start=s.start + 17, end=s.end + 17) for s in sentences
    ]
    assert [mentions._numbers(s) for s in moved] == [sentence_numbers(s) for s in moved]
    assert len(mentions._KEPT[True]) > 0
