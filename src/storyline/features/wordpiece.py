"""The static model's tokenizer on plain text, in Python: the Rust tokenizer's ids, without its per-call cost.

The shipped static model reads BERT's uncased WordPiece (Wu et al., 2016;
Devlin et al., 2019), run by Hugging Face ``tokenizers``: normalize (drop
control characters, lowercase, strip accents), split on whitespace and
punctuation, then cut each word into the longest vocabulary pieces from its
start (``##`` marks a continuation; a word with no cut is ``[UNK]``). On a
story's sentences the Rust tokenizer's batch call costs about 3 us a word,
most of a small story's embedding time; the same algorithm over a memo of the
words already cut costs a tenth of that.

Only text whose normalization is the identity is cut here: printable ASCII
(and the tab and line breaks, which are whitespace) plus the typographic
quotes, dashes and ellipsis of news text, which are punctuation that neither
lowercasing nor accent stripping changes. Any other text (accented letters,
other scripts, control characters, a ``[`` that could open a special token
such as ``[UNK]``) goes to the Rust tokenizer, so every text gets exactly its
ids (tests/features/test_wordpiece.py compares the two on the dev data).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["WordPiece"]

#: Text cut here: printable ASCII but ``[`` (special tokens open with it), whitespace, and punctuation whose
#: normalization is itself: quotes ‘ ’ “ ”, dashes – —, the ellipsis.
_PLAIN = re.compile(r"[\t\n\r\x20-\x5a\x5c-\x7e\u2018\u2019\u201c\u201d\u2013\u2014\u2026]*")
#: BERT's pre-tokenizer on such text: runs of letters and digits, each punctuation character alone.
_WORDS = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
#: Words remembered (their cuts); past it the memo starts again, so a server's memory stays flat.
MEMO = 1 << 17


class WordPiece:
    """The ids ``tokenizer.encode_batch_fast(texts, add_special_tokens=False)`` gives, less ``[UNK]``,
    as model2vec's ``StaticModel.tokenize`` returns them."""

    def __init__(self, tokenizer: Any, vocabulary: dict[str, int], unknown: int, prefix: str, longest: int) -> None:
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        self.unknown = unknown
        self.prefix = prefix
        self.longest = longest
        self._memo: dict[str, tuple[int, ...]] = {}

    @classmethod
    def matching(cls, tokenizer: Any) -> WordPiece | None:
        """A WordPiece for ``tokenizer`` (a ``tokenizers.Tokenizer``), or None when it is not BERT's uncased
        WordPiece with only ``[PAD]`` and ``[UNK]`` as added tokens (then only the Rust tokenizer is right)."""
        spec = json.loads(tokenizer.to_str())
        model, normalizer = spec.get("model") or {}, spec.get("normalizer") or {}
        added = {token["content"] for token in spec.get("added_tokens") or []}
        if (
            model.get("type") != "WordPiece"
            or normalizer.get("type") != "BertNormalizer"
            or normalizer.get("lowercase") is not True
            or (spec.get("pre_tokenizer") or {}).get("type") != "BertPreTokenizer"
            or not added <= {"[PAD]", "[UNK]"}
            or model.get("unk_token") not in model.get("vocab", {})
        ):
            return None
        vocabulary = dict(model["vocab"])
        return cls(
            tokenizer,
            vocabulary,
            vocabulary[model["unk_token"]],
            str(model.get("continuing_subword_prefix", "##")),
            int(model.get("max_input_chars_per_word", 100)),
        )

    def tokenize(self, sentences: Sequence[str]) -> list[list[int]]:
        """Each sentence's ids, truncated as the tokenizer is at the call (model2vec sets it), ``[UNK]`` dropped."""
        truncation, padding = self.tokenizer.truncation, self.tokenizer.padding
        limit = None if truncation is None else int(truncation["max_length"])
        from_end = truncation is not None and truncation["direction"] == "left"
        # Padding to a batch's longest (length None) or to a length would add [PAD] ids: the Rust tokenizer's job.
        padded = padding is not None and padding.get("length") != 0
        result: list[list[int] | None] = []
        other: list[int] = []
        find, memo, cut = _WORDS.findall, self._memo, self._cut
        for n, text in enumerate(sentences):
            if padded or _PLAIN.fullmatch(text) is None:
                result.append(None)
                other.append(n)
                continue
            ids = [i for word in find(text.lower()) for i in (memo.get(word) or cut(word))]
            if limit is not None and len(ids) > limit:
                ids = ids[len(ids) - limit :] if from_end else ids[:limit]
            result.append([i for i in ids if i != self.unknown])
        if other:
            encoded = self.tokenizer.encode_batch_fast([sentences[n] for n in other], add_special_tokens=False)
            for n, encoding in zip(other, encoded, strict=True):
                result[n] = [i for i in encoding.ids if i != self.unknown]
        return [ids if ids is not None else [] for ids in result]

    def _cut(self, word: str) -> tuple[int, ...]:
        """The word's pieces (see :meth:`_pieces`), remembered."""
        cut = self._pieces(word)
        if len(self._memo) >= MEMO:
            self._memo.clear()
        self._memo[word] = cut
        return cut

    def _pieces(self, word: str) -> tuple[int, ...]:
        """The word's pieces, longest first from its start; ``(unknown,)`` when some rest has no piece."""
        if len(word) > self.longest:
            return (self.unknown,)
        vocabulary, pieces, start = self.vocabulary, [], 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                if piece in vocabulary:
                    pieces.append(vocabulary[piece])
                    start = end
                    break
            else:
                return (self.unknown,)
        return tuple(pieces)
