"""A briefing pane: header figures, any errors, the curator's summary, chips, the articles."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.chips import KeywordChips
from tui.briefings.briefing import Pane
from tui.compare.disputes import Dispute
from tui.library import PaneStats, date_span
from tui.search.catalog import Entry
from tui.text.literal import one_line, short


class Summary(VerticalScroll):
    """The curator's summary and clippings; when they go on below what fits, the bottom
    border says so (a thin scrollbar alone was missed)."""

    def watch_virtual_size(self) -> None:
        self.call_after_refresh(self._say_if_cut)

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_if_cut)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._say_if_cut()

    def _say_if_cut(self) -> None:
        more = self.max_scroll_y > 0 and self.scroll_y < self.max_scroll_y
        self.border_subtitle = "↓ continues (tab here, then ↓)" if more else None


class BriefingView(Vertical):
    """Shows one ``Pane``; the figures and the disputed facts arrive later from workers."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.disputes: list[Dispute] = []

    def compose(self) -> ComposeResult:
        yield Static(id="pane-title")
        yield Static(id="pane-meta")
        yield Static(id="pane-errors")
        disputes = OptionList(id="pane-disputes")
        disputes.border_title = "Sources disagree"
        disputes.border_subtitle = "f opens the comparison at a fact"
        disputes.display = False
        yield disputes
        yield Static(id="pane-compare")
        with Summary(id="pane-summary"):
            yield Markdown(id="summary")
            yield Static(id="pane-clippings")
        yield KeywordChips(id="chips")
        yield ArticleList(id="articles")

    def show(self, pane: Pane, entries: dict[str, Entry], ids: list[str] | None = None) -> None:
        """The pane; ``ids`` narrows its list (only the unread, say)."""
        self.pane = pane
        self.query_one("#pane-title", Static).update(Text(one_line(pane.title), style="bold"))
        meta = (
            f"{len(pane.article_ids)} articles"
            if entries
            else "reading the corpus… the articles appear here as soon as they are indexed"
        )
        self.query_one("#pane-meta", Static).update(Text(meta, style="dim"))
        errors = self.query_one("#pane-errors", Static)
        errors.update(Text("\n".join(one_line(e) for e in pane.errors)))
        errors.display = bool(pane.errors)
        summary = self.query_one("#pane-summary", Summary)
        self.query_one("#summary", Markdown).update(pane.summary)
        clippings = self.query_one("#pane-clippings", Static)
        quotes = Text()
        for article_id, passage in pane.clippings:
            entry = entries.get(article_id)
            who = (entry.source if entry else None) or "source unknown"
            quotes.append("❝ ", style="bold")
            quotes.append(short(passage, 160), style="italic")
            quotes.append(f" — {one_line(who)}\n", style="dim")
        clippings.update(quotes)
        clippings.display = bool(pane.clippings)
        summary.display = bool(pane.summary.strip() or pane.clippings)
        self.set_class(not summary.display, "-no-summary")  # the list takes the room
        suggest = self.query_one("#pane-compare", Static)
        if pane.compare:
            a, b = pane.compare[0]
            narrow = self.size.width and self.size.width < 90
            room = 20 if narrow else 32
            text = Text.assemble(("c", "bold reverse"), ("  compare  ", "dim"))
            text.append(short(entries[a].title if a in entries else a, room))
            text.append("  ⇄  ", style="bold")
            text.append(short(entries[b].title if b in entries else b, room))
            if len(pane.compare) > 1:
                text.append(f"  · {len(pane.compare)} pairs in ctrl+p", style="dim")
            suggest.update(text)
        suggest.display = bool(pane.compare)
        chips = self.query_one(KeywordChips)
        chips.display = False
        self.show_disputes([])
        listed = pane.article_ids if ids is None else ids
        self.query_one(ArticleList).show([entries[i] for i in listed if i in entries])

    def show_stats(self, stats: PaneStats, styles: dict[str, Style]) -> None:
        parts = [f"{stats.count} articles"]
        if stats.sources:
            more = f" +{len(stats.sources) - 3}" if len(stats.sources) > 3 else ""
            parts.append(", ".join(stats.sources[:3]) + more)
        parts.append(date_span(stats.first, stats.last))
        self.query_one("#pane-meta", Static).update(Text(one_line(" · ".join(parts)), style="dim"))
        chips = self.query_one(KeywordChips)
        if self.pane.keywords:
            chips.show(self.pane.keywords, stats.keyword_counts, styles)
        elif stats.key_terms:
            chips.show_terms(stats.key_terms)

    def show_disputes(self, disputes: list[Dispute]) -> None:
        """The facts the pane's sources disagree on, each an option that opens the comparison."""
        self.disputes = disputes
        listing = self.query_one("#pane-disputes", OptionList)
        listing.clear_options()
        listing.add_options(Option(dispute_line(d), id=str(k)) for k, d in enumerate(disputes))
        listing.display = bool(disputes)
        if disputes:
            listing.highlighted = 0

    def chosen_dispute(self) -> Dispute | None:
        disputes = self.disputes
        if not disputes:
            return None
        index = self.query_one("#pane-disputes", OptionList).highlighted
        return disputes[index if index is not None and index < len(disputes) else 0]


def dispute_line(dispute: Dispute) -> Text:
    """ "≠ killed  136 — JoongAng Daily · 183 — The Korea Herald": literal, one line each."""
    text = Text("≠ ", style="bold")
    if dispute.measure:
        text.append(one_line(dispute.measure), style="italic")
        text.append("  ")
    for k, group in enumerate(dispute.values):
        if k:
            text.append("  ·  ", style="dim")
        text.append(one_line(group[0].value), style="bold")
        names = sorted({s.source or short(s.title, 24) for s in group})
        text.append(" — " + one_line(", ".join(names)), style="dim")
    return text
