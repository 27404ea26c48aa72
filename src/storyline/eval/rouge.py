"""ROUGE (Lin, 2004), through Google's rouge-score package, wrapped once.

Every score in Storyline's evaluation goes through :class:`Rouge`: ROUGE-1,
ROUGE-2 and ROUGE-Lsum (the summary-level LCS over newline-separated
sentences), F1 or recall per :class:`~storyline.eval.protocols.Protocol`,
combined over several references by their mean or max.

:func:`scorer` picks the backend: ``python`` (this class, the default) or
``perl`` (the original ROUGE-1.5.5 script, :mod:`storyline.eval.perl_rouge`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol as Interface

from rouge_score import rouge_scorer

from storyline.errors import ConfigError
from storyline.eval.protocols import Protocol

METRICS = ("rouge1", "rouge2", "rougeLsum")
#: ``--rouge`` choices: Google's rouge-score (pure Python), or the ROUGE-1.5.5 Perl script.
BACKENDS = ("python", "perl")
# A reference given as one string is split into sentences (one per line for ROUGE-Lsum) here.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Tokenized:
    """A text's unigram and bigram counts, as rouge-score tokenizes (and stems) them."""

    unigrams: Counter[tuple[str, ...]]
    bigrams: Counter[tuple[str, ...]]


class Rouge:
    """Scores summaries (lists of sentences) against reference summaries, per a protocol."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=protocol.stemmer)
        self._field = "fmeasure" if protocol.metric == "f1" else "recall"

    def prepare(self, sentences: Sequence[str]) -> str:
        """The summary as scored: cut per the protocol, one sentence per line."""
        return "\n".join(self.protocol.cut(sentences))

    def score(self, sentences: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        """ROUGE-1, ROUGE-2 and ROUGE-Lsum of a summary, combined over the references.

        An empty summary scores 0 on every metric (as in rouge-score).
        """
        if not references:
            raise ValueError("ROUGE needs at least one reference summary")
        summary = self.prepare(sentences)
        per_reference = [self._scorer.score(reference_lines(ref), summary) for ref in references]
        return {
            metric: self._combine([getattr(scores[metric], self._field) for scores in per_reference])
            for metric in METRICS
        }

    def score_many(self, items: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[dict[str, float]]:
        """:meth:`score` of each ``(summary sentences, references)``."""
        return [self.score(sentences, references) for sentences, references in items]

    def describe(self) -> str:
        return "rouge-score 0.1.2"

    def word_tokens(self, text: str) -> list[list[str]]:
        """rouge-score's (stemmed) tokens of each whitespace-separated word of ``text``.

        Cutting a summary to N words and joining these lists gives exactly the
        tokens rouge-score finds in the cut summary, without tokenizing it again.
        """
        tokenize = self._scorer._tokenizer.tokenize
        return [tokenize(word) for word in text.split()]

    def ngrams(self, tokens: Sequence[str]) -> Tokenized:
        """Unigram and bigram counts of a token list (from :meth:`word_tokens` or :meth:`tokens`)."""
        return Tokenized(rouge_scorer._create_ngrams(tokens, 1), rouge_scorer._create_ngrams(tokens, 2))

    def tokens(self, text: str) -> list[str]:
        """rouge-score's (stemmed) tokens of ``text``."""
        return list(self._scorer._tokenizer.tokenize(text))

    def rouge12(self, summary: Tokenized, references: Sequence[Tokenized]) -> float:
        """ROUGE-1 + ROUGE-2 of pre-tokenized texts, combined over references: the oracle's objective.

        Uses rouge-score's own n-gram scoring, so it equals the sum of
        :meth:`score`'s ``rouge1`` and ``rouge2`` for the same (already cut) text.
        """
        total = 0.0
        for attr in ("unigrams", "bigrams"):
            values = [
                getattr(rouge_scorer._score_ngrams(getattr(ref, attr), getattr(summary, attr)), self._field)
                for ref in references
            ]
            total += self._combine(values)
        return total

    def _combine(self, values: list[float]) -> float:
        return max(values) if self.protocol.combine == "max" else sum(values) / len(values)


class Scorer(Interface):
    """What the harness scores summaries with: either backend."""

    protocol: Protocol

    def score(self, sentences: Sequence[str], references: Sequence[str]) -> dict[str, float]: ...

    def score_many(self, items: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[dict[str, float]]: ...

    def describe(self) -> str: ...


def scorer(protocol: Protocol, backend: str = "python") -> Scorer:
    """The ROUGE backend called ``backend`` for ``protocol`` (``perl`` checks its installation here)."""
    if backend == "python":
        return Rouge(protocol)
    if backend == "perl":
        from storyline.eval.perl_rouge import PerlRouge

        return PerlRouge(protocol)
    raise ConfigError(f"unknown ROUGE backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def reference_lines(reference: str) -> str:
    """A reference with one sentence per line, as ROUGE-Lsum expects (kept as is when it has lines)."""
    text = reference.strip()
    if "\n" in text:
        return text
    return "\n".join(s for s in _SENTENCE_END.split(text) if s)


__all__ = ["BACKENDS", "METRICS", "Rouge", "Scorer", "Tokenized", "reference_lines", "scorer"]
