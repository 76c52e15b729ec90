"""The article list of a pane: date · source · title, with marks for comparing two.

A virtual list on Textual's line API: it keeps the catalog entries it was given (metadata only,
never article text) and draws just the rows on screen, so 100,000 articles cost no more to show
or scroll than fifty.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.search.catalog import Entry
from tui.text.literal import one_line, short
from tui.text.provenance import mark

MARK = "●"  # marked for a comparison
UNREAD = "•"  # not read yet (the title is bold too)
DATE_W, SOURCE_W = 11, 16


def _fit(text: str, width: int) -> str:
    """Cut to ``width`` cells with an ellipsis, padded to exactly ``width``."""
    if cell_len(text) > width:
        text = set_cell_size(text, max(0, width - 1)) + "…"
    return set_cell_size(text, width)


class ArticleList(ScrollView, can_focus=True):
    """Rows keyed by article id. ``m`` marks up to two articles for a comparison."""

    COMPONENT_CLASSES = {
        "article-list--header",
        "article-list--cursor",
        "article-list--dim",
        "article-list--mark",
    }
    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
    }
    ArticleList > .article-list--header {
        text-style: bold;
        background: $panel;
    }
    ArticleList > .article-list--cursor {
        background: $block-cursor-background 40%;
    }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    ArticleList > .article-list--dim {
        color: $foreground-muted;  /* $text-muted is "auto": a partial style draws it white */
    }
    ArticleList > .article-list--mark {
        color: $accent;
        text-style: bold;
    }
    """
    BINDINGS = [
        # First, so that the footer of a narrow terminal still shows the way out.
        Binding("q", "screen.back_or_quit", "Quit", tooltip="Back one level; quit from the top"),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding(
            "enter",
            "select",
            "Open",
            show=False,
            tooltip="Open the highlighted briefing or article",
        ),
        Binding("m", "mark", "Mark", tooltip="Mark an article (two marks: c compares them)"),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Selected(Message):
        """Enter (or a click) on a row."""

        article_list: ArticleList
        article_id: str

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, **kwargs: Any) -> None:  # name, id, classes, disabled
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self.marked: list[str] = []
        self.read: Container[str] | None = None  # the ids read; None: read state not shown
        self.date_w, self.source_w = DATE_W, SOURCE_W  # 0 when no row has one

    # --- data -----------------------------------------------------------------------------

    def show(self, entries: list[Entry]) -> None:
        self.entries = entries
        # A column nobody fills ("—" in every row) gives its room to the titles.
        self.date_w = DATE_W if any(e.date for e in entries) else 0
        self.source_w = SOURCE_W if any(e.source for e in entries) else 0
        self.marked = []
        self.cursor = 0
        self.virtual_size = Size(self.size.width, len(entries) + 1)
        self.scroll_to(y=0, animate=False)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.entries)

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    @property
    def current_id(self) -> str | None:
        return self.entries[self.cursor].id if self.entries else None

    def title_of(self, article_id: str, width: int = 40) -> str:
        """An article's title as a line of a message: one line, cut to ``width``."""
        entry = next((e for e in self.entries if e.id == article_id), None)
        return short(entry.title if entry else article_id, width)

    @property
    def marked_pair(self) -> tuple[str, str] | None:
        return (self.marked[0], self.marked[1]) if len(self.marked) == 2 else None

    def row_text(self, index: int) -> str:
        """The row as plain text (what a reader sees), for tests and screen readers."""
        return "".join(seg.text for seg in self._row(index, self.size.width or 80))

    # --- drawing --------------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as the header and the rows (a pane's CSS caps it)."""
        return len(self.entries) + 1

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.entries) + 1)

    def _columns(self) -> list[tuple[int, str]]:
        """Date and source, each only when some row has one; the source takes at most a
        quarter of what the date leaves, so that titles keep the width."""
        width = self.size.width or 80
        source_w = min(self.source_w, max(8, (width - self.date_w - 5) // 4))
        columns = ((self.date_w, "date"), (source_w if self.source_w else 0, "source"))
        return [(w, name) for w, name in columns if w]

    def _row(self, index: int, width: int) -> list[Segment]:
        entry = self.entries[index]
        base = self.rich_style  # the theme's colours: rows never keep the terminal's own
        dim = base + self.get_component_rich_style("article-list--dim", partial=True)
        mark_style = base + self.get_component_rich_style("article-list--mark", partial=True)
        columns = self._columns()
        title_w = max(1, width - sum(w + 1 for w, _ in columns) - 3)
        unread = self.read is not None and entry.id not in self.read
        picked = MARK if entry.id in self.marked else (UNREAD if unread else " ")
        segments = [Segment(picked + " ", mark_style)]
        for w, name in columns:
            value = mark(getattr(entry, name), name in entry.inferred) or "—"
            segments.append(Segment(_fit(one_line(value), w) + " ", dim))
        title_style = base + Style(bold=True) if unread else base
        segments.append(Segment(_fit(one_line(entry.title), title_w), title_style))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:  # the header row stays put
            style = self.get_component_rich_style("article-list--header")
            text = "  " + "".join(_fit(name, w) + " " for w, name in self._columns()) + "title"
            return Strip([Segment(_fit(text, width), style)]).crop(0, width)
        index = self.scroll_offset.y + y - 1
        if not 0 <= index < len(self.entries):
            return Strip.blank(width, self.rich_style)
        segments = self._row(index, width)
        if index == self.cursor:
            cursor = self.get_component_rich_style("article-list--cursor")
            segments = [Segment(s.text, (s.style or Style()) + cursor) for s in segments]
        return Strip(segments).crop(0, width).extend_cell_length(width, self.rich_style)

    # --- moving ---------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.entries:
            self.cursor = max(0, min(len(self.entries) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.size.height - 2))

    def action_jump(self, index: int) -> None:
        if self.entries:
            self.cursor = index % len(self.entries)

    def action_select(self) -> None:
        if self.entries:
            self.post_message(self.Selected(self, self.entries[self.cursor].id))

    def action_mark(self) -> None:
        article_id = self.current_id
        if article_id is None:
            return
        if article_id in self.marked:
            self.marked.remove(article_id)
        else:
            self.marked.append(article_id)
            if len(self.marked) > 2:
                self.marked.pop(0)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.entries):
            already = index == self.cursor
            self.cursor = index
            if already or event.chain > 1:
                self.action_select()
