"""Briefings: curated Markdown files with YAML front matter, plus automatic topic panes.

Loading never fails as a whole: a broken file becomes a pane that shows its errors (each naming
the file and line), and every other briefing still loads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tui.backend import check_query
from tui.ingest.decoding import decode
from tui.ingest.markdown import split_front_matter
from tui.search.port import Backend
from tui.search.results import QueryError
from tui.store import yaml_safe
from tui.text.literal import make_literal, shown_path

KEYS = {"title", "keywords", "query", "articles", "stories", "compare", "order", "clippings"}
QUERY_LIMIT = 500


@dataclass
class Briefing:
    """A curated briefing as written, with the problems found while reading it."""

    path: Path
    title: str
    summary: str = ""
    keywords: list[str] = field(default_factory=list)
    query: str | None = None
    articles: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # pinned stories, by id
    compare: list[tuple[str, str]] = field(default_factory=list)
    order: int | None = None
    clippings: list[tuple[str, str]] = field(default_factory=list)  # (article id, passage)
    errors: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in the file

    def where(self, key: str) -> str:
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)


@dataclass
class Pane:
    """One entry of the sidebar, resolved against the index."""

    title: str
    kind: str  # "curated", "topic" or "all"
    article_ids: list[str]
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    compare: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    query: str | None = None
    clippings: list[tuple[str, str]] = field(default_factory=list)
    topic: str | None = None
    path: Path | None = None
    stories: list[str] = field(default_factory=list)  # pinned stories, by id

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "count": len(self.article_ids),
            "keywords": self.keywords,
            "query": self.query,
            "stories": self.stories,
            "compare": [list(p) for p in self.compare],
            "clippings": [{"article": a, "text": t} for a, t in self.clippings],
            "errors": self.errors,
            "path": str(self.path) if self.path else None,
        }


def _str_list(b: Briefing, key: str, value: Any) -> list[str]:
    items = yaml_safe.as_text_list(value, numbers=True)  # an article id may read as a number
    if items is None:
        b.errors.append(f"{b.where(key)}: {key} must be a list of strings")
        return []
    return items


def parse_briefing(text: str, path: Path) -> Briefing:
    """Read one briefing file's text; problems are collected, never raised."""
    fm, body, _ = split_front_matter(text)
    stem = make_literal(shown_path(path.stem)).replace("-", " ").replace("_", " ")
    b = Briefing(path=path, title=stem, summary=body)
    if fm is None:
        b.errors.append(f"{path}:1: no front matter: start the file with a '---' block")
        return b
    try:
        root = yaml_safe.compose(fm)
        data = yaml_safe.construct(root) if root is not None else None
    except yaml.YAMLError as exc:
        where, problem = yaml_safe.error_where(exc, path, 2, unknown_line=1)
        b.errors.append(f"{where}: front matter is not valid YAML: {problem}")
        return b
    if data is None:
        data, root = {}, None
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode | None):
        b.errors.append(f"{path}:2: front matter must be a mapping of keys to values")
        return b
    if root is not None:
        for key_node, _value in root.value:
            b.lines[str(key_node.value)] = key_node.start_mark.line + 2
    for key in data:
        if key not in KEYS:
            b.errors.append(f"{b.where(str(key))}: {yaml_safe.unknown_key(key, KEYS)}")
    title = yaml_safe.as_text(data.get("title"))
    if title is not None:
        b.title = make_literal(title).strip()
    else:
        b.errors.append(f"{b.where('title')}: title is required and must be text")
    if "keywords" in data:
        b.keywords = _str_list(b, "keywords", data["keywords"])
    if "articles" in data:
        b.articles = _str_list(b, "articles", data["articles"])
    if "stories" in data:
        b.stories = _str_list(b, "stories", data["stories"])
    if "query" in data:
        if isinstance(data["query"], str) and data["query"].strip():
            b.query = data["query"].strip()
            try:
                check_query(b.query)
            except QueryError as exc:
                b.errors.append(f"{b.where('query')}: query does not parse: {exc}")
                b.query = None
        else:
            b.errors.append(f"{b.where('query')}: query must be text")
    if "compare" in data:
        pairs = data["compare"]
        ok = isinstance(pairs, list) and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pairs
        )
        if ok:
            b.compare = [(p[0], p[1]) for p in pairs]
        else:
            b.errors.append(f"{b.where('compare')}: compare must be a list of [id, id] pairs")
    if "clippings" in data:
        items = data["clippings"]
        ok = isinstance(items, list) and all(
            isinstance(c, dict)
            and isinstance(c.get("article"), str)
            and isinstance(c.get("text"), str)
            for c in items
        )
        if ok:
            b.clippings = [(c["article"], c["text"]) for c in items]
        else:
            b.errors.append(
                f"{b.where('clippings')}: clippings must be a list of {{article: id, text: …}}"
            )
    if "order" in data:
        b.order = yaml_safe.as_whole_number(data["order"])
        if b.order is None:
            b.errors.append(f"{b.where('order')}: order must be a whole number")
    return b


def load_briefings(folder: Path | None) -> list[Briefing]:
    """Every ``*.md`` in the folder, sorted by ``order`` then title; duplicates flagged."""
    if folder is None or not folder.is_dir():
        return []
    out: list[Briefing] = []
    for path in sorted(folder.glob("*.md")):
        try:
            text = decode(path.read_bytes())
        except Exception as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            out.append(Briefing(path, path.stem, errors=[f"{path}: cannot read: {reason}"]))
            continue
        out.append(parse_briefing(text, path))
    out.sort(key=lambda b: (b.order is None, b.order or 0, b.title.lower()))
    seen: dict[str, Path] = {}
    for b in out:
        key = b.title.casefold()
        if key in seen:
            b.errors.append(f"{b.where('title')}: same title as {seen[key]}")
        else:
            seen[key] = b.path
    return out


# A story's article ids by story id (None for a story that is not known), for pinned stories.
StoryMembers = Callable[[str], list[str] | None]


def resolve(b: Briefing, ix: Backend, story_members: StoryMembers | None = None) -> Pane:
    """The briefing's articles: pinned ones first, then pinned stories' (those that joined
    later too), then the query's hits, best first.

    Ids written in an older form (``seeds/004_…``) name the article they named then."""
    errors = list(b.errors)
    known: dict[str, str | None] = {}

    def now(article_id: str, key: str) -> str | None:
        if article_id not in known:
            known[article_id] = ix.known_id(article_id)
            if known[article_id] is None:
                errors.append(f"{b.where(key)}: unknown article id {article_id!r}")
        return known[article_id]

    ids: list[str] = []
    for written in b.articles:
        article_id = now(written, "articles")
        if article_id is not None and article_id not in ids:
            ids.append(article_id)
    for sid in b.stories:
        members = story_members(sid) if story_members is not None else None
        if members is None:
            errors.append(f"{b.where('stories')}: unknown story id {sid!r}")
            continue
        ids.extend(i for i in members if i not in ids)
    pairs: list[tuple[str, str]] = []
    for left, right in b.compare:
        a, c = now(left, "compare"), now(right, "compare")
        if a is not None and c is not None:
            pairs.append((a, c))
    clippings: list[tuple[str, str]] = []
    for written, passage in b.clippings:
        article_id = now(written, "clippings")
        if article_id is not None:
            clippings.append((article_id, passage))
    if b.query:
        for article_id in ix.find_ids(b.query, QUERY_LIMIT):
            if article_id not in ids:
                ids.append(article_id)
    return Pane(
        title=b.title,
        kind="curated",
        article_ids=ids,
        keywords=b.keywords,
        summary=b.summary,
        compare=pairs,
        errors=errors,
        query=b.query,
        path=b.path,
        clippings=clippings,
        stories=list(b.stories),
    )


def build_panes(
    briefings: list[Briefing], ix: Backend, story_members: StoryMembers | None = None
) -> list[Pane]:
    """Curated briefings, then a pane per topic without one, then "All articles"."""
    listing = ix.listing()
    panes = [resolve(b, ix, story_members) for b in briefings]
    curated = {p.title.casefold() for p in panes}
    for topic in sorted(listing.topics, key=str.casefold):
        if topic.casefold() in curated:
            continue
        panes.append(
            Pane(title=topic, kind="topic", article_ids=list(listing.topics[topic]), topic=topic)
        )
    panes.append(Pane(title="All articles", kind="all", article_ids=list(listing.newest)))
    return panes
