"""Where a title, date or outlet came from, and how a value read from the text is shown.

Declared values (the page's metadata, a ``date`` line) are shown as they are; a value read
from the text (a dateline, a byline, the lead) is inferred and shown with a ``~``.
"""

from __future__ import annotations

DECLARED = {"metadata", "page"}


def is_inferred(name: str, origin: str) -> bool:
    """A title is inferred only when made from the lead; a date or source unless declared."""
    return origin == "text" if name == "title" else origin not in DECLARED


def mark(value: str | None, inferred: bool) -> str | None:
    """``~value`` for a value read from the text."""
    return f"~{value}" if value and inferred else value
