"""The parse's second reading of a quotation's speaker (storyline.extract.parse_speaker), and how it combines
with the rules': agreement keeps the rules' speaker, a disagreement keeps it too (what the tuning batches
support), and where the rules read no cue the parse names a proper noun or a pronoun subject of the speech
verb the quotation hangs on. Every sentence is written for this test."""

from __future__ import annotations

import pytest

from storyline.extract import nlp
from storyline.extract.event_parse import parsing
from storyline.extract.parse_speaker import PLACEHOLDER, frame, reading_of
from storyline.extract.quotes import extract_quotes

from .made_up import document, speaker_of

needs_spacy = pytest.mark.skipif(not nlp.spacy_available(), reason="the parse is spaCy's (the full extra)")


def test_frame_replaces_each_quotation_and_maps_offsets_back() -> None:
    text = "“We will win this fight in the courts and in the streets,” Mayor Ann Lee said, “Not later.”"
    first = (text.index("We"), text.index(",”"))
    second = (text.index("Not later"), text.index(".”") + 1)
    f = frame(text, 0, len(text), [first, second], first)
    assert f.text == f"“{PLACEHOLDER},” Mayor Ann Lee said, “{PLACEHOLDER}”"
    assert f.text[f.own[0] : f.own[1]] == PLACEHOLDER
    at = f.text.index("Ann Lee")
    for a, b, doc_at in f.anchors:
        if a <= at < b:
            assert text[doc_at + at - a : doc_at + at - a + 7] == "Ann Lee"


def test_frame_keeps_a_question_mark_of_the_words() -> None:
    text = "“Why would anyone leave now?” Ray Cole asked."
    f = frame(text, 0, len(text), [(1, text.index("?") + 1)], (1, text.index("?") + 1))
    assert f.text == f"“{PLACEHOLDER}?” Ray Cole asked."


def _reading(text: str, words: str) -> tuple[str, str] | None:
    start = text.index(words)
    r = reading_of(text, (start, start + len(words)))
    return None if r is None else (text[r.head_start : r.head_end], r.verb)


@needs_spacy
@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("“The bridge will stay shut until May,” Mayor Ann Lee said on Tuesday.", "The bridge will stay shut until May",
         ("Mayor Ann Lee", "said")),
        ("Ray Dunn, a former judge, said: “The ruling is weak and it will fail.”", "The ruling is weak",
         ("Ray Dunn", "said")),
        ("“Nobody called us,” she told reporters after the hearing.", "Nobody called us", ("she", "told")),
        ("Tom Hale acknowledged the delays and said the office was “in good shape.”", "in good shape.",
         ("Tom Hale", "said")),
    ],
)  # fmt: skip
def test_the_reading_is_the_speech_verbs_subject(text: str, words: str, expected: tuple[str, str]) -> None:
    assert _reading(text, words) == expected


@needs_spacy
def test_a_listener_is_no_reading() -> None:
    """ "X was asked": the passive subject of a speech verb is who was asked, not who spoke."""
    text = "On the radio, Dora Pike was asked whether the plan was “dead on arrival.”"
    assert _reading(text, "dead on arrival.") in (None, ("Dora Pike", "asked"))
    with_listener = "“Is the plan dead?” Dora Pike was asked on the radio."
    r = reading_of(with_listener, (1, with_listener.index("?") + 1))
    assert r is None or r.dep == "nsubjpass"


@needs_spacy
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the quotation as the object of an infinitive after the speech verb, an apposition between
        ("Already, Rep. Hal Brennick, chairman of the oversight panel, has asked the agency to provide \"all notes "
         "and recordings relating to the meeting.\"", "all notes", "Rep. Hal Brennick"),
        # a participle's quotation after a phrase with a quoted word of its own
        ("Dora Pike (R), confirmed Monday in a statement that she is “D.P.,” saying that “last spring, my mail was "
         "opened, which was followed by a smear campaign.”", "last spring", "Dora Pike"),
    ],
)  # fmt: skip
def test_the_parse_names_the_speaker_the_rules_read_no_cue_for(text: str, words: str, speaker: str) -> None:
    with parsing(False):  # a brief that loads no spaCy (--entities rules): the rules alone, as before
        assert speaker_of(text, words) is None
    assert speaker_of(text, words) == speaker


@needs_spacy
def test_a_quotation_inside_a_prepositional_phrase_is_named_by_nobody() -> None:
    """ "X is responding to the charges for “the very first time”": the words are the writer's, not X's."""
    text = (
        "The network is hyping the interview by claiming Ray Dunn is responding to the charges for “the very first "
        "time,” even though he has spoken before."
    )
    assert speaker_of(text, "the very first time") is None


@needs_spacy
def test_a_pronoun_the_parse_reads_is_resolved_as_the_rules_pronouns_are() -> None:
    text = (
        "Wendell Ames said he understood the anger, and again responded, “People can draw their own conclusions "
        "about what happened here.”"
    )
    assert speaker_of(text, "People can draw") == "Wendell Ames"


@needs_spacy
def test_agreement_and_disagreement_keep_the_rules_speaker() -> None:
    """Where the rules read a cue the parse does not overrule it: on the tuning batches every disagreement was
    the parse's error (a participle opening the sentence read as the subject, a relative clause on the wrong noun)."""
    agreed = "“We will rebuild the school by the autumn,” Principal Ann Lee said."
    assert speaker_of(agreed, "We will rebuild") == "Principal Ann Lee"
    disputed = "Outspent many times over, “we could not get on the air,” organizer Ann Lee told the paper."
    assert speaker_of(disputed, "we could not get") == "organizer Ann Lee"


@needs_spacy
def test_a_proper_name_the_parse_reads_against_the_rules_cue_leaves_the_speaker_open() -> None:
    """The rules take the noun phrase before "says" ("anchor that"), the parse the clause's subject ("Maria"): the
    speaker is left open, the rules' cue shown (precision first: neither is given)."""
    text = (
        'And Maria very early on-- being that anchor that says, "No, no, you know, if we\'ve got-- a school concert--"'
    )
    quotes = [q for q in extract_quotes([document(text)]) if q.text.startswith("No, no")]
    with parsing(False):
        alone = [q for q in extract_quotes([document(text)]) if q.text.startswith("No, no")]
    assert alone[0].speaker == "anchor that"
    assert quotes[0].speaker is None
    assert quotes[0].pronoun == "anchor that"


def test_without_the_parse_the_rules_alone_decide() -> None:
    text = "“The bridge will stay shut until May,” Mayor Ann Lee said on Tuesday."
    with parsing(False):
        assert speaker_of(text, "The bridge") == "Mayor Ann Lee"
