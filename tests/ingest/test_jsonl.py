"""JSONL articles: fields, bad lines named by number, and benchmark files refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline import InputError, load_articles


def write_lines(path, lines):
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines), encoding="utf-8")
    return path


def test_records_keep_their_optional_fields_and_numeric_ids_become_strings(tmp_path, body):
    path = write_lines(
        tmp_path / "a.jsonl",
        [
            {"id": "a", "text": body, "title": "T", "date": "2016-12-05T10:00:00Z", "source": "Reuters", "url": "u"},
            "",
            "   ",
            {"id": 7, "text": body, "date": "2016-12-06", "title": None},
        ],
    )
    corpus = load_articles(path)
    assert corpus.warnings == ()
    first, second = corpus.articles
    assert (first.title, first.date, first.source, first.url) == ("T", dt.date(2016, 12, 5), "Reuters", "u")
    assert (first.path, first.body_start, first.text) == (str(path), 0, body)
    assert (second.id, second.date, second.title) == ("7", dt.date(2016, 12, 6), None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "bad.jsonl:2: skipped malformed JSON line (Expecting property name enclosed in double quotes"),
        ({"id": "x"}, "bad.jsonl:2: skipped, missing field 'text'"),
        ({"text": "some text"}, "bad.jsonl:2: skipped, missing field 'id'"),
        ({"title": "only"}, "bad.jsonl:2: skipped, missing field 'id' and 'text'"),
        ({"id": "x", "text": 42}, "bad.jsonl:2: skipped, field 'text' must be a string, not int"),
        ({"id": "x", "text": "  \n "}, "bad.jsonl:2: skipped, field 'text' is empty"),
        ({"id": True, "text": "t"}, "bad.jsonl:2: skipped, field 'id' must be a non-empty string or number"),
        ({"id": "", "text": "t"}, "bad.jsonl:2: skipped, field 'id' must be a non-empty string or number"),
        (["a", "list"], "bad.jsonl:2: skipped, a record must be a JSON object, not list"),
    ],
)
def test_bad_line_is_skipped_with_its_line_number_and_reason(tmp_path, body, line, expected):
    path = write_lines(tmp_path / "bad.jsonl", [{"id": "ok", "text": body}, line, {"id": "ok2", "text": body}])
    corpus = load_articles(path)
    assert [a.id for a in corpus.articles] == ["ok", "ok2"]
    assert len(corpus.warnings) == 1 and corpus.warnings[0].startswith(expected), corpus.warnings


def test_line_numbers_count_blank_lines(tmp_path, body):
    path = write_lines(tmp_path / "gaps.jsonl", [{"id": "a", "text": body}, "", "", "{oops"])
    assert load_articles(path).warnings[0].startswith("gaps.jsonl:4: skipped malformed JSON line")


@pytest.mark.parametrize("date", ["next week", "05/12/2016", "2016-13-45", 20161205])
def test_unreadable_date_is_a_warning_and_the_article_is_kept(tmp_path, body, date):
    path = write_lines(tmp_path / "d.jsonl", [{"id": "d", "text": body, "date": date}])
    corpus = load_articles(path)
    assert corpus.articles[0].date is None
    assert corpus.warnings[0].startswith(f"d.jsonl:1: unreadable date {date!r} ignored")


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-12-05", dt.date(2016, 12, 5)),
        ("2016-12-05T23:30:00+02:00", dt.date(2016, 12, 5)),
        ("2016-12-05 08:00:00", dt.date(2016, 12, 5)),
        ("2016-12-05T08:00:00.123456789Z", dt.date(2016, 12, 5)),
    ],
)
def test_iso_dates_and_datetimes_give_the_day(tmp_path, body, value, day):
    path = write_lines(tmp_path / "d.jsonl", [{"id": "d", "text": body, "date": value}])
    corpus = load_articles(path)
    assert (corpus.articles[0].date, corpus.warnings) == (day, ())


def test_benchmark_file_is_refused_with_a_pointer_to_eval(tmp_path):
    path = write_lines(
        tmp_path / "bench.jsonl",
        ['{"protocol": {"words": 25}}', {"id": "c", "docs": [{"id": "d", "text": "t"}], "summaries": ["s"]}],
    )
    with pytest.raises(InputError) as error:
        load_articles([path])
    assert str(error.value) == f"{path} is a benchmark file (protocol header); use `storyline eval {path}`"


def test_real_benchmark_file_is_refused(seeds_dir):
    bench = seeds_dir.parent / "data" / "opinosis" / "dev.jsonl"
    assert bench.is_file(), f"the benchmark data is missing: {bench}"
    with pytest.raises(InputError, match="benchmark file"):
        load_articles(bench)


def test_a_file_of_only_bad_lines_names_the_first_in_the_error(tmp_path):
    path = write_lines(tmp_path / "all-bad.jsonl", ["{", "{"])
    with pytest.raises(InputError, match=r"2 skipped; first: all-bad\.jsonl:1: skipped malformed JSON line"):
        load_articles(path)


def test_line_and_paragraph_separators_inside_a_string_do_not_split_the_record(tmp_path, body):
    text = body + "\u2028Second line.\u2029Next paragraph.\x85End."
    path = tmp_path / "raw.jsonl"
    path.write_text(json.dumps({"id": "r", "text": text}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    corpus = load_articles(path)
    assert ([a.text for a in corpus.articles], corpus.warnings) == ([text], ())


def test_benchmark_clusters_without_their_header_are_refused(tmp_path):
    cluster = {"id": "c", "docs": [{"id": "d", "text": "t"}], "summaries": ["s"]}
    path = write_lines(tmp_path / "clusters.jsonl", [cluster, cluster])
    with pytest.raises(InputError) as error:
        load_articles(path)
    assert (
        str(error.value)
        == f"{path} is a benchmark file (clusters.jsonl:1: a cluster of docs); use `storyline eval {path}`"
    )
