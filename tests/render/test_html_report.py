"""The HTML report: self-contained, escaped, and every citation points at a span in its article."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from storyline import Article, BriefConfig, build_brief, load_articles, render

HOSTILE = (
    'Rebels said <script>alert("x")</script> the army shelled the old city on Monday morning.\n'
    'Witnesses saw <img src=x onerror="alert(1)"> heavy fighting near the airport overnight.'
)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.refs: list[list[str]] = []
        self.tags: list[str] = []
        self.external: list[str] = []
        self._open: list[str | None] = []
        self.text_by_id: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids[a["id"] or ""] = tag
        if a.get("data-refs"):
            self.refs.append(json.loads(a["data-refs"] or "[]"))
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(a[key] or "")
        self._open.append(a.get("id") if tag == "span" else None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for span_id in self._open:
            if span_id:
                self.text_by_id[span_id] = self.text_by_id.get(span_id, "") + data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def seeds_page(seeds_dir):
    brief = build_brief(load_articles(seeds_dir), BriefConfig(words=150))
    return brief, render(brief, "html")


def test_every_citation_points_at_its_sentence_span(seeds_page):
    brief, page = seeds_page
    parsed = _parse(page)
    # The summary comes first; the facts sections after it cite the sentences their spans lie in.
    assert len(parsed.refs) > len(brief.summary)
    documents = {d.id: d for d in brief.documents}
    for item, ids in zip(brief.summary, parsed.refs, strict=False):
        assert len(ids) == len(item.support)
        for ref, span_id in zip(item.support, ids, strict=True):
            assert parsed.ids.get(span_id) == "span"
            assert parsed.text_by_id[span_id] == documents[ref.doc].article.text[ref.start : ref.end]
    assert all(parsed.ids.get(span_id) == "span" for ids in parsed.refs for span_id in ids)


def test_report_is_self_contained(seeds_page):
    _, page = seeds_page
    parsed = _parse(page)
    assert parsed.external == []
    assert "<style>" in page and "<script>" in page and "http://" not in page and "https://" not in page


def test_article_markup_is_shown_as_text_not_run():
    page = render(build_brief([Article(id="evil", text=HOSTILE)], BriefConfig(embeddings="none", words=500)), "html")
    parsed = _parse(page)
    assert parsed.tags.count("script") == 1  # the report's own script only
    assert "img" not in parsed.tags
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "onerror=&quot;alert(1)&quot;" in page


def test_excluded_sentences_are_marked(seeds_page):
    _, page = seeds_page
    assert 'excluded" title="not used: caption"' in page


def test_sections_of_later_stages_are_shown_and_clickable(seeds_page):
    from dataclasses import replace

    from storyline.model import Claim, Disagreement, Entity, Event, Figure, Quote, Ref

    brief, _ = seeds_page
    document = brief.documents[4]
    sentence = document.sentences[4]
    typed_ref = sentence.ref()
    ref = typed_ref.to_dict()
    quote_ref = {**ref, "start": sentence.start + 10, "end": sentence.start + 30}
    richer = replace(
        brief,
        timeline=(Event(date="2016-12-04", text="Army gains <b>", support=(typed_ref,)),),
        quotes=(Quote("It is scorched earth.", (Ref(**quote_ref),)),),
        figures=(Figure(value=80, unit="percent", text="about 80% of east Aleppo", support=(typed_ref,)),),
        disagreements=(
            Disagreement(
                topic="eye hospital",
                kind="denial",
                why="",
                claims=(Claim("taken", (typed_ref,)), Claim("not yet", (typed_ref,))),
            ),
        ),
        entities=(Entity("Ann Lee", "PERSON", ("Ann Lee", "Lee"), 3, 2, (Ref(**ref),)),),
    )
    page = render(richer, "html")
    parsed = _parse(page)
    for heading in ("Timeline", "Who said what", "Figures", "Where the sources disagree", "Who and where"):
        assert f"<h2>{heading}</h2>" in page
    assert "Army gains &lt;b&gt;" in page and "speaker unknown" in page and "Ann Lee" in page
    span_id = f"s-{document.id}-{sentence.index}"
    assert parsed.ids.get(span_id) == "span"
    assert sum(ids == [span_id] for ids in parsed.refs) == 5


def test_coverage_matrix_marks_each_citing_document(seeds_page):
    brief, page = seeds_page
    assert "<h2>Coverage</h2>" in page
    table = page.split('<table class="coverage">', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr>")[2:]
    assert len(rows) == len(brief.summary)
    for row, item in zip(rows, brief.summary, strict=True):
        marked = [d.id for d in brief.documents if f'<td title="{d.id}">●</td>' in row]
        assert marked == [d.id for d in brief.documents if d.id in {r.doc for r in item.support}]
