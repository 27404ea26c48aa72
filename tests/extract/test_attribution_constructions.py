"""Attribution constructions read on unannotated news and on new gold articles (issue 14, fourth pass).

Every case is a sentence written for this test, in the shape of an error class counted in
bench/NOTES.md: the speaker the construction gives, or ``None`` where the text leaves it open.
"""

from __future__ import annotations

import pytest

from storyline.extract.quotes import extract_quotes
from storyline.verify import provenance_errors

from .made_up import document, speaker_of

CASES = [
    # "it" stands for a body, never for a person
    ("Ann Lee spoke first at the hearing. “We are ready for the storm,” it said.", "We are ready", None),
    # a cue right after the marks outranks the subject before a colon ("It would take ...:")
    (
        "It would take a stubborn person to call that a failure: “The plan worked well,” wrote economist Ray Dunn.",
        "The plan worked",
        "economist Ray Dunn",
    ),
    # a verb right before the next quotation is that quotation's cue, not this one's
    (
        "The group liked the idea of “fixing every road first” by raising money, funding what Ray Dunn called "
        "“the quiet repair.”",
        "fixing every road",
        None,
    ),
    # "In 2015, when X wrote ..., he ...": the verb of a subordinate clause past an opening phrase
    (
        "In 2015, when the Daily Ledger wrote about the merger, he issued a short statement: “I have nothing to add "
        "to it.”",
        "I have nothing",
        None,
    ),
    # a speech participle after a coordinated clause: the verb before it is another clause's
    (
        "No officials have said the deal is off, and in a memo the mayor appears to concede it, writing “the deal "
        "cannot go ahead this year.”",
        "the deal cannot",
        None,
    ),
    # a phrase opening with a preposition is no speaker
    (
        'He resigned over the "excessive use of force" against protesters and diplomats at the mission called for '
        '"a full and open inquiry into the shooting".',
        "a full and open",
        None,
    ),
    # a place's name after a comma continues the place, not the speaker
    (
        "Ray Dunn, a researcher at the institute in Geneva, Switzerland, told a radio station that crews were "
        "“working through the night to save the bridge”.",
        "working through",
        "Ray Dunn",
    ),
    # two quotations back to back: the cue after the second one is its own
    (
        'In her letter, Ann Lee wrote, "I am leaving the post today.""It has been a long time coming," Ray Dunn said.',
        "It has been",
        "Ray Dunn",
    ),
    # a sentence glued to the marks: the verb of the sentence before is not the quotation's
    (
        'She wrote a letter to the board."We can now move on with the work," Mayor Ray Dunn said.',
        "We can",
        "Mayor Ray Dunn",
    ),
    # a free-choice pronoun names nobody
    ("Anyone who asked “what were you thinking when you left the gate open?” was told to leave.", "what were", None),
    # a name, then an apposition too long for the short cue rule, then the verb
    (
        "“It is a big find for the field,” Ann Lee, a geologist at the state university who was not part of the "
        "team, told the paper. “We will learn a lot from it.”",
        "We will learn",
        "Ann Lee",
    ),
    # the quotation after a reported question is its answer, someone else's words
    (
        "Ray Dunn asked the family whether the move had been hard.\n"
        "“We would say it made us stronger as a group of people.”",
        "We would say",
        None,
    ),
    # a poll's share is no speaker to continue
    (
        "In the survey, 93 percent of voters said they disliked the plan.\n"
        "“If they read it again, they would change their minds about it.”",
        "If they read",
        None,
    ),
    # two apostrophes close a straight quotation
    (
        '"We did not have a big plan,\'\' Ann Lee told the station. "It just kind of happened over the years."',
        "It just kind",
        "Ann Lee",
    ),
    # a quotation naming the person in the third person does not continue that person
    ("Ray Dunn said the tapes were real.\n“Ann Lee played Dunn the tape of the meeting that night.”", "Ann Lee", None),
    # ... but a body names itself in its own statement
    (
        "The Riverside Police Department, where she trained, released the following statement:\n"
        '"The Riverside Police Department is saddened by the loss of one of its officers."',
        "The Riverside",
        "The Riverside Police Department",
    ),
    # a curly opener closed by a straight mark, a straight opener after the cue
    (
        '“I think the town will recover from this," Ray Dunn said. "It has happened before, and we rebuilt.”',
        "It has happened",
        "Ray Dunn",
    ),
    # a verb of manner in -ed right after the marks, a name after it
    (
        "“This plan trades our parks for parking lots, and I will not support it,” ripped Rep. Ann Lee, before "
        "the vote.",
        "This plan",
        "Rep. Ann Lee",
    ),
    # a coordinated speech verb has the sentence's subject
    (
        "Still, Ann Lee acknowledged the delays and said the office was “working hard to fix every one of them.”",
        "working hard",
        "Ann Lee",
    ),
    # the subject of a clause embedded with no "that" is the speech verb's own
    ("The indictment shows he also said, “I did my part and then went home to sleep.”", "I did my part", None),
    # a contracted auxiliary makes a clause, not a speaker
    ("Now what they'll say is, “He has not been able to get it done in time.”", "He has not", None),
    # "in what X has called": X
    (
        "He gave money to dozens of groups in what Ray Dunn has called “an extreme example of giving to causes.”",
        "an extreme",
        "Ray Dunn",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_construction_gives_its_speaker(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


def test_coordinated_verb_after_another_clause_is_not_the_first_subjects() -> None:
    text = "Ray Dunn told colleagues, and, by one account, Ann Lee called Dunn and said, “You are wrong about me.”"
    assert speaker_of(text, "You are wrong") != "Ray Dunn"


def test_definite_description_resolves_to_the_one_person_given_that_role() -> None:
    text = (
        "Ann Lee, a lawyer for the family, met the couple at a cafe. Ray Dunn met them too.\n"
        "Later, they talked again. “Do not go to court on Monday,” the lawyer said."
    )
    assert speaker_of(text, "Do not go") == "Lee"


def test_definite_description_with_no_antecedent_is_shown_not_given() -> None:
    text = (
        "Ann Lee met the couple with Ray Dunn at a cafe on the corner.\n"
        "Later, they talked again. “Do not go to court on Monday,” the lawyer said."
    )
    (quote,) = extract_quotes([document(text)])
    assert quote.speaker is None
    assert quote.pronoun == "the lawyer"


def test_unattributed_copy_of_words_two_documents_give_to_two_speakers_stays_unknown() -> None:
    docs = [
        document("“We will rebuild the bridge by spring,” said Ann Lee.", "a"),
        document("“We will rebuild the bridge by spring,” Ray Dunn said.", "b"),
        document("Crews arrived early.\n“We will rebuild the bridge by spring.”", "c"),
    ]
    quotes = extract_quotes(docs)
    by_doc = {r.doc: q.speaker for q in quotes for r in q.support}
    assert by_doc == {"a": "Ann Lee", "b": "Ray Dunn", "c": None}
    texts = {d.id: d.article.text for d in docs}
    for q in quotes:
        ref = q.support[0]
        assert texts[ref.doc][ref.start : ref.end] == q.text


def test_unattributed_copy_of_uncontested_words_takes_the_one_speaker() -> None:
    docs = [
        document("“We will rebuild the bridge by spring,” said Ann Lee.", "a"),
        document("Crews arrived early.\n“We will rebuild the bridge by spring.”", "c"),
    ]
    (quote,) = extract_quotes(docs)
    assert quote.speaker == "Ann Lee"
    assert {r.doc for r in quote.support} == {"a", "c"}


def test_new_constructions_keep_every_ref_exact() -> None:
    from storyline.model import Brief

    docs = tuple(document(text, f"d{i}") for i, (text, _, _) in enumerate(CASES))
    brief = Brief(title=None, documents=docs, summary=(), quotes=extract_quotes(docs))
    assert provenance_errors(brief) == []


def test_a_day_after_an_inverted_verb_is_no_speaker() -> None:
    text = "“He made his work affordable to all,” Ray Dunn, head of The Dunn Co., said Monday."
    assert speaker_of(text, "He made") == "Ray Dunn"


def test_a_possessive_description_gives_the_name_in_apposition() -> None:
    text = "“The day will be marked in private reflection,” said the town's highest official, First Selectman Ann Lee."
    assert speaker_of(text, "The day will") == "First Selectman Ann Lee"


def test_pronoun_after_a_resolved_description_is_the_same_person() -> None:
    text = (
        "Mayor Ann Lee spoke at the opening with Ray Dunn and Tom Hale.\n"
        "At the event, the mayor said, “This is about the children of this city and their safety.” "
        "Her voice rising, she continued, “Stay away from the children of this city!”"
    )
    assert speaker_of(text, "Stay away") == "Lee"


def test_one_of_several_role_holders_named_just_before() -> None:
    text = (
        "Prime Minister Ann Lee spoke on Monday. Interior Minister Ray Dunn gave the details later.\n"
        "The plans were clear, said Mr Dunn. “Weapons and maps were found in the car,” the minister added."
    )
    # "the minister" is the one who spoke in the sentence before (a description of no gender agrees with a man)
    assert speaker_of(text, "Weapons and maps") == "Mr Dunn"


LATER = [
    # speech that was not said: a modal before the verb
    ("It was a simple question to which Ray Dunn might have answered, “Not being the one to blame.”", None),
    # the antecedent of "who" past a description in apposition
    (
        "Ann Lee is a close ally of Ray Dunn, the governor of the state, who described her as “my public relations "
        "guru and friend”.",
        "Ray Dunn",
    ),
    # a description opening the subject, the name in apposition
    ("One of the founders of the bakery, Ann Lee, said: “The cups taste good and smell good too.”", "Ann Lee"),
    # a quantifier's share of a group names nobody
    ("I think that many of them say, “Well, you are a hypocrite about all of this.”", None),
    # "an opening for teachers" is no second person beside the one who spoke
    (
        "Ray Dunn said the rules could be an opening for teachers to teach their own views.\n"
        "“It opens the door for teaching a false debate,” he said.",
        "Ray Dunn",
    ),
    # a verb of recollection reports the person's words
    ("His mother, Ann Lee, remembers that day. “We were so proud of him and of the invention.”", "Ann Lee"),
]


@pytest.mark.parametrize(("text", "speaker"), LATER, ids=[f"later{i}" for i in range(len(LATER))])
def test_later_constructions(text: str, speaker: str | None) -> None:
    quotes = extract_quotes([document(text)])
    assert quotes[-1].speaker == speaker


def test_role_holder_outside_a_window_that_names_someone_else_leaves_the_description_open() -> None:
    text = (
        "Ann Lee, a lawyer for the family, met the couple.\n"
        "Later, Ray Dunn talked to them again. “Do not go to court on Monday,” the lawyer said."
    )
    (quote,) = extract_quotes([document(text)])
    assert (quote.speaker, quote.pronoun) == (None, "the lawyer")
