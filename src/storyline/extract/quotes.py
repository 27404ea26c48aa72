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
     ``“…”, X said`` / ``“…,” said X`` / ``“…” he added`` / ``“…”, X told AFP``;
  2. a quotation inside a sentence is attributed to the subject of the last speech verb before
     it (``X said: “…”``; the partial quote in indirect speech, ``Assad said a rebel loss “will
     mean …”``), else by what follows it as in 1;
  3. a quotation with no attribution inherits the speaker of the previous quotation in the same
     document when that one ends in the same or the preceding sentence (``“A,” he said. “B.”``).
* **Speaker text** is the noun phrase as written, role included ("U.S. Ambassador to the U.N.
  Samantha Power", "Syrian Observatory head Rami Abdel Rahman"); an apposition after a comma is
  dropped ("Col. Abo Bakr, a Free Syrian Army representative, said" → "Col. Abo Bakr"; "Yasser, 40,
  a father of eight" → "Yasser"). For a statement, the body issuing it is the speaker: "said a
  statement issued Wednesday by the country’s Foreign Ministry" → "the country’s Foreign Ministry"
  ("according to X" → X).
* **Pronouns** (he/she, as subject of the speech verb) resolve to the most recent earlier
  PERSON-like speaker in the same document -- one of a quotation, or the subject of any speech verb
  ("Col. Abo Bakr ... said a deal ...") -- a phrase whose head holds a capitalised name that is not a
  known organisation or place word. "she" takes only a speaker marked female (a short list of
  titles and first names), "he" any other. Nothing found: ``None``. A name is never made up: every
  speaker is a span of the document.
* **Scare quotes.** A quotation of three words or fewer (“terrorists”, “technical”, “immediate
  ceasefire”) counts only when rule 1 attributes it, or a colon after a speech verb introduces it;
  otherwise it is a term in quotes, not a quotation, and is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Document, Sentence

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
    "emphasized|emphasised|pointed out|according to"
)
_VERB = re.compile(rf"(?<![\w-])(?:{_VERBS})(?![\w-])")
# Participles (", saying ...") attribute nothing themselves: no subject before them.
_PARTICIPLE = re.compile(r"(?<![\w-])(?:saying|adding|stressing|noting|warning|telling|insisting)(?![\w-])")

_OPEN_DOUBLE = {"\u201c": "\u201d", "\u201e": "\u201c", '"': '"', "\u00ab": "\u00bb"}
_SINGLE = re.compile(r"(?<![\w\u2019'])[\u2018'](?=\w)(.+?)(?<=\S)[\u2019'](?![\w])")

_PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "p", "it": "p"}
_LEADING_JUNK = re.compile(
    r"^(?:(?:however|but|and|meanwhile|instead|also|then|later|now|still|yet|so|in turn)\b[\s,]*)+", re.I
)
_TRAILING_JUNK = {
    "in",
    "also",
    "then",
    "later",
    "lately",
    "has",
    "have",
    "had",
    "reportedly",
    "previously",
    "again",
    "once",
    "further",
    "earlier",
    "recently",
    "would",
    "will",
    "separately",
    "on",
}
_STATEMENT = re.compile(
    r"^(?:an?|the)\s+(?:joint\s+|written\s+|brief\s+|short\s+)?(?:statement|communiqu[eé]|release|spokes\w+)\b"
    r".*?\bby\s+(?P<body>.+)$",
    re.I,
)
_ORG_WORDS = {
    "ministry",
    "office",
    "observatory",
    "council",
    "department",
    "agency",
    "government",
    "army",
    "statement",
    "reuters",
    "tass",
    "interfax",
    "kremlin",
    "nations",
    "states",
    "union",
    "group",
    "front",
    "committee",
    "organisation",
    "organization",
    "forces",
    "military",
    "party",
    "press",
    "news",
    "television",
    "tv",
    "house",
    "pentagon",
    "commission",
    "court",
    "police",
    "newspaper",
    "media",
    "bank",
    "company",
    "inc",
    "corp",
    "association",
    "federation",
    "alliance",
    "coalition",
    "regime",
    "cross",
    "crescent",
    "unicef",
    "nato",
    "un",
    "u.n.",
    "eu",
    "ap",
    "afp",
    "cnn",
    "bbc",
    "report",
    "reports",
    "sources",
    "source",
    "officials",
    "activists",
    "rebels",
    "witnesses",
    "residents",
    "leaders",
    "moscow",
    "washington",
    "damascus",
    "tehran",
    "beijing",
    "london",
    "paris",
    "berlin",
    "ankara",
    "russia",
    "syria",
    "turkey",
    "iran",
    "china",
    "israel",
    "france",
    "britain",
    "germany",
    "america",
    "ukraine",
    "iraq",
    "lebanon",
    "hezbollah",
    "the",
    "a",
    "an",
}
_FEMALE = {
    "she",
    "ms.",
    "ms",
    "mrs.",
    "mrs",
    "miss",
    "madam",
    "madame",
    "queen",
    "lady",
    "dame",
    "princess",
    "samantha",
    "angela",
    "theresa",
    "hillary",
    "nikki",
    "federica",
    "catherine",
    "marie",
    "maria",
    "anne",
    "anna",
    "elizabeth",
    "mary",
    "sarah",
    "susan",
    "nancy",
    "kamala",
    "ursula",
    "christine",
    "helen",
    "linda",
    "jennifer",
    "emily",
    "emma",
    "julia",
    "laura",
    "michelle",
    "margaret",
    "jane",
    "nicola",
    "kirsten",
    "amy",
    "heather",
    "jacinda",
    "sheikh hasina",
    "hasina",
    "golda",
    "indira",
    "benazir",
}
_WORD = re.compile(r"\S+")
_FOLD_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


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
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.translate(_FOLD_QUOTES)
    return " ".join(t.split()).strip(" .,;:!?\"'")


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
    """Attribution right after a closing mark: ``, X said`` / ``, said X`` / `` he added``."""
    lead = re.match(r"[\s,.;:!?—–-]*", text)
    assert lead is not None
    rest = text[lead.end() :]
    if not ("," in lead.group(0) or inner.rstrip()[-1:] in {",", "?", "!", "."} or lead.group(0).strip() == ""):
        return None
    m = re.match(rf"(?:{_VERBS})(?![\w-])", rest)
    if m:
        return _subject_after_verb(rest[m.end() :])
    m = _VERB.search(rest)
    if not m or m.start() == 0:
        return None
    head = rest[: m.start()]
    if len(head.split()) > 14 or re.search(r"[\"\u201c\u201d;:]", head) or _VERB.search(head):
        return None
    if re.search(r"[.!?]\s+[A-Z]", head) and not re.search(r"\b(?:[A-Z]\.){2,}\s|\b[A-Z][a-z]{0,3}\.\s", head):
        return None
    if re.match(r"[a-z]", head) and not re.match(r"(?:he|she|they|we|i|it|the|an?|his|her|their|its|one)\b", head):
        return None
    # An apposition: "X, a Free Syrian Army representative, said" / "Yasser, 40,".
    first = head.split(",")[0]
    return _clean_speaker(first)


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
    speaker = _after_attribution(after, inner)
    if speaker:
        q.speaker, q.how = speaker, "after"


# --- speakers: people and pronouns ---------------------------------------------------------------


def _pronoun(speaker: str | None) -> str | None:
    if speaker is None:
        return None
    return _PRONOUNS.get(speaker.lower())


def _person_like(speaker: str) -> bool:
    head = re.split(r"\s+(?:of|from|at|for|with|in)\s+", speaker)[0]
    words = head.split()
    if not words:
        return False
    if any(w.lower().strip("’'s,") in _ORG_WORDS for w in words[1:]) or words[-1].lower() in _ORG_WORDS:
        return False
    last = words[-1]
    return last[:1].isupper() and any(c.islower() for c in last)


def _female(speaker: str) -> bool:
    return any(w.lower().strip(",") in _FEMALE for w in speaker.split())


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


def _resolve(doc: Document, quotes: list[_Quote]) -> None:
    people = [(pos, name) for pos, name in _speech_subjects(doc) if _pronoun(name) is None and _person_like(name)]
    previous: _Quote | None = None
    for q in quotes:
        kind = _pronoun(q.speaker)
        if kind is not None:
            q.speaker = None
            if kind in {"m", "f"}:
                known = people + [(p.open_at, p.speaker) for p in quotes if p.open_at < q.open_at and p.speaker]
                for _, name in sorted(((p, n) for p, n in known if p < q.open_at), reverse=True):
                    if _pronoun(name) is None and _person_like(name) and (_female(name) == (kind == "f")):
                        q.speaker = name
                        break
        if not q.how and previous is not None and previous.speaker and previous.close_sentence >= q.sentence - 1:
            q.speaker, q.how = previous.speaker, "inherit"
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
            words = len(_WORD.findall(q.text))
            if single and q.how not in _ADJACENT:
                continue
            if words <= SHORT_QUOTE_WORDS and q.how not in _ADJACENT:
                continue
            found.append(q)
    found.sort(key=lambda q: q.start)
    _resolve(doc, found)
    return found
