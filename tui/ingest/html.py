"""Saved web pages (``.html``, ``.htm``) read with trafilatura.

trafilatura finds the article in the page (and htmldate its publication date); its XML output
keeps paragraphs, headings, lists, quotes and tables apart, and each becomes one of our blocks.
The page's declarations give the title, date, outlet (site name or publisher), author and URL;
all of them are "declared by the page" (provenance ``page``). Text stays literal: it goes
through the same literal rule as every other article.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tui.ingest import outlets
from tui.store.errors import Failed
from tui.text.literal import make_literal

MAX_HTML_BYTES = 8_000_000  # trafilatura's own limit is near this


class NotAnArticle(Exception):
    """The page holds no article text (script only, an image, a shop page …)."""


class ReaderMissing(Failed):
    """A library the HTML reader needs cannot be imported: not a fault of one file, so the
    command stops with this one line (naming the package) rather than skip every page."""


# The modules the reader imports, and the package that installs each.
_NEEDS = {"trafilatura": "trafilatura", "lxml.html.clean": "lxml_html_clean", "lxml": "lxml"}


@cache
def _reader_problem() -> str | None:
    for module, package in _NEEDS.items():
        try:
            importlib.import_module(module)
        except ImportError as exc:
            missing = exc.name or module
            package = _NEEDS.get(missing, package)
            return (
                f"the HTML reader cannot start: {package} cannot be imported ({exc}); "
                f"install it (pip install {package}), or run make setup again"
            )
    return None


def require_reader() -> None:
    """Raise ``ReaderMissing`` when the reader's libraries cannot be imported."""
    problem = _reader_problem()
    if problem is not None:
        raise ReaderMissing(problem)


@dataclass
class Page:
    title: str | None
    blocks: list[tuple[str, str]]  # (kind, text): kind is p, h, li or quote
    date: dt.date | None = None
    source: str | None = None
    source_from: str | None = None  # "page" (site name, publisher) or "title" (title tail)
    byline: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def _text(node: object) -> str:
    from lxml import etree

    raw = etree.tostring(node, method="text", encoding="unicode", with_tail=False)
    return " ".join(make_literal(raw).split())


def read_page(data: bytes | str) -> Page:
    """Title, date, outlet, author, URL and the article's blocks of one HTML page."""
    require_reader()
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        data,
        output_format="xml",
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
    )
    if not xml:
        raise NotAnArticle("no article text found in the page")
    try:
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:  # pragma: no cover - trafilatura writes valid XML
        raise NotAnArticle(f"unreadable extraction ({exc})") from None
    attrs = {k: make_literal(v).strip() for k, v in root.attrib.items()}
    page = Page(title=None, blocks=[])
    raw_title = attrs.get("title") or None
    site = attrs.get("sitename") or None
    if site and " | " in site:  # "WSVN 7News | Miami News, Weather, Sports": the name first
        site = site.split(" | ")[0].strip() or None
    if raw_title:
        title, tail = outlets.split_title(raw_title)
        page.title = title
        if tail and not site:
            page.source, page.source_from = tail, "title"
    if site:
        page.source, page.source_from = outlets.outlet_name(site), "page"
    elif page.source is None and (known := outlets.from_url(attrs.get("url"))):
        page.source, page.source_from = known, "page"
    page.byline = attrs.get("author") or None
    page.url = attrs.get("url") or None
    if date := attrs.get("date"):
        try:
            page.date = dt.date.fromisoformat(date[:10])
        except ValueError:
            page.warnings.append(f"page date {date!r} is not a date; ignored")
    main = root.find("main")
    if main is None:
        main = root
    for node in main.iter("p", "head", "item", "quote", "row", "code"):
        if node.tag in ("p", "code") and _inside(node, ("item", "quote", "row")):
            continue
        text = _text(node)
        if not text:
            continue
        kind = {"head": "h", "item": "li", "quote": "quote"}.get(node.tag, "p")
        page.blocks.append((kind, text))
    if page.blocks and page.title and _same(page.blocks[0][1], page.title):
        page.blocks.pop(0)  # the headline repeated as the first block
    if not page.blocks:
        raise NotAnArticle("no article text found in the page")
    return page


def _inside(node: Any, tags: tuple[str, ...]) -> bool:  # an lxml element (lxml has no hints)
    parent = node.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.lower()))

    return norm(a) == norm(b)
