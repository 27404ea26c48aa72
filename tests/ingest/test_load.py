"""Readers: seeds layout, JSONL, HTML, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline import InputError, load_articles

SEED_TITLES = {
    "000_cb909a982181dd53": None,
    "001_23e9dcc2e6ed99e6": "Turkish, Russian leaders discuss Aleppo truce",
    "004_a27380e3b6992a27": "Rebels defiant as Syrian army nears Aleppo's Old City",
}
BODY = (
    "Government forces pressed their assault on the last rebel districts of the city on Monday, "
    "residents said, as aid agencies warned that food and fuel were running out for the civilians "
    "who remain trapped there. "
)


def test_seeds_load_with_headlines_and_body_offsets(seeds_dir):
    corpus = load_articles(seeds_dir)
    assert corpus.warnings == ()
    articles = {a.id: a for a in corpus.articles}
    assert len(articles) == 5
    for doc_id, title in SEED_TITLES.items():
        article = articles[doc_id]
        assert article.title == title
        if title:
            assert article.text[: article.body_start] == title + "\n"
        else:
            assert article.body_start == 0
    assert (
        articles["001_23e9dcc2e6ed99e6"]
        .text[articles["001_23e9dcc2e6ed99e6"].body_start :]
        .startswith("The U.S. ambassador")
    )


def test_jsonl_records_with_optional_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    records = [
        {"id": "a", "text": BODY, "title": "T", "date": "2016-12-05T10:00:00Z", "source": "Reuters", "url": "http://x"},
        {"id": 7, "text": BODY},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    corpus = load_articles(path)
    assert corpus.warnings == ()
    first, second = corpus.articles
    assert (first.title, first.date, first.source, first.url) == ("T", dt.date(2016, 12, 5), "Reuters", "http://x")
    assert second.id == "7" and second.date is None


def test_jsonl_bad_lines_are_skipped_with_their_line_numbers(tmp_path):
    path = tmp_path / "bad.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": BODY}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": BODY}),
        json.dumps({"id": "n", "text": 42}),
        json.dumps({"id": "e", "text": "   "}),
        json.dumps(["a list"]),
        json.dumps({"id": "d", "text": BODY, "date": "next week"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    corpus = load_articles(path)
    assert [a.id for a in corpus.articles] == ["ok", "d"]
    joined = "\n".join(corpus.warnings)
    for number in range(2, 9):
        assert f"bad.jsonl:{number}:" in joined
    assert "malformed JSON" in joined and "'text'" in joined and "'id'" in joined and "next week" in joined


def test_benchmark_file_is_refused_with_a_pointer_to_eval(tmp_path):
    path = tmp_path / "bench.jsonl"
    path.write_text('{"protocol": {"words": 25}}\n{"id": "c", "docs": [], "summaries": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match="storyline eval"):
        load_articles(path)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_articles(tmp_path / "missing")


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no articles found"):
        load_articles(tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t \n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_unusable_files_are_skipped_with_a_named_warning(tmp_path, seeds_dir, name, content, reason):
    (tmp_path / name).write_bytes(content)
    corpus = load_articles([tmp_path, seeds_dir / "000_cb909a982181dd53.txt"])
    assert len(corpus.articles) == 1
    assert any(name in w and reason in w for w in corpus.warnings), corpus.warnings


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_non_utf8_text_is_decoded_with_a_warning(tmp_path, encoding):
    text = "Caf\u00e9 owners in the old city said the bombardment had stopped. " + BODY
    if encoding == "cp1252":
        text = "\u201cWe are tired\u201d, said Fran\u00e7ois. " + text
    (tmp_path / "old.txt").write_bytes(text.encode(encoding))
    corpus = load_articles(tmp_path)
    assert corpus.articles[0].text == text
    assert any("old.txt" in w and "not UTF-8" in w for w in corpus.warnings)


def test_huge_file_is_refused_without_reading_it(tmp_path, seeds_dir):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    corpus = load_articles([huge, seeds_dir])
    assert len(corpus.articles) == 5
    assert any("huge.txt" in w and "over the 20 MB limit" in w for w in corpus.warnings)


def test_utf8_bom_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + BODY.encode())
    assert load_articles(tmp_path).articles[0].text == BODY


def test_repeated_ids_are_renamed_with_a_warning(tmp_path, seeds_dir):
    (tmp_path / "000_cb909a982181dd53.txt").write_text(BODY, encoding="utf-8")
    corpus = load_articles([seeds_dir, tmp_path])
    ids = [a.id for a in corpus.articles]
    assert "000_cb909a982181dd53~2" in ids and len(set(ids)) == 6
    assert any("renamed" in w for w in corpus.warnings)


def test_non_english_article_is_kept_with_a_warning(tmp_path):
    german = (
        "Die Regierungstruppen haben am Montag die letzten Viertel der Rebellen in der Stadt angegriffen, "
        "sagten Bewohner, während Hilfsorganisationen warnten, dass Lebensmittel und Treibstoff für die "
        "eingeschlossenen Zivilisten knapp werden."
    )
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    corpus = load_articles(tmp_path)
    assert len(corpus.articles) == 1
    assert any("de:" in w and "'de'" in w and "not English" in w for w in corpus.warnings)


def test_html_page_gives_main_text_and_metadata(tmp_path):
    paragraphs = "".join(f"<p>{BODY} Paragraph {n} adds detail on the talks in Geneva.</p>" for n in range(4))
    html = f"""<!doctype html><html><head><title>Aleppo rebels pushed back | Example News</title>
    <meta property="og:title" content="Aleppo rebels pushed back">
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2016-12-05T08:00:00Z">
    <meta property="og:url" content="https://news.example.com/aleppo"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a> Subscribe now</nav>
    <article><h1>Aleppo rebels pushed back</h1>{paragraphs}</article>
    <footer>Copyright Example News. All rights reserved. Cookie policy.</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    article = load_articles(tmp_path).articles[0]
    assert article.id == "page"
    assert article.title == "Aleppo rebels pushed back"
    assert article.date == dt.date(2016, 12, 5)
    assert article.source == "Example News"
    assert "Government forces pressed their assault" in article.text
    assert "Subscribe now" not in article.text and "Cookie policy" not in article.text


def test_html_without_article_text_is_skipped(tmp_path, seeds_dir):
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    corpus = load_articles([tmp_path, seeds_dir])
    assert len(corpus.articles) == 5
    assert any("empty.html" in w for w in corpus.warnings)
