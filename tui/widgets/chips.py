"""Keyword chips: each keyword in its own colour, with its hit count."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.literal import one_line


class KeywordChips(Widget):
    """Chips flowed onto lines like words: a chip is never broken across two lines."""

    DEFAULT_CSS = """
    KeywordChips {
        height: auto;
    }
    """

    def __init__(self, **kwargs: Any) -> None:  # name, id, classes, disabled
        super().__init__(**kwargs)
        self.chips: list[Text] = []
        self.prefix: Text | None = None

    def show(self, keywords: list[str], counts: dict[str, int], styles: dict[str, Style]) -> None:
        self.prefix = None
        self.chips = []
        for keyword in keywords:
            count = counts.get(keyword)
            shown = count if count is not None else "…"
            style = styles.get(keyword, Style(reverse=True))
            self.chips.append(Text(f" {one_line(keyword)} {shown} ", style=style))
        self.display = bool(keywords)
        self.refresh(layout=True)

    def show_terms(self, terms: list[str]) -> None:
        self.prefix = Text.assemble(("key terms: ", "dim"))
        self.chips = [Text(one_line(t) + ",") for t in terms[:-1]] + [Text(t) for t in terms[-1:]]
        self.display = bool(terms)
        self.refresh(layout=True)

    def render(self) -> Text:
        width = max(10, self.size.width or 80)
        out = self.prefix.copy() if self.prefix else Text()
        column = out.cell_len
        for chip in self.chips:
            if column and column + 1 + chip.cell_len > width:
                out.append("\n")
                column = 0
            elif column:
                out.append(" ")
                column += 1
            out.append_text(chip)
            column += chip.cell_len
        return out
