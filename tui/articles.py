"""Ingest: one file in, one clean ``Article`` out (or a ``SkipFile`` with the reason).

Scraped text is messy. Cleaning removes boilerplate from what is indexed and shown as the
article body (navigation headline lists, doubled photo captions, pull quotes, e-mail and site
trailers, agency bylines, citation markers); it never touches the user's file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from tui import yaml_safe
from tui.corpus import HTML_SUFFIXES, sidecar_for
from tui.ingest import chrome, dates, outlets
from tui.literal import make_literal, shown_path
from tui.provenance import is_inferred, meta_line
from tui.sentences import split_sentences
from tui.yaml_safe import short_repr

TITLE_MAX = 90
META_KEYS = {"title", "date", "source", "url", "topics", "byline"}
# Front-matter keys of common web clippers (Obsidian, MarkDownload, Joplin …) and ours.
CLIPPER_KEYS = {
    "author": "byline",
    "authors": "byline",
    "published": "date",
    "created": "date",
    "site": "source",
    "site_name": "source",
    "publisher": "source",
    "tags": "topics",
    "link": "url",
}
DATE_KEYS = ("date", "published", "created")  # the first present wins


class SkipFile(Exception):
    """A file that cannot be an article; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Block:
    """One paragraph-level piece of an article: ``p``, ``h`` (heading), ``li`` or ``quote``."""

    text: str
    kind: str = "p"
    emphasis: tuple[tuple[int, int, str], ...] = ()  # (start, end, "bold"|"italic"|"code")


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


# --- decoding -----------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252; never fails.

    Raises ``SkipFile`` for what is not text at all.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise SkipFile("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    head = text[:4096]
    if len(_BINARY_CONTROLS.findall(head)) > max(8, len(head) // 10):
        raise SkipFile("binary file (mostly control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return make_literal(text).replace("\t", " ")


_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")

# --- inference helpers --------------------------------------------------------------------

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.IGNORECASE)
_CITATION = re.compile(r"\s?\[\d{1,3}\]")
_EMAIL = re.compile(r"^[\w.+-]+@([\w-]+(?:\.[\w-]+)+)$")
_SITE = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)*\.[a-z]{2,})/?$", re.IGNORECASE)
_AGENCY_BYLINE = re.compile(r"^(?P<name>[A-Z][\w.' -]{0,40}?)\s?--\s?(?P<code>[A-Z]{2,6})$")
_BY_LINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})$")
_DASH_HEADING = re.compile(r"^[-–—]\s+(.+?)\s+[-–—]$")
_SEPARATOR = re.compile(r"^[-–—*_=·•]+$")
_DOUBLED = re.compile(r"(.{8,}?)\s+\1")
_QUOTES = str.maketrans("", "", "\"'“”‘’«»")


def _headline_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(line) <= 120
        and 1 <= len(words) <= 20
        and not line.endswith((".", ",", ";", ":", '"', "”"))
        and (line[0].isupper() or line[0].isdigit() or line[0] in "'‘\"“")
    )


def headline_from_lead(text: str, limit: int = TITLE_MAX) -> str:
    """A title made from the lead sentence, cut at a word boundary to at most ``limit`` chars."""
    sentences = split_sentences(text.strip())
    first = sentences[0] if sentences else ""
    first = " ".join(first.split())
    if len(first) <= limit:
        return first.rstrip(".")
    cut = first[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.translate(_QUOTES).lower()))


def _is_pull_quote(line: str, earlier: Iterable[str]) -> bool:
    """A short line in quotation marks whose words all stand in one earlier paragraph."""
    stripped = line.strip()
    if not (stripped[:1] in "\"“‘'" and stripped[-1:] in "\"”’'") or len(stripped) > 300:
        return False
    words = set(_norm(stripped).split())
    if len(words) < 4:
        return False
    return any(words <= set(_norm(p).split()) for p in earlier)


def _date(value: Any) -> dt.date | None:
    """A real calendar date from a metadata value, or None (``2024-02-30``, hour 25 …)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) > 10:
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


# --- plain text ---------------------------------------------------------------------------


@dataclass
class _Parsed:
    title: str | None
    blocks: list[Block]
    date: dt.date | None = None
    source: str | None = None
    byline: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def _split_paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks; one paragraph per line unless the block is hard-wrapped."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        body = block[:-1]
        wrapped = (
            len(block) >= 3
            and all(40 <= len(x) <= 100 for x in body)
            and sum(1 for x in body if not x.endswith((".", "!", "?", '"', "”", ":"))) * 2
            > len(body)
        )
        if wrapped:
            out.append(" ".join(block))
        else:
            out.extend(block)
        block.clear()

    for line in lines:
        if line:
            block.append(line)
        else:
            flush()
    flush()
    return out


def _drop_headline_list(lines: list[str]) -> list[str]:
    """Drop a leading navigation list of ``-`` / headline pairs (at least two pairs)."""
    i = 0
    while i < len(lines) and not lines[i]:
        i += 1
    start, pairs = i, 0
    while i + 1 < len(lines) and _SEPARATOR.match(lines[i]) and lines[i + 1]:
        if _SEPARATOR.match(lines[i + 1]):
            break
        i += 2
        pairs += 1
    return lines[i:] if pairs >= 2 else lines[start:]


def _trailers(lines: list[str], found: _Parsed) -> list[str]:
    """Drop trailers at the end (e-mail, site, agency byline "Y.Nakamura--AFP", copyright,
    credits), reading the outlet and byline they declare."""
    while lines:
        last = lines[-1]
        if not last or _SEPARATOR.match(last):
            lines.pop()
        elif (m := _EMAIL.match(last)) or ((m := _SITE.match(last)) and " " not in last):
            _source(found, outlets.from_contact(last), "trailer")
            lines.pop()
        elif m := _AGENCY_BYLINE.match(last):
            found.byline = found.byline or m.group("name").strip()
            _source(found, outlets.from_wire_byline(last), "byline")
            lines.pop()
        elif outlets.from_copyright(last) or _COPYRIGHT_LINE.match(last):
            _source(found, outlets.from_copyright(last), "trailer")
            lines.pop()
        elif credit := outlets.from_credit(last):
            _source(found, credit, "byline")
            lines.pop()
        else:
            break
    return lines


_COPYRIGHT_LINE = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}).{0,200}$", re.I)
_REPORTING = re.compile(r"^\((?:reporting|writing|editing|additional reporting) by [^)]*\)$", re.I)


def _source(found: _Parsed, value: str | None, origin: str) -> None:
    """Keep the first outlet found (the caller asks in order of trust)."""
    if value and found.source is None:
        found.source = value
        found.provenance["source"] = origin


def parse_text(text: str) -> _Parsed:
    """Clean scraped plain text and read what metadata it declares (and, marked as inferred,
    what its text says: a publication line, the lead's date, an agency dateline)."""
    lines = [line.strip() for line in text.split("\n")]
    found = _Parsed(None, [])
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and (m := _DATE_LINE.match(lines[first])):
        found.date = _date(m.group(1))
        found.provenance["date"] = "page"
        if m.group(2).strip():
            found.title = m.group(2).strip()
            found.provenance["title"] = "page"
        lines = lines[first + 1 :]

    lines = _drop_headline_list(lines)
    title_tail: str | None = None
    before: list[str] = []
    page_outlet: str | None = None
    nearby: list[str] = []  # where else a page's publication line may stand
    if chrome.looks_like_dump(lines):
        page = chrome.find_article(lines)
        before = page.before
        nearby = page.above[::-1] + page.after[:40]
        page_outlet = outlets.from_page(lines)
        if found.title is None and page.title:
            found.title, title_tail = outlets.split_title(page.title)
            found.provenance["title"] = "title"
        lines = _trailers([*page.body, "", *_footer(page.after)], found)
        lines = [x for x in lines if x]
    else:
        lines = _trailers(lines, found)

    paragraphs = [_CITATION.sub("", p).strip() for p in _split_paragraphs(lines)]
    paragraphs = [p for p in paragraphs if p and not _REPORTING.match(p)]

    if paragraphs and (m := _BY_LINE.match(paragraphs[0])):
        found.byline = found.byline or m.group("name")
        paragraphs.pop(0)
    if found.title is None and len(paragraphs) > 1:
        head, tail = outlets.split_title(paragraphs[0])
        if _headline_like(head):  # judged without its site tail, which may be long
            found.title, title_tail = head, tail
            found.provenance["title"] = "title"
            paragraphs.pop(0)
    # What stands between the headline and the lead: a repeated headline, bylines, dates.
    while paragraphs:
        head = paragraphs[0]
        if found.title and _norm(head) == _norm(found.title):
            paragraphs.pop(0)
        elif m := _BY_LINE.match(head):
            found.byline = found.byline or m.group("name")
            paragraphs.pop(0)
        elif len(paragraphs) > 1 and dates.publication_line(head):
            before.append(paragraphs.pop(0))
        else:
            break
    drop = chrome.head_to_drop(paragraphs, found.title)
    for head in paragraphs[:drop]:
        if m := _BY_LINE.match(head):
            found.byline = found.byline or m.group("name")
        before.append(head)
    paragraphs = paragraphs[drop:]
    # A publication line a few paragraphs down ("Updated: Apr 26, 2020 21:43 IST") is the
    # page's date stamp, not article text.
    for k in range(1, min(5, len(paragraphs) - 1)):
        if dates.publication_line(paragraphs[k]) and len(paragraphs[k].split()) <= 12:
            before.append(paragraphs.pop(k))
            break

    if title_tail:
        _source(found, title_tail, "title")
    # A page that names itself (masthead, footer, "Follow X") published the story, even when
    # its dateline credits the agency that wrote it.
    _source(found, page_outlet, "text")
    if paragraphs:
        _source(found, outlets.from_dateline(paragraphs[0]), "dateline")
    if found.date is None and (got := dates.from_lines(before) or dates.from_lines(nearby)):
        found.date, _ = got
        found.provenance["date"] = "byline"

    blocks: list[Block] = []
    kept: list[str] = []
    for i, para in enumerate(paragraphs):
        doubled = len(para) < 400 and _DOUBLED.fullmatch(para)
        if doubled or para in kept or _is_pull_quote(para, kept):
            continue  # doubled photo caption, repeated line, or pull quote
        if m := _DASH_HEADING.match(para):
            blocks.append(Block(m.group(1), "h"))
            continue
        is_heading = (
            0 < i < len(paragraphs) - 1
            and len(para) <= 60
            and len(para.split()) <= 8
            and _headline_like(para)
            and not para.endswith(("?", "!", "”", '"'))
            and len(paragraphs[i + 1]) > len(para)
        )
        blocks.append(Block(para, "h" if is_heading else "p"))
        kept.append(para)

    if found.date is None and not nearby:  # not in whole-page dumps: captions abound there
        lead = [b.text for b in blocks if b.kind == "p"][:3]
        if date := dates.from_lead(lead):
            found.date = date
            found.provenance["date"] = "text"
    if found.title is None:
        lead_text = next((b.text for b in blocks if b.kind == "p"), "")
        if lead_text:
            found.title = headline_from_lead(lead_text)
            found.provenance["title"] = "text"
    found.blocks = blocks
    return found


def _footer(after: list[str]) -> list[str]:
    """Of the lines after a page's article, the trailers that declare something."""
    out = [
        x
        for x in after[:40]
        if x
        and (
            outlets.from_copyright(x)
            or outlets.from_wire_byline(x)
            or outlets.from_contact(x)
            or outlets.from_credit(x)
        )
    ]
    return out[:1]


# --- Markdown -----------------------------------------------------------------------------

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


# --- metadata overrides -------------------------------------------------------------------


def read_metadata(
    yaml_text: str, origin: str, first_line: int = 1
) -> tuple[dict[str, Any], list[str]]:
    """Front matter or sidecar YAML to overrides; problems become warnings naming file:line."""
    warnings: list[str] = []
    try:
        data = yaml_safe.load(yaml_text)
    except yaml.YAMLError as exc:
        where, problem = yaml_safe.error_where(exc, origin, first_line)
        return {}, [f"{where}: metadata is not valid YAML ({problem}); ignored"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{origin}:{first_line}: metadata must be a mapping of keys; ignored"]
    meta: dict[str, Any] = {}
    date_from: str | None = None
    for key, value in data.items():
        name = CLIPPER_KEYS.get(key, key) if isinstance(key, str) else key
        if isinstance(key, str) and key.lower() in IGNORED_KEYS:
            continue
        if name not in META_KEYS:
            warnings.append(f"{origin}: unknown metadata key {short_repr(key)} ignored")
        elif name == "date":
            if date_from is not None and DATE_KEYS.index(key) > DATE_KEYS.index(date_from):
                continue  # "published" wins over "created"
            if (parsed := _date(value)) is None:
                warnings.append(
                    f"{origin}: {key} {short_repr(value)} is not a real YYYY-MM-DD date; ignored"
                )
            else:
                meta["date"], date_from = parsed, key
        elif name == "topics":
            if (topics := yaml_safe.as_text_list(value)) is not None:
                meta["topics"] = tuple(topics)
            else:
                warnings.append(f"{origin}: {key} must be a list of strings; ignored")
        elif (
            name == "byline"
            and isinstance(value, list)
            and (names := yaml_safe.as_text_list(value)) is not None
        ):
            meta["byline"] = make_literal(", ".join(names)).strip() or None
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            text = make_literal(str(value)).strip() or None
            if name == "source" and text and _URL.match(text):  # clippers: source is the URL
                meta.setdefault("url", text)
            else:
                meta[name] = text
        else:
            warnings.append(f"{origin}: {key} must be text; ignored")
    return meta, warnings


_URL = re.compile(r"^https?://\S+$", re.I)
# Keys clippers write that say nothing we show: passed over without a warning.
IGNORED_KEYS = {"description", "image", "cover", "favicon", "lang", "language", "excerpt",
                "status", "category", "categories", "aliases", "cssclasses", "clipped",
                "feed", "entry_id"}  # fmt: skip


# --- the entry point ----------------------------------------------------------------------


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
        parsed = _Parsed(h1, blocks, provenance={"title": "title"} if h1 else {})
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
    parsed: _Parsed,
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
    parsed = _Parsed(
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


def unreadable(exc: BaseException) -> str:
    """The reason shown for a file whose reading failed in a way we did not foresee."""
    if isinstance(exc, RecursionError):
        return "cannot be read: nested too deeply"
    if isinstance(exc, MemoryError):
        return "cannot be read: too large to hold in memory"
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"cannot be read ({type(exc).__name__}{': ' + detail if detail else ''})"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file that may be an article, or say why it cannot be one."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"larger than the limit ({size:,} > {max_bytes:,} bytes)")
        with path.open("rb") as handle:
            data = handle.read(min(max_bytes, size + 65536) + 1)  # read(n) allocates n bytes
    except FileNotFoundError:
        raise SkipFile("file disappeared before it could be read") from None
    except IsADirectoryError:
        raise SkipFile("not a regular file") from None
    except OSError as exc:
        raise SkipFile(f"unreadable: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise SkipFile(f"larger than the limit (> {max_bytes:,} bytes)")
    if not data.strip():
        raise SkipFile("empty file")
    return data


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
