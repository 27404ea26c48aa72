"""Importing a library without the optional extras its own import would pull in.

Some libraries import every optional package they find installed: lemminflect imports spaCy
(to register token extensions), spaCy's thinc imports torch (for models Storyline never
runs). With the ``full`` extra installed that costs seconds of CPU per cold start. Inside
:func:`absent`, importing one of the named packages fails as if it were not installed, so
those optional imports are skipped; a package already imported is left alone.
:func:`stand_in` gives a package's own import an empty module for one of its submodules that
only a command-line tool needs (spaCy's ``__init__`` imports ``spacy.cli``, and with it
requests, typer and weasel: ~0.3 s of a cold brief's CPU); the real one loads when next imported.
:func:`import_scipy_sparse` imports scipy.sparse without the numpy submodules scipy's copy of
numpy's namespace would load for names it never reads; inside :func:`entry_points_by_group`,
catalogue (spaCy's registries) selects a group's entry points once, and inside :func:`msgpack_decoders_once`
srsly reads its list of msgpack decoders once. Inside :func:`collected_once`, the cyclic
garbage collector waits for the block's end (importing a large library makes many long-lived objects,
which it would otherwise go over again and again).
"""

from __future__ import annotations

import gc
import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

__all__ = [
    "absent",
    "collected_once",
    "entry_points_by_group",
    "import_scipy_sparse",
    "msgpack_decoders_once",
    "stand_in",
]


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


class _Deferred(ModuleType):
    """A submodule's placeholder: reading one of its attributes imports the real submodule and reads it there."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self.__name__), name)


# numpy's lazily loaded submodules that scipy's namespace copy reads but scipy.sparse never uses.
_NUMPY_UNUSED = ("f2py", "testing")


def import_scipy_sparse() -> ModuleType:
    """scipy.sparse, imported without importing numpy.f2py and numpy.testing.

    scipy's array-API layer (``scipy._lib.array_api_compat.numpy``, imported by scipy.sparse) copies
    numpy's namespace, reading every name numpy lists, and so loads the lazily loaded numpy.f2py and
    numpy.testing (~85 ms of a cold brief's CPU), which scipy only reads for CuPy or torch arrays.
    While scipy.sparse is imported, numpy holds a :class:`_Deferred` placeholder for each (so the copy
    still leads to the real module, imported when first read); after, numpy has none, and its own
    ``numpy.testing`` imports the real module as usual. With scipy imported already, nothing is done.
    """
    import numpy

    placed: dict[str, ModuleType] = {}
    if "scipy.sparse" not in sys.modules:
        for name in _NUMPY_UNUSED:
            if name not in numpy.__dict__ and f"numpy.{name}" not in sys.modules:
                placed[name] = numpy.__dict__[name] = _Deferred(f"numpy.{name}")
    try:
        import scipy.sparse
    finally:
        for name, placeholder in placed.items():
            if numpy.__dict__.get(name) is placeholder:
                del numpy.__dict__[name]
    return scipy.sparse


@contextmanager
def collected_once() -> Iterator[None]:
    """Within, no automatic garbage collection; after, what the block left alive is frozen (``gc.freeze``).

    For imports and model loads: the objects they make (modules, classes, functions, a model's
    tables) live as long as the process, yet each collection the allocations trigger goes over them
    again (a cold brief collected 250 times, 0.12 s of its CPU, most of it while importing spaCy and the
    pipeline's modules; 25 ms so). Frozen, they are left out of every later collection. What else is
    alive at the end is frozen too: a cycle among those objects that becomes garbage later stays, once.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(0)  # no automatic collection (an explicit gc.collect() still runs)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.freeze()


class _ByGroup:
    """An entry-point table that answers ``select(group=...)`` once a group, the same selection each time."""

    def __init__(self, table: Any) -> None:
        self._table = table
        self._groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        if set(params) != {"group"}:
            return self._table.select(**params)
        group = params["group"]
        if group not in self._groups:
            self._groups[group] = self._table.select(group=group)
        return self._groups[group]


@contextmanager
def entry_points_by_group() -> Iterator[None]:
    """Within, catalogue selects each group of the installed packages' entry points once.

    catalogue (the registries of spaCy and thinc) reads the entry points once, at import, and then, for
    every lookup of a registry that takes them, selects that registry's group from all of them again:
    loading en_core_web_sm makes ~185 such selections (~30 ms of a cold brief's CPU). Inside, its table
    is one that keeps each group's selection (the same entry points; catalogue only reads them); after,
    catalogue has its own table back. Without catalogue, nothing is done.
    """
    catalogue = sys.modules.get("catalogue")
    table = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if catalogue is None or not hasattr(table, "select"):
        yield
        return
    setattr(catalogue, "AVAILABLE_ENTRY_POINTS", _ByGroup(table))  # noqa: B010  a module's global
    try:
        yield
    finally:
        setattr(catalogue, "AVAILABLE_ENTRY_POINTS", table)  # noqa: B010


class _ReadOnce:
    """A catalogue registry's ``get_all``, read again only when a function was registered anywhere since."""

    def __init__(self, catalogue: ModuleType, registry: Any) -> None:
        self._catalogue = catalogue
        self._registry = registry
        self._size = -1
        self._all: dict[str, Any] = {}

    def __call__(self) -> dict[str, Any]:
        size = len(self._catalogue.REGISTRY)
        if size != self._size:
            self._all, self._size = type(self._registry).get_all(self._registry), size
        return dict(self._all)


@contextmanager
def msgpack_decoders_once() -> Iterator[None]:
    """Within, srsly's registry of msgpack decoders is read once (again only after a new registration).

    Every ``srsly.msgpack_loads`` (a model's weights and tables: ~90 of them loading en_core_web_sm) asks
    catalogue for all the decoders, and catalogue answers by going over every function registered in any
    registry (~25 ms of a cold brief's CPU). Inside, the registry answers from what it last read while
    the number of registered functions stays the same (the same decoders); after, it reads as before.
    Without srsly's msgpack module imported, nothing is done.
    """
    catalogue = sys.modules.get("catalogue")
    registry = getattr(sys.modules.get("srsly.msgpack"), "msgpack_decoders", None)
    if catalogue is None or registry is None or not hasattr(catalogue, "REGISTRY"):
        yield
        return
    registry.get_all = _ReadOnce(catalogue, registry)
    try:
        yield
    finally:
        del registry.get_all
