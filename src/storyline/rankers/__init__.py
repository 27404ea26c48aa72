"""The rankers, behind one protocol (:class:`Ranker`) and one explicit registry."""

from __future__ import annotations

from storyline.errors import ConfigError
from storyline.rankers.base import Coverage, CoverageRanker, Ranker
from storyline.rankers.centroid import Centroid
from storyline.rankers.consensus import Consensus
from storyline.rankers.coverage import ConceptCoverage
from storyline.rankers.embedding import EmbeddingCentrality
from storyline.rankers.lead import Lead
from storyline.rankers.learned import ExactLearnedCoverage, LearnedCoverage, LearnedSentences
from storyline.rankers.lexrank import LexRank
from storyline.rankers.submodular import Submodular
from storyline.rankers.textrank import TextRank

RANKERS: dict[str, Ranker] = {
    r.name: r
    for r in (
        Lead(),
        Centroid(),
        LexRank(),
        TextRank(),
        Submodular(),
        EmbeddingCentrality(),
        Consensus(),
        ConceptCoverage(),
        LearnedSentences(),
        LearnedCoverage(),
        ExactLearnedCoverage(),
    )
}

#: The ranker used when none is named (chosen by measurement: bench/RESULTS.md).
DEFAULT_RANKER = "salience"


def get_ranker(name: str) -> Ranker:
    """The registered ranker called ``name`` (``default`` is :data:`DEFAULT_RANKER`)."""
    key = DEFAULT_RANKER if name == "default" else name
    try:
        return RANKERS[key]
    except KeyError:
        raise ConfigError(f"unknown ranker {name!r}; choose one of default, {', '.join(sorted(RANKERS))}") from None


__all__ = ["DEFAULT_RANKER", "RANKERS", "Coverage", "CoverageRanker", "Ranker", "get_ranker"]
