"""Inputs far larger than news: each briefs (or is cut with a warning), never crashes (issue 11, item 1)."""

from __future__ import annotations

import storyline
from storyline.text.sentences import MAX_SENTENCE_CHARS

_LEAD = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt.\n"


def test_a_line_over_spacys_limit_is_briefed_with_the_default_entity_backend(check):
    """A 1.2 MB paragraph: over spaCy's 1,000,000-character limit, so NER must see it in pieces."""
    text = _LEAD + "Word Zurich said " * 70_000
    brief = storyline.build_brief([storyline.Article(id="big", text=text), storyline.Article(id="lead", text=_LEAD)])
    assert brief.summary
    assert max(len(s.text) for d in brief.documents for s in d.sentences) <= MAX_SENTENCE_CHARS
    assert any("cut from text with no sentence end" in w for w in brief.warnings)
    check.assert_exact(brief)
