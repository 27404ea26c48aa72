"""The speaker's noun phrase beside a speech verb, as written: what is the speaker, and what only surrounds it.

* :func:`subject_before`: the subject ending just before a verb ("Tom Hale, a union representative,
  said" → "Tom Hale"); appositions are walked back over to the clause that names the subject.
* :func:`subject_after_verb`: the subject of an inverted cue (``said X, …``): dots of initials and
  titles stay inside the name ("said Mr. Luu", "said Oliver J. T. Grady"); a description followed by
  the name in apposition gives the name ("says his publicist, Carrie Byalick"); what the cue adds
  after the name is cut ("said Cruise in a statement", "said Rep. Ann Lee outside the chamber on
  Tuesday night").
* :func:`clean_speaker`: a subject phrase without conjunctions, adverbs, a weekday, a statement's
  wrapper, brackets; ``None`` when the phrase is a clause rather than a noun phrase ("It comes as the
  countries", "Some have even", "the mother—showed a").

Speech verbs: ``lexicon/speech_verbs.txt``; titles: ``lexicon/titles.txt``.
"""

from __future__ import annotations

import re

from storyline.extract.gazetteer import cities, countries, name_key, word_table
from storyline.lexicon import words
from storyline.lexicon.calendar import MONTH_PATTERN, WEEKDAY_PATTERN

__all__ = [
    "QUOTING_VERB",
    "SPEECH_VERB",
    "SUBORDINATOR",
    "VERBS",
    "clean_speaker",
    "main_subject",
    "subject_after_verb",
    "subject_before",
]

VERBS = "|".join(sorted((re.escape(v) for v in words("speech_verbs")), key=len, reverse=True))
SPEECH_VERB = re.compile(rf"(?<![\w-])(?:{VERBS})(?![\w-])")
# Speech verbs, and the verbs that quote their subject's words only in part ("decried “…”", "praised … as “…”"):
# a cue before a quotation, though their subjects are no speakers elsewhere (pronouns are not resolved to them).
QUOTING_VERB = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted((re.escape(v) for v in words("speech_verbs") | words("quotation_verbs")), key=len, reverse=True))
    + r")(?![\w-])"
)
SUBORDINATOR = re.compile(r"(?:although|though|while|when|after|before|because|as|since|if|once)\b", re.I)

_LEADING_JUNK = re.compile(
    r"^(?:(?:however|but|and|meanwhile|instead|also|then|later|now|still|yet|so|in turn)\b[\s,]*)+", re.I
)
# "On Wednesday X said", "In March 2016, X said": the time is not part of the subject.
_LEADING_WHEN = re.compile(
    r"^(?:(?:on|in|by|since|until|last|early|late|earlier|later)\s+)?(?:this\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|yesterday|today|tonight|morning|afternoon|evening|week|month|year)"
    r"(?:\s+(?:\d{1,2}(?:st|nd|rd|th)?|\d{4}|morning|afternoon|evening|night))*,?\s+(?=\S)",
    re.I,
)
# "two years ago the administration said": how long ago is not part of the subject either.
_LEADING_AGO = re.compile(
    r"^(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|\d+)\s+)?"
    r"(?:years?|months?|weeks?|days?|decades?)\s+ago,?\s+(?=\S)",
    re.I,
)
# The last clause's subject: "… as if he himself said", "… in which he wrote", "something Ann Lee promised".
_INNER_CLAUSE = re.compile(
    r"(?:^|\s)(?:that|if|because|when|while|as if|as though|whether|although|though|since|until|unless|after|before|"
    r"once|where|whereas|(?-i:something|anything|everything)|"
    r"what|(?:in|on|of|at|from|to|by|with|for|after|during)\s+(?:which|whom|what))\s+(?=\S)",
    re.I,
)
_PASSIVE = frozenset({"was", "were", "is", "are", "been", "being", "be", "get", "got"})
_SCRAP = re.compile(
    r"(?:it|this|that|there|these|those|what|here|we|you|i|he|she|they|"
    r"had|has|have|did|does|do|would|could|should|will|can|may|might)\s+\S",
    re.I,
)
# A finite auxiliary inside the phrase: a clause going on ("Some have even", "the mother—showed a").
# The subject of a clause embedded with no "that": a pronoun ending a longer phrase ("The indictment shows he",
# "a margin of error they"), or a name after a speech verb inside it ("court documents say Ann Lee").
_EMBEDDED_SUBJECT = re.compile(
    r"\S\s+(?P<subj>he|she|they|He|She|They)$"
    rf"|(?<![\w-])(?:{VERBS})\s+(?P<name>(?:[A-Z][\w.\u2019'-]*\s+){{0,3}}[A-Z][\w\u2019'-]*[a-z])$"
)
# A contracted auxiliary: "what they'll say is" is a clause, not a speaker.
_CONTRACTED = re.compile(r"[\u2019'](?:ll|re|ve|d|m)\b")
_AUXILIARY = re.compile(r"\s(?:has|have|had|is|are|was|were|did|does|do)\s")
# A description's head, then "that" and a verb in -s or -ed: a relative clause ("the firm that runs the service").
_THAT_RELATIVE = re.compile(
    r"(?P<np>(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w\u2019'-]*\s+){0,2}[a-z][\w\u2019'-]*)\s+that\s+"
    r"(?!(?:he|she|they|it|we|i|you|this|these|those|there|is|was|has)\b)[a-z]+(?:s|ed)\b"
)
# A relative clause after a description's head: "a woman who lives nearby" is "a woman".
_RELATIVE = re.compile(r"\s(?:who|whose|which)\s.*$")
_NOT_SUBJECT_START = frozenset(
    {"that", "who", "which", "and", "or", "but", "if", "when", "as", "to", "both", "you"}
    # a preposition opens an adverbial, never a speaker ("In concept, …, says X")
    | {"in", "on", "of", "for", "with", "from", "by", "after", "before", "during", "under", "over", "into", "despite"}
    | {"against", "about", "at", "through", "without", "among", "between", "toward", "towards", "upon", "via"}
    | {"amid", "across", "around", "behind", "beyond", "within", "than", "like", "unlike", "per"}
    # a negative or free-choice pronoun names nobody ("No other figures have said", "Anyone who asked")
    | {"no", "none", "nobody", "anyone", "anybody", "everyone", "everybody", "nothing"}
)
# A share of a poll or a count of people, not a speaker: "93 percent of voters said", "a majority of them".
_SHARE = re.compile(
    r"(?:\d[\d.,]*\s*(?:%|percent|per\s+cent)|(?:a|the)\s+(?:majority|minority|third|quarter|half)\s+of)\b", re.I
)
# A relative pronoun ending the subject: its antecedent is the name run (roles included) before it.
_ANTECEDENT = re.compile(r"(?P<np>(?:[A-Z][\w.\u2019'-]*\s+)*[A-Z][\w.\u2019'-]*)\s+who$")
# A heading in capitals before the subject: "BILL TALKS - Ann Lee of the alliance".
_HEADING = re.compile(r"^(?:[A-Z]{2,}\s+)*[A-Z]{2,}\s*[-\u2013\u2014:]\s+")
# Nouns in -ly that end a speaker's phrase as nouns, not adverbs ("the family", "an ally").
_LY_NOUNS = frozenset({"family", "ally", "assembly", "supply", "rally", "monopoly", "anomaly", "bully"})
_PARTICIPLE_NEXT = word_table("from|to|in|on|at|the|a|an|these|those|this|that|with|for|by|of|about")
_TIME_ONLY = re.compile(
    r"(?:(?:last|this|next|earlier|later|early|late)\s+(?:year|week|month|night|spring|summer|fall|autumn|winter)"
    r"|yesterday|today|tonight|recently|(?:on\s+)?" + WEEKDAY_PATTERN + r"(?:\s+(?:morning|afternoon|evening|night))?)",
    re.I,
)
_MODALS = frozenset({"might", "could", "should", "may", "must", "can", "would"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"})
_QUANTIFIERS = frozenset({"some", "many", "others", "several", "most", "all", "few", "each", "one", "another"})
_STATEMENT = re.compile(
    r"^(?:an?|the)\s+(?:joint\s+|written\s+|brief\s+|short\s+)?(?:statement|communiqu[eé]|release|spokes\w+)\b"
    r".*?\bby\s+(?P<body>.+)$",
    re.I,
)
_WEEKDAY_END = re.compile(rf"\s+(?:on\s+)?(?:{WEEKDAY_PATTERN}|(?:{MONTH_PATTERN})\s+\d{{1,2}})$")
_QUOTE_CHARS = '"\u201c\u201d\u2018\u2019'
# A passage in double quotes closed within a clause: a title or a term inside a subject's apposition.
_QUOTED = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"")
# What an inverted cue adds after the speaker's name: where and how it was said, and when.
_CUE_TAIL = re.compile(
    r"\s+(?:(?:in|on|during)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}"
    r"(?:statement|interview|release|email|e-mail|letter|post|tweet|broadcast|video|speech|message|call|paper|"
    r"report|study|article|op-ed|column|book|blog|memo|filing|note)\b"
    r"|on\s+(?:Twitter|Facebook|Instagram|television|TV|radio|air)\b|(?:outside|after|before|during|while|when)\s"
    r"|as\s+(?:he|she|they)\s|(?:on\s+)?(?:" + WEEKDAY_PATTERN + r"|yesterday|today)\b|in\s+(?:1[6-9]|20)\d\d\b)"
    r".*$"
)


def _title_dot_lookbehind() -> str:
    """``(?<=\\bMr)|(?<=\\bDr)|…``: a dot after one of these abbreviated titles stays inside a name."""
    short = sorted(w for w in words("titles") if len(w) <= 4 and w.isalpha())
    return "|".join(rf"(?<=\b{w.capitalize()})" for w in short + ["mrs", "ms", "st", "jr", "sr", "rev", "supt", "det"])


# Dots inside the name: "U.S.", initials before a surname ("Oliver J. T. O'Grady"), titles ("Mr. Luu").
_AFTER_VERB_NAME = re.compile(
    r"[^,;.\u201c\"]*(?:(?:\.(?=\S)|(?<=\b[A-Z])\.\s+(?=[A-Z])|(?:"
    + _title_dot_lookbehind()
    + r")\.\s+(?=[A-Z])|\.\s+(?=[A-Z][\w-]*\s+[A-Z]))[^,;.\u201c\"]*)*"
)
_PERSON_NOUN = "|".join(sorted((re.escape(w) for w in words("person_nouns") | words("titles")), key=len, reverse=True))
# The subject opening a sentence, past a conjunction and one short opening phrase ("At the time, the
# president disparaged"): a name (titles and roles before it included, an apposition after it), a
# description or a pronoun, then a lowercase word.
_MAIN_SUBJECT = re.compile(
    r"^\s*(?:(?:And|But|So|Yet|Meanwhile|Even),?\s+)?(?:[^,\u201c\"]{1,40},\s+)?"
    r"(?P<np>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w\u2019'-]+\s+){0,2}"
    rf"(?:{_PERSON_NOUN})|(?:(?:[A-Z][\w.\u2019'-]*|{_PERSON_NOUN})\s+){{0,6}}[A-Z][\w\u2019'-]*[a-z]|he|she|He|She)"
    r"(?:,[^,\u201c\"]{1,40},)?\s+(?=[a-z])"
)
_NOT_PERSONAL = frozenset({"it", "this", "that", "there", "these", "those", "they", "we", "i", "you"})
# A description opening the subject, and a bare name: "One of the founders of the firm" / "Ann Lee".
_DESCRIBED = re.compile(
    r"(?:(?:[Oo]ne|[Ss]ome|[Tt]wo|[Mm]any)\s+of\s+|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[a-z])"
)
# A description opening a comma clause, a determiner and a lowercase word: "the director of outreach".
_UNCLOSED_DESCRIPTION = re.compile(r"(?:the|an?)\s+[a-z]")
_NAME_ONLY = re.compile(r"(?:[A-Z][\w.\u2019'-]*\s+){1,3}[A-Z][\w\u2019'-]*[a-z]")
_NAME_APPOSITION = re.compile(r",\s*(?P<name>(?:[A-Z][\w.\u2019'-]*\s+){1,3}[A-Z][\w\u2019'-]*)\s*(?:[,.;]|$)")


def subject_before(text: str) -> str | None:
    """The subject of a speech verb, given the text that ends just before the verb.

    A title in quotes inside the subject's apposition ("X, author of the book “…,” says") is
    masked first; then appositions are dropped, walking back over comma clauses that open with
    a lowercase word, an article, a number or a relative pronoun ("X, a representative, said",
    "Yasmin, 40, said", "X, commander of the fleet, put it") to the clause that names the subject.
    """
    masked = _QUOTED.sub(lambda m: "\u2063" * len(m.group()), text)
    stripped = masked.rstrip()
    if stripped and stripped[-1] in _QUOTE_CHARS + "\u2063":
        # "X, author of the book “…,” says": a title ending an apposition, its comma inside the marks.
        head = stripped.rstrip("\u2063").rstrip()
        if not (head.count(",") and head[-1:].isalpha() and head[-1:].islower()):
            return None
        masked = head + ","
    parts = masked.split(",")
    last = parts[-1].strip()
    if last == "who" and len(parts) >= 2:
        # "X said to Ann Lee, who replied": the relative pronoun's antecedent ends the clause before; past a
        # description in apposition ("an ally of Ann Lee, the governor of the state, who"), the one before it.
        k = len(parts) - 2
        if k > 0 and re.match(r"\s*(?:an?|the|his|her|their|its)\s+[a-z]", parts[k]):
            k -= 1
        named = re.search(r"(?:[A-Z][\w.\u2019'-]*\s+){0,3}[A-Z][\w\u2019'-]*[a-z]$", parts[k].strip())
        return clean_speaker(named.group()) if named else None
    if not last and len(parts) == 3 and _DESCRIBED.match(parts[0].strip()) and _NAME_ONLY.fullmatch(parts[1].strip()):
        # "One of the founders of the firm, Ann Lee, said": the name in apposition to a description.
        return clean_speaker(parts[1])
    if last and len(parts) >= 2 and _UNCLOSED_DESCRIPTION.match(last):
        # "Rabbi Ann Lee, the director of outreach at a city group called": an apposition the writer left
        # unclosed; the name before it is the subject.
        name = clean_speaker(parts[-2])
        if name is not None and name == parts[-2].strip() and _NAME_ONLY.fullmatch(name):
            return name
    if not last and len(parts) >= 3:
        k = len(parts) - 2
        while k > 0 and _apposition_after(parts[k - 1], parts[k]):
            k -= 1
        last = parts[k].strip()
    # "“A,” Smith said": what follows the quoted passage is the subject.
    return clean_speaker(last.rsplit("\u2063", 1)[-1])


def _apposition_after(before: str, part: str) -> bool:
    """Whether the comma clause ``part`` only describes, locates or gives the role of what ``before`` names."""
    return _is_apposition(part) or _place_continued(before, part) or _role_apposition(before, part)


def _is_apposition(part: str) -> bool:
    """A comma clause that describes rather than names: it opens with a lowercase word, an article or a number."""
    bare = clean_speaker(part) if part.strip() else None
    if bare is None:
        return True
    # "Heller, the state's junior senator, said": a description ends in a lowercase noun.
    if re.fullmatch(r"\(?[RDI]-[A-Z][\w.]*\)?", bare):
        return True  # "Rep. Ann Lee, R-Texas, said": a party and state tag
    return bool(re.match(r"(?:an?|the|\d+|who|whose|which)\b|[a-z]", bare)) or bare.split()[-1].islower()


# A role written in capitals, of a body: "Director General of the Water Board", "Head of Research".
_CAPITALISED_ROLE = re.compile(r"(?:[A-Z][\w-]*\s+){1,3}(?:of|for)\s+\S")
_PERSON_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?:[A-Z][\w.\u2019'-]*\s+){1,3}[A-Z][\w\u2019'-]*[a-z]")


def _role_apposition(before: str, part: str) -> bool:
    """Whether ``part`` is a capitalised role in apposition to the name before it ("Ann Lee, Director
    General of the Water Board, said"): the name is the subject, not the role."""
    return bool(_CAPITALISED_ROLE.match(part.strip())) and bool(_PERSON_NAME.fullmatch(before.strip()))


def _place_continued(before: str, part: str) -> bool:
    """Whether ``part`` goes on naming the place that ends the clause before it ("a researcher in Geneva,
    Switzerland, told"; "a lawyer in Austin, Texas, said"): a place's name after a comma, not a speaker."""
    bare = part.strip()
    if not re.fullmatch(r"(?:[A-Z][\w.\u2019'-]*\s+){0,2}[A-Z][\w.\u2019'-]*", bare):
        return False
    key = name_key(bare)
    if key in countries() or key in cities():
        return True
    # One word after a place the clause locates ("in Austin, Texas"): a state or a region, not a person's name.
    located = re.search(
        r"\b(?:in|of|from|near|outside)\s+(?:[A-Z][\w.\u2019'-]*\s+){0,3}[A-Z][\w.\u2019'-]*\s*$", before
    )
    return located is not None and " " not in bare


def _adverb(word: str) -> bool:
    """A lowercase word in -ly that is no noun: "proudly", "repeatedly", "allegedly"."""
    bare = word.strip(",")
    return bare.islower() and bare.endswith("ly") and len(bare) > 4 and bare not in _LY_NOUNS


def clean_speaker(phrase: str) -> str | None:
    """A subject phrase without what is not the speaker: conjunctions, adverbs, a weekday, a statement's wrapper."""
    phrase = phrase.strip().strip('"\u201c\u201d\u2018\u2019.;:—–-•· ')
    if phrase.count("(") != phrase.count(")"):
        # "(An ABC News rep", "Hank.)": the brackets of an aside around the cue
        phrase = phrase.strip('() "\u201c\u201d\u2018\u2019.;:—–-')
    if ")" in phrase and "(" not in phrase[: phrase.index(")")]:
        # "(Harris notes, OOG1004463) President's Chief of Staff": what an aside closed before the subject
        phrase = phrase[phrase.rindex(")") + 1 :].strip()
    phrase = _LEADING_JUNK.sub("", phrase).strip().lstrip("\u2014\u2013- ")
    phrase = _LEADING_WHEN.sub("", phrase)
    phrase = _LEADING_AGO.sub("", phrase)
    # "Although he said …": the subordinator is not part of the subject.
    phrase = re.sub(rf"^{SUBORDINATOR.pattern}\s+(?=\S)", "", phrase, flags=re.I)
    # "the firm that runs the service": "that" opens a relative clause after a description's head, not a
    # clause of its own ("The indictment shows that he" has a pronoun after "that").
    relative_that = _THAT_RELATIVE.match(phrase)
    if relative_that:
        phrase = relative_that.group("np")
    # "… made it appear as if he himself said": the subject is that of the last clause.
    clause = None
    for clause in _INNER_CLAUSE.finditer(phrase):  # noqa: B007 - the last one is wanted
        pass
    if clause is not None:
        phrase = phrase[clause.end() :]
    # "… host Ann Lee who said": the relative pronoun's antecedent, the name or description before it.
    relative = _ANTECEDENT.search(phrase)
    if relative:
        phrase = relative.group("np")
    phrase = _HEADING.sub("", phrase)
    parts = phrase.split()
    while parts and (parts[-1].lower().strip(",") in words("cue_trailing_words") or _adverb(parts[-1])):
        parts.pop()
    embedded = _EMBEDDED_SUBJECT.search(" ".join(parts))
    if embedded:
        # "The indictment shows he", "court documents say Ann Lee": the subject of a clause embedded with no
        # "that" is the speech verb's own.
        return clean_speaker(embedded.group("subj") or embedded.group("name"))
    if parts and parts[-1] in _MODALS:
        return None  # "to which Ann Lee might have answered": speech that was not said ("May" is a name)
    if len(parts) > 1 and parts[0].lower() in _QUANTIFIERS and parts[1] == "of":
        return None  # "many of them say": no one the text names
    if len(parts) > 1 and parts[-1] == "who":
        parts.pop()  # "a producer who said": the relative pronoun's antecedent
    if parts and parts[0].lower() in _NOT_SUBJECT_START:
        return None
    if len(parts) > 1 and parts[0].lower().endswith("ing") and parts[1].lower() in _PARTICIPLE_NEXT:
        return None  # "Extrapolating from these cases": an opening participle phrase, not a subject
    if _TIME_ONLY.fullmatch(" ".join(parts)):
        return None  # "“Pledge to America” last year said": a time, not who spoke
    if len(parts) == 1 and parts[0].lower() in _QUANTIFIERS | _DETERMINERS:
        return None  # "Some have claimed", "The newly …": a quantifier or a determiner names nobody
    if not parts or len(parts) > 14 or parts[-1].lower() in {"and", "or", "but"}:
        return None
    phrase = _RELATIVE.sub("", " ".join(parts)).rstrip(" \u2014\u2013-")
    if _SHARE.match(phrase):
        return None  # "93 percent of voters said": a poll's share, not who spoke
    if parts[-1].lower() in _PASSIVE:
        return None  # "staff were told": the listener, not the speaker
    clause = _AUXILIARY.search(f" {phrase} ") or _CONTRACTED.search(phrase)
    if _SCRAP.match(phrase) or SPEECH_VERB.search(phrase) or clause:
        return None  # "It comes as the countries", "court documents say X": a clause, not a speaker
    if re.search(r"\w[\u2014\u2013]\w|\s[\u2014\u2013]\s", phrase):
        return None  # "the mother—showed a": a dash joins two clauses
    if not _possessive_speaks(phrase):
        return None  # "its well-preserved condition suggests": a thing the text has, not who spoke
    m = _STATEMENT.match(phrase)
    if m:
        phrase = m.group("body")
    # Day names at the end: "X on Wednesday" never reaches here; "X Wednesday" might.
    phrase = _WEEKDAY_END.sub("", phrase)
    return phrase or None


# What a possessive phrase may name and still be a speaker: a person, a body or its words ("his lawyer", "its
# statement", "her family"), beside the person nouns, titles and group words of the lexicon.
_POSSESSED_SPEAKERS = frozenset({"family", "campaign", "team", "website", "site", "account", "page", "lawyers"})


def _possessive_speaks(phrase: str) -> bool:
    """Whether a phrase opening with a possessive determiner ("its", "his", …) can be a speaker: its last word
    names a person or a body; any other thing it has ("its odd shape", "his record") speaks for nobody."""
    parts = phrase.split()
    if len(parts) < 2 or parts[0].lower() not in {"its", "his", "her", "their", "our"}:
        return True
    head = parts[-1].lower().strip(",")
    singular = {head, head[:-1] if head.endswith("s") else head, head[:-2] if head.endswith("es") else head}
    known = words("person_nouns") | words("titles") | words("group_words") | words("collective_nouns")
    return bool(singular & (known | _POSSESSED_SPEAKERS)) or parts[-1][:1].isupper()


def subject_after_verb(text: str) -> str | None:
    """The speaker in ``said X, …`` (text starts just after the verb)."""
    text = text.lstrip()
    if re.match(r"(?:on|in|at|to|from|after|during|when|while|as|that|this|last|earlier|later)\b", text):
        return None
    m = _AFTER_VERB_NAME.match(text)
    phrase = m.group(0) if m else ""
    tail = None if _STATEMENT.match(phrase) else _CUE_TAIL.search(phrase)
    if tail and tail.start() > 0:
        phrase = phrase[: tail.start()]
    # "says his personal publicist, Carrie Byalick.", "said the town's highest official, First Selectman Ann Lee,":
    # the name in apposition to a description.
    if re.match(r"(?:his|her|their|its|the|an?|[A-Z][\w-]*[\u2019']s)\s+[a-z]", phrase) and m is not None:
        named = _NAME_APPOSITION.match(text, m.end())
        if named:
            return clean_speaker(named.group("name"))
    return clean_speaker(phrase)


def main_subject(text: str) -> tuple[str, int] | None:
    """The subject opening the sentence ``text`` and where it starts: a name, a description or a pronoun
    ("At the time, the president disparaged …" → "the president"); ``None`` for anything else."""
    m = _MAIN_SUBJECT.match(text)
    if m is None or re.search(r"['\u2019]s?$", m.group("np")):
        return None  # "Lee's team rejected": a possessive qualifies the subject
    if m.group("np").lower() in _NOT_PERSONAL:
        return None  # "It would take a cranky person to see it so: “…”": "it" there names nobody
    phrase = clean_speaker(m.group("np"))
    if phrase is None or phrase != m.group("np").strip():
        return None
    return phrase, m.start("np")
