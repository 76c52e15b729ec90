"""Markdown articles: front matter split off, CommonMark blocks with their emphasis."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from tui.ingest.parsed import Block

_MD = MarkdownIt("commonmark")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_EMPHASIS = {"strong": "bold", "em": "italic"}


def _inline(children: list[Any]) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    open_at: dict[str, list[int]] = {}
    length = 0
    for tok in children:
        kind = tok.type
        if kind in ("text", "html_inline"):
            parts.append(tok.content)
            length += len(tok.content)
        elif kind == "code_inline":
            spans.append((length, length + len(tok.content), "code"))
            parts.append(tok.content)
            length += len(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
            length += 1
        elif kind.endswith("_open") and kind[:-5] in _EMPHASIS:
            open_at.setdefault(kind[:-5], []).append(length)
        elif kind.endswith("_close") and kind[:-6] in _EMPHASIS and open_at.get(kind[:-6]):
            start = open_at[kind[:-6]].pop()
            spans.append((start, length, _EMPHASIS[kind[:-6]]))
    return "".join(parts), tuple(spans)


def parse_markdown(source: str) -> tuple[list[Block], str | None]:
    """Markdown to blocks (text without syntax) and the first level-1 heading, if any."""
    blocks: list[Block] = []
    kind_stack: list[str] = []
    heading_level = 0
    h1: str | None = None
    for tok in _MD.parse(source):
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
            kind_stack.append("h")
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            kind_stack.append("li")
        elif tok.type == "blockquote_open":
            kind_stack.append("quote")
        elif tok.type in (
            "heading_close",
            "bullet_list_close",
            "ordered_list_close",
            "blockquote_close",
        ):
            if kind_stack:
                kind_stack.pop()
        elif tok.type == "inline":
            text, spans = _inline(tok.children or [])
            text = text.strip()
            if not text:
                continue
            kind = kind_stack[-1] if kind_stack else "p"
            if kind == "h" and heading_level == 1 and h1 is None and not blocks:
                h1 = text
                continue
            blocks.append(Block(text, kind, spans))
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            text = tok.content.rstrip("\n")
            blocks.append(Block(text, "p", ((0, len(text), "code"),)))
    return blocks, h1


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """``(yaml_text, body, body_first_line)``; ``yaml_text`` is None without front matter."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text, 1
    return m.group(1) or "", text[m.end() :], text[: m.end()].count("\n") + 1
