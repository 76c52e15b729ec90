"""The stories: every event told by two or more sources, and one story's view (its articles by
date and outlet, who published when, what one source alone reports, what they dispute)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.help import SaysWhy
from tui.app.screens.listing import ListingScreen
from tui.app.widgets.footer import FittingFooter
from tui.library import StoryDetail, date_span
from tui.search.catalog import Entry
from tui.stories.story import Story
from tui.text.literal import one_line


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def counts(story: Story) -> str:
    """Sources and articles ("3 sources · 4 articles"), and the texts when copies are fewer."""
    said = f"{_count(story.source_count, 'source')} · {_count(len(story.articles), 'article')}"
    if story.accounts and story.accounts < len(story.articles):
        said += f" ({_count(story.accounts, 'distinct text')})"
    return said


def story_line(story: Story) -> Text:
    """One row of the stories list: the headline, then its counts and span, dimmed."""
    line = Text(one_line(story.title), style="bold")
    line.append(f"  {counts(story)} · {date_span(story.first, story.last)}", style="dim")
    outlets = ", ".join(one_line(s) for s in story.sources[:4])
    if len(story.sources) > 4:
        outlets += f" +{len(story.sources) - 4}"
    if story.unknown_sources:
        outlets += f"{', ' if outlets else ''}{story.unknown_sources} of unknown outlet"
    if outlets:
        line.append(f"\n  {outlets}", style="dim")
    return line


class StoriesScreen(ListingScreen):
    """Every story told by two or more sources, newest first."""

    LIST = "#stories-list"
    BINDINGS = [Binding("enter", "open", "Open story")]

    @dataclass
    class OpenStory(Message):
        story_id: str

    def __init__(self, stories: list[Story], notice: str | None = None) -> None:
        super().__init__()
        self.stories = stories
        self.notice = notice

    def compose(self) -> ComposeResult:
        head = Text("Stories", style="bold")
        head.append(
            f"  {_count(len(self.stories), 'event')} told by two or more sources, newest first",
            style="dim",
        )
        yield Static(head, id="stories-head")
        if self.stories:
            yield OptionList(
                *(Option(story_line(s), id=s.id) for s in self.stories), id="stories-list"
            )
        else:
            yield Static(
                Text(
                    "No story yet: an event is a story once two sources tell it "
                    "(add a feed, or articles from another outlet).",
                    style="dim",
                ),
                id="stories-empty",
            )
        if self.notice:
            yield Static(Text(one_line(self.notice), style="dim"))
        yield FittingFooter()

    @on(OptionList.OptionSelected, "#stories-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(self.OpenStory(event.option.id))

    def action_open(self) -> None:
        index = self.highlighted_index()
        if index is not None:
            self.post_message(self.OpenStory(self.stories[index].id))


class StoryScreen(SaysWhy):
    """One story: coverage, articles by date and outlet, one-source reports, disputes."""

    BINDINGS = [
        Binding("q", "back", "Back", tooltip="Back one level"),
        Binding("escape", "back", "Back", show=False),
        Binding(
            "c",
            "compare",
            "Side by side",
            tooltip="The highlighted article beside one from another source of this story",
        ),
        Binding("p", "pin", "Pin story", tooltip="Pin the story (and what joins it) to a briefing"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class OpenArticle(Message):
        article_id: str

    @dataclass
    class Compare(Message):
        a: str
        b: str

    @dataclass
    class PinStory(Message):
        story_id: str
        title: str

    def __init__(self, detail: StoryDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        d = self.detail
        story = d.story
        head = Text(one_line(story.title), style="bold")
        head.append(
            f"\n{counts(story)} · {date_span(story.first, story.last)} · {story.id}", style="dim"
        )
        yield Static(head, id="story-head")
        coverage = Text("Coverage  ", style="bold")
        for k, (day, outlets) in enumerate(d.coverage):
            if k:
                coverage.append("  →  ", style="dim")
            coverage.append(f"{day or 'undated'} ", style="dim")
            coverage.append(", ".join(one_line(o) for o in outlets))
        yield Static(coverage, id="story-coverage")
        copies = {i: c[0] for c in story.copies for i in c[1:]}
        yield OptionList(
            *(Option(self._article_line(e, copies.get(e.id)), id=e.id) for e in d.entries),
            id="story-articles",
        )
        with VerticalScroll(id="story-findings"):
            yield Static(self._findings(), id="story-findings-text")
        yield FittingFooter()

    def _article_line(self, entry: Entry, copy_of: str | None) -> Text:
        line = Text(f"{entry.date or 'undated':<10}  ", style="dim")
        line.append(one_line(entry.source or "source unknown"), style="bold")
        line.append(f"  {one_line(entry.title)}")
        if copy_of:
            line.append("  (same text as another source)", style="dim")
        return line

    def _findings(self) -> Text:
        d = self.detail
        out = Text()
        if d.disputes:
            out.append("Sources disagree\n", style="bold")
            for dispute in d.disputes:
                out.append(f"  ≠ {one_line(dispute.summary())}\n")
        if d.exclusive:
            if out:
                out.append("\n")
            out.append("Only one source reports\n", style="bold")
            titles = {e.id: e.title for e in d.entries}
            for x in d.exclusive:
                out.append(
                    f"  {one_line(x.source or titles.get(x.article_id, x.article_id))}\n",
                    style="bold",
                )
                if x.names:
                    out.append("    names: " + ", ".join(one_line(n) for n in x.names) + "\n")
                for sentence in x.sentences:
                    out.append(f"    “{one_line(sentence)}”\n")
        if not out:
            out.append(
                "Its sources report the same facts: nothing disputed, nothing only one reports.",
                style="dim",
            )
        for problem in d.problems:
            out.append(f"\n{one_line(problem)}", style="dim")
        return out

    def on_mount(self) -> None:
        self.query_one("#story-articles", OptionList).focus()

    def _highlighted(self) -> str | None:
        articles = self.query_one("#story-articles", OptionList)
        if articles.highlighted is None:
            return None
        return articles.get_option_at_index(articles.highlighted).id

    @on(OptionList.OptionSelected, "#story-articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(self.OpenArticle(event.option.id))

    def action_compare(self) -> None:
        """The highlighted article beside the first of another outlet (another account when
        there is one: a copy beside its original says nothing)."""
        mine = self._highlighted() or (self.detail.entries[0].id if self.detail.entries else None)
        entries = {e.id: e for e in self.detail.entries}
        if mine is None or len(entries) < 2:
            self.notify("A story of one article has nothing to put beside it")
            return
        source = (entries[mine].source or "").casefold()
        copies = {i for c in self.detail.story.copies if mine in c for i in c}

        def rank(e_id: str) -> tuple[bool, bool]:
            other = (entries[e_id].source or "").casefold()
            return (e_id in copies, bool(source) and other == source)

        others = sorted((i for i in entries if i != mine), key=rank)
        self.post_message(self.Compare(mine, others[0]))

    def action_pin(self) -> None:
        self.post_message(self.PinStory(self.detail.story.id, self.detail.story.title))

    def action_cursor_down(self) -> None:
        self.query_one("#story-articles", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#story-articles", OptionList).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()
