"""Sentence splitting with character offsets into the text as read.

pysbd (Sadvilkar & Neumann, "PySBD: Pragmatic Sentence Boundary
Disambiguation", NLP-OSS 2020) handles abbreviations ("U.S.", "Col.",
"Brig. Gen.", "Dec. 2") and quotations; we add what news needs on top:
never cross a paragraph (line), keep a quotation that pysbd cut in two in one
sentence, and locate every segment in the original text so that
``article.text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from storyline.model import Article, Sentence

# A paragraph with no inner ". ", "! " or "? " cannot hold two sentences: skip pysbd.
_INNER_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")
# Longer paragraphs are rare outside of broken input; pysbd slows down sharply on them.
_MAX_PYSBD_CHARS = 5000
_FALLBACK_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
# What a plain boundary regex gets wrong: abbreviations and initials ("Col.", "U.S.",
# "Dec."), quotations, ellipses. Only paragraphs holding one of these pay for pysbd
# (about 2,000 sentences/s here); the rest split on the regex, ~50x faster.
_HARD = re.compile(r"\b[A-Z][a-z]{0,3}\.|\b(?:[A-Za-z]\.){2,}|[“”\"]|(?<!\w)['‘]|['’](?!\w)|\.\.|…|\b(?:[a-z]{1,4})\.\s+[a-z]")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """The body's sentences (everything after ``article.body_start``), in order."""
    sentences: list[Sentence] = []
    text = article.text
    offset = article.body_start
    for paragraph, line in enumerate(text[offset:].split("\n")):
        for start, end in _split_paragraph(line):
            sentences.append(
                Sentence(
                    doc_id=article.id,
                    index=len(sentences),
                    start=offset + start,
                    end=offset + end,
                    text=line[start:end],
                    paragraph=paragraph,
                )
            )
        offset += len(line) + 1
    return tuple(sentences)


def _split_paragraph(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, stripped of surrounding whitespace."""
    if not line.strip():
        return []
    if not _INNER_BOUNDARY.search(line.strip()):
        segments = [line]
    elif len(line) > _MAX_PYSBD_CHARS or not _HARD.search(line):
        segments = _FALLBACK_BOUNDARY.split(line)
    else:
        segments = _segmenter().segment(line)
    spans = _locate(line, segments)
    return _merge_open_quotes(line, spans)


def _locate(line: str, segments: list[str]) -> list[tuple[int, int]]:
    """Find each segment in ``line`` left to right (pysbd's own spans are unreliable)."""
    spans = []
    cursor = 0
    for segment in segments:
        piece = segment.strip()
        if not piece:
            continue
        found = line.find(piece, cursor)
        if found < 0:  # pysbd altered the text: fall back to the rest of the line as one sentence
            rest = line[cursor:]
            stripped = rest.strip()
            if stripped:
                begin = cursor + rest.index(stripped)
                spans.append((begin, begin + len(stripped)))
            return spans
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    tail = line[cursor:].strip()
    if tail and spans:  # text pysbd dropped is kept with the last sentence
        spans[-1] = (spans[-1][0], line.rindex(tail) + len(tail))
    return spans


def _merge_open_quotes(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that opens a quotation with the following ones until it closes,
    and a segment starting in lower case with the one before (a quote such as
    "... eliminated. and we will continue ..." is one sentence)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            previous = line[merged[-1][0] : merged[-1][1]]
            current = line[start:end]
            if _quote_open(previous) or current[:1].islower():
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _quote_open(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1
