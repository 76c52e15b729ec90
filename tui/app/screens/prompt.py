"""Small modal screens: a line of text, a choice from a list, a list to read."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.text.literal import one_line


class PromptScreen(ModalScreen[str | None]):
    """Ask for a line of text; enter gives it back, escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.question, self.value, self.hint = question, value, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(one_line(self.question), style="bold"))
            yield Input(value=self.value, id="answer")
            yield Static(Text(self.hint or "enter: done · esc: cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[int | None]):
    """Pick one of a list; enter gives its index back, escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: list[str]) -> None:
        super().__init__()
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(one_line(self.question), style="bold"))
            yield OptionList(
                *(Option(Text(one_line(c)), id=str(k)) for k, c in enumerate(self.choices)),
                id="choices",
            )
            yield Static(Text("enter: choose · esc: cancel", style="dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ListScreen(ModalScreen[None]):
    """A list to read (the index's warnings and skipped files), one line each; esc closes."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text, self.lines = title, lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(one_line(self.title_text), style="bold"))
            yield OptionList(*(Option(Text(one_line(line))) for line in self.lines), id="lines")
            yield Static(Text("esc: close", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
