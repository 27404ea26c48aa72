"""Paths that are not plain files: links, broken links, FIFOs, and paths that cannot be inspected."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline import InputError, load_articles

SEED = "000_cb909a982181dd53.txt"


def test_a_link_to_a_folder_is_read_as_that_folder(tmp_path, seeds_dir):
    link = tmp_path / "cluster"
    link.symlink_to(seeds_dir, target_is_directory=True)
    corpus = load_articles(link)
    assert (len(corpus), corpus.warnings) == (5, ())


def test_a_link_to_a_file_is_read_like_the_file(tmp_path, seeds_dir):
    (tmp_path / "story.txt").symlink_to(seeds_dir / SEED)
    corpus = load_articles(tmp_path)
    assert [a.id for a in corpus.articles] == ["story"]
    assert corpus.articles[0].text == (seeds_dir / SEED).read_text(encoding="utf-8")


def test_a_broken_link_in_a_folder_is_skipped_with_a_warning(tmp_path, seeds_dir):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    corpus = load_articles([tmp_path, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == ("skipped gone.txt: a broken link",)


def test_a_broken_link_given_by_name_is_an_input_error(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match=r"^no such file or directory: .*gone\.txt \(a broken link\)$"):
        load_articles(tmp_path / "gone.txt")


def test_a_missing_path_fails_before_anything_is_read(tmp_path, seeds_dir, monkeypatch):
    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read before the missing path was noticed")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputError, match="^no such file or directory: "):
        load_articles([seeds_dir, tmp_path / "typo"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_fifo_is_skipped_without_blocking(tmp_path, seeds_dir):
    os.mkfifo(tmp_path / "pipe.txt")
    corpus = load_articles([tmp_path, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == ("skipped pipe.txt: not a regular file",)


def test_a_path_that_cannot_be_inspected_is_a_warning_not_a_traceback(tmp_path, seeds_dir, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    real_stat = Path.stat

    # chmod does not stop root (the tests may run as root), so the refusal is simulated.
    def refuse(self: Path, **kwargs: bool) -> os.stat_result:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)
    corpus = load_articles([locked, seeds_dir])
    assert len(corpus) == 5
    assert corpus.warnings == ("skipped locked.txt: cannot read it (Permission denied)",)
