"""The article list of a pane: title · source · date, with marks for comparing two."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.index import Entry
from tui.literal import one_line

MARK = "●"


class ArticleList(DataTable[Text]):
    """Rows keyed by article id. ``m`` marks up to two articles for a comparison."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("m", "mark", "Mark", tooltip="Mark this article for a comparison"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.marked: list[str] = []

    def on_mount(self) -> None:
        # The title goes last so a long one never pushes source and date out of sight.
        self.add_column(Text(" "), key="mark", width=1)
        self.add_column(Text("date"), key="date", width=10)
        self.add_column(Text("source"), key="source", width=14)
        self.add_column(Text("title"), key="title")

    def show(self, entries: list[Entry]) -> None:
        self.clear()
        self.marked = []
        for entry in entries:
            self.add_row(
                Text(""),
                Text(entry.date or "—", style="dim"),
                Text(one_line(entry.source or "—"), style="dim"),
                Text(one_line(entry.title)),
                key=entry.id,
            )

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def action_mark(self) -> None:
        article_id = self.current_id
        if article_id is None:
            return
        if article_id in self.marked:
            self.marked.remove(article_id)
        else:
            self.marked.append(article_id)
            if len(self.marked) > 2:
                dropped = self.marked.pop(0)
                self.update_cell(dropped, "mark", Text(""))
        self.update_cell(article_id, "mark", Text(MARK if article_id in self.marked else ""))

    @property
    def marked_pair(self) -> tuple[str, str] | None:
        return (self.marked[0], self.marked[1]) if len(self.marked) == 2 else None
