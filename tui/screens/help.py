"""The help screen: every key, in one place."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Anywhere", ""),
    ("/", "search the full text (Whoosh query language)"),
    ("ctrl+p", "command palette: open a briefing or article, compare, rebuild the index, theme"),
    ("?", "this help"),
    ("tab / shift+tab", "move between the sidebar, the pane and the reader"),
    ("\\", "show or hide the sidebar (it folds away by itself under 70 columns)"),
    ("q", "back one level (reader, comparison); quit from the top"),
    ("ctrl+r", "look for new and changed articles now"),
    ("Sidebar and lists", ""),
    ("j / k, ↑ / ↓", "move"),
    ("enter", "open the briefing or article"),
    ("m", "mark an article (two marks: c compares them)"),
    ("c", "compare the two marked articles, else the briefing's suggested pair"),
    ("f", "open the comparison at the fact the briefing's sources disagree on"),
    ("p / P", "pin the article (list or reader) to a briefing / unpin it from this one"),
    ("e", "edit this briefing's summary in $EDITOR"),
    ("r", "fetch the feeds of config.yaml; new articles join their panes"),
    ("Reader", ""),
    ("n / N", "next / previous highlighted hit"),
    ("s", "compare with the most similar article from another source"),
    ("y", "clip a passage (the current hit's sentence) into a briefing"),
    ("esc", "back to the search results it was opened from, else the briefing"),
    ("Search", ""),
    ("type", "results update as you type; a typo gets a 'did you mean'"),
    ("↓ / enter", "go to the results / open the highlighted result"),
    ("↑ / ctrl+n", "earlier / later searches (the last one is filled in)"),
    ("ctrl+b", "a new briefing file holding this search"),
    ("esc", "back to where you were"),
    ("Comparison", ""),
    ("d / D", "next / previous differing fact (the list on top: enter goes to its row)"),
    ("x", "swap the two sides"),
    ("o", "show or fold long passages only one side has"),
    ("esc", "back"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            if what:
                table.add_row(key, what)
            else:
                table.add_row(Text(key, style="bold underline"), "")
        with VerticalScroll(id="help"):
            yield Static(Text("briefing — keys", style="bold"))
            yield Static(table)
