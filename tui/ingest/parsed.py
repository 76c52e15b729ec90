"""What reading a file yields: paragraph-level blocks, a parse of them, or the reason the file
is not an article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class SkipFile(Exception):
    """A file that cannot be an article; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Block:
    """One paragraph-level piece of an article: ``p``, ``h`` (heading), ``li`` or ``quote``."""

    text: str
    kind: str = "p"
    emphasis: tuple[tuple[int, int, str], ...] = ()  # (start, end, "bold"|"italic"|"code")


@dataclass
class Parsed:
    """What a format reader makes of a file before its declared metadata is applied."""

    title: str | None
    blocks: list[Block]
    date: dt.date | None = None
    source: str | None = None
    byline: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
