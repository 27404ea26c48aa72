"""Reading a feed: a JSONL file streamed a batch of lines at a time, with the file's line numbers in warnings."""

from __future__ import annotations

import io
import json
from pathlib import Path

from storyline.stories import reading
from storyline.stories.reading import _batches_of_lines, read_paths

from .conftest import write_jsonl


class CountingReader(io.BytesIO):
    """A file that says how many bytes were read from it so far."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        line = super().readline(size)
        self.consumed += len(line)
        return line


def test_a_jsonl_file_is_read_one_batch_of_lines_at_a_time(stream_rows):
    data = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in stream_rows[:40]).encode()
    file = CountingReader(data)
    batches = _batches_of_lines(file, Path("feed.jsonl"), 10)
    first = next(batches)
    assert [a.id for a in first.articles] == [r["id"] for r in stream_rows[:10]]
    assert file.consumed < len(data) / 3
    assert sum(len(b.articles) for b in batches) == 30


def test_warnings_name_the_files_line_and_every_record_is_accounted_for(tmp_path, stream_rows):
    path = write_jsonl(tmp_path / "feed.jsonl", stream_rows[:40])
    lines = path.read_bytes().split(b"\n")
    lines[6] = b'{"id": "broken", "text": '  # line 7
    latin = json.dumps({"id": "latin", "text": "Caf\u00e9 au lait. " * 30}, ensure_ascii=False).encode()
    lines[35] = latin.replace("\u00e9".encode(), b"\xe9")  # line 36, cp1252, past the UTF-8 sniff
    assert sum(len(line) + 1 for line in lines[:35]) > reading._SNIFF
    path.write_bytes(b"\n".join(lines))
    batches = list(read_paths([path], size=3))
    warnings = [w for b in batches for w in b.warnings]
    assert any(w.startswith("feed.jsonl:7: skipped malformed JSON") for w in warnings)
    assert any("feed.jsonl:36" in w for w in warnings)  # not UTF-8: decoded with a warning, kept
    ids = [a.id for b in batches for a in b.articles]
    assert "latin" in ids and "broken" not in ids and len(ids) == 39
    assert {b.total for b in batches} == {40}


def test_a_line_over_the_limit_is_skipped_with_a_warning(tmp_path, stream_rows, monkeypatch):
    monkeypatch.setattr(reading, "MAX_LINE_BYTES", 5_000)
    rows = [{"id": "long", "text": "word " * 3_000}, *stream_rows[:2]]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    batches = list(read_paths([path], size=10))
    assert [a.id for b in batches for a in b.articles] == [r["id"] for r in stream_rows[:2]]
    assert any("feed.jsonl:1: skipped, a line over 5,000 bytes" in w for b in batches for w in b.warnings)


def test_a_batch_parsed_in_parts_is_the_batch_parsed_whole(tmp_path, stream_rows):
    from storyline.ingest.jsonl import articles_from_jsonl
    from storyline.ingest.language import language_warnings
    from storyline.stories.features import article_features

    path = write_jsonl(tmp_path / "feed.jsonl", stream_rows[:150])
    lines = path.read_bytes().split(b"\n")
    lines[100] = b'{"id": "broken", "text": '  # line 101, in the second part
    french = "Le gouvernement a annonc\u00e9 mardi une r\u00e9forme des retraites pour les fonctionnaires. "
    lines[5] = json.dumps({"id": "fr", "text": french * 4}, ensure_ascii=False).encode()  # line 6, in the first
    path.write_bytes(b"\n".join(lines))
    [batch] = list(read_paths([path], size=200))
    warnings: list[str] = []
    whole = articles_from_jsonl(path.read_text(encoding="utf-8"), path=path, warnings=warnings)
    assert batch.prepared and len(whole) == 149
    assert batch.articles == tuple(whole)
    # Reading's warnings first, then the language check's, as from one parse of the batch.
    assert batch.warnings == (*warnings, *language_warnings(whole))
    assert any("looks like French" in w for w in batch.warnings) and "feed.jsonl:101" in batch.warnings[0]
    assert batch.features == tuple(article_features(a) for a in whole)
