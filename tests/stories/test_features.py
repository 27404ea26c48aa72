"""An article's features: the same in every process, copies found by their sketch, names as terms."""

from __future__ import annotations

import subprocess
import sys

from storyline.model import Article
from storyline.stories.features import article_features, content_hash, sketch_similarity

TEXT = (
    "The city council of Northfield voted on Tuesday to close the old river bridge after engineers "
    "found cracks in two of its piers. Mayor Jane Holloway said repairs would take at least six months "
    "and cost about $4 million, and that a ferry would run in the meantime."
)


def test_names_are_capitalised_runs_without_a_leading_stop_word():
    names = article_features(Article(id="a", text=TEXT + " The Senate agreed. But it was late.")).counts[2]
    assert {"northfield", "mayor_jane_holloway", "senate"} <= set(names)
    assert not {"the", "but", "the_senate"} & set(names)


def test_features_are_the_same_in_another_process():
    here = article_features(Article(id="a", text=TEXT, title="Bridge closed"))
    code = (
        "from storyline.model import Article; from storyline.stories.features import article_features;"
        f"f = article_features(Article(id='a', text={TEXT!r}, title='Bridge closed')); print(f.sketch, f.hash)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == f"{here.sketch} {here.hash}"


def test_a_light_rewrite_is_a_copy_and_another_report_is_not():
    original = article_features(Article(id="a", text=TEXT)).sketch
    rewrite = article_features(Article(id="b", text=TEXT.replace("Tuesday", "Wednesday") + " More soon.")).sketch
    other = article_features(
        Article(
            id="c", text="Engineers inspected the river bridge in Northfield and found it safe for cars and trucks."
        )
    ).sketch
    assert sketch_similarity(original, rewrite) >= 0.6
    assert sketch_similarity(original, other) < 0.3


def test_content_hash_ignores_whitespace_only():
    assert content_hash(Article(id="a", text="One  two\nthree")) == content_hash(Article(id="b", text="One two three"))
    assert content_hash(Article(id="a", text="One two three")) != content_hash(Article(id="a", text="One two four"))
