"""Article text as Rich ``Text``: always literal, with highlight and emphasis spans applied.

Shared by the command line and the app, so both draw the spans the core computed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from tui.ingest.article import Block
from tui.text.highlight import SEARCH, Span
from tui.text.literal import make_literal

if TYPE_CHECKING:
    from tui.store.config import Highlight

EMPHASIS = {"bold": Style(bold=True), "italic": Style(italic=True), "code": Style(dim=True)}


def keyword_colour(keyword: str, colours: tuple[str, ...]) -> int:
    """A keyword's place in the palette, from the keyword itself (not its place in a list):
    "Chosei" is one colour in every pane, chip, reader and comparison."""
    digest = hashlib.blake2s(keyword.casefold().encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % len(colours)


def configured_styles(keywords: Iterable[str], highlight: Highlight) -> dict[str, Style]:
    """``keyword_styles`` in the colours config.yaml's ``highlight`` gives."""
    return keyword_styles(keywords, highlight.keywords, highlight.search)


def keyword_styles(
    keywords: Iterable[str], colours: tuple[str, ...], search: str
) -> dict[str, Style]:
    """A style per keyword and one for search hits. Each keyword keeps its own colour; when two
    keywords shown together would share one, the later takes the next free colour. Past as
    many keywords as colours, the next ones are drawn another way (coloured underlined text,
    then coloured italic text), so no two keywords shown together look the same."""
    styles: dict[str, Style] = {}
    used: set[int] = set()
    round_ = 0
    for kw in keywords:
        if kw in styles:
            continue
        if len(used) == len(colours):
            used, round_ = set(), round_ + 1
        k = keyword_colour(kw, colours)
        for step in range(len(colours)):
            if (k + step) % len(colours) not in used:
                k = (k + step) % len(colours)
                break
        used.add(k)
        styles[kw] = _KEYWORD_LOOKS[round_ % len(_KEYWORD_LOOKS)](colours[k])
    styles[SEARCH] = Style(color="black", bgcolor=search, bold=True, underline=True)
    return styles


_KEYWORD_LOOKS = (
    lambda colour: Style(color="black", bgcolor=colour, bold=True),
    lambda colour: Style(color=colour, bold=True, underline=True),
    lambda colour: Style(color=colour, bold=True, italic=True),
)


def styled(
    text: str,
    spans: Iterable[Span] = (),
    styles: dict[str, Style] | None = None,
    emphasis: Iterable[tuple[int, int, str]] = (),
    base: Style | str = "",
) -> Text:
    """``Text`` built from plain text (markup in it stays text), then styled by span."""
    out = Text(make_literal(text), style=base, no_wrap=False, end="")
    for start, end, kind in emphasis:
        if kind in EMPHASIS:
            out.stylize(EMPHASIS[kind], start, end)
    styles = styles or {}
    for span in spans:
        style = styles.get(span.key) or styles.get(SEARCH)
        if style is not None:
            out.stylize(style, span.start, span.end)
    return out


def block_text(
    block: Block,
    spans: Iterable[Span] = (),
    styles: dict[str, Style] | None = None,
    indent: str = "",
) -> Text:
    """One article block as the reader and the CLI draw it: a heading underlined, a list item
    with a bullet, a quotation with a bar; ``indent`` goes before bullets and bars."""
    text = styled(block.text, spans, styles, block.emphasis)
    if block.kind == "h":
        text.stylize("bold underline")
    elif block.kind == "li":
        text = Text.assemble(f"{indent}• ", text)
    elif block.kind == "quote":
        text = Text.assemble((f"{indent}▌ ", "dim"), text)
    return text
