"""The brief's size and time budget (storyline.budget): cut to what fits, always with a warning."""

from __future__ import annotations

import time

import pytest

import storyline
from storyline import BriefConfig, ConfigError
from storyline.budget import Deadline, fit
from storyline.model import Article, Corpus
from storyline.verify import provenance_errors

_TEXT = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt.\n"


def _articles(n: int, text: str = _TEXT) -> list[Article]:
    return [Article(id=f"d{i}", text=text.replace("12", str(12 + i))) for i in range(n)]


def test_articles_past_the_document_budget_are_left_out_with_a_warning():
    corpus = fit(Corpus(tuple(_articles(5))), max_documents=3, max_chars=10**9)
    assert [a.id for a in corpus.articles] == ["d0", "d1", "d2"]
    assert corpus.warnings == (
        f"over the brief's budget (max_documents=3): 2 of 5 articles ({2 * len(_TEXT):,} characters) left out, "
        "the first d3",
    )


def test_articles_past_the_character_budget_are_left_out_whole():
    corpus = fit(Corpus(tuple(_articles(5))), max_documents=100, max_chars=2 * len(_TEXT) + 5)
    assert [a.id for a in corpus.articles] == ["d0", "d1"]
    assert "max_chars=" in corpus.warnings[0]


def test_a_first_article_over_the_budget_is_cut_at_a_line_break_and_stays_exact():
    text = _TEXT * 50
    brief = storyline.build_brief(
        [Article(id="long", text=text), Article(id="other", text=_TEXT)],
        BriefConfig(embeddings="none", max_chars=len(_TEXT) * 10 + 3),
    )
    (document,) = brief.documents
    assert document.article.text == _TEXT * 10  # a prefix: every offset is one into the text as read
    assert any("cut to its first" in w for w in brief.warnings)
    assert any("1 of 2 articles" in w for w in brief.warnings)
    assert provenance_errors(brief) == []


def test_within_the_budget_nothing_changes():
    corpus = Corpus(tuple(_articles(3)), ("a warning",))
    assert fit(corpus, max_documents=3, max_chars=3 * len(_TEXT)) is corpus


def test_a_spent_time_budget_leaves_out_the_remaining_sections_by_name():
    deadline = Deadline(0.001)
    time.sleep(0.01)
    assert deadline.run("quotes", lambda: ("a quote",)) == ()
    assert deadline.warnings() == ("time budget of 0.001 s spent: quotes left out (time_budget_s)",)
    assert Deadline(None).run("quotes", lambda: ("a quote",)) == ("a quote",)


def test_a_brief_over_its_time_budget_still_has_a_summary_and_says_what_it_left_out():
    brief = storyline.build_brief(_articles(40), BriefConfig(embeddings="none", time_budget_s=1e-6))
    assert brief.summary
    assert any("time budget" in w and "left out" in w for w in brief.warnings)
    assert brief.quotes == () and brief.entities == ()
    assert provenance_errors(brief) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_chars", 0), ("max_documents", -1), ("max_documents", True), ("time_budget_s", 0), ("time_budget_s", "1")],
)
def test_a_bad_budget_names_the_field(field, value):
    with pytest.raises(ConfigError, match=field):
        BriefConfig(**{field: value})
