"""What the app shows, gathered from the core in one place (no Textual here either).

The app's workers call these plain functions and post the results as messages.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tui.briefings.briefing import Pane, build_panes, load_briefings
from tui.briefings.export import Document, document
from tui.compare.disputes import Dispute, disputed_facts
from tui.ingest.article import Article, SkipFile, load_article
from tui.search.catalog import Entry
from tui.search.port import Backend
from tui.store.background import StopSignal
from tui.store.config import Config
from tui.text.analysis import stems
from tui.text.highlight import Keyword, count_keywords


@dataclass
class PaneStats:
    """Figures for a pane's header and chips, computed off the UI thread."""

    count: int
    sources: list[str]
    first: str | None
    last: str | None
    keyword_counts: dict[str, int] = field(default_factory=dict)
    key_terms: list[str] = field(default_factory=list)


def pane_stats(ix: Backend, pane: Pane, entries: dict[str, Entry]) -> PaneStats:
    chosen = [entries[i] for i in pane.article_ids if i in entries]
    sources = Counter(e.source for e in chosen if e.source)
    dates = sorted(e.date for e in chosen if e.date)
    stats = PaneStats(
        count=len(chosen),
        sources=[s for s, _ in sources.most_common()],
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
    )
    if pane.keywords:
        bodies = stored_bodies(ix, pane.article_ids)
        counts = count_keywords(bodies, [Keyword.of(k) for k in pane.keywords])
        stats.keyword_counts = dict(counts)
    elif pane.kind == "topic":
        stats.key_terms = ix.key_terms(pane.article_ids)
    return stats


def stored_bodies(ix: Backend, ids: list[str]) -> list[str]:
    """Titles and bodies as the index stored them (no file reads)."""
    return [f"{title}\n\n{body}" for title, body in ix.stored_text(ids).values()]


def read_article(config: Config, entry: Entry) -> Article:
    """The article fresh from its file (the file is the truth; the index may lag)."""
    return load_article(
        Path(entry.path),
        article_id=entry.id,
        topics=tuple(entry.topics),
        max_bytes=config.max_article_bytes,
    )


def corpus_idf(ix: Backend, *articles: Article) -> Callable[[str], float]:
    """How rare each word of these articles is in the whole corpus (log N/df, from the index
    once): what makes a comparison's shared and one-sided terms distinctive."""
    wanted = {stem for article in articles for stem in stems(f"{article.title} {article.text}")}
    n, df = ix.document_frequencies(wanted)
    return lambda stem: math.log((max(1, n) + 1) / (df.get(stem, 0) + 1))


def keywords_for(article_id: str, panes: list[Pane]) -> list[str]:
    """The keywords of every curated briefing that holds this article, in order."""
    words: list[str] = []
    for pane in panes:
        if pane.kind == "curated" and article_id in pane.article_ids:
            words.extend(k for k in pane.keywords if k not in words)
    return words


def load_panes(config: Config, ix: Backend) -> list[Pane]:
    return build_panes(load_briefings(config.briefings), ix)


def date_span(first: str | None, last: str | None) -> str:
    if not first:
        return "no dates"
    if first == last:
        return first
    return f"{first} – {last}"


# A briefing's disputed facts compare every pair of its articles: 40 articles are 780 pairs,
# about 1.5 s in a worker; a larger pane is read on its first 40.
MAX_DISPUTE_ARTICLES = 40


def pane_articles(
    config: Config, ix: Backend, pane: Pane, limit: int | None = None
) -> tuple[list[Article], list[str]]:
    """The pane's articles (its first ``limit``) read from their files, and a warning for each
    one that could not be read."""
    articles: list[Article] = []
    problems: list[str] = []
    for article_id in pane.article_ids[:limit]:
        entry = ix.catalog.get(article_id)
        if entry is None:
            problems.append(f"unknown article id {article_id!r}; left out")
            continue
        try:
            articles.append(read_article(config, entry))
        except SkipFile as exc:
            problems.append(f"{entry.path}: {exc}; left out")
    return articles, problems


def _disputes(pane: Pane, articles: list[Article], stop: StopSignal | None = None) -> list[Dispute]:
    if pane.kind != "curated":
        return []
    return disputed_facts(articles[:MAX_DISPUTE_ARTICLES], stop=stop)


def pane_disputes(
    config: Config, ix: Backend, pane: Pane, stop: StopSignal | None = None
) -> list[Dispute]:
    """The facts a curated briefing's sources disagree on (files that fail to read are left
    out; the pane reports them elsewhere)."""
    if pane.kind != "curated":
        return []  # nothing read
    articles, _ = pane_articles(config, ix, pane, MAX_DISPUTE_ARTICLES)
    return _disputes(pane, articles, stop)


def briefing_document(config: Config, ix: Backend, pane: Pane) -> tuple[Document, list[str]]:
    """What an export of the pane holds: its articles (numbered), disputes and clippings."""
    articles, problems = pane_articles(config, ix, pane)
    return document(pane, articles, _disputes(pane, articles)), problems
