"""Exact spans everywhere, NFC and NFD alike (issue 11, item 4): every Ref cites its text, and no Ref
cuts an accent off its letter."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyline

_STORY = (
    "Officials from Zürich met Gödel Ångström in Bogotá on Monday, the ministry said.\n"
    "“We will not leave Zürich,” Gödel Ångström said on Tuesday.\n"
    "Ångström said 12 people were hurt in Bogotá, while Zürich officials said 15 people were hurt.\n"
)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_every_ref_is_exact_and_keeps_its_accents(check, form):
    text = unicodedata.normalize(form, _STORY)
    articles = [
        storyline.Article(id="a", text=text, source="One"),
        storyline.Article(id="b", text=text.replace("Monday", "Sunday") + "Rebels denied the report.\n", source="Two"),
    ]
    brief = storyline.build_brief(articles, storyline.BriefConfig(embeddings="none"))
    check.assert_exact(brief)
    names = {unicodedata.normalize("NFC", alias) for e in brief.to_dict()["entities"] for alias in e["aliases"]}
    assert {"Zürich", "Bogotá"} <= names


def test_a_disagreement_claim_cites_its_own_sentence_first():
    """A denial folded with a longer copy ("denied the report strongly"): the claim's text is the
    shorter sentence, so its first Ref must be that sentence, not the item's representative."""
    claim = "The army said it had captured the eye hospital in the old city on Tuesday."
    first = f"{claim} Rebel commanders in the east of the city denied the report strongly on Tuesday evening."
    second = (
        "Aid workers said food was running out in the besieged districts. "
        "Rebel commanders in the east of the city denied the report on Tuesday evening."
    )
    articles = [storyline.Article(id="x", text=first, source="S1"), storyline.Article(id="y", text=second, source="S2")]
    brief = storyline.build_brief(articles, storyline.BriefConfig(embeddings="none"))
    claims = [c for d in brief.to_dict()["disagreements"] for c in d["claims"]]
    assert any(c["text"].endswith("denied the report on Tuesday evening.") for c in claims)
    assert storyline.verify.provenance_errors(brief) == []


_LEAD = "Officials said 12 people were hurt in the fighting on Tuesday.\n"


@pytest.mark.parametrize(
    "text",
    [
        "\u0591The army said it had taken the old bridge on Tuesday.\nRebels said it had yet to fall.\n",
        "The army said it had taken the old bridge. \u0591Rebels said it had yet to fall.\n",
        "The army said it had taken the old bridge.\n \u0591\u0301 Rebels said it had yet to fall.\n",
        "The army said it had taken the old bridge. \u093fRebels said it had yet to fall. \u200d\n",
    ],
    ids=["text-start", "sentence-start", "line-start-after-space", "spacing-mark-and-joiner"],
)
def test_issue_11_a_lone_leading_combining_mark_never_starts_a_ref(check, text):
    """A mark with no letter before it (at the start of a text, or after a space) belongs to that
    space's grapheme cluster: the sentence starts after it."""
    articles = [storyline.Article(id="a", text=text), storyline.Article(id="b", text=_LEAD)]
    brief = storyline.build_brief(articles, storyline.BriefConfig(embeddings="none"))
    check.assert_exact(brief)
    starts = [s.text for s in brief.documents[0].sentences]
    assert any(s.startswith("Rebels said") for s in starts), starts


def test_issue_11_a_speaker_after_a_lone_mark_starts_at_the_name(check):
    """Found by HYPOTHESIS_PROFILE=explore: the speaker phrase began on the mark left after a space."""
    text = "“We left,” \u0591The The The The The The The The The The The The The said "
    brief = storyline.build_brief([storyline.Article(id="d0", text=text)], storyline.BriefConfig(embeddings="none"))
    check.assert_exact(brief)
    assert all(not q.speaker or not check.is_mark(q.speaker[0]) for q in brief.quotes)


_MARKS = ["\u0591", "\u0301", "\u0308", "\u093f", "\u20dd", "\u200d", "\u0327\u0301"]
_WORDS = ["The", "army", "said", "12", "people", "were", "hurt.", "Zurich", "“We", "left,”", "Rebels", "denied", "it."]


@st.composite
def _marked_text(draw: st.DrawFn) -> str:
    """News-like words with combining marks spliced in anywhere: after a letter, after a space,
    at the start of a line or of the text."""
    pieces = []
    for _ in range(draw(st.integers(3, 40))):
        word = draw(st.sampled_from(_WORDS))
        if draw(st.booleans()):
            at = draw(st.integers(0, len(word)))
            word = word[:at] + draw(st.sampled_from(_MARKS)) + word[at:]
        pieces.append(word + draw(st.sampled_from([" ", " ", " ", "\n", ". ", " \u0591 "])))
    return "".join(pieces)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_marked_text(), min_size=1, max_size=3), form=st.sampled_from(["NFC", "NFD"]))
def test_no_ref_starts_or_ends_inside_a_grapheme_cluster(check, texts, form):
    articles = [storyline.Article(id=f"d{n}", text=unicodedata.normalize(form, t)) for n, t in enumerate(texts)]
    brief = storyline.build_brief([*articles, storyline.Article(id="lead", text=_LEAD)],
                                  storyline.BriefConfig(embeddings="none"))  # fmt: skip
    check.assert_exact(brief)
