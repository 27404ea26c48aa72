"""Word lists as data (one entry per line, `#` starts a comment), each loaded once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``lexicon/<name>.txt``, lower-cased."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.split("#", 1)[0].strip().lower() for line in text.splitlines()) - {""}
