"""Keyword chips: each keyword in its own colour, with its hit count."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from tui.literal import one_line


class KeywordChips(Static):
    """One line of chips that wraps like text when the pane is narrow."""

    def show(self, keywords: list[str], counts: dict[str, int], styles: dict[str, Style]) -> None:
        text = Text()
        for keyword in keywords:
            if text:
                text.append("  ")
            count = counts.get(keyword)
            shown = count if count is not None else "…"
            # No-break spaces keep a chip on one line; wrapping happens between chips.
            label = f"\u00a0{one_line(keyword)}\u00a0{shown}\u00a0".replace(" ", "\u00a0")
            text.append(label, style=styles.get(keyword, Style(reverse=True)))
        self.update(text)
        self.display = bool(keywords)

    def show_terms(self, terms: list[str]) -> None:
        text = Text.assemble(("key terms: ", "dim"))
        text.append(one_line(", ".join(terms)))
        self.update(text)
        self.display = bool(terms)
