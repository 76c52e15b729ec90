"""Plain text, as scraped: the headline, the date line, the dateline and byline, the body
without repeated captions, citation markers, headline lists and trailers."""

from __future__ import annotations

import re

from tui.ingest import chrome, dates, outlets
from tui.ingest.dates import declared_date
from tui.ingest.parsed import Block, Parsed
from tui.text.sentences import split_sentences
from tui.text.vocabulary import ADDRESS

TITLE_MAX = 90

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.IGNORECASE)
_CITATION = re.compile(r"\s?\[\d{1,3}\]")
_EMAIL = re.compile(r"^[\w.+-]+@([\w-]+(?:\.[\w-]+)+)$")
_SITE = ADDRESS  # a line that is only the site's address
_AGENCY_BYLINE = re.compile(r"^(?P<name>[A-Z][\w.' -]{0,40}?)\s?--\s?(?P<code>[A-Z]{2,6})$")
_BY_LINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})$")
_DASH_HEADING = re.compile(r"^[-–—]\s+(.+?)\s+[-–—]$")
_SEPARATOR = re.compile(r"^[-–—*_=·•]+$")
_DOUBLED = re.compile(r"(.{8,}?)\s+\1")
_QUOTES = str.maketrans("", "", "\"'“”‘’«»")


def _headline_like(
    line: str, chars: int = 120, words: int = 20, endings: tuple[str, ...] = (".", '"', "”")
) -> bool:
    """A headline's length and shape: a capital (or digit, or quote) first, and no ending in
    ``endings`` nor in a comma, semicolon or colon."""
    return (
        0 < len(line) <= chars
        and 1 <= len(line.split()) <= words
        and not line.endswith((",", ";", ":", *endings))
        and (line[0].isupper() or line[0].isdigit() or line[0] in "'‘\"“")
    )


def _long_headline(line: str) -> bool:
    """A page title's headline, which may run long or to two sentences."""
    return _headline_like(line, chars=200, words=32, endings=())


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


class _Kept:
    """The paragraphs kept so far, looked up by text and by word (a page of many paragraphs is
    read in time in proportion to it: comparing each with every earlier one took minutes)."""

    def __init__(self) -> None:
        self.texts: set[str] = set()
        self.by_word: dict[str, set[int]] = {}

    def add(self, paragraph: str) -> None:
        number = len(self.texts)
        self.texts.add(paragraph)
        for word in set(_norm(paragraph).split()):
            self.by_word.setdefault(word, set()).add(number)

    def has_pull_quote(self, line: str) -> bool:
        """A short line in quotation marks whose words all stand in one earlier paragraph."""
        stripped = line.strip()
        if not (stripped[:1] in "\"“‘'" and stripped[-1:] in "\"”’'") or len(stripped) > 300:
            return False
        words = set(_norm(stripped).split())
        if len(words) < 4:
            return False
        holders = sorted((self.by_word.get(word, set()) for word in words), key=len)
        common = set(holders[0])
        for more in holders[1:]:
            common &= more
            if not common:
                break
        return bool(common)


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


def _trailers(lines: list[str], found: Parsed) -> list[str]:
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


def _source(found: Parsed, value: str | None, origin: str) -> None:
    """Keep the first outlet found (the caller asks in order of trust)."""
    if value and found.source is None:
        found.source = value
        found.provenance["source"] = origin


def parse_text(text: str) -> Parsed:
    """Clean scraped plain text and read what metadata it declares (and, marked as inferred,
    what its text says: a publication line, the lead's date, an agency dateline)."""
    raw = text.split("\n")  # as written: a dump's indentation tells its headings
    lines = [line.strip() for line in raw]
    found = Parsed(None, [])
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and (m := _DATE_LINE.match(lines[first])):
        found.date = declared_date(m.group(1))
        found.provenance["date"] = "page"
        if m.group(2).strip():
            found.title = m.group(2).strip()
            found.provenance["title"] = "page"
        lines = lines[first + 1 :]

    lines = _drop_headline_list(lines)
    raw = raw[len(raw) - len(lines) :]  # the same lines, unstripped
    title_tail: str | None = None
    before: list[str] = []
    page_outlet: str | None = None
    nearby: list[str] = []  # where else a page's publication line may stand
    dump = chrome.looks_like_dump(lines)
    if dump:
        page = chrome.find_article(raw)
        before = page.before
        nearby = page.above[::-1] + chrome.before_other_stories(page.after[:40])
        page_outlet = outlets.from_page(lines)
        if found.title is None and page.title:
            found.title, title_tail = outlets.split_title(page.title)
            found.provenance["title"] = "title"
        # The site that names itself (masthead, footer, "Follow X") published the page, even
        # when a trailer or its dateline credits the agency that wrote the story ("© 2020
        # Reuters" under a wire story on Global News).
        _source(found, title_tail, "title")
        _source(found, page_outlet, "text")
        lines = _trailers([*page.body, "", *_footer(page.after)], found)
        lines = [x for x in lines if x]
    else:
        lines = _trailers(lines, found)

    paragraphs = [_CITATION.sub("", p).strip() for p in _split_paragraphs(lines)]
    paragraphs = [p for p in paragraphs if p and not _REPORTING.match(p)]

    if paragraphs and (m := _BY_LINE.match(paragraphs[0])):
        found.byline = found.byline or m.group("name")
        paragraphs.pop(0)
    if found.title is None and len(paragraphs) > 3 and _site_name_only(paragraphs[:4]):
        # A page whose title is only its site's name ("Quanta Magazine"): the site, and the
        # headline below it (after a kicker: "immunology").
        _source(found, outlets.outlet_name(paragraphs.pop(0)), "title")
        if _kicker(paragraphs[0]):
            before.append(paragraphs.pop(0))
    if found.title is None and len(paragraphs) > 1:
        head, tail = outlets.split_title(paragraphs[0])
        # Judged without its site tail, which may be long; a line that ends in a site's name
        # is a page title even when its headline is long or two sentences ("… Some members of
        # Congress say they shouldn’t be. - The Washington Post").
        if _headline_like(head) or (tail and _long_headline(head)):
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
    paragraphs = paragraphs[: chrome.tail_start(paragraphs)]
    # A publication line a few paragraphs down ("Updated: Apr 26, 2020 21:43 IST") is the
    # page's date stamp, not article text.
    for k in range(1, min(5, len(paragraphs) - 1)):
        if dates.publication_line(paragraphs[k]) and len(paragraphs[k].split()) <= 12:
            before.append(paragraphs.pop(k))
            break

    if title_tail:  # a dump's was taken above, before its trailers
        _source(found, title_tail, "title")
    if paragraphs:
        _source(found, outlets.from_dateline(paragraphs[0]), "dateline")
    # An extracted article can keep a page's own short lines too (a whole page was read above).
    if not dump:
        _source(found, outlets.from_page([x for x in lines if len(x) <= 200]), "text")
    if found.date is None and (got := dates.from_lines(before) or dates.from_lines(nearby)):
        found.date, _ = got
        found.provenance["date"] = "byline"

    blocks: list[Block] = []
    kept = _Kept()
    for i, para in enumerate(paragraphs):
        doubled = len(para) < 400 and _DOUBLED.fullmatch(para)
        if doubled or para in kept.texts or kept.has_pull_quote(para):
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
        kept.add(para)

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


def _site_name_only(paragraphs: list[str]) -> bool:
    """The first of ``paragraphs`` is a publication's name alone ("Quanta Magazine", "The
    Denver Post") and a headline follows, directly or after a kicker of a word or two, before
    the lead: not a three-word headline ("Fake News Returns"), which the lead follows."""
    name, *rest = paragraphs
    if not (len(name.split()) <= 4 and outlets.looks_like_outlet(name)):
        return False
    headline, after = rest[1:3] if _kicker(rest[0]) else rest[0:2]
    return outlets.names_a_site(name) and _headline_like(headline) and not _headline_like(after)


def _kicker(paragraph: str) -> bool:
    """A section's word or two above a headline ("immunology")."""
    return len(paragraph.split()) <= 2 and not _headline_like(paragraph)


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
