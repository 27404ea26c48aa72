"""The shipped static model's sentence vectors, computed as model2vec computes them, from its files alone.

model2vec 0.10's ``StaticModel.encode`` (Minish Lab, 2024, https://github.com/MinishLab/model2vec), for
a model without vocabulary quantization (no ``weights`` or ``mapping`` tensor, as the shipped one), is:
each text cut to ``max_length`` times the vocabulary's median token length in characters; tokenized by
the model's tokenizer without special tokens, padding off, truncated at ``max_length`` tokens; the
unknown token's ids dropped; the mean of the remaining ids' rows of the embedding matrix, in its dtype
(float16 here; the texts of one token count averaged together), a zero row for a text with none; with
``normalize``, each row divided by its float32 norm (plus 1e-32) and cast back; 1,024 texts at a time.

Importing model2vec (joblib, tqdm, its quantization and hub modules) and building its model (which
deep-copies the tokenizer and sorts the 29,525-token vocabulary) cost a cold brief about 0.2 s of CPU
for those few steps. :class:`StaticModel` reads the same files (``model.safetensors``, ``tokenizer.json``,
``config.json``) and runs the same steps with the same numpy expressions; tests/features/test_embeddings.py
checks its vectors are model2vec's, bit for bit. model2vec itself stays the tool that builds the model
(:mod:`storyline.features.distill`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from storyline.features.wordpiece import WordPiece

__all__ = ["StaticModel"]

# model2vec's defaults for a config.json that leaves them out.
_DEFAULT_MAX_LENGTH = 512
_BATCH = 1024


class StaticModel:
    """A model2vec static model read from its folder: ``encode`` gives model2vec's ``encode`` vectors."""

    def __init__(self, folder: Path) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        tensors = safe_open(str(folder / "model.safetensors"), framework="numpy")
        quantized = {"weights", "mapping"} & set(tensors.keys())
        if quantized:
            raise ValueError(f"{folder}: a vocabulary-quantized model ({', '.join(sorted(quantized))}), not read here")
        self.embedding: np.ndarray = tensors.get_tensor("embeddings")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.normalize = bool(config.get("normalize", False))
        self.max_length: int | None = config.get("max_length", _DEFAULT_MAX_LENGTH)
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        padding = tokenizer.padding
        if padding is not None:  # padding off, its pad token kept (model2vec's _disable_padding)
            tokenizer.enable_padding(
                pad_id=padding["pad_id"], pad_token=padding["pad_token"], pad_type_id=padding["pad_type_id"], length=0
            )
        if self.max_length is None:
            tokenizer.no_truncation()
        else:
            tokenizer.enable_truncation(self.max_length)
        self.tokenizer = tokenizer
        self.unk_token_id = _unknown_id(tokenizer)
        self._rows32 = np.empty((0, 0), dtype=np.float32)
        self._converted: np.ndarray | None = None

    @property
    def dim(self) -> int:
        return int(self.embedding.shape[1])

    @cached_property
    def median_token_length(self) -> int:
        """The vocabulary's median token length in characters (model2vec's, over the same tokens)."""
        return int(np.median([len(token) for token in self.tokenizer.get_vocab()]))

    def encode(self, texts: list[str]) -> np.ndarray:
        """One row per text (at least one text), as model2vec's ``encode(texts)``."""
        if self.max_length is not None and any(len(text) > self.max_length for text in texts):
            # A text no longer than max_length is never cut: the tokens are distinct strings, so at most one
            # is empty and the median length is at least 1. Only a longer one needs the vocabulary read.
            cut = self.max_length * self.median_token_length
            texts = [text[:cut] for text in texts]
        return np.concatenate([self._pooled(texts[i : i + _BATCH]) for i in range(0, len(texts), _BATCH)], axis=0)

    def tokenize(self, texts: list[str]) -> list[list[int]]:
        """Each text's ids without special tokens, the unknown token's dropped (model2vec's ``tokenize``): the
        Python WordPiece's (:mod:`storyline.features.wordpiece`, the same ids at a quarter of the CPU) when it
        matches the tokenizer, else the tokenizer's."""
        if self._wordpiece is not None:
            return self._wordpiece.tokenize(texts)
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch_fast(texts, add_special_tokens=False)]
        if self.unk_token_id is not None:
            ids = [[token for token in row if token != self.unk_token_id] for row in ids]
        return ids

    @cached_property
    def _wordpiece(self) -> WordPiece | None:
        """Built at the first encode (reading the vocabulary costs ~20 ms), so loading the model stays cheap."""
        if self.unk_token_id is None:
            return None
        wordpiece = WordPiece.matching(self.tokenizer)
        return wordpiece if wordpiece is not None and wordpiece.unknown == self.unk_token_id else None

    def _pooled(self, texts: list[str]) -> np.ndarray:
        ids = self.tokenize(texts)
        dtype = self.embedding.dtype
        if dtype == np.int8:
            dtype = np.dtype(np.float32)
        out = np.zeros((len(ids), self.dim), dtype=dtype)
        by_length: dict[int, list[int]] = defaultdict(list)
        for i, row in enumerate(ids):
            if row:
                by_length[len(row)].append(i)
        if self.embedding.dtype == np.float16:
            rows32 = self._float32_rows(ids)
            for length, rows in by_length.items():
                # numpy's float16 mean, step by step: the float32 sum over the tokens, in their order,
                # divided by the count, cast back (tests/features/test_embeddings.py: model2vec's bits).
                sums = rows32[np.array([ids[i] for i in rows], dtype=np.int64)].sum(axis=1)
                out[rows] = (sums / np.float32(length)).astype(np.float16)
        else:
            for rows in by_length.values():
                out[rows] = self.embedding[np.array([ids[i] for i in rows], dtype=np.int64)].mean(axis=1)
        if not self.normalize:
            return out
        out32 = out.astype(np.float32)
        norm = np.linalg.norm(out32, axis=1, keepdims=True) + 1e-32
        return (out32 / norm).astype(out.dtype)

    def _float32_rows(self, ids: list[list[int]]) -> np.ndarray:
        """The float16 embedding matrix as float32, each token's row converted when first used.

        numpy's mean of float16 rows casts every gathered value to float32 (about 2 ns each on this
        CPU, most of a story's pooling time); converted once per token, the rows are gathered and
        summed in float32 directly, the same values in the same order. Rows never used take no memory
        (``np.empty`` leaves the pages unwritten); a row is marked converted only once it is written.
        """
        if self._converted is None:
            self._rows32 = np.empty(self.embedding.shape, dtype=np.float32)
            self._converted = np.zeros(self.embedding.shape[0], dtype=bool)
        flat = np.fromiter((token for row in ids for token in row), dtype=np.int64)
        new = np.unique(flat[~self._converted[flat]])
        if new.size:
            self._rows32[new] = self.embedding[new].astype(np.float32)
            self._converted[new] = True
        return self._rows32


def _unknown_id(tokenizer: Any) -> int | None:
    """The unknown token's id (model2vec's ``_get_unk_token_id``)."""
    model = tokenizer.model
    if hasattr(model, "unk_token"):  # WordPiece, BPE, WordLevel
        return None if model.unk_token is None else tokenizer.token_to_id(model.unk_token)
    unk_id = json.loads(tokenizer.to_str())["model"].get("unk_id")  # Unigram
    return None if unk_id is None else int(unk_id)
