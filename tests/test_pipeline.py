"""The whole pipeline on the seeds and on generated clusters."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyline
from storyline import Article, BriefConfig, Corpus, build_brief, load_articles
from storyline.select import ineligibility, needs_context
from storyline.verify import provenance_errors

TF_IDF = BriefConfig(embeddings="none")


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return load_articles(seeds_dir)


@pytest.fixture(scope="module")
def seeds_brief(seeds):
    return build_brief(seeds)


def test_seeds_brief_validates_against_the_schema(seeds_brief, brief_schema):
    jsonschema.validate(seeds_brief.to_dict(), brief_schema)


def test_seeds_brief_has_a_summary_within_the_default_budget(seeds_brief):
    assert len(seeds_brief.summary) >= 2
    assert sum(len(s.text.split()) for s in seeds_brief.summary) <= 100


@pytest.mark.parametrize("embeddings", ["none", "auto"])
def test_every_ref_cites_its_exact_span(seeds, embeddings):
    brief = build_brief(seeds, BriefConfig(embeddings=embeddings, words=400))
    assert provenance_errors(brief) == []


def test_summary_holds_no_caption_fragment_or_dangling_sentence(seeds):
    brief = build_brief(seeds, BriefConfig(words=300))
    texts = [s.text for s in brief.summary]
    assert not any("REUTERS/" in t or "Syria December 2, 2016" in t for t in texts)
    assert "Assad not in favor of ceasefire." not in texts
    for n, text in enumerate(texts):
        # A context-dependent sentence may only follow its own predecessor.
        if needs_context(text):
            assert n > 0


def test_syndicated_sentences_are_cited_from_every_copy(seeds):
    brief = build_brief(seeds, BriefConfig(words=2000))
    by_text = {s.text[:40]: {r.doc for r in s.support} for s in brief.summary}
    observatory = [docs for text, docs in by_text.items() if text.startswith("In a statement, the Observatory")]
    assert observatory == [{"000_cb909a982181dd53", "002_2df8917ad5cfe594"}]


def test_summary_reads_in_date_then_document_order(seeds_brief):
    import datetime as dt

    docs = {d.id: d for d in seeds_brief.documents}
    order = {d.id: n for n, d in enumerate(seeds_brief.documents)}

    def key(ref):
        date = docs[ref.doc].article.date
        return (date is None, date or dt.date.min, order[ref.doc], ref.sentence)

    keys = [key(s.support[0]) for s in seeds_brief.summary]
    assert keys == sorted(keys)


def test_one_document_gets_a_brief_and_a_warning():
    text = "Rebels held the eastern district on Monday after heavy fighting. " * 1 + (
        "The army said it would press on with the offensive in the coming days. "
        "Aid agencies said thousands of civilians remained trapped in the old city."
    )
    brief = build_brief([Article(id="only", text=text)], TF_IDF)
    assert brief.summary
    assert any("only one document" in w for w in brief.warnings)


def test_identical_documents_fold_into_one_source(seeds):
    article = seeds.articles[1]
    copies = [Article(id=f"copy{n}", text=article.text, body_start=article.body_start) for n in range(4)]
    brief = build_brief(copies, TF_IDF)
    assert brief.unique_documents == 1
    assert [d.duplicate_of for d in brief.documents] == [None, "copy0", "copy0", "copy0"]
    assert any("copies of copy0" in w for w in brief.warnings)
    assert all(len(s.support) == 4 for s in brief.summary)


def test_loader_warnings_reach_the_brief(seeds):
    corpus = Corpus(seeds.articles, warnings=("x.bin: skipped, binary file",))
    assert "x.bin: skipped, binary file" in build_brief(corpus, TF_IDF).warnings


def test_empty_input_is_an_input_error():
    with pytest.raises(storyline.InputError):
        build_brief([])


def test_selected_items_are_all_eligible(seeds):
    from storyline.features.context import Features
    from storyline.pipeline import prepare_story

    story = prepare_story(seeds)
    features = Features(story)
    brief = build_brief(seeds, BriefConfig(embeddings="none", words=500))
    chosen = {s.support[0] for s in brief.summary}
    for item in features.items:
        if item.sentence.ref() in chosen:
            assert ineligibility(item) is None


_PARAGRAPHS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "The U.S. envoy said talks with Col. Abo Bakr had failed.",
                "“We will not leave”, he said. “It is scorched earth.”",
                "Women walk near damaged buildings in Aleppo, Syria December 2, 2016.",
                "Russia and China vetoed a week-long ceasefire on Monday, diplomats said.",
                "However, the rebels refused.",
                "Read more",
            ]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=80),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(_PARAGRAPHS, min_size=1, max_size=4), words=st.integers(min_value=1, max_value=150))
def test_provenance_and_budget_hold_on_generated_clusters(docs, words):
    articles = [Article(id=f"d{n}", text="\n".join(paragraphs)) for n, paragraphs in enumerate(docs)]
    brief = build_brief(articles, BriefConfig(embeddings="none", words=words))
    assert provenance_errors(brief) == []
    assert sum(len(s.text.split()) for s in brief.summary) <= words


def test_strict_mode_turns_input_warnings_into_an_error(seeds):
    corpus = Corpus(seeds.articles, warnings=("x.bin: skipped, binary file",))
    with pytest.raises(storyline.InputError, match="x.bin"):
        build_brief(corpus, BriefConfig(embeddings="none", strict=True))
    assert build_brief(seeds, BriefConfig(embeddings="none", strict=True)).summary
