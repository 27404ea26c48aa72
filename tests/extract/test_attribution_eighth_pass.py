"""Speaker classes of the eighth pass (issue 14): read on the dev2 tuning batch and the dev split of
bench/facts_gold_news (tally in bench/NOTES.md).

Every case is a sentence written for this test, in the shape of one class: the speaker the construction
gives, or ``None`` where the text leaves it open (precision first: unknown rather than wrong).
"""

from __future__ import annotations

import pytest

from storyline.extract.people import is_person_like, is_plural
from storyline.extract.quotes import extract_quotes
from storyline.extract.role_descriptions import role_noun

from .made_up import document, speaker_of

DESCRIPTIONS = [
    # a member of a party, with the state before it, right after the one who spoke: that person
    (
        "Budget talks stalled again on Friday, House Whip Dora Lindqvist said.\n"
        "“We will not sign a bill that cuts the pensions,” the Vermont Democrat said on the radio.",
        "We will not sign",
        "House Whip Dora Lindqvist",
    ),
    # the same after a speaker whose sentence also names a party's members (a group, not a person)
    (
        "The plan gave Conservatives most of what they asked for, Senator Hal Brennick said on Sunday.\n"
        "“It is a good day for the taxpayer,” the Idaho Republican said.",
        "It is a good day",
        "Senator Hal Brennick",
    ),
    # a nationality as the description, and nobody in view who said anything: shown, not given
    (
        "The archive released the letter, which the court had kept for sixty years. Oskar Veltman was tried "
        "in 1961.\nThe letter was read aloud at a ceremony.\n“I only followed the orders I was given,” the "
        "Austrian wrote.",
        "I only followed the orders",
        None,
    ),
    # a body's office, two people in view: given to neither, kept as written (it may name its holder itself)
    (
        "Coach Rita Samuels and forward Jo Pike both spoke after the match.\n"
        "“We were told nothing before kick-off,” the Harbour City owner said.",
        "We were told nothing",
        "the Harbour City owner",
    ),
    # an epithet, two people in view: shown, not given to either
    (
        "Senator Rita Samuels and Senator Jo Pike both spoke after the vote.\n"
        "“We were told nothing before the vote,” the Idaho Republican said.",
        "We were told nothing",
        None,
    ),
    # two roles coordinated, with a caption and another person between: not the one named earlier
    (
        "Tenant Marisol Okafor, 41, held her son close.\nThe boy's father said the doors opened on an empty "
        "shaft.\n“It breaks my heart,” said the crossing guard and mother of three.",
        "It breaks my heart",
        None,
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), DESCRIPTIONS)
def test_capitalised_and_coordinated_descriptions(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


def test_a_description_no_one_named_could_be_stays_the_speaker() -> None:
    text = "The vote was close. “We have lost the county,” the Texas Republican said."
    assert speaker_of(text, "We have lost the county") == "the Texas Republican"


def test_role_nouns_of_descriptions() -> None:
    assert role_noun("the Ohio Democrat") == "democrat"
    assert role_noun("the German") == "german"
    assert role_noun("the White House spokesman") == "spokesman"
    assert role_noun("the bus driver and mother of four") == "driver"
    assert role_noun("the crossing guard and mother of four") == "mother"
    assert role_noun("the lawyer") == "lawyer"
    # a newspaper, a body and a people are no one person's role
    assert role_noun("The New Yorker") == ""
    assert role_noun("the White House") == ""
    assert role_noun("the French") == ""


def test_a_party_s_members_are_a_group() -> None:
    assert is_plural("Republicans") and not is_person_like("Republicans")
    assert is_plural("Iraqis")
    assert not is_plural("Williams") and is_person_like("Williams")


NAMES_GIVEN = [
    # a description the text then names: the name, for the quotation and the one it continues
    (
        "“The line was long,” said a woman who identified herself as Dana K. “We waited for hours.”",
        ["Dana K.", "Dana K."],
    ),
    ("“Nobody came to help,” said a man who gave his name as Ruben.", ["Ruben"]),
    # no name given: the description as written
    ("“Nobody came to help,” said a man who lives nearby.", ["a man"]),
]


@pytest.mark.parametrize(("text", "speakers"), NAMES_GIVEN)
def test_a_description_then_named_is_the_name(text: str, speakers: list[str]) -> None:
    assert [q.speaker for q in extract_quotes([document(text)])] == speakers


SIGN_OFFS = [
    # a post's words signed after the marks with a dash or a hyphen: the one who signs
    (
        "The council said it was saddened.\n“He is a good kid. It is too bad it came to this.” -Lakeside Mayor "
        "Tom Reyes, on the arrest",
        "He is a good",
        "Lakeside Mayor Tom Reyes",
    ),
    (
        "The council said it was saddened.\n“We will rebuild the bridge.” — Tom Reyes, on the flood",
        "We will",
        "Tom Reyes",
    ),
    # a hyphenated word right after the marks names nobody
    ("The council backed a “long overdue”-style plan, Tom Reyes said.", "long overdue", None),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), SIGN_OFFS)
def test_a_sign_off_after_the_marks_names_the_speaker(text: str, quote: str, speaker: str | None) -> None:
    found = [q for q in extract_quotes([document(text)]) if q.text.startswith(quote)]
    assert (found[0].speaker if found else None) == speaker


OFFICES_AND_EPITHETS = [
    # a description of no gender stands for a man as well as a woman: the one person of the colon's sentence
    (
        "Committee Chairman Richard Halloway raised fair objections:\n“I believe the director told us nothing of the "
        "kind,” the Ohio Republican told reporters.",
        "I believe the director",
        "Committee Chairman Richard Halloway",
    ),
    # a country's office the text never names a holder of: the description as written
    (
        "Ray Dunmore said the talks had failed. Ministers met again on Monday.\n“It is a disgrace that the corridors "
        "are closed,” the Freedonian chancellor said.",
        "It is a disgrace",
        "the Freedonian chancellor",
    ),
    # an object clause headed by "something": its subject is who spoke
    (
        "The task is to rewrite the charter, something Ana Duval promised would end the crisis. “We will win "
        "back peace,” the president said.",
        "We will win back",
        "Ana Duval",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), OFFICES_AND_EPITHETS)
def test_offices_and_epithets(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


CUES_BEFORE = [
    # a speech verb opening the sentence, its subject after it
    (
        "Ray Dunmore spoke first. And, said Tara Malkin, “Their people were calling us last night.”",
        "Their people",
        "Tara Malkin",
    ),
    (
        "Ray Dunmore spoke first. Adds Tara Malkin: “The comparison is just apples and oranges.”",
        "The comparison",
        "Tara Malkin",
    ),
    # an opening participle of a question is no such verb: the cue after it is
    (
        "Asked on Monday whether the port would reopen, Harbour Minister Ray Dunmore said, “We hope so, but it is "
        "hard to say.”",
        "We hope so",
        "Harbour Minister Ray Dunmore",
    ),
    # a focus adverb before the one person of the sentence before a pronoun
    (
        "The dogs were hurt. Even Tom Rankin is giddy. “I saw my first show in 1980,” he says.",
        "I saw my first",
        "Tom Rankin",
    ),
    # "According to X," opening the sentence, no speech verb of its own, a quotation in part
    (
        "According to Tara Malkin, the agency was approached in May and the agency “felt that a review was warranted.”",
        "felt that",
        "Tara Malkin",
    ),
    # ... but not someone else's words the sentence then reports
    (
        "According to a news site, after first denying it Ray Dunmore took to a forum to write, “As you all know, "
        "I was named in public.”",
        "As you all know",
        None,
    ),
    # a verb of perception, its object, then "say"
    (
        "One man leaving the store said he heard Ray Dunmore say, “You are not going to talk to me like that.”",
        "You are not going",
        "Ray Dunmore",
    ),
    # a speech participle after the main clause, past an apposition and a quoted word
    (
        "Rep. Ted Marlow, a former judge, took to the floor and called the sentence “weak,” saying: “The punishment "
        "should be longer.”",
        "The punishment",
        "Rep. Ted Marlow",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), CUES_BEFORE)
def test_cues_before_the_marks(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


def test_a_message_s_issuer_is_who_sent_it_by_the_verb_of_the_message() -> None:
    text = (
        "On May 2, Ray Dunmore emailed the order to the paper's lawyer, Ann Petit.\n"
        "“The order is to remain confidential,” the email, obtained by the paper, said."
    )
    assert speaker_of(text, "The order is to remain") == "Ray Dunmore"
