"""Speaker error classes read on news in no gold set (issue 14, fifth pass: WCEP dev articles and Multi-News
clusters outside bench/facts_gold_news; tally in bench/NOTES.md).

Every case is a sentence written for this test, in the shape of one class: the speaker the construction
gives, or ``None`` where the text leaves it open (precision first: unknown rather than wrong).
"""

from __future__ import annotations

import pytest

from storyline.extract.people import People, bare_word, is_person_like
from storyline.extract.quotes import extract_quotes
from storyline.model import Brief
from storyline.verify import provenance_errors

from .made_up import document, speaker_of

CASES = [
    # "that" and a verb after a description's head: a relative clause, not the speaker
    (
        "A ferry line was halted on Friday. “The ferry line is suspended for now because of an operation,” the firm "
        "that runs the line told a news agency.",
        "The ferry line",
        "the firm",
    ),
    # an apposition the writer left unclosed: the name before it speaks
    (
        "Talks began on Monday. In Boston, Rabbi Tom Hale, the director of outreach at a city group called the "
        "decision “very important to the whole region.”",
        "very important",
        "Rabbi Tom Hale",
    ),
    # ... but a description after an opening phrase naming someone else is the subject
    (
        "Speaking to Tom Hale, the director said the plan was “very important to the whole region.”",
        "very important",
        "the director",
    ),
    # a possessive phrase naming a thing, not a person or a body, is no speaker: the cue after the marks is
    (
        "The team cannot date the lake. But its odd shape suggests that it formed “after the ice came, so younger "
        "than a million years,” Ann Lee, a professor at a museum, said in a statement.",
        "after the ice came",
        "Ann Lee",
    ),
    ("His lawyer said the claim was “false from start to end.”", "false from start", "His lawyer"),
    # a plural group speaking as one, with no determiner, is the subject of a cue after the marks
    (
        "The road was closed on Friday. “At noon, officers came across a group of armed men and a fight began in the "
        "park,” police said, adding that an inquiry was open.",
        "At noon, officers",
        "police",
    ),
    ("“We found nothing at the site,” state officials said.", "We found nothing", "state officials"),
    # a long title before the name, a long apposition after it
    (
        "The crash is under review, the ministry said. “This loss reminds us of the risks our soldiers face every "
        "day,” Air Force Major General Tom P Hale, director of operations in the fight against rebels in the north "
        "and the east, said.",
        "This loss reminds",
        "Air Force Major General Tom P Hale",
    ),
    # a body's name cut at its "and" is no person competing with the speaker for "he"
    (
        "“The damage is very bad,” Tom Hale, deputy chief officer of the Roads and Bridges Service, told reporters. "
        "The fire “has reached the roof,” he said.",
        "has reached the roof",
        "Tom Hale",
    ),
    # who a cue says it was told to is a listener, not someone "he" can stand for
    (
        "“The damage is very bad,” Tom Hale, an expert at a city museum, told Science Weekly. "
        "“I think they have something here,” he added.",
        "I think they have",
        "Tom Hale",
    ),
    # of several men, the one who spoke is who "he" continues; the others are met as objects
    (
        "Tom Hale, spokesman for the group, said on Saturday its members met Foreign Minister Ray Dunn and envoy Bob "
        "Price during the visit. He said they “discussed future projects such as power lines.”",
        "discussed future projects",
        "Tom Hale",
    ),
    # ... but one who speaks only in a relative clause is an object too: left open
    (
        "In it Tom Hale quotes Ray Dunn who spoke of acting “in concert”, and talks about hope. “For a couple of "
        "decades, people have sold this idea that all is well,” he said.",
        "For a couple of decades",
        None,
    ),
    # ... while a relative clause in the speaker's own apposition leaves him the subject
    (
        "Retired general Tom Hale, who advised Ray Dunn during his campaign, said the row had clouded a “remarkable” "
        "start. “This is a hitch that will be hard to get past,” he told a news agency.",
        "This is a hitch",
        "Retired general Tom Hale",
    ),
    # ... and so does a clause after a dash: its subject could be the one speaking
    (
        "The show is not aired here, other than in one hotel, Ray Dunn joked — Tom Hale took the chance to announce "
        "his bid. “I thought it would be great to cut out the middle man and tell them myself,” he joked.",
        "I thought it would",
        None,
    ),
    # a place of two names after "of" is no speaker: the person before it is
    (
        "“Just heard the sweetest voice. He is okay. Thank you all for the prayers,” Ann Lee of Athens, Georgia, "
        "tweeted after speaking with her grandson, Tom Lee, by video. “It could have been worse, so we are "
        "grateful,” she said by phone.",
        "It could have been worse",
        "Ann Lee of Athens",
    ),
    # a sentence of narration naming nobody leaves the speaker before it in view
    (
        "“We saw no plan at all,” said Ray Dunn, a professor at a college. The fact that crowds stayed on the shore "
        "shows the lessons were lost. “This points to a failure of training,” he said.",
        "This points to",
        "Ray Dunn",
    ),
    # a name qualifying a role before another name opens no clause of its own
    (
        "But the money is held “illegally” by the Office of the City Examiner, Dunn family attorney Ray Bell said "
        "on Thursday. “It is our position that they are holding it illegally,” he said.",
        "It is our position",
        "Dunn family attorney Ray Bell",
    ),
    # a capitalised role in apposition to the name: the name is the subject
    (
        "Also, Mr Tom Hale, Director General of the Water Board, said that no suspect was held there. He said "
        "an inquiry would find the cause. “Our men were attacked,” he said.",
        "Our men were attacked",
        "Mr Tom Hale",
    ),
    # "she recalls him saying": the words are his, and the text does not name him
    (
        "In one incident, Ann Lee describes an older man who came up and took her arm. “Do not lose too much weight "
        "now,” she recalls him saying.",
        "Do not lose",
        None,
    ),
    # a verb that quotes its subject's words in part: "decried", "accused … of", "praised … as"
    (
        "In his speech, Tom Hale decried “the resolution of the bloc to take the vote by any means possible,” and "
        "left the hall.",
        "the resolution of the bloc",
        "Tom Hale",
    ),
    (
        "Ann Lee, director of the party, accused Ray Dunn of “using his position to consolidate power at the core.”",
        "using his position",
        "Ann Lee",
    ),
    (
        "The mayor praised the crews as “the bravest people anyone could ever hope to meet in the city.”",
        "the bravest people",
        "The mayor",
    ),
    # ... but not the words quoted inside the object's relative clause: those are the object's
    (
        "The union also criticized the law, which widened the mandate to prosecute acts committed by “members of "
        "armed groups during the war.”",
        "members of armed groups",
        None,
    ),
    # a list's bullet is no part of the speaker
    (
        "• The ministry on Thursday demanded that both sides “clarify the reason for the delay.”",
        "clarify the",
        "The ministry",
    ),
    # "the spokesperson" is nobody the document gives another role ("producer Rich Hale")
    (
        "In an interview, producer Rich Hale accused “the very highest levels of the network” of stopping it. “There "
        "was not one single witness willing to go on the record,” the spokesperson told a paper.",
        "There was not one",
        None,
    ),
    # how long ago is no part of the subject; an administration is a body, never "she"
    (
        "With pressure from groups, two years ago the Federal Administration said it would shield more people. "
        "“We are ready for what comes next,” she says.",
        "We are ready",
        None,
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), CASES)
def test_fresh_news_constructions(text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(text, quote) == speaker


def test_a_caption_line_between_paragraphs_is_no_antecedent() -> None:
    text = (
        "Guitarist Tom Hale, 70, spent two years in the vaults.\n"
        "Image caption Lee says the band will not play again\n"
        "“I do not want to die and have someone else do it,” he says."
    )
    assert speaker_of(text, "I do not want") is None


def test_speakers_found_here_keep_their_provenance() -> None:
    docs = tuple(document(text, f"d{k}") for k, (text, _, _) in enumerate(CASES))
    quotes = extract_quotes(docs)
    by_id = {d.id: d for d in docs}
    for q in quotes:
        if q.speaker_ref is not None:
            ref = q.speaker_ref
            assert by_id[ref.doc].article.text[ref.start : ref.end] == q.speaker
    assert provenance_errors(Brief(title=None, documents=docs, summary=(), quotes=quotes)) == []


def test_a_word_keeps_its_letters_when_its_possessive_is_cut() -> None:
    # "Service" once lost its first and last letters to a strip of "'s": no body word then matched
    assert bare_word("Service,") == "Service"
    assert bare_word("Ross\u2019s") == "Ross"
    assert bare_word("States") == "States"
    assert not is_person_like("Bridges Service")
    assert is_person_like("Tom Ross")


def test_a_name_glued_to_a_closing_mark_still_makes_its_surname_known() -> None:
    doc = document("“It has been hard.”Carolina Ozwell says so. Later in court Ozwell expects the worst.")
    people = People(doc)
    assert [m.text for m in people.persons(doc.sentences[-1])] == ["Ozwell"]
