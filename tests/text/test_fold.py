"""Folding copies of sentences into items, and whole copies of documents."""

from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

import pytest

from storyline.model import CAPTION, Article, Document
from storyline.text.clean import clean
from storyline.text.fold import fold, is_copy
from storyline.text.normalize import tokens
from storyline.text.sentences import split_sentences

OPINOSIS = Path(__file__).resolve().parents[3] / "shared" / "data" / "opinosis" / "dev.jsonl"

_REPORT = (
    "Russia and China vetoed a UN Security Council resolution on a week-long ceasefire in Aleppo.\n"
    "The United States accused Russia of stalling while government forces advanced on the Old City.\n"
    "Aid agencies said tens of thousands of civilians were trapped in the shrinking rebel enclave."
)


def _docs(*texts: str, dates: list[dt.date | None] | None = None) -> list[Document]:
    dates = dates or [None] * len(texts)
    articles = [Article(id=f"d{n}", text=t, date=d) for n, (t, d) in enumerate(zip(texts, dates, strict=True))]
    return [Document(a, split_sentences(a)) for a in articles]


def _folded(items) -> list[list[str]]:
    return [[m.key for m in item.members] for item in items if len(item.members) > 1]


def test_seed_copies_fold_into_exactly_three_items_with_two_sources(seed_documents):
    documents, items = fold(clean(seed_documents))
    folded = [
        (item.text[:40], [m.doc_id[:3] for m in item.members], item.sources) for item in items if len(item.members) > 1
    ]
    assert folded == [
        ("Col. Abo Bakr, a Free Syrian Army repres", ["000", "002"], 2),
        ("In a statement, the Observatory said doz", ["000", "002"], 2),
        ("He was speaking after a fierce three-wee", ["001", "003"], 2),
    ]
    assert all(d.duplicate_of is None for d in documents)
    assert all(item.sources == 1 for item in items if len(item.members) == 1)


def test_every_sentence_is_in_exactly_one_item_and_items_are_numbered_in_document_order(seed_documents):
    documents, items = fold(clean(seed_documents))
    keys = [m.key for item in items for m in item.members]
    assert sorted(keys) == sorted(s.key for d in documents for s in d.sentences)
    assert len(keys) == len(set(keys))
    assert [item.id for item in items] == list(range(len(items)))
    doc_order = {d.id: n for n, d in enumerate(documents)}
    positions = [(doc_order[item.sentence.doc_id], item.sentence.index) for item in items]
    assert positions == sorted(positions)


def test_excluded_sentences_are_items_that_keep_their_flags(seed_documents):
    _, items = fold(clean(seed_documents))
    caption = next(item for item in items if item.text.startswith("Women walk near damaged buildings"))
    assert caption.sentence.exclude == {CAPTION} and not caption.selectable


def test_identical_documents_fold_and_the_later_is_a_duplicate():
    documents, items = fold(_docs(_REPORT, _REPORT))
    assert [d.duplicate_of for d in documents] == [None, "d0"]
    assert _folded(items) == [["d0:0", "d1:0"], ["d0:1", "d1:1"], ["d0:2", "d1:2"]]
    assert [item.sources for item in items] == [1, 1, 1]


def test_spun_copy_swapping_a_name_in_every_sentence_is_folded_and_a_duplicate():
    spun = _REPORT.replace("Russia ", "Russian Federation ").replace("Aid agencies", "Aid groups")
    documents, items = fold(_docs(_REPORT, spun))
    assert _folded(items) == [["d0:0", "d1:0"], ["d0:1", "d1:1"], ["d0:2", "d1:2"]]
    assert [d.duplicate_of for d in documents] == [None, "d0"]


def test_quote_style_and_punctuation_differences_fold():
    documents, items = fold(
        _docs(
            "“It is scorched earth,” the official said.\nSyria’s army - backed by Russia - advanced.",
            '"It is scorched earth", the official said!\nSyria\'s army — backed by Russia — advanced.',
        )
    )
    assert _folded(items) == [["d0:0", "d1:0"], ["d0:1", "d1:1"]]


def test_documents_sharing_one_sentence_in_ten_are_not_duplicates():
    shared = "Government forces seized the Old City of Aleppo after a three-week offensive."
    a = "\n".join([shared] + [f"Report A gives detail number {n} about the siege of the city." for n in range(9)])
    b = "\n".join([shared] + [f"Paper B adds another fact, {n}, on talks in Geneva and Hamburg." for n in range(9)])
    documents, items = fold(_docs(a, b))
    assert [d.duplicate_of for d in documents] == [None, None]
    assert _folded(items) == [["d0:0", "d1:0"]]
    assert items[0].sources == 2


def test_a_copy_of_a_copy_points_at_the_original():
    documents, _ = fold(_docs(_REPORT, _REPORT, _REPORT.replace("Russia ", "Russian Federation ")))
    assert [d.duplicate_of for d in documents] == [None, "d0", "d0"]


def test_the_earliest_document_is_the_original_and_the_representative():
    documents, items = fold(_docs(_REPORT, _REPORT, _REPORT, dates=[None, dt.date(2016, 12, 9), dt.date(2016, 12, 5)]))
    assert [d.duplicate_of for d in documents] == ["d2", "d2", None]
    assert [m.doc_id for m in items[0].members] == ["d2", "d1", "d0"]
    # Items are still numbered by the representative's place in the input.
    assert [item.sentence.key for item in items] == ["d2:0", "d2:1", "d2:2"]


def test_two_copies_inside_one_document_fold():
    text = (
        "Aid agencies said civilians were trapped in the enclave. Shelling went on.\n"
        "Aid agencies said civilians were trapped in the enclave."
    )
    documents, items = fold(_docs(text))
    assert _folded(items) == [["d0:0", "d0:2"]]
    assert items[0].sources == 1 and documents[0].duplicate_of is None


def test_one_sentence_documents_can_be_kept_apart_as_sources():
    texts = ["The screen is very bright and easy to read.", "The screen is very bright and easy to read."]
    documents, items = fold(_docs(*texts), min_duplicate_sentences=2)
    assert [d.duplicate_of for d in documents] == [None, None]
    assert items[0].sources == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The army said it had taken the eye hospital in eastern Aleppo on Sunday.",
            "The rebel official said the eye hospital in eastern Aleppo had yet to fall on Sunday.",
        ),
        (
            "The government offensive has killed 372 people in east Aleppo, including 45 children.",
            "The government offensive has killed 413 people in east Aleppo, including 45 children.",
        ),
        (
            "Moscow said it would block the resolution on a seven-day truce in Aleppo.",
            "Moscow said it would not block the resolution on a seven-day truce in Aleppo.",
        ),
        (
            "Russia said on Monday that talks on a rebel withdrawal would start in Geneva.",
            "Russia said on Monday that talks on a rebel withdrawal from Aleppo and a ceasefire across Syria "
            "would start in Geneva after the weekend.",
        ),
    ],
    ids=["same-event-different-claims", "different-figure", "negated", "clauses-added"],
)
def test_sentences_that_are_not_copies_stay_apart(a, b):
    assert not is_copy(tokens(a), tokens(b))
    _, items = fold(_docs(a, b))
    assert len(items) == 2


def test_folding_is_reproducible(seed_documents):
    assert fold(seed_documents) == fold(seed_documents)


def test_folding_nothing_gives_nothing():
    assert fold([]) == ((), ())


def test_every_spun_copy_in_a_large_corpus_is_found():
    """LSH must not lose real copies: 300 sentences, each with a one-name spun copy elsewhere."""
    rng = random.Random(7)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(500)]
    originals = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 30))) + "." for _ in range(300)]
    spun = [" ".join([*s.split()[:2], "Russian Federation", *s.split()[3:]]) for s in originals]
    copies = {(a, b) for a, b in zip(originals, spun, strict=True) if is_copy(tokens(a), tokens(b))}
    assert len(copies) > 290  # a few short ones repeat a word and fall under the Jaccard bar
    _, items = fold(_docs("\n".join(originals), "\n".join(reversed(spun))))
    assert {tuple(m.text for m in item.members) for item in items if len(item.members) > 1} == copies


def test_templates_differing_by_a_figure_stay_apart_and_their_copies_fold():
    """Hundreds of one template with another number each (market or sports results): no two of them are
    copies, but a copy of one, carrying the same figure, still folds with it."""
    texts = [f"Officials said {n} people were hurt in the storm on Tuesday." for n in range(400)]
    texts.append("Officials said 17 people were hurt in the storm on Tuesday night.")
    _, items = fold(_docs(*texts))
    assert _folded(items) == [["d17:0", "d400:0"]]
    assert len(items) == 400
