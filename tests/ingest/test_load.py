"""load_articles: the seeds, folders and files mixed, ids, and the errors that stop a run."""

from __future__ import annotations

import json

import pytest

from storyline import InputError, load_articles
from storyline.ingest import SUFFIXES

SEED_TITLES = {
    "000_cb909a982181dd53": None,
    "001_23e9dcc2e6ed99e6": "Turkish, Russian leaders discuss Aleppo truce",
    "002_2df8917ad5cfe594": "US, Western leaders calling for immediate Aleppo cease-fire",
    "003_7f696d753bde9fea": "Aleppo’s Old City captured by Assad regime following rebel retreat",
    "004_a27380e3b6992a27": "Rebels defiant as Syrian army nears Aleppo's Old City",
}


def test_public_api_is_load_articles():
    import storyline.ingest

    assert "load_articles" in storyline.ingest.__all__
    assert SUFFIXES == (".txt", ".jsonl", ".html", ".htm")


def test_seeds_load_in_name_order_with_titles(seeds_dir):
    corpus = load_articles(seeds_dir)
    assert corpus.warnings == ()
    assert [a.id for a in corpus.articles] == list(SEED_TITLES)
    assert {a.id: a.title for a in corpus.articles} == SEED_TITLES


def test_seed_text_is_the_whole_file_and_body_start_points_at_the_second_line(seeds_dir):
    for article in load_articles(seeds_dir).articles:
        raw = (seeds_dir / f"{article.id}.txt").read_text(encoding="utf-8")
        assert article.text == raw
        assert article.path == str(seeds_dir / f"{article.id}.txt")
        lines = raw.split("\n")
        if article.title is None:
            assert article.body_start == 0
        else:
            assert article.text[: article.body_start] == article.title + "\n"
            assert article.text[article.body_start :].startswith(lines[1])


def test_seed_001_body_starts_with_its_first_paragraph(seeds_dir):
    article = load_articles(seeds_dir / "001_23e9dcc2e6ed99e6.txt").articles[0]
    assert article.text[article.body_start :].startswith("The U.S. ambassador to the United Nations")


def test_files_and_folders_mix_in_the_order_given(tmp_path, seeds_dir, body):
    (tmp_path / "b.txt").write_text(body, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "text": body}) + "\n", encoding="utf-8")
    corpus = load_articles([str(seeds_dir / "003_7f696d753bde9fea.txt"), tmp_path])
    assert [a.id for a in corpus.articles] == ["003_7f696d753bde9fea", "j1", "b"]
    assert corpus.warnings == ()


def test_a_single_path_may_be_a_string(seeds_dir):
    assert len(load_articles(str(seeds_dir))) == 5


def test_repeated_ids_are_renamed_with_a_warning(tmp_path, seeds_dir, body):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        (folder / "000_cb909a982181dd53.txt").write_text(body, encoding="utf-8")
    corpus = load_articles([seeds_dir, first, second])
    ids = [a.id for a in corpus.articles]
    assert ids[0] == "000_cb909a982181dd53"
    assert ids[-2:] == ["000_cb909a982181dd53~2", "000_cb909a982181dd53~3"]
    assert len(set(ids)) == 7
    renamed = [w for w in corpus.warnings if "duplicate id" in w]
    assert len(renamed) == 2 and "'000_cb909a982181dd53~3'" in renamed[1]


def test_renaming_never_collides_with_an_existing_id(tmp_path, body):
    rows = [{"id": "a", "text": body}, {"id": "a~2", "text": body}, {"id": "a", "text": body}]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [a.id for a in load_articles(tmp_path).articles] == ["a", "a~2", "a~3"]


def test_missing_path_is_a_one_line_input_error(tmp_path, seeds_dir):
    missing = tmp_path / "missing"
    with pytest.raises(InputError, match="^no such file or directory: .*missing$"):
        load_articles([seeds_dir, missing])


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="^no articles found in "):
        load_articles(tmp_path)


def test_no_articles_error_gives_the_first_reason_on_one_line(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as error:
        load_articles(tmp_path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"no articles found in {tmp_path}")
    assert "2 skipped; first: skipped a.txt: empty file" in message


def test_subfolders_are_not_read_but_named(tmp_path, seeds_dir, body):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "inner.txt").write_text(body, encoding="utf-8")
    (tmp_path / "top.txt").write_text(body, encoding="utf-8")
    corpus = load_articles(tmp_path)
    assert [a.id for a in corpus.articles] == ["top"]
    assert corpus.warnings == ("skipped nested: a folder (folders are not read recursively)",)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notes.pdf", "skipped notes.pdf: unsupported file type '.pdf' (use .txt, .jsonl, .html)"),
        ("data.CSV", "skipped data.CSV: unsupported file type '.csv' (use .txt, .jsonl, .html)"),
        ("README", "skipped README: unsupported file type (no extension) (use .txt, .jsonl, .html)"),
    ],
)
def test_unsupported_files_are_skipped_with_a_warning(tmp_path, seeds_dir, name, message):
    (tmp_path / name).write_bytes(b"some text")
    corpus = load_articles([tmp_path, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == (message,)


@pytest.mark.parametrize("name", ["doc.TXT", "doc.Txt", "doc.JSONL", "doc.HTM"])
def test_supported_suffixes_are_case_insensitive(tmp_path, body, name):
    contents = {
        ".txt": body,
        ".jsonl": json.dumps({"id": "doc", "text": body}),
        ".htm": f"<html><body><article><p>{body}</p><p>{body}</p></article></body></html>",
    }
    (tmp_path / name).write_text(contents[name[3:].lower()], encoding="utf-8")
    corpus = load_articles(tmp_path)
    assert ([a.id for a in corpus.articles], corpus.warnings) == (["doc"], ())
