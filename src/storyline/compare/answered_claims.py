"""The claim a denial answers when it is not the sentence before it: the claim the denial itself names.

Pairing a denial with another document's sentence by shared words was right for 1 of 9 pairs judged
on news clusters (bench/disagreement_judgements_news.jsonl): two sentences about one story share
words whatever they say. A denial is paired here only when it names what it denies, and only with
a sentence that states exactly that:

* **a named report**: "The spokesman denied the Daily Ledger report" -- the claim is a sentence that
  attributes a statement to that source: its name (every capitalised word of it), then a "that"
  clause ("The disclosure by the Daily Ledger ... that a memo indicated ...", "sources told the Daily
  Ledger that ...");
* **a denied statement**: "denied (reports / claims / allegations) that P", "denied being P" -- the
  claim is a sentence of another document holding every content word of P (at least three, one of
  them a name), with no negation: it states P, not its denial ("he is not there" agrees with a
  denial that he fled).

The claim is never a denial, a question, or the denial's own report; of several, the first in
reading order. Every sentence is indexed once by its words, so a denial meets only the sentences
that hold its rarest required word (linear in the story).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from storyline.model import Sentence
from storyline.text.content import content_words

__all__ = ["ClaimIndex"]

_REPORT_NOUN = r"(?:report|reports|story|stories|account|article|claims?|allegations?|reporting)"
# "denied the Daily Ledger report": the capitalised name of the source whose report is denied.
_NAMED_REPORT = re.compile(
    rf"\b(?:den(?:y|ies|ied|ying)|rejected|rejects|disputed|disputes|dismissed|refuted)\s+(?:\w+\s+)?"
    rf"the\s+(?P<source>(?:[A-Z][\w.'\u2019&-]*\s+){{1,5}}?){_REPORT_NOUN}\b"
)
# "denied (the) reports that P", "denied that P", "denies being P", "denied having P": the statement denied.
_DENIED_STATEMENT = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|rejected|rejects|disputed|disputes|dismissed|refuted)\s+"
    rf"(?:(?:the\s+)?(?:\w+\s+)?{_REPORT_NOUN}\s+that\s+|that\s+|being\s+|having\s+)"
    r"(?P<statement>[^,;:.!?()\u2014\u2013]+)"
)
# "Lee denied any intent to harm anyone": who denies, and the noun of what ("intent"), which a claim states
# in a word of its stem ("intentionally tried to run them down").
_DENIED_NOUN = re.compile(
    r"\b(?P<who>[A-Z][\w'\u2019-]+)(?:,\s+who)?\s+(?:\w+ly\s+)?(?:has\s+|had\s+)?(?:\w+ly\s+)?den(?:y|ies|ied)\s+"
    r"(?:any|all)\s+(?P<noun>[a-z]{4,})\b"
)
# Nouns of guilt: "denied any wrongdoing" answers an accusation ("accused X of breaking the rules"), whatever its words.
_GUILT = frozenset({"wrongdoing", "misconduct", "guilt", "crime", "crimes", "offence", "offense", "impropriety"})
_ACCUSATION = re.compile(r"\b(?:accus\w*|alleg\w*|charged|blamed|blames)\b", re.I)
# "disputed Acme's assertion that ...", "dismissed Lee's version of events": a source's statement, which a sentence
# where that source speaks ("Acme defends the deal -- saying that ...") states.
_SOURCE_STATEMENT = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|disput\w*|reject\w*|dismiss\w*|refut\w*)\s+"
    r"(?P<source>[A-Z][\w.&\u2019'-]*(?:\s+[A-Z][\w.&\u2019'-]*){0,3}?)['\u2019]s?\s+(?:reported\s+|own\s+)?"
    r"(?:assertions?|claims?|account|version|statements?|allegations?|characteri[sz]ation|description|contention)\b"
)
_SPEAKS = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:said|says|saying|noted|noting|argued|argues|arguing|claimed|claims|insisted|insists|"
    r"told|asserted|asserts|maintained|maintains|defended|defends|wrote|writes|stated|states)\b"
)
_PRONOUN_SUBJECT = re.compile(r"^\s*(?:he|she|they|it|his|her|their)\b", re.I)
# Words meet by their first letters ("suffering" / "suffered", "intent" / "intentionally"): a crude stem.
STEM_LETTERS = 6
_NEGATION = re.compile(r"\b(?:not|never|no|n't|nor|none|nobody|nothing|neither)\b|n't\b", re.I)
_THAT = re.compile(r"\bthat\b")
_SAID = re.compile(r"\b(?:said|says|told|claimed|claims|insisted|stated|believed|believe)\b")
_STOP_NAMES = frozenset({"The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "We"})
# A named report's source must have this many capitalised words to be a name, a statement this many words.
MIN_STATEMENT_WORDS = 3
# A "that" clause saying what the source reported has at least this many words ("that started it all" is a
# relative clause about the report, not its content).
MIN_CLAUSE_WORDS = 5
# A statement with a pronoun subject ("that he was suffering from an illness") needs this many content words.
MIN_PRONOUN_STATEMENT_WORDS = 2
# A source that speaks in a claim is named within this many words of the sentence's start.
SUBJECT_WORDS = 5
# Candidates examined per denial: the sentences holding its rarest required word, in reading order.
MAX_CANDIDATES = 200


class ClaimIndex:
    """The story's reports indexed by their words, to find the claim a denial names.

    ``is_denial`` says which sentences deny (they are never claims); ``reports`` are in reading order.
    """

    def __init__(self, reports: Sequence[Sentence], is_denial: Callable[[str], bool]) -> None:
        self._reports = list(reports)
        self._order = {s.key: n for n, s in enumerate(self._reports)}
        self._is_denial = is_denial
        self._words: list[set[str]] = []
        self._index: dict[str, list[int]] = {}
        for n, s in enumerate(self._reports):
            found = content_words(s.text) | {w.lower() for w in _capitalised(s.text)}
            found |= {_stem(w) for w in found}
            self._words.append(found)
            for w in found:
                self._index.setdefault(w, []).append(n)
        self._df = Counter({w: len(ns) for w, ns in self._index.items()})

    def answered(self, denial: Sentence) -> Sentence | None:
        """The claim ``denial`` names and answers (see the module docstring), or None."""
        named = _NAMED_REPORT.search(denial.text)
        if named:
            source = [w for w in named.group("source").split() if w not in _STOP_NAMES]
            if source:
                return self._first(denial, {w.lower() for w in source}, lambda s: _attributes(s.text, source))
        stated = _DENIED_STATEMENT.search(denial.text)
        if stated:
            # The statement ends at a conjunction: "denied being the owner but admitted ..." denies the owner.
            statement = re.split(
                r"\s(?:but|and|or|while|because|as|after|before|saying|adding)\s", stated.group("statement")
            )[0]
            required = content_words(statement)
            names = {w.lower() for w in _capitalised(" " + statement)}
            if len(required) >= MIN_STATEMENT_WORDS and names & required:
                return self._first(denial, required, lambda s: not _NEGATION.search(s.text), other_document=True)
            # "denied reports that he was suffering from an illness": a statement about someone the sentence names
            # ("whether Lee had ..."); the claim states its words (by stem) and names one of them.
            people = [w for w in _capitalised(denial.text[: stated.start()]) if w not in _STOP_NAMES]
            if _PRONOUN_SUBJECT.match(statement) and len(required) >= MIN_PRONOUN_STATEMENT_WORDS and people:
                return self._first(
                    denial,
                    {_stem(w) for w in required},
                    lambda s: not _NEGATION.search(s.text) and any(re.search(rf"\b{p}\b", s.text) for p in people),
                    other_document=True,
                )
        noun = _DENIED_NOUN.search(denial.text)
        if noun and noun.group("who") not in _STOP_NAMES:
            who = noun.group("who")
            if noun.group("noun").lower() in _GUILT:
                return self._first(
                    denial, {who.lower()}, lambda s: bool(_ACCUSATION.search(s.text)) and who not in _speaker(s.text)
                )
            return self._first(
                denial,
                {_stem(noun.group("noun")), who.lower()},
                lambda s: not _NEGATION.search(s.text) and who not in _speaker(s.text),
            )
        spoken = _SOURCE_STATEMENT.search(denial.text)
        if spoken and spoken.group("source") not in _STOP_NAMES:
            words_ = spoken.group("source").split()
            return self._first(denial, {w.lower() for w in words_}, lambda s: _speaks(s.text, words_))
        return None

    def _first(
        self,
        denial: Sentence,
        required: set[str],
        states: Callable[[Sentence], bool],
        *,
        other_document: bool = False,
    ) -> Sentence | None:
        """The first report in reading order holding every ``required`` word that ``states`` the claim."""
        rarest = min(required, key=lambda w: (self._df.get(w, 0), w))
        here = self._order.get(denial.key, len(self._reports))
        for n in self._index.get(rarest, [])[:MAX_CANDIDATES]:
            s = self._reports[n]
            if s.key == denial.key or not required <= self._words[n]:
                continue
            if s.doc_id == denial.doc_id and (other_document or n > here):
                continue  # in the denial's own document only a claim made before it
            if self._is_denial(s.text) or s.text.rstrip().endswith("?") or not states(s):
                continue
            return s
        return None


def _speaks(text: str, source: list[str]) -> bool:
    """Whether ``source`` (its words in order) speaks in ``text``: the sentence's subject, named within its first
    ``SUBJECT_WORDS`` words, with a reporting verb within three words after it ("Acme defends the deal -- saying that
    ..."; not "X said he will subpoena the memos that Lee reportedly wrote")."""
    at = re.search(r"\b" + r"\s+".join(map(re.escape, source)) + r"\b", text)
    return at is not None and len(text[: at.start()].split()) < SUBJECT_WORDS and bool(_SPEAKS.match(text[at.end() :]))


def _stem(word: str) -> str:
    return word[:STEM_LETTERS]


def _speaker(text: str) -> str:
    """The words before a sentence's first reporting verb: who it reports ("Both riders said ...")."""
    said = _SAID.search(text)
    return text[: said.start()] if said else ""


def _capitalised(text: str) -> list[str]:
    """Capitalised words that do not start a sentence."""
    return re.findall(r"(?<=[\w,;:'\u2019\"\u201c]\s)([A-Z][\w'\u2019&-]*)", text)


def _attributes(text: str, source: list[str]) -> bool:
    """Whether ``text`` names ``source`` and then says what it reported: a "that" clause after the name."""
    positions = [m.start() for w in source for m in [re.search(rf"\b{re.escape(w)}\b", text)] if m]
    if len(positions) < len(source):
        return False
    that = _THAT.search(text, max(positions))
    clause = text[that.end() :].split() if that else []
    return len(clause) >= MIN_CLAUSE_WORDS and not _NEGATION.search(text[: max(positions)])
