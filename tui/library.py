"""What the app shows, gathered from the core in one place (no Textual here either).

The app's workers call these plain functions and post the results as messages.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.briefings.briefing import Pane, build_panes, load_briefings, resolve
from tui.ingest.parsed import SkipFile
from tui.search.catalog import Entry, oldest_first
from tui.search.port import Backend
from tui.search.results import QueryError
from tui.store.background import StopSignal
from tui.store.config import Config
from tui.text.analysis import stems
from tui.text.highlight import Keyword, count_keywords

if TYPE_CHECKING:  # what reading, comparing and grouping need is imported when it is used: a
    # command that lists panes or shows one article never pays for it (0.15 s of regexes)
    from tui.briefings.export import Document
    from tui.compare.disputes import Dispute
    from tui.compare.exclusive import Exclusive
    from tui.ingest.article import Article
    from tui.stories.grouping import Grouping
    from tui.stories.story import Story


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
    from tui.ingest.article import load_article

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
    """Every pane; the stories are grouped only when a briefing pins one. Muted articles are
    left out of every pane and gathered in "Muted (N)" after "All articles"."""
    briefings = load_briefings(config.briefings)
    muted, problems = muted_ids(config, ix)
    panes = build_panes(briefings, ix, _story_members(ix, muted))
    if not muted and not problems:
        return panes
    for pane in panes:
        pane.article_ids = [i for i in pane.article_ids if i not in muted]
    if panes:
        panes[-1].errors.extend(problems)  # "All articles": what mute: could not do
    everything = [i for i in ix.listing().newest if i in muted]
    panes.append(Pane(title=f"Muted ({len(everything)})", kind="muted", article_ids=everything))
    return panes


def curated_panes(config: Config, ix: Backend) -> list[Pane]:
    """The curated briefings alone, which is where an article's keywords come from: no topic
    pane nor "All articles", so the catalog is not read for them."""
    members = _story_members(ix, set())
    return [resolve(b, ix, members) for b in load_briefings(config.briefings)]


def _story_members(ix: Backend, muted: set[str]) -> Callable[[str], list[str] | None]:
    """A pinned story's articles; the stories are grouped the first time one is asked for."""
    found: list[Stories] = []

    def members(story_id: str) -> list[str] | None:
        if not found:
            found.append(load_stories(ix, muted=muted))
        story = found[0].find(story_id)
        return story.articles if story is not None else None

    return members


_OPERATORS = ("AND", "OR", "NOT", '"', ":", "(", "*", "[")


def mute_query(query: str) -> str:
    """A ``mute:`` query as it runs: free words must all be in an article (joined with AND;
    a search ranks articles with any of them), written operators keep their meaning."""
    words = query.split()
    if any(op in query for op in _OPERATORS) or len(words) < 2:
        return query
    return " AND ".join(words)


def muted_ids(config: Config, ix: Backend) -> tuple[set[str], list[str]]:
    """The articles ``mute:`` keeps out of view, and a line for each query that cannot run."""
    muted: set[str] = set()
    problems: list[str] = []
    total = max(1, ix.article_count())
    for k, query in enumerate(config.mute):
        try:
            muted.update(ix.find_ids(mute_query(query), total))
        except QueryError as exc:
            line = config.mute_lines[k] if k < len(config.mute_lines) else None
            where = f"{config.source}:{line}" if config.source and line else "mute"
            problems.append(f"{where}: mute query {query!r} does not parse: {exc}")
    return muted, problems


# --- stories --------------------------------------------------------------------------------


@dataclass
class Stories:
    """Every story of the corpus, newest first, and the grouping they come from."""

    grouping: Grouping
    stories: list[Story]
    notice: str | None = None  # what was wrong with the kept grouping (it was made again)
    by_id: dict[str, Story] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {s.id: s for s in self.stories}

    def find(self, story_id: str) -> Story | None:
        """A story by its id (an id it had before two stories became one too)."""
        return self.by_id.get(self.grouping.resolve(story_id.strip()))

    def of_article(self, article_id: str) -> Story | None:
        sid = self.grouping.story_of(article_id)
        return self.by_id.get(sid) if sid else None

    def shown(self, min_sources: int = 2) -> list[Story]:
        """The stories told by at least ``min_sources`` outlets (and two articles)."""
        return [s for s in self.stories if s.source_count >= min_sources and len(s.articles) > 1]


def load_stories(
    ix: Backend, stop: StopSignal | None = None, muted: set[str] | None = None
) -> Stories:
    """The grouping kept beside the index, brought up to date with it (new articles placed,
    deleted ones forgotten) and kept again when that changed it. Muted articles are grouped
    but left out of the stories shown."""
    from tui.stories.kept import bring_up_to_date, grouping_path, load_grouping, save_grouping
    from tui.stories.story import build_stories

    path = grouping_path(ix.directory)
    grouping, notice = load_grouping(path)
    before = len(grouping.members)
    catalog = ix.catalog
    placed = bring_up_to_date(grouping, catalog, lambda ids: ix.stored_text(ids), stop)
    if placed or notice or len(grouping.members) != before:
        save_grouping(grouping, path)
    shown = {i: e for i, e in catalog.items() if i not in muted} if muted else catalog
    return Stories(grouping, build_stories(grouping, shown), notice)


# A story's view reads one article per account (a copy adds nothing to compare): its first
# eight accounts are 28 comparisons, about a second in a worker.
MAX_STORY_ACCOUNTS = 8


@dataclass
class StoryDetail:
    """A story's view: its articles, who published when, what one source alone reports, and
    the facts its sources dispute."""

    story: Story
    entries: list[Entry]
    coverage: list[tuple[str | None, list[str]]]  # (day, outlets that published that day)
    exclusive: list[Exclusive]
    disputes: list[Dispute]
    read: list[str]  # the ids compared (one per account)
    problems: list[str] = field(default_factory=list)


def coverage(entries: list[Entry]) -> list[tuple[str | None, list[str]]]:
    """Who published when: each day (undated last) with its outlets in order of publication."""
    days: dict[str | None, list[str]] = {}
    for e in sorted(entries, key=oldest_first):
        outlets = days.setdefault(e.date, [])
        name = e.source or "source unknown"
        if name not in outlets:
            outlets.append(name)
    return list(days.items())


def story_detail(
    config: Config, ix: Backend, stories: Stories, story: Story, stop: StopSignal | None = None
) -> StoryDetail:
    from tui.compare.disputes import disputed_facts
    from tui.compare.exclusive import only_one_source

    catalog = ix.catalog
    entries = [catalog[i] for i in story.articles if i in catalog]
    accounts: list[str] = []
    seen: set[str] = set()
    for e in entries:
        account = stories.grouping.members.get(e.id, e.id)
        if account not in seen:
            seen.add(account)
            accounts.append(e.id)
    articles: list[Article] = []
    problems: list[str] = []
    for article_id in accounts[:MAX_STORY_ACCOUNTS]:
        try:
            articles.append(read_article(config, catalog[article_id]))
        except SkipFile as exc:
            problems.append(f"{catalog[article_id].path}: {exc}; left out")
    if len(accounts) > MAX_STORY_ACCOUNTS:
        problems.append(f"{len(accounts)} accounts: the first {MAX_STORY_ACCOUNTS} are compared")
    return StoryDetail(
        story=story,
        entries=entries,
        coverage=coverage(entries),
        exclusive=only_one_source(articles, stop),
        disputes=disputed_facts(articles, stop=stop),
        read=[a.id for a in articles],
        problems=problems,
    )


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
    from tui.compare.disputes import disputed_facts

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
    from tui.briefings.export import document

    articles, problems = pane_articles(config, ix, pane)
    return document(pane, articles, _disputes(pane, articles)), problems
