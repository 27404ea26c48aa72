"""Sentence splitting: news abbreviations, quotations, paragraphs and exact offsets."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article
from storyline.text import sentences as sentences_module
from storyline.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(Article(id="a", text=text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. ambassador to the U.N. spoke on Monday. Rebels left.",
            ["The U.S. ambassador to the U.N. spoke on Monday.", "Rebels left."],
            id="U.S.-and-U.N.",
        ),
        pytest.param(
            "However, the rebels refused. Col. Abo Bakr, a Free Syrian Army representative, said a deal was agreed.",
            [
                "However, the rebels refused.",
                "Col. Abo Bakr, a Free Syrian Army representative, said a deal was agreed.",
            ],
            id="Col.",
        ),
        pytest.param(
            "Brig. Gen. Zeid al-Saleh told state TV that rebels must leave Aleppo or face death. Talks fell apart.",
            [
                "Brig. Gen. Zeid al-Saleh told state TV that rebels must leave Aleppo or face death.",
                "Talks fell apart.",
            ],
            id="Brig.-Gen.",
        ),
        pytest.param(
            "The army advanced on Dec. 2, 2016 into the old city. Shelling went on.",
            ["The army advanced on Dec. 2, 2016 into the old city.", "Shelling went on."],
            id="Dec.-2,-2016",
        ),
        pytest.param(
            "Fighting resumed on Dec. 2, 2016. The army advanced.",
            ["Fighting resumed on Dec. 2, 2016.", "The army advanced."],
            id="sentence-ending-in-a-date",
        ),
        pytest.param(
            "On Thursday, activists said bombings took place. “It does not end until all terrorists have been "
            "completely eliminated. and we will continue the war against them”.",
            [
                "On Thursday, activists said bombings took place.",
                "“It does not end until all terrorists have been completely eliminated. and we will continue the war "
                "against them”.",
            ],
            id="lowercase-continuation-inside-a-quote",
        ),
        pytest.param(
            '"The areas of Old Aleppo will be threatened to a great degree," the official said. '
            '"It is scorched earth."',
            [
                '"The areas of Old Aleppo will be threatened to a great degree," the official said.',
                '"It is scorched earth."',
            ],
            id="straight-quotes-ending-a-sentence",
        ),
        pytest.param(
            "“The areas of Old Aleppo will be threatened,” the official said. “It is scorched earth.”",
            ["“The areas of Old Aleppo will be threatened,” the official said.", "“It is scorched earth.”"],
            id="curly-quotes-ending-a-sentence",
        ),
        pytest.param(
            "“We will stay. We will not leave our city”, the commander said. Aid was blocked.",
            ["“We will stay. We will not leave our city”, the commander said.", "Aid was blocked."],
            id="curly-quote-spanning-two-sentences",
        ),
        pytest.param(
            '"We will stay. We will not leave our city," the commander said. Aid was blocked.',
            ['"We will stay. We will not leave our city," the commander said.', "Aid was blocked."],
            id="straight-quote-spanning-two-sentences",
        ),
        pytest.param(
            "“What more could we want?” he added. Nobody answered!",
            ["“What more could we want?” he added.", "Nobody answered!"],
            id="question-inside-a-quote",
        ),
        pytest.param(
            "“We will fight. We will win.",
            ["“We will fight.", "We will win."],
            id="quote-continuing-in-the-next-paragraph",
        ),
        pytest.param(
            "Mr. Smith met Dr. Jones at 5 p.m. on Friday. They talked.",
            ["Mr. Smith met Dr. Jones at 5 p.m. on Friday.", "They talked."],
            id="titles-and-p.m.",
        ),
        pytest.param(
            "Prices rose 4.5 percent in 2016. Wages did not.",
            ["Prices rose 4.5 percent in 2016.", "Wages did not."],
            id="decimal-number",
        ),
        pytest.param(
            "The graffiti reads: 'Aleppo is tired mother...19/10/2016 and we still want freedom.' "
            "REUTERS/Abdalrhman Ismail |",
            [
                "The graffiti reads: 'Aleppo is tired mother...19/10/2016 and we still want freedom.'",
                "REUTERS/Abdalrhman Ismail |",
            ],
            id="caption-and-credit",
        ),
        pytest.param("  Aleppo  fell.   Again.  ", ["Aleppo  fell.", "Again."], id="surrounding-whitespace-stripped"),
    ],
)
def test_news_sentences_are_split_where_a_reader_would(text, expected):
    assert _texts(text) == expected


def test_a_quotation_cut_in_two_by_pysbd_is_joined_back(monkeypatch):
    # Stand-in for pysbd cutting inside the quotation, before "We fight".
    monkeypatch.setattr(sentences_module, "_pysbd_cuts", lambda piece: (piece.index("We fight"),))
    assert _texts("Col. Smith said “we stay. We fight” on Monday. Talks failed.") == [
        "Col. Smith said “we stay. We fight” on Monday.",
        "Talks failed.",
    ]


def test_sentences_never_cross_paragraphs_and_paragraphs_count_non_blank_lines():
    sentences = split_sentences(
        Article(id="a", text="First paragraph without a period\n\n  \nSecond one. Third one here.\r\nLast")
    )
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("First paragraph without a period", 0),
        ("Second one.", 1),
        ("Third one here.", 1),
        ("Last", 2),
    ]


def test_headline_before_body_start_is_not_a_sentence():
    article = Article(id="a", text="Big headline\nThe body starts here. It goes on.", body_start=13)
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == ["The body starts here.", "It goes on."]
    assert (sentences[0].start, sentences[0].index, sentences[0].paragraph) == (13, 0, 0)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t"])
def test_empty_bodies_have_no_sentences(text):
    assert split_sentences(Article(id="a", text=text)) == ()


def test_seed_sentences_have_exact_offsets(seed_documents):
    for document in seed_documents:
        assert document.sentences
        for n, s in enumerate(document.sentences):
            assert (s.index, s.doc_id) == (n, document.id)
            assert document.article.text[s.start : s.end] == s.text
            assert s.start >= document.article.body_start


def test_seed_paragraphs_split_as_pysbd_does(seed_paragraphs):
    """The regex fast path only takes boundaries pysbd agrees with (on the example cluster)."""
    segmenter = sentences_module._segmenter()
    for line in seed_paragraphs:
        expected = [s.strip() for s in segmenter.segment(line) if s.strip()]
        assert [line[a:b] for a, b in sentences_module.split_paragraph(line)] == expected


def test_pysbd_segments_are_found_as_pysbd_finds_them(seed_paragraphs):
    """``_segments`` replaces pysbd's per-sentence regex search by ``str.find``: the same strings."""
    segmenter = sentences_module._segmenter()
    repeated = ["Gen. Lee left. Gen. Lee left.  Gen. Lee left.\t", "a.. b... c. ", "“Yes.” He said. “Yes.” "]
    for piece in [*seed_paragraphs, *repeated]:
        assert sentences_module._segments(piece) == segmenter.segment(piece)


@settings(max_examples=300, deadline=None)
@given(piece=st.text(alphabet=st.sampled_from(list("ab. ?!\t\u00a0\u2029”“Mr")), min_size=1, max_size=40))
def test_pysbd_segments_match_pysbd_on_any_text(piece):
    assert sentences_module._segments(piece) == sentences_module._segmenter().segment(piece)


_JUNK = st.sampled_from(
    [
        "",
        "   ",
        "\n",
        "\n\n",
        "\r\n",
        " \t",
        "ü ß 中文 — … ",
        "“",
        "”",
        '"',
        "' ",
        ". . .",
        "U.S.",
        "Dec. 4 was cold!",
        "What now?",
        "|",
        "\u2028",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_span_is_exact_ordered_and_inside_the_body(seed_paragraphs, data):
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(seed_paragraphs), _JUNK, st.text(max_size=40)), max_size=14))
    text = data.draw(st.sampled_from(["", " ", "\n"])).join(pieces)
    body_start = data.draw(st.integers(0, len(text)))
    sentences = split_sentences(Article(id="x", text=text, body_start=body_start))
    previous_end, previous_paragraph = body_start, 0
    for n, s in enumerate(sentences):
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert not any(c in s.text for c in "\n\r\u2028")
        assert previous_end <= s.start < s.end <= len(text)
        assert s.index == n and s.paragraph >= previous_paragraph
        previous_end, previous_paragraph = s.end, s.paragraph


# Issue 11: input a news sentence never looks like. Each split is linear in the line's length
# (bench/hostile.py times it); here the cuts themselves are pinned.
@pytest.mark.parametrize(
    "line",
    [
        pytest.param("x" * 25_000, id="one-long-token"),
        pytest.param("word " * 5_000, id="long-line-without-a-period"),
        pytest.param("a." * 12_000, id="periods-without-spaces"),
        pytest.param('"A. B." ' * 3_000, id="quoted-periods"),
        pytest.param(("e\u0301" * 1_500 + " ") * 3, id="decomposed-accents"),
    ],
)
def test_a_sentence_longer_than_the_cap_is_cut_into_exact_pieces_with_a_warning(line):
    text = f"The army advanced. {line} Talks resumed."
    warnings: list[str] = []
    sentences = split_sentences(Article(id="a", text=text), warnings)
    assert sentences[0].text.startswith("The army advanced.") and sentences[-1].text.endswith("Talks resumed.")
    assert max(len(s.text) for s in sentences) <= sentences_module.MAX_SENTENCE_CHARS
    for s in sentences:
        assert text[s.start : s.end] == s.text == s.text.strip()
        assert not unicodedata.combining(text[s.start]), "a piece starts on a combining mark"
    # Nothing is lost: every non-space character is in some sentence.
    covered = sum(len("".join(s.text.split())) for s in sentences)
    assert covered == len("".join(text.split()))
    assert any("cut from text with no sentence end" in w for w in warnings)


def test_a_piece_is_cut_at_the_last_space_before_the_cap():
    words = ["w" + str(n).zfill(5) for n in range(1_000)]  # 6 characters a word, no period
    text = " ".join(words)
    sentences = split_sentences(Article(id="a", text=text))
    assert len(sentences) > 1
    for s in sentences:
        assert all(len(w) == 6 for w in s.text.split()), "a word was cut"


def test_a_run_longer_than_a_word_is_named_in_a_warning():
    warnings: list[str] = []
    split_sentences(Article(id="a", text=f"See {'ab' * 100}. It is long."), warnings)
    assert warnings and "without a space" in warnings[0]


def test_ordinary_text_gets_no_warning(seed_documents):
    for document in seed_documents:
        warnings: list[str] = []
        assert split_sentences(document.article, warnings) == document.sentences
        assert warnings == []


def test_the_word_before_a_period_longer_than_a_token_is_no_plain_word():
    """A 150-character URL before ". The" is not an ordinary word: the cut goes to pysbd, not the fast rule."""
    long_word = "http://example.org/" + "a" * 150
    assert sentences_module._word_before(f"see {long_word}", len(f"see {long_word}")) == ""
    assert sentences_module._word_before("see word", 8) == "word"
