"""What reaches the terminal, and how bytes become text (issue 11, items 4 and 5)."""

from __future__ import annotations

import re

import pytest

import storyline
from storyline.ingest.files import decode
from storyline.render.text import printable, to_text

_ESCAPES = [
    "\x1b[31mred\x1b[0m",  # colour (CSI)
    "\x1b[2J\x1b[H",  # clear the screen, cursor home
    "\x1b]0;owned\x07",  # window title (OSC ... BEL)
    "\x1b]8;;http://example.org\x1b\\link\x1b]8;;\x1b\\",  # hyperlink (OSC ... ST)
    "\x9b31m",  # C1 CSI
    "\x1bPq#0;2;0;0;0\x1b\\",  # DCS (sixel)
    "\x07\x08\x7f",  # bell, backspace, delete
]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("escape", _ESCAPES)
def test_terminal_text_carries_no_escape_sequence_from_the_articles(tmp_path, check, escape):
    text = f"The army said {escape} it had taken the old bridge on Tuesday. Officials said 12 people were hurt.\n"
    check.write(tmp_path, "a.txt", text)
    check.write(tmp_path, f"b{escape[:3]}x.txt", text.replace("12", "15"))
    brief = storyline.build_brief(storyline.load_articles(tmp_path), storyline.BriefConfig(embeddings="none"))
    out = to_text(brief)
    assert not _CONTROL.search(out), repr(out)
    assert "it had taken the old bridge" in out


def test_printable_keeps_the_words_around_an_escape():
    assert printable("a\x1b[1;31mb\x1b[0m c\x9b2Jd\te\n") == "ab cd\te\n"


def test_colored_output_has_only_its_own_styles():
    article = storyline.Article(id="a", text="The army said \x1b]0;owned\x07 it had taken the bridge on Tuesday.")
    out = to_text(storyline.build_brief([article], storyline.BriefConfig(embeddings="none")), color=True)
    assert "\x1b]" not in out and "owned\x07" not in out


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        pytest.param("Le café était fermé à Montréal, officials said.".encode("latin-1"), "cp1252", "à Montréal",
                     id="latin-1"),
        pytest.param("“We will win,” the minister said in Montréal.".encode("cp1252"), "cp1252", "“We will win,”",
                     id="cp1252-quotes"),
        pytest.param("The army said the hospital fell.\n".encode("utf-16-le") * 3, "utf-16-le", "hospital fell",
                     id="utf-16-le-without-bom"),
        pytest.param("The army said the hospital fell.\n".encode("utf-16-be") * 3, "utf-16-be", "hospital fell",
                     id="utf-16-be-without-bom"),
        pytest.param("Президент заявил в понедельник, что переговоры продолжатся.".encode("cp1251"), "cp1251",
                     "Президент", id="cyrillic-stays-cyrillic"),
    ],
)  # fmt: skip
def test_a_guessed_encoding_keeps_the_characters_and_is_named(data, encoding, expected):
    warnings: list[str] = []
    assert expected in decode(data, "a.txt", warnings)
    assert warnings == [f"a.txt: not UTF-8, decoded as {encoding}"]


def test_utf8_wins_and_gets_no_warning():
    warnings: list[str] = []
    assert decode("Le café à Montréal.".encode(), "a.txt", warnings) == "Le café à Montréal."
    assert warnings == []


def test_a_nul_byte_after_the_sniffed_start_is_kept_with_a_warning():
    data = b"The army said the hospital fell. " * 400 + b"\x00 Rebels said it had not."
    warnings: list[str] = []
    text = decode(data, "a.txt", warnings)
    assert "\x00" in text and len(text) == len(data)
    assert any("NUL" in w for w in warnings)


def test_a_binary_file_is_still_skipped():
    with pytest.raises(Exception, match="binary file"):
        decode(bytes(range(256)) * 64, "a.bin", [])
