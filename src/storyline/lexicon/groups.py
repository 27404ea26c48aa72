"""Word groups as data: each line of ``lexicon/<name>.txt`` one group, its first word the group's name."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def groups(name: str) -> dict[str, str]:
    """Every word of ``lexicon/<name>.txt`` -> the first word of its line (lower-cased)."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        row = line.split("#", 1)[0].lower().split()
        for word in row:
            out.setdefault(word, row[0])
    return out
