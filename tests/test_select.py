"""The shared selector: eligibility, budget, redundancy, context, order."""

from __future__ import annotations

import numpy as np
import pytest

from storyline import Article, Corpus
from storyline.features.context import Features
from storyline.pipeline import prepare_story
from storyline.select import ineligibility, needs_context, select


def _features(*texts: str) -> Features:
    return Features(prepare_story(Corpus(tuple(Article(id=f"d{n}", text=t) for n, t in enumerate(texts)))))


@pytest.mark.parametrize(
    "text",
    [
        "He said Washington had withdrawn an earlier surrender proposal.",
        "However, Reuters reporters said bombardment could still be heard.",
        "It rules out the evacuation of civilians to neighboring Idlib province.",
        "“The decision to liberate all of Syria has been taken, and that includes Aleppo”, he said.",
        "They called for an immediate ceasefire to allow aid to reach eastern Aleppo.",
        "The rebel official said it had yet to fall.",
        "The joint statement pointed the finger at both Moscow and Tehran.",
        '"The areas of Old Aleppo will be threatened to a great degree," the official said.',
    ],
)
def test_context_dependent_sentences_are_recognized(text):
    assert needs_context(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kremlin spokesman Dmitry Peskov described all the remaining rebels in Aleppo as terrorists.",
        "Assad said he would no longer consider truce offers.",
        "Brig. Gen. Zeid al-Saleh told state TV that rebels must leave Aleppo or face death.",
        "“We will not leave,” rebel official Zakaria Malahifji said.",
    ],
)
def test_self_contained_sentences_are_not_flagged(text):
    assert not needs_context(text)


def test_dangling_quotation_and_unattributed_quote_are_ineligible():
    features = _features(
        "“It is a significant landmark towards the end of the battle, but the war will go on”.\n"
        "The envoy said “the talks will resume on Saturday in Geneva with both sides.\n"
        "Rebels said the army shelled the eastern district for a third day on Monday."
    )
    reasons = [ineligibility(item) for item in features.items]
    assert reasons == ["unattributed quotation", "dangling quotation", None]


def test_budget_is_never_exceeded():
    features = _features(
        *[f"Sentence number {n} reports a different fact about the siege of the city." for n in range(20)]
    )
    for words in (5, 12, 13, 40, 100):
        chosen = select(features, np.arange(len(features), dtype=float), words=words)
        assert sum(int(features.words[i]) for i in chosen) <= words


def test_overflow_fills_the_budget_past_its_end():
    features = _features(*[f"Sentence {n} tells about fact {n} and nothing else at all here." for n in range(5)])
    chosen = select(features, np.arange(5, dtype=float), words=15, overflow=True)
    assert sum(int(features.words[i]) for i in chosen) > 15


def test_redundant_sentences_are_not_both_selected():
    features = _features(
        "Government forces captured the Old City of Aleppo on Monday after heavy fighting.",
        "On Monday government forces captured Aleppo's Old City after heavy fighting, witnesses said.",
        "Aid agencies warned that food and fuel were running out in the east.",
    )
    chosen = select(features, np.array([3.0, 2.0, 1.0]), words=100)
    texts = [features.items[i].text for i in chosen]
    assert len(texts) == 2 and texts[1].startswith("Aid agencies")


def test_context_dependent_sentence_follows_its_predecessor():
    features = _features(
        "Russian Foreign Minister Sergei Lavrov proposed talks on a full rebel withdrawal.\n"
        "He said the talks could start in Geneva on Saturday."
    )
    alone = select(features, np.array([0.0, 5.0]), words=10)
    assert alone == []
    both = select(features, np.array([1.0, 5.0]), words=100)
    assert [features.items[i].sentence.index for i in both] == [0, 1]


def test_selection_reads_in_date_then_position_order():
    import datetime as dt

    story = prepare_story(
        Corpus(
            (
                Article(
                    id="late",
                    text="Troops entered the old city on the fifth day of the new offensive.",
                    date=dt.date(2016, 12, 8),
                ),
                Article(
                    id="early",
                    text="The army launched a new offensive on the eastern districts of the city.",
                    date=dt.date(2016, 12, 1),
                ),
            )
        )
    )
    features = Features(story)
    chosen = select(features, np.array([2.0, 1.0]), words=100)
    assert [features.items[i].sentence.doc_id for i in chosen] == ["early", "late"]


def test_an_anchor_is_held_whatever_its_score():
    features = _features(
        "The council approved the new budget on Monday evening.\nThe mayor said taxes would not rise next year.",
        "Residents packed the hall to hear the council debate.\nThe vote was delayed by an hour.",
    )
    anchor = next(i for i, item in enumerate(features.items) if item.text.startswith("Residents packed"))
    scores = np.zeros(len(features))
    scores[anchor] = -5.0
    assert anchor not in select(features, scores, words=12)
    assert anchor in select(features, scores, words=12, anchor=anchor)
