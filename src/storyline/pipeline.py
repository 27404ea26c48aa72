"""build_brief: the pipeline, stage by stage."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import BriefConfig
from storyline.errors import ConfigError, InputError
from storyline.features.context import Features
from storyline.features.embeddings import Embedder, load_embedder
from storyline.model import Article, Brief, Corpus, Document, Story, SummaryItem
from storyline.rankers import get_ranker
from storyline.select import select
from storyline.text.clean import clean
from storyline.text.fold import fold
from storyline.text.sentences import split_sentences


def build_brief(articles: Corpus | Sequence[Article], config: BriefConfig | None = None) -> Brief:
    """Turn a cluster of articles into a sourced brief.

    With ``config.strict``, any warning about the input (a skipped or repaired
    file, a single document, copies only) is an :class:`InputError` instead.
    """
    config = config or BriefConfig()
    corpus = articles if isinstance(articles, Corpus) else Corpus(tuple(articles))
    if not corpus.articles:
        raise InputError("no articles to brief")
    story = prepare_story(corpus)
    if config.strict and story.warnings:
        raise InputError(f"{len(story.warnings)} input warning(s) in strict mode, first: {story.warnings[0]}")
    ranker = get_ranker(config.ranker)
    features = Features(story, embedder=_embedder(config, ranker.needs_embeddings))
    chosen = select(features, ranker.score(features), words=config.words)
    summary = tuple(_summary_item(story, features, i) for i in chosen)
    return Brief(
        title=_story_title(story, summary),
        documents=story.documents,
        summary=summary,
        warnings=story.warnings,
        ranker=ranker.name,
    )


def prepare_story(corpus: Corpus) -> Story:
    """Split, clean and fold: the rankers' input, with warnings about the story as a whole."""
    documents = tuple(Document(a, split_sentences(a)) for a in corpus.articles)
    documents, items = fold(clean(documents))
    return Story(documents, items, corpus.warnings + _story_warnings(documents))


def _embedder(config: BriefConfig, required: bool) -> Embedder | None:
    if required and config.embeddings == "none":
        raise ConfigError(f"ranker {config.ranker!r} needs embeddings, but embeddings are 'none'")
    embedder = load_embedder(config.embeddings)
    if required and embedder is None:
        raise ConfigError(f"ranker {config.ranker!r} needs embeddings, and no embedding model is installed")
    return embedder


def _summary_item(story: Story, features: Features, i: int) -> SummaryItem:
    item = features.items[i]
    date = story.document(item.sentence.doc_id).article.date
    return SummaryItem(text=item.text, support=item.refs(), date=date, sources=int(features.support[i]))


def _story_warnings(documents: tuple[Document, ...]) -> tuple[str, ...]:
    warnings = []
    empty = [d.id for d in documents if not d.sentences]
    if empty:
        warnings.append(f"no sentences found in {', '.join(empty)}")
    if len(documents) == 1:
        warnings.append("only one document: nothing to cross-check, sources count is 1 for everything")
    copies = [d for d in documents if d.duplicate_of]
    if len(documents) > 1 and len(copies) == len(documents) - 1:
        warnings.append(f"all {len(documents)} documents are copies of {documents[0].id}: the brief has one source")
    return tuple(warnings)


def _story_title(story: Story, summary: tuple[SummaryItem, ...]) -> str | None:
    """The document headline sharing most words with the summary (ties: the earliest)."""
    titles = [d.article.title for d in story.documents if d.article.title]
    if not titles:
        return None
    summary_words = {w.lower().strip(".,“”\"'") for s in summary for w in s.text.split()}
    return max(titles, key=lambda t: len({w.lower().strip(".,“”\"'") for w in t.split()} & summary_words))
