"""Search as you type: results in a worker, highlighted snippets, did-you-mean, inline errors."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from tui.app.failures import notify_failure
from tui.app.widgets.footer import FittingFooter
from tui.render.rich_text import keyword_styles, styled
from tui.search.port import Backend
from tui.search.results import ORDERS, QueryError, SearchResult
from tui.store.background import Cancelled, WhenCancelled, abandonable
from tui.text.literal import one_line

DEBOUNCE_S = 0.015
LIVE_LIMIT = 20


@dataclass(frozen=True)
class OpenHit:
    """What the search screen hands back: the article and the stems to highlight."""

    article_id: str
    terms: frozenset[str]
    query: str


@dataclass(frozen=True)
class BriefingFromSearch:
    """What the search screen hands back when asked for a new briefing from its query."""

    query: str


def _narrowing(what: str) -> re.Pattern[str]:
    """A ``source:…`` / ``topic:…`` narrowing as ctrl+f / ctrl+t write it into the query."""
    return re.compile(rf'\s*\b{what}:(?:"[^"]*"|\S+)')


class SearchScreen(Screen[OpenHit | BriefingFromSearch | None]):
    BINDINGS = [
        Binding("escape", "dismiss_search", "Back", tooltip="Back to where you were"),
        Binding(
            "ctrl+b",
            "new_briefing",
            "New briefing",
            tooltip="A new briefing file holding this search",
        ),
        Binding("ctrl+s", "use_suggestion", "Did you mean", tooltip="Search the 'did you mean'"),
        Binding("down", "focus_results", "Results", show=False, tooltip="Go to the results"),
        Binding(
            "up",
            "history(-1)",
            "Earlier search",
            show=False,
            tooltip="Earlier searches (the last one is filled in)",
        ),
        Binding("ctrl+n", "history(1)", "Later search", show=False, tooltip="Later searches"),
        Binding(
            "ctrl+o", "order", "Order", tooltip="Order the results: relevance, newest, oldest first"
        ),
        Binding(
            "ctrl+f",
            "narrow('source')",
            "Same source",
            tooltip="Only the highlighted result's source (again: all sources)",
        ),
        Binding(
            "ctrl+t",
            "narrow('topic')",
            "Same topic",
            tooltip="Only the highlighted result's topic (again: all topics)",
        ),
    ]

    @dataclass
    class Finished(Message):
        """A search finished (posted from the worker thread)."""

        query: str
        result: SearchResult | None
        error: str | None
        order: str = ORDERS[0]

    def __init__(
        self,
        ix: Backend,
        colours: tuple[tuple[str, ...], str],
        query: str = "",
        history: list[str] | None = None,
        muted: set[str] | None = None,
    ):
        super().__init__()
        self.ix = ix
        self.muted = muted or set()  # found all the same, marked muted
        self.highlight_styles = keyword_styles([], colours[0], colours[1])
        self.initial = query
        self.result: SearchResult | None = None
        self.history = list(history or [])  # earlier queries, oldest first
        self.back = len(self.history)  # where ↑ / ↓ stand in it (len: the line being typed)
        self.order = ORDERS[0]
        self._footer: tuple[bool | None, ...] = ()  # what the footer last offered
        self._status_rows = 0  # how many rows the status line took

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial,
            placeholder='search: Chosei AND remains, "shuttle diplomacy", source:AFP …',
            id="query",
        )
        yield Static(id="search-status")
        yield OptionList(id="results")
        yield FittingFooter()

    def on_mount(self) -> None:
        query = self.query_one("#query", Input)
        query.cursor_blink = False
        query.focus()
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str) -> None:
        """Each keystroke cancels the previous search; a short pause lets typing settle."""
        worker = get_current_worker()
        order = self.order
        time.sleep(DEBOUNCE_S)
        if worker.is_cancelled:
            return
        if len(text.strip()) < 2:
            self.post_message(self.Finished(text, None, None, order))
            return
        result: SearchResult | None
        error: str | None
        stop = WhenCancelled(worker)  # the search itself lets go of the index at its next step
        try:
            result = abandonable(
                lambda: self.ix.search(text, limit=LIVE_LIMIT, live=True, order=order, stop=stop),
                stop,
            )
        except Cancelled:  # Abandoned, or the search stopped itself
            return
        except QueryError as exc:
            result, error = None, str(exc)
        else:
            error = None
        if not worker.is_cancelled:
            self.post_message(self.Finished(text, result, error, order))

    @on(Finished)
    def show_results(self, message: Finished) -> None:
        if (
            not self.is_attached
            or message.query != self.query_one("#query", Input).value
            or message.order != self.order
        ):
            return  # the screen was closed, or a newer query or order is on its way
        status = self.query_one("#search-status", Static)
        results = self.query_one("#results", OptionList)
        results.clear_options()
        self.result = message.result
        if (footer := self._footer_state()) != self._footer:
            self._footer = footer  # "did you mean" in the footer only with a suggestion: the
            self.refresh_bindings()  # footer is rebuilt only when what it offers changed
        if message.error:
            self._show_status(Text(f"⚠ {message.error}", style="bold red"))
            status.set_class(True, "error")
            return
        status.set_class(False, "error")
        if message.result is None:
            hint = "Keep typing…" if message.query.strip() else "Type to search titles and text."
            self._show_status(Text(hint, style="dim"))
            return
        result = message.result
        line = Text.assemble((result.count_text(), "bold"))
        if message.order != ORDERS[0]:
            line.append(f"   {message.order} first", style="bold")
        if notice := result.notice():
            line.append(f"   {notice}", style="italic")
        if result.suggestion:
            line.append("   did you mean: ", style="italic")
            line.append(one_line(result.suggestion), style="bold underline")
            line.append("  (ctrl+s to use it)", style="dim")
        self._show_status(line)
        options: list[Option | None] = []
        for hit in result.hits:
            prompt = styled(
                one_line(hit.title), hit.title_spans, self.highlight_styles, base="bold"
            )
            meta = hit.meta_line()
            if hit.id in self.muted:
                prompt.append("  (muted)", style="dim")
            prompt.append("\n")
            prompt.append(one_line(meta), style="dim")
            prompt.append("\n")
            prompt.append_text(styled(hit.snippet.text, hit.snippet.spans, self.highlight_styles))
            options += [Option(prompt, id=hit.id), None]
        results.add_options(options)
        if result.hits:
            results.highlighted = 0

    @on(Input.Submitted, "#query")
    def open_first(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.option_count:
            index = results.highlighted or 0
            option = results.get_option_at_index(index)
            if option.id:
                self.open(option.id)

    @on(OptionList.OptionSelected, "#results")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open(event.option.id)

    def open(self, article_id: str) -> None:
        terms = self.result.terms if self.result else frozenset()
        self.dismiss(OpenHit(article_id, terms, self.query_one("#query", Input).value))

    def action_history(self, step: int) -> None:
        """↑ walks back through earlier searches (ctrl+n forward), as a shell does."""
        if not self.query_one("#query", Input).has_focus or not self.history:
            return
        self.back = max(0, min(len(self.history), self.back + step))
        line = self.history[self.back] if self.back < len(self.history) else ""
        field = self.query_one("#query", Input)
        field.value = line
        field.cursor_position = len(line)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_failure(self, event)

    def action_focus_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    def _show_status(self, line: Text) -> None:
        """The status line; the screen is laid out again only when its height changes (a
        layout costs more than the rest of showing a page of results)."""
        status = self.query_one("#search-status", Static)
        width = max(1, status.content_size.width)
        rows = -(-line.cell_len // width)
        status.update(line, layout=rows != self._status_rows)
        self._status_rows = rows

    def _footer_state(self) -> tuple[bool | None, ...]:
        """What the footer offers that depends on the result (see ``check_action``)."""
        return (
            self.check_action("use_suggestion", ()),
            self.check_action("narrow", ("source",)),
            self.check_action("narrow", ("topic",)),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "Did you mean" is offered in the footer only when there is a suggestion, and
        narrowing only when there is a result to narrow by."""
        if action == "use_suggestion":
            return bool(self.result and self.result.suggestion)
        if action == "narrow":  # to narrow by a result, or to take a narrowing out
            fields = self.query("#query").results(Input)
            query = next((field.value for field in fields), "")
            narrowed = _narrowing(str(parameters[0])).search(query)
            return bool(self.result and self.result.hits) or narrowed is not None
        return True

    def action_new_briefing(self) -> None:
        query = self.query_one("#query", Input).value.strip()
        if not query:
            self.notify("Type a search first: the briefing holds its results", timeout=3)
            return
        self.dismiss(BriefingFromSearch(query))

    def action_order(self) -> None:
        """ctrl+o: relevance → newest first → oldest first, over all the matches."""
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.run_search(self.query_one("#query", Input).value)

    def action_narrow(self, what: str) -> None:
        """Narrow to the highlighted result's source or topic by writing the field into the
        query (``source:"The Korea Herald"``), where it can be read and edited; the same key
        again takes it out."""
        field = self.query_one("#query", Input)
        pattern = _narrowing(what)
        if pattern.search(field.value):
            field.value = pattern.sub("", field.value).strip()
            return
        results = self.query_one("#results", OptionList)
        index = results.highlighted
        entry = None
        if index is not None and (option_id := results.get_option_at_index(index).id):
            entry = self.ix.catalog.get(option_id)
        value = None
        if entry is not None:
            value = entry.source if what == "source" else next(iter(entry.topics), None)
        if not value:
            self.notify(f"The highlighted result has no {what} to narrow to", timeout=3)
            return
        quoted = '"' + value.replace('"', "") + '"'
        field.value = f"{field.value.strip()} {what}:{quoted}"
        field.cursor_position = len(field.value)

    def action_use_suggestion(self) -> None:
        if self.result and self.result.suggestion:
            field = self.query_one("#query", Input)
            field.value = self.result.suggestion
            field.cursor_position = len(field.value)  # what is typed next goes on the end
