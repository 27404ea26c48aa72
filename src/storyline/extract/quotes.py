"""Direct quotations and who said them: rule-based, over each document's sentences.

``extract_quotes(documents)`` returns the brief's ``quotes`` section: one JSON-ready dict per
distinct quotation, ``{"text", "speaker", "support": [Ref dicts]}``. ``text`` is the words inside
the quotation marks (a trailing comma inside the marks, as in ``"...," he said``, is left out) and
every Ref's ``document_text[start:end] == text`` exactly; ``sentence`` is the index of the sentence
holding ``start``. The same quotation (equal after normalising case, quote marks and spaces) in
several documents is one item with every Ref; its speaker is the first non-null one.

Rules, in the order they are applied:

* **Marks.** Curly ``“…”`` / ``„…“`` and straight ``"…"`` double quotes are paired left to right
  within a paragraph (a quote left open runs to the end of its paragraph: the paragraph-long
  quotation). Single quotes ``‘…’`` / ``'…'`` outside double quotes count only when a speech verb
  attributes them right next to the marks (``said: ‘…’`` or ``‘…,’ he said``): apostrophes make
  anything looser unsafe.
* **Attribution**, within the quote's sentences:
  1. a quotation that opens its sentence is attributed by what follows the closing mark:
     ``“…”, X said`` / ``“…,” said X`` / ``“…” he added`` / ``“…”, X told AFP`` / ``“…,” singer X told VH1``,
     else by a speech clause ending the sentence (``“…” except for …, X said.`` / ``…, said X, a …``);
  2. a quotation inside a sentence is attributed to the subject of the last speech verb before
     it (``X said: “…”``; the partial quote in indirect speech, ``Assad said a rebel loss “will
     mean …”``), to X in ``According to X, “…”`` and ``X released a statement saying, “…”``, else
     by what follows it as in 1;
  3. a quotation with no attribution continues the previous quotation's speaker when that one is in the
     same paragraph or ends in the preceding sentence (``“A,” he said. … “B.”``); a paragraph that opens
     with an unattributed quotation continues the last speaker of the paragraph before it, quoted or
     reported (``Analysts at X said that …`` / ``“…”``).
* **Speaker text** is the noun phrase as written, role included ("U.S. Ambassador to the U.N.
  Samantha Power", "Syrian Observatory head Rami Abdel Rahman"); an apposition after a comma is
  dropped ("Col. Abo Bakr, a Free Syrian Army representative, said" → "Col. Abo Bakr"; "Yasser, 40,
  a father of eight" → "Yasser"), unless the phrase before it is a description and the apposition the
  name ("the song’s producer, Jerry Wexler, said" → "Jerry Wexler"). For a statement, the body issuing
  it is the speaker: "said a statement issued Wednesday by the country’s Foreign Ministry" → "the
  country’s Foreign Ministry" ("according to X" → X).
* **Pronouns** (as subject of the speech verb) resolve to the most recent earlier candidate in the
  same document: a quotation's speaker, the subject of any speech verb ("Col. Abo Bakr ... said a deal
  ..."), or a proper name opening a clause ("Chandor asked ...", ", Isaac stopped short"). "he"/"she"
  take a PERSON-like candidate (a capitalised name that is not a known organisation or place word);
  gender only breaks ties, where the text tells it (a title, a common first name in any mention of
  the name, or "X said she ..."): "she" skips a known man, "he" a known woman. "they" takes a group
  ("the Obamas", "officials", "X and Y"). In "Although he said …, Isaac …" the pronoun is the name of
  the main clause. Nothing found: ``None``. A name is never made up: every speaker is a span of the
  document. Descriptions ("the director") are kept as written, not resolved.
* **Not quotations.** A quotation of three words or fewer (“terrorists”, “technical”, “immediate
  ceasefire”) counts only when rule 1 attributes it, a colon after a speech verb introduces it, or it is
  the predicate of reported speech (``he said it was “wild”``); otherwise it is a term in quotes and is
  skipped. Without an attribution right beside it, a short quotation after a determiner (``a “sock it to
  me” here``) is a phrase used as a noun, and a capitalised one (“A Most Violent Year”, “Star Wars:
  Episode VII”) the title of a work: both skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.model import Document, Sentence
from storyline.text.normalize import normalize

__all__ = ["SHORT_QUOTE_WORDS", "extract_quotes"]

# Quotations of this many words or fewer need a speech verb right next to them.
SHORT_QUOTE_WORDS = 3
_ADJACENT = {"after", "colon", "split"}

_VERBS = (
    "said|says|say|told|tells|added|adds|stressed|stresses|insisted|insists|noted|notes|explained|"
    "warned|warns|declared|declares|stated|states|asked|asks|replied|replies|wrote|writes|announced|"
    "announces|argued|argues|claimed|claims|continued|urged|urges|acknowledged|admitted|recalled|"
    "reported|reports|described|cautioned|vowed|remarked|commented|confirmed|predicted|promised|"
    "reiterated|maintained|concluded|suggested|tweeted|posted|shouted|recounted|testified|"
    "emphasized|emphasised|pointed out|complained|complains|joked|jokes|quipped|conceded|concedes|"
    "boasted|lamented|observed|responded|answered|called|calls|according to"
)
_VERB = re.compile(rf"(?<![\w-])(?:{_VERBS})(?![\w-])")

_OPEN_DOUBLE = {"\u201c": "\u201d", "\u201e": "\u201c", '"': '"', "\u00ab": "\u00bb"}
_SINGLE = re.compile(r"(?<![\w\u2019'])[\u2018'](?=\w)(.+?)(?<=\S)[\u2019'](?![\w])")

_PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "p", "it": "p"}
_LEADING_JUNK = re.compile(
    r"^(?:(?:however|but|and|meanwhile|instead|also|then|later|now|still|yet|so|in turn)\b[\s,]*)+", re.I
)


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (lowercase, space separated)."""
    return frozenset(text.split())


_TRAILING_JUNK = _words(
    "in also then later lately has have had reportedly previously again once further earlier recently would will "
    "separately on"
)
_STATEMENT = re.compile(
    r"^(?:an?|the)\s+(?:joint\s+|written\s+|brief\s+|short\s+)?(?:statement|communiqu[eé]|release|spokes\w+)\b"
    r".*?\bby\s+(?P<body>.+)$",
    re.I,
)
# "X released a statement saying, “…”": the participle's subject is the one issuing the statement.
_ISSUED_SAYING = re.compile(
    r"(?P<subj>[^,;]+?)\s+(?:released|issued|published|posted|sent|put out)\s+(?:an?|its|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:statement|letter|message|note|post|tweet|release)\s+(?:saying|reading)[,:]?\s*$"
)
_ACCORDING = re.compile(r"(?:^|,\s*)according\s+to\s+(?P<subj>[^,;]+?),?\s*$", re.I)
# Words that make a phrase an organisation, a group or a place rather than a person.
_ORG_WORDS = _words(
    """ministry office observatory council department agency government army statement reuters tass interfax
    kremlin nations states union group front committee organisation organization forces military party press
    news television tv house pentagon commission court police newspaper media bank company inc corp association
    federation alliance coalition regime cross crescent unicef nato un u.n. eu ap afp cnn bbc report reports
    sources source officials activists rebels witnesses residents leaders moscow washington damascus tehran
    beijing london paris berlin ankara russia syria turkey iran china israel france britain germany america
    ukraine iraq lebanon hezbollah the a an"""
)
# Gender is only a tie-breaker for he/she: titles and common first names, else unknown.
_FEMALE = _words(
    """ms. ms mrs. mrs miss madam madame queen lady dame princess samantha angela theresa hillary nikki federica
    catherine marie maria anne anna elizabeth mary sarah susan nancy kamala ursula christine helen linda jennifer
    jessica emily emma julia laura michelle margaret jane nicola kirsten amy heather jacinda hasina golda indira
    benazir karen lisa patricia barbara betty sandra ashley kimberly donna carol ruth sharon deborah rachel
    rebecca natalie nicole kate katherine olivia sophia isabella"""
)
_MALE = _words(
    """mr. mr sir king prince lord john james robert michael william david richard joseph thomas charles
    christopher daniel matthew donald mark paul steven steve andrew kenneth george kevin brian edward ronald
    timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon frank
    benjamin gregory samuel raymond patrick alexander jack dennis jerry tyler aaron jose henry adam douglas
    peter barack bill joe vladimir bashar sergei ahmed mohammed muhammad ali omar hassan"""
)
_SUBORDINATOR = re.compile(r"(?:although|though|while|when|after|before|because|as|since|if|once)\b", re.I)
# A capitalised name opening a clause, followed by a lowercase (verb-like) word: "Chandor asked", ", Isaac stopped".
_NAME_SUBJECT = re.compile(
    r"(?:^|(?<=,\s))(?P<name>(?:[A-Z][\w.\u2019'-]*\s+){0,3}[A-Z][\w\u2019'-]*[a-z])\s+"
    r"(?!(?:of|and|or|in|on|at|for|to|the|an?|with|from|by|who|which|is|are|was|were|has|have|had)\b)[a-z]+\b"
)
# Capitalised short titles of works ("A Most Violent Year", "Star Wars: Episode VII").
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'\u2019-]*:?|(?:a|an|the|of|in|on|and|to|for|at|by|with|from)\b")
_DETERMINER = re.compile(r"(?:^|[\s(])(?:a|an|the|this|that|his|her|its|their|our|my|your)\s*$", re.I)
_COPULA = re.compile(r"(?:^|\s)(?:is|was|are|were|be|been|being|seemed|looked|sounded|felt)\s*$")
_WORD = re.compile(r"\S+")


@dataclass
class _Quote:
    doc: str
    start: int  # span of the quoted words in the document text
    end: int
    open_at: int  # the opening mark
    close_at: int  # just past the closing mark (or the paragraph end)
    text: str
    sentence: int
    close_sentence: int
    speaker: str | None = None
    how: str = ""  # "after", "before", "colon", "inherit" or ""


def extract_quotes(documents: Sequence[Document]) -> tuple[dict[str, object], ...]:
    """Every direct quotation in ``documents``, merged across documents, in order of first appearance."""
    merged: dict[str, dict[str, object]] = {}
    for doc in documents:
        for q in _document_quotes(doc):
            key = _normalise(q.text)
            ref = {"doc": q.doc, "sentence": q.sentence, "start": q.start, "end": q.end}
            item = merged.get(key)
            if item is None:
                merged[key] = {"text": q.text, "speaker": q.speaker, "support": [ref]}
                continue
            support = item["support"]
            assert isinstance(support, list)
            support.append(ref)
            if item["speaker"] is None and q.speaker is not None:
                item["speaker"] = q.speaker
    return tuple(merged.values())


def _normalise(text: str) -> str:
    return " ".join(normalize(text).split()).strip(" .,;:!?\"'")


# --- finding the marks -------------------------------------------------------------------------


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
            if j == -1:
                out.append((i, i + 1, b, b))
                break
            out.append((i, i + 1, j, j + 1))
            i = j + 1
            continue
        i += 1
    return out


def _single_spans(text: str, a: int, b: int, taken: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    out = []
    for m in _SINGLE.finditer(text, a, b):
        if any(x <= m.start() < y for x, y in taken):
            continue
        out.append((m.start(), m.start(1), m.end(1), m.end()))
    return out


# --- attribution ---------------------------------------------------------------------------------


def _sentence_at(doc: Document, pos: int) -> Sentence | None:
    best = None
    for s in doc.sentences:
        if s.start <= pos:
            best = s
            if pos < s.end:
                return s
    return best


def _subject_before(text: str) -> str | None:
    """The subject of a speech verb, given the text that ends just before the verb."""
    if re.search(r"[\"\u201c\u201d\u2018\u2019]\s*$", text):
        return None
    parts = text.split(",")
    last = parts[-1].strip()
    if not last and len(parts) >= 3:
        # "X, a representative, said" / "Yasser, 40, said": the apposition is dropped.
        k = len(parts) - 2
        while k > 0 and (re.match(r"\s*(?:an?|the|\d+|who|which)\b", parts[k]) or not parts[k].strip()):
            k -= 1
        last = parts[k].strip()
    return _clean_speaker(last)


def _clean_speaker(phrase: str) -> str | None:
    phrase = phrase.strip().strip('"\u201c\u201d\u2018\u2019.;:—–- ')
    phrase = _LEADING_JUNK.sub("", phrase).strip()
    # "Although he said …": the subordinator is not part of the subject.
    phrase = re.sub(rf"^{_SUBORDINATOR.pattern}\s+(?=\S)", "", phrase, flags=re.I)
    words = phrase.split()
    while words and words[-1].lower().strip(",") in _TRAILING_JUNK:
        words.pop()
    if words and words[0].lower() in {"that", "who", "which", "and", "or", "but", "if", "when", "as", "to"}:
        return None
    if not words or len(words) > 14 or words[-1].lower() in {"and", "or", "but"}:
        return None
    phrase = " ".join(words)
    m = _STATEMENT.match(phrase)
    if m:
        phrase = m.group("body")
    # Day names and dates at the end: "X on Wednesday" never reaches here; "X Wednesday" might.
    phrase = re.sub(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", "", phrase)
    return phrase or None


def _subject_after_verb(text: str) -> str | None:
    """The speaker in ``said X, …`` (text starts just after the verb)."""
    text = text.lstrip()
    if re.match(r"(?:on|in|at|to|from|after|during|when|while|as|that|this|last|earlier|later)\b", text):
        return None
    m = re.match(r"[^,;.\u201c\"]*(?:\.(?=\S)[^,;.\u201c\"]*|\.\s+(?=[A-Z][\w-]*\s+[A-Z])[^,;.\u201c\"]*)*", text)
    phrase = m.group(0) if m else ""
    return _clean_speaker(phrase)


def _after_attribution(text: str, inner: str) -> str | None:
    """Attribution after a closing mark: ``, X said`` / ``, said X`` / `` he added``, else a clause ending
    the sentence: ``“…” except for …, Burtless said.`` / ``“…” they added, said Joseph Seneca.``"""
    lead = re.match(r"[\s,.;:!?—–-]*", text)
    assert lead is not None
    rest = text[lead.end() :]
    if not ("," in lead.group(0) or inner.rstrip()[-1:] in {",", "?", "!", "."} or lead.group(0).strip() == ""):
        return None
    m = re.match(rf"(?:{_VERBS})(?![\w-])", rest)
    if m:
        return _subject_after_verb(rest[m.end() :])
    m = _VERB.search(rest)
    if m and m.start() > 0 and _attribution_head(rest[: m.start()]):
        return _apposition_name(rest[: m.start()].split(","))
    return _final_attribution(rest)


def _attribution_head(head: str) -> bool:
    """Whether the words between a closing mark and a speech verb can be its subject."""
    if len(head.split()) > 14 or re.search(r"[\"\u201c\u201d;:]", head) or _VERB.search(head):
        return False
    if re.search(r"[.!?]\s+[A-Z]", head) and not re.search(r"\b(?:[A-Z]\.){2,}\s|\b[A-Z][a-z]{0,3}\.\s", head):
        return False
    # Lowercase only for a pronoun or determiner, or a role before a name ("singer Natalie Cole").
    return not re.match(r"[a-z]", head) or bool(
        re.match(r"(?:he|she|they|we|i|it|the|an?|his|her|their|its|one)\b|(?:[a-z][\w\u2019'-]*\s+){1,3}[A-Z]", head)
    )


def _apposition_name(parts: list[str]) -> str | None:
    """The speaker of ``X, an apposition, said``: X, or the name when X is a description
    (``the song’s producer, Jerry Wexler, said``)."""
    first = parts[0]
    if (
        len(parts) > 1
        and not re.search(r"\s[A-Z]", " " + first.strip()[1:])
        and re.fullmatch(r"\s*(?:[A-Z][\w.\u2019'-]*\s+){1,3}[A-Z][\w\u2019'-]*\s*", parts[1])
    ):
        first = parts[1]
    return _clean_speaker(first)


def _final_attribution(rest: str) -> str | None:
    """``…, X said [when].`` / ``…, said X[, apposition].``: the sentence's last comma clause with a speech verb."""
    parts = rest.split(",")
    for i in range(len(parts) - 1, 0, -1):
        m = _VERB.search(parts[i])
        if m is None:
            continue
        if m.group(0) == "according to" or len(parts[i].split()) > 8:
            return None
        if not parts[i][: m.start()].strip():
            return _subject_after_verb(parts[i][m.end() :])
        head = parts[i][: m.start()].strip()
        return _clean_speaker(head) if len(head.split()) <= 5 and _attribution_head(head) else None
    return None


def _last_verb_before(text: str) -> re.Match[str] | None:
    found = None
    for m in _VERB.finditer(text):
        found = m
    return found


def _attribute(doc: Document, q: _Quote) -> None:
    text = doc.article.text
    s_open = _sentence_at(doc, q.open_at)
    s_close = _sentence_at(doc, max(q.close_at - 1, q.open_at))
    if s_open is None or s_close is None:
        return
    before = text[s_open.start : q.open_at]
    after_end = s_close.end
    nxt = re.search(r"[\u201c\u201e\"\u00ab]", text[q.close_at : after_end])
    if nxt:
        after_end = q.close_at + nxt.start()
    after = text[q.close_at : after_end]
    inner = text[q.start : q.close_at - 1] if q.close_at > q.end else q.text
    opens_sentence = not before.strip(" \t\"\u201c\u2018'(")
    if not opens_sentence:
        colon = re.search(rf"(?:{_VERBS})(?![\w-])[^.;\u201d\"]{{0,40}}:\s*$", before)
        verb = _last_verb_before(before)
        if verb is not None and verb.group(0) != "according to":
            subject = _subject_before(before[: verb.start()])
            if subject:
                # “A,” he said, “B”: the second half of a split quote, attributed right beside it.
                split = re.search(r"[\u201d\"][\s,]*[^\u201d\"\u201c]{0,80},\s*$", before)
                q.speaker, q.how = subject, "colon" if colon else "split" if split else "before"
                return
        lead = _ACCORDING.search(before) or _ISSUED_SAYING.search(before)
        subject = _clean_speaker(lead.group("subj")) if lead else None
        if subject:
            q.speaker, q.how = subject, "colon"
            return
    speaker = _after_attribution(after, inner)
    if speaker:
        q.speaker, q.how = speaker, "after"


# --- speakers: people and pronouns ---------------------------------------------------------------


def _pronoun(speaker: str | None) -> str | None:
    if speaker is None:
        return None
    return _PRONOUNS.get(speaker.lower())


def _head(speaker: str) -> list[str]:
    return re.split(r"\s+(?:of|from|at|for|with|in)\s+", speaker)[0].split()


def _person_like(speaker: str) -> bool:
    words = _head(speaker)
    if not words or _plural(speaker):
        return False
    if any(w.lower().strip("’'s,") in _ORG_WORDS for w in words[1:]) or words[-1].lower() in _ORG_WORDS:
        return False
    last = words[-1]
    return last[:1].isupper() and any(c.islower() for c in last)


def _plural(speaker: str) -> bool:
    """A group "they" can stand for: "the Obamas", "X and Y", "officials", "Analysts at Capital Economics"."""
    words = _head(speaker)
    if not words or _pronoun(speaker):
        return False
    last = words[-1]
    if " and " in f" {' '.join(words)} " or not last.endswith("s") or last.endswith(("ss", "'s", "’s")):
        return " and " in f" {' '.join(words)} "
    return last.islower() or words[0].lower() == "the" or (len(words) == 1 and speaker != words[0])


@lru_cache(maxsize=4096)  # called per candidate per pronoun; scans the whole text
def _gender(name: str, text: str) -> str | None:
    """Gender "f", "m" or None: a title or first name in the name, else in a fuller mention of its last word."""
    firsts = [w.lower().strip(",") for w in name.split()]
    last = name.split()[-1]
    firsts += [m.group(1).lower() for m in re.finditer(rf"([A-Z][a-z]+\.?)\s+(?:[A-Z]\.\s+)?{re.escape(last)}\b", text)]
    for w in firsts:
        if w in _FEMALE or w in _MALE:
            return "f" if w in _FEMALE else "m"
    # "Abney said Wednesday that she arrived": the pronoun the report itself uses for them.
    said = rf"\b{re.escape(last)}\b[^.\u201c\"]{{0,20}}?\b(?:{_VERBS})\s+(?:\w+\s+)?(?:that\s+)?(he|she)\b"
    m = re.search(said, text)
    return None if m is None else "f" if m.group(1) == "she" else "m"


def _speech_subjects(doc: Document) -> list[tuple[int, str]]:
    """(position, subject) for every speech verb in the document whose subject is a phrase."""
    out = []
    for s in doc.sentences:
        for m in _VERB.finditer(s.text):
            if m.group(0) == "according to":
                continue
            before = s.text[: m.start()]
            # Only the clause before the verb, back to the last closing quote.
            cut = max(before.rfind("\u201d"), before.rfind('"'))
            if cut != -1:
                continue
            subject = _subject_before(before)
            if subject:
                out.append((s.start + m.start(), subject))
    return out


_NOT_NAME_START = _words(
    "the a an but and in on at for as if when while after this that these those it its his her their our we they "
    "he she i some many most all no not so still yet last next"
)


def _named_subjects(doc: Document) -> list[tuple[int, str]]:
    """(position, name) for proper names opening a clause before a verb ("Chandor asked", ", Isaac stopped").

    A one-word name counts only when the document also writes it as the end of a longer name
    ("J.C. Chandor"): a capitalised word opening a sentence is often a common noun ("Snow fell").
    """
    text = doc.article.text
    out = []
    for s in doc.sentences:
        for m in _NAME_SUBJECT.finditer(s.text):
            name = m.group("name")
            words = name.split()
            if words[0].lower() in _NOT_NAME_START or not _person_like(name):
                continue
            if len(words) == 1 and not re.search(rf"[A-Z][\w.]*\s+{re.escape(name)}\b", text):
                continue
            out.append((s.start + m.start("name"), name))
    return out


def _antecedent(kind: str, pos: int, candidates: list[tuple[int, str]], text: str) -> str | None:
    """The most recent candidate before ``pos`` a pronoun can stand for: a person for he/she (gender,
    where the text tells it, only rules one out), a group for they."""
    for _, name in sorted(((p, n) for p, n in candidates if p < pos), reverse=True):
        if _pronoun(name) is not None:
            continue
        if kind == "p":
            if _plural(name):
                return name
        elif _person_like(name) and _gender(name, text) in {None, kind}:
            return name
    return None


def _resolve(doc: Document, quotes: list[_Quote]) -> None:
    """Pronoun speakers to names, then unattributed quotations to the speaker they continue."""
    text = doc.article.text
    named = _named_subjects(doc)
    subjects = _speech_subjects(doc)
    candidates = subjects + named + [(q.open_at, q.speaker) for q in quotes if q.speaker]
    events = []  # (position, speaker) of every speech act, pronouns resolved
    for pos, name in subjects:
        kind = _pronoun(name)
        events.append((pos, _antecedent(kind, pos, candidates, text) if kind in {"m", "f", "p"} else name))
    paragraph = {s.index: s.paragraph for s in doc.sentences}
    opening: dict[int, int] = {}  # paragraph -> where its first sentence starts
    for s in doc.sentences:
        opening.setdefault(s.paragraph, s.start)
    previous: _Quote | None = None
    for q in quotes:
        kind = _pronoun(q.speaker)
        if kind is not None:
            q.speaker = None
            sentence = doc.sentences[q.sentence]
            # "Although he said it was “wild”, Isaac stopped short": the name in the main clause.
            later = [n for p, n in named if q.close_at <= p < sentence.end]
            if kind in {"m", "f"} and q.how == "before" and later and _SUBORDINATOR.match(sentence.text):
                q.speaker = later[0]
            elif kind in {"m", "f", "p"}:
                q.speaker = _antecedent(kind, q.open_at, candidates, text)
        here = paragraph[q.sentence]
        continued = previous is not None and (
            previous.close_sentence >= q.sentence - 1 or paragraph[previous.sentence] == here
        )
        if not q.how and continued and previous is not None and previous.speaker:
            q.speaker, q.how = previous.speaker, "inherit"
        if not q.how and opening.get(here) == q.open_at and here - 1 in opening:
            # A paragraph opening with an unattributed quotation, after one reporting someone's words: theirs.
            heard = [(p, n) for p, n in events if opening[here - 1] <= p < q.open_at and n]
            if heard and (previous is None or previous.open_at < max(heard)[0]):
                q.speaker, q.how = max(heard)[1], "inherit"
        previous = q


def _document_quotes(doc: Document) -> list[_Quote]:
    text = doc.article.text
    found: list[_Quote] = []
    for a, b in _paragraphs(doc):
        spans = _double_spans(text, a, b)
        singles = _single_spans(text, a, b, [(o, c) for o, _, _, c in spans])
        for o, i, j, c in sorted(spans + singles):
            single = text[o] in "\u2018'"
            # The quoted words: no outer spaces, no trailing comma.
            while i < j and text[i].isspace():
                i += 1
            while j > i and (text[j - 1].isspace() or text[j - 1] == ","):
                j -= 1
            if i >= j:
                continue
            s = _sentence_at(doc, i)
            s_close = _sentence_at(doc, max(c - 1, i))
            if s is None or s_close is None:
                continue
            q = _Quote(doc.id, i, j, o, c, text[i:j], s.index, s_close.index)
            _attribute(doc, q)
            if q.how in _ADJACENT or _counts(q, text[s.start : o]) and not single:
                found.append(q)
    found.sort(key=lambda q: q.start)
    _resolve(doc, found)
    return found


def _counts(q: _Quote, before: str) -> bool:
    """Whether a quotation with no speech verb right beside it is a quotation, not a term or a title."""
    words = q.text.split()
    if len(words) <= SHORT_QUOTE_WORDS:
        # "he said it was “wild”": a short quote as the predicate of reported speech.
        return q.how == "before" and bool(_COPULA.search(before))
    if len(words) <= 6 and _DETERMINER.search(before):
        return False  # "a “sock it to me” here": a phrase used as a noun
    title = len(words) <= 8 and all(_TITLE_WORD.fullmatch(w.strip(",")) for w in words)
    return not (title and words[0][:1].isupper() and q.text.rstrip()[-1:] not in {".", "?", "!"})
