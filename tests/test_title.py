"""The story title: the headline the other sources' leads report, not a side story's."""

from __future__ import annotations

from storyline import Article, build_brief


def test_title_is_the_headline_the_other_leads_report():
    articles = [
        Article(
            id="a",
            title="Storm closes schools in the valley",
            text="A heavy storm flooded roads across the valley on Monday.\nSchools stayed shut as a precaution.",
        ),
        Article(
            id="b",
            title="Mayor praises volunteers",
            text="Flood waters from Monday's storm cut the valley's main road.\nThe mayor thanked volunteers.",
        ),
        Article(
            id="c",
            title="Valley storm floods main road",
            text="The storm flooded the main road through the valley.\nRepairs will take a week, engineers said.",
        ),
    ]
    assert build_brief(articles).title == "Valley storm floods main road"


def test_no_headline_no_title():
    articles = [Article(id="a", text="A heavy storm flooded roads across the valley on Monday.\nSchools shut.")]
    assert build_brief(articles).title is None
