"""ROUGE through rouge-score: documented examples, hand-computed micro cases, empty inputs."""

from __future__ import annotations

import pytest

from storyline.eval.protocols import Protocol
from storyline.eval.rouge import METRICS, Rouge, reference_lines


def rouge(**settings: object) -> Rouge:
    base: dict[str, object] = {"name": "t", "words": 100, "stemmer": False}
    return Rouge(Protocol(**{**base, **settings}))  # type: ignore[arg-type]


def test_matches_rouge_score_readme_example():
    # rouge-score's README example: target 'The quick brown fox ...', prediction 'The quick brown dog ...'.
    scores = rouge(stemmer=True).score(
        ["The quick brown dog jumps on the log."], ["The quick brown fox jumps over the lazy dog"]
    )
    assert scores["rouge1"] == pytest.approx(0.7058823529411765)
    assert scores["rougeLsum"] == pytest.approx(0.5882352941176471)  # one sentence: rougeLsum == rougeL


def test_recall_protocol_reports_recall_of_readme_example():
    scores = rouge(stemmer=True, metric="recall").score(
        ["The quick brown dog jumps on the log."], ["The quick brown fox jumps over the lazy dog"]
    )
    assert scores["rouge1"] == pytest.approx(0.6666666666666666)
    assert scores["rougeLsum"] == pytest.approx(0.5555555555555556)


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # summary "the cat sat" vs reference "the cat sat on the mat"
        ("rouge1", 2 * 1.0 * 0.5 / 1.5),  # P 3/3, R 3/6
        ("rouge2", 2 * 1.0 * 0.4 / 1.4),  # bigrams: P 2/2, R 2/5
        ("rougeLsum", 2 * 1.0 * 0.5 / 1.5),  # LCS 3
    ],
)
def test_hand_computed_f1(metric, expected):
    assert rouge().score(["the cat sat"], ["the cat sat on the mat"])[metric] == pytest.approx(expected)


def test_rouge_lsum_takes_the_union_lcs_over_summary_sentences():
    # Reference "a b c d" (one sentence); summary lines "a b" and "c d": union LCS 4 of 4, rougeL would also be 4.
    # Summary lines in the other order: summary-level LCS still finds every reference token.
    scores = rouge(metric="recall").score(["c d", "a b"], ["a b c d"])
    assert scores["rougeLsum"] == pytest.approx(1.0)


@pytest.mark.parametrize(("combine", "expected"), [("mean", 0.5), ("max", 1.0)])
def test_several_references_combine_by_mean_or_max(combine, expected):
    assert rouge(combine=combine).score(["the cat sat"], ["the cat sat", "a dog ran"])["rouge1"] == pytest.approx(
        expected
    )


@pytest.mark.parametrize("summary", [[], [""], ["   "], ["...", "!"]])
def test_empty_summary_scores_zero_on_every_metric(summary):
    assert rouge().score(summary, ["the cat sat on the mat"]) == dict.fromkeys(METRICS, 0.0)


def test_no_reference_is_an_error():
    with pytest.raises(ValueError, match="reference"):
        rouge().score(["the cat"], [])


@pytest.mark.parametrize(("stemmer", "expected"), [(True, 1.0), (False, 0.0)])
def test_stemming_follows_the_protocol(stemmer, expected):
    assert rouge(stemmer=stemmer).score(["cats running"], ["cat runs"])["rouge1"] == pytest.approx(expected)


@pytest.mark.parametrize(("truncate", "expected"), [(True, 1.0), (False, 2 * 2 / 3 * 1.0 / (2 / 3 + 1.0))])
def test_summary_is_cut_to_the_protocol_words_when_it_truncates(truncate, expected):
    # reference "the cat"; summary "the cat sat": cut to 2 words it is exact.
    scores = rouge(words=2, truncate=truncate).score(["the cat sat"], ["the cat"])
    assert scores["rouge1"] == pytest.approx(expected)


@pytest.mark.parametrize(
    "sentences",
    [["the cat sat on the mat ."], ["Dogs barked loudly", "at the running cats, all night"], ["x"], []],
)
@pytest.mark.parametrize("metric", ["f1", "recall"])
def test_fast_rouge12_equals_full_scoring(sentences, metric):
    r = Rouge(Protocol("t", words=6, metric=metric, stemmer=True))
    refs = ["The cats sat on a mat.", "Dogs bark at cats at night."]
    full = r.score(sentences, refs)
    words = [w for s in sentences for w in r.word_tokens(s)][:6]
    fast = r.rouge12(r.ngrams([t for w in words for t in w]), [r.ngrams(r.tokens(x)) for x in refs])
    assert fast == pytest.approx(full["rouge1"] + full["rouge2"])


@pytest.mark.parametrize(
    ("reference", "lines"),
    [
        ("One. Two! Three?", "One.\nTwo!\nThree?"),
        ("Already\nsplit. Here", "Already\nsplit. Here"),
        ("  no end  ", "no end"),
    ],
)
def test_references_get_one_sentence_per_line(reference, lines):
    assert reference_lines(reference) == lines
