"""A brief of several sources states the main event and cites what the sources confirm (issue 10, on the seeds)."""

from __future__ import annotations

from storyline import BriefConfig, build_brief, load_articles
from storyline.verify import provenance_errors


def test_the_seeds_summary_leads_with_the_title_event_and_confirmed_facts(seeds_dir):
    articles = load_articles(seeds_dir)
    brief = build_brief(articles, BriefConfig())
    titled = {a.title.strip(): a for a in articles.articles if a.title}
    assert brief.title in titled
    # The summary holds the title document's lead sentence that states its headline's event
    # (one of its first three sentences), and at least two sentences several sources report.
    lead = titled[brief.title].id
    assert any(r.doc == lead and r.sentence < 4 for item in brief.summary for r in item.support)
    assert sum(1 for item in brief.summary if item.sources >= 2) >= 2
    # Every document cited for a sentence is a Ref to that document's exact text.
    assert not provenance_errors(brief)
