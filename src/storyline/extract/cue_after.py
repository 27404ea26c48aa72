"""The cue after a quotation's closing mark, and the speaker it names: ``“…,” X said`` / ``“…,” said X`` /
``“…” he added`` / ``“…” — X, on the vote`` (right after the marks), else a speech clause ending the sentence
(``“…” except for …, X said.`` / ``…, said X, a …``). :mod:`storyline.extract.attribution` reads the cue before
the marks and calls :func:`after_attribution` for this side."""

from __future__ import annotations

import re

from storyline.extract.speaker_phrase import SPEECH_VERB, VERBS, clean_speaker, subject_after_verb
from storyline.lexicon import words

__all__ = ["CLAUSE_WORD", "NOT_INVERTED", "after_attribution"]

_VERB_AT_START = re.compile(rf"(?:{VERBS})(?![\w-])")
# A word of a name, particles included ("al-Rashid", "de Vries").
_NAME_PART = r"(?:[A-Z]|(?:al|el|ad|de|da|van|von|bin|ibn)-?[A-Z]?)[\w.\u2019'-]*"
# "“…” — Ann Lee, on the vote" / "“…” -Ann Lee" (a hyphen after a space, as a tweet's sign-off writes it).
_DASH_NAME = re.compile(
    r"(?:\s*[\u2014\u2013]|\s*--|\s+-)\s*(?P<name>(?:[A-Z][\w.\u2019'-]*\s+){0,4}[A-Z][\w\u2019'-]*)\s*(?:,|$|\.)"
)
NOT_INVERTED = frozenset({"told", "tells"})
# A verb of manner in -ed after the closing mark, a capitalised name after it: "“…,” ripped Rep. Ann Lee".
_MANNER_INVERTED = re.compile(r"[a-z]{3,}ed\s+(?=[A-Z])")
# A description, whatever its capitals ("one US pilot", "a CNN producer"), before a name in apposition.
_DESCRIPTION_START = r"(?:an?|the|one|another|his|her|their|its|our)\s"
CLAUSE_WORD = r"(?:and|or|but|to|of|in|on|at|for|with|from|by|as|that|which|while|when|if|after|before|then)\b"
# A verb's object, then a verb of saying: "recalls him saying", "remembers Ann Lee telling".
_HEARD_SAYING = re.compile(
    r"\s+(?:him|her|them|[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})\s+(?:saying|say|tell|telling)\b"
)


def after_attribution(text: str, inner: str, *, cut: bool = False) -> tuple[str, int, bool] | None:
    """Attribution after a closing mark, where in ``text`` to find it, and whether the cue is adjacent:
    ``, X said`` / ``, said X`` / `` he added`` (adjacent), else a clause ending the sentence: ``“…” except
    for …, X said.`` / ``“…” they added, said X.`` / ``“…,” both A and B, says X`` (not adjacent).
    ``cut``: ``text`` ends where the next quotation opens."""
    lead = re.match(r"[\s,.;:!?—–-]*", text)
    assert lead is not None
    start = lead.end()
    rest = text[start:]
    if not ("," in lead.group(0) or inner.rstrip()[-1:] in {",", "?", "!", "."} or lead.group(0).strip() == ""):
        return None
    dash = _DASH_NAME.match(text)
    if dash:
        # "“…” — Ann Lee, on the vote": a dash after the marks names the speaker (:data:`_DASH_NAME`).
        phrase = clean_speaker(dash.group("name"))
        return (phrase, dash.start("name"), True) if phrase else None
    m = _VERB_AT_START.match(rest)
    if m:
        if m.group(0) in NOT_INVERTED:
            return None  # "“…,” told the paper": who follows "told" is the listener
        phrase = subject_after_verb(rest[m.end() :])
        return (phrase, start + m.end(), True) if phrase else None
    manner = _MANNER_INVERTED.match(rest) if inner.rstrip()[-1:] in {",", "?", "!"} else None
    if manner:
        # "“…,” ripped Rep. Ann Lee (D-Ariz.), …": a verb in -ed right after the marks, a name after it.
        phrase = subject_after_verb(rest[manner.end() :])
        if phrase and phrase[:1].isupper() and len(phrase.split()) <= 6:
            return phrase, start + manner.end(), True
    m = SPEECH_VERB.search(rest)
    if m and m.group(0) == "according to":
        # "“…” with the staff, according to X": the speaker follows the cue
        phrase = subject_after_verb(rest[m.end() :])
        return (phrase, start + m.end(), False) if phrase else None
    if m and _HEARD_SAYING.match(rest, m.end()):
        return None  # "“…,” she recalls him saying": the words are his, whom the cue only points at
    head = rest[: m.start()] if m else ""
    if m and head.rstrip().endswith(",") and len(head.split()) <= 14 and m.group(0) not in NOT_INVERTED:
        # "“…,” both A and B, says X at Y": a comma before the verb, the speaker after it.
        phrase = subject_after_verb(rest[m.end() :])
        if phrase and not re.search(r"[\"\u201c\u201d;:]", head):
            return phrase, start + m.end(), False
    if m and m.start() > 0 and _attribution_head(head):
        found = _apposition_name(head.split(","))
        return (found[0], start + found[1], True) if found else None
    if m and m.start() > 0 and m.group(0) != "according to":
        named = _long_apposition(head)
        if named:
            return named, start, True
    found = _final_attribution(rest, cut=cut)
    return (found[0], start + found[1], False) if found else None


def _attribution_head(head: str) -> bool:
    """Whether the words between a closing mark and a speech verb can be its subject."""
    if len(head.split()) > 14 or re.search(r"[\"\u201c\u201d;:]", head) or SPEECH_VERB.search(head):
        return False
    if re.search(r"[.!?]\s+[A-Z]", head) and not re.search(r"\b(?:[A-Z]\.){2,}\s|\b[A-Z][a-z]{0,3}\.\s", head):
        return False
    # Lowercase only for a pronoun or determiner, a role before a name ("singer Ray Mills") or a group speaking
    # as one ("police", "federal prosecutors"), never a clause going on ("and help remove X", "with staff at X").
    if re.match(CLAUSE_WORD, head.strip(), re.I):
        return False
    return not re.match(r"[a-z]", head) or bool(
        re.match(r"(?:he|she|they|we|i|it|the|an?|his|her|their|its|one)\b|(?:[a-z][\w\u2019'-]*\s+){1,3}[A-Z]", head)
        or _speaking_group(head)
    )


def _speaking_group(head: str) -> bool:
    """``police`` / ``state officials``: a group noun (``lexicon/speaking_groups.txt``) and up to two modifiers."""
    parts = head.split()
    lower = all(p.isalpha() and p.islower() for p in parts)
    return 0 < len(parts) <= 3 and lower and parts[-1] in words("speaking_groups")


def _apposition_name(parts: list[str]) -> tuple[str, int] | None:
    """The speaker of ``X, an apposition, said``: X, or the name when X is a description
    (``the film's editor, Paula Grey, said``); with its offset in the joined parts."""
    first, offset = parts[0], 0
    described = not re.search(r"\s[A-Z]", " " + first.strip()[1:]) or re.match(_DESCRIPTION_START, first.strip())
    if len(parts) > 1 and described and re.fullmatch(rf"\s*(?:{_NAME_PART}\s+){{1,3}}{_NAME_PART}\s*", parts[1]):
        first, offset = parts[1], len(parts[0]) + 1
    phrase = clean_speaker(first)
    return (phrase, offset) if phrase else None


def _long_apposition(head: str) -> str | None:
    """``“…,” Ann Lee, a paleontologist at a museum in Kansas who was not involved in the work, told …``: a name,
    then an apposition too long for :func:`_attribution_head`, set off by commas up to the verb."""
    parts = head.split(",")
    if len(parts) < 3 or parts[-1].strip() or len(head.split()) > 45 or re.search(r"[\"\u201c\u201d;:]", head):
        return None
    first = parts[0]
    if len(first.split()) > 8 or not _attribution_head(first) or not re.search(r"(?:^|\s)[A-Z]", first):
        return None
    if not re.match(r"\s*(?:an?|the|one|his|her|their|its|[a-z][\w-]*)\b", parts[1]) or SPEECH_VERB.search(head):
        return None
    return clean_speaker(first)


def _final_attribution(rest: str, *, cut: bool = False) -> tuple[str, int] | None:
    """``…, X said [when].`` / ``…, said X[, apposition].``: the sentence's last comma clause with a speech verb
    (with ``cut``, not one whose verb ends the text: "…, empowering what X called “…”" is the next passage's)."""
    parts = rest.split(",")
    offsets = [0]
    for part in parts[:-1]:
        offsets.append(offsets[-1] + len(part) + 1)
    for i in range(len(parts) - 1, 0, -1):
        m = SPEECH_VERB.search(parts[i])
        if m is None:
            continue
        if len(parts[i].split()) > 8 or (cut and i == len(parts) - 1 and not parts[i][m.end() :].strip()):
            return None
        if not parts[i][: m.start()].strip():
            if m.group(0) in NOT_INVERTED:
                return None
            phrase = subject_after_verb(parts[i][m.end() :])
            return (phrase, offsets[i] + m.end()) if phrase else None
        head = parts[i][: m.start()].strip()
        phrase = clean_speaker(head) if len(head.split()) <= 5 and _attribution_head(head) else None
        return (phrase, offsets[i]) if phrase else None
    return None
