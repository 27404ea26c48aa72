"""storyline.verify: a Ref cites exact text, inside its sentence's paragraph."""

from __future__ import annotations

from dataclasses import replace

from storyline import Article, BriefConfig, build_brief
from storyline.verify import cited_text_errors, provenance_errors

# A quotation left open at its paragraph's end runs over three sentences of that paragraph.
TEXT = (
    "Floods closed the main bridge on Sunday.\n"
    "The mayor said on Monday: \u201cWe will rebuild the bridge. We will not wait for help from the capital. "
    "Work starts at dawn.\n"
    "Engineers began work on the bridge the next day."
)


def _brief():
    return build_brief(
        [Article(id="a", text=TEXT), Article(id="b", text=TEXT.replace("Sunday", "Saturday"))],
        BriefConfig(embeddings="none"),
    )


def test_a_paragraph_long_quotation_cites_its_first_sentence_and_passes():
    brief = _brief()
    [quote] = [q for q in brief.quotes if q.text.startswith("We will rebuild the bridge")]
    ref = quote.support[0]
    document = next(d for d in brief.documents if d.id == ref.doc)
    assert ref.end > document.sentences[ref.sentence].end  # the quotation runs past its first sentence
    assert provenance_errors(brief) == []


def test_a_ref_running_into_the_next_paragraph_is_an_error():
    brief = _brief()
    quote = next(q for q in brief.quotes if q.text.startswith("We will rebuild the bridge"))
    ref = quote.support[0]
    longer = replace(ref, end=TEXT.index("the next day"))
    text = TEXT[ref.start : longer.end]
    broken = replace(
        brief, quotes=tuple(replace(q, text=text, support=(longer,)) if q is quote else q for q in brief.quotes)
    )
    assert any("outside sentence" in e for e in provenance_errors(broken))


def test_a_briefs_json_checks_against_the_texts_it_was_briefed_from_and_no_other():
    data = _brief().to_dict()
    texts = {"a": TEXT, "b": TEXT.replace("Sunday", "Saturday")}
    assert cited_text_errors(data, texts) == []
    shifted = {**texts, "a": " " + texts["a"]}  # every span of document a now one character early
    assert any("differs from its first cited span" in e for e in cited_text_errors(data, shifted))
    assert any("unknown document 'b'" in e for e in cited_text_errors(data, {"a": texts["a"]}))
    assert any("outside its document" in e for e in cited_text_errors(data, {**texts, "a": texts["a"][:20]}))
