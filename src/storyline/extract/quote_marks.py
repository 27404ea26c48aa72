"""Quotation marks: the quoted passages of a document, and whether a passage is a quotation at all.

* Curly ``“…”`` / ``„…“``, guillemets ``«…»`` and straight ``"…"`` double quotes are paired left to
  right within a paragraph; a quote left open runs to the end of its paragraph (the paragraph-long
  quotation, whose closing mark news style leaves out).
* Single quotes ``‘…’`` / ``'…'`` outside double quotes are passages too, but the attribution keeps
  them only when a speech verb stands right next to the marks: apostrophes make anything looser
  unsafe.
* A passage of three words or fewer (a term in quotes: “technical”, “immediate ceasefire”) counts
  only when a speech verb attributes it right beside the marks or it is the predicate of reported
  speech (``he said it was “wild”``); a short passage after a determiner (``a “see you later”
  moment``) is a phrase used as a noun, and a capitalised one the title of a work: both skipped.

Every scan here is one left-to-right pass over a paragraph: linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from storyline.lexicon import words
from storyline.model import Document

__all__ = ["SHORT_QUOTE_WORDS", "Marks", "is_modifier", "is_quotation", "names_a_work", "quoted_passages"]

# Passages of this many words or fewer need a speech verb right next to them.
SHORT_QUOTE_WORDS = 3

_OPEN_DOUBLE = {"\u201c": "\u201d", "\u201e": "\u201c", '"': '"', "\u00ab": "\u00bb"}
# A single-quoted passage: not an apostrophe inside a word; bounded, so an opener never closed
# costs a bounded look-ahead rather than the rest of the paragraph.
_SINGLE = re.compile(r"(?<![\w\u2019'])[\u2018'](?=\w)([^\n]{1,1500}?)(?<=\S)[\u2019'](?![\w])")
# Capitalised short titles of works ("A Most Violent Year", "Star Wars: Episode VII").
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'\u2019-]*:?|(?:a|an|the|of|in|on|and|to|for|at|by|with|from)\b")
_DETERMINER = re.compile(r"(?:^|[\s(])(?:a|an|the|this|that|his|her|its|their|our|my|your)\s*$", re.I)
_COPULA = re.compile(r"(?:^|\s)(?:is|was|are|were|be|been|being|seemed|looked|sounded|felt)\s*$")


@dataclass(frozen=True)
class Marks:
    """One quoted passage: the opening mark, the quoted words ``[start, end)`` and just past the closing mark."""

    open_at: int
    start: int
    end: int
    close_at: int
    single: bool


def quoted_passages(doc: Document) -> list[Marks]:
    """Every quoted passage of the document, in order, its words trimmed of outer spaces and a trailing comma."""
    text = doc.article.text
    found = []
    for a, b in _paragraphs(doc):
        doubles = _double_spans(text, a, b)
        for o, i, j, c in sorted(doubles + _single_spans(text, a, b, doubles)):
            while i < j and text[i].isspace():
                i += 1
            while j > i and (text[j - 1].isspace() or text[j - 1] == ","):
                j -= 1
            if i < j:
                found.append(Marks(o, i, j, c, text[o] in "\u2018'"))
    return found


def is_quotation(text: str, how: str, before: str) -> bool:
    """Whether a passage with no speech verb right beside it is a quotation, not a term or a title.

    ``how`` is how the attribution found its speaker ("before" for a verb earlier in the sentence);
    ``before`` is the sentence's text up to the opening mark.
    """
    words = text.split()
    before = _tail(before)
    if len(words) <= SHORT_QUOTE_WORDS:
        # "he said it was “wild”": a short quote as the predicate of reported speech.
        return how == "before" and bool(_COPULA.search(before))
    if len(words) <= 6 and _DETERMINER.search(before):
        return False  # "a “sock it to me” here": a phrase used as a noun
    title = len(words) <= 8 and all(_TITLE_WORD.fullmatch(w.strip(",")) for w in words)
    return not (title and words[0][:1].isupper() and text.rstrip()[-1:] not in {".", "?", "!"})


def names_a_work(before: str) -> bool:
    """Whether the word right before the opening mark makes the passage a title or a label, not speech:
    ``the book “…”``, ``letters labeled “…”``, ``with the headings: “…”`` (``lexicon/title_cues.txt``)."""
    last = re.search(r"([A-Za-z]+)[\s:,]*$", _tail(before))
    return last is not None and last.group(1).lower() in words("title_cues")


def is_modifier(text: str, after: str, opens_sentence: bool) -> bool:
    """A short passage used as a word of the sentence, its cue only seemingly after it: ``the “Top Gun”
    director Ann Lee said`` (no punctuation inside or after the marks, inside the sentence)."""
    return (
        not opens_sentence
        and len(text.split()) <= SHORT_QUOTE_WORDS
        and text.rstrip()[-1:] not in {".", ",", "?", "!"}
        and not after.startswith((",", ".", ";", ":", "?", "!"))
    )


def _tail(before: str, size: int = 40) -> str:
    """The last words of ``before`` (whole words only): what the copula and determiner tests look at."""
    if len(before) <= size:
        return before
    tail = before[-size:]
    space = tail.find(" ")
    return tail[space:] if space != -1 else ""


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for s in doc.sentences:
        a, b = spans.get(s.paragraph, (s.start, s.end))
        spans[s.paragraph] = (min(a, s.start), max(b, s.end))
    return sorted(spans.values())


def _double_spans(text: str, a: int, b: int) -> list[tuple[int, int, int, int]]:
    """(open mark, inner start, inner end, past closing mark) for each double-quoted passage in text[a:b]."""
    out = []
    i = a
    while i < b:
        ch = text[i]
        if ch in _OPEN_DOUBLE:
            closer = _OPEN_DOUBLE[ch]
            if ch == '"' and i + 1 < b and text[i + 1].isspace() and i > a and not text[i - 1].isspace():
                i += 1  # a stray closing straight quote
                continue
            j = text.find(closer, i + 1, b)
            width = 1
            if ch == '"':
                # A straight opener closed by a curly mark ("…”) or by two apostrophes ("…,''): whichever
                # comes first closes it.
                curly = text.find("\u201d", i + 1, b)
                j = curly if curly != -1 and (j == -1 or curly < j) else j
                twice = text.find("''", i + 1, b)
                if twice != -1 and (j == -1 or twice < j):
                    j, width = twice, 2
            elif ch == "\u201c":
                j = _mixed_close(text, i + 1, j, b)
            if j == -1:
                out.append((i, i + 1, b, b))
                break
            out.append((i, i + 1, j, j + width))
            i = j + width
            continue
        i += 1
    return out


def _mixed_close(text: str, start: int, curly: int, b: int) -> int:
    """Where a curly opener's passage closes: at its curly closer, at the first straight mark when it has
    none (``“…"``), or at a straight mark shaped as a closer (after a word or punctuation, before a space)
    when a straight opener (after a space) follows it before the curly closer: ``“A," Lee said. "B.”`` is
    two passages with their marks mixed."""
    if curly == -1:
        return text.find('"', start, b)
    straight = text.find('"', start, curly)
    if straight == -1 or text[straight - 1].isspace() or not text[straight + 1].isspace():
        return curly
    reopened = text.find('"', straight + 1, curly)
    return straight if reopened != -1 and text[reopened - 1].isspace() else curly


def _single_spans(
    text: str, a: int, b: int, doubles: list[tuple[int, int, int, int]]
) -> list[tuple[int, int, int, int]]:
    """Single-quoted passages of text[a:b] that do not open inside a double-quoted one."""
    opens = [o for o, _, _, _ in doubles]
    out = []
    for m in _SINGLE.finditer(text, a, b):
        k = bisect_right(opens, m.start()) - 1
        if k >= 0 and doubles[k][0] <= m.start() < doubles[k][3]:
            continue
        out.append((m.start(), m.start(1), m.end(1), m.end()))
    return out
