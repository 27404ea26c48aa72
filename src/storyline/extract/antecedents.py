"""Where a pronoun's antecedent may be, and who can be it: the window of sentences and the agreement rule that
:mod:`storyline.extract.speakers` resolves pronouns and definite descriptions with (precision first, after the
issue's rule: the same or the previous sentence of the paragraph, gender and number agreeing)."""

from __future__ import annotations

from storyline.extract.people import PRONOUNS, Mention, People, is_description, is_person_like, is_plural
from storyline.model import Document

__all__ = ["SENTENCE_ENDS", "agrees", "antecedent_window", "caption_line"]

# How a sentence of running text ends (a caption or a heading line has none of these).
SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", ":")


def antecedent_window(doc: Document, index: int, people: People) -> list[int]:
    """The sentences a pronoun's antecedent may be in: its own, and the one before in the same paragraph
    (or the one before when the pronoun's sentence opens its paragraph)."""
    here = doc.sentences[index]
    if index == 0:
        return [index]
    k, paragraph = index - 1, here.paragraph
    # A caption, a heading or an ad line between paragraphs (no full stop) is looked past, up to two of them:
    # nobody speaks in it, and the paragraph before it is the one the pronoun's paragraph goes on from.
    while k > 0 and index - k <= 2 and caption_line(doc, k, paragraph):
        if people.speech_subjects(doc.sentences[k]):
            return [index]  # "Image caption Lee says …": someone speaks in it, the pronoun may be theirs
        k, paragraph = k - 1, doc.sentences[k].paragraph
    before = doc.sentences[k]
    if caption_line(doc, k, paragraph):
        return [index]
    if before.paragraph == here.paragraph or (before.paragraph == paragraph - 1 and index - k <= 3):
        return [k, index]
    return [index]


def caption_line(doc: Document, k: int, paragraph: int) -> bool:
    """Whether sentence ``k`` is a line of its own before ``paragraph`` with no full stop (a caption, a heading)."""
    line = doc.sentences[k]
    return line.paragraph == paragraph - 1 and not line.text.rstrip().endswith(SENTENCE_ENDS)


def agrees(pronoun: str, mention: Mention, people: People) -> bool:
    """Whether ``mention`` can be whom ``pronoun`` (or a definite description, "the lawyer") stands for: in
    gender and number, "it" a body, "they" a group."""
    if pronoun not in PRONOUNS:
        # A definite description ("the lawyer", "the mother"): one person, of the gender its noun tells.
        told = people.gender(pronoun)
        personal = is_person_like(mention.text) or is_description(mention.text)
        # A noun that tells no gender ("the lawyer", "the Ohio Democrat") agrees with either.
        agreeing = told is None or people.gender(mention.text) in {None, told}
        return personal and not is_plural(mention.text) and agreeing
    kind = PRONOUNS[pronoun]
    if pronoun == "it":
        # "it said" stands for a body, never a person ("his compatriot Edward Jenner").
        return not is_plural(mention.text) and not (is_person_like(mention.text) or is_description(mention.text))
    if kind == "p":
        return is_plural(mention.text) if pronoun == "they" else not is_plural(mention.text)
    if is_plural(mention.text):
        return False
    personal = is_person_like(mention.text) or is_description(mention.text)
    return personal and people.gender(mention.text) in {None, kind}
