"""lemminflect's dictionary lemmas, without the spaCy hook its package import runs.

``import lemminflect`` imports spaCy when it is installed (the ``full`` extra), only to
register token extensions Storyline never uses; spaCy then imports thinc and torch: about
2 s of CPU on every cold ``storyline brief``. Imported with spaCy left out
(:func:`storyline.imports.absent`), lemminflect skips its hook; the lemmas are the same.
"""

from __future__ import annotations

from storyline.imports import absent

with absent("spacy"):
    from lemminflect import getAllLemmas, getLemma

__all__ = ["getAllLemmas", "getLemma"]
