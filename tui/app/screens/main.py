"""The main screen: sidebar of panes, the briefing pane or the reader, and index status.

It is built from the config and the index, shows what the app gives it (``show_panes``,
``show_index``, ``show_article``, ``show_progress``), and asks the app for everything that
changes app state or files with the messages defined below; it never imports the app."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ContentSwitcher, Header, OptionList, ProgressBar, Static
from textual.worker import Worker, get_current_worker

from tui.app.failures import notify_failure
from tui.app.screens.help import SaysWhy
from tui.app.screens.prompt import ListScreen, PromptScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.briefing_view import BriefingView
from tui.app.widgets.footer import FittingFooter
from tui.app.widgets.reader import Reader
from tui.app.widgets.sidebar import Sidebar
from tui.briefings.briefing import Pane
from tui.compare.disputes import Dispute
from tui.ingest.article import Article
from tui.library import PaneStats, pane_disputes, pane_stats
from tui.render.rich_text import configured_styles
from tui.search.catalog import UpdateReport
from tui.search.port import Backend
from tui.store.background import Abandoned, Cancelled, WhenCancelled, abandonable
from tui.store.config import Config
from tui.store.reading import ReadState
from tui.text.literal import one_line, shown_path


class MainScreen(SaysWhy):
    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            show=False,  # the reader shows its way back (q); at the top esc says where it is
            tooltip="From the reader: back to the search results it was opened from, else the "
            "briefing",
        ),
        Binding(
            "slash",
            "app.search",
            "Search",
            key_display="/",
            tooltip="Search the full text (Whoosh query language)",
        ),
        Binding(
            "t",
            "app.stories",
            "Stories",
            tooltip="Every event told by two or more sources, newest first",
        ),
        Binding(
            "c",
            "compare",
            "Compare",
            tooltip="Compare the two marked articles, else the suggested pair",
        ),
        Binding(
            "f",
            "open_dispute",
            "Disputed fact",
            tooltip="Open the comparison at the fact the sources disagree on",
        ),
        Binding(
            "u",
            "next_unread",
            "Next unread",
            tooltip="Open the next unread article of this pane (n/N stay the hits)",
        ),
        Binding(
            "U",
            "toggle_read",
            "Read/unread",
            show=False,
            key_display="U",
            tooltip="Mark the article (list or reader) read, or unread again",
        ),
        Binding(
            "A",
            "mark_pane_read",
            "Pane read",
            show=False,
            key_display="A",
            tooltip="Mark every article of this pane read",
        ),
        Binding(
            "l",
            "only_unread",
            "Only unread",
            show=False,
            tooltip="Show only the unread articles in the list, or all again",
        ),
        Binding(
            "T",
            "other_sources",
            "Its story",
            show=False,
            key_display="T",
            tooltip="The story of the article (list or reader): its other sources",
        ),
        Binding(
            "o",
            "open_url",
            "Open in browser",
            show=False,
            tooltip="Open the article's web address in the browser ($BROWSER)",
        ),
        Binding(
            "Y",
            "copy_url",
            "Copy URL",
            show=False,
            key_display="Y",
            tooltip="Copy the article's web address",
        ),
        Binding(
            "p", "pin", "Pin", show=False, tooltip="Pin the article (list or reader) to a briefing"
        ),
        Binding("P", "unpin", "Unpin", show=False, tooltip="Unpin the article from this briefing"),
        Binding(
            "y",
            "clip",
            "Clip",
            show=False,
            tooltip="Clip a passage (the current hit's sentence) into a briefing",
        ),
        Binding("e", "edit_summary", "Edit", show=False, tooltip="Edit this summary in $EDITOR"),
        Binding(
            "backslash",
            "toggle_sidebar",
            "Sidebar",
            show=False,
            key_display="\\",
            tooltip="Show or hide the sidebar (it folds away by itself under 70 columns)",
        ),
        Binding("question_mark", "app.help", "Help", key_display="?", tooltip="This help"),
        Binding(
            "w",
            "problems",
            "Warnings",
            show=False,
            tooltip="The files the index skipped or read with a warning (the status line counts "
            "them)",
        ),
        Binding(
            "ctrl+r",
            "app.refresh_index",
            "Refresh",
            show=False,
            tooltip="Look for new and changed articles now",
        ),
        Binding(
            "ctrl+z",
            "app.undo",
            "Undo",
            show=False,
            tooltip="Undo the last change made here to a briefing (unless it changed since)",
        ),
        Binding(
            "F",
            "app.feeds",
            "Feeds",
            show=False,
            key_display="F",
            tooltip="The feeds: unread, last fetch, errors; add or remove one",
        ),
        Binding(
            "r",
            "app.fetch_feeds",
            "Fetch",
            show=False,
            tooltip="Fetch the feeds of config.yaml; new articles join their panes",
        ),
        Binding("q", "back_or_quit", "Quit", tooltip="Back one level; quit from the top"),
    ]

    # --- what the screen asks of the app (which owns the panes, the index and the files) ---

    class Ready(Message):
        """The screen is composed: the app can show what it has and start indexing."""

    @dataclass
    class PaneShown(Message):
        index: int

    @dataclass
    class TermsFound(Message):
        """A topic pane's key terms (they stand in for keywords in the reader)."""

        article_ids: tuple[str, ...]
        terms: list[str]

    @dataclass
    class OpenArticle(Message):
        article_id: str

    @dataclass
    class OpenCompare(Message):
        a: str
        b: str
        at: tuple[int, int] | None = None

    @dataclass
    class CompareSimilar(Message):
        article_id: str

    @dataclass
    class OpenUrl(Message):
        url: str

    @dataclass
    class OpenStory(Message):
        """The story an article is in (its other sources)."""

        article_id: str

    @dataclass
    class Pin(Message):
        article_id: str

    @dataclass
    class Unpin(Message):
        article_id: str

    @dataclass
    class Clip(Message):
        article: Article
        passage: str

    class EditSummary(Message):
        pass

    class BackToSearch(Message):
        """Esc or q in an article opened from the search: the results again."""

    # --- from the screen's own workers ------------------------------------------------

    @dataclass
    class StatsReady(Message):
        pane_index: int
        stats: PaneStats

    @dataclass
    class DisputesReady(Message):
        pane_index: int
        key: tuple[str, ...]
        disputes: list[Dispute]

    def __init__(self, config: Config, ix: Backend | None, read: ReadState | None = None) -> None:
        super().__init__()
        self.config = config
        self.ix = ix
        self.read = read  # what the user has read (None: not kept, e.g. no index)
        self.only_unread = False
        self.panes: list[Pane] = []
        self.from_search = False  # the article in the reader was opened from the results
        self.current_pane = 0
        self.sidebar_choice: bool | None = None  # \ pressed: the user's choice beats the width
        self.problems: list[str] = []  # skipped files and reading warnings, for the status
        # Disputed facts by the pane's article ids; emptied whenever the index changes.
        self.disputes_cache: dict[tuple[str, ...], list[Dispute]] = {}

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="body"):
            yield Sidebar(id="sidebar")
            with ContentSwitcher(id="content", initial="pane"):
                yield BriefingView(id="pane")
                yield Reader(id="reader")
                yield Static(id="notice")
        with Horizontal(id="status"):
            yield Static(id="status-text")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=True)
        yield FittingFooter()

    def on_mount(self) -> None:
        self.post_message(self.Ready())

    # Under this many columns the sidebar folds away by itself (\ brings it back).
    SIDEBAR_MIN_WIDTH = 70

    def on_resize(self, event: events.Resize) -> None:
        if self.sidebar_choice is None:
            self.query_one(Sidebar).display = event.size.width >= self.SIDEBAR_MIN_WIDTH
            self._keep_focus_visible()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(Sidebar)
        self.sidebar_choice = not sidebar.display
        sidebar.display = self.sidebar_choice
        if sidebar.display:
            sidebar.focus()
        self._keep_focus_visible()

    def _keep_focus_visible(self) -> None:
        """Focus never stays on a widget the layout has hidden."""
        focused = self.focused
        if focused is not None and not focused.display:
            self.query_one(ArticleList).focus()

    def show_panes(self, panes: list[Pane]) -> None:
        self.panes = panes
        self._show_sidebar()
        self.show_pane(self.current_pane if self.current_pane < len(panes) else 0)

    def select_pane(self, index: int) -> None:
        sidebar = self.query_one(Sidebar)
        sidebar.highlighted = sidebar.get_option_index(str(index))
        self.show_pane(index)

    # --- status -------------------------------------------------------------------------

    def set_status(self, text: str | Text, busy: bool = False) -> None:
        self.query_one("#status-text", Static).update(text)
        self.query_one("#progress", ProgressBar).display = busy

    def show_progress(self, done: int, total: int, message: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        if total:
            bar.update(total=total, progress=done)
            self.set_status(Text(f"indexing {done}/{total}"), busy=True)
        else:
            self.set_status(Text(message), busy=True)

    def show_notice(self, text: Text) -> None:
        self.query_one("#notice", Static).update(text)
        self.query_one(ContentSwitcher).current = "notice"

    # --- panes --------------------------------------------------------------------------

    def show_index(self, panes: list[Pane], report: UpdateReport | None) -> None:
        """The index is ready (or changed): its figures in the status line, the panes anew."""
        self.panes = panes
        self.disputes_cache.clear()
        count = len(self.ix.catalog) if self.ix else 0
        status = Text(f"{count} articles indexed")
        if report is not None:
            changes = [
                f"{n} {what}"
                for n, what in (
                    (report.added, "new"),
                    (report.updated, "changed"),
                    (report.removed, "removed"),
                )
                if n
            ]
            if changes:
                status.append(" · " + " · ".join(changes), style="dim")
            for notice in report.notices:
                self.notify(notice, severity="warning", timeout=6)
        self.problems = self._problems()
        if self.problems:  # a count that opens the list (w, or a click on the status line)
            status.append(f" · {len(self.problems)} to look at (w)", style="bold yellow")
        self.set_status(status)
        self._show_sidebar()
        if count == 0:
            folders = ", ".join(str(p) for p in self.config.corpus)
            self.show_notice(
                Text.assemble(
                    ("No articles yet\n\n", "bold"),
                    f"Nothing to read in {folders}.\n\n",
                    "Put .txt or .md files there (sub-folders become topics), then press ctrl+r.\n",
                    "Or open another folder: briefing --corpus DIR",
                )
            )
            return
        if self.query_one(ContentSwitcher).current == "notice":
            self.query_one(ContentSwitcher).current = "pane"
        self.show_pane(min(self.current_pane, len(panes) - 1))

    def _problems(self) -> list[str]:
        """The files the index skipped, with their reasons, and what reading found wrong."""
        if self.ix is None:
            return []
        skipped = [f"skipped {shown_path(s.path)}: {s.reason}" for s in self.ix.skipped]
        return skipped + self.ix.warnings()

    def action_problems(self) -> None:
        if not self.problems:
            self.notify("Nothing to look at: every file was read without a warning", timeout=3)
            return
        title = f"{len(self.problems)} files skipped or read with a warning"
        self.app.push_screen(ListScreen(title, self.problems))

    @on(events.Click, "#status-text")
    def status_clicked(self) -> None:
        if self.problems:
            self.action_problems()

    def show_index_failure(self, message: str) -> None:
        self.set_status(Text(message, style="bold red"))
        self.show_notice(Text.assemble(("The index could not be built\n\n", "bold"), message))

    @on(OptionList.OptionHighlighted, "#sidebar")
    def pane_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_pane(int(event.option.id))

    @on(OptionList.OptionSelected, "#sidebar")
    def pane_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.show_pane(int(event.option.id))
            self.query_one(ArticleList).focus()

    def show_pane(self, index: int) -> None:
        panes = self.panes
        if not panes:
            return
        if index != self.current_pane:
            self.post_message(self.PaneShown(index))
        self.current_pane = index
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "reader":
            switcher.current = "pane"
        ix = self.ix
        view = self.query_one(BriefingView)
        view.show(panes[index], ix.catalog if ix else {}, self._shown_ids(panes[index]))
        view.query_one(ArticleList).read = self.read.ids if self.read is not None else None
        if ix is not None and panes[index].article_ids:
            self.compute_stats(index, panes[index])
            key = tuple(panes[index].article_ids)
            if key in self.disputes_cache:
                self.query_one(BriefingView).show_disputes(self.disputes_cache[key])
            elif panes[index].kind == "curated":
                self.compute_disputes(index, panes[index])

    @work(thread=True, exclusive=True, group="disputes", exit_on_error=False)
    def compute_disputes(self, index: int, pane: Pane) -> None:
        ix = self.ix
        assert ix is not None
        config = self.config
        worker = get_current_worker()
        try:
            disputes = abandonable(
                lambda: pane_disputes(config, ix, pane, WhenCancelled(worker)),
                WhenCancelled(worker),
            )
        except Cancelled:
            return
        if not worker.is_cancelled:
            self.post_message(self.DisputesReady(index, tuple(pane.article_ids), disputes))

    @on(DisputesReady)
    def disputes_ready(self, message: DisputesReady) -> None:
        self.disputes_cache[message.key] = message.disputes
        if message.pane_index == self.current_pane:
            self.query_one(BriefingView).show_disputes(message.disputes)

    @on(OptionList.OptionSelected, "#pane-disputes")
    def dispute_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_dispute()

    def action_open_dispute(self) -> None:
        dispute = self.query_one(BriefingView).chosen_dispute()
        if dispute is None:
            self.notify("No disputed facts in this briefing", timeout=3)
            return
        self.post_message(self.OpenCompare(*dispute.pair, at=dispute.at))

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def compute_stats(self, index: int, pane: Pane) -> None:
        ix = self.ix
        assert ix is not None
        worker = get_current_worker()
        try:
            stats = abandonable(lambda: pane_stats(ix, pane, ix.catalog), WhenCancelled(worker))
        except Abandoned:
            return
        if not worker.is_cancelled:
            self.post_message(self.StatsReady(index, stats))

    @on(StatsReady)
    def stats_ready(self, message: StatsReady) -> None:
        if message.pane_index >= len(self.panes):
            return  # the panes changed meanwhile
        pane = self.panes[message.pane_index]
        if not pane.keywords:  # a topic pane: its key terms stand in for keywords in the reader
            self.post_message(
                self.TermsFound(tuple(pane.article_ids), list(message.stats.key_terms))
            )
        if message.pane_index == self.current_pane:
            styles = configured_styles(pane.keywords, self.config.highlight)
            self.query_one(BriefingView).show_stats(message.stats, styles)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place for worker failures: say what went wrong, keep the app running."""
        notify_failure(self, event)

    # --- articles -----------------------------------------------------------------------

    @on(ArticleList.Selected, "#articles")
    def article_selected(self, event: ArticleList.Selected) -> None:
        self.post_message(self.OpenArticle(event.article_id))

    def show_article(
        self,
        article: Article,
        keywords: list[str],
        terms: frozenset[str] = frozenset(),
        *,
        from_search: bool = False,
    ) -> None:
        """The article in the reader; ``from_search``: esc and q go back to the results."""
        self.from_search = from_search
        self.query_one(ContentSwitcher).current = "reader"
        reader = self.query_one(Reader)
        reader.focus()
        reader.show(article, keywords, configured_styles(keywords, self.config.highlight), terms)

    def action_compare(self) -> None:
        panes = self.panes
        pane = panes[self.current_pane] if panes else None
        articles = self.query_one(ArticleList)
        if len(articles.marked) == 1:  # half a pair: never the suggested one instead
            title = articles.title_of(articles.marked[0])
            self.notify(f"One article marked ({title}): mark one more with m, then c", timeout=4)
            return
        marked = articles.marked_pair
        pair = marked or (pane.compare[0] if pane and pane.compare else None)
        if pair is None:
            self.notify("Mark two articles with m, then press c", timeout=3)
            return
        self.post_message(self.OpenCompare(*pair))

    def _article_here(self) -> str | None:
        """The article in the reader, else the one under the list's cursor."""
        if self.query_one(ContentSwitcher).current == "reader":
            article = self.query_one(Reader).article
            return article.id if article else None
        return self.query_one(ArticleList).current_id

    def action_pin(self) -> None:
        article_id = self._article_here()
        if article_id is None:
            self.notify("No article here to pin", timeout=3)
            return
        self.post_message(self.Pin(article_id))

    # --- read and unread ------------------------------------------------------------------

    def _unread_counts(self) -> list[int] | None:
        if self.read is None:
            return None
        read = self.read.ids
        return [sum(1 for i in p.article_ids if i not in read) for p in self.panes]

    def _show_sidebar(self) -> None:
        self.query_one(Sidebar).show_panes(
            self.panes, keep=self.current_pane, unread=self._unread_counts()
        )

    def _shown_ids(self, pane: Pane) -> list[str] | None:
        """The pane's ids the list shows: all, or with ``l`` only the unread ones."""
        if not self.only_unread or self.read is None:
            return None
        return self.read.unread(pane.article_ids)

    def read_changed(self) -> None:
        """Counts and the list's marks anew after articles were marked (the list keeps its
        place: an article just read stays in an "only unread" list until the pane is shown)."""
        if self.read is not None and self.read.problem:
            self.notify(self.read.problem, severity="warning", timeout=6)
        counts = self._unread_counts()
        if counts is not None:
            self.query_one(Sidebar).show_counts(self.panes, counts)
        self.query_one(ArticleList).refresh()

    def _pane_ids(self) -> list[str]:
        return self.panes[self.current_pane].article_ids if self.panes else []

    def action_next_unread(self) -> None:
        """The next unread article of this pane after the one here (then from the top)."""
        if self.read is None:
            return
        ids = self._pane_ids()
        here = self._article_here()
        reading = self.query_one(ContentSwitcher).current == "reader"
        start = ids.index(here) + (1 if reading else 0) if here in ids else 0
        for article_id in ids[start:] + ids[:start]:
            if not self.read.is_read(article_id) and not (reading and article_id == here):
                self.post_message(self.OpenArticle(article_id))
                return
        self.notify("Nothing unread in this pane", timeout=3)

    def action_toggle_read(self) -> None:
        article_id = self._article_here()
        if article_id is None or self.read is None:
            self.notify("No article here: U marks the article read or unread", timeout=3)
            return
        now_read = not self.read.is_read(article_id)
        self.read.mark([article_id], read=now_read)
        self.notify("Marked read" if now_read else "Marked unread", timeout=2)
        self.read_changed()

    def action_mark_pane_read(self) -> None:
        if self.read is None or not self.panes:
            return
        pane = self.panes[self.current_pane]
        changed = self.read.mark(pane.article_ids)
        self.notify(f"{changed} marked read · {one_line(pane.title)}", timeout=3)
        self.read_changed()

    def action_only_unread(self) -> None:
        if self.read is None:
            return
        self.only_unread = not self.only_unread
        self.notify("Only unread articles" if self.only_unread else "Every article", timeout=2)
        self.show_pane(self.current_pane)

    def action_other_sources(self) -> None:
        article_id = self._article_here()
        if article_id is None:
            self.notify("No article here: o shows the other sources on an article's story")
            return
        self.post_message(self.OpenStory(article_id))

    def action_unpin(self) -> None:
        article_id = self._article_here()
        if article_id is not None:
            self.post_message(self.Unpin(article_id))

    def action_clip(self) -> None:
        reader = self.query_one(Reader)
        if self.query_one(ContentSwitcher).current != "reader" or reader.article is None:
            self.notify("Open an article (enter), then y clips a passage of it", timeout=4)
            return
        self.post_message(self.Clip(reader.article, reader.current_sentence()))

    def action_edit_summary(self) -> None:
        self.post_message(self.EditSummary())

    @on(Reader.FindRequested)
    def find_requested(self, event: Reader.FindRequested) -> None:
        event.stop()
        reader = event.reader

        def found(text: str | None) -> None:
            if text is None:
                return
            count = reader.find(text)
            if text.strip():
                self.notify(
                    f"{count} found (n / N)" if count else f"Not in this article: {one_line(text)}",
                    timeout=3,
                )

        self.app.push_screen(
            PromptScreen("Find in this article", hint="enter: find · esc: cancel"), found
        )

    def _url_here(self) -> str | None:
        """The web address of the article in the reader, when it has one to open (a list row
        knows none until its article is read: the file is the truth)."""
        reader = self.query_one(Reader)
        if self.query_one(ContentSwitcher).current != "reader" or reader.article is None:
            return None
        url = reader.article.url
        return url if url and url.startswith(("http://", "https://")) else None

    def action_open_url(self) -> None:
        url = self._url_here()
        if url is None:
            self.notify("No web address here: open an article that has one (enter)", timeout=4)
            return
        self.post_message(self.OpenUrl(url))

    def action_copy_url(self) -> None:
        url = self._url_here()
        if url is None:
            self.notify("No web address here: open an article that has one (enter)", timeout=4)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {one_line(url)}", timeout=3)

    @on(Reader.SimilarRequested)
    def similar_requested(self, event: Reader.SimilarRequested) -> None:
        event.stop()
        self.post_message(self.CompareSimilar(event.article_id))

    def action_back(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "reader":
            if self.from_search:  # opened from the results: back to them
                self.from_search = False
                self.post_message(self.BackToSearch())
                return
            switcher.current = "pane"
            self.query_one(ArticleList).focus()
        elif self.focused is self.query_one(Sidebar) or not self.query_one(Sidebar).display:
            self.notify("At the top already: / searches, q quits", timeout=3)
        else:
            self.query_one(Sidebar).focus()

    def action_back_or_quit(self) -> None:
        """q as newsboat and neomutt have it: back one level, quit only from the top."""
        if self.query_one(ContentSwitcher).current == "reader":
            self.action_back()
        else:
            self.app.exit()
