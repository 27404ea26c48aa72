"""The byte-level guards: empty, binary, oversized, unreadable and non-UTF-8 files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import load_articles
from storyline.ingest.files import Skip, decode, read_text

SEED = "000_cb909a982181dd53.txt"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "skipped empty.txt: empty file"),
        ("blank.txt", b"  \n\t \r\n", "skipped blank.txt: empty file"),
        ("empty.jsonl", b"\n\n", "skipped empty.jsonl: empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "skipped image.txt: binary file"),
        ("late-nul.html", b"<html>" + b"x" * 100 + b"\x00", "skipped late-nul.html: binary file"),
    ],
)
def test_unusable_files_are_skipped_with_a_named_warning(tmp_path, seeds_dir, name, content, message):
    (tmp_path / name).write_bytes(content)
    corpus = load_articles([tmp_path, seeds_dir / SEED])
    assert [a.id for a in corpus.articles] == [SEED.removesuffix(".txt")]
    assert corpus.warnings == (message,)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Caf\u00e9 owners said the \u201cbombardment\u201d had stopped, Fran\u00e7ois told reporters. "),
        ("latin-1", "Caf\u00e9 owners in the old city said the bombardment had stopped, na\u00efve as it sounds. "),
        ("cp1252", "Fran\u00e7ois et l'\u00e9t\u00e9 \u00e0 Paris: the cr\u00e8me of the city said on Monday. "),
    ],
)
def test_non_utf8_text_is_decoded_as_cp1252_with_a_warning(tmp_path, body, encoding, text):
    (tmp_path / "old.txt").write_bytes((text + body).encode(encoding))
    corpus = load_articles(tmp_path)
    assert corpus.articles[0].text == text + body
    assert corpus.warnings == ("old.txt: not UTF-8, decoded as cp1252",)


def test_utf8_bom_is_dropped_and_nothing_else_changes(tmp_path, body):
    raw = "Headline here\r\n  " + body + "\r\n\r\n"
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    article = load_articles(tmp_path).articles[0]
    assert article.text == raw
    assert article.title == "Headline here" and article.body_start == len("Headline here\r\n")


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html"])
def test_huge_file_is_refused_without_reading_it(tmp_path, seeds_dir, monkeypatch, suffix):
    huge = tmp_path / f"huge{suffix}"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper, nothing on disk
    real_read_bytes = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self != huge, "the oversized file was read"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    corpus = load_articles([huge, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == (f"skipped huge{suffix}: 52.4 MB is over the 20 MB limit",)


def test_size_limit_is_configurable(tmp_path, body):
    (tmp_path / "a.txt").write_text(body * 10, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body, encoding="utf-8")
    corpus = load_articles(tmp_path, max_bytes=1000)
    assert [a.id for a in corpus.articles] == ["b"]
    assert corpus.warnings == ("skipped a.txt: 0.0 MB is over the 0.001 MB limit",)


def test_unreadable_file_is_skipped_with_a_warning(tmp_path, seeds_dir, monkeypatch, body):
    locked = tmp_path / "locked.txt"
    locked.write_text(body, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    # chmod 000 does not stop root (the test may run as root), so the refusal is simulated.
    def refuse(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    corpus = load_articles([locked, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == ("skipped locked.txt: cannot read it (Permission denied)",)


def test_unlistable_folder_is_skipped_with_a_warning(tmp_path, seeds_dir, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    corpus = load_articles([locked, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == (f"skipped {locked}: cannot list the folder (Permission denied)",)


def test_decode_refuses_text_that_is_mostly_control_characters():
    with pytest.raises(Skip, match="binary file"):
        decode(bytes(range(1, 32)) * 40 + b"\xff", "x.txt", [])


def test_read_text_reports_a_vanished_file(tmp_path):
    with pytest.raises(Skip, match="^skipped gone.txt: cannot read it"):
        read_text(tmp_path / "gone.txt", max_bytes=100, warnings=[])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded_with_a_warning(tmp_path, body, encoding):
    text = "Caf\u00e9 \u201cquoted\u201d\n" + body
    data = text.encode(encoding)
    if not encoding.endswith(("16", "32")):  # the -be codecs write no BOM; editors do
        data = "\ufeff".encode(encoding) + data
    (tmp_path / "wide.txt").write_bytes(data)
    corpus = load_articles(tmp_path)
    assert corpus.articles[0].text == text
    assert corpus.warnings == (f"wide.txt: not UTF-8, decoded as {encoding[:6]}",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xef\xbb\xbf", "skipped bom.txt: empty file"),  # a BOM and nothing else
        ("\u3000\u00a0\n".encode(), "skipped bom.txt: empty file"),  # Unicode spaces only
        (b"\xff\xfe" + b"a\x00b", "skipped bom.txt: binary file"),  # a UTF-16 BOM, then an odd byte count
    ],
)
def test_text_that_decodes_to_nothing_usable_is_skipped(tmp_path, seeds_dir, content, message):
    (tmp_path / "bom.txt").write_bytes(content)
    corpus = load_articles([tmp_path, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == (message,)
