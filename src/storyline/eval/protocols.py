"""Evaluation protocols: every ROUGE setting in one place, with where it comes from.

A benchmark file's first line names its dataset and summary length
(``{"protocol": {"dataset", "words", "note"}}``); a dataset with a preset here
takes the preset's settings. ``--protocol NAME`` replaces the file's choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from storyline.errors import ConfigError

METRICS = ("f1", "recall")
COMBINE = ("mean", "max")


@dataclass(frozen=True)
class Protocol:
    """How summaries of one dataset are scored.

    ``words``: the summary length; summaries are cut to that many
    whitespace-separated words when ``truncate`` (ROUGE-1.5.5's ``-l``).
    ``metric``: ``f1`` or ``recall`` of ROUGE-1, ROUGE-2 and ROUGE-Lsum (Lin,
    2004). ``stemmer``: Porter stemming (ROUGE-1.5.5's ``-m``). ``combine``:
    ``mean`` or ``max`` of the scores against each reference. ``source``: where
    these settings come from.
    """

    name: str
    words: int
    metric: str = "f1"
    stemmer: bool = True
    truncate: bool = True
    combine: str = "mean"
    source: str = ""

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ConfigError(f"protocol metric must be one of {', '.join(METRICS)}, got {self.metric!r}")
        if self.combine not in COMBINE:
            raise ConfigError(f"protocol combine must be one of {', '.join(COMBINE)}, got {self.combine!r}")
        if not isinstance(self.words, int) or isinstance(self.words, bool) or self.words < 1:
            raise ConfigError(f"protocol words must be a positive integer, got {self.words!r}")
        for flag in ("stemmer", "truncate"):
            if not isinstance(getattr(self, flag), bool):
                raise ConfigError(f"protocol {flag} must be true or false, got {getattr(self, flag)!r}")

    def cut(self, sentences: Sequence[str]) -> list[str]:
        """The summary as scored: its sentences, cut to ``words`` words when the protocol truncates."""
        if not self.truncate:
            return [s.strip() for s in sentences if s.strip()]
        left = self.words
        kept = []
        for sentence in sentences:
            tokens = sentence.split()
            if left <= 0:
                break
            if tokens:
                kept.append(" ".join(tokens[:left]))
                left -= min(left, len(tokens))
        return kept

    def describe(self) -> str:
        """One line: ``opinosis: 25 words (truncated), ROUGE F1, stemmed, mean over references``."""
        cut = "truncated" if self.truncate else "not truncated"
        stem = "stemmed" if self.stemmer else "not stemmed"
        return f"{self.name}: {self.words} words ({cut}), ROUGE {self.metric}, {stem}, {self.combine} over references"


PRESETS: dict[str, Protocol] = {
    p.name: p
    for p in (
        Protocol(
            "opinosis",
            words=25,
            source="../shared/data/README.md: 25 words; ROUGE-1/2/L F1 averaged over the references, with "
            "stemming. Data: Opinosis 1.0 (Ganesan, Zhai & Han, COLING 2010), whose own evaluation used "
            "ROUGE-1.5.5 with its own summary length, as we understand it: not this exact setup",
        ),
        Protocol(
            "duc2004",
            words=100,
            metric="recall",
            source="DUC 2004 task 2 data (Over & Yen, 2004; 4 references per cluster). NIST's official runs cut "
            "summaries to 665 bytes and reported ROUGE-1..4 and LCS recall; the setting here, summaries cut to "
            "their first 100 words, ROUGE-1.5.5 recall with Porter stemming ('-n 2 -m -l 100'), is the one later "
            "extractive work reports (e.g. Hong et al., LREC 2014), as we understand it. We average over the "
            "references (ROUGE-1.5.5's jackknifing gives nearly the same mean)",
        ),
        Protocol(
            "wcep",
            words=40,
            source="WCEP (Gholipour Ghalandari et al., ACL 2020), as we understand it: the F1 variant of ROUGE "
            "with stemming against the one reference per cluster, extractive summaries cut to 40 words "
            "(about the mean reference length); the paper also reports a recall variant",
        ),
        Protocol(
            "primera",
            words=100,
            truncate=False,
            source="PRIMERA (Xiao et al., ACL 2022), as we understand it: Google rouge-score F1 of ROUGE-1, "
            "ROUGE-2 and ROUGE-Lsum with stemming, summaries not truncated (length set by the generator; "
            "here by the selector's word budget)",
        ),
    )
}

_HEADER_SETTINGS = ("metric", "stemmer", "truncate", "combine")


def protocol_from_header(header: dict[str, object], override: str | None = None) -> Protocol:
    """The protocol named by ``override``, else the one the benchmark file's first line describes.

    A header naming a preset (``"dataset": "opinosis"``) takes the preset and its
    own ``words``; any of ``metric``, ``stemmer``, ``truncate``, ``combine`` in
    the header replace the preset's. An unknown dataset gets the defaults:
    F1, stemming, truncation, mean over references.
    """
    if override is not None:
        return preset(override)
    name = str(header.get("dataset") or "custom")
    base = PRESETS.get(name, Protocol(name, words=100, source="the benchmark file's first line"))
    words = header.get("words", base.words)
    if not isinstance(words, int) or isinstance(words, bool) or words < 1:
        raise ConfigError(f"'words' must be a positive integer, got {words!r}")
    settings = {key: header[key] for key in _HEADER_SETTINGS if key in header}
    return replace(base, words=words, **settings)  # type: ignore[arg-type]  # checked in __post_init__


def preset(name: str) -> Protocol:
    """The preset protocol called ``name``."""
    if name not in PRESETS:
        raise ConfigError(f"unknown protocol {name!r}; choose one of {', '.join(PRESETS)}")
    return PRESETS[name]


__all__ = ["PRESETS", "Protocol", "preset", "protocol_from_header"]
