"""Continuation: an unattributed quotation takes the speaker it continues, only when the text leaves no doubt.

A quotation with no attribution of its own that makes up its sentence continues the previous
quotation's speaker when that one is in the same paragraph or ends in the sentence before, and no
other person is named in between; a paragraph that opens with such a quotation continues the last
speaker of the paragraph before it, quoted or reported (``Analysts at X said that …`` / ``“…”``),
under the same condition; a quotation right after a sentence whose subject reports one person's
words is theirs. A quotation over several paragraphs (a paragraph left open, the next one opening with a
mark) is one speaker's. A quoted fragment inside a sentence of narration continues nobody. Used by
:func:`storyline.extract.speakers.resolve_speakers` after pronouns are resolved.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from storyline.extract.attribution import Found
from storyline.extract.people import PRONOUNS, Mention, People, bare_word, is_person_like
from storyline.extract.speaker_phrase import SPEECH_VERB, main_subject
from storyline.model import Document

__all__ = [
    "continue_speaker",
    "continues_open_quotation",
    "distinct_mentions",
    "open_quotation_speaker",
    "same_mention",
    "without_appositions",
]

_CLOSING_MARKS = frozenset("\u201d\"\u2019'")
_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"]*[\u201d\"]")

# Verbs of a question: the quotation after the report of one is its answer, someone else's words.
_QUESTION_VERB = re.compile(r"(?:asked|asks|ask|wondered|wonders|questioned|inquired|enquired)\b")


def same_mention(a: Mention, b: Mention) -> bool:
    """Two mentions of one referent: overlapping or adjacent spans (a name and its apposition,
    "Ann Lee, the group's president"), or one name's last word ending the other."""
    if a.start <= b.end + 2 and b.start <= a.end + 2:
        return True
    wa, wb = a.text.split(), b.text.split()
    if not wa or not wb or wa[-1][:1].islower() or wb[-1][:1].islower():
        return a.text.lower() == b.text.lower()
    return bare_word(wa[-1]) == bare_word(wb[-1])


def continues_open_quotation(doc: Document, q: Found, previous: Found | None) -> bool:
    """Whether ``q`` opens the paragraph right after the one ``previous`` ran to the end of with no closing
    mark: the convention of a quotation over several paragraphs (each opens with a mark, only the last one
    closes), so ``q`` is the same speaker's words going on."""
    if previous is None or q.sentence == 0:
        return False
    text, sentences = doc.article.text, doc.sentences
    here = sentences[q.sentence]
    if sentences[q.sentence - 1].paragraph == here.paragraph or text[here.start : q.open_at].strip():
        return False  # not the opening of its paragraph
    if sentences[previous.close_sentence].paragraph != here.paragraph - 1:
        return False
    left_open = text[previous.close_at - 1 : previous.close_at] not in _CLOSING_MARKS
    return left_open and not text[previous.close_at : here.start].strip()


def open_quotation_speaker(doc: Document, q: Found, previous: Found | None) -> Mention | None:
    """The speaker of the quotation ``q`` goes on from over a paragraph break (:func:`continues_open_quotation`)."""
    if previous is None or not previous.speaker or not previous.speaker_span:
        return None
    if not continues_open_quotation(doc, q, previous):
        return None
    return Mention(previous.open_at, previous.speaker, *previous.speaker_span)


def continue_speaker(doc: Document, q: Found, people: People, previous: Found | None) -> None:
    """An unattributed quotation making up its sentence takes the speaker it continues, when nobody else
    is named between."""
    text = doc.article.text
    if (
        previous is not None
        and previous.speaker
        and previous.speaker_span
        and continues_open_quotation(doc, q, previous)
    ):
        _inherit(q, previous.speaker, previous.speaker_span, text)
        return
    if previous is not None and previous.speaker and previous.speaker_span and previous.how == "after":
        # "“…,” said a man who identified himself as Ray D. “…”": the cue ends a sentence the splitter kept
        # whole (an initial's full stop), and the quotation after it opens the next one.
        start, end = previous.speaker_span
        if start >= previous.close_at and re.fullmatch(r"[.!?]?\s+", text[end : q.open_at]):
            _inherit(q, previous.speaker, previous.speaker_span, text)
            return
    sentence = doc.sentences[q.sentence]
    if text[sentence.start : q.open_at].strip(" \t\"\u201c\u201d\u2018\u2019'(.,;:!?—–-"):
        return  # a fragment quoted inside narration
    after = _QUOTED.sub("", text[q.close_at : doc.sentences[q.close_sentence].end]).lstrip()
    ended = text[q.start : q.end].rstrip(" '\u2019")[-1:] in {".", "?", "!"} and after[:1].isupper()
    if re.match(r"[,;:\s]*\w", after) and not ended:
        # Words after the marks: an attribution the rules do not read ("…,” ripped X; "…,” Ann Lee, a
        # paleontologist at a museum who …, told a paper), not a continuation; after a full stop inside
        # the marks, a capital opens a sentence the splitter left glued to it ("…door.”Serna is …").
        return
    here = sentence.paragraph
    if previous is not None and previous.speaker and previous.speaker_span:
        same_paragraph = doc.sentences[previous.sentence].paragraph == here
        told = max(previous.close_at, previous.speaker_span[1])
        if (same_paragraph or previous.close_sentence >= q.sentence - 1) and _clear_between(
            doc, people, _sentence_end(doc, people, told), q.open_at, previous.speaker, previous.speaker_span
        ):
            _inherit(q, previous.speaker, previous.speaker_span, text)
            return
    k = q.sentence
    while k > 0 and doc.sentences[k - 1].paragraph == here:
        k -= 1
    first = doc.sentences[k]
    if k < q.sentence:
        _continue_report(doc, q, people, previous)
        return
    if first.start > q.open_at or text[first.start : q.open_at].strip(" \t\"\u201c\u2018'(") or here == 0 or k == 0:
        return
    before = [doc.sentences[k - 1]]  # the paragraph before, its sentences in order
    while before[0].index > 0 and doc.sentences[before[0].index - 1].paragraph == here - 1:
        before.insert(0, doc.sentences[before[0].index - 1])
    lead = before[-1]
    if lead.paragraph == here - 1 and lead.text.rstrip().endswith(":"):
        # "X, among many others, vented on the company's page:" then the quotation as its own paragraph.
        found = main_subject(lead.text)
        if found is not None and found[0].lower() not in PRONOUNS and people.can_speak(found[0]):
            _inherit(q, found[0], (lead.start + found[1], lead.start + found[1] + len(found[0])), text)
        return
    # A paragraph opening with a quotation, after one reporting someone's words: theirs.
    reported = [m for s in before if s.paragraph == here - 1 for m in people.speech_subjects(s) if m.at < q.open_at]
    reported = [m for m in reported if m.text.lower() not in PRONOUNS]
    if not reported:
        return
    speaker = reported[-1]
    if previous is not None and previous.open_at > speaker.at:
        return  # a quotation came after that report: it, not the report, is what continues
    if _QUESTION_VERB.match(text, speaker.at):
        return  # "X asked the family if …" then a quotation: the answer, not X's words
    last = _sentence_end(doc, people, speaker.at)
    if any(not same_mention(m, speaker) for m in reported if _sentence_end(doc, people, m.at) == last):
        return  # "X told reporters that …, the Tribune reports": two who spoke, the quotation is not told whose
    if _clear_between(
        doc, people, _sentence_end(doc, people, speaker.end), q.open_at, speaker.text, (speaker.start, speaker.end)
    ):
        _inherit(q, speaker.text, (speaker.start, speaker.end), text)


def _continue_report(doc: Document, q: Found, people: People, previous: Found | None) -> None:
    """A quotation right after a sentence of its paragraph that reports one person's words ("X, a researcher,
    told the paper that …. “…”", "His mother, X, remembers that day. “…”"): theirs."""
    told = doc.sentences[q.sentence - 1]
    reported = [m for m in people.speech_subjects(told) if m.text.lower() not in PRONOUNS]
    if not reported or any(not same_mention(m, reported[-1]) for m in reported):
        return
    speaker = reported[-1]
    if previous is not None and previous.open_at > speaker.at or _QUESTION_VERB.match(doc.article.text, speaker.at):
        return
    # The reporter must open the sentence as its subject: "…, the monitor says." after a figure attributes that
    # figure, and the quotation after it is often someone else's.
    opening = main_subject(told.text)
    start = told.start + opening[1] if opening else 0
    if opening is None or not same_mention(Mention(start, opening[0], start, start + len(opening[0])), speaker):
        return
    if _clear_between(doc, people, told.end, q.open_at, speaker.text, (speaker.start, speaker.end)):
        _inherit(q, speaker.text, (speaker.start, speaker.end), doc.article.text)


def _clear_between(doc: Document, people: People, lo: int, hi: int, speaker: str, span: tuple[int, int]) -> bool:
    """No person other than the speaker is named or speaks between ``lo`` and ``hi``."""
    own = Mention(span[0], speaker, *span)
    first = max(0, bisect_left(people.starts, lo) - 1)
    for s in doc.sentences[first:]:
        if s.start >= hi:
            break
        for m in people.persons(s) + people.speech_subjects(s):
            if lo <= m.start < hi and m.text.lower() not in PRONOUNS and not same_mention(m, own):
                return False
    return True


def _sentence_end(doc: Document, people: People, pos: int) -> int:
    """Where the sentence holding ``pos`` ends: what follows the attribution's own sentence is "between"."""
    k = bisect_right(people.starts, pos) - 1
    return doc.sentences[k].end if k >= 0 else pos


def _inherit(q: Found, speaker: str, span: tuple[int, int], text: str) -> None:
    """Give ``q`` the speaker it continues, unless the quotation names that speaker in the third person
    ("“Ann Lee played Dunn the audio …”" continues nobody called Dunn; a body may name itself)."""
    last = bare_word(speaker.split()[-1]) if speaker.split() else ""
    # A body names itself in its own statements ("The Police Department was saddened …"); a person does not.
    words = text[q.start : q.end]
    named = re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", words) if last[:1].isupper() else None
    # "…, said Lee. We rely on …": a quotation left open past its own cue names its speaker after the verb.
    cue = named is not None and re.search(rf"(?:{SPEECH_VERB.pattern})\s+$", words[: named.start()])
    if named and not cue and is_person_like(speaker):
        return
    q.speaker, q.speaker_span, q.how, q.pronoun = speaker, span, "inherit", None


def without_appositions(text: str, persons: list[Mention]) -> list[Mention]:
    """Persons less those in apposition to the one before ("Hal Rogers, a Kentucky Republican,"): one referent."""
    out: list[Mention] = []
    for m in sorted(persons, key=lambda m: m.start):
        if out and re.fullmatch(r",\s*(?:an?|the)?\s*", text[out[-1].end : m.start]):
            continue
        out.append(m)
    return out


def distinct_mentions(mentions: list[Mention]) -> list[Mention]:
    """The mentions in text order, one for each referent (:func:`same_mention`)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if not any(same_mention(m, o) for o in out):
            out.append(m)
    return out
