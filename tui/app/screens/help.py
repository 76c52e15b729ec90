"""The help screen: every key, in one place, read from the bindings that hold them."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# What no binding of ours holds: Textual's own keys and typing itself.
_NOT_BINDINGS = {
    "Anywhere": [
        ("ctrl+p", "Command palette: open a briefing or article, compare, rebuild, theme"),
        ("tab / shift+tab", "Move between the sidebar, the pane and the reader"),
    ],
    "Search": [
        ("type", "Results update as you type; a typo gets a 'did you mean'"),
        ("source: topic: date:", 'Narrow in the query: source:"AFP" topic:sport date:[2026-01 TO]'),
    ],
}
_KEY_NAMES = {
    "escape": "esc",
    "question_mark": "?",
    "slash": "/",
    "backslash": "\\",
    "down": "↓",
    "up": "↑",
    "pagedown": "pgdn",
    "pageup": "pgup",
}


def _sections() -> list[tuple[str, list[type[DOMNode]]]]:
    """Where the keys are held, in the order the help tells them."""
    from tui.app.screens.compare import CompareScreen
    from tui.app.screens.main import MainScreen
    from tui.app.screens.search import SearchScreen
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.reader import Reader
    from tui.app.widgets.sidebar import Sidebar

    return [
        ("Anywhere", [MainScreen]),
        ("Sidebar and lists", [Sidebar, ArticleList]),
        ("Reader", [Reader]),
        ("Search", [SearchScreen]),
        ("Comparison", [CompareScreen]),
    ]


def _keys(binding: Binding) -> list[str]:
    """ "down,j" → ["↓", "j"]; a binding's own key_display wins."""
    if binding.key_display:
        return [binding.key_display]
    return [_KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(",")]


def key_label(binding: Binding) -> str:
    """ "down,j" → "↓ / j"."""
    return " / ".join(_keys(binding))


def help_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key of the app, by where it works, read from the bindings themselves: a key
    added to a screen or widget is in the help without anyone writing it down twice. Keys
    doing the same thing ("esc" and "q" going back) share a row."""
    sections = []
    for title, holders in _sections():
        rows: dict[str, list[str]] = {}
        for holder in holders:
            for item in holder.BINDINGS:
                binding = item if isinstance(item, Binding) else Binding(*item)
                what = binding.tooltip or binding.description
                keys = rows.setdefault(what, [])
                for key in _keys(binding):
                    if key not in keys:
                        keys.append(key)
        listed = [(" / ".join(keys), what) for what, keys in rows.items()]
        sections.append((title, _NOT_BINDINGS.get(title, []) + listed))
    return sections


_PLACES = {
    "MainScreen": "the briefings (esc goes back there)",
    "Sidebar": "the sidebar or the article list (tab moves there)",
    "ArticleList": "the article list (tab moves there)",
    "Reader": "an open article (enter opens one)",
    "SearchScreen": "the search (/)",
    "CompareScreen": "a comparison (c)",
}


def where_key_works(key: str, screen: Screen[Any]) -> str | None:
    """For a key nothing on ``screen`` holds now: one line saying what it does and where,
    read from the bindings ("y: Clip a passage … — in an open article (enter opens one)");
    None for a key held here (its binding acts) or used nowhere."""
    if key in screen.active_bindings:
        return None
    for _title, holders in _sections():
        for holder in holders:
            for item in holder.BINDINGS:
                binding = item if isinstance(item, Binding) else Binding(*item)
                if key in (k.strip() for k in binding.key.split(",")):
                    what = binding.tooltip or binding.description
                    place = _PLACES.get(holder.__name__, holder.__name__)
                    return f"{_keys(binding)[0]}: {what} — in {place}"
    return None


class SaysWhy(Screen[None]):
    """A screen on which a key the app uses elsewhere, pressed where nothing holds it, says
    what it does and where, in one line (bindings handle every key that acts here first)."""

    def on_key(self, event: events.Key) -> None:
        said = where_key_works(event.key, self)
        if said is not None:
            event.stop()
            self.notify(said, timeout=4)


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
        for title, rows in help_rows():
            table.add_row(Text(title, style="bold underline"), "")
            for keys, what in rows:
                table.add_row(keys, what)
        with VerticalScroll(id="help"):
            yield Static(Text("briefing — keys", style="bold"))
            yield Static(table)
