"""Source counts: copies count once, and every section says which copies were folded."""

from __future__ import annotations

from storyline import Article, BriefConfig, build_brief
from storyline.compare.agreement import count_sources, with_agreement
from storyline.model import Document, Ref

WIRE = (
    "Government forces retook the eye hospital in eastern Aleppo on Sunday, the army said.\n"
    "“We will never leave Aleppo,” rebel commander Zakaria Malahifji said.\n"
    "At least 45 children were among the 372 people killed, the monitor said."
)


def _documents(*pairs: tuple[str, str | None]) -> tuple[Document, ...]:
    return tuple(Document(Article(id=doc, text="x"), (), duplicate_of=original) for doc, original in pairs)


def test_a_copy_and_its_original_count_as_one_source():
    documents = _documents(("a", None), ("b", "a"), ("c", None))
    refs = [Ref("a", 0, 0, 1), Ref("b", 0, 0, 1), Ref("c", 0, 0, 1)]
    assert count_sources(refs, documents) == (2, (("b", "a"),))


def test_counts_read_refs_as_dicts_and_repeated_documents_once():
    documents = _documents(("a", None), ("b", None))
    refs = [{"doc": "a"}, {"doc": "a"}, {"doc": "b"}]
    assert count_sources(refs, documents) == (2, ())


def test_with_agreement_adds_counts_and_keeps_the_item():
    documents = _documents(("a", None), ("b", "a"))
    [item] = with_agreement([{"text": "t", "support": [{"doc": "a"}, {"doc": "b"}]}], documents)
    assert item == {
        "text": "t",
        "support": [{"doc": "a"}, {"doc": "b"}],
        "sources": 1,
        "folded": [{"doc": "b", "copy_of": "a"}],
    }


def test_every_section_of_a_syndicated_story_counts_the_copy_once():
    articles = [
        Article(id="wire", text=WIRE),
        Article(id="copy", text=WIRE),
        Article(id="other", text="Civilians fled east Aleppo overnight as shelling went on, activists said."),
    ]
    data = build_brief(articles, BriefConfig(embeddings="none", words=200)).to_dict()
    for section in ("summary", "quotes", "figures"):
        both = [item for item in data[section] if {r["doc"] for r in item["support"]} >= {"wire", "copy"}]
        assert both, section
        for item in both:
            assert item["sources"] == len({r["doc"] for r in item["support"]}) - 1
            assert item["folded"] == [{"doc": "copy", "copy_of": "wire"}]
