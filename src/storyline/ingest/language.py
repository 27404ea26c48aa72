"""Language check: Storyline's rules and models are for English news."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article

# langdetect guesses wildly on a few words; below this an article is not checked.
MIN_WORDS = 20
SAMPLE_CHARS = 1000
# English function words that are not also common words of other Latin-script languages
# ("in", "a", "die", "was", "on" are left out). News English runs 20-30 % of these; other
# languages stay near 0 %, so above the threshold the text is English without asking
# langdetect, which costs ~5 ms a document (1,000 documents: 5 s) and loads its profiles.
# fmt: off
_ENGLISH = frozenset({
    "the", "of", "and", "to", "that", "for", "with", "said", "from", "by", "were", "their", "this", "not",
    "but", "who", "are", "which", "been", "have", "they", "its", "he", "she", "his", "her", "would", "after",
    "about", "has", "had", "will",
})
# fmt: on
_ENGLISH_SHARE = 0.12
# Names for the warning; langdetect knows 55 languages, the rest are shown as their code.
# fmt: off
_NAMES = {
    "ar": "Arabic", "de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "pl": "Polish", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian", "fi": "Finnish", "el": "Greek", "he": "Hebrew", "fa": "Persian",
    "hi": "Hindi", "ja": "Japanese", "ko": "Korean", "zh-cn": "Chinese", "zh-tw": "Chinese", "id": "Indonesian",
}
# fmt: on
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def language_warnings(articles: Sequence[Article]) -> list[str]:
    """A warning for each article that does not look English; the article is kept."""
    warnings = []
    for article in articles:
        sample = article.text[:SAMPLE_CHARS]
        language = detect_language(sample)
        if language is not None and language != "en":
            name = f"{_NAMES[language]} ({language})" if language in _NAMES else language
            warnings.append(f"{article.id}: looks like {name}, not English; results may be poor")
    return warnings


def detect_language(sample: str) -> str | None:
    """The ISO 639-1 code of ``sample``'s language; None when too short to tell."""
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    if sum(w in _ENGLISH for w in words) >= _ENGLISH_SHARE * len(words):
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect  # lazy: loads ~55 profiles

    DetectorFactory.seed = 0  # langdetect samples at random; a fixed seed makes briefs reproducible
    try:
        return str(detect(sample))
    except LangDetectException:  # no letters it knows (numbers, symbols): nothing to say
        return None


def load_detector() -> None:
    """Load langdetect's profiles now (~1 s), not when the first text it must look at arrives: a
    worker that will check many articles' language does it before its first task."""
    from langdetect.detector_factory import init_factory

    init_factory()


__all__ = ["detect_language", "language_warnings", "load_detector"]
