"""Ingest: one file in, one clean ``Article`` out (or a ``SkipFile`` with the reason).

This module holds the ``Article`` and the entry points (``load_article`` for a file,
``article_from_text`` / ``article_from_html`` for its contents). Each part of reading has its
home in ``tui/ingest/``: ``decoding`` (bytes to text), one module per format (``text``,
``markdown``, ``html``), ``metadata`` (front matter and sidecars), the cleaning rules of
whole-page dumps (``chrome``) and what a page says of its date and outlet (``dates``,
``outlets``). Scraped text is messy: cleaning removes boilerplate from what is indexed and
shown (navigation lists, doubled captions, pull quotes, trailers, citation markers); it never
touches the user's file. A new format is a module there and a branch in ``load_article``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.ingest import chrome, outlets
from tui.ingest.decoding import decode, read_bytes, unreadable
from tui.ingest.markdown import parse_markdown, split_front_matter
from tui.ingest.metadata import read_metadata
from tui.ingest.parsed import Block, Parsed, SkipFile
from tui.ingest.text import headline_from_lead, parse_text
from tui.store.corpus import HTML_SUFFIXES, sidecar_for
from tui.text.literal import shown_path
from tui.text.provenance import is_inferred, meta_line

__all__ = [  # what the rest of the program imports from here
    "Article",
    "Block",
    "SkipFile",
    "article_from_html",
    "article_from_text",
    "decode",
    "headline_from_lead",
    "load_article",
    "split_front_matter",
    "unreadable",
]


@dataclass
class Article:
    id: str
    path: Path
    title: str
    blocks: list[Block]
    date: dt.date | None = None
    source: str | None = None
    byline: str | None = None
    topics: tuple[str, ...] = ()
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Where title, date and source came from: metadata (front matter, sidecar), page (what the
    # file declares: an HTML page's metadata, a "date" header line), title (a site name in the
    # title's tail; for a title, the headline line), dateline, byline, trailer, text.
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def inferred(self) -> list[str]:
        """The fields read from the text rather than declared (shown with a dim ~)."""
        return sorted(
            name
            for name, origin in self.provenance.items()
            if getattr(self, name, None) and is_inferred(name, origin)
        )

    @property
    def topic(self) -> str | None:
        return self.topics[0] if self.topics else None

    @property
    def text(self) -> str:
        """The searchable body: blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)

    def meta_line(self) -> str:
        """Source · date · byline · topic · id: the line under a title, in every view; a value
        read from the text rather than declared is marked ``~``."""
        date = self.date.isoformat() if self.date else None
        byline = f"by {self.byline}" if self.byline else None
        return meta_line(self.source, date, self.inferred, byline, self.topic, self.id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "byline": self.byline,
            "topic": self.topic,
            "topics": list(self.topics),
            "url": self.url,
            "path": str(self.path),
            "provenance": {k: v for k, v in self.provenance.items() if getattr(self, k, None)},
            "inferred": self.inferred,
            "text": self.text,
        }


def article_from_text(
    text: str,
    *,
    article_id: str,
    path: Path,
    topics: tuple[str, ...] = (),
    markdown: bool = False,
    sidecar_text: str | None = None,
    sidecar_name: str | None = None,
) -> Article:
    """Build an ``Article`` from decoded text (the pure part of ingest, easy to test)."""
    warnings: list[str] = []
    meta: dict[str, Any] = {}
    origin = shown_path(path)
    if markdown:
        fm, body, _ = split_front_matter(text)
        if fm is not None:
            meta, warnings = read_metadata(fm, origin, 2)
        blocks, h1 = parse_markdown(body)
        parsed = Parsed(h1, blocks, provenance={"title": "title"} if h1 else {})
        if h1 is None:
            lead = next((b.text for b in blocks if b.kind in ("p", "li", "quote")), "")
            first = blocks[0] if blocks else None
            if first is not None and first.kind == "h":
                parsed.title, parsed.blocks = first.text, blocks[1:]
                parsed.provenance["title"] = "title"
            elif lead:
                parsed.title = headline_from_lead(lead)
                parsed.provenance["title"] = "text"
    else:
        parsed = parse_text(text)
    return _assemble(parsed, meta, warnings, article_id, path, topics, sidecar_text, sidecar_name)


def _assemble(
    parsed: Parsed,
    meta: dict[str, Any],
    warnings: list[str],
    article_id: str,
    path: Path,
    topics: tuple[str, ...],
    sidecar_text: str | None,
    sidecar_name: str | None,
) -> Article:
    """Parsed text plus declared metadata (front matter, then a sidecar over it)."""
    if sidecar_text is not None:
        side_meta, side_warnings = read_metadata(sidecar_text, sidecar_name or "sidecar")
        meta.update(side_meta)
        warnings.extend(side_warnings)
    provenance = dict(parsed.provenance)
    for name in ("title", "date", "source"):
        if meta.get(name):
            provenance[name] = "metadata"
    if (
        meta.get("url")
        and not meta.get("source")
        and parsed.source is None
        and (known := outlets.from_url(meta["url"]))
    ):
        meta["source"] = known
        provenance["source"] = "metadata"
    title = meta.get("title") or parsed.title
    if not title:
        title = shown_path(path.stem)
        provenance["title"] = "text"
    return Article(
        id=article_id,
        path=path,
        title=" ".join(title.split()),
        blocks=parsed.blocks,
        date=meta.get("date", parsed.date),
        source=meta.get("source", parsed.source),
        byline=meta.get("byline", parsed.byline),
        topics=meta.get("topics", topics),
        url=meta.get("url"),
        warnings=warnings,
        provenance=provenance,
    )


def article_from_html(
    data: bytes,
    *,
    article_id: str,
    path: Path,
    topics: tuple[str, ...] = (),
    sidecar_text: str | None = None,
    sidecar_name: str | None = None,
) -> Article:
    """A saved web page as an ``Article``; raises ``SkipFile`` when it holds no article."""
    from tui.ingest.html import NotAnArticle, read_page

    head = data[:4096].lstrip().lower()
    if b"\x00" in data[:4096] and not head.startswith((b"<", b"\xef\xbb\xbf<")):
        raise SkipFile("binary file (not a web page)")
    try:
        page = read_page(data)
    except NotAnArticle as exc:
        raise SkipFile(str(exc)) from None
    drop = chrome.head_to_drop([text for _, text in page.blocks], page.title)
    page.blocks = page.blocks[drop:]
    provenance: dict[str, str] = {}
    if page.title:
        provenance["title"] = "page"
    if page.date:
        provenance["date"] = "page"
    if page.source:
        provenance["source"] = page.source_from or "page"
    parsed = Parsed(
        page.title,
        [Block(text, kind) for kind, text in page.blocks],
        page.date,
        page.source,
        page.byline,
        provenance,
    )
    if parsed.source is None and (known := outlets.from_url(page.url)):
        parsed.source, provenance["source"] = known, "page"  # the page's own address
    meta: dict[str, Any] = {"url": page.url} if page.url else {}
    article = _assemble(
        parsed, meta, list(page.warnings), article_id, path, topics, sidecar_text, sidecar_name
    )
    return article


def load_article(
    path: Path, *, article_id: str, topics: tuple[str, ...] = (), max_bytes: int
) -> Article:
    """Read, decode and clean one article file. Raises ``SkipFile`` with the reason."""
    data = read_bytes(path, max_bytes)
    sidecar = sidecar_for(path)
    sidecar_text = None
    warnings: list[str] = []
    if sidecar is not None:
        try:
            sidecar_text = decode(read_bytes(sidecar, 1_000_000))
        except SkipFile as exc:
            warnings.append(f"{sidecar}: sidecar ignored: {exc}")
    if path.suffix.lower() in HTML_SUFFIXES:
        article = article_from_html(
            data,
            article_id=article_id,
            path=path,
            topics=topics,
            sidecar_text=sidecar_text,
            sidecar_name=shown_path(sidecar) if sidecar else None,
        )
        article.warnings[:0] = warnings
        return article
    text = decode(data)
    article = article_from_text(
        text,
        article_id=article_id,
        path=path,
        topics=topics,
        markdown=path.suffix.lower() in (".md", ".markdown"),
        sidecar_text=sidecar_text,
        sidecar_name=str(sidecar) if sidecar else None,
    )
    if not article.blocks and not article.title.strip():
        raise SkipFile("no text after cleaning")
    article.warnings[:0] = warnings
    return article
