"""A stand-in for the ``re`` module, for a library that builds its patterns anew on every call.

pysbd formats a pattern per abbreviation and per match (``(?<=\\sGen)\\.(?=...)``) and hands the
string to ``re.sub``: about 2,000 distinct patterns on 400 news articles. ``re`` keeps only the
last 512 compiled, so each call compiled its patterns again (and pushed every other module's
patterns out of that cache). :func:`install` gives the library's modules an object with ``re``'s
functions that compile through a cache of their own, large enough for all of them: the same
patterns, the same matches, compiled once per process (splitting 400 articles: 1.2 s -> 1.0 s
of CPU the first time, and no compiling at all in later briefs).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

__all__ = ["CACHED_RE", "install"]

# pysbd's English rules formatted with every case and leading space of ~200 abbreviations stay
# well under this; the cap only bounds memory on text made to grow it.
_MAX_PATTERNS = 16_384


@lru_cache(maxsize=_MAX_PATTERNS)
def _compiled(pattern: str | bytes, flags: int) -> re.Pattern[Any]:
    return re.compile(pattern, flags)


def _pattern(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
    return pattern if isinstance(pattern, re.Pattern) else _compiled(pattern, int(flags))


# The functions of ``re`` that take a pattern, with re's own signatures.
def _search(pattern: Any, string: Any, flags: int = 0) -> Any:
    return _pattern(pattern, flags).search(string)


def _match(pattern: Any, string: Any, flags: int = 0) -> Any:
    return _pattern(pattern, flags).match(string)


def _fullmatch(pattern: Any, string: Any, flags: int = 0) -> Any:
    return _pattern(pattern, flags).fullmatch(string)


def _findall(pattern: Any, string: Any, flags: int = 0) -> Any:
    return _pattern(pattern, flags).findall(string)


def _finditer(pattern: Any, string: Any, flags: int = 0) -> Any:
    return _pattern(pattern, flags).finditer(string)


def _sub(pattern: Any, repl: Any, string: Any, count: int = 0, flags: int = 0) -> Any:
    return _pattern(pattern, flags).sub(repl, string, count)


def _subn(pattern: Any, repl: Any, string: Any, count: int = 0, flags: int = 0) -> Any:
    return _pattern(pattern, flags).subn(repl, string, count)


def _split(pattern: Any, string: Any, maxsplit: int = 0, flags: int = 0) -> Any:
    return _pattern(pattern, flags).split(string, maxsplit)


# ``re``'s own names (flags, escape, error ...), with the pattern functions compiling through the cache.
CACHED_RE = SimpleNamespace(
    **{name: getattr(re, name) for name in dir(re) if not name.startswith("_")}
    | {
        "compile": _pattern,
        "search": _search,
        "match": _match,
        "fullmatch": _fullmatch,
        "findall": _findall,
        "finditer": _finditer,
        "sub": _sub,
        "subn": _subn,
        "split": _split,
    }
)


def install(package: str) -> None:
    """Point the ``re`` global of every imported module of ``package`` at :data:`CACHED_RE`."""
    for name, module in list(sys.modules.items()):
        if (name == package or name.startswith(package + ".")) and getattr(module, "re", None) is re:
            module.re = CACHED_RE  # type: ignore[attr-defined]
