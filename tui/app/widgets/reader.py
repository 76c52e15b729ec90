"""The reader: one article, wrapped to the width, keywords and search terms highlighted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.ingest.article import Article
from tui.render.rich_text import block_text, styled
from tui.text.highlight import SEARCH, Keyword, Span, find_spans
from tui.text.literal import one_line
from tui.text.sentences import split_sentences


@dataclass(frozen=True)
class Hit:
    block: int  # -1 is the title
    span: Span


class Reader(VerticalScroll, can_focus=True):
    """Shows one article; ``n``/``N`` walk through the highlighted hits."""

    COMPONENT_CLASSES = {"reader--current"}
    BINDINGS = [
        # First, so that the footer of a narrow terminal still shows the way out.
        Binding("q", "screen.back_or_quit", "Back", tooltip="Back one level; quit from the top"),
        Binding("n", "next_hit", "Next hit", tooltip="Next highlighted hit"),
        Binding(
            "N", "previous_hit", "Prev hit", key_display="N", tooltip="Previous highlighted hit"
        ),
        Binding(
            "s",
            "similar",
            "Compare similar",
            tooltip="Compare with the most similar article from another source",
        ),
        Binding("slash", "find", "Find", key_display="/", tooltip="Find in this article (n/N)"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("g", "scroll_home", "Top", show=False, tooltip="The top of the article"),
        Binding("G", "scroll_end", "End", show=False, key_display="G", tooltip="Its end"),
        Binding("space", "page_down", "Page down", show=False, tooltip="A page further"),
        Binding("b", "page_up", "Page up", show=False, tooltip="A page back"),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    @dataclass
    class SimilarRequested(Message):
        reader: Reader
        article_id: str

    @dataclass
    class FindRequested(Message):
        reader: Reader

    def __init__(self, **kwargs: Any) -> None:  # name, id, classes, disabled
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.hits: list[Hit] = []
        self.current = -1
        self._spans: dict[int, list[Span]] = {}
        self._styles: dict[str, Style] = {}

    def on_mount(self) -> None:
        # The current hit's colours come from the theme: drawn anew when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._render_text())

    def compose(self) -> ComposeResult:
        yield Static(id="reader-title")
        yield Static(id="reader-meta")
        yield Static(id="reader-hits")
        yield Static(id="reader-body")

    def show(
        self,
        article: Article,
        keywords: list[str],
        styles: dict[str, Style],
        search_stems: frozenset[str] = frozenset(),
    ) -> None:
        """Render the article with its highlights, and go to the first hit."""
        self.article = article
        self._styles = styles
        kws = [Keyword.of(k) for k in keywords]
        texts = {-1: article.title} | {i: b.text for i, b in enumerate(article.blocks)}
        self._spans = {i: find_spans(text, kws, search_stems) for i, text in texts.items()}
        if search_stems:
            # After a search, n/N walk the search terms, also where a keyword is drawn over one.
            self.hits = [
                Hit(i, span)
                for i, text in texts.items()
                for span in find_spans(text, (), search_stems)
            ]
        else:
            self.hits = [Hit(i, span) for i in texts for span in self._spans[i]]
        self.current = 0 if self.hits and search_stems else -1
        meta = Text(one_line(article.meta_line()), style="dim")
        if article.url:  # where it came from, to open (o) or copy (Y)
            meta.append("\n" + one_line(article.url), style="dim underline")
        self.query_one("#reader-meta", Static).update(meta)
        self._render_text()
        self.scroll_home(animate=False)
        if self.current >= 0:
            self.call_after_refresh(self._scroll_to_current)

    def _block_text(self, index: int) -> Text:
        assert self.article is not None
        spans = self._spans.get(index, [])
        if index == -1:
            return styled(self.article.title, spans, self._styles, base="bold")
        return block_text(self.article.blocks[index], spans, self._styles, indent="  ")

    def _render_text(self) -> None:
        if self.article is None:
            return
        current = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        marker = self.get_component_rich_style("reader--current", partial=True)
        title = self._block_text(-1)
        if current and current.block == -1:
            title.stylize(marker, current.span.start, current.span.end)
        self.query_one("#reader-title", Static).update(title)
        body = Text()
        for index in range(len(self.article.blocks)):
            if index:
                body.append("\n\n")
            piece = self._block_text(index)
            if current and current.block == index:
                offset = len(piece.plain) - len(self.article.blocks[index].text)
                piece.stylize(marker, current.span.start + offset, current.span.end + offset)
            body.append_text(piece)
        self.query_one("#reader-body", Static).update(body)
        label = (
            f"hit {self.current + 1} of {len(self.hits)}  (n / N)"
            if self.current >= 0
            else f"{len(self.hits)} highlighted  (n / N)"
        )
        self.query_one("#reader-hits", Static).update(Text(label, style="dim italic"))

    def _line_of_current(self) -> int:
        """The wrapped line the current hit is on, within the body."""
        assert self.article is not None
        hit = self.hits[self.current]
        if hit.block < 0:
            return -1
        width = max(10, self.query_one("#reader-body", Static).content_region.width)
        lines = 0
        for index in range(hit.block):
            lines += len(self._block_text(index).wrap(self.app.console, width)) + 1
        current = self._block_text(hit.block)
        offset = len(current.plain) - len(self.article.blocks[hit.block].text)
        position = 0
        for line in current.wrap(self.app.console, width):
            position += len(line.plain) + 1
            if position > hit.span.start + offset:
                break
            lines += 1
        return lines

    def _scroll_to_current(self) -> None:
        if not (0 <= self.current < len(self.hits)):
            return
        line = self._line_of_current()
        body = self.query_one("#reader-body", Static)
        if line < 0:
            self.scroll_home(animate=False)
            return
        target = body.virtual_region.y + line - max(2, self.scrollable_content_region.height // 3)
        self.scroll_to(y=max(0, target), animate=False)

    def _move(self, step: int) -> None:
        if not self.hits:
            self.notify("Nothing highlighted in this article", severity="warning", timeout=2)
            return
        self.current = (self.current + step) % len(self.hits)
        self._render_text()
        self._scroll_to_current()

    def action_next_hit(self) -> None:
        self._move(1)

    def action_previous_hit(self) -> None:
        self._move(-1 if self.current >= 0 else 0)

    def current_sentence(self) -> str:
        """The sentence holding the current hit, else the article's first sentence."""
        if self.article is None or not self.article.blocks:
            return ""
        hit = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        if hit is not None and hit.block < 0:  # a hit in the title: the body's first hit
            hit = next((h for h in self.hits if h.block >= 0), None)
        block = self.article.blocks[hit.block if hit else 0].text
        at = hit.span.start if hit else 0
        sentences = split_sentences(block)
        start = 0
        for sentence in sentences:
            found = block.find(sentence, start)
            if found <= at < found + len(sentence):
                return sentence
            start = found + len(sentence)
        return sentences[0] if sentences else block

    def action_find(self) -> None:
        if self.article is not None:
            self.post_message(self.FindRequested(self))

    def find(self, needle: str) -> int:
        """Every place the text is in the article (literal, case aside), as the hits ``n``/``N``
        walk, drawn over the keywords; how many. An empty text goes back to the keywords."""
        if self.article is None:
            return 0
        texts = {-1: self.article.title} | {i: b.text for i, b in enumerate(self.article.blocks)}
        if not needle.strip():
            self.hits = [Hit(i, span) for i in texts for span in self._spans.get(i, [])]
            self.current = -1
            self._render_text()
            return 0
        pattern = re.compile(re.escape(needle.strip()), re.IGNORECASE)
        found = {
            i: [Span(m.start(), m.end(), SEARCH) for m in pattern.finditer(t)]
            for i, t in texts.items()
        }
        for i, spans in found.items():
            kept = [
                s
                for s in self._spans.get(i, [])
                if not any(s.start < f.end and f.start < s.end for f in spans)
            ]
            self._spans[i] = sorted(spans + kept, key=lambda s: s.start)
        self.hits = [Hit(i, span) for i in texts for span in found[i]]
        self.current = 0 if self.hits else -1
        self._render_text()
        self._scroll_to_current()
        return len(self.hits)

    def action_similar(self) -> None:
        if self.article is not None:
            self.post_message(self.SimilarRequested(self, self.article.id))
