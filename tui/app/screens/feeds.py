"""The feeds, as newsboat's first screen: each with unread/total, last fetch and last error;
open a feed's articles, add a feed, remove one (config.yaml changed as a round trip)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.listing import ListingScreen
from tui.app.widgets.footer import FittingFooter
from tui.text.literal import one_line


@dataclass
class FeedRow:
    """One feed as the screen shows it."""

    label: str
    url: str
    topic: str | None
    folder: str  # the topic pane its articles are in
    unread: int
    total: int
    last_fetch: str | None
    last_error: str | None


def feed_line(row: FeedRow) -> Text:
    line = Text(one_line(row.label), style="bold")
    line.append(f"  {row.unread}", style="bold" if row.unread else "dim")
    line.append(f"/{row.total}", style="dim")
    if row.topic:
        line.append(f"  ▸ {one_line(row.topic)}", style="dim")
    line.append(f"\n  {one_line(row.url)}", style="dim")
    line.append(f"  · last fetch {row.last_fetch or 'never'}", style="dim")
    if row.last_error:
        line.append(f"\n  ⚠ {one_line(row.last_error)}", style="bold red")
    return line


class FeedsScreen(ListingScreen):
    LIST = "#feeds-list"
    BINDINGS = [
        Binding("enter", "open", "Articles", tooltip="The feed's articles (its topic pane)"),
        Binding("a", "add", "Add feed", tooltip="Subscribe to a feed: its address"),
        Binding("d", "remove", "Remove", tooltip="Unsubscribe from the highlighted feed"),
        Binding("r", "app.fetch_feeds", "Fetch", tooltip="Fetch every feed now"),
    ]

    @dataclass
    class OpenFeed(Message):
        folder: str

    @dataclass
    class AddFeed(Message):
        pass

    @dataclass
    class RemoveFeed(Message):
        url: str
        label: str

    def __init__(self, rows: list[FeedRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        head = Text("Feeds", style="bold")
        unread = sum(r.unread for r in self.rows)
        head.append(f"  {len(self.rows)} feeds · {unread} unread", style="dim")
        yield Static(head, id="feeds-head")
        if self.rows:
            yield OptionList(
                *(Option(feed_line(r), id=str(k)) for k, r in enumerate(self.rows)),
                id="feeds-list",
            )
        else:
            yield Static(
                Text("No feeds yet: a adds one (or briefing feeds import FILE.opml)", style="dim"),
                id="feeds-empty",
            )
        yield FittingFooter()

    def _row(self) -> FeedRow | None:
        index = self.highlighted_index()
        return self.rows[index] if index is not None else None

    @on(OptionList.OptionSelected, "#feeds-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self._row()
        if row is not None:
            self.post_message(self.OpenFeed(row.folder))

    def action_add(self) -> None:
        self.post_message(self.AddFeed())

    def action_remove(self) -> None:
        row = self._row()
        if row is None:
            self.notify("No feed to remove", timeout=3)
            return
        self.post_message(self.RemoveFeed(row.url, row.label))
