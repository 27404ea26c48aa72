"""Folding copies across documents."""

from __future__ import annotations

import datetime as dt

from storyline.model import Article, Document
from storyline.text.fold import fold
from storyline.text.sentences import split_sentences


def _docs(*texts: str, dates: list[dt.date | None] | None = None) -> list[Document]:
    dates = dates or [None] * len(texts)
    articles = [Article(id=f"d{n}", text=t, date=d) for n, (t, d) in enumerate(zip(texts, dates, strict=True))]
    return [Document(a, split_sentences(a)) for a in articles]


def test_seed_copies_fold_into_exactly_three_items(seed_documents):
    _, items = fold(seed_documents)
    folded = sorted((item.text[:30], tuple(m.doc_id[:3] for m in item.members)) for item in items if len(item.members) > 1)
    assert folded == [
        ("Col. Abo Bakr, a Free Syrian A", ("000", "002")),
        ("He was speaking after a fierce", ("001", "003")),
        ("In a statement, the Observator", ("000", "002")),
    ]
    assert all(item.sources == len(item.members) for item in items)


def test_every_sentence_is_in_exactly_one_item(seed_documents):
    _, items = fold(seed_documents)
    keys = [m.key for item in items for m in item.members]
    assert sorted(keys) == sorted(s.key for d in seed_documents for s in d.sentences)
    assert [item.id for item in items] == list(range(len(items)))


def test_spun_copy_that_swaps_a_name_is_folded_and_marked_duplicate():
    original = (
        "Russia and China vetoed a UN Security Council resolution on a week-long ceasefire in Aleppo.\n"
        "The United States accused Russia of stalling while government forces advanced on the Old City.\n"
        "Aid agencies said tens of thousands of civilians were trapped in the shrinking rebel enclave."
    )
    spun = original.replace("Russia ", "Russian Federation ")
    documents, items = fold(_docs(original, spun))
    assert len(items) == 3 and all(len(item.members) == 2 for item in items)
    assert [d.duplicate_of for d in documents] == [None, "d0"]
    assert all(item.sources == 1 for item in items)


def test_representative_comes_from_the_earliest_document():
    text = "Government forces seized the Old City of Aleppo after a three-week offensive."
    _, items = fold(_docs(text, text, dates=[dt.date(2016, 12, 9), dt.date(2016, 12, 5)]))
    assert [m.doc_id for m in items[0].members] == ["d1", "d0"]


def test_sharing_one_sentence_does_not_make_a_duplicate():
    shared = "Government forces seized the Old City of Aleppo after a three-week offensive."
    a = shared + "\n" + "\n".join(f"Report A gives detail number {n} about the siege of the city." for n in range(9))
    b = shared + "\n" + "\n".join(f"Paper B adds another fact, {n}, on talks in Geneva and Hamburg." for n in range(9))
    documents, items = fold(_docs(a, b))
    assert [d.duplicate_of for d in documents] == [None, None]
    assert sum(len(item.members) > 1 for item in items) == 1


def test_different_sentences_on_the_same_event_stay_apart():
    documents, items = fold(
        _docs(
            "The army said it had taken the eye hospital in eastern Aleppo on Sunday.",
            "The rebel official said the eye hospital in eastern Aleppo had yet to fall on Sunday.",
        )
    )
    assert len(items) == 2


def test_sentences_with_different_figures_are_not_folded():
    _, items = fold(
        _docs(
            "The government offensive has killed 372 people in east Aleppo, including 45 children, the Observatory says.",
            "The government offensive has killed 413 people in east Aleppo, including 45 children, the Observatory says.",
        )
    )
    assert len(items) == 2
