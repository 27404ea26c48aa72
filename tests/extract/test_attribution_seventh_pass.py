"""Speaker classes of the seventh pass (issue 14): attributions risky by construction, read on news in no
gold set (tally in bench/NOTES.md), checked on the dev split of bench/facts_gold_news.

Every case is a sentence written for this test, in the shape of one class: the speaker the construction
gives, or ``None`` where the text leaves it open (precision first: unknown rather than wrong).
"""

from __future__ import annotations

import pytest

from .made_up import speaker_of

MESSAGES = [
    # a message's words are its issuer's: the subject of the sentence that speaks of the message
    (
        "Harbour Police said in a news release they had sent officers to the pier. “The officers were there at "
        "once and called for more help,” the statement said.",
        "The officers were there",
        "Harbour Police",
    ),
    (
        "The Elm Valley Council issued a statement saying it was saddened. “We ask for prayers for all "
        "families,” the statement said.",
        "We ask for prayers",
        "The Elm Valley Council",
    ),
    # the issuer named with the message, the sentence between speaking of the message only
    (
        "“The hull was damaged below the water line,” according to a statement from the Coast Watch.\n"
        "The statement hinted that two sailors were trapped.\n"
        "“It is uncertain how long the search will take,” the statement said.",
        "It is uncertain how long",
        "the Coast Watch",
    ),
    # nobody in view issued it: shown ("the statement"), not given as the speaker
    (
        "Ray Hollin met the envoy on Monday. Talks went on for hours.\n"
        "“The support has saved thousands of lives,” the statement said.",
        "The support has saved",
        None,
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), MESSAGES)
def test_message_speaks_for_its_issuer(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


def test_document_that_carries_its_own_voice_stays_the_speaker() -> None:
    text = "Ann Lee sued the firm in May. “The company hid the defect for years,” the lawsuit says."
    assert speaker_of(text, "The company hid") == "the lawsuit"


GENERIC_NOUNS = [
    # "the man" after a named speaker's words: someone the text left unnamed, not the one who spoke
    (
        "Tom Ardley tracked down a man who had served in the same unit. “What do you want from him?” the man "
        "asked. “I just want a father,” Mr. Ardley replied. “Your dad wants to talk to you,” the man wrote back.",
        "Your dad wants",
        None,
    ),
    # the document calls the named person so: "the woman" is her
    (
        "Ann Corvell, a woman of 40 who runs the bakery, saw the fire. “It spread in minutes,” the woman said.",
        "It spread in minutes",
        "Corvell",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), GENERIC_NOUNS)
def test_generic_person_noun_resolves_only_to_one_it_names(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


def test_capitalised_description_opening_a_sentence_resolves_like_a_lower_case_one() -> None:
    text = (
        "President Ann Corvell spoke on Sunday about the border, tweeting, “We cannot allow this.”\n"
        "The president wrote on Twitter: “We must act now, with no delay.”"
    )
    assert speaker_of(text, "We must act now") == "President Ann Corvell"  # the one who spoke in the sentence before
