"""The sidebar: curated briefings, then topic panes, then "All articles"."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.briefings.briefing import Pane
from tui.text.literal import one_line

KIND_MARK = {"curated": "◆", "topic": "▸", "all": "≡", "muted": "⊘"}


class Sidebar(OptionList):
    """One option per pane; its id is the pane's position in the app's pane list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def show_panes(
        self, panes: list[Pane], keep: int | None = None, unread: list[int] | None = None
    ) -> None:
        """One option per pane with its count; ``unread`` (a count per pane) shows "2/5"."""
        self.clear_options()
        previous = None
        for index, pane in enumerate(panes):
            if previous is not None and pane.kind != previous:
                self.add_option(None)
            previous = pane.kind
            count = unread[index] if unread is not None else None
            self.add_option(Option(pane_label(pane, count), id=str(index)))
        if panes:
            target = keep if keep is not None and keep < len(panes) else 0
            self.highlighted = self.get_option_index(str(target))

    def show_counts(self, panes: list[Pane], unread: list[int]) -> None:
        """New unread counts, in place: the highlight and the pane shown stay as they are."""
        for index, pane in enumerate(panes):
            self.replace_option_prompt(str(index), pane_label(pane, unread[index]))


def pane_label(pane: Pane, unread: int | None) -> Text:
    """ "◆ Title 5", or with unread articles "◆ Title 2/5"; a pane with problems in red."""
    label = Text.assemble((f"{KIND_MARK.get(pane.kind, ' ')} ", "dim"))
    label.append(one_line(pane.title), style="bold red" if pane.errors else "")
    if unread and pane.kind != "muted":
        label.append(f" {unread}", style="bold")
        label.append(f"/{len(pane.article_ids)}", style="dim")
    else:
        label.append(f" {len(pane.article_ids)}", style="dim")
    return label
