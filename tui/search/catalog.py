"""The catalog of a corpus's articles, and what an update of the index does: backend-neutral.

A catalog row (``Entry``) is what list views and incremental updates need of an article without
its text; ``plan_update`` decides from the catalog and a scan of the corpus what an update
reads, writes and deletes before anything is read or written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING, Any

from tui.store.corpus import CorpusFile, Skipped
from tui.text.literal import one_line, shown_path

if TYPE_CHECKING:  # reading articles is imported when the index needs it, not for a search
    from tui.ingest.article import Article

Progress = Callable[[int, int, str], object]  # what it returns is not used


class IndexError_(Exception):
    """The index cannot be used and cannot be rebuilt where it is (e.g. the folder is not ours)."""


class IndexWriteError(IndexError_):
    """An update could not be written (a full disk, a writer process that failed); the last
    complete index is still there and in use."""


@dataclass(slots=True)
class Entry:
    """What list views and incremental updates need of an article, without its text."""

    id: str
    path: str
    stamp: str
    title: str
    source: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    byline: str | None = None
    topics: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)  # fields read from the text: shown "~"
    warnings: list[str] = field(default_factory=list)  # what reading it found wrong (one line)

    @classmethod
    def of(cls, article: Article, stamp: str) -> Entry:
        # Outlets, days and topics repeat across articles: one string each (interned), not one
        # per article (about 170 bytes an article, 170 MB while 1,000,000 are indexed).
        return cls(
            id=article.id,
            path=str(article.path),
            stamp=stamp,
            title=article.title,
            source=sys.intern(article.source) if article.source else None,
            date=sys.intern(article.date.isoformat()) if article.date else None,
            byline=article.byline,
            topics=[sys.intern(t) for t in article.topics],
            inferred=article.inferred,
            warnings=[one_line(w) for w in article.warnings],
        )


ENTRY_FIELDS = tuple(f.name for f in dataclass_fields(Entry))  # a catalog row's columns


def newest_first(ids: list[str], catalog: dict[str, Entry]) -> list[str]:
    """Article ids as every list shows them: the newest first, undated last, then by id."""
    return sorted(ids, key=lambda i: (catalog[i].date or "", i), reverse=True)


def oldest_first(entry: Entry) -> tuple[str, str]:
    """The sort key of a story's order: the oldest first, undated last, then by id."""
    return (entry.date or "9999", entry.id)


@dataclass
class Listing:
    """Every article's id, newest first, and each topic's: what the panes list, kept beside the
    catalog so that a command listing panes need not read the catalog whole."""

    newest: list[str]
    topics: dict[str, list[str]]  # an article's first topic (its folder) -> its ids, newest first

    @classmethod
    def of(cls, catalog: dict[str, Entry]) -> Listing:
        order = newest_first(list(catalog), catalog)
        topics: dict[str, list[str]] = {}
        for article_id in order:
            for topic in catalog[article_id].topics[:1]:
                topics.setdefault(topic, []).append(article_id)
        return cls(order, topics)

    def to_json(self) -> dict[str, Any]:
        names = sorted(self.topics)
        number = {i: k for k, name in enumerate(names) for i in self.topics[name]}
        topic = [number.get(i) for i in self.newest]
        return {"newest": self.newest, "names": names, "topic": topic}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Listing | None:
        """The listing written by ``to_json``, or None when it is not one."""
        newest, names, numbers = data.get("newest"), data.get("names"), data.get("topic")
        if not (isinstance(newest, list) and isinstance(names, list) and isinstance(numbers, list)):
            return None
        if len(newest) != len(numbers):
            return None
        topics: dict[str, list[str]] = {name: [] for name in names}
        try:
            for article_id, k in zip(newest, numbers, strict=True):
                if k is not None:
                    topics[names[k]].append(article_id)
        except (IndexError, TypeError):
            return None
        return cls(newest, {name: ids for name, ids in topics.items() if ids})


@dataclass
class UpdateReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": shown_path(s.path), "reason": s.reason} for s in self.skipped],
            "warnings": self.warnings,
            "notices": self.notices,
            "rebuilt": self.rebuilt,
        }


@dataclass
class Plan:
    """What an update will do, decided from the catalog and a scan before anything is read
    or written (``plan_update``); ``ArticleIndex._apply`` carries it out."""

    old: dict[str, Entry]  # the catalog as it was (read, never changed)
    to_add: list[CorpusFile]  # new or changed files: to read and (re)index
    gone: list[str]  # ids whose file is gone: to delete
    unchanged: int
    skip_records: list[dict[str, str]]  # files skipped before and unchanged since
    known_skips: list[Skipped]  # the same, for the report

    @property
    def entries(self) -> dict[str, Entry]:
        """Of the old entries, those whose file is still there (made only when writing)."""
        gone = set(self.gone)
        return {i: e for i, e in self.old.items() if i not in gone}


def plan_update(
    old: dict[str, Entry], old_skips: list[dict[str, str]], files: list[CorpusFile]
) -> Plan:
    """Compare the scan with the catalog by each file's stamp (size and mtime) and path: a
    file read before and unchanged is not read again, nor one skipped before and unchanged."""
    skips = {s.get("id"): s for s in old_skips}
    current = {f.id for f in files}
    plan = Plan(old, [], [], 0, [], [])
    for f in files:
        entry = old.get(f.id)
        known_skip = skips.get(f.id)
        if entry is not None and entry.stamp == f.stamp and entry.path == f.where:
            plan.unchanged += 1
        elif entry is None and known_skip and known_skip.get("stamp") == f.stamp:
            plan.known_skips.append(Skipped(f.path, known_skip["reason"]))
            plan.skip_records.append(known_skip)
        else:
            plan.to_add.append(f)
    plan.gone = [i for i in old if i not in current]
    return plan
