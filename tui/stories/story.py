"""A story as the reader sees it: a headline, its articles by date, its outlets, its span."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tui.search.catalog import Entry, oldest_first
from tui.stories.grouping import Grouping
from tui.text.analysis import stems


@dataclass
class Story:
    id: str
    title: str
    articles: list[str]  # oldest first (undated last), then by id
    sources: list[str]  # the outlets carrying it, in the order they first did
    first: str | None
    last: str | None
    copies: list[list[str]] = field(default_factory=list)  # one text carried by several
    unknown_sources: int = 0  # articles whose outlet is not known (each counted as one)
    accounts: int = 0  # distinct texts: a wire copy carried by five outlets is one

    @property
    def source_count(self) -> int:
        """How many outlets carry it (an article of no known outlet counts as one of its own)."""
        return len(self.sources) + self.unknown_sources

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "sources": self.sources,
            "first": self.first,
            "last": self.last,
            "copies": self.copies,
            "accounts": self.accounts,
        }


def headline(entries: list[Entry]) -> str:
    """The best of a story's titles: the one whose words its other titles share most (the
    event, not one outlet's angle), then the more telling, then the earliest. A title made
    from a file name is a last resort."""
    if not entries:
        return ""
    words = {e.id: set(stems(e.title)) for e in entries}
    shared: Counter[str] = Counter()
    for ws in words.values():
        shared.update(ws)

    def rank(e: Entry) -> tuple[bool, int, int, tuple[str, str]]:
        mine = words[e.id]
        echoed = sum(1 for w in mine if shared[w] > 1)
        return ("title" in e.inferred or not mine, -echoed, -len(mine), oldest_first(e))

    return min(entries, key=rank).title


def build_stories(grouping: Grouping, catalog: dict[str, Entry]) -> list[Story]:
    """Every story of the grouping whose articles are in the catalog, newest first."""
    out: list[Story] = []
    for sid, ids in grouping.stories().items():
        entries = sorted((catalog[i] for i in ids if i in catalog), key=oldest_first)
        if not entries:
            continue
        sources: list[str] = []
        seen: set[str] = set()
        unknown = 0
        for e in entries:
            if not e.source:
                unknown += 1
            elif e.source.casefold() not in seen:
                seen.add(e.source.casefold())
                sources.append(e.source)
        dates = sorted(e.date for e in entries if e.date)
        by_account: dict[str, list[str]] = {}
        for e in entries:
            by_account.setdefault(grouping.members.get(e.id, e.id), []).append(e.id)
        out.append(
            Story(
                id=sid,
                title=headline(entries),
                articles=[e.id for e in entries],
                sources=sources,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                copies=[c for c in by_account.values() if len(c) > 1],
                unknown_sources=unknown,
                accounts=len(by_account),
            )
        )
    out.sort(key=lambda s: (s.last or "", s.first or "", len(s.articles), s.id), reverse=True)
    return out
