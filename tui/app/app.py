"""The briefing app: a thin Textual layer over the core (index, briefings, search, compare)."""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.css.query import NoMatches
from textual.filter import LineFilter
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, get_current_worker

from tui.app.commands import BriefingCommands
from tui.app.contrast import MinimumContrast
from tui.app.failures import notify_failure
from tui.app.screens.compare import CompareScreen
from tui.app.screens.feeds import FeedRow, FeedsScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import ChoiceScreen, PromptScreen
from tui.app.screens.search import BriefingFromSearch, OpenHit, SearchScreen
from tui.app.screens.stories import StoriesScreen, StoryScreen
from tui.app.terminal import hung_up, is_terminal
from tui.backend import open_backend
from tui.briefings.briefing import Pane, load_briefings
from tui.briefings.curate import (
    BriefingFile,
    CurateError,
    change_file,
    clippings_of,
    edit_in_editor,
    editor,
    keywords_of_query,
    new_briefing,
    passage_in,
    save_summary,
    slug,
    trash,
)
from tui.briefings.export import to_html, to_markdown
from tui.feeds.subscriptions import SubscriptionError, add_feeds, remove_feed
from tui.ingest.article import Article, SkipFile
from tui.library import (
    Stories,
    briefing_document,
    corpus_idf,
    keywords_for,
    load_panes,
    load_stories,
    muted_ids,
    read_article,
    story_detail,
)
from tui.render.rich_text import configured_styles
from tui.search.catalog import IndexError_, IndexWriteError, UpdateReport
from tui.search.port import Backend
from tui.search.similar import most_similar_elsewhere
from tui.store.atomic import write_atomic, write_new
from tui.store.background import Abandoned, Cancelled, WhenCancelled, abandonable
from tui.store.config import Config, ConfigError, Feed, load_config
from tui.store.errors import Failed
from tui.store.reading import ReadState, read_state_path
from tui.store.state import load_state, save_state
from tui.text.literal import one_line, short, shown_path

SEARCH_HISTORY = 50  # queries remembered for ↑ in the search box
# Textual's themes drawn in the terminal's own sixteen colours: what their text looks like
# depends on the terminal's palette, so its contrast cannot be checked (tui.app.contrast).
ANSI_THEMES = ("ansi-dark", "ansi-light")


class BriefingApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # under 30 rows a compact pane, under 22 a compacter one (see app.tcss)
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (22, "-short"), (30, "-tall")]

    def __init__(
        self,
        config: Config,
        *,
        problem: str | None = None,
        state_path: Path | None = None,
        watch_seconds: float = 5.0,
    ) -> None:
        super().__init__()
        self.config = config
        self.problem = problem
        self.ix: Backend | None = None if problem else open_backend(config.resolved_index_dir)
        self.panes: list[Pane] = []
        self.state_path = state_path
        self.watch_seconds = watch_seconds
        self.current_pane = 0  # as the main screen reports it (PaneShown)
        # Key terms of panes without keywords (topics), by article ids, for the reader.
        self.pane_terms: dict[tuple[str, ...], list[str]] = {}
        self._frozen = False  # the catalog frozen out of the cycle collector (_index_ready)
        self.current_article: str | None = None
        self.stories: Stories | None = None  # grouped on first use, again after each update
        # (file, its bytes before, its digest after, what) of each curate step made here
        self.undo_steps: list[tuple[Path, bytes | None, str | None, str]] = []
        self.current_terms: frozenset[str] = frozenset()
        self.last_query = ""  # the search whose hit is open, for esc and /
        self.read = ReadState(read_state_path(config.resolved_index_dir))
        self.main = MainScreen(config, self.ix, self.read)
        folders = ", ".join(shown_path(p.name) for p in config.corpus) or "no corpus"
        self.sub_title = folders

    _contrast = MinimumContrast()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then every text lifted to a readable contrast (tui.app.contrast)."""
        return [*super().get_line_filters(), self._contrast]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is literal text: names and messages may hold ``[brackets]``
        or escape sequences from file names, which must never be read as markup or reach the
        terminal. (Nothing in the app needs markup in a notification.)"""
        super().notify(
            one_line(message),
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notify_failure(self, event)

    def get_default_screen(self) -> MainScreen:
        return self.main

    # --- start-up -----------------------------------------------------------------------

    def on_mount(self) -> None:
        for ansi in ANSI_THEMES:  # their colours are the terminal's own: not ours to check
            self.unregister_theme(ansi)
        saved = load_state(self.state_path).get("theme")
        for name in (saved, self.config.theme):
            if isinstance(name, str) and name in self.available_themes:
                self.theme = name
                break
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if not self.is_headless and is_terminal(self._terminal_fd):
            self.set_interval(1.0, self._quit_if_terminal_gone)

    _terminal_fd = 0  # standard input: the terminal the app reads its keys from

    def _quit_if_terminal_gone(self) -> None:
        """Quit once the terminal has closed (see tui.app.terminal: make swallows the SIGHUP)."""
        if hung_up(self._terminal_fd):
            self.exit()

    # --- what the index worker sends (posted from its thread to the app) ----------------

    @dataclass
    class IndexProgress(Message):
        done: int
        total: int
        message: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, BriefingApp.IndexProgress)  # only the latest counts

    @dataclass
    class IndexReady(Message):
        panes: list[Pane]
        report: UpdateReport | None

    @dataclass
    class IndexFailed(Message):
        message: str

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        with contextlib.suppress(NoMatches):  # posted as the app closed: its widgets are gone
            self.main.show_progress(message.done, message.total, message.message)

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.panes = message.panes
        self.stories = None  # placed again, with what the update brought, on next use
        with contextlib.suppress(NoMatches):  # posted as the app closed: its widgets are gone
            self.main.show_index(message.panes, message.report)
        if not self._frozen:
            # The catalog lives as long as the index: Python's cycle collector need not walk
            # its objects again (at 100,000 articles each full collection took 150-250 ms, a
            # pause that landed between a key and its results). Once, at start-up (frozen
            # objects are never collected), and let go when the app ends (on_unmount).
            gc.freeze()
            self._frozen = True

    def on_unmount(self) -> None:
        if self._frozen:
            gc.unfreeze()  # what the app held can be collected again (tests run many apps)
            self._frozen = False

    @on(IndexFailed)
    def _index_failed(self, message: IndexFailed) -> None:
        self.main.show_index_failure(message.message)

    # --- what the main screen asks for ---------------------------------------------------

    @on(MainScreen.Ready)
    def _main_ready(self) -> None:
        self.start()

    @on(MainScreen.PaneShown)
    def _pane_shown(self, message: MainScreen.PaneShown) -> None:
        self.current_pane = message.index

    @on(MainScreen.TermsFound)
    def _terms_found(self, message: MainScreen.TermsFound) -> None:
        self.pane_terms[message.article_ids] = message.terms

    @on(MainScreen.OpenArticle)
    def _open_article(self, message: MainScreen.OpenArticle) -> None:
        self.open_article(message.article_id)

    @on(MainScreen.OpenCompare)
    def _open_compare(self, message: MainScreen.OpenCompare) -> None:
        self.open_compare(message.a, message.b, at=message.at)

    @on(MainScreen.OpenUrl)
    def _open_url(self, message: MainScreen.OpenUrl) -> None:
        self.open_in_browser(message.url)

    @work(thread=True, group="browser", exit_on_error=False)
    def open_in_browser(self, url: str) -> None:
        """The address in the user's browser ($BROWSER, else the system's), never through a
        shell (``webbrowser`` runs the command itself), in a worker: launching never holds
        the screen."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error as exc:
            self.call_from_thread(self.notify, f"No browser: {exc}", severity="error")
            return
        if not opened:
            self.call_from_thread(
                self.notify, "No browser to open it with: set $BROWSER", severity="warning"
            )

    @on(FeedsScreen.OpenFeed)
    def _open_feed(self, message: FeedsScreen.OpenFeed) -> None:
        index = next(
            (
                k
                for k, p in enumerate(self.panes)
                if p.kind == "topic" and p.title == message.folder
            ),
            None,
        )
        if index is None:
            self.notify("Nothing fetched from this feed yet: r fetches it", timeout=4)
            return
        while self.screen is not self.main and len(self.screen_stack) > 1:
            self.pop_screen()
        self.open_pane(index)

    @on(FeedsScreen.AddFeed)
    def _add_feed(self) -> None:
        def entered(url: str | None) -> None:
            url = (url or "").strip()
            if not url:
                return
            if not url.startswith(("http://", "https://")):
                self.notify("A feed's address starts with http:// or https://", severity="error")
                return
            self._change_feeds(
                lambda path: bool(add_feeds(path, [Feed(url)])[0]), "Added · r fetches it"
            )

        self.push_screen(
            PromptScreen("Feed address", hint="enter: subscribe · esc: cancel"), entered
        )

    @on(FeedsScreen.RemoveFeed)
    def _remove_feed(self, message: FeedsScreen.RemoveFeed) -> None:
        def chosen(index: int | None) -> None:
            if index == 0:
                self._change_feeds(lambda path: remove_feed(path, message.url), "Removed")

        self.push_screen(
            ChoiceScreen(f"Unsubscribe from {short(message.label, 40)}?", ["Remove it", "Keep it"]),
            chosen,
        )

    def _change_feeds(self, change: Callable[[Path], bool], done: str) -> None:
        """Change config.yaml's feeds (a round trip that keeps comments), then read it again."""
        path = self.config.source
        if path is None:
            self.notify(
                "Feeds are kept in config.yaml: start briefing with it (not --corpus)",
                severity="error",
                timeout=6,
            )
            return
        try:
            changed = change(path)
            config = load_config(path, required=True)
        except (SubscriptionError, ConfigError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.config = self.main.config = replace(
            config, index_dir=self.config.index_dir or config.index_dir
        )
        self.notify(done if changed else "Unchanged: that feed is there already", timeout=4)
        if isinstance(self.screen, FeedsScreen):
            self.pop_screen()
            self.action_feeds()

    def feed_rows(self) -> list[FeedRow]:
        """Each feed with its unread and total articles (those in its folder), last fetch and
        last error."""
        from tui.feeds.fetch import feed_folder, status

        fetched = self.config.resolved_fetched_dir
        catalog = self.ix.catalog if self.ix is not None else {}
        muted = self._muted()
        in_folder: dict[str, list[str]] = {}  # one pass over the catalog, whatever the feeds
        for e in catalog.values():
            if e.id not in muted:
                in_folder.setdefault(e.path.rpartition("/")[0], []).append(e.id)
        rows = []
        for feed, st in zip(
            self.config.feeds, status(list(self.config.feeds), fetched), strict=True
        ):
            folder = feed_folder(feed, fetched)
            ids = in_folder.get(str(folder), [])
            rows.append(
                FeedRow(
                    label=feed.label,
                    url=feed.url,
                    topic=feed.topic,
                    folder=folder.name,
                    unread=len(self.read.unread(ids)),
                    total=len(ids),
                    last_fetch=st["last_fetch"],
                    last_error=st["last_error"],
                )
            )
        return rows

    def action_feeds(self) -> None:
        """The feeds screen: unread/total, last fetch and error; open, add, remove."""
        self.push_screen(FeedsScreen(self.feed_rows()))

    @on(MainScreen.OpenStory)
    def _open_story_of(self, message: MainScreen.OpenStory) -> None:
        self.open_story(article_id=message.article_id)

    @on(StoriesScreen.OpenStory)
    def _open_story(self, message: StoriesScreen.OpenStory) -> None:
        self.open_story(story_id=message.story_id)

    @on(StoryScreen.OpenArticle)
    def _open_story_article(self, message: StoryScreen.OpenArticle) -> None:
        self.open_article(message.article_id)

    @on(StoryScreen.Compare)
    def _compare_in_story(self, message: StoryScreen.Compare) -> None:
        self.open_compare(message.a, message.b)

    @on(StoryScreen.PinStory)
    def _pin_story(self, message: StoryScreen.PinStory) -> None:
        self.pin_story(message.story_id, message.title)

    @on(MainScreen.CompareSimilar)
    def _compare_similar(self, message: MainScreen.CompareSimilar) -> None:
        self.compare_with_similar(message.article_id)

    @on(MainScreen.Pin)
    def _pin(self, message: MainScreen.Pin) -> None:
        self.pin_article(message.article_id)

    @on(MainScreen.Unpin)
    def _unpin(self, message: MainScreen.Unpin) -> None:
        self.unpin_article(message.article_id)

    @on(MainScreen.Clip)
    def _clip(self, message: MainScreen.Clip) -> None:
        self.clip_passage(message.article, message.passage)

    @on(MainScreen.EditSummary)
    def _edit_summary(self) -> None:
        self.edit_summary()

    @on(MainScreen.BackToSearch)
    def _back_to_search(self) -> None:
        self.action_search()

    def start(self) -> None:
        """Once the main screen is composed: show what we have, then index."""
        if self.problem or self.ix is None:
            self.main.show_notice(self._problem_text(self.problem or "no corpus"))
            self.main.set_status(self.problem or "")
            return
        preview = [
            Pane(b.title, "curated", [], b.keywords, b.summary, b.compare, b.errors, b.query)
            for b in load_briefings(self.config.briefings)
        ]
        self.panes = [*preview, Pane("All articles", "all", [])]
        self.main.show_panes(self.panes)
        self.index_corpus()
        if self.watch_seconds:
            self.set_interval(self.watch_seconds, self.check_for_changes)

    @staticmethod
    def _problem_text(problem: str) -> Text:
        return Text.assemble(
            ("Nothing to show yet\n\n", "bold"),
            (problem + "\n\n", "yellow"),
            "Point briefing at a folder of articles (.txt or .md; sub-folders become topics):\n",
            ("  briefing --corpus DIR\n", "bold"),
            "or list folders under 'corpus:' in config.yaml.",
        )

    def _remember_theme(self, theme: Theme) -> None:
        save_state({"theme": theme.name}, self.state_path)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def index_corpus(self, rebuild: bool = False) -> None:
        """Bring the index up to date off the UI thread, posting progress as it goes."""
        assert self.ix is not None
        worker = get_current_worker()
        post = self.post_message
        if not rebuild and self.ix.catalog:
            post(self.IndexReady(load_panes(self.config, self.ix), None))
        try:
            report = self.ix.update(
                self.config.roots,
                self.config.patterns,
                self.config.max_article_bytes,
                rebuild=rebuild,
                progress=lambda d, t, m: post(self.IndexProgress(d, t, m)),
                procs=1,  # no forking from a thread of a running app
                stop=WhenCancelled(worker),
                full=True,  # off screen: every file compared, a file written over in place too
            )
        except IndexWriteError as exc:  # a full disk: the last complete index is still there
            if self.ix.check() is None:
                report = UpdateReport()
                report.notices.append(str(exc))
                post(self.IndexReady(load_panes(self.config, self.ix), report))
            else:
                post(self.IndexFailed(str(exc)))
            return
        except (IndexError_, ConfigError, Failed) as exc:
            post(self.IndexFailed(str(exc)))
            return
        except Cancelled:
            return
        post(self.IndexReady(load_panes(self.config, self.ix), report))

    def check_for_changes(self) -> None:
        """Every few seconds: what another ``briefing index`` committed meanwhile, and what
        was added to, removed from or renamed in a corpus folder (a feed's fetch, a file
        dropped in), looked for in a worker. Never while this app's own indexing runs, nor
        while the last look is still going (a full scan of a large corpus outlasts the
        interval)."""
        if any(w.group in ("index", "watch") and w.is_running for w in self.workers):
            return
        if self.ix is not None:
            self.watch_corpus()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def watch_corpus(self) -> None:
        """Off the UI thread: when no folder changed, only the folders' stamps are read
        (``folders.json``), so this costs the same at any corpus size."""
        assert self.ix is not None
        committed = self.ix.refresh()
        try:
            report = self.ix.update(
                self.config.roots,
                self.config.patterns,
                self.config.max_article_bytes,
                procs=1,
                stop=WhenCancelled(get_current_worker()),
                wait=False,  # another process writing: its commit is picked up next time
            )
        except (IndexError_, Cancelled):
            report = UpdateReport()
        if committed or report.changed:
            changed = report if report.changed else None
            self.post_message(self.IndexReady(load_panes(self.config, self.ix), changed))

    # --- what screens ask for -----------------------------------------------------------

    def _keywords(self, article_id: str) -> list[str]:
        current = self.panes[self.current_pane] if self.panes else None
        first = current.keywords if current and article_id in current.article_ids else []
        if current and not first and article_id in current.article_ids:
            first = self.pane_terms.get(tuple(current.article_ids), [])  # a topic's terms
        rest = keywords_for(article_id, self.panes)
        return first + [k for k in rest if k not in first]

    def _load(self, article_id: str) -> Article | tuple[str, int]:
        """The article, read from its file; or what to say instead, and for how long. Runs in
        a worker: a saved page is extracted again on opening, and a file may sit on a slow
        disk, neither of which may hold the screen."""
        known = self.ix.known_id(article_id) if self.ix else None
        entry = self.ix.catalog.get(known) if self.ix and known else None
        if entry is None:
            return f"No article with id {article_id}", 5
        try:
            return read_article(self.config, entry)
        except SkipFile as exc:
            return f"{entry.path}: {exc}", 5
        except Failed as exc:  # not the file's fault (a library missing): said as it is
            return str(exc), 10

    def _loaded(self, *article_ids: str) -> list[Article] | None:
        """In a worker: the articles, or None once a failure has been said (on the screen's
        thread) or the worker was cancelled by a newer opening."""
        articles = []
        for article_id in article_ids:
            got = self._load(article_id)
            if isinstance(got, tuple):
                message, seconds = got
                self.call_from_thread(self.notify, message, severity="error", timeout=seconds)
                return None
            articles.append(got)
        return None if get_current_worker().is_cancelled else articles

    def open_pane(self, index: int) -> None:
        self.main.select_pane(index)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_article(
        self, article_id: str, terms: frozenset[str] = frozenset(), *, from_search: bool = False
    ) -> None:
        """Opens the article in the reader, read in a worker (a newer opening replaces it)."""
        if loaded := self._loaded(article_id):
            self.call_from_thread(self._show_article, loaded[0], terms, from_search)

    def _show_article(self, article: Article, terms: frozenset[str], from_search: bool) -> None:
        while self.screen is not self.main and len(self.screen_stack) > 1:
            self.pop_screen()
        self.current_article = article.id
        self.current_terms = terms
        if self.read.mark([article.id]):
            self.main.read_changed()
        self.main.show_article(article, self._keywords(article.id), terms, from_search=from_search)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_compare(self, a_id: str, b_id: str, at: tuple[int, int] | None = None) -> None:
        """The comparison of two articles; ``at`` (sentence index, start on side A) names a
        differing fact to open at. Both are read in a worker."""
        loaded = self._loaded(a_id, b_id)
        if not loaded:
            return
        a, b = loaded
        idf = corpus_idf(self.ix, a, b) if self.ix is not None else None
        self.call_from_thread(self._show_compare, a, b, at, idf)

    def _show_compare(
        self,
        a: Article,
        b: Article,
        at: tuple[int, int] | None,
        idf: Callable[[str], float] | None,
    ) -> None:
        keywords = self._keywords(a.id)
        for k in self._keywords(b.id):
            if k not in keywords:
                keywords.append(k)
        self.push_screen(
            CompareScreen(
                a,
                b,
                keywords,
                configured_styles(keywords, self.config.highlight),
                self.current_terms,
                start_at=at,
                corpus_idf=idf,
            )
        )

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def compare_with_similar(self, article_id: str) -> None:
        ix = self.ix
        assert ix is not None
        worker = get_current_worker()
        try:
            other = abandonable(
                lambda: most_similar_elsewhere(ix, article_id), WhenCancelled(worker)
            )
        except Abandoned:
            return
        if other is None:
            self.call_from_thread(self.notify, "No similar article from another source")
            return
        self.call_from_thread(self.open_compare, article_id, other)

    def _muted(self) -> set[str]:
        """What ``mute:`` keeps out of view: the "Muted (N)" pane that loading the panes made
        (its queries are run again only when no pane is loaded yet)."""
        if not self.config.mute:
            return set()
        if self.panes:
            return {i for p in self.panes if p.kind == "muted" for i in p.article_ids}
        return muted_ids(self.config, self.ix)[0] if self.ix is not None else set()

    def _stories(self) -> Stories:
        """In a worker: the stories, grouped (and placed anew after an update) once."""
        assert self.ix is not None
        if self.stories is None:
            if len(self.ix.catalog) > 2_000:  # long enough to wait for (BBC's 2,225: ~6 s)
                self.call_from_thread(self.notify, "Grouping the stories…", timeout=3)
            muted = self._muted()
            self.stories = load_stories(self.ix, WhenCancelled(get_current_worker()), muted)
        return self.stories

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def action_stories(self) -> None:
        """Every story told by two or more sources, newest first."""
        if self.ix is None or not self.ix.catalog:
            self.call_from_thread(self.notify, "No articles yet: the index is still being built")
            return
        try:
            stories = self._stories()
        except Cancelled:
            return
        self.call_from_thread(self.push_screen, StoriesScreen(stories.shown(2), stories.notice))

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def open_story(self, *, story_id: str | None = None, article_id: str | None = None) -> None:
        """One story's view (by its id, or the story an article is in), made in a worker: it
        reads one article per account and compares them."""
        if self.ix is None:
            return
        worker = get_current_worker()
        try:
            stories = self._stories()
            story = stories.find(story_id) if story_id else None
            if story is None and article_id is not None:
                story = stories.of_article(article_id)
            if story is None or (article_id is not None and len(story.articles) < 2):
                self.call_from_thread(
                    self.notify,
                    "No other source tells this story (yet)" if article_id else "No such story",
                )
                return
            detail = story_detail(self.config, self.ix, stories, story, WhenCancelled(worker))
        except Cancelled:
            return
        self.call_from_thread(self.push_screen, StoryScreen(detail))

    def pin_story(self, story_id: str, title: str) -> None:
        self.choose_briefing(
            f"Pin the story “{short(title, 50)}” to which briefing?",
            lambda pane: self.change_briefing(
                pane, lambda bf: bf.pin_story(story_id), "Pinned the story"
            ),
        )

    # --- actions --------------------------------------------------------------------------

    def action_search(self) -> None:
        """The search screen, on the last query (typing replaces it; ↑ walks back further)."""
        if self.ix is None or not self.ix.catalog:
            self.notify("Nothing is indexed yet", severity="warning")
            return
        hl = self.config.highlight

        def opened(hit: OpenHit | BriefingFromSearch | None) -> None:
            if isinstance(hit, BriefingFromSearch):
                self.new_briefing_from_search(hit.query)
            elif hit is not None:
                self._remember_search(hit.query)
                self.open_article(hit.article_id, hit.terms, from_search=True)

        self.push_screen(
            SearchScreen(
                self.ix,
                (hl.keywords, hl.search),
                self.last_query,
                self._searches(),
                muted=self._muted(),
            ),
            opened,
        )

    def _searches(self) -> list[str]:
        """Earlier queries, oldest first, as the state file keeps them."""
        history = load_state(self.state_path).get("searches")
        history = [q for q in history if isinstance(q, str)] if isinstance(history, list) else []
        return history[-SEARCH_HISTORY:]

    def _remember_search(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        self.last_query = query
        history = [q for q in self._searches() if q != query] + [query]
        save_state({"searches": history[-SEARCH_HISTORY:]}, self.state_path)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, with a screenshot that says where it went or why not."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        yield SystemCommand(
            "Screenshot",
            f"Save an SVG picture of the screen in {shown_path(self.config.resolved_export_dir)}",
            self.action_screenshot_here,
        )

    def action_screenshot_here(self) -> None:
        folder = self.config.resolved_export_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(path=str(folder))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self.notify(
                f"No screenshot: cannot write in {shown_path(folder)} ({reason})",
                severity="error",
                timeout=8,
            )
        else:
            self.notify(f"Screenshot saved: {shown_path(Path(saved))}", timeout=6)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_refresh_index(self) -> None:
        if self.ix is not None:
            self.index_corpus()

    def action_rebuild_index(self) -> None:
        if self.ix is not None:
            self.notify("Rebuilding the index…")
            self.index_corpus(rebuild=True)

    def action_fetch_feeds(self) -> None:
        if not self.config.feeds:
            self.notify("No feeds configured: list them under 'feeds:' in config.yaml", timeout=6)
            return
        self.notify("Fetching feeds…")
        self.fetch_feeds()

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def fetch_feeds(self) -> None:
        """Fetch the feeds off the UI thread with a progress bar, then index what came in:
        new articles appear in their panes without a restart."""
        from tui.feeds.fetch import fetch

        post = self.post_message
        reports = fetch(
            list(self.config.feeds),
            self.config.resolved_fetched_dir,
            limits=self.config.fetch,
            progress=lambda d, t, m: post(self.IndexProgress(d, t, f"fetching {m}")),
        )
        new = sum(r.new for r in reports)
        failed = sum(bool(r.error) + len(r.failed) for r in reports)
        unchanged = sum(r.unchanged for r in reports)
        self.call_from_thread(
            self.notify,
            f"Feeds: {new} new · {unchanged} unchanged · {failed} failed"
            + ("  (briefing feeds lists the errors)" if failed else ""),
            severity="warning" if failed else "information",
            timeout=8,
        )
        if self.ix is None:
            return
        self.call_from_thread(self.index_corpus)

    # --- curating: the only writes to the user's files, each through tui.briefings.curate ------

    def _briefing_files(self) -> list[Pane]:
        current = self.panes[self.current_pane] if self.panes else None
        files = [p for p in self.panes if p.kind == "curated" and p.path is not None]
        return sorted(files, key=lambda p: p is not current)  # the open briefing first

    def _current_file(self) -> Pane | None:
        pane = self.panes[self.current_pane] if self.panes else None
        if pane is None or pane.kind != "curated" or pane.path is None:
            self.notify("Open a briefing first (this pane is not a briefing file)", timeout=4)
            return None
        return pane

    def _reload_panes(self, open_path: Path | None = None) -> None:
        if self.ix is None:
            return
        panes = load_panes(self.config, self.ix)
        self.post_message(self.IndexReady(panes, None))
        if open_path is not None:
            for index, pane in enumerate(panes):
                if pane.path == open_path:
                    self.call_after_refresh(self.open_pane, index)
                    break

    def change_briefing(
        self,
        pane: Pane,
        change: Callable[[BriefingFile], bool],
        done: str,
    ) -> None:
        """Open the briefing's file, make the change, save it atomically; say what happened."""
        assert pane.path is not None
        path = pane.path
        known = self.ix.known_id if self.ix is not None else None

        def write() -> bool:
            try:
                before = path.read_bytes()
            except OSError:
                before = None
            changed = change_file(path, change, known)
            if changed and before is not None:
                self._remember_undo(path, before, done)
            return changed

        self._curated(pane, write, done)

    # --- undo: the app's own curate steps, one at a time, never over a later change ----------

    def _remember_undo(self, path: Path, before: bytes | None, what: str) -> None:
        """Keep what a file was before a curate step (None: the step created it)."""
        try:
            after = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
        except OSError:
            return
        self.undo_steps.append((path, before, after, what))
        del self.undo_steps[:-20]

    def undo(self) -> None:
        """Put the briefing back as it was before the last curate step made here, unless it
        changed since (then nothing is written, and it says so)."""
        if not self.undo_steps:
            self.notify("Nothing to undo", timeout=3)
            return
        path, before, after, what = self.undo_steps.pop()
        try:
            now = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
            if now != after:
                self.notify(
                    f"Not undone: {shown_path(path.name)} changed since", severity="warning"
                )
                return
            if before is None:
                trash(path)
            else:
                write_atomic(path, before)
        except (OSError, CurateError) as exc:
            self.notify(f"Not undone: {exc}", severity="error", timeout=6)
            return
        self.notify(f"Undone: {what} · {shown_path(path.name)}", timeout=4)
        self._reload_panes(open_path=path if before is not None else None)

    def action_undo(self) -> None:
        self.undo()

    def rename_briefing(self) -> None:
        pane = self._current_file()
        if pane is None:
            self.notify("Open a briefing (a file) to rename it", timeout=4)
            return

        def titled(title: str | None) -> None:
            if title and title.strip():
                self.change_briefing(pane, lambda bf: bf.set_title(title), "Renamed")

        self.push_screen(PromptScreen("New title", pane.title, "the file keeps its name"), titled)

    def delete_briefing(self) -> None:
        pane = self._current_file()
        if pane is None or pane.path is None:
            self.notify("Open a briefing (a file) to delete it", timeout=4)
            return
        path = pane.path

        def chosen(index: int | None) -> None:
            if index != 0:
                return
            try:
                before = path.read_bytes()
                where = trash(path)
            except (OSError, CurateError) as exc:
                self.notify(f"Not deleted: {exc}", severity="error", timeout=6)
                return
            self.undo_steps.append((path, before, None, "Deleted"))
            self.notify(f"Moved to the trash: {shown_path(where)} (ctrl+z puts it back)", timeout=6)
            self._reload_panes()

        self.push_screen(
            ChoiceScreen(
                f"Delete the briefing “{short(pane.title, 40)}”? It goes to the trash.",
                ["Delete it", "Keep it"],
            ),
            chosen,
        )

    def remove_clipping(self) -> None:
        pane = self._current_file()
        if pane is None or not pane.clippings:
            self.notify("This briefing has no clippings", timeout=3)
            return
        # The clippings as the file lists them (the pane's are those whose article is known).
        try:
            assert pane.path is not None
            written = clippings_of(BriefingFile.open(pane.path).data.get("clippings"))
        except CurateError as exc:
            self.notify(str(exc), severity="error")
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                article_id, text = written[index]
                self.change_briefing(
                    pane, lambda bf: bf.unclip(article_id, text), "Clipping removed"
                )

        self.push_screen(
            ChoiceScreen("Remove which clipping?", [f"“{short(t, 70)}”" for _, t in written]),
            chosen,
        )

    def _curated(self, pane: Pane, write: Callable[[], bool], done: str) -> None:
        """Run a write to a briefing file; say what happened, show the panes anew."""
        try:
            changed = write()
        except CurateError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.notify(f"{done} · {pane.title}" if changed else f"Unchanged · {pane.title}")
        if changed:
            self._reload_panes()

    def choose_briefing(
        self,
        question: str,
        then: Callable[[Pane], None],
    ) -> None:
        files = self._briefing_files()
        if not files:
            self.notify("No briefing files yet: search (/), then ctrl+b makes one", timeout=5)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                then(files[index])

        self.push_screen(ChoiceScreen(question, [p.title for p in files]), chosen)

    def new_briefing_from_search(self, query: str) -> None:
        folder = self.config.briefings
        if folder is None:
            self.notify("No briefings folder: set briefings: in config.yaml", severity="error")
            return

        def titled(title: str | None) -> None:
            if not title or not title.strip():
                return
            try:
                path = new_briefing(folder, title, query=query, keywords=keywords_of_query(query))
            except CurateError as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            self._remember_undo(path, None, "New briefing")
            self.notify(f"New briefing: {shown_path(path)}")
            self._reload_panes(open_path=path)

        self.push_screen(
            PromptScreen("Title of the new briefing", query, f"holds the search: {query}"), titled
        )

    def _titled(self, article_id: str, width: int = 50) -> str:
        """An article named in a question: its title in quotes, one line, cut to ``width``."""
        entry = self.ix.catalog.get(article_id) if self.ix else None
        return "“" + short(entry.title if entry else article_id, width) + "”"

    def pin_article(self, article_id: str) -> None:
        self.choose_briefing(
            f"Pin {self._titled(article_id)} to which briefing?",
            lambda pane: self.change_briefing(pane, lambda bf: bf.pin(article_id), "Pinned"),
        )

    def unpin_article(self, article_id: str) -> None:
        pane = self._current_file()
        if pane is not None:
            self.change_briefing(pane, lambda bf: bf.unpin(article_id), "Unpinned")

    def clip_passage(self, article: Article, passage: str) -> None:
        def edited(text: str | None) -> None:
            if text is None:
                return
            wanted = passage_in(article.text, text)
            if wanted is None:
                self.notify("Not clipped: the article does not have that passage", timeout=5)
                return
            self.choose_briefing(
                f"Clip the passage of {self._titled(article.id)} into which briefing?",
                lambda pane: self.change_briefing(
                    pane, lambda bf: bf.clip(article.id, wanted), "Clipped"
                ),
            )

        self.push_screen(
            PromptScreen(
                f"Clip a passage of {self._titled(article.id)} (shorten it if you like)",
                passage,
                "it must stay word for word as the article has it",
            ),
            edited,
        )

    def add_keyword(self) -> None:
        pane = self._current_file()
        if pane is None:
            return

        def entered(word: str | None) -> None:
            if word and word.strip():
                self.change_briefing(
                    pane, lambda bf: bf.add_keyword(word.strip()), f"Keyword {word.strip()!r}"
                )

        self.push_screen(PromptScreen("Keyword to add to this briefing"), entered)

    def remove_keyword(self) -> None:
        pane = self._current_file()
        if pane is None:
            return
        if not pane.keywords:
            self.notify("This briefing has no keywords", timeout=3)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                word = pane.keywords[index]
                self.change_briefing(pane, lambda bf: bf.remove_keyword(word), f"Removed {word!r}")

        self.push_screen(ChoiceScreen("Remove which keyword?", pane.keywords), chosen)

    def edit_summary(self) -> None:
        """The summary in $VISUAL / $EDITOR (the app steps aside, then comes back)."""
        pane = self._current_file()
        if pane is None or pane.path is None:
            return
        try:
            bf = BriefingFile.open(pane.path)
        except CurateError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        try:
            status, text = edit_in_editor(bf.body, self.suspend)
        except CurateError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        except (OSError, SuspendNotSupported) as exc:
            self.notify(f"Could not run {editor()}: {exc}", severity="error", timeout=8)
            return
        if status != 0:
            self.notify(f"{editor()} exited with status {status}: summary unchanged", timeout=4)
            return
        try:
            said = save_summary(bf, text)
        except CurateError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.notify(f"{said[:1].upper()}{said[1:]} · {pane.title}", timeout=4)
        if said == "summary saved":
            self._reload_panes()

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_briefing(self, fmt: str = "md") -> None:
        """Write the open briefing as Markdown or HTML in the export folder (config.yaml's
        ``export_dir``, else the user's documents folder), never over a file; say where."""
        pane = self.panes[self.current_pane] if self.panes else None
        if pane is None or self.ix is None:
            return
        doc, problems = briefing_document(self.config, self.ix, pane)
        text = to_html(doc) if fmt == "html" else to_markdown(doc)
        folder = self.config.resolved_export_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            out = write_new(folder, slug(pane.title), f".{fmt}", text.encode("utf-8"))
        except OSError as exc:
            self.call_from_thread(
                self.notify,
                f"Not exported: cannot write in {shown_path(folder)} "
                f"({exc.strerror or type(exc).__name__})",
                severity="error",
                timeout=8,
            )
            return
        left = f" ({len(problems)} left out)" if problems else ""
        self.call_from_thread(self.notify, f"Exported {shown_path(out)}{left}", timeout=8)


def make_app(
    config: Config, *, state_path: Path | None = None, watch_seconds: float = 5.0
) -> BriefingApp:
    """The app for a config; a missing corpus becomes a friendly screen, not an error."""
    problem = None
    try:
        config.check_paths()
    except ConfigError as exc:
        problem = str(exc)
    return BriefingApp(config, problem=problem, state_path=state_path, watch_seconds=watch_seconds)
