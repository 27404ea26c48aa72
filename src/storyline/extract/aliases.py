"""Alias folding: a story's mentions grouped into entities (rules in :mod:`storyline.extract.entities`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.extract.gazetteer import (
    DEMONYM_LIKE,
    DEMONYMS,
    ORG_HEADS,
    PARTICLES,
    PLACE_MODIFIERS,
    STANDARD,
    VARIANTS,
    gazetteer,
    name_key,
)
from storyline.model import Entity, Ref

# When labels tie, the more specific type wins; MISC (the rules' "no idea") only when alone.
TYPE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE")


@dataclass(frozen=True)
class Mention:
    doc: str
    sentence: int
    start: int
    end: int
    text: str
    label: str


def _core(key: str) -> tuple[str, ...]:
    return tuple(t for t in key.split() if t not in PARTICLES)


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
    if labels["NORP"] and key not in DEMONYMS and not DEMONYM_LIKE.search(key):
        # The small model often calls a city NORP; a group of people is named by a demonym-like
        # word ("Nigerians", "Sikhs", "Kurdish"), a place is not.
        labels = labels.copy()
        labels["GPE"] += labels.pop("NORP")
    specific = Counter({k: v for k, v in labels.items() if k != "MISC"})
    if not specific:
        return "MISC"
    best = max(specific.values())
    tied = [k for k, v in specific.items() if v == best]
    return min(tied, key=lambda k: TYPE_ORDER.index(k) if k in TYPE_ORDER else len(TYPE_ORDER))


def fold_mentions(mentions: list[Mention], duplicate: dict[str, bool]) -> tuple[Entity, ...]:
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        key = name_key(m.text)
        by_key.setdefault(VARIANTS.get(key, key), []).append(m)
    table = gazetteer()
    types = {k: table.get(k) or _vote(Counter(m.label for m in ms), k) for k, ms in by_key.items()}
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
        if len(core) != 1 or k in table or t == "NORP":
            continue
        owners = last_names.get(core[0], set())
        if len(owners) == 1:
            groups.union(k, next(iter(owners)))
            types[k] = "PERSON"

    # rule 4: an organisation's head word alone ("the Institute") is that organisation, when only one has it
    heads: dict[str, set[str]] = {}
    for k, t in types.items():
        for word in set(k.split()[1:]) & ORG_HEADS if t == "ORG" else ():
            heads.setdefault(word, set()).add(k)
    for k in list(types):
        if k in heads or k in ORG_HEADS:
            owners = {groups.find(o) for o in heads.get(k, set())} - {groups.find(k)}
            if len(owners) == 1:
                groups.union(k, next(iter(owners)))
                types[k] = "ORG"

    # rule 4, short forms: a demonym before a name of the story ("Catholic Caritas") and an
    # organisation's name cut short ("Pacific Institute") are that name, when only one fits
    qualified: set[str] = set()
    for k, t in types.items():
        words = k.split()
        if len(words) > 1 and words[0] in DEMONYMS and " ".join(words[1:]) in types:
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
    """A short name the rules could not type ("Ann Lee"): a person if its last word is used alone.

    Not when its first word is a place modifier or is found in another name too: a first name is
    one person's ("Ann"), "Old" is in "Old Town" and "Old Harbour", and "Harbour" is no surname.
    """
    words = key.split()
    return (
        kind == "MISC"
        and len(words) <= 3
        and words[0] not in PLACE_MODIFIERS
        and words_seen[words[0]] == 1
        and not any(w in ORG_HEADS or w in gazetteer() for w in words)
    )


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(t in it for t in short)


def _initials(surface: str) -> str:
    """ "National Institute for Water Research" -> "NIWR": capitalised words of a name of three or more letters."""
    words = surface.split()
    if len(words) < 2:
        return ""
    letters = [w[0] for w in words if w[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else ""


def _entity(
    mentions: list[Mention], labels: list[str], keys: list[str], duplicate: dict[str, bool], qualified: set[str]
) -> tuple[int, int, str, Entity]:
    """(documents, mentions, name, the entity): the sort key first."""
    table = gazetteer()
    kinds = [table[k] for k in keys if k in table]
    kind = kinds[0] if kinds else ("PERSON" if "PERSON" in labels else _vote(Counter(labels)))
    mentions = sorted(mentions, key=lambda m: (m.doc, m.start))
    forms = Counter(m.text for m in mentions)
    first = {m.text: i for i, m in reversed(list(enumerate(mentions)))}
    aliases = sorted(forms, key=lambda f: (-forms[f], first[f]))
    # the standard name of a variant table ("United States", not a copy's "United States of America"), else
    # the longest form, but not one qualified by a demonym ("Catholic Caritas" is Caritas)
    plain = [f for f in aliases if VARIANTS.get(name_key(f), name_key(f)) not in qualified] or aliases
    name = max(plain, key=lambda f: (name_key(f) in STANDARD, len(f), forms[f], -first[f]))
    counted = [m for m in mentions if not duplicate.get(m.doc, False)] or mentions
    documents = len({m.doc for m in counted})
    return (
        documents,
        len(counted),
        name,
        Entity(
            name=name,
            type=kind,
            aliases=(name, *[a for a in aliases if a != name]),
            mentions=len(counted),
            documents=documents,
            support=tuple(Ref(m.doc, m.sentence, m.start, m.end) for m in mentions),
        ),
    )
