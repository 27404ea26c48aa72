"""Sentence splitting with exact character offsets into the text as read.

The body (``article.text[article.body_start:]``) is cut into paragraphs at line breaks and each
paragraph into sentences; a sentence never crosses a line break. Every sentence is a span of the
original text, stripped of surrounding whitespace, so ``article.text[s.start:s.end] == s.text``.

How a paragraph is cut, in three passes over *cut positions* (never over copied text, so offsets
cannot drift and no character is lost):

1. **Clear boundaries**, found by a regular expression: ``.``, ``!`` or ``?`` (with any closing
   quotes or brackets), whitespace, then an upper-case letter, where the word before a period is
   an ordinary word or a number (not an abbreviation from pysbd's list, not an initial, not
   dotted like "U.S."), and the boundary is not inside a double-quoted passage that closes later
   in the paragraph. Most news sentence boundaries are of this kind.
2. **Hard pieces** -- text between clear boundaries that still holds a possible boundary after an
   abbreviation ("Col. Abo Bakr", "Brig. Gen.", "Dec. 2, 2016", "the U.S. The"), an initial, an
   ellipsis or before a digit -- go to pysbd (Sadvilkar & Neumann, "PySBD: Pragmatic Sentence
   Boundary Disambiguation", NLP-OSS 2020), whose output is located in the piece left to right.
   pysbd costs ~0.3 ms a call and grows faster than linearly with length, so it only sees these
   pieces (results cached: syndicated copies repeat them), and pieces over ``PYSBD_MAX_CHARS``
   stay whole.
3. **Quote repair**: a cut is removed when the text before it leaves a double quote open and the
   text after it closes that quote, or continues in lower case (``“... eliminated. and we will
   continue the war against them”.`` is one sentence).

Paragraphs are numbered 0, 1, 2 ... over the non-blank lines of the body, so input with blank
lines between paragraphs numbers them the same way as input without.

Every pass is linear in the line's length: the word before a period is read backwards at most
``MAX_TOKEN_CHARS`` characters, quotation regions and quote marks are found by bisection, and a
"sentence" longer than ``MAX_SENTENCE_CHARS`` (a table, a run-on list, a token with no space) is
cut into pieces of at most that length, at the last space before the limit when there is one; the
document gets a warning saying so. Real news sentences are far shorter (the longest in the dev
data: about 1,400 characters), so the cap changes no real cut.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

import pysbd
from pysbd.lang.english import English

from storyline.model import Article, Sentence
from storyline.text.graphemes import is_mark
from storyline.text.regex_cache import install as install_regex_cache

__all__ = [
    "MAX_SENTENCE_CHARS",
    "MAX_TOKEN_CHARS",
    "PYSBD_MAX_CHARS",
    "split_paragraph",
    "split_sentences",
    "split_until",
]

log = logging.getLogger(__name__)

# A piece longer than this without one clear boundary is broken input (a table, a run-on
# list); pysbd takes ~3 s on 90,000 characters, so such a piece is kept as one sentence.
PYSBD_MAX_CHARS = 3000
# A "sentence" longer than this is cut (see the module docstring): every later stage is then
# fed pieces of bounded length, whatever the input.
MAX_SENTENCE_CHARS = 2000
# A run of non-space characters longer than this is no word (a hash, a base64 blob, a run of
# one letter); the word before a period is never read further back than this.
MAX_TOKEN_CHARS = 100

# Line breaks as str.splitlines() knows them: a sentence never contains one.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# A possible boundary: terminal punctuation, closing quotes/brackets, whitespace, next character.
_CANDIDATE = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019\u00bb)\]]*)(\s+)(?=(\S)(\S?))")
_WORD_STOP = frozenset("\"'\u201c\u2018\u00ab([")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
# An ordinary word (letters, inner hyphens/apostrophes) or a number of two digits or more.
_PLAIN_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'\u2019][^\W\d_]+)*|[^\W\d_]+(?:[-'\u2019][^\W\d_]+)+|\d{2,}")
_OPENERS = "\"\u201c\u201e\u00ab([\u2018'"
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS) | frozenset(
    English.Abbreviation.PREPOSITIVE_ABBREVIATIONS
)
_OPEN_QUOTES = "\u201c\u201e\u00ab"
_CLOSE_QUOTES = "\u201d\u00bb"
_QUOTE_CHARS = frozenset(_OPEN_QUOTES + _CLOSE_QUOTES + '"')
_QUOTE_CHAR = re.compile(f'[{_OPEN_QUOTES}{_CLOSE_QUOTES}"]')

_CLEAR, _HARD, _NONE = "clear", "hard", "none"
_SPACES = re.compile(r"\s*")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    """One pysbd segmenter for the process: building it compiles its rules.

    pysbd builds most of its patterns per call, past ``re``'s cache: its modules get one that
    holds them all (:mod:`storyline.text.regex_cache`).
    """
    install_regex_cache("pysbd")
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(article: Article, warnings: list[str] | None = None) -> tuple[Sentence, ...]:
    """The sentences of the article's body, in order, with exact spans into ``article.text``.

    ``warnings`` receives one line per document whose text had to be cut or holds runs too long
    to be words (both are signs of broken input, never of news prose).
    """
    return split_until(article, None, warnings)[0]


def split_until(
    article: Article, stop: Callable[[], bool] | None, warnings: list[str] | None = None
) -> tuple[tuple[Sentence, ...], int]:
    """:func:`split_sentences`, stopped at the first line that starts once ``stop()`` is true
    (asked before each line that follows a sentence: a time budget, :mod:`storyline.budget`).

    Returns the sentences and where splitting stopped: the start of the first line not split,
    ``len(article.text)`` when every line was.
    """
    text = article.text
    sentences: list[Sentence] = []
    paragraph = 0
    line_start = article.body_start
    cut_long = 0
    for line_end in [m.start() for m in _LINE_BREAK.finditer(text, article.body_start)] + [len(text)]:
        if stop is not None and sentences and stop():
            break
        line = text[line_start:line_end]
        if line.strip():
            for start, end in split_paragraph(line):
                for begin, finish in _bounded(text, line_start + start, line_start + end):
                    cut_long += finish - begin < end - start
                    sentences.append(Sentence(article.id, len(sentences), begin, finish, text[begin:finish], paragraph))
            paragraph += 1
        # Skip the break itself ("\r\n" is two characters).
        line_start = line_end + (2 if text.startswith("\r\n", line_end) else 1)
    if warnings is not None:
        warnings.extend(_warnings(article, sentences, cut_long))
    return tuple(sentences), min(line_start, len(text))


def _warnings(article: Article, sentences: list[Sentence], cut: int) -> list[str]:
    out = []
    if cut:
        out.append(
            f"{article.id}: {cut} sentence pieces cut from text with no sentence end in "
            f"{MAX_SENTENCE_CHARS:,} characters (a table, a list or broken text?)"
        )
    long_tokens = sum(1 for s in sentences for _ in _LONG_TOKEN.finditer(s.text))
    if long_tokens:
        out.append(
            f"{article.id}: {long_tokens} runs of over {MAX_TOKEN_CHARS} characters without a space "
            "(not words: they count for nothing when sentences are compared)"
        )
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span ``text[start:end]`` as pieces of at most ``MAX_SENTENCE_CHARS``, stripped.

    Each cut falls at the last whitespace before the limit when there is one in its second
    half, else at the limit itself, moved back over combining marks so that no character
    loses its accent to the next piece.
    """
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = _last_space(text, start + MAX_SENTENCE_CHARS // 2, limit)
        cut = space if space is not None else _grapheme_start(text, start, limit)
        head_end = cut
        while text[head_end - 1].isspace():
            head_end -= 1
        pieces.append((start, head_end))
        start = _skip_space_and_marks(text, cut, end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _skip_space_and_marks(text: str, start: int, end: int) -> int:
    """The first position from ``start`` that is neither whitespace nor a mark left without its base.

    A mark after whitespace (or at the start of a line) is part of that space's grapheme cluster
    (Unicode UAX #29: no break before Extend): a span starting on it would start inside a cluster.
    """
    while start < end and (text[start].isspace() or is_mark(text[start])):
        start += 1
    return start


def _last_space(text: str, low: int, high: int) -> int | None:
    for i in range(high, low, -1):
        if text[i].isspace():
            return i
    return None


def _grapheme_start(text: str, low: int, at: int) -> int:
    """``at``, or the nearest position before it that does not split a base from its combining marks."""
    cut = at
    while cut > low + 1 and is_mark(text[cut]):
        cut -= 1
    return cut


def split_paragraph(line: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one line of text, stripped, in order, never empty."""
    cuts = _cuts(line)
    spans = []
    for begin, finish in zip([0, *cuts], [*cuts, len(line)], strict=True):
        stripped_end = begin + len(line[begin:finish].rstrip())
        start = _skip_space_and_marks(line, begin, stripped_end)
        if start < stripped_end:
            spans.append((start, stripped_end))
    return spans


def _cuts(line: str) -> list[int]:
    """Sorted positions where a new sentence starts (each just after whitespace)."""
    regions = _quote_regions(line)
    opens = [o for o, _ in regions]
    clear: list[int] = []
    hard: list[int] = []
    for m in _CANDIDATE.finditer(line):
        kind = _classify(line, m, regions, opens)
        if kind == _CLEAR:
            clear.append(m.end())
        elif kind == _HARD:
            hard.append(m.end())
    cuts = set(clear)
    bounds = [0, *clear, len(line)]
    for begin, finish in zip(bounds, bounds[1:], strict=False):
        # hard and bounds are both sorted: the first hard position after begin decides.
        h = bisect_left(hard, begin + 1)
        if h < len(hard) and hard[h] < finish:
            cuts.update(begin + c for c in _pysbd_cuts(line[begin:finish]))
    return _repair_quotes(line, sorted(cuts))


def _classify(line: str, m: re.Match[str], regions: list[tuple[int, int]], opens: list[int]) -> str:
    """Whether a candidate boundary is clear, needs pysbd (hard), or is no boundary."""
    terminal, closers = m.group(1), m.group(2)
    nxt, after = m.group(4), m.group(5)
    if nxt in _OPENERS and after:
        nxt = after
    if nxt.islower():
        return _NONE  # "... eliminated. and we", "“want?” he added"
    # Regions are disjoint and sorted: only the last one opening before the period can hold it.
    last = bisect_left(opens, m.start(1)) - 1
    if last >= 0 and regions[last][1] >= m.end(2):
        return _NONE  # inside a quotation that closes later on the line
    if not nxt.isupper():
        return _HARD  # a digit or a symbol follows: "No. 5", "... . |"
    if terminal in {"!", "?", "?!", "!?", "!!", "??"}:
        return _CLEAR
    if terminal != ".":
        return _HARD  # an ellipsis
    token = _word_before(line, m.start(1))
    if closers and closers[0] in ")]":
        return _CLEAR  # "... (in 2011). The"
    if _PLAIN_WORD.fullmatch(token) and token.lower() not in _ABBREVIATIONS:
        return _CLEAR
    return _HARD


def _word_before(line: str, end: int) -> str:
    """The run of characters before ``end`` up to whitespace or an opening quote/bracket.

    Read backwards, at most ``MAX_TOKEN_CHARS + 1`` characters: a longer run is no word (``""``),
    and scanning further back would make a long token quadratic.
    """
    start = end
    floor = max(0, end - MAX_TOKEN_CHARS - 1)
    while start > floor and not _ends_word(line[start - 1]):
        start -= 1
    if start == floor and start > 0 and not _ends_word(line[start - 1]):
        return ""  # longer than MAX_TOKEN_CHARS: not a word
    return line[start:end]


def _ends_word(ch: str) -> bool:
    return ch.isspace() or ch in _WORD_STOP


def _quote_regions(line: str) -> list[tuple[int, int]]:
    """Spans (open, close) of double-quoted passages that close on this line."""
    regions = []
    opened: int | None = None
    for quote in _QUOTE_CHAR.finditer(line):
        i = quote.start()
        if _is_opening(line, i):
            opened = i
        elif opened is not None:
            regions.append((opened, i))
            opened = None
    return regions


def _is_opening(line: str, i: int) -> bool:
    ch = line[i]
    if ch in _OPEN_QUOTES:
        return True
    if ch in _CLOSE_QUOTES:
        return False
    # A straight quote opens at the start of the line or after a space or an opening bracket/dash.
    return i == 0 or line[i - 1].isspace() or line[i - 1] in "([{\u2014\u2013-"


def _repair_quotes(line: str, cuts: list[int]) -> list[int]:
    """Drop cuts that leave a double quote open when the text after closes it or runs on in
    lower case: pysbd and the boundary rule both cut quotations that hold a period."""
    quotes = [m.start() for m in _QUOTE_CHAR.finditer(line)]
    kept: list[int] = []
    start = 0
    for n, cut in enumerate(cuts):
        following_end = cuts[n + 1] if n + 1 < len(cuts) else len(line)
        if _leaves_open(line, quotes, start, cut) and (
            _closes_first(line, quotes, cut, following_end) or line[cut : cut + 1].islower()
        ):
            continue
        kept.append(cut)
        start = cut
    return kept


def _leaves_open(line: str, quotes: list[int], start: int, end: int) -> bool:
    """Whether the last quote mark in ``line[start:end]`` opens a quotation."""
    last = bisect_left(quotes, end) - 1
    return last >= 0 and quotes[last] >= start and _is_opening(line, quotes[last])


def _closes_first(line: str, quotes: list[int], start: int, end: int) -> bool:
    """Whether the first quote mark in ``line[start:end]`` closes a quotation."""
    first = bisect_left(quotes, start)
    return first < len(quotes) and quotes[first] < end and not _is_opening(line, quotes[first])


@lru_cache(maxsize=16384)
def _pysbd_cuts(piece: str) -> tuple[int, ...]:
    """Where pysbd starts new sentences in ``piece``, as offsets located in the piece itself.

    pysbd's own ``char_span`` offsets are unreliable on repeated text, so each segment is found
    by searching forward from the end of the previous one; a cut is kept only right after
    whitespace, so a segment pysbd altered can never produce a cut inside a word.
    """
    if len(piece) > PYSBD_MAX_CHARS:
        log.debug("piece of %d characters kept whole (longer than PYSBD_MAX_CHARS)", len(piece))
        return ()
    cuts = []
    cursor = 0
    for segment in _segments(piece):
        stripped = segment.strip()
        if not stripped:
            continue
        found = piece.find(stripped, cursor)
        if found < 0:
            log.debug("pysbd segment not found in its input; the rest of the piece stays one sentence")
            break
        if found > 0 and piece[found - 1].isspace() and piece[:found].strip():
            cuts.append(found)
        cursor = found + len(stripped)
    return tuple(cuts)


def _segments(piece: str) -> list[str]:
    r"""``pysbd.Segmenter.segment(piece)``: pysbd's sentences, each with the whitespace after it.

    pysbd places each of its sentences in the input with a pattern made of that sentence
    (``re.escape(sentence) + r"\s*"``, the first match ending past the previous one), so it
    compiles one new pattern per sentence; the same search by ``str.find`` gives the same strings.
    """
    segmenter = _segmenter()
    segments: list[str] = []
    end = 0
    for sentence in segmenter.processor(piece).process():
        if not sentence:  # pysbd's pattern is then r"\s*", which also matches empty: its own search
            match = next((m for m in _SPACES.finditer(piece) if m.end() > end), None)
            if match is not None:
                segments.append(match.group())
                end = match.end()
            continue
        at = piece.find(sentence)
        while at >= 0:
            stop = at + len(sentence)
            while stop < len(piece) and piece[stop].isspace():
                stop += 1
            if stop > end:
                segments.append(piece[at:stop])
                end = stop
                break
            at = piece.find(sentence, stop)
    return segments
