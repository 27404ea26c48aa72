"""Language check: Storyline's rules and models are for English news."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article

MIN_WORDS = 20
SAMPLE_CHARS = 1000


def language_warnings(articles: Sequence[Article]) -> list[str]:
    """A warning for each article that does not look English (langdetect, seeded)."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # langdetect is randomized; a fixed seed makes briefs reproducible
    warnings = []
    for article in articles:
        sample = article.text[:SAMPLE_CHARS]
        if len(sample.split()) < MIN_WORDS:
            continue
        try:
            language = detect(sample)
        except LangDetectException:
            continue
        if language != "en":
            warnings.append(f"{article.id}: looks like {language!r}, not English; results may be poor")
    return warnings
