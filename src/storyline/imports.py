"""Importing a library without the optional extras its own import would pull in.

Some libraries import every optional package they find installed: lemminflect imports spaCy
(to register token extensions), spaCy's thinc imports torch (for models Storyline never
runs). With the ``full`` extra installed that costs seconds of CPU per cold start. Inside
:func:`absent`, importing one of the named packages fails as if it were not installed, so
those optional imports are skipped; a package already imported is left alone.
:func:`stand_in` gives a package's own import an empty module for one of its submodules that
only a command-line tool needs (spaCy's ``__init__`` imports ``spacy.cli``, and with it
requests, typer and weasel: ~0.3 s of a cold brief's CPU); the real one loads when next imported.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

__all__ = ["absent", "stand_in"]


class _Absent(importlib.abc.MetaPathFinder):
    def __init__(self, packages: frozenset[str]) -> None:
        self.packages = packages

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] in self.packages:
            raise ImportError(f"{fullname} is left out here (storyline.imports.absent)")
        return None


@contextmanager
def absent(*packages: str) -> Iterator[None]:
    """Within the block, ``import PACKAGE`` raises ImportError for each named package not yet imported."""
    missing = frozenset(p for p in packages if p not in sys.modules)
    finder = _Absent(missing)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


@contextmanager
def stand_in(modules: dict[str, dict[str, Any]]) -> Iterator[None]:
    """Within the block, importing each named module gives an empty one holding the given attributes.

    Modules already imported are left alone. After the block the stand-ins are forgotten, so the next
    ``import`` of such a module, anywhere, loads the real one.
    """
    placed = {}
    for name, attributes in modules.items():
        if name not in sys.modules:
            module = ModuleType(name, "a stand-in (storyline.imports.stand_in)")
            module.__dict__.update(attributes)
            placed[name] = sys.modules[name] = module
    try:
        yield
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
