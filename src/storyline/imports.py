"""Importing a library without the optional extras its own import would pull in.

Some libraries import every optional package they find installed: lemminflect imports spaCy
(to register token extensions), spaCy's thinc imports torch (for models Storyline never
runs). With the ``full`` extra installed that costs seconds of CPU per cold start. Inside
:func:`absent`, importing one of the named packages fails as if it were not installed, so
those optional imports are skipped; a package already imported is left alone.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

__all__ = ["absent"]


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
