"""BriefConfig: the one options object, validated when built."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.errors import ConfigError

EMBEDDING_MODES = ("auto", "static", "full", "none")
ENTITY_BACKENDS = ("auto", "spacy", "rules")
#: ``storyline brief``'s time budget unless told: reading, starting and printing included, a brief of
#: any input then ends within 30 s on 2 cores (issue 11; bench/hostile.py measures it). The library's
#: default is no time budget, so its output never depends on the machine's speed.
DEFAULT_TIME_BUDGET_S = 25.0


@dataclass(frozen=True, kw_only=True)
class BriefConfig:
    """Options of one brief.

    ``embeddings``: ``static`` is the fast distilled model, ``full`` the
    packaged transformer, ``none`` TF-IDF only, ``auto`` the best one installed.
    ``entities``: ``auto`` (the default: spaCy when the `full` extra is installed,
    else the rules), ``spacy`` (the statistical NER) or ``rules`` (capitalised
    names typed by gazetteers, about 15 times faster). Chosen on 5 Multi-News dev
    clusters that are neither seeds nor gold (positions 10, 30, 50, 90, 110; the
    12 most reported entities of each, judged by reading): name and type right
    for 47 of 60 with spaCy, 30 of 60 with the rules.

    The budget (:mod:`storyline.budget`): at most ``max_documents`` articles and ``max_chars``
    characters are briefed (the rest is cut, with a warning); with ``time_budget_s``, stages
    still to run when it is spent are left out, with a warning.
    """

    words: int = 100
    ranker: str = "default"
    embeddings: str = "auto"
    max_bytes: int = 20_000_000
    strict: bool = False
    entities: str = "auto"
    max_documents: int = 10_000
    max_chars: int = 20_000_000
    time_budget_s: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.words, int) or self.words < 1:
            raise ConfigError(f"words must be a positive integer, got {self.words!r}")
        if self.embeddings not in EMBEDDING_MODES:
            raise ConfigError(
                f"unknown embeddings mode {self.embeddings!r}; choose one of {', '.join(EMBEDDING_MODES)}"
            )
        if self.entities not in ENTITY_BACKENDS:
            raise ConfigError(f"unknown entities backend {self.entities!r}; choose one of {', '.join(ENTITY_BACKENDS)}")
        for name in ("max_bytes", "max_documents", "max_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        budget = self.time_budget_s
        if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int | float) or not budget > 0):
            raise ConfigError(f"time_budget_s must be a positive number of seconds or None, got {budget!r}")
        # Imported here: the registry imports rankers, which import this module's siblings.
        from storyline.rankers import RANKERS

        if self.ranker != "default" and self.ranker not in RANKERS:
            raise ConfigError(f"unknown ranker {self.ranker!r}; choose one of default, {', '.join(sorted(RANKERS))}")
