"""build_brief and build_update: the pipeline, stage by stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.budget import CORE_HARD_SHARE, CORE_SHARE, MIN_CHARS, BudgetSpent, Deadline, entity_backend, fit
from storyline.compare.agreement import count_sources, with_sources
from storyline.compare.disagreements import find_disagreements
from storyline.compare.update import earlier_by_date, merge, new_facts, novel_items
from storyline.config import BriefConfig
from storyline.errors import ConfigError, InputError
from storyline.extract.analyses import announce
from storyline.extract.docdates import date_documents
from storyline.extract.entities import extract_entities
from storyline.extract.event_parse import parsing
from storyline.extract.figures import extract_figures
from storyline.extract.mentions import story_mentions
from storyline.extract.quotes import extract_quotes
from storyline.extract.timeline import build_timeline
from storyline.features.context import Features
from storyline.features.embeddings import Embedder, load_embedder
from storyline.model import Article, Brief, Corpus, Document, Event, Item, Ref, Story, SummaryItem
from storyline.rankers import get_ranker
from storyline.select import MIN_WORDS, ineligibility, summarize
from storyline.text.clean import clean
from storyline.text.fold import fold
from storyline.text.sentences import split_until


def build_brief(articles: Corpus | Sequence[Article], config: BriefConfig | None = None) -> Brief:
    """Turn a cluster of articles into a sourced brief.

    With ``config.strict``, any warning about the input (a skipped or repaired
    file, a single document, copies only) is an :class:`InputError` instead.
    """
    config = config or BriefConfig()
    deadline = Deadline(config.time_budget_s)
    return _brief(_prepared(_fit(_corpus(articles), config), deadline), config, deadline=deadline)


def build_update(
    articles: Corpus | Sequence[Article],
    *,
    since: Corpus | Sequence[Article] | None = None,
    since_date: dt.date | None = None,
    config: BriefConfig | None = None,
) -> Brief:
    """What newer articles add to earlier ones: a brief of the new content only, with the same provenance.

    Give the earlier articles (``since``), or a date (``since_date``) that splits ``articles``
    into earlier (dated before it, or undated) and newer ones. See :mod:`storyline.compare.update`.
    """
    if (since is None) == (since_date is None):
        raise ConfigError("give either the earlier articles (since) or a date (since_date), not both")
    config = config or BriefConfig()
    deadline = Deadline(config.time_budget_s)
    if since is not None:
        corpus, earlier = merge(_corpus(since, "no earlier articles to compare with"), _corpus(articles))
        corpus = _fit(corpus, config)
        kept = {a.id for a in corpus.articles}
        earlier = tuple(e for e in earlier if e in kept)
        return _brief(_prepared(corpus, deadline), config, earlier=earlier, deadline=deadline)
    assert since_date is not None
    story = _prepared(_fit(_corpus(articles), config), deadline)
    earlier, warnings = earlier_by_date(story, since_date)
    story = replace(story, warnings=story.warnings + warnings)
    return _brief(story, config, earlier=earlier, deadline=deadline)


def _brief(
    story: Story, config: BriefConfig, earlier: tuple[str, ...] = (), *, deadline: Deadline | None = None
) -> Brief:
    """Rank, select and extract; with ``earlier`` documents, keep only what the others add to them."""
    deadline = deadline or Deadline(None)
    if config.strict and story.warnings:
        raise InputError(f"{len(story.warnings)} input warning(s) in strict mode, first: {story.warnings[0]}")
    announce(story.documents)  # a supplier of the NLP layer's results starts on them (storyline.extract.analyses)
    ranker = get_ranker(config.ranker)
    features = Features(story, embedder=_embedder(config, ranker.needs_embeddings))
    try:
        with deadline.hard(CORE_HARD_SHARE):
            candidates = novel_items(features, earlier) if earlier else None
            chosen = summarize(features, ranker, words=config.words, candidates=candidates)
            summary = tuple(_summary_item(story, features, i) for i in chosen)
            title = _story_title(features)
    except BudgetSpent:
        summary, title = _lead_summary(story, config.words, earlier), story.documents[0].article.title
        deadline.cut(
            f"time budget of {deadline.seconds:g} s: the summary was not ranked by {CORE_HARD_SHARE:.0%} of it, "
            "so it is the first sentences in reading order, each citing only its own copies (time_budget_s)"
        )
    deadline.pace(sum(len(d.article.text) for d in story.documents))
    with parsing(config.entities != "rules"):  # rule-based entities: a brief that loads no spaCy at all
        facts = _facts(story, features, config, earlier, deadline)
    warnings = story.warnings + facts.pop("warnings") + deadline.warnings()
    if earlier and not summary:
        warnings += ("the newer articles report nothing the earlier ones did not already report",)
    return Brief(
        title=title,
        documents=story.documents,
        summary=summary,
        warnings=warnings,
        ranker=ranker.name,
        earlier=earlier,
        **facts,
    )


def _facts(
    story: Story, features: Features, config: BriefConfig, earlier: tuple[str, ...], deadline: Deadline
) -> dict[str, Any]:
    """The facts sections, each item with its source count; an update keeps what the newer documents add.

    A section not started when the time budget is spent is left out (empty, named in a warning).
    """
    mentions = story_mentions(story)
    docs = story.documents
    items = story.items

    def timeline_events() -> tuple[Event, ...]:
        return with_sources(build_timeline(docs, items=items, mentions=mentions), docs)

    timeline = deadline.run("timeline", timeline_events)
    figures = deadline.run("figures", lambda: with_sources(extract_figures(docs, mentions=mentions), docs))
    quotes = deadline.run("quotes", lambda: with_sources(extract_quotes(docs, story.items), docs))
    disagreements = deadline.run("disagreements", lambda: find_disagreements(story, features))
    if earlier:
        timeline, figures = new_facts(timeline, earlier), new_facts(figures, earlier)
        quotes = new_facts(quotes, earlier)
        disagreements = new_facts(disagreements, earlier, any_new=True)
    newer = [d for d in docs if d.id not in earlier]
    chars = sum(len(d.article.text) for d in newer)
    backend, warnings = entity_backend(config.entities, chars, deadline)
    return {
        "timeline": timeline,
        "quotes": quotes,
        "figures": figures,
        "disagreements": disagreements,
        "entities": deadline.run("entities", lambda: extract_entities(newer, backend=backend)),
        "warnings": warnings,
    }


def _corpus(articles: Corpus | Sequence[Article], empty: str = "no articles to brief") -> Corpus:
    corpus = articles if isinstance(articles, Corpus) else Corpus(tuple(articles))
    if not corpus.articles:
        raise InputError(empty)
    return corpus


def _fit(corpus: Corpus, config: BriefConfig) -> Corpus:
    return fit(
        corpus, max_documents=config.max_documents, max_chars=config.max_chars, time_budget_s=config.time_budget_s
    )


def _prepared(corpus: Corpus, deadline: Deadline) -> Story:
    """:func:`prepare_story` under the time budget's hard stop (:meth:`storyline.budget.Deadline.hard`);
    interrupted, the story of the corpus's first :data:`~storyline.budget.MIN_CHARS` characters (well
    under a second's work) instead, with a warning."""
    try:
        with deadline.hard(CORE_HARD_SHARE):
            return prepare_story(corpus, deadline=deadline)
    except BudgetSpent:
        pass
    small = fit(corpus, max_documents=len(corpus.articles), max_chars=MIN_CHARS)
    deadline.cut(
        f"time budget of {deadline.seconds:g} s: splitting, cleaning and folding were not done by "
        f"{CORE_HARD_SHARE:.0%} of it, so the brief is of the first {MIN_CHARS:,} characters only (time_budget_s)"
    )
    return prepare_story(small)


def _lead_summary(story: Story, words: int, earlier: tuple[str, ...]) -> tuple[SummaryItem, ...]:
    """The summary when the time budget stopped its ranking: the first items that may stand alone, in
    reading order, up to ``words`` words (the lead baseline, which is hard to beat on news: Nenkova 2005,
    "Automatic text summarization of newswire: lessons learned from the Document Understanding
    Conference"). An update's lead leaves out what the earlier documents already had a copy of."""
    position = {d.id: n for n, d in enumerate(story.documents)}
    chosen: list[SummaryItem] = []
    used = 0
    for item in sorted(story.items, key=lambda i: (position[i.sentence.doc_id], i.sentence.index)):
        if words - used < MIN_WORDS:  # no sentence that may stand alone fits any more
            break
        size = len(item.text.split())
        if used + size > words or ineligibility(item) is not None or any(m.doc_id in earlier for m in item.members):
            continue
        chosen.append(_cited(story, item, item.refs()))
        used += size
    return tuple(chosen)


def prepare_story(corpus: Corpus, *, deadline: Deadline | None = None) -> Story:
    """Split, clean and fold: the rankers' input, with warnings about the story as a whole.

    Once splitting has taken so long that the summary's stages would not end within their share of
    the time budget (measured at this brief's pace: :meth:`storyline.budget.Deadline.split_stop`),
    it stops at the line it reached: that article is cut there and the later ones are left out,
    with a warning.
    """
    split_warnings: list[str] = []
    split: list[Document] = []
    stop = None if deadline is None else deadline.split_stop()
    for n, article in enumerate(corpus.articles):
        sentences, reached = split_until(article, stop, split_warnings)
        if reached < len(article.text) or (stop is not None and n + 1 < len(corpus.articles) and stop()):
            split.append(Document(replace(article, text=article.text[:reached]), sentences))
            split_warnings.append(_split_cut(corpus, n, reached, deadline))
            break
        split.append(Document(article, sentences))
    documents = tuple(split)
    # Dated before folding, where the earliest copy leads.
    documents, items = fold(date_documents(clean(documents)))
    return Story(documents, items, corpus.warnings + tuple(split_warnings) + _story_warnings(documents))


def _split_cut(corpus: Corpus, n: int, reached: int, deadline: Deadline | None) -> str:
    """The warning of a split stopped by the time budget inside article ``n`` or after it."""
    article, left = corpus.articles[n], corpus.articles[n + 1 :]
    cuts = []
    if reached < len(article.text):
        cuts.append(f"{article.id} cut to its first {reached:,} of {len(article.text):,} characters")
    if left:
        cuts.append(f"{len(left):,} later articles ({sum(len(a.text) for a in left):,} characters) left out")
    seconds = deadline.seconds if deadline is not None else None
    stopped = (
        f"time budget of {seconds:g} s: splitting stopped where the summary's stages, at the pace "
        f"measured so far, would pass {CORE_SHARE:.0%} of it"
    )
    return f"{stopped}, {', '.join(cuts)} (time_budget_s)"


def _embedder(config: BriefConfig, required: bool) -> Embedder | None:
    if required and config.embeddings == "none":
        raise ConfigError(f"ranker {config.ranker!r} needs embeddings, but embeddings are 'none'")
    embedder = load_embedder(config.embeddings)
    if required and embedder is None:
        raise ConfigError(f"ranker {config.ranker!r} needs embeddings, and no embedding model is installed")
    return embedder


def _summary_item(story: Story, features: Features, i: int) -> SummaryItem:
    """The item's sentence, cited with its copies and every sentence elsewhere that says the same."""
    item = features.items[i]
    elsewhere = tuple(r for j in features.reported_by(i) for r in features.items[j].refs())
    return _cited(story, item, item.refs() + elsewhere)


def _cited(story: Story, item: Item, support: tuple[Ref, ...]) -> SummaryItem:
    """The item as a summary sentence citing ``support``, its sources counted (copies once)."""
    sources, folded = count_sources(support, story.documents)
    date = story.document(item.sentence.doc_id).article.date
    return SummaryItem(text=item.text, support=support, date=date, sources=sources, folded=folded)


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


def _story_title(features: Features) -> str | None:
    """The main-event headline: the one the other sources' content most supports, the newest of near ties
    (:mod:`storyline.features.main_event`); None when no document has a headline."""
    event = features.main_event
    if event is None:
        return None
    headline = features.headlines[event.headline]
    return headline.text if headline.item is None else None
