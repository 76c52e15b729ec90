"""OPML 2.0: subscriptions in and out, as newsboat, nom and Miniflux write and read them.

Reading takes every ``outline`` with an ``xmlUrl``; the folders (outlines without one) around
a feed name its topic (the innermost folder). Writing groups the feeds by topic in folders.
Only http(s) addresses are taken; a file that is not OPML is one line naming it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from tui.store.config import Feed
from tui.text.literal import one_line


class OpmlError(Exception):
    """A file that is not OPML (one line naming it)."""


def read_opml(data: bytes, path: Path | str = "OPML") -> list[Feed]:
    """The feeds of an OPML document, in document order, each once (the first wins)."""
    if b"<!ENTITY" in data[:4096] or b"<!DOCTYPE" in data[:4096]:
        raise OpmlError(f"{path}: a document type or entity in OPML is not read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if hasattr(exc, "position") else None
        raise OpmlError(f"{path}{f':{line}' if line else ''}: not OPML: {exc}") from None
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise OpmlError(f"{path}: not OPML (no <opml> with a <body>)")
    feeds: list[Feed] = []
    seen: set[str] = set()

    def walk(node: ET.Element, topic: str | None) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            label = one_line(outline.get("title") or outline.get("text") or "").strip() or None
            if url:
                if url.startswith(("http://", "https://")) and url not in seen:
                    seen.add(url)
                    feeds.append(Feed(url, label, topic))
                walk(outline, topic)  # an outline inside a feed is unusual; its feeds count
            else:
                walk(outline, label or topic)

    body = root.find("body")
    assert body is not None
    walk(body, None)
    return feeds


def write_opml(feeds: list[Feed], title: str = "briefing feeds") -> str:
    """An OPML 2.0 document of the feeds: folders by topic, then the feeds of no topic."""
    created = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{created}</dateCreated>",
        "  </head>",
        "  <body>",
    ]

    def feed_line(feed: Feed, indent: str) -> str:
        label = quoteattr(feed.label)
        return (
            f'{indent}<outline type="rss" text={label} title={label} xmlUrl={quoteattr(feed.url)}/>'
        )

    topics: dict[str, list[Feed]] = {}
    for feed in feeds:
        if feed.topic:
            topics.setdefault(feed.topic, []).append(feed)
    for topic, members in topics.items():
        lines.append(f"    <outline text={quoteattr(topic)} title={quoteattr(topic)}>")
        lines += [feed_line(f, "      ") for f in members]
        lines.append("    </outline>")
    lines += [feed_line(f, "    ") for f in feeds if not f.topic]
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
