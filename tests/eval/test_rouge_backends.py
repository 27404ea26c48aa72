"""The two ROUGE backends on fixed hand-written cases, and ROUGE-1.5.5 on cases computed by hand.

Golden agreement: on one reference, or on references of equal length, rouge-score
and ROUGE-1.5.5 compute the same ROUGE-1, ROUGE-2 and summary-level ROUGE-L, and
agree within TOLERANCE (the script prints 5 decimals and computes F from its
rounded R and P). Where they are meant to differ, the difference is asserted
exactly: ROUGE-1.5.5 pools several references (sum of hits over sum of
reference n-grams; rouge-score averages the per-reference scores), stems through
the WordNet exceptions first ("children" -> "child"), and cuts the references to
``-l`` words as well as the summary. Needs Perl with XML::Parser and DB_File
(``make setup`` installs them); offline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.eval.harness import evaluate, rescore
from storyline.eval.perl_rouge import PerlRouge, installation, run_flags
from storyline.eval.protocols import PRESETS, Protocol
from storyline.eval.rouge import METRICS, Rouge

#: Largest difference allowed between the backends where they compute the same thing.
TOLERANCE = 2e-5


def backends(**settings: object) -> tuple[Rouge, PerlRouge]:
    protocol = Protocol(**{"name": "golden", "words": 100, "truncate": False, "stemmer": False, **settings})  # type: ignore[arg-type]
    return Rouge(protocol), PerlRouge(protocol)


# (summary sentences, references, protocol settings): cases both backends must score alike.
AGREE = {
    "identical": (["The council approved the budget."], ["The council approved the budget."], {}),
    "disjoint": (["Rain fell all day."], ["Markets closed higher on Friday."], {}),
    "partial": (["Police killed the gunman."], ["The gunman killed the policeman."], {}),
    "two sentences, one reference": (
        ["The storm hit the coast.", "Thousands lost power."],
        ["A storm hit the coast overnight. Thousands of homes lost power."],
        {},
    ),
    "two references of equal length": (
        ["The army took the old city."],
        ["The army took the city.", "Rebels left the old city."],
        {},
    ),
    "recall, two references of equal length": (
        ["The army took the old city."],
        ["The army took the city.", "Rebels left the old city."],
        {"metric": "recall"},
    ),
    "stemming where the two stemmers agree": (
        ["Workers were running the plants."],
        ["The worker runs a plant."],
        {"stemmer": True},
    ),
    "punctuation, hyphens, digits and case": (
        ["U.S. state-of-the-art plant makes 1,000 cars."],
        ["The us state of the art plant made 1 000 cars"],
        {},
    ),
}


@pytest.mark.parametrize("case", list(AGREE))
def test_backends_agree_on_the_golden_cases(case):
    summary, references, settings = AGREE[case]
    python, perl = backends(**settings)
    ours, theirs = python.score(summary, references), perl.score(summary, references)
    for metric in METRICS:
        assert theirs[metric] == pytest.approx(ours[metric], abs=TOLERANCE), (case, metric, ours, theirs)


def test_golden_cases_cover_the_range_of_scores():
    python, _ = backends()
    assert python.score(*AGREE["identical"][:2])["rouge1"] == pytest.approx(1.0)
    assert python.score(*AGREE["disjoint"][:2])["rouge1"] == 0.0
    assert 0.0 < python.score(*AGREE["partial"][:2])["rouge2"] < 1.0


def test_perl_scores_a_partial_overlap_as_computed_by_hand():
    # police killed the gunman / the gunman killed the policeman:
    # unigrams 3 of 4 (peer) and 3 of 5 (model); bigrams "killed the", "the gunman": 2 of 3 and 2 of 4;
    # longest common subsequence 2 ("the gunman"): 2 of 4 and 2 of 5.
    _, perl = backends()
    scores = perl.score(["Police killed the gunman"], ["The gunman killed the policeman"])
    assert scores == {"rouge1": 0.66667, "rouge2": 0.57143, "rougeLsum": 0.44444}
    _, perl_recall = backends(metric="recall")
    assert perl_recall.score(["Police killed the gunman"], ["The gunman killed the policeman"]) == {
        "rouge1": 0.6,
        "rouge2": 0.5,
        "rougeLsum": 0.4,
    }


def test_perl_pools_references_of_unequal_length_and_rouge_score_averages():
    # "the cat sat" against "the cat" (2 hits of 2) and "a dog sat on the mat" (2 hits of 6):
    # ROUGE-1.5.5 -f A: (2 + 2) / (2 + 6) = 0.5; rouge-score mean: (1 + 1/3) / 2.
    python, perl = backends(metric="recall")
    summary, references = ["The cat sat."], ["The cat.", "A dog sat on the mat."]
    assert perl.score(summary, references)["rouge1"] == 0.5
    assert python.score(summary, references)["rouge1"] == pytest.approx(2 / 3)


def test_perl_stems_through_the_wordnet_exceptions_and_rouge_score_does_not():
    # "children" -> "child" is a WordNet 2.0 noun exception; Porter leaves "children" alone.
    # Tokens of three letters or fewer are never stemmed by either ("ran" stays "ran").
    python, perl = backends(stemmer=True, metric="recall")
    summary, references = ["The children ran."], ["A child runs."]
    assert perl.score(summary, references)["rouge1"] == pytest.approx(1 / 3, abs=TOLERANCE)
    assert python.score(summary, references)["rouge1"] == 0.0
    assert perl.score(["The children ran."], ["The children ran."])["rouge1"] == 1.0


def test_perl_cuts_the_references_to_the_word_limit_too():
    # -l 3: the summary and the reference both become "one two three"; rouge-score cuts only the summary.
    python, perl = backends(words=3, truncate=True, metric="recall")
    summary, references = ["One two three four five."], ["One two three four five."]
    assert perl.score(python.protocol.cut(summary), references)["rouge1"] == 1.0
    assert python.score(summary, references)["rouge1"] == pytest.approx(3 / 5)


def test_perl_scores_an_empty_summary_zero_and_many_summaries_in_one_run():
    _, perl = backends()
    items = [([], ["Some reference."]), *[(s, r) for s, r, _ in list(AGREE.values())[:3]]]
    scores = perl.score_many(items)
    assert scores[0] == {m: 0.0 for m in METRICS}
    assert [s["rouge1"] for s in scores[1:]] == [1.0, 0.0, 0.66667]


def test_presets_run_their_published_flags_with_rouge_l_and_per_summary_output():
    data = Path("/data")
    duc = run_flags(PRESETS["duc2004"], data)
    assert PRESETS["duc2004"].rouge155 == "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0"
    published_but_x_and_r = ["-n", "4", "-m", "-a", "-l", "100", "-c", "95", "-f", "A", "-p", "0.5", "-t", "0"]
    assert duc == [*published_but_x_and_r, "-r", "1", "-d", "-e", "/data"]
    wcep = PRESETS["wcep"]
    assert (wcep.rouge155, wcep.stemmer, wcep.metric, wcep.words) == (
        "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a",
        False,
        "f1",
        40,
    )
    assert "-m" not in run_flags(wcep, data)
    assert PRESETS["opinosis"].rouge155_flags() == "-n 2 -m -a -l 25 -c 95 -r 1000 -f A -p 0.5"


def test_harness_scores_with_perl_and_names_the_flags(tiny_benchmark):
    python = evaluate(tiny_benchmark, systems=["lead", "oracle"])
    perl = evaluate(tiny_benchmark, systems=["lead", "oracle"], rouge="perl")
    assert perl.scorer.startswith("ROUGE-1.5.5 -n 2 -m -a -l 20")
    assert any("ran as" in note for note in perl.notes)
    for name in ("lead", "oracle"):
        # same summaries; two references of different lengths, so pooled and averaged scores differ a little
        assert [r.summary for r in perl.records if r.system == name] == [
            r.summary for r in python.records if r.system == name
        ]
        assert perl.system(name).mean["rouge1"] == pytest.approx(python.system(name).mean["rouge1"], abs=0.05)
    again = rescore(python, "perl")  # the same summaries, scored again: exactly the perl run's scores
    assert [r.scores for r in again.records] == [r.scores for r in perl.records]
    assert again.scorer == perl.scorer and rescore(again, "python").system("lead").mean == python.system("lead").mean


def test_missing_perl_is_a_one_line_error_naming_what_to_install(tiny_benchmark, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no perl on this PATH
    installation.cache_clear()
    try:
        done = CliRunner().invoke(app, ["eval", str(tiny_benchmark), "--ranker", "lead", "--rouge", "perl"])
    finally:
        installation.cache_clear()
    assert done.exit_code == 1, done.output
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and "libxml-parser-perl" in lines[0] and "Perl" in lines[0], done.output


def test_cli_rouge_option_names_the_scorer_and_rejects_unknown_backends(tiny_benchmark):
    runner = CliRunner()
    done = runner.invoke(app, ["eval", str(tiny_benchmark), "--ranker", "lead", "--rouge", "perl", "-f", "json"])
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["scorer"].startswith("ROUGE-1.5.5 ") and report["protocol"]["rouge155"] in report["scorer"]
    bad = runner.invoke(app, ["eval", str(tiny_benchmark), "--ranker", "lead", "--rouge", "java"])
    assert bad.exit_code == 2 and "python, perl" in bad.output
