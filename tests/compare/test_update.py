"""The update brief: only what newer articles add, with the same provenance."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from storyline import Article, BriefConfig, ConfigError, InputError, load_articles
from storyline.cli import app
from storyline.features.context import Features
from storyline.pipeline import build_update, prepare_story
from storyline.verify import provenance_errors

TF_IDF = BriefConfig(embeddings="none", words=200)
EARLIER = [
    Article(
        id="mon",
        date=dt.date(2016, 12, 5),
        text=(
            "Syrian government forces advanced into the Old City of Aleppo on Monday, a monitoring group said.\n"
            "“We will never leave Aleppo,” rebel commander Zakaria Malahifji said.\n"
            "At least 45 children were among the 372 people killed in the offensive, the monitor said."
        ),
    )
]
NEWER = [
    Article(
        id="tue",
        date=dt.date(2016, 12, 6),
        text=(
            "Syrian government forces advanced into the Old City of Aleppo on Monday, a monitoring group said.\n"
            "Rebels agreed on Tuesday to a ceasefire proposal brokered by Turkey and Russia, officials said.\n"
            "“The evacuation will start at dawn,” Turkish Foreign Minister Mevlut Cavusoglu said.\n"
            "Some 8,000 civilians crossed into government-held districts overnight, state media reported."
        ),
    )
]


@pytest.fixture(scope="module")
def update():
    return build_update(NEWER, since=EARLIER, config=TF_IDF)


def test_update_keeps_only_what_the_newer_articles_add(update):
    texts = [s.text for s in update.summary]
    assert texts and not any("advanced into the Old City" in t for t in texts)
    assert all(r.doc == "tue" for s in update.summary for r in s.support)
    assert [q.text for q in update.quotes] == ["The evacuation will start at dawn"]
    assert {f.value for f in update.figures} == {8000}
    assert update.earlier == ("mon",)
    assert update.to_dict()["story"]["update_since"] == ["mon"]
    assert provenance_errors(update) == []


def test_update_summary_repeats_no_earlier_sentence(seeds_dir):
    seeds = load_articles(seeds_dir)
    earlier, newer = seeds.articles[:3], seeds.articles[3:]
    update = build_update(newer, since=earlier, config=TF_IDF)
    features = Features(prepare_story(load_articles(seeds_dir)))
    by_ref = {m.ref(): i for i, item in enumerate(features.items) for m in item.members}
    old = [i for i, item in enumerate(features.items) if item.sentence.doc_id in {a.id for a in earlier}]
    assert update.summary
    for item in update.summary:
        assert features.similarity_to(by_ref[item.support[0]], old).max() <= features.related_threshold


def test_a_copy_of_an_earlier_article_adds_nothing():
    copy = [Article(id="copy", text=EARLIER[0].text)]
    update = build_update(copy, since=EARLIER, config=TF_IDF)
    assert update.summary == () and update.quotes == () and update.figures == ()
    assert any("nothing the earlier ones did not already report" in w for w in update.warnings)


def test_since_date_splits_by_date_and_counts_undated_articles_as_earlier():
    undated = Article(id="undated", text="Aid convoys reached western Aleppo, the Red Cross said on its website.")
    update = build_update([*EARLIER, *NEWER, undated], since_date=dt.date(2016, 12, 6), config=TF_IDF)
    assert set(update.earlier) == {"mon", "undated"}
    assert any("undated, so counted as earlier" in w and "undated" in w for w in update.warnings)
    assert all(r.doc == "tue" for s in update.summary for r in s.support)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, ConfigError, "either"),
        ({"since": EARLIER, "since_date": dt.date(2016, 1, 1)}, ConfigError, "not both"),
        ({"since": []}, InputError, "no earlier articles"),
        ({"since": NEWER}, InputError, "no newer articles"),
        ({"since": [Article(id="tue", text="Another text.")]}, InputError, "'tue'"),
        ({"since_date": dt.date(2017, 1, 1)}, InputError, "2017-01-01 or later"),
    ],
)
def test_bad_update_requests_name_the_problem(kwargs, error, message):
    with pytest.raises(error, match=message):
        build_update(NEWER, config=TF_IDF, **kwargs)


def test_cli_update_end_to_end(tmp_path, seeds_dir):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    for n, path in enumerate(sorted(seeds_dir.iterdir())):
        (old if n < 3 else new).joinpath(path.name).write_bytes(path.read_bytes())
    runner = CliRunner()
    result = runner.invoke(app, ["brief", str(new), "--since", str(old), "--embeddings", "none", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"update_since"' in result.output
    bad = runner.invoke(app, ["brief", str(new), "--since-date", "5 Dec"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_an_article_given_in_both_sets_counts_as_earlier():
    update = build_update([*EARLIER, *NEWER], since=EARLIER, config=TF_IDF)
    assert update.earlier == ("mon",)
    assert any(w.startswith("mon: given as both earlier and newer") for w in update.warnings)
    assert all(r.doc == "tue" for s in update.summary for r in s.support)
