"""Keyword chips: each keyword in its own colour, with its hit count."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.text.literal import one_line


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

    def _lines(self, width: int) -> list[list[Text]]:
        """The chips flowed onto lines of ``width`` cells (the prefix on the first)."""
        lines: list[list[Text]] = [[self.prefix] if self.prefix else []]
        column = self.prefix.cell_len if self.prefix else 0
        for chip in self.chips:
            if column and column + 1 + chip.cell_len > width:
                lines.append([])
                column = 0
            lines[-1].append(chip)
            column += chip.cell_len + (1 if column else 0)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(max(10, width)))

    def render(self) -> Text:
        """The chips on as many lines as the widget has; when they do not all fit, the last
        line ends in "+N" for the chips not shown (a chip is never cut)."""
        width = max(10, self.size.width or 80)
        lines = self._lines(width)
        room = self.size.height or len(lines)
        if len(lines) > room:
            shown = lines[:room]
            hidden = len(self.chips) - sum(
                1 for line in shown for c in line if c is not self.prefix
            )
            more = Text(f"+{hidden}", style="bold")
            last = shown[-1]
            keep = 1 if last and last[0] is self.prefix else 0
            while len(last) > keep and sum(c.cell_len + 1 for c in last) + more.cell_len > width:
                last.pop()
                hidden += 1
                more = Text(f"+{hidden}", style="bold")
            last.append(more)
            lines = shown
        out = Text()
        for k, line in enumerate(lines):
            if k:
                out.append("\n")
            for j, piece in enumerate(line):
                if j and piece is not line[0]:
                    out.append(" ")
                out.append_text(piece)
        return out
