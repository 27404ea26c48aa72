"""Exact spans everywhere, NFC and NFD alike (issue 11, item 4): every Ref cites its text, and no Ref
cuts an accent off its letter."""

from __future__ import annotations

import unicodedata

import pytest

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
