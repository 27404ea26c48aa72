"""The brief's size and time budget (storyline.budget): cut to what fits, always with a warning."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
import types

import pytest
from typer.testing import CliRunner

import storyline
from storyline import BriefConfig, ConfigError
from storyline.budget import (
    CORE_CHARS_PER_S,
    CORE_OVER_SPLIT,
    CORE_SHARE,
    MIN_CHARS,
    SPACY_CHARS_PER_S,
    SPACY_LOAD_S,
    SPACY_SHARE,
    Deadline,
    checkpoint,
    core_chars,
    entity_backend,
    fit,
    hard_stops,
    interrupted,
    left_of,
)
from storyline.cli import app
from storyline.config import DEFAULT_TIME_BUDGET_S
from storyline.model import Article, Corpus
from storyline.pipeline import prepare_story
from storyline.text.sentences import split_sentences, split_until
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
    assert deadline.warnings() == ("time budget of 0.001 s spent: quotes left out (quotes not started; time_budget_s)",)
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


def test_a_section_that_runs_past_the_time_budget_is_left_out_whole_by_name():
    """The budget is checked inside a section's loop (checkpoint), not only between sections."""
    deadline = Deadline(0.05)
    reached = []

    def section() -> tuple[int, ...]:
        for n in range(10_000):
            checkpoint()
            reached.append(n)
            time.sleep(0.001)
        return tuple(reached)

    assert deadline.run("entities", section) == ()
    assert 0 < len(reached) < 10_000
    assert deadline.run("quotes", lambda: ("a quote",)) == ()
    assert deadline.warnings() == (
        "time budget of 0.05 s spent: entities, quotes left out "
        "(entities stopped before the end; quotes not started; time_budget_s)",
    )


def test_checkpoint_outside_a_budgeted_section_never_stops_anything():
    checkpoint()
    assert Deadline(None).run("figures", lambda: (checkpoint(), "a figure")[1:]) == ("a figure",)


def test_a_time_budget_cuts_the_text_up_front_to_what_the_summary_stages_get_through():
    corpus = Corpus(tuple(_articles(2, _TEXT * 200)))
    budget = 2 * len(_TEXT) * 150 / core_chars(1.0)  # fits one and a half articles
    cut = fit(corpus, max_documents=10, max_chars=10**9, time_budget_s=budget)
    assert len(cut.articles) == 1
    assert cut.warnings == (
        f"over the brief's budget (time_budget_s={budget:g} fits about {core_chars(budget):,} characters): "
        f"1 of 2 articles ({len(_TEXT) * 200:,} characters) left out, the first d1",
    )
    assert fit(corpus, max_documents=10, max_chars=10**9, time_budget_s=1e6) is corpus


class _Clock:
    """A stand-in for the budget's clock: the seconds a test says have passed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr("storyline.budget.time.monotonic", fake)
    return fake


@pytest.fixture
def spacy_loaded(monkeypatch) -> None:
    """As if spaCy were loaded in this process already (no load cost left to pay)."""
    monkeypatch.setitem(sys.modules, "spacy", sys.modules.get("spacy") or types.ModuleType("spacy"))


def test_the_default_entity_finder_is_the_rules_when_spacy_would_not_fit_the_time_budget(clock, spacy_loaded):
    deadline = Deadline(10.0)
    fits = int(10 * SPACY_SHARE * SPACY_CHARS_PER_S)
    assert entity_backend("auto", fits, deadline) == ("auto", ())
    backend, warnings = entity_backend("auto", fits + 1, deadline)
    assert backend == "rules" and "not spaCy" in warnings[0] and "time_budget_s=10" in warnings[0]
    assert entity_backend("spacy", 10**9, deadline) == ("spacy", ())  # asked for by name: spaCy, under the deadline
    assert entity_backend("auto", 10**9, Deadline(None)) == ("auto", ())


def test_spacy_is_sized_by_the_time_left_at_the_pace_the_brief_ran(clock, spacy_loaded):
    """On a loaded machine the summary's stages run slower than calibrated: spaCy gets less text."""
    deadline = Deadline(10.0)
    chars = 4 * CORE_CHARS_PER_S  # four seconds' work as calibrated
    clock.now += 8.0  # took eight: twice as slow; two seconds left
    deadline.pace(chars)
    assert deadline.slowdown == pytest.approx(2.0)
    fits = int(2.0 * SPACY_CHARS_PER_S / 2.0)
    assert entity_backend("auto", fits, deadline) == ("auto", ())
    backend, warnings = entity_backend("auto", fits + 1, deadline)
    assert backend == "rules" and "2.0 times slower than calibrated" in warnings[0]


def test_loading_spacy_is_counted_when_this_process_has_not_loaded_it(clock, monkeypatch):
    monkeypatch.delitem(sys.modules, "spacy", raising=False)
    deadline = Deadline(20.0)
    fits = int((20 * SPACY_SHARE - SPACY_LOAD_S) * SPACY_CHARS_PER_S)
    assert entity_backend("auto", fits, deadline) == ("auto", ())
    assert entity_backend("auto", fits + 1, deadline)[0] == "rules"


def test_a_small_brief_s_fixed_costs_are_no_slowdown(clock):
    deadline = Deadline(10.0)
    clock.now += 0.9  # under a second for a few hundred characters: not slow
    deadline.pace(300)
    assert deadline.slowdown == 1.0


def test_splitting_stops_once_the_summary_stages_projected_from_it_would_pass_their_share(clock):
    deadline = Deadline(20.0)
    stop = deadline.split_stop()
    assert stop is not None
    clock.now += 1.0  # reading, imports and the first line (the splitter's first-use costs) count too
    assert not stop()  # asked first after the first line: the clock of the splitting's pace starts
    limit = (CORE_SHARE * 20.0 - 1.0) / CORE_OVER_SPLIT  # seconds of splitting the share allows
    clock.now += limit * 0.99
    assert not stop()
    clock.now += limit * 0.02
    assert stop()
    assert Deadline(None).split_stop() is None


def test_splitting_stops_at_a_line_start_and_says_where():
    article = Article(id="a", text=_TEXT * 5)
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 2

    sentences, reached = split_until(article, stop)  # asked before lines 2, 3 and 4: true before the 4th
    assert reached == 3 * len(_TEXT) and article.text[reached - 1] == "\n"
    assert sentences == split_sentences(Article(id="a", text=article.text[:reached]))
    assert split_until(article, None) == (split_sentences(article), len(article.text))


def test_a_spent_split_budget_cuts_the_article_at_the_line_reached_with_exact_spans():
    deadline = Deadline(1e-9)
    time.sleep(0.001)
    articles = [Article(id="big", text=_TEXT * 50), *_articles(3)]
    story = prepare_story(Corpus(tuple(articles)), deadline=deadline)
    (document,) = story.documents
    assert len(document.article.text) == len(_TEXT) and len(document.sentences) == 2
    assert any(
        "splitting stopped" in w
        and f"big cut to its first {len(_TEXT):,} of {len(_TEXT) * 50:,}" in w
        and "3 later articles" in w
        for w in story.warnings
    )
    for s in document.sentences:
        assert document.article.text[s.start : s.end] == s.text


@pytest.mark.parametrize(("option", "expected"), [([], DEFAULT_TIME_BUDGET_S), (["--time-budget", "0"], None)])
def test_the_cli_briefs_under_a_time_budget_unless_told_0(tmp_path, monkeypatch, option, expected):
    import storyline.pipeline

    seen = []
    real = storyline.pipeline.build_brief

    def recording(articles, config):  # noqa: ANN001, ANN202 - the real build_brief, its config kept
        seen.append(config.time_budget_s)
        return real(articles, config)

    monkeypatch.setattr(storyline.pipeline, "build_brief", recording)
    (tmp_path / "a.txt").write_text(_TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(tmp_path), "--embeddings", "none", *option])
    assert result.exit_code == 0, result.stderr
    # What is left of it after imports and reading: the budget counts from the command's start.
    if expected is None:
        assert seen == [None]
    else:
        assert len(seen) == 1 and expected / 5 <= seen[0] < expected


def test_a_tiny_cli_time_budget_says_what_it_left_out(tmp_path):
    (tmp_path / "a.txt").write_text(_TEXT * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_text(_TEXT.replace("12", "15") * 3, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["brief", str(tmp_path), "--embeddings", "none", "--format", "json", "--time-budget", "0.000001"]
    )
    assert result.exit_code == 0, result.stderr
    brief = json.loads(result.stdout)
    assert brief["summary"]
    # A fifth of it is left after imports and reading: the least a command's budget leaves a brief.
    assert any(w.startswith("time budget of 2e-07 s spent:") for w in brief["warnings"])


def test_with_no_time_left_a_brief_stops_at_once_its_summary_the_lead_and_every_cut_named():
    """Hard stops (issue 11): the summary's stages, past their deadline, give way to the lead sentences."""
    articles = [Article(id=f"d{i}", text=_TEXT.replace("12", str(12 + i)) * 300) for i in range(4)]
    with hard_stops() as on:
        brief = storyline.build_brief(articles, BriefConfig(embeddings="none", time_budget_s=1e-9))
    assert on  # pytest runs tests in the main thread, where signals are handled
    assert any("splitting, cleaning and folding were not done by 70% of it" in w for w in brief.warnings)
    assert any("the summary was not ranked by 70% of it" in w and "reading order" in w for w in brief.warnings)
    assert any(w.startswith("time budget of 1e-09 s spent: timeline, figures") for w in brief.warnings)
    assert sum(len(d.article.text) for d in brief.documents) <= MIN_CHARS
    first = brief.documents[0]
    assert brief.summary[0].text == first.sentences[0].text  # the lead: the first sentence that may stand alone
    assert brief.timeline == () and brief.figures == () and brief.quotes == () and brief.entities == ()
    assert provenance_errors(brief) == []


def test_a_stage_with_no_checkpoint_is_interrupted_at_its_deadline_and_left_out_whole():
    def busy() -> tuple[str, ...]:
        end = time.monotonic() + 60  # far past the deadline: only an interrupt ends it sooner
        while time.monotonic() < end:
            pass
        return ("done",)

    interrupted()  # what earlier tests left
    with hard_stops():
        deadline = Deadline(0.2)
        assert deadline.run("figures", busy) == ()
    assert deadline.stopped == ["figures"]
    assert interrupted() and not interrupted()  # noted once, for the web worker that then retires


def test_hard_stops_are_off_outside_the_main_thread_and_give_the_signal_back():
    before = signal.getsignal(signal.SIGALRM)
    seen: list[bool] = []

    def elsewhere() -> None:
        with hard_stops() as on:
            seen.append(on)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert seen == [False]
    with hard_stops() as on:
        assert on and signal.getsignal(signal.SIGALRM) is not before
    assert signal.getsignal(signal.SIGALRM) is before


def test_a_budget_counts_from_its_start_and_never_leaves_under_a_fifth(clock):
    started = clock.now
    clock.now += 4.0
    assert left_of(20.0, started) == 16.0
    clock.now += 100.0
    assert left_of(20.0, started) == 4.0
    assert left_of(None, started) is None
