"""The language check: a non-English article is kept, with a warning."""

from __future__ import annotations

import time

import pytest

from storyline import load_articles
from storyline.ingest.language import detect_language, language_warnings
from storyline.model import Article

NOT_ENGLISH = {
    "de": "Die Regierungstruppen haben am Montag die letzten Viertel der Rebellen in der Stadt angegriffen, "
    "sagten Bewohner, während Hilfsorganisationen warnten, dass Lebensmittel und Treibstoff für die "
    "eingeschlossenen Zivilisten knapp werden.",
    "fr": "Les forces gouvernementales ont poursuivi lundi leur assaut contre les derniers quartiers rebelles "
    "de la ville, ont déclaré des habitants, alors que les agences humanitaires avertissaient que la "
    "nourriture et le carburant manquaient pour les civils qui y restent piégés.",
    "es": "Las fuerzas del gobierno continuaron el lunes su asalto contra los últimos barrios rebeldes de la "
    "ciudad, dijeron los residentes, mientras las agencias de ayuda advertían que los alimentos y el "
    "combustible se estaban agotando para los civiles atrapados.",
}


NAMES = {"de": "German (de)", "es": "Spanish (es)", "fr": "French (fr)"}


@pytest.mark.parametrize(("language", "text"), sorted(NOT_ENGLISH.items()))
def test_non_english_article_is_kept_with_a_warning(tmp_path, language, text):
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    corpus = load_articles(tmp_path)
    assert len(corpus) == 1
    assert corpus.warnings == (f"story: looks like {NAMES[language]}, not English; results may be poor",)


def test_a_language_without_a_name_is_shown_as_its_code(monkeypatch):
    import storyline.ingest.language as language

    monkeypatch.setattr(language, "detect_language", lambda sample: "sw")
    warnings = language.language_warnings([Article(id="a", text="maneno " * 30)])
    assert warnings == ["a: looks like sw, not English; results may be poor"]


def test_english_seeds_raise_no_language_warning(seeds_dir):
    for article in load_articles(seeds_dir).articles:
        assert detect_language(article.text[:1000]) == "en"


def test_short_texts_are_not_checked():
    assert detect_language("Die Stadt ist gefallen.") is None
    assert language_warnings([Article(id="a", text="Die Stadt ist gefallen, sagten Bewohner.")]) == []


def test_language_check_is_fast_for_a_thousand_articles(seeds_dir):
    texts = [(seeds_dir / name).read_text(encoding="utf-8") for name in sorted(p.name for p in seeds_dir.iterdir())]
    articles = [Article(id=str(i), text=texts[i % len(texts)]) for i in range(1000)]
    articles[500] = Article(id="500", text=NOT_ENGLISH["de"])
    language_warnings(articles[:1])
    start = time.perf_counter()
    warnings = language_warnings(articles)
    assert time.perf_counter() - start < 2.0
    assert warnings == ["500: looks like German (de), not English; results may be poor"]
