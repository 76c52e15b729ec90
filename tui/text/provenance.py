"""Where a title, date or outlet came from, and how a value read from the text is shown.

Declared values (the page's metadata, a ``date`` line) are shown as they are; a value read
from the text (a dateline, a byline, the lead) is inferred and shown with a ``~``.
"""

from __future__ import annotations

from collections.abc import Collection

DECLARED = {"metadata", "page"}


def is_inferred(name: str, origin: str) -> bool:
    """A title is inferred only when made from the lead; a date or source unless declared."""
    return origin == "text" if name == "title" else origin not in DECLARED


def mark(value: str | None, inferred: bool) -> str | None:
    """``~value`` for a value read from the text."""
    return f"~{value}" if value and inferred else value


def meta_line(
    source: str | None,
    date: str | None,
    inferred: Collection[str] = (),
    *rest: str | None,
    unknown_source: str | None = None,
) -> str:
    """The line under a title in every view: source · date (a value read from the text marked
    ``~``), then ``rest`` (byline, topic, id) where given; ``unknown_source`` stands in for a
    missing source where the line must say so (the comparison's two sides)."""
    parts = (
        mark(source, "source" in inferred) or unknown_source,
        mark(date, "date" in inferred),
        *rest,
    )
    return " · ".join(p for p in parts if p)
