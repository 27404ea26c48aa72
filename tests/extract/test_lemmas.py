"""The lemmas, each word looked up once: lemminflect's answers, kept read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract import lemmas
from storyline.imports import absent

with absent("spacy"):
    import lemminflect
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

WORDS = ["killed", "Killed", "retook", "people", "data", "running", "zzqx", "UN"]


@pytest.mark.parametrize("word", WORDS)
def test_the_kept_lemmas_are_lemminflects(word: str) -> None:
    for _ in range(2):  # the first answer looked up, the second kept
        assert dict(lemmas.getAllLemmas(word)) == lemminflect.getAllLemmas(word)
        assert dict(lemmas.getAllLemmas(word, "VERB")) == lemminflect.getAllLemmas(word, "VERB")
        assert lemmas.getLemma(word, upos="NOUN") == lemminflect.getLemma(word, upos="NOUN")


def test_a_kept_answer_cannot_be_changed_by_a_caller() -> None:
    found = lemmas.getAllLemmas("killed")
    with pytest.raises(TypeError):
        found["VERB"] = ("changed",)  # type: ignore[index]
    copy = dict(found)
    copy["VERB"] = ("changed",)
    assert lemmas.getAllLemmas("killed")["VERB"] == ("kill",)


def test_the_dictionary_is_read_as_lemminflect_reads_it() -> None:
    path = lemminflect.Lemmatizer().lemma_lu_fn
    ours, theirs = lemmas.read_lemma_table(Path(path)), LemmaLUCodec.load(path)
    assert len(ours) > 50_000 and ours == theirs and list(ours) == list(theirs)
    assert all(list(ours[word]) == list(forms) for word, forms in theirs.items())  # parts of speech in order
    assert "zzqx" not in ours and ours.get("zzqx", {}) == {}
