"""Lazy imports: `storyline --help` and `import storyline` load no heavy library; the public API is unchanged."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import storyline

HEAVY = ("numpy", "scipy", "sklearn", "model2vec", "torch", "sentence_transformers", "pysbd", "datasketch", "spacy")


def _loaded_after(code: str) -> set[str]:
    """The top-level packages loaded by ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "from storyline.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass",
        "from storyline.cli import app\ntry:\n    app(['brief', '--help'])\nexcept SystemExit:\n    pass",
        "import storyline",
    ],
    ids=["storyline --help", "storyline brief --help", "import storyline"],
)
def test_starting_up_imports_no_heavy_library(code):
    assert _loaded_after(code) & set(HEAVY) == set()


@pytest.mark.parametrize("entities", ["rules", "auto"])
def test_a_default_brief_imports_neither_scikit_learn_nor_torch(seeds_dir, entities):
    """TF-IDF, the static embeddings and the facts need neither: a cold start pays for neither (spaCy, when
    the entities come from it, runs without torch or its command line's requests and weasel; the rule-based
    entities need no spaCy either)."""
    config = f"storyline.BriefConfig(entities={entities!r})"
    code = f"import storyline\nstoryline.build_brief(storyline.load_articles([{str(seeds_dir)!r}]), {config})"
    unwanted = {"sklearn", "torch", "sentence_transformers", "requests", "weasel"}
    unwanted |= {"spacy", "thinc"} if entities == "rules" else set()
    assert _loaded_after(code) & unwanted == set()


def test_a_default_brief_leaves_scipy_optimize_to_the_exact_cover(seeds_dir):
    """The default ranker's cover is greedy: HiGHS (scipy.optimize) loads only for an exact cover."""
    code = (
        f"import storyline, sys\nstoryline.build_brief(storyline.load_articles([{str(seeds_dir)!r}]))\n"
        "print('scipy.optimize' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split()[-1] == "False"


def test_absent_hides_a_package_inside_the_block_only():
    code = (
        "from storyline.imports import absent\n"
        "with absent('wave'):\n"
        "    try:\n        import wave\n        print('imported')\n"
        "    except ImportError:\n        print('absent')\n"
        "import wave\nprint('after', wave.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["absent", "after", "wave"]


def test_a_stand_in_serves_the_block_and_the_real_module_loads_after():
    code = (
        "from storyline.imports import stand_in\n"
        "with stand_in({'wave': {'marker': 1}}):\n"
        "    import wave\n    print(wave.marker)\n"
        "import wave\nprint(hasattr(wave, 'marker'), hasattr(wave, 'open'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["1", "False", "True"]


def test_a_stand_in_leaves_an_imported_module_alone():
    from storyline.imports import stand_in

    with stand_in({"json": {}}):
        import json as again
    assert again is json and hasattr(again, "dumps")


def test_scipy_sparse_comes_without_numpys_f2py_and_testing_and_both_still_work():
    """import_scipy_sparse (run by storyline.features) leaves numpy.f2py and numpy.testing unloaded; numpy's
    own attribute and scipy's copy of numpy's namespace both still reach the real numpy.testing."""
    code = (
        "import sys, numpy\n"
        "import storyline.features\n"
        "import scipy.sparse as sp\n"
        "print(sp.csr_matrix(numpy.eye(2)).sum(), 'numpy.f2py' in sys.modules, 'numpy.testing' in sys.modules)\n"
        "print('testing' in numpy.__dict__, 'f2py' in numpy.__dict__)\n"
        "from scipy._lib.array_api_compat import numpy as copied\n"
        "copied.testing.assert_array_equal(numpy.ones(2), numpy.ones(2))\n"
        "print(numpy.testing.assert_array_equal is copied.testing.assert_array_equal, 'numpy.testing' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["2.0", "False", "False", "False", "False", "True", "True"]


def test_collected_once_pauses_collection_then_freezes_what_the_block_left():
    code = (
        "import gc\n"
        "from storyline.imports import collected_once\n"
        "gc.set_threshold(700, 10, 10)\n"
        "with collected_once():\n"
        "    inside = gc.get_threshold()[0]\n"
        "    made = [[n] for n in range(10_000)]\n"
        "print(inside, gc.get_threshold(), gc.get_freeze_count() >= 10_000, gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["0", "(700,", "10,", "10)", "True", "True"]


def test_entry_points_by_group_gives_catalogue_the_same_selections_then_its_own_table_back():
    import catalogue

    from storyline.imports import entry_points_by_group

    table = catalogue.AVAILABLE_ENTRY_POINTS
    groups = sorted(table.groups)
    with entry_points_by_group():
        inside = catalogue.AVAILABLE_ENTRY_POINTS
        assert inside is not table
        for group in [*groups, "no_such_group"]:
            assert list(inside.select(group=group)) == list(table.select(group=group))
            assert inside.select(group=group) is inside.select(group=group)  # selected once
        assert list(inside.select(name="pysbd")) == list(table.select(name="pysbd"))
    assert catalogue.AVAILABLE_ENTRY_POINTS is table


def test_msgpack_decoders_once_reads_srsly_s_decoders_once_until_a_new_registration():
    import catalogue
    import numpy
    import srsly.msgpack as msgpack

    from storyline.imports import msgpack_decoders_once

    registry = msgpack.msgpack_decoders
    packed = msgpack.packb({"weights": numpy.arange(6, dtype="float32").reshape(2, 3)})
    with msgpack_decoders_once():
        assert registry.get_all() == type(registry).get_all(registry)
        assert msgpack.unpackb(packed)[b"weights"].tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
        registry.register("storyline_test", func=lambda obj, chain=None: obj if chain is None else chain(obj))
        try:
            assert "storyline_test" in registry.get_all()  # read again after a registration
        finally:
            catalogue._remove([*registry.namespace, "storyline_test"])
        assert "storyline_test" not in registry.get_all()
    assert "get_all" not in registry.__dict__  # the registry reads as before
    assert registry.get_all().keys() == type(registry).get_all(registry).keys()


def test_the_cli_help_lists_every_command():
    done = subprocess.run(
        [sys.executable, "-c", "from storyline.cli import app; app(['--help'])"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for command in ("brief", "rankers", "eval", "serve", "version"):
        assert command in done.stdout


def test_every_public_name_is_the_one_its_module_defines():
    import importlib

    for name in storyline.__all__:
        if name == "__version__":
            continue
        source = storyline._SOURCES.get(name, "storyline.render")
        assert getattr(storyline, name) is getattr(importlib.import_module(source), name), name
    assert set(storyline.__all__) <= set(dir(storyline))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = storyline.no_such_name  # type: ignore[attr-defined]


def test_render_stays_the_function_when_its_subpackage_is_imported_first():
    code = "import storyline.render.json, storyline\nprint(storyline.render.__module__, callable(storyline.render))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["storyline.render", "True"]
