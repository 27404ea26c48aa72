"""Members of a party or a nation, as English names them with a capital: "the Ohio Democrat", "the German".

After "the", such a noun describes one person the text has named (:mod:`storyline.extract.role_descriptions`
resolves it as it resolves "the lawyer"); in the plural, with no determiner ("Republicans", "Germans"), it
is a group, never a person a pronoun or a description could stand for.
"""

from __future__ import annotations

import functools

from storyline.extract.gazetteer import DEMONYMS
from storyline.lexicon import words

__all__ = ["affiliation_nouns", "is_members"]


@functools.cache
def affiliation_nouns() -> frozenset[str]:
    """Nouns for one member of a party or a nation, lower case: ``lexicon/affiliation_nouns.txt`` and the
    gazetteer's demonyms that name one person ("german", "iraqi"; not "french" or "syrians")."""
    return words("affiliation_nouns") | {w for w in DEMONYMS if w.endswith(("an", "i"))}


def is_members(word: str) -> bool:
    """Whether ``word`` is the capitalised plural of such a noun ("Republicans", "Germans", "Iraqis")."""
    return word[:1].isupper() and word.endswith("s") and word[:-1].lower() in affiliation_nouns()
