"""Embedders: the shipped static model and the packaged transformer, real models, loaded offline."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from storyline.errors import ConfigError
from storyline.features import embeddings
from storyline.features.embeddings import load_embedder

PARAPHRASE = ("Russia vetoed the resolution", "The resolution was vetoed by Russia")
UNRELATED = "The football season starts in August with a new coach."
# The documented names and widths (the module docstring); thresholds elsewhere are keyed by name.
MODELS = [
    pytest.param("static", "minilm-static", 256, id="static"),
    pytest.param("full", "all-MiniLM-L6-v2", 384, id="full", marks=pytest.mark.slow),
]


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (fresh imports, fresh caches), offline; its stdout."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.mark.parametrize(("mode", "name", "dim"), MODELS)
def test_embedder_returns_unit_float32_rows_of_its_documented_width(mode, name, dim):
    embedder = load_embedder(mode)
    assert embedder is not None
    assert (embedder.name, embedder.dim) == (name, dim)
    vectors = embedder.encode([*PARAPHRASE, UNRELATED])
    assert vectors.dtype == np.float32 and vectors.shape == (3, dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(("mode", "name", "dim"), MODELS)
def test_paraphrases_are_closer_than_unrelated_sentences(mode, name, dim):
    embedder = load_embedder(mode)
    assert embedder is not None
    first, reworded, unrelated = embedder.encode([*PARAPHRASE, UNRELATED])
    assert first @ reworded > first @ unrelated + 0.2


@pytest.mark.parametrize(("mode", "name", "dim"), MODELS)
def test_empty_input_gives_an_empty_matrix(mode, name, dim):
    embedder = load_embedder(mode)
    assert embedder is not None
    empty = embedder.encode([])
    assert empty.shape == (0, dim) and empty.dtype == np.float32


def test_text_without_known_tokens_gives_a_zero_row_not_nan():
    embedder = load_embedder("static")
    assert embedder is not None
    vectors = embedder.encode(["", "\u2603\u2603", "Russia vetoed it"])
    assert np.isfinite(vectors).all()
    assert np.linalg.norm(vectors, axis=1).tolist() == pytest.approx([0.0, 0.0, 1.0], abs=1e-5)


def test_models_are_loaded_once_per_process():
    assert load_embedder("static") is load_embedder("static")
    assert load_embedder("auto") is load_embedder("static")


def test_none_mode_gives_no_embedder():
    assert load_embedder("none") is None


def test_unknown_mode_names_the_valid_ones():
    with pytest.raises(ConfigError, match="gpu") as raised:
        load_embedder("gpu")
    assert all(mode in str(raised.value) for mode in embeddings.MODES)


def test_importing_the_module_does_not_import_torch_or_model2vec():
    code = "import sys, storyline.features.embeddings; print('torch' in sys.modules, 'model2vec' in sys.modules)"
    assert run_python(code).split() == ["False", "False"]


def test_static_model_runs_without_importing_torch():
    code = (
        "import sys\n"
        "from storyline.features.embeddings import load_embedder\n"
        "print(load_embedder('static').encode(['Russia vetoed the resolution']).shape, 'torch' in sys.modules)"
    )
    assert run_python(code).split() == ["(1,", "256)", "False"]


def test_missing_full_dependencies_name_the_extra_to_install():
    code = (
        "import sys; sys.modules['sentence_transformers'] = None\n"
        "from storyline.errors import MissingDependencyError\n"
        "from storyline.features.embeddings import load_embedder\n"
        "try:\n    load_embedder('full')\nexcept MissingDependencyError as error:\n    print(error)"
    )
    assert "pip install 'storyline[full]'" in run_python(code)


def test_auto_gives_none_when_no_model_can_be_loaded(tmp_path):
    code = (
        "import sys; sys.modules['sentence_transformers'] = None\n"
        "from pathlib import Path\n"
        "from storyline.features import embeddings\n"
        f"embeddings.STATIC_DIR = Path({str(tmp_path)!r})\n"
        "print(embeddings.load_embedder('auto'))"
    )
    assert run_python(code).strip() == "None"


def test_the_static_model_gives_model2vecs_vectors_bit_for_bit(seeds_dir):
    """The shipped model read and pooled without model2vec (storyline.features.static_model) against
    model2vec's own StaticModel.from_pretrained: the same settings and, for every line of the seeds, texts
    cut for length (characters and tokens), texts of unknown tokens only, and more texts than one batch,
    the same vectors."""
    from model2vec import StaticModel

    ours = load_embedder("static").model
    theirs = StaticModel.from_pretrained(str(embeddings.STATIC_DIR))
    lines = [line for path in sorted(seeds_dir.glob("*.txt")) for line in path.read_text().splitlines()]
    texts = [*lines, "", "\u2603\u2603", "word " * 2000, "x" * 5000, "a" * 513, *PARAPHRASE, UNRELATED]
    texts += [f"{line} {n}" for n, line in enumerate(lines * (1100 // len(lines) + 1))][:1100]
    assert (ours.normalize, ours.max_length, ours.dim) == (theirs.normalize, theirs.max_length, theirs.dim)
    assert (ours.median_token_length, ours.unk_token_id) == (theirs.median_token_length, theirs.unk_token_id)
    mine, model2vecs = ours.encode(texts), theirs.encode(texts)
    assert mine.dtype == model2vecs.dtype and np.array_equal(mine, model2vecs)
    assert np.array_equal(ours.encode(texts[:5]), theirs.encode(texts[:5]))  # no text past max_length


def test_loading_the_static_model_imports_neither_model2vec_nor_the_hub():
    code = (
        "import sys\n"
        "from storyline.features.embeddings import load_embedder\n"
        "load_embedder('static').encode(['Russia vetoed the resolution'])\n"
        "print('huggingface_hub' in sys.modules, 'model2vec' in sys.modules)"
    )
    assert run_python(code).split() == ["False", "False"]
