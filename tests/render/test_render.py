"""Renderers keep article text literal and show every summary item with its sources."""

from __future__ import annotations

import json

import pytest

from storyline import Article, BriefConfig, build_brief, render
from storyline.errors import ConfigError


@pytest.fixture(scope="module")
def tricky_brief():
    articles = [
        Article(
            id="a",
            text=(
                "Rebels said <script>alert(1)</script> the *army* shelled the old city | again on Monday.\n"
                "Aid groups said food ran out."
            ),
        ),
        Article(
            id="b",
            text="Witnesses reported heavy fighting near the airport overnight.\nThe UN called for a pause.",
        ),
    ]
    return build_brief(articles, BriefConfig(embeddings="none", words=500))


def test_markdown_escapes_markup(tricky_brief):
    md = render(tricky_brief, "md")
    assert "<script>" not in md and "\\<script\\>" in md


def test_text_lists_each_summary_sentence(tricky_brief):
    out = render(tricky_brief, "text")
    for item in tricky_brief.summary:
        assert item.text[:30] in out.replace("\n", " ")


def test_json_round_trips(tricky_brief):
    assert json.loads(render(tricky_brief, "json")) == tricky_brief.to_dict()


def test_unknown_format_names_the_choices(tricky_brief):
    with pytest.raises(ConfigError, match="md"):
        render(tricky_brief, "docx")


@pytest.fixture(scope="module")
def seeds_brief(seeds_dir):
    from storyline import load_articles

    return build_brief(load_articles(seeds_dir), BriefConfig(embeddings="none"))


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_facts_sections_are_shown_with_their_source_counts(seeds_brief, fmt):
    out = " ".join(render(seeds_brief, fmt).split())
    for heading in ("Timeline", "Who said what", "Key figures"):
        assert heading in out
    quote = seeds_brief.quotes[0]
    assert quote.text[:40] in out.replace("\\", "")
    note = f"reported by {quote.sources} of {seeds_brief.unique_documents} sources"
    assert note in out


def test_markdown_coverage_marks_each_sentence_in_the_sources_it_cites(seeds_brief):
    md = render(seeds_brief, "md")
    table = md.split("## Coverage")[1].split("Sources:")[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| sentence")]
    docs = [d.id for d in seeds_brief.documents]
    assert len(rows) == len(seeds_brief.summary)
    for row, item in zip(rows, seeds_brief.summary, strict=True):
        marks = [cell.strip() == "●" for cell in row.strip("|").split("|")[1:]]
        assert marks == [d in {r.doc for r in item.support} for d in docs]
