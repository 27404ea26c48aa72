"""Attribution: the speech clause next to a quoted passage, and the speaker it names, as written.

Rules, within the passage's sentences (speech verbs: ``lexicon/speech_verbs.txt``):

1. a passage that opens its sentence is attributed by what follows the closing mark:
   ``“…”, X said`` / ``“…,” said X`` / ``“…” he added`` / ``“…”, X told the agency`` /
   ``“…,” singer X told the radio``, else by a speech clause ending the sentence
   (``“…” except for …, X said.`` / ``…, said X, a …``) (:mod:`~storyline.extract.cue_after` reads that side);
2. a passage inside a sentence is attributed to the subject of the last speech verb before it
   (``X said: “…”``; the partial quote in indirect speech, ``X said a loss “will mean …”``), to X
   in ``According to X, “…”`` and ``X released a statement saying, “…”``, else by what follows it
   as in 1.

**Speaker text** is the noun phrase as written, role included ("Deputy Mayor Ann Lee", "union head
Tom Hale"); an apposition after a comma is dropped ("Tom Hale, a union representative, said" → "Tom
Hale"; "Yasmin, 40, a mother of two" → "Yasmin"), unless the phrase before it is a description and
the apposition the name ("the film's editor, Paula Grey, said" → "Paula Grey"). For a statement, the
body issuing it is the speaker: "said a statement issued Wednesday by the city's transport office" →
"the city's transport office" ("according to X" → X). Every speaker is located in the text: its
span, not only its words, is returned, so who said it has provenance too.

Each rule looks at a bounded window beside the marks (:data:`WINDOW` characters): a speech clause
is short, and a bounded look keeps the attribution of a long unpunctuated line linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.cue_after import CLAUSE_WORD, NOT_INVERTED, after_attribution
from storyline.extract.speaker_phrase import (
    QUOTING_VERB,
    SPEECH_VERB,
    SUBORDINATOR,
    VERBS,
    clean_speaker,
    main_subject,
    subject_after_verb,
    subject_before,
)
from storyline.lexicon import words
from storyline.text.graphemes import whole_graphemes

__all__ = ["CLAUSE_WORD", "SPEECH_VERB", "SUBORDINATOR", "WINDOW", "Found", "attribute", "locate", "subject_before"]

# How far from a quoted passage a speech clause is looked for, in characters.
WINDOW = 400

_COLON_AFTER_VERB = re.compile(rf"(?:{VERBS})(?![\w-])[^.;\u201d\"]{{0,40}}:\s*$")
# “A,” he said, “B”: the second half of a split quote, attributed right beside it.
_SPLIT = re.compile(r"[\u201d\"][\s,]*[^\u201d\"\u201c]{0,80},\s*$")
_RELATIVE_WORD = re.compile(r"\b(?:who|whom|which|that|where)\b")
# A speech participle after a comma, nothing quoted or ending a sentence between it and the marks.
_PARTICIPLE = re.compile(
    r",\s*(?:saying|writing|telling|adding|noting|arguing|warning|insisting|explaining|declaring|stating|"
    r"claiming|tweeting|vowing|boasting|complaining)\b[^.;!?\u201c\u201d\"]*$"
)
# The subject opening a sentence, past one short opening phrase ("At the time, the president disparaged"):
# a name (titles and roles before it included) or a description, then a lowercase word.
# A transcript's speaker label in capitals opening the sentence: "CHECKETT: “…”".
_TRANSCRIPT_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z\u2019'.-]{2,}(?:\s+[A-Z][A-Z\u2019'.-]+){0,2}):\s*$")
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose|whom)\b[^,]*,?")
_CLOSED_JUST_BEFORE = re.compile(r"[\u201d\"],?\s*$")
# A sentence ended right before the marks, with no space: "… a resignation letter.“I'm …”".
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]$")
_OPENING_PHRASE = re.compile(r"[^,]{1,40},\s*")
_NEXT_OPEN = re.compile(r"[\u201c\u201e\"\u00ab]")

# "X released a statement saying, “…”": the participle's subject is the one issuing the statement.
_ISSUED_SAYING = re.compile(
    r"(?P<subj>[^,;]+?)\s+(?:released|issued|published|posted|sent|put out)\s+(?:an?|its|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:statement|letter|message|note|post|tweet|release)\s+(?:saying|reading)[,:]?\s*$"
)
_ACCORDING = re.compile(r"(?:^|,\s*)according\s+to\s+(?P<subj>[^,;]+?),?\s*$", re.I)
_ACCORDING_OPENING = re.compile(r"\s*According\s+to\s+(?P<subj>[^,;\u201c\u201d\"]+?),\s")
# A verb of perception, its object, then "say": "heard Ann Lee say, “…”".
_HEARD_SAY = re.compile(
    r"\b(?:heard|hear|hears|overheard)\s+(?P<name>[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})\s+$"
)
# "And, said Ann Lee, “…”" / "Adds Ann Lee: “…”": a speech verb opening the sentence, its subject after it.
_ASKED = frozenset({"asked", "asks", "ask", "pressed", "questioned"})
_OPENING_VERB = re.compile(r"\s*(?:(?:And|But|So|Yet)\b,?\s+)?(?P<verb>[A-Za-z]+)\s+")
# An apposition right after a subject ("Ann Lee, a former judge, took …"); a quoted word or two ("“weak,”").
_APPOSITION = re.compile(r"^,\s+(?:an?|the|his|her|their|its)\s[^,\u201c\u201d\"]{1,60},")
_QUOTED_WORDS = re.compile(r"[\u201c\"][^\u201c\u201d\"]{1,40}[\u201d\"],?")


@dataclass
class Found:
    """A quoted passage while its speaker is worked out (mutable: attribution, then resolution, fill it)."""

    doc: str
    start: int  # span of the quoted words in the document text
    end: int
    open_at: int  # the opening mark
    close_at: int  # just past the closing mark (or the paragraph end)
    sentence: int
    close_sentence: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    # The cue: "after" (right after the marks), "final" (a speech clause ending the sentence), "before",
    # "colon", "split", "main" (the sentence's subject, before a colon or a speech participle: checked
    # against the people layer), "inherit" (continues the quotation before) or "" (none).
    how: str = ""
    pronoun: str | None = None  # the pronoun that introduced it, while unresolved


def attribute(text: str, q: Found, open_start: int, close_end: int) -> None:
    """Fill ``q.speaker``/``q.speaker_span``/``q.how`` from the speech clause beside the marks.

    ``open_start`` is where the sentence holding the opening mark starts, ``close_end`` where the
    one holding the closing mark ends.
    """
    lo = max(open_start, q.open_at - WINDOW)
    before = text[lo : q.open_at]
    opens_sentence = lo == open_start and not before.strip(" \t\"\u201c\u2018'(")
    # "… her resignation letter.“I'm …,” Ann Lee said.": the splitter kept a new sentence glued to the marks.
    opens_sentence = opens_sentence or bool(_SENTENCE_END.search(before))
    if not opens_sentence and _attribute_before(text, q, lo, before, at_start=lo == open_start):
        if q.how == "main" or (q.how == "before" and _CLOSED_JUST_BEFORE.search(before)):
            # "It would take a cranky person …: “…,” wrote Ann Lee" / "X wrote, “A.” “B,” Y said": a cue
            # right after the marks is this passage's own and outranks the subject or the verb of another one.
            kept = (q.speaker, q.speaker_span, q.how)
            q.speaker, q.speaker_span, q.how = None, None, ""
            _attribute_after(text, q, close_end)
            if q.how != "after":
                q.speaker, q.speaker_span, q.how = kept
            return
        if not (q.how == "before" and _clause_between(before)):
            return
        # "While X insists on …, “…” he was quoted as saying": the verb of another clause; the cue after wins.
        kept = (q.speaker, q.speaker_span, q.how)
        q.speaker, q.speaker_span, q.how = None, None, ""
        _attribute_after(text, q, close_end)
        # "Before X announced …, Y penned an article … “…”": a verb of a subordinate clause is not the quote's.
        opening = before.lstrip(" \t\"\u201c\u2018'(")
        at = kept[1][0] - (q.open_at - len(opening)) if kept[1] else 0
        # "In 2010, when the paper wrote about him, he issued a statement: “…”": past a short opening phrase too.
        lead = _OPENING_PHRASE.match(opening)
        cut = lead.end() if lead and SUBORDINATOR.match(opening, lead.end()) else 0
        subordinate = lo == open_start and SUBORDINATOR.match(opening, cut) and "," not in opening[cut:at]
        if q.speaker is None and not subordinate:
            q.speaker, q.speaker_span, q.how = kept
        return
    _attribute_after(text, q, close_end)


def _clause_between(before: str) -> bool:
    """Whether a comma ends the speech verb's clause before the quotation opens."""
    verb = None
    for verb in SPEECH_VERB.finditer(before):  # noqa: B007 - the last one is wanted
        pass
    if verb is None:
        return False
    clause = re.match(r"([^,]*),", before[verb.end() :])
    return clause is not None and bool(clause.group(1).strip())


def _attribute_after(text: str, q: Found, close_end: int) -> None:
    after_end = min(close_end, q.close_at + WINDOW)
    nxt = _NEXT_OPEN.search(text, q.close_at, after_end)
    if nxt:
        after_end = nxt.start()
    inner_end = q.close_at - 1 if q.close_at > q.end else q.end
    found = after_attribution(text[q.close_at : after_end], text[q.start : inner_end], cut=nxt is not None)
    if found:
        phrase, offset, adjacent = found
        _set(q, text, phrase, q.close_at + offset, after_end, "after" if adjacent else "final")


def _attribute_before(text: str, q: Found, lo: int, before: str, *, at_start: bool) -> bool:
    """The cue before the marks in ``before`` (from ``lo``; ``at_start``: where the sentence starts)."""
    label = _TRANSCRIPT_LABEL.match(before)
    if label:
        # "CHECKETT: “…”": a transcript's speaker label (checked against the people layer).
        return _set(q, text, label.group("label"), lo + label.start("label"), q.open_at, "main")
    if at_start and _inverted_opening(text, q, lo, before):
        return True
    verb = None
    for verb in QUOTING_VERB.finditer(before):  # noqa: B007 - the last one is wanted
        pass
    if verb is not None and not SPEECH_VERB.fullmatch(verb.group(0)) and _RELATIVE_CLAUSE.search(before, verb.end()):
        verb = None  # "X criticized the law, which widened … crimes by “…”": the law's words, not X's
    participle = _PARTICIPLE.search(before)
    if verb is not None and participle is not None and participle.start() >= verb.end():
        # "No one has said …, and in a screenshot X appears to admit it, writing “…”": the participle is the
        # cue; the verb before it is another clause's when a coordinated clause stands between them.
        if _participle(text, q, lo, before):
            return True
        if re.search(r",\s*(?:and|but|while|as|yet)\b|;", before[verb.end() : participle.start()]):
            return False
    if verb is not None and verb.group(0) != "according to":
        subject = subject_before(before[: verb.start()])
        heard = _HEARD_SAY.search(before, 0, verb.start()) if verb.group(0) in {"say", "tell"} else None
        if subject is None and heard is not None:
            # "One man said he heard Ann Lee say, “…”": the words of whom the verb of perception heard.
            return _set(q, text, heard.group("name"), lo + heard.start("name"), lo + verb.start(), "before")
        if subject is None and re.search(r"\s(?:and|but)\s+$", before[: verb.start()]):
            # "Still, Ann Lee acknowledged the tensions and said the office was “…”": the coordinated verb's
            # subject is the sentence's.
            found = main_subject(before[: verb.start()])
            # Nobody else named, and no clause of its own, between that subject and the verb ("X told
            # colleagues, and, by one account, Y called X and said" is Y's).
            between = before[found[1] + len(found[0]) : verb.start()] if found else ""
            if found is not None and not re.search(r"[\u201c\u201d\";,]|(?<![\w.])[A-Z]", between):
                return _set(q, text, found[0], lo + found[1], lo + verb.start(), "before")
        inverted = verb.group(0) not in NOT_INVERTED and _CLOSED_JUST_BEFORE.search(before, 0, verb.start())
        if subject is None and inverted:
            # "“A,” said Ann Lee, “B”": the second half of a split quote, its speaker after the verb.
            subject = subject_after_verb(before[verb.end() :])
            gap = before[verb.end() :].split(subject, 1)[-1] if subject else ""
            # Only the name and a short apposition between the verb and the marks, no clause of its own.
            if subject and re.fullmatch(r"(?:,[^,;:.]{1,60})?,\s*", gap) and not _RELATIVE_WORD.search(gap):
                return _set(q, text, subject, lo + verb.end(), q.open_at, "split")
            subject = None
        if subject:
            # Each pattern is anchored at the end: the test on the last character keeps the search rare.
            end = before.rstrip()[-1:]
            colon = end == ":" and _COLON_AFTER_VERB.search(before, verb.start())
            how = "colon" if colon else "split" if end == "," and _SPLIT.search(before) else "before"
            return _set(q, text, subject, lo, lo + verb.start(), how, last=True)
    lead = _ACCORDING.search(before) if "according" in before.lower() else None
    partial = text[q.start : q.start + 1].islower() or before.rstrip().endswith(":")
    if lead is None and at_start and partial and (verb is None or verb.group(0) == "according to"):
        # "According to Ann Lee, the agency was asked in May and it “felt that …”": no speech verb of its own, a
        # quotation in part (or after a colon); not "According to a paper, X took to a forum to write, “I …”".
        lead = _ACCORDING_OPENING.match(before)
    if lead is None and before.rstrip(" ,:").endswith(("saying", "reading")):
        lead = _ISSUED_SAYING.search(before)
    subject = clean_speaker(lead.group("subj")) if lead else None
    if lead is None or subject is None:
        return _participle(text, q, lo, before)
    # Right before the marks the cue is adjacent; opening the sentence it is not (a term in quotes stays one).
    how = "before" if lead.re is _ACCORDING_OPENING else "colon"
    return _set(q, text, subject, lo + lead.start("subj"), q.open_at, how)


def _inverted_opening(text: str, q: Found, lo: int, before: str) -> bool:
    """``And, said Ann Lee, “…”`` / ``Adds Ann Lee: “…”``: a speech verb opens the sentence, its subject after it,
    and only a short apposition between that subject and the marks."""
    m = _OPENING_VERB.match(before)
    verb = m.group("verb").lower() if m else ""
    if m is None or verb not in words("speech_verbs") or verb in NOT_INVERTED | _ASKED:
        return False  # "Asked about it, Ann Lee said, “…”": a participle's clause, its subject after it
    subject = subject_after_verb(before[m.end() :])
    gap = before[m.end() :].split(subject, 1)[-1] if subject else ""
    if not subject or not re.fullmatch(r"(?:,[^,;:.]{1,60})?[,:]\s*", gap) or _RELATIVE_WORD.search(gap):
        return False
    if SPEECH_VERB.search(gap):
        return False  # "Asked whether X would go, Ann Lee said, “…”": the verb after is the cue
    return _set(q, text, subject, lo + m.end(), q.open_at, "before")


def _participle(text: str, q: Found, lo: int, before: str) -> bool:
    """``X disparaged the judge, writing that the ruling “…”`` / ``X was not convinced: “…”``: a speech
    participle after a comma, or a colon right before the marks, has the sentence's subject."""
    colon = before.rstrip().endswith(":")
    participle = _PARTICIPLE.search(before)
    if not (colon or participle):
        return False
    found = main_subject(before)
    if found is None:
        return False
    # The cue must be the main clause's: nothing but a relative clause set off by commas between the
    # subject and it ("X, which …, telling"), not "X complied, a day after …, with one banner reading:".
    # "Ann Lee, a former judge, took the floor and called it “weak,” saying: “…”": an apposition right after the
    # subject, and a quoted word, are no clause of their own either.
    between = before[found[1] + len(found[0]) : participle.start() if participle else len(before)]
    between = _QUOTED_WORDS.sub("", _APPOSITION.sub("", _RELATIVE_CLAUSE.sub("", between), count=1))
    if "," in between:
        return False
    return _set(q, text, found[0], lo + found[1], q.open_at, "main")


def _set(q: Found, text: str, phrase: str, lo: int, hi: int, how: str, *, last: bool = False) -> bool:
    """Record the speaker at its span in ``text[lo:hi]``; False when the phrase cannot be located there."""
    span = locate(text, lo, hi, phrase, last=last)
    if span is None:
        return False
    span = whole_graphemes(text, *span)  # a mark left after a space is no part of the speaker's name
    q.speaker, q.speaker_span, q.how = text[span[0] : span[1]], span, how
    return True


def locate(text: str, lo: int, hi: int, phrase: str, *, last: bool = False) -> tuple[int, int] | None:
    """The span of ``phrase`` in ``text[lo:hi]`` (its last occurrence with ``last``), spaces matched loosely;
    a whole word or words, never inside another ("he" is not the end of "the")."""
    at = text.rfind(phrase, lo, hi) if last else text.find(phrase, lo, hi)
    if at != -1 and _whole(text, at, at + len(phrase)):
        return at, at + len(phrase)
    loose = re.compile(r"(?<!\w)(?<!\w-)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?![\w-])")
    found = None
    for m in loose.finditer(text, lo, hi):
        found = m
        if not last:
            break
    return (found.start(), found.end()) if found else None


def _whole(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word (a hyphen after a space joins nothing: "-Ann Lee")."""
    before = text[start - 1] if start else " "
    joined = before == "-" and start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "-_")
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_" or joined) and not (after.isalnum() or after in "-_")
