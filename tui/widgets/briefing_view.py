"""A briefing pane: header figures, any errors, the curator's summary, chips, the articles."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Static

from tui.briefings import Pane
from tui.index import Entry
from tui.library import PaneStats, date_span
from tui.literal import one_line
from tui.widgets.article_list import ArticleList
from tui.widgets.chips import KeywordChips


def _short(title: str, limit: int = 32) -> str:
    title = one_line(title)
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


class BriefingView(Vertical):
    """Shows one ``Pane``; the figures arrive later from a worker via ``show_stats``."""

    def compose(self) -> ComposeResult:
        yield Static(id="pane-title")
        yield Static(id="pane-meta")
        yield Static(id="pane-errors")
        yield Static(id="pane-compare")
        with VerticalScroll(id="pane-summary"):
            yield Markdown(id="summary")
        yield KeywordChips(id="chips")
        yield ArticleList(id="articles")

    def show(self, pane: Pane, entries: dict[str, Entry]) -> None:
        self.pane = pane
        self.query_one("#pane-title", Static).update(Text(one_line(pane.title), style="bold"))
        self.query_one("#pane-meta", Static).update(
            Text(f"{len(pane.article_ids)} articles", style="dim")
        )
        errors = self.query_one("#pane-errors", Static)
        errors.update(Text("\n".join(one_line(e) for e in pane.errors)))
        errors.display = bool(pane.errors)
        summary = self.query_one("#pane-summary", VerticalScroll)
        summary.display = bool(pane.summary.strip())
        self.query_one("#summary", Markdown).update(pane.summary)
        suggest = self.query_one("#pane-compare", Static)
        if pane.compare:
            a, b = pane.compare[0]
            text = Text.assemble(("c", "bold reverse"), ("  compare  ", "dim"))
            text.append(_short(entries[a].title if a in entries else a))
            text.append("  ⇄  ", style="bold")
            text.append(_short(entries[b].title if b in entries else b))
            if len(pane.compare) > 1:
                text.append(f"   (+{len(pane.compare) - 1} more in ctrl+p)", style="dim")
            suggest.update(text)
        suggest.display = bool(pane.compare)
        chips = self.query_one(KeywordChips)
        chips.display = False
        self.query_one(ArticleList).show([entries[i] for i in pane.article_ids if i in entries])

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
