"""Online clustering on real articles: stories formed, ids stable, cost bounded by the index."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.model import Article
from storyline.stories import cluster as cluster_module
from storyline.stories.cluster import Clusterer, story_id
from storyline.stories.decision import DEFAULT_MODEL, Model
from storyline.stories.features import article_features
from storyline.stories.scoring import bcubed

from .conftest import article


def _run(rows: list[dict], clusterer: Clusterer | None = None) -> dict[str, str]:
    clusterer = clusterer or Clusterer()
    return {r["id"]: clusterer.assign(r["id"], article_features(article(r))).story for r in rows}


@pytest.fixture(scope="module")
def sample(stream_rows, gold_stories) -> list[dict]:
    """The stream's records of its first 60 gold stories, in stream order."""
    keep = set(list(gold_stories)[:60])
    return [r for r in stream_rows if r["story"] in keep]


def test_articles_of_one_story_mostly_share_a_story(sample):
    predicted = _run(sample)
    precision, recall, _ = bcubed(predicted, {r["id"]: r["story"] for r in sample})
    assert precision > 0.85
    assert recall > 0.6
    assert len(set(predicted.values())) < len(sample)


def test_story_ids_are_the_first_articles_hash_and_stable(sample):
    first, second = _run(sample), _run(sample)
    assert first == second
    starters = {r["id"]: article_features(article(r)).hash for r in sample}
    for doc, story in first.items():
        if first[doc] == story and story == story_id(starters[doc]):
            break
    else:
        raise AssertionError("no story is named after its first article")


def test_an_article_unlike_every_story_starts_a_new_one(sample):
    clusterer = Clusterer()
    _run(sample, clusterer)
    odd = Article(
        id="odd",
        text="Quantum gravity seminar notes: spin foams, loop variables and holonomy integrals. "
        "Lecturers compared lattice regularisations, boundary amplitudes, coherent intertwiners and "
        "semiclassical asymptotics over several afternoons. " * 3,
    )
    assignment = clusterer.assign("odd", article_features(odd))
    assert assignment.new
    assert assignment.story == story_id(article_features(odd).hash)


def test_an_identical_rewrite_joins_as_a_copy(sample):
    clusterer = Clusterer()
    _run(sample, clusterer)
    row = sample[0]
    rewrite = Article(id="rewrite", text=row["text"].replace(".", " ."), title=row.get("title"))
    assignment = clusterer.assign("rewrite", article_features(rewrite))
    assert assignment.copy_of == row["id"]
    assert not assignment.new


def test_stories_further_apart_than_the_gap_do_not_join(sample):
    clusterer = Clusterer()
    row = sample[0]
    first = clusterer.assign("a", article_features(article(row)), dt.date(2020, 1, 1))
    later = Article(id="b", text=row["text"] + " Update.")
    assignment = clusterer.assign("b", article_features(later), dt.date(2020, 6, 1))
    assert assignment.new and assignment.story != first.story


def test_postings_and_live_stories_stay_bounded(sample, monkeypatch):
    monkeypatch.setattr(cluster_module, "POSTINGS", 3)
    monkeypatch.setattr(cluster_module, "LIVE_STORIES", 10)
    clusterer = Clusterer()
    _run(sample, clusterer)
    assert max(len(p) for p in clusterer.postings.values()) <= 3
    assert len(clusterer.stories) <= 10


def test_converging_stories_merge_into_the_older_which_keeps_its_id(sample):
    # Nothing joins but copies (join threshold above 1); the merge pass, at the usual join
    # threshold, then brings stories of one gold story together.
    clusterer = Clusterer(model=Model(join=1.01, merge=DEFAULT_MODEL.join))
    predicted = _run(sample, clusterer)
    assert len(set(predicted.values())) > 0.9 * len(sample)
    created = {s.id: s.created for s in clusterer.stories.values()}
    merges = clusterer.merge_pass(list(dict.fromkeys(predicted.values())))
    assert merges
    for absorbed, survivor in merges:
        assert created[survivor] < created[absorbed]
        assert absorbed not in clusterer.stories and survivor in clusterer.stories


def test_a_text_too_short_to_place_is_a_story_of_its_own_that_nothing_joins(sample):
    clusterer = Clusterer()
    _run(sample, clusterer)
    notice = "Enable cookies to keep reading. Subscribe for full access to this page today."
    first = clusterer.assign("n1", article_features(Article(id="n1", text=notice)))
    again = clusterer.assign("n2", article_features(Article(id="n2", text=notice)))
    assert first.new and again.new and first.story != again.story
    assert "too short" in first.reason
    longer = Article(id="n3", text=(notice + " ") * 3 + " ".join(f"word{i}" for i in range(30)))
    assert clusterer.assign("n3", article_features(longer)).story not in {first.story, again.story}
    assert clusterer.merge_pass([first.story, again.story]) == []


def test_the_lead_weighs_more_than_the_tail():
    counts = article_features(Article(id="a", text="harbour " + "filler " * 200 + "orchard")).counts[1]
    assert counts["harbour"] == 2 * counts["orchard"]


def test_a_stored_story_state_gives_back_its_copy_sketches_in_either_stored_form(sample):
    import json

    from storyline.stories.cluster import LiveStory

    clusterer = Clusterer()
    _run(sample[:10], clusterer)
    story = next(s for s in clusterer.stories.values() if s.sketches)
    state = json.loads(json.dumps(story.to_state()))
    assert isinstance(state["sketches"][0][1], str)  # packed, not a list of 64 numbers
    assert LiveStory.from_state(story.id, state).sketches == story.sketches
    older = dict(state, sketches=[[a, list(s)] for a, s in story.sketches])  # a store written before packing
    assert LiveStory.from_state(story.id, older).sketches == story.sketches


def test_a_story_the_feed_has_moved_past_closes_and_leaves_the_index(sample):
    clusterer = Clusterer()
    start = dt.date(2020, 1, 1)
    for row in sample[:20]:
        clusterer.assign(row["id"], article_features(article(row)), start)
    early = set(clusterer.stories)
    # Within the gap of the newest date nothing closes: an article a month late still finds them.
    within = start + dt.timedelta(days=cluster_module.CLOSE_AFTER_DAYS)
    clusterer.assign(sample[20]["id"], article_features(article(sample[20])), within)
    assert early <= set(clusterer.stories)
    later = within + dt.timedelta(days=1)
    for row in sample[21:30]:
        clusterer.assign(row["id"], article_features(article(row)), later)
    assert not early & set(clusterer.stories)
    assert not any(early & set(posting) for posting in clusterer.postings.values())
    assert clusterer.stories


def test_an_idf_merged_from_a_window_counts_as_its_articles_added_one_by_one(sample):
    from storyline.stories.vectors import OnlineIdf

    counts = [article_features(article(r)).counts for r in sample[:60]]
    one_by_one, window, merged = OnlineIdf(), OnlineIdf(), OnlineIdf()
    for c in counts:
        one_by_one.add(c)
    for c in counts[:25]:
        merged.add(c)
    for c in counts[25:]:
        window.add(c)
    merged.merge(window.documents, window.frequencies)
    assert merged.documents == one_by_one.documents == 60
    assert merged.frequencies == one_by_one.frequencies
    assert merged.vectors(counts[0]) == one_by_one.vectors(counts[0])
