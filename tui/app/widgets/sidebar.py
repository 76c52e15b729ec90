"""The sidebar: curated briefings, then topic panes, then "All articles"."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.briefings.briefing import Pane
from tui.text.literal import one_line

KIND_MARK = {"curated": "◆", "topic": "▸", "all": "≡"}


class Sidebar(OptionList):
    """One option per pane; its id is the pane's position in the app's pane list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def show_panes(self, panes: list[Pane], keep: int | None = None) -> None:
        self.clear_options()
        previous = None
        for index, pane in enumerate(panes):
            if previous is not None and pane.kind != previous:
                self.add_option(None)
            previous = pane.kind
            label = Text.assemble((f"{KIND_MARK.get(pane.kind, ' ')} ", "dim"))
            label.append(one_line(pane.title), style="bold red" if pane.errors else "")
            label.append(f" {len(pane.article_ids)}", style="dim")
            self.add_option(Option(label, id=str(index)))
        if panes:
            target = keep if keep is not None and keep < len(panes) else 0
            self.highlighted = self.get_option_index(str(target))
