"""BriefConfig: the one options object, validated when built."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.errors import ConfigError

EMBEDDING_MODES = ("auto", "static", "full", "none")
ENTITY_BACKENDS = ("auto", "spacy", "rules")


@dataclass(frozen=True, kw_only=True)
class BriefConfig:
    """Options of one brief.

    ``embeddings``: ``static`` is the fast distilled model, ``full`` the
    packaged transformer, ``none`` TF-IDF only, ``auto`` the best one installed.
    ``entities``: ``rules`` (capitalised names typed by gazetteers; the default:
    on the seeds it finds the same names and folds as spaCy, at a 15th of its
    time, bench/RESULTS.md), ``spacy`` (the `full` extra's statistical NER) or
    ``auto`` (spaCy when installed).
    """

    words: int = 100
    ranker: str = "default"
    embeddings: str = "auto"
    max_bytes: int = 20_000_000
    strict: bool = False
    entities: str = "rules"

    def __post_init__(self) -> None:
        if not isinstance(self.words, int) or self.words < 1:
            raise ConfigError(f"words must be a positive integer, got {self.words!r}")
        if self.embeddings not in EMBEDDING_MODES:
            raise ConfigError(
                f"unknown embeddings mode {self.embeddings!r}; choose one of {', '.join(EMBEDDING_MODES)}"
            )
        if self.entities not in ENTITY_BACKENDS:
            raise ConfigError(f"unknown entities backend {self.entities!r}; choose one of {', '.join(ENTITY_BACKENDS)}")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes!r}")
        # Imported here: the registry imports rankers, which import this module's siblings.
        from storyline.rankers import RANKERS

        if self.ranker != "default" and self.ranker not in RANKERS:
            raise ConfigError(f"unknown ranker {self.ranker!r}; choose one of default, {', '.join(sorted(RANKERS))}")
