"""Cleaning: flag what must never reach a summary, and keep it in the document.

Web and wire copy carries text that is not part of the story: photo captions and credits,
headlines repeated inside the body, bylines, and site boilerplate. :func:`clean` sets
``Sentence.exclude`` on such sentences (``CAPTION``, ``CREDIT``, ``FRAGMENT``, ``BYLINE``,
``BOILERPLATE``); text and offsets never change, so a flagged sentence is still cited correctly
if anything points at it, it is only never selected.

Every rule favours precision: a real news sentence flagged by mistake is silently lost to the
reader, while a caption that slips through is merely a weak candidate the rankers rarely pick.
So each rule needs a strong, specific signal (an agency photo dateline, a ``REUTERS/Name``
credit, a line made only of capitalised names after "By"), and the "no verb" tests count
anything that might be a verb as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.lexicon.calendar import MONTH_PATTERN as _MONTH
from storyline.lexicon.calendar import WEEKDAY_PATTERN as _WEEKDAY
from storyline.model import BOILERPLATE, BYLINE, CAPTION, CREDIT, FRAGMENT, Document, Sentence
from storyline.text.normalize import tokens

__all__ = ["clean", "sentence_flags", "title_keys"]

_NAME = r"[A-Z][\w'\u2019.-]*"
# An agency photo caption ends with its dateline: "... old Aleppo, Syria December 2, 2016." or
# AP's "... in Aleppo, Syria, Monday, Dec. 5, 2016." -- "City, Country [Weekday,] Month D, YYYY".
_CAPTION_DATELINE = re.compile(
    rf"\b{_NAME},\s+{_NAME}(?:\s+{_NAME})?,?\s+(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.?$"
)
_CAPTION_START = re.compile(
    r"^(?:FILE(?:\s+PHOTO)?\s*[-:\u2013\u2014]|File photo\s*[-:]|Pictured\s*:|(?:In\s+)?(?:this|This)\s+"
    r"(?:\w+\s+)?(?:photo|image|picture|handout photo|file photo)\b(?:\s+(?:released|provided|taken|made|shows?)\b|,))"
)
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|according|added|announced|reported)\b")
# Words that say a sentence after a caption still describes the photo.
_PHOTO_WORDS = re.compile(r"\b(?:graffiti|pictured|photo|photograph|image|banner|placard|poster|reads|sign)\b", re.I)

_AGENCY = r"(?:REUTERS|Reuters|AFP|AP|EPA|UPI|Getty Images|Getty|Anadolu|SANA|Xinhua|ANSA|[A-Z]{2,})"
_CREDITS = (
    # "(AP Photo/Hassan Ammar)", "(Photo: Reuters)"
    re.compile(r"\([^()]{0,60}\b(?:Photo|Photograph|Picture|Image)s?\s*[/:][^()]{0,80}\)"),
    # "REUTERS/Abdalrhman Ismail |" -- a slash credit closing a line, with no final period.
    re.compile(rf"\b{_AGENCY}\s*/\s*[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019.-]*){{0,3}}\s*[|)]?$"),
    # "Photo: ...", "Photograph by ...", "Credit: ..."
    re.compile(r"^\(?(?:Photo(?:graph)?|Picture|Image|Video)s?(?:\s+credit)?\s*(?::|by\b)|^Credits?\s*:"),
    # The whole line is an agency credit: "Getty Images", "AFP via Getty Images", "John Smith/AFP".
    re.compile(
        r"^[\w'\u2019.\s/-]{0,40}\b(?:via\s+)?(?:Getty Images|Shutterstock|Alamy|AFP|Reuters|EPA|AP Photo)\s*[|)]?$"
    ),
)

# Lowercase words a byline may hold besides capitalised names.
_BYLINE_WORDS = frozenset(
    """by and in from at with for of the staff additional reporting editing writing contributing compiled
    de van von al bin el la le da di du""".split()  # noqa: SIM905 -- a word list reads better as prose
)
_BYLINE_START = re.compile(
    r"^\(?\s*(?:By|BY)\s+[A-Z]|^\(?\s*(?:(?:Additional|Further)\s+(?:[Rr]eporting|[Ww]riting)|Reporting|Writing|Editing|"
    r"Compiled|Contributing)\s+(?:by|By)\s+[A-Z]"
)

_BOILERPLATE = (
    # Calls to action: whatever follows them is still the call ("Click here to ...").
    re.compile(
        r"^(?:click here|tap here|sign up\b|subscribe\b|story continues below|continue reading|scroll to continue|"
        r"get (?:the|our) (?:app|newsletter)|download (?:the|our) app)",
        re.IGNORECASE,
    ),
    # Labels: the whole line, or the label and a delimiter ("Read more: ...", "Related coverage").
    re.compile(
        r"^(?:read more|read the full story|see also|related(?: coverage| articles?| stories| content| topics)?|"
        r"more on this story|recommended(?: stories)?|most read|advertisement|skip advertisement|"
        r"sponsored(?: content)?)(?:\W*$|\s*[:\u00bb>|\u2013\u2014-])",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:share|tweet|email|print)(?: this(?: article| story| page)?)?(?: on \w+)?\W*$", re.IGNORECASE),
    re.compile(r"^follow (?:us|@?\w+(?: \w+)?) on (?:twitter|facebook|instagram|x|linkedin|tiktok|youtube)\b", re.I),
    re.compile(
        r"\ball rights reserved\b|^(?:\u00a9|copyright\b|\(c\)\s*\d{4})|\bsign up (?:for|to) our\b", re.IGNORECASE
    ),
)
BOILERPLATE_MAX_WORDS = 15

# Anything that may be a finite verb. Over-counting is the safe side: it only spares a line.
_VERBS = frozenset(
    """is are was were be been am has have had do does did will would can could may might must shall should
    cannot said say told tell added asked came come went go got get gave give took take made make left leave
    fell fall held hold kept keep met meet sent send saw see fled flee fought fight won win lost lose led lead
    began begin knew know thought think felt feel heard hear found find stood stand struck strike put set
    hit cut let ran run rose rise seek sought want need refuse agree deny vow warn urge plan fear face
    remain stay continue reject accept demand claim insist believe hope expect fail die kill attack advance
    retreat surrender support oppose back block allow help call try seem look become became""".split()  # noqa: SIM905 -- as above
)
SHORT_WORDS = 4
HEADLINE_WORDS = 10
_PRONOUN_START = re.compile(r"^\W*(?:I|We|You|He|She|It|They|There|This|That)\b")


def clean(documents: Sequence[Document]) -> tuple[Document, ...]:
    """New documents whose sentences carry their ``exclude`` flags; nothing else changes.

    A body sentence repeating any document's headline (punctuation and case aside) is a
    ``FRAGMENT``: outlets paste their own or the wire's headline into the body.
    """
    titles = title_keys(documents)
    return tuple(replace(d, sentences=_flag_document(d.sentences, titles)) for d in documents)


def title_keys(documents: Sequence[Document]) -> frozenset[tuple[str, ...]]:
    """The headlines of the story's documents as token tuples (the title, else the headline line)."""
    keys = set()
    for d in documents:
        title = d.article.title or d.article.text[: d.article.body_start]
        key = tuple(tokens(title))
        if key:
            keys.add(key)
    return frozenset(keys)


def sentence_flags(
    sentence: Sentence, *, alone: bool, in_body: bool = True, titles: frozenset[tuple[str, ...]] = frozenset()
) -> set[str]:
    """The reasons to set one sentence aside.

    ``alone``: it is its paragraph's only sentence; ``in_body``: its document has other paragraphs
    (a verbless line is a stray headline or label only among other paragraphs: a one-line
    document such as a review, "Very comfortable, quiet interior.", is content).
    ``titles``: see :func:`title_keys`.
    """
    text = sentence.text
    words = text.split()
    flags = set()
    if any(p.search(text) for p in _CREDITS):
        flags.add(CREDIT)
    if _is_caption(text):
        flags.add(CAPTION)
    if _is_byline(text, words):
        flags.add(BYLINE)
    if len(words) <= BOILERPLATE_MAX_WORDS and any(p.search(text) for p in _BOILERPLATE):
        flags.add(BOILERPLATE)
    if not flags and _is_fragment(text, words, alone=alone, in_body=in_body, titles=titles):
        flags.add(FRAGMENT)
    return flags


def _flag_document(sentences: tuple[Sentence, ...], titles: frozenset[tuple[str, ...]]) -> tuple[Sentence, ...]:
    sizes: dict[int, int] = {}
    for s in sentences:
        sizes[s.paragraph] = sizes.get(s.paragraph, 0) + 1
    in_body = len(sizes) > 1
    flags = [sentence_flags(s, alone=sizes[s.paragraph] == 1, in_body=in_body, titles=titles) for s in sentences]
    _extend_captions(sentences, flags)
    return tuple(replace(s, exclude=frozenset(f)) if f else s for s, f in zip(sentences, flags, strict=True))


def _extend_captions(sentences: tuple[Sentence, ...], flags: list[set[str]]) -> None:
    """In a paragraph that opens with a caption, the sentences after it describe the photo:
    they are captions when a credit closes the paragraph after them ("The graffiti on the bus
    reads ... REUTERS/Name |"), or when they name what the photo shows and report nobody."""
    for n, s in enumerate(sentences):
        if CAPTION not in flags[n] or (n > 0 and sentences[n - 1].paragraph == s.paragraph):
            continue
        rest = [m for m in range(n + 1, len(sentences)) if sentences[m].paragraph == s.paragraph]
        credited = [m for m in rest if CREDIT in flags[m]]
        for m in rest:
            if flags[m]:
                continue
            text = sentences[m].text
            if (credited and m < credited[-1]) or (_PHOTO_WORDS.search(text) and not _REPORTING.search(text)):
                flags[m].add(CAPTION)


def _is_caption(text: str) -> bool:
    if _CAPTION_START.search(text):
        return True
    return bool(_CAPTION_DATELINE.search(text)) and len(text.split()) >= 6 and not _REPORTING.search(text)


def _is_byline(text: str, words: list[str]) -> bool:
    """A byline ("By John Smith, Reuters", "Reporting by A; Editing by B"): capitalised names throughout."""
    if len(words) > 20 or not _BYLINE_START.search(text):
        return False
    for word in words:
        core = word.strip("()[];,.:|&-\u2013\u2014")
        if core and not core[0].isupper() and core.lower() not in _BYLINE_WORDS:
            return False
    return True


def _is_fragment(
    text: str, words: list[str], *, alone: bool, in_body: bool, titles: frozenset[tuple[str, ...]]
) -> bool:
    """A repeated headline, a line without letters, or a short verbless line that is no quote,
    question or exclamation ("Minister not in favor of talks." alone in its paragraph)."""
    key = tuple(tokens(text))
    if key in titles:
        return True
    if not any(c.isalpha() for c in text):
        return True
    if text[:1] in "\"'\u201c\u2018\u00ab" or text.rstrip("\"'\u201d\u2019\u00bb)").endswith(("?", "!")):
        return False
    if not in_body or _PRONOUN_START.match(text) or _has_verb(key):
        return False
    return len(words) < SHORT_WORDS or (alone and len(words) <= HEADLINE_WORDS)


def _has_verb(words: tuple[str, ...]) -> bool:
    """Whether any word may be a finite verb: a known verb, "-n't", a past "-ed" or an "-s" form.

    Plural nouns ("talks", "forces") count too; that only makes the fragment rule flag less.
    """
    for w in words:
        if w in _VERBS or w.endswith("n't") or (len(w) > 3 and w.endswith("ed")):
            return True
        if len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")) and w != "news":
            return True
    return False
