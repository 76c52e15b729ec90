"""A full screen that is mostly one list: q/esc back, j/k move, the list focused first."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.app.screens.help import SaysWhy


class ListingScreen(SaysWhy):
    """Subclasses name their list (``LIST``, a CSS id) and add their own keys."""

    LIST: ClassVar[str] = "#listing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "back", "Back", tooltip="Back one level"),
        Binding("escape", "back", "Back", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def lists(self) -> list[OptionList]:
        return list(self.query(self.LIST).results(OptionList))

    def highlighted_index(self) -> int | None:
        for widget in self.lists():
            return widget.highlighted
        return None

    def on_mount(self) -> None:
        for widget in self.lists():
            widget.focus()

    def action_cursor_down(self) -> None:
        for widget in self.lists():
            widget.action_cursor_down()

    def action_cursor_up(self) -> None:
        for widget in self.lists():
            widget.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()
