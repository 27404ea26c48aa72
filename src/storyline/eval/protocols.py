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
    these settings come from. ``rouge155``: the ROUGE-1.5.5 command-line flags
    the published figures were computed with (``--rouge perl`` runs them, see
    :mod:`storyline.eval.perl_rouge`); empty when none is published, and then
    :meth:`rouge155_flags` derives them from the settings above.
    """

    name: str
    words: int
    metric: str = "f1"
    stemmer: bool = True
    truncate: bool = True
    combine: str = "mean"
    source: str = ""
    rouge155: str = ""

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

    def rouge155_flags(self) -> str:
        """The ROUGE-1.5.5 flags of this protocol: the published ones, else ones derived from its settings.

        Derived: ROUGE-1 and ROUGE-2 (``-n 2``), Porter stemming with the WordNet
        exceptions when stemmed (``-m``), the first ``words`` words of every
        summary when truncated (``-l``), the 95% interval over 1,000 resamples,
        and ``-f A`` (pool the references) or ``-f B`` (the best one) per ``combine``.
        """
        if self.rouge155:
            return self.rouge155
        flags = ["-n 2", *(["-m"] if self.stemmer else []), "-a"]
        flags += [f"-l {self.words}"] if self.truncate else []
        flags += ["-c 95 -r 1000", "-f A" if self.combine == "mean" else "-f B", "-p 0.5"]
        return " ".join(flags)

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
            rouge155="-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0",
            source="DUC 2004 task 2 data (Over & Yen, 2004; 4 references per cluster), scored as Hong, Conroy, "
            "Favre, Kulesza, Lin & Nenkova (LREC 2014, 'A Repository of State of the Art and Competitive Baseline "
            "Summaries for Generic News Summarization', section 3) score every system of their repository: "
            "ROUGE-1.5.5 recall of the first 100 words (-l 100), Porter stemming with the WordNet exceptions (-m), "
            "stop words kept, the references pooled (-f A), no ROUGE-L (-x); NIST's own DUC 2004 runs cut to 665 "
            "bytes instead. The flag string is the one the paper prints as we recall it, and the one public DUC "
            "2003/2004 evaluation scripts run (found in two public repositories' DUC 2004 scripts, one replicating "
            "Gillick & Favre's ILP); the stored copies we could search held the paper's abstract and its "
            "repository page (cis.upenn.edu/~nlp/corpora/sumrepo.html), not its text. With --rouge python the "
            "references are averaged (rouge-score has no pooling) and not cut",
        ),
        Protocol(
            "wcep",
            words=40,
            stemmer=False,
            rouge155="-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a",
            source="WCEP (Gholipour Ghalandari et al., ACL 2020): extractive summaries cut to 40 words by the "
            "system (settings max_len=40, len_type='words' in the paper's README), then ROUGE-1.5.5 F1 against the "
            "one reference, lowercased, not stemmed: the paper's experiments/evaluate.py scores with the newsroom "
            "library's ROUGE_N/ROUGE_L (newsroom/analyze/rouge/perl.py), which runs pyrouge's Rouge155 with its "
            "default flags '-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a' and adds -m only when asked to stem (the "
            "evaluation never asks). Both repositories are public (github complementizer/wcep-mds-dataset, "
            "lil-lab/newsroom)",
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
