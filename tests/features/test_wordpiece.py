"""The Python WordPiece gives the static model's Rust tokenizer's ids, on crafted text and on real news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storyline
from storyline.features.embeddings import load_embedder
from storyline.features.wordpiece import WordPiece

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

CASES = [
    "",
    "   ",
    "The army took the Old City on Tuesday, officials said.",
    "He said: “We will stay” — and they didn’t… 80% of east-side homes ($4.5bn).",
    "snake_case, CamelCase, e-mail@example.org, #hashtag and ##ing",
    "tabs\tand\nline\r\nbreaks",
    "an unknownish wordzzqqx and a " + "x" * 101 + " long one",
    "Café, naïve, Zürich, 東京, Ελλάδα",  # to the Rust tokenizer: not plain text
    "a [UNK] token, a [PAD] one and [brackets]",
    "control\x00char\x07s and a \x7f",
    " ".join(["word"] * 600),  # past the 512-token truncation
    " ".join(["antidisestablishmentarianism"] * 300),  # truncated inside a word's pieces
]


@pytest.fixture(scope="module")
def model():
    embedder = load_embedder("static")
    assert embedder is not None
    return embedder.model


@pytest.fixture(scope="module")
def wordpiece(model):
    matched = WordPiece.matching(model.tokenizer)
    assert matched is not None
    return matched


def rust_ids(model, texts: list[str]) -> list[list[int]]:
    encodings = model.tokenizer.encode_batch_fast(texts, add_special_tokens=False)
    return [[i for i in e.ids if i != model.unk_token_id] for e in encodings]


def test_the_static_model_tokenizes_in_python(model):
    model.encode(["A sentence to embed."])
    assert isinstance(model._wordpiece, WordPiece)


def test_crafted_texts_get_the_rust_tokenizers_ids(model, wordpiece):
    assert wordpiece.tokenize(CASES) == rust_ids(model, CASES)
    assert len(wordpiece.tokenize([CASES[-2]])[0]) == 512


@settings(deadline=None)  # on shared cores a call can take longer than the default deadline
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=6))
def test_any_text_gets_the_rust_tokenizers_ids(model, wordpiece, texts):
    assert wordpiece.tokenize(texts) == rust_ids(model, texts)


def test_left_truncation_keeps_the_last_tokens(model):
    tokenizer = model.tokenizer.__class__.from_str(model.tokenizer.to_str())
    tokenizer.enable_truncation(5, direction="left")
    wordpiece = WordPiece.matching(tokenizer)
    assert wordpiece is not None
    text = "one two three four five six seven"
    assert wordpiece.tokenize([text]) == [tokenizer.encode(text, add_special_tokens=False).ids]


def test_a_tokenizer_of_another_kind_is_not_matched(model):
    spec = json.loads(model.tokenizer.to_str())
    spec["normalizer"]["lowercase"] = False
    other = model.tokenizer.__class__.from_str(json.dumps(spec))
    assert WordPiece.matching(other) is None


def test_seed_and_dev_sentences_get_the_rust_tokenizers_ids(model, wordpiece, seeds_dir):
    texts = [s.text for d in storyline.build_brief(storyline.load_articles([seeds_dir])).documents for s in d.sentences]
    for name in ("multinews/dev.jsonl", "wcep/dev.jsonl"):
        path = DATA / name
        if path.is_file():
            with path.open(encoding="utf-8") as f:
                next(f)  # the protocol line
                for _, line in zip(range(40), f, strict=False):
                    record = json.loads(line)
                    docs = record.get("docs") or [record]
                    texts += [line for doc in docs for line in doc["text"].splitlines() if line.strip()]
    assert len(texts) > 100
    assert wordpiece.tokenize(texts) == rust_ids(model, texts)
