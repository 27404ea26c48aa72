from __future__ import annotations

import re
import types

import pytest

from storyline.text import regex_cache
from storyline.text.regex_cache import CACHED_RE, install

CALLS = [
    ("sub", (r"(?<=\sGen)\.(?=\s)", "∯", " Gen. Lee and Gen. Grant")),
    ("sub", (r"a", "b", "aaaa", 2)),
    ("subn", (r"\d+", "#", "1 and 22 and 333")),
    ("search", (r"\bU\.S\b", "the U.S. army")),
    ("match", (r"\t", "\tx")),
    ("fullmatch", (r"[a-z]+", "abc")),
    ("findall", (r"(?:^|\s)gen", "Gen. Lee, gen. Grant")),
    ("finditer", (r"\w+\s*", "one two  three")),
    ("split", (r"\s+", "a b  c", 1)),
]


@pytest.mark.parametrize(("name", "args"), CALLS)
def test_cached_functions_answer_as_re_does(name, args):
    expected, found = getattr(re, name)(*args), getattr(CACHED_RE, name)(*args)
    if name == "finditer":
        expected, found = [m.span() for m in expected], [m.span() for m in found]
    elif name in ("search", "match", "fullmatch"):
        expected, found = expected.span(), found.span()
    assert found == expected


def test_flags_and_compiled_patterns_are_honoured():
    assert CACHED_RE.findall("gen", "Gen GEN gen", flags=re.IGNORECASE) == ["Gen", "GEN", "gen"]
    assert CACHED_RE.sub(re.compile("x"), "y", "xx") == "yy"
    assert CACHED_RE.escape is re.escape and CACHED_RE.IGNORECASE is re.IGNORECASE


def test_a_pattern_is_compiled_once_however_many_other_patterns_follow():
    first = CACHED_RE.compile(r"storyline-test-pattern-\d")
    for n in range(600):  # more than re's own cache holds
        CACHED_RE.search(f"pattern-{n}", "text")
    assert CACHED_RE.compile(r"storyline-test-pattern-\d") is first


def test_install_points_only_the_package_modules_using_re_at_the_cache(monkeypatch):
    module, other = types.ModuleType("fakepkg.rules"), types.ModuleType("fakepkgother")
    module.re = other.re = re  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "fakepkg.rules", module)
    monkeypatch.setitem(__import__("sys").modules, "fakepkgother", other)
    install("fakepkg")
    assert module.re is regex_cache.CACHED_RE and other.re is re  # type: ignore[attr-defined]
