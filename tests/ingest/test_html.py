"""HTML pages: main text without boilerplate, and the page's metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline import load_articles

PARAGRAPHS = [
    "Syrian government forces pressed their assault on the last rebel-held districts of eastern Aleppo on "
    "Monday, residents said, as aid agencies warned that food, fuel and medicine were running out for the "
    "tens of thousands of civilians who remain trapped inside the shrinking enclave.",
    "The advance followed a week of heavy bombardment that monitors said had killed hundreds of people. "
    "Rebel commanders told reporters they had been abandoned by the states that once backed them, and "
    "that they would fight on street by street rather than surrender the Old City.",
    "In Geneva, diplomats from the United States and Russia met again to discuss a ceasefire that would "
    "allow civilians and wounded fighters to leave. Officials described the talks as difficult but said "
    "technical teams would keep working through the night on the details of an evacuation route.",
    "The United Nations said its convoys were ready to move as soon as all sides guaranteed their safety. "
    "A spokesman said the organisation had stockpiled supplies in the western part of the city and could "
    "reach the eastern districts within hours once a pause in the fighting was agreed by every party.",
]

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Aleppo rebels pushed back as talks stall | Example News</title>
<meta property="og:title" content="Aleppo rebels pushed back as talks stall">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.com/world/aleppo-rebels">
<meta property="article:published_time" content="2016-12-05T08:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav></header>
<main><article>
<h1>Aleppo rebels pushed back as talks stall</h1>
<p class="byline">By A. Reporter</p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Ten celebrity recipes you must try</a></li></ul></aside>
</main>
<footer><p>Copyright 2016 Example News. All rights reserved.</p><p>Cookie policy | Privacy | Terms of use</p></footer>
</body></html>"""


def page() -> str:
    return PAGE.replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "aleppo.html"
    path.write_text(page(), encoding="utf-8")
    corpus = load_articles(tmp_path)
    assert corpus.warnings == ()
    article = corpus.articles[0]
    assert article.id == "aleppo" and article.path == str(path)
    assert article.title == "Aleppo rebels pushed back as talks stall"
    assert article.date == dt.date(2016, 12, 5) and not article.date_inferred
    assert article.source == "Example News"
    assert article.url == "https://news.example.com/world/aleppo-rebels"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for boilerplate in ("Subscribe now", "Home", "Cookie policy", "All rights reserved", "celebrity recipes"):
        assert boilerplate not in article.text


def test_htm_suffix_is_read_as_html(tmp_path):
    (tmp_path / "page.htm").write_text(page(), encoding="utf-8")
    assert load_articles(tmp_path).articles[0].title == "Aleppo rebels pushed back as talks stall"


def test_html_without_article_text_is_skipped_with_a_warning(tmp_path, seeds_dir):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    corpus = load_articles([tmp_path, seeds_dir])
    assert len(corpus) == 5
    assert len(corpus.warnings) == 1
    assert corpus.warnings[0].startswith("skipped menu.html: no article text found in the HTML")


def test_html_reader_logs_nothing_at_warning(tmp_path, caplog):
    (tmp_path / "junk.html").write_text("<html><body><div>", encoding="utf-8")
    (tmp_path / "ok.html").write_text(page(), encoding="utf-8")
    with caplog.at_level("WARNING"):
        load_articles(tmp_path)
    assert caplog.records == []


@pytest.mark.parametrize(
    "sentence",
    ["The army said on December 2, 2016 that the push would go on.", "The army said that the push would go on."],
)
def test_without_a_date_in_the_markup_no_date_is_guessed_from_the_text(tmp_path, sentence):
    # A date in the text is often the event's, and the footer's "Copyright 2016" would read as 2016-01-01.
    undated = page().replace('<meta property="article:published_time" content="2016-12-05T08:00:00Z">', "")
    (tmp_path / "p.html").write_text(undated.replace("<p>", f"<p>{sentence} ", 1), encoding="utf-8")
    article = load_articles(tmp_path).articles[0]
    assert (article.date, article.date_inferred) == (None, False)


def test_a_date_in_a_time_element_is_read(tmp_path):
    undated = page().replace('<meta property="article:published_time" content="2016-12-05T08:00:00Z">', "")
    dated = undated.replace('<p class="byline">', '<time datetime="2016-12-06">6 Dec 2016</time><p class="byline">')
    (tmp_path / "p.html").write_text(dated, encoding="utf-8")
    assert load_articles(tmp_path).articles[0].date == dt.date(2016, 12, 6)
