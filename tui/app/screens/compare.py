"""Two articles side by side: aligned rows, one-sided passages marked, differing facts lit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from tui.app.failures import notify_failure
from tui.app.screens.help import SaysWhy
from tui.app.widgets.footer import FittingFooter
from tui.compare.comparison import Comparison, Row, compare, folded, rows
from tui.ingest.article import Article
from tui.render.compare_view import (
    FactSpans,
    fact_line,
    fact_spans,
    mark_words,
    sentence_text,
    side_meta,
)
from tui.render.rich_text import styled
from tui.store.background import Abandoned, WhenCancelled, abandonable
from tui.text.highlight import Keyword
from tui.text.literal import one_line


class CompareScreen(SaysWhy):
    COMPONENT_CLASSES = {"compare--difference", "compare--word"}
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.pop_screen", "Back", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?", show=False),
        Binding("slash", "app.search", "Search", key_display="/", show=False),
        Binding(
            "d",
            "next_difference",
            "Next difference",
            tooltip="Next differing fact (the list on top: enter goes to its row)",
        ),
        Binding(
            "D",
            "previous_difference",
            "Prev difference",
            key_display="D",
            tooltip="Previous differing fact",
        ),
        Binding("x", "swap", "Swap sides", tooltip="Swap the two sides"),
        Binding(
            "o", "toggle_runs", "Show runs", tooltip="Show or fold long passages only one side has"
        ),
        Binding("j", "scroll_rows(1)", "Down", show=False),
        Binding("k", "scroll_rows(-1)", "Up", show=False),
    ]

    @dataclass
    class Ready(Message):
        comparison: Comparison

    def __init__(
        self,
        a: Article,
        b: Article,
        keywords: list[str],
        styles: dict[str, Style],
        search_stems: frozenset[str] = frozenset(),
        *,
        start_at: tuple[int, int] | None = None,
        corpus_idf: Callable[[str], float] | None = None,
    ) -> None:
        super().__init__()
        self.corpus_idf = corpus_idf  # what makes a term distinctive (library.corpus_idf)
        self.start_at = start_at  # a differing fact to open at: sentence index, start on A
        self.a, self.b = a, b
        self.keywords = [Keyword.of(k) for k in keywords]
        self.highlight_styles = styles
        self.search_stems = search_stems
        self.comparison: Comparison | None = None
        self.difference_rows: list[int] = []  # row of each difference, in list order
        self.show_runs = False  # long one-sided passages: folded to their first sentence
        self.current_difference = -1

    def compose(self) -> ComposeResult:
        yield Static(Text("comparing…", style="dim"), id="compare-strip")
        facts = OptionList(id="compare-facts")
        facts.border_title = "Facts that differ"
        facts.border_subtitle = "enter: go to the row · d / D: next / previous"
        facts.display = False
        yield facts
        with Horizontal(id="compare-heads"):
            yield Static(id="head-a", classes="side")
            yield Static(id="head-b", classes="side")
        yield VerticalScroll(id="compare-rows")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#compare-rows").focus()
        self.run_compare(self.a, self.b)
        # The marks' colours come from the theme: the rows are drawn anew when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def _redraw(self) -> None:
        if self.comparison is not None:
            self.call_later(self.show_comparison, self.Ready(self.comparison))

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def run_compare(self, a: Article, b: Article) -> None:
        worker = get_current_worker()
        try:
            result = abandonable(
                lambda: compare(a, b, corpus_idf=self.corpus_idf), WhenCancelled(worker)
            )
        except Abandoned:
            return
        if not worker.is_cancelled:  # a newer comparison (x, swap sides) replaced this one
            self.post_message(self.Ready(result))

    def _head(self, article: Article, side: str) -> Text:
        text = Text.assemble((f" {side} ", "bold reverse"), " ")
        text.append_text(styled(one_line(article.title), base="bold"))
        text.append("\n" + side_meta(article), style="dim")
        return text

    def _sentences(self, side: str, indices: tuple[int, ...], marks: FactSpans) -> Text:
        assert self.comparison is not None
        return sentence_text(
            self.comparison,
            side,
            indices,
            marks,
            diff_style=self.get_component_rich_style("compare--difference", partial=True),
            keywords=self.keywords,
            search_stems=self.search_stems,
            styles=self.highlight_styles,
        )

    @on(Ready)
    async def show_comparison(self, message: Ready) -> None:
        c = self.comparison = message.comparison
        strip = Text.assemble(
            ("similarity ", "bold"),
            (f"{c.similarity:.0%}", "bold"),
            f"  ·  {len(c.pairs)} aligned · {len(c.only_a)} only in A · {len(c.only_b)} only in B",
            f" · {len(c.differences)} differing fact{'s' if len(c.differences) != 1 else ''}",
        )
        for label, terms in (
            ("\nshared: ", c.shared_terms),
            ("\nonly A: ", c.only_a_terms),
            ("\nonly B: ", c.only_b_terms),
        ):
            strip.append(label, style="bold")
            strip.append(one_line(", ".join(terms[:10])) or "—")
        if c.notice:
            strip.append("\n" + c.notice, style="italic yellow")
        self.query_one("#compare-strip", Static).update(strip)
        self.query_one("#head-a", Static).update(self._head(c.a, "A"))
        self.query_one("#head-b", Static).update(self._head(c.b, "B"))
        marks_a, marks_b = fact_spans(c, "a"), fact_spans(c, "b")
        container = self.query_one("#compare-rows", VerticalScroll)
        await container.remove_children()
        widgets = []
        row_of: dict[int, int] = {}
        for number, row in enumerate(folded(rows(c))):
            widgets.append(self._row(row, marks_a, marks_b))
            for i in row.a:
                row_of[i] = number
        self.difference_rows = [row_of.get(d.a_at[0], 0) for d in c.differences]
        await container.mount_all(widgets)
        facts = self.query_one("#compare-facts", OptionList)
        facts.clear_options()
        facts.add_options(Option(fact_line(d), id=str(k)) for k, d in enumerate(c.differences))
        facts.display = bool(c.differences)
        if c.differences:
            facts.highlighted = 0
        self.current_difference = -1
        if self.start_at is not None:
            wanted = next(
                (k for k, d in enumerate(c.differences) if d.a_at[:2] == self.start_at), None
            )
            self.start_at = None
            if wanted is not None:  # once the rows are laid out, so that the scroll lands
                self.call_after_refresh(self._go_to_difference, wanted + 1)

    def _row(self, row: Row, marks_a: FactSpans, marks_b: FactSpans) -> Horizontal:
        count = len(row.a) + len(row.b)
        folded_run = row.kind != "pair" and count > 1 and not self.show_runs
        shown = Row(row.a[:1], row.b[:1]) if folded_run else row
        left = self._sentences("a", shown.a, marks_a) if shown.a else Text("")
        right = self._sentences("b", shown.b, marks_b) if shown.b else Text("")
        if folded_run:
            (left if row.a else right).append(
                f"  … {count - 1} more sentences (o shows them)", style="dim italic"
            )
        assert self.comparison is not None
        word = self.get_component_rich_style("compare--word", partial=True)
        mark_words(self.comparison, row, left, right, word)
        classes = f"row {row.kind.replace('_', '-')}"
        count = len(row.a) + len(row.b)
        many = f"{count} sentences " if count > 1 else ""
        left_label = "" if row.a else f"{many}only in B →"
        right_label = "" if row.b else f"← {many}only in A"
        return Horizontal(
            Static(left or Text(left_label, style="dim italic"), classes="side a"),
            Static(right or Text(right_label, style="dim italic"), classes="side b"),
            classes=classes,
        )

    @on(OptionList.OptionSelected, "#compare-facts")
    def fact_selected(self, event: OptionList.OptionSelected) -> None:
        self.current_difference = -1
        self._go_to_difference(event.option_index + 1)
        self.query_one("#compare-rows").focus()

    def _go_to_difference(self, step: int) -> None:
        if not self.difference_rows:
            self.notify("No differing facts found", timeout=2)
            return
        self.current_difference = (self.current_difference + step) % len(self.difference_rows)
        self.query_one("#compare-facts", OptionList).highlighted = self.current_difference
        rows_ = list(self.query(".row"))
        target = rows_[self.difference_rows[self.current_difference]]
        for row in rows_:
            row.set_class(row is target, "current")
        self.query_one("#compare-rows", VerticalScroll).scroll_to_widget(
            target, animate=False, top=True
        )

    def action_next_difference(self) -> None:
        self._go_to_difference(1)

    def action_previous_difference(self) -> None:
        self._go_to_difference(-1)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_failure(self, event)

    async def action_toggle_runs(self) -> None:
        self.show_runs = not self.show_runs
        if self.comparison is not None:
            await self.show_comparison(self.Ready(self.comparison))

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
        self.run_compare(self.a, self.b)

    def action_scroll_rows(self, step: int) -> None:
        rows_ = self.query_one("#compare-rows", VerticalScroll)
        rows_.scroll_relative(y=step * 2, animate=False)
