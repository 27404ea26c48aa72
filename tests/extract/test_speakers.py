"""Precision-first speakers: who a pronoun or an unattributed quotation is given to, and when nobody.

Every case is a sentence written for this test. A speaker the text does not make certain is
``None``, and a "he"/"she" that stayed unresolved is kept as the quotation's ``pronoun``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.extract.quotes import extract_quotes
from storyline.model import Article, Brief
from storyline.pipeline import prepare_story
from storyline.verify import provenance_errors

from .made_up import document


def _speakers(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes([document(text)])}


RESOLVED = [
    # one person, a speaker, in the sentence before: the pronoun is theirs
    (
        "Dana Cole, the city's planning director, said the bridge would close. “We have no choice,” she said.",
        "We have no choice",
        "Dana Cole",
    ),
    # a chain of pronouns, each one sentence from the last
    (
        "Omar Reyes said the harvest was late. He said the rain had not come. “We lost half the crop,” he added.",
        "We lost half the crop",
        "Omar Reyes",
    ),
    # the sentence before opens the paragraph before: still one sentence back
    (
        "Harriet Vance, who chairs the board, said the vote would be held.\n“Nobody will be left out,” she said.",
        "Nobody will be left out",
        "Harriet Vance",
    ),
    # a person named with a title is a speaker candidate even before speaking
    (
        "Judge Alma Soto read the ruling aloud. “The law is clear on this point,” she said.",
        "The law is clear on this point",
        "Judge Alma Soto",
    ),
    # a description that speaks stays a description, never a nearby name
    (
        "A hospital spokesman said two patients were treated. “Both are stable,” he said.",
        "Both are stable",
        "A hospital spokesman",
    ),
    # the one person there is a clause's subject whose gender the text tells, though no speech verb before
    (
        "Maria Solis grinned at the crowd outside the hall. “I saw my first show here when I was sixteen,” she says.",
        "I saw my first show here when I was sixteen",
        "Maria Solis",
    ),
    # the speaker of an inverted verb ("…, says X") is a speaker candidate for the pronoun after
    (
        "Recycling rates are low here, says Dora Hale, a specialist at the council. “We can do better,” she says.",
        "We can do better",
        "Dora Hale",
    ),
    # a name after a title and an organisation's words is a person; its apposition is no second person
    (
        "House Budget Committee Chairman Hal Rowe, a Kentucky Republican, said the deal was near.\n"
        "“Hopefully the Senate will act,” he told reporters.",
        "Hopefully the Senate will act",
        "House Budget Committee Chairman Hal Rowe",
    ),
    # a sentence adverb is no name ("However" once after a capitalised word is still no person)
    (
        "“Few studies exist,” said Angela Luko, a professor at the university. However, “naps may help,” she said.",
        "naps may help",
        "Angela Luko",
    ),
    # "they" takes the group that spoke
    (
        "The Ortegas said in a statement that they were grateful. “Thank you all for the help,” they added.",
        "Thank you all for the help",
        "The Ortegas",
    ),
]

UNRESOLVED = [
    # the person before is an object: "asked Peter Cook" is no speaker
    ("The reporter asked Peter Cook about the plan. “It will work,” he said.", "It will work", "he"),
    # another person between the speaker and the pronoun
    (
        "Tom Reid said the bridge would close, and Mayor Paul Hart visited the site on Monday. "
        "“We have no choice,” he said.",
        "We have no choice",
        "he",
    ),
    # two candidates in the window: ambiguous
    (
        "Sam Ortiz and Lee Grant spoke to reporters. Grant said the talks were over, and Ortiz said they were not. "
        "“It is far from finished,” he said.",
        "It is far from finished",
        "he",
    ),
    # the speaker is two sentences back, past narration
    (
        "Nina Falk said the school would reopen. The roof was repaired in May. The windows came later. "
        "“The children can come back,” she said.",
        "The children can come back",
        "she",
    ),
    # gender rules out the only person: a woman for "he"
    ("Ms. Irene Stahl said the plan was sound. “It will save money,” he said.", "It will save money", "he"),
    # a capitalised word opening a sentence is no subject to resolve to
    (
        "Twenty-four hours later there was still no water. “I was bound and determined,” she said.",
        "I was bound and determined",
        "she",
    ),
    # "we" and "I" in reported text are never resolved
    ("Carl Dunn said the firm would grow. “We will hire fifty people,” we said.", "We will hire fifty people", "we"),
    # a passive "were told" names the listener, never the speaker
    ("Carl Dunn said the firm would grow. “We will hire fifty people,” staff were told.", None, None),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), RESOLVED, ids=[f"resolved{i}" for i in range(len(RESOLVED))])
def test_pronoun_resolves_when_unambiguous(text: str, quote: str, speaker: str) -> None:
    assert _speakers(text)[quote] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "pronoun"), UNRESOLVED, ids=[f"unresolved{i}" for i in range(len(UNRESOLVED))]
)
def test_pronoun_left_unresolved_when_in_doubt(text: str, quote: str | None, pronoun: str | None) -> None:
    quotes = extract_quotes([document(text)])
    if quote is None:
        assert all(q.speaker is None or q.speaker == "Carl Dunn" for q in quotes)
        return
    (found,) = [q for q in quotes if q.text == quote]
    assert found.speaker is None and found.speaker_ref is None
    assert found.pronoun == pronoun


SCRAPS = [
    # a clause before the verb is no speaker
    ("It comes as the countries said “the port will be rebuilt together by spring”.", None),
    # ... but a name after a speech verb inside it is the subject of the clause it embeds without "that"
    ("On the tape court papers say Ivo Marsh told “the whole story to the guard that night”.", "Ivo Marsh"),
    # a description in apposition is dropped for the name before it
    ("Ivo Marsh, the county's chief engineer, said the dam was “safe for another fifty years”.", "Ivo Marsh"),
    # a dash after the marks names the speaker
    ("“We never expected to win this one.” — Ann Lee, on the night of the count", "Ann Lee"),
    # the subject of the last clause, not the words before it
    (
        "A faulty caption made it look as if he himself said that “the bridge had been closed for good”.",
        None,
    ),
    # initials inside a name after the verb
    ("“It is a fantastic find,” said Oliver J. T. Grady, who led the dig.", "Oliver J. T. Grady"),
    # "told X": X is the listener, never the speaker
    ("Another man, a driver, spoke to the paper. “We waited all night for the ferry,” told the paper.", None),
    # a party and state tag is an apposition
    ("Rep. Ann Lee, R-Texas, the panel's chair, said the bill was “dead on arrival in the Senate”.", "Rep. Ann Lee"),
    # a clause going on before the cue is no subject; "according to" names the speaker after it
    (
        "Soldiers were seen to “join the marchers in the square” and leave their posts, the radio reported.",
        "the radio",
    ),
    (
        "The suspect had “many tense meetings with the staff” at the clinic, according to Sheriff Ray Cole.",
        "Sheriff Ray Cole",
    ),
    # an auxiliary or a pronoun with more words is a clause, not a speaker
    ("Few noticed, had the mayor not tweeted back, “Thanks for the kind support, friends.”", None),
    # a description next to a name stays the description
    (
        "“The pumps failed at dawn,” a utility spokeswoman said, standing beside Mayor Rosa Tran.",
        "a utility spokeswoman",
    ),
]

# Error classes read on unannotated news text (bench/NOTES.md, "Quotation speakers on unannotated news").
SPEAKER_TEXT = [
    # an abbreviated title keeps its name after an inverted verb
    ("“The review is under way,” said Mr. Okafor, 41.", "Mr. Okafor"),
    # a description before the name in apposition gives the name
    ("“We will appeal the ruling,” says her lawyer, Dana Whit.", "Dana Whit"),
    # where and when it was said is not part of the speaker
    ("“It is a good day for the town,” said Rep. Lena Park outside the chamber on Tuesday night.", "Rep. Lena Park"),
    ("“She was my dearest friend,” said Cruz in a statement.", "Cruz"),
    # the brackets of an aside are not part of the speaker
    ("(“Have the trains started running again?” asks Hank.)", "Hank"),
    # a comma clause between the marks and the verb: the speaker is after the verb
    (
        "“The primary would have been hard,” both left and right, says Ira Bloch at the Ledger.",
        "Ira Bloch at the Ledger",
    ),
    # a quantifier with an auxiliary is a clause going on, not a speaker
    ("Some have even claimed that the fix made it worse: “The update drained the battery in an hour.”", None),
    # an adverb after the subject, a relative pronoun's antecedent, a heading in capitals
    ("“The market has never been higher,” the president proudly stated.", "the president"),
    ("Mr. Dale sent a message quoting radio host Ines Moreau who said “the reform is a failure”.", "Ines Moreau"),
    (
        "TALKS STALL - Omar Reyes of the union said, “Nobody is coming back to the table this week.”",
        "Omar Reyes of the union",
    ),
    # "you" in a transcript is nobody's name; a bare determiner names nobody
    ("Well, you say to the banks, “You have no right to a certain profit from your customers.”", None),
    # an opening participle phrase and a time are no speakers
    ("The party's campaign “Pledge to Voters” last year said “we will end the practice of packaging bills”.", None),
    # present-tense speech verbs of features
    ("“Nobody expected the river to rise that fast,” Bernt Olson recalls.", "Bernt Olson"),
    ("“The archive is the real treasure here,” Tove Berg points out.", "Tove Berg"),
]


@pytest.mark.parametrize(("text", "speaker"), SPEAKER_TEXT, ids=[f"text{i}" for i in range(len(SPEAKER_TEXT))])
def test_speaker_text_is_the_noun_phrase(text: str, speaker: str | None) -> None:
    (quote,) = extract_quotes([document(text)])
    assert quote.speaker == speaker


def test_relative_pronoun_after_a_comma_gives_its_antecedent() -> None:
    text = "“Do you talk about politics?” Ray Cole asked Ivo Petrov, who replied, “We talk about it all the time.”"
    assert _speakers(text) == {
        "Do you talk about politics?": "Ray Cole",
        "We talk about it all the time.": "Ivo Petrov",
    }


def test_transcript_label_is_the_speaker_when_the_document_names_them() -> None:
    text = "That is according to the director, Ann Hale, who said:\nHALE: “It had to be sent around to everyone.”"
    assert _speakers(text) == {"It had to be sent around to everyone.": "HALE"}
    assert _speakers("UPDATE: “It had to be sent around to everyone.”") == {
        "It had to be sent around to everyone.": None
    }


def test_possessive_name_is_no_antecedent() -> None:
    """ "Trump's team rejected …" does not make "Trump's" a subject of unknown gender for "she"."""
    text = (
        "Voss’s legal team rejected the conditions, although Voss said Friday that he had not ruled it out.\n"
        "Asked about the letter written by her husband, lawyer Ian Hale, in which he argued against it, "
        "she said: “Spouses disagree.”"
    )
    (quote,) = extract_quotes([document(text)])
    assert quote.speaker is None and quote.pronoun == "she"


def test_paragraph_continuation_needs_one_reporter() -> None:
    text = (
        "Sheriff Ada Cole told reporters that the case was closed, but said it could reopen, the Ledger reports.\n"
        "“I am sure we will be visiting her again.”"
    )
    assert _speakers(text) == {"I am sure we will be visiting her again.": None}


MAIN_CLAUSE = [
    # a speech participle after a comma has the sentence's subject
    (
        "At the time, the governor mocked the ruling online, writing that it “put the whole state in danger.”",
        "the governor",
    ),
    (
        "Ana Ruiz was the keynote speaker at the gala of the league, which had backed her, "
        "telling the crowd that the reform “is going nowhere while I am here.”",
        "Ana Ruiz",
    ),
    # a colon right after the main clause: its subject
    ("Rick Dorn was not convinced: “The plan costs far too much and does far too little.”", "Rick Dorn"),
    # a colon after another clause is not the subject's
    (
        "The mayor signed it Tuesday, a day after a rally at city hall, with one banner reading: "
        "“Sign the bill or leave the office.”",
        None,
    ),
    # a word opening the sentence is no name
    ("Lyrics include: “I never wanted to be alone in this town.”", None),
    # a speech verb inside a subordinate clause is not the quotation's cue
    (
        "Before Tom Vale announced his decision to retire, a leading lawyer penned an article arguing "
        "that he had “lost all the power of his office.”",
        None,
    ),
]


@pytest.mark.parametrize(("text", "speaker"), MAIN_CLAUSE, ids=[f"main{i}" for i in range(len(MAIN_CLAUSE))])
def test_main_clause_subject_speaks_after_colon_or_participle(text: str, speaker: str | None) -> None:
    (quote,) = extract_quotes([document(text)])
    assert quote.speaker == speaker


NOT_SPEECH = [
    # labels and titles of works are no quotations, nor the ones listed after them
    "Police said she kept notes labeled “Things we can do,” “Places we can go” and “When we can leave.”",
    "Ann Boyd, author of the book “Winning and Losing Money in Five Years,” says most winners spend it all.",
    # a short passage used as a word of the sentence: the cue after it is the sentence's own
    "Investigators probing the death of “Top Gun” director Tony Scott said they still did not know why.",
    # a short term far from a clause ending the sentence
    "The complex has a “chronic problem” with its lifts, according to city records.",
]


@pytest.mark.parametrize("text", NOT_SPEECH, ids=[f"notspeech{i}" for i in range(len(NOT_SPEECH))])
def test_titles_labels_and_terms_are_not_quotations(text: str) -> None:
    assert extract_quotes([document(text)]) == ()


def test_split_quote_with_the_speaker_after_the_verb() -> None:
    text = "“We heard you loud and clear,” said Ben Kaye, “and we are bringing the old model back.”"
    assert set(_speakers(text).values()) == {"Ben Kaye"}


def test_split_quote_past_a_relative_clause_is_not_the_speakers() -> None:
    text = (
        "“The coast is unique,” says Ada Lind, who points to a 2010 study which, "
        "“found that most of the cats south of the ridge are black.”"
    )
    assert _speakers(text) == {
        "The coast is unique": "Ada Lind",
        "found that most of the cats south of the ridge are black.": None,
    }


@pytest.mark.parametrize(("text", "speaker"), SCRAPS, ids=[f"scrap{i}" for i in range(len(SCRAPS))])
def test_sentence_scraps_and_descriptions(text: str, speaker: str | None) -> None:
    (quote,) = extract_quotes([document(text)])
    assert quote.speaker == speaker


CONTINUATION = [
    # an unattributed quotation right after an attributed one, nobody between: the same speaker
    (
        "“The dam held,” said Ruth Amos, an engineer with the county. “We were lucky this time.”",
        {"The dam held": "Ruth Amos", "We were lucky this time.": "Ruth Amos"},
    ),
    # someone else named between: no continuation
    (
        "“The dam held,” Ruth Amos said. Governor Al Price flew over the valley later. “We were lucky this time.”",
        {"The dam held": "Ruth Amos", "We were lucky this time.": None},
    ),
    # a quoted fragment inside narration continues nobody
    (
        "“The dam held,” Ruth Amos said. By noon the crews found “minor cracks along the spillway wall”.",
        {"The dam held": "Ruth Amos", "minor cracks along the spillway wall": None},
    ),
    # words after the marks that the rules do not read as an attribution: no continuation
    (
        "“The dam held,” Ruth Amos said.\n“The valley owes its farms to it,” blasted the council's critic.",
        {"The dam held": "Ruth Amos", "The valley owes its farms to it": None},
    ),
    # mixed marks still pair: a straight opener closed by a curly one
    (
        '"The dam held,” Ruth Amos said. “We were lucky this time around."',
        {"The dam held": "Ruth Amos", "We were lucky this time around.": "Ruth Amos"},
    ),
    # a partial quote whose verb belongs to another clause: the cue after it wins
    (
        "While the board insists on a vote, “the deal must be signed this week,” the chairman was quoted as saying.",
        {"the deal must be signed this week": "the chairman"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONTINUATION, ids=[f"cont{i}" for i in range(len(CONTINUATION))])
def test_continuation(text: str, expected: dict[str, str | None]) -> None:
    assert _speakers(text) == expected


def test_same_words_two_speakers_are_two_items() -> None:
    a = document("“We will not give up,” said Lena Ruiz, the union leader.", "a")
    b = document("“We will not give up,” said Victor Hale, the company's chief.", "b")
    quotes = extract_quotes([a, b])
    assert [(q.speaker, [r.doc for r in q.support]) for q in quotes] == [("Lena Ruiz", ["a"]), ("Victor Hale", ["b"])]


def test_same_words_agreeing_speakers_are_one_item() -> None:
    a = document("“We will not give up,” said Lena Ruiz, the union leader.", "a")
    b = document("Union leader Lena Ruiz spoke at the gate. “We will not give up,” Ruiz said.", "b")
    (quote,) = extract_quotes([a, b])
    assert quote.speaker == "Lena Ruiz" and [r.doc for r in quote.support] == ["a", "b"]


def test_speaker_ref_is_the_speaker_span() -> None:
    doc = document("Officials met on Friday. “The roads are open again,” Deputy Mayor Ann Lee told the radio.")
    (quote,) = extract_quotes([doc])
    ref = quote.speaker_ref
    assert ref is not None and quote.speaker == "Deputy Mayor Ann Lee"
    assert doc.article.text[ref.start : ref.end] == quote.speaker
    assert doc.sentences[ref.sentence].start <= ref.start < ref.end <= doc.sentences[ref.sentence].end


# --- property: every Ref, the speakers' included, is exact ---------------------------------------

_NAMES = ["Ann Lee", "Tom Hale", "the mayor", "A police spokesman", "Dr. Ivo Marsh", "Ms. Rosa Tran"]
_CLAUSES = [
    "“{q},” {n} said.",
    "{n} said: “{q}”",
    "“{q},” he said.",
    "“{q},” she added.",
    "{n} said the plan was “{q}”.",
    "According to {n}, “{q}.”",
    "The crews worked all night.",
    "{n} met the council on Monday.",
    "“{q}.”",
]
_WORDS = ["we", "will", "rebuild", "the", "bridge", "soon", "nobody", "was", "hurt", "today"]


def _key(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .,;:!?")


@st.composite
def _articles(draw: st.DrawFn) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 4))):
            template = draw(st.sampled_from(_CLAUSES))
            words = draw(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8))
            sentences.append(template.format(q=" ".join(words).capitalize(), n=draw(st.sampled_from(_NAMES))))
        paragraphs.append(" ".join(sentences))
    return "\n".join(paragraphs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_articles(), min_size=1, max_size=3))
def test_every_ref_is_exact(texts: list[str]) -> None:
    from storyline.model import Corpus

    story = prepare_story(Corpus(tuple(Article(id=f"d{i}", text=t) for i, t in enumerate(texts))))
    quotes = extract_quotes(story.documents, story.items)
    brief = Brief(title=None, documents=story.documents, summary=(), quotes=quotes)
    assert provenance_errors(brief) == []
    documents = {d.id: d for d in story.documents}
    for q in quotes:
        first, *others = q.support
        assert documents[first.doc].article.text[first.start : first.end] == q.text
        for ref in others:  # the same words, up to case, quote marks and final punctuation
            assert _key(documents[ref.doc].article.text[ref.start : ref.end]) == _key(q.text)
        if q.speaker is not None:
            assert q.speaker_ref is not None and q.pronoun is None
            doc = documents[q.speaker_ref.doc]
            assert doc.article.text[q.speaker_ref.start : q.speaker_ref.end] == q.speaker
            assert q.speaker.lower() not in {"he", "she", "they", "it", "i", "we"}


def test_cue_after_a_question_the_splitter_cut_off() -> None:
    text = "Phil Dunn said again, “It's gone viral.”\n“In a good way or a bad way?” Mike Dunn asked."
    assert _speakers(text)["In a good way or a bad way?"] == "Mike Dunn"


def test_a_prepositional_phrase_after_the_marks_is_no_speaker() -> None:
    text = (
        "A male colleague told her, “Good thing you're working out!” On another occasion, she writes, "
        "a senator squeezed her arm."
    )
    assert _speakers(text)["Good thing you're working out!"] == "A male colleague"


def test_title_in_the_subjects_apposition_keeps_the_subject_a_speaker() -> None:
    text = (
        "Dan Moy, author of the book “Winning and Losing It All,” says most winners spend it fast. "
        "“It's too much, too soon,” he says."
    )
    assert _speakers(text) == {"It's too much, too soon": "Dan Moy"}


def test_a_colon_ending_the_paragraph_before_gives_its_subject() -> None:
    text = "Rhoda Vance, among many others, vented on the company's page:\n“My sister bought the new machine in May.”"
    assert _speakers(text) == {"My sister bought the new machine in May.": "Rhoda Vance"}


def test_inverted_subject_before_a_paper_and_the_main_clause_subject_with_its_role() -> None:
    text = "Extrapolating from these cases, the risk was low, wrote Ada Moll in a paper. “It is very small,” she wrote."
    assert _speakers(text) == {"It is very small": "Ada Moll"}
    text = "Council spokeswoman Cara Hale later clarified that: “We do not use it to give companies an advantage.”"
    assert _speakers(text) == {"We do not use it to give companies an advantage.": "Council spokeswoman Cara Hale"}
