"""Embedders: the shipped static model and the packaged transformer, loaded offline."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from storyline.errors import ConfigError
from storyline.features.embeddings import load_embedder

PARAPHRASE = ("Russia vetoed the resolution on Aleppo.", "The resolution on Aleppo was vetoed by Russia.")
UNRELATED = "The football season starts in August with a new coach."


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.mark.parametrize("mode", ["static", "full"])
def test_embeddings_are_normalized_and_put_paraphrases_closest(mode):
    embedder = load_embedder(mode)
    assert embedder is not None
    vectors = embedder.encode([*PARAPHRASE, UNRELATED])
    assert vectors.dtype == np.float32 and vectors.shape == (3, embedder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@pytest.mark.parametrize("mode", ["static", "full"])
def test_empty_input_gives_an_empty_matrix(mode):
    embedder = load_embedder(mode)
    assert embedder is not None
    assert embedder.encode([]).shape == (0, embedder.dim)


def test_text_without_known_tokens_gives_a_finite_vector():
    embedder = load_embedder("static")
    assert embedder is not None
    assert np.isfinite(embedder.encode(["", "\u2603\u2603"])).all()


def test_none_mode_gives_no_embedder():
    assert load_embedder("none") is None


def test_auto_prefers_the_static_model():
    embedder = load_embedder("auto")
    assert embedder is not None and embedder.name == "minilm-static"


def test_unknown_mode_names_the_valid_ones():
    with pytest.raises(ConfigError, match="static"):
        load_embedder("gpu")


def test_importing_the_module_does_not_import_torch_or_model2vec():
    code = "import sys, storyline.features.embeddings; print('torch' in sys.modules, 'model2vec' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
