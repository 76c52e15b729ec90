"""The app, driven with Textual's Pilot: navigation, reading, search, compare, errors."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.worker import WorkerCancelled, WorkerFailed

from tests.app_support import (
    catalog,
    dispute_folders,
    sample_app,
    screen_text,
    settle,
    settled,
)
from tests.conftest import write
from tui.app.app import BriefingApp
from tui.app.screens.compare import CompareScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.prompt import ChoiceScreen, PromptScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.chips import KeywordChips
from tui.app.widgets.reader import Reader
from tui.app.widgets.sidebar import Sidebar
from tui.library import stored_bodies
from tui.text.highlight import Keyword, count_keywords

A000, A004 = "000_0b9c162a2c952b4e", "004_418a29abe9d5b535"


def reader_id(app: BriefingApp) -> str | None:
    """The id of the article the reader shows (None: none)."""
    article = app.query_one(Reader).article
    return article.id if article else None


def plain(widget: Widget) -> str:
    return str(widget.render())


async def test_sidebar_lists_briefings_then_all(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, _pilot):
        titles = [p.title for p in app.panes]
        assert titles == [
            "Korea–Japan shuttle diplomacy",
            "The history track",
            "Seoul between Beijing and Tokyo",
            "All articles",
        ]
        assert app.query_one(Sidebar).option_count == 4  # separators are not options
        assert "5 articles indexed" in plain(app.query_one("#status-text", Static))


async def test_navigating_the_sidebar_opens_each_briefing(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.query_one(Sidebar).focus()
        await pilot.press("j")
        await settle(pilot)
        assert plain(app.query_one("#pane-title", Static)) == "The history track"
        table = app.query_one(ArticleList)
        assert table.ids == app.panes[1].article_ids
        assert table.ids[0] == A004  # pinned first
        assert "2026-01-12" in table.row_text(0) and "The Korea Herald" in table.row_text(0)
        chips = app.query_one(KeywordChips)
        rendered = str(chips.render())
        pane = app.panes[1]
        assert app.ix is not None
        counts = count_keywords(
            stored_bodies(app.ix, pane.article_ids), map(Keyword.of, pane.keywords)
        )
        assert counts["Chosei"] > 5 and counts["Ukishima Maru"] == 2
        for keyword in pane.keywords:
            assert f" {keyword} {counts[keyword]} " in rendered
        await pilot.press("k")
        await settle(pilot)
        assert plain(app.query_one("#pane-title", Static)) == "Korea–Japan shuttle diplomacy"
        meta = plain(app.query_one("#pane-meta", Static))
        assert meta == "5 articles · The Korea Herald, AFP · 2026-01-12 – 2026-05-18"


async def test_open_an_article_and_walk_its_hits(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.query_one(ArticleList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "reader"
        reader = app.query_one(Reader)
        assert reader.article is not None and reader.article.id == app.panes[0].article_ids[0]
        assert reader.hits and reader.current == -1
        await pilot.press("n")
        assert reader.current == 0
        await pilot.press("n", "n")
        assert reader.current == 2
        await pilot.press("N")
        assert reader.current == 1
        assert "hit 2 of" in plain(app.query_one("#reader-hits", Static))
        await pilot.press("escape")
        assert app.query_one(ContentSwitcher).current == "pane"
        assert app.focused is app.query_one(ArticleList)


async def test_search_then_open_a_hit_with_terms_highlighted(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"summits")
        await settle(pilot)
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count == 5
        assert "5 results" in plain(app.screen.query_one("#search-status", Static))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        reader = app.query_one(Reader)
        assert reader.current == 0 and len(reader.hits) >= 2
        assert {h.span.key for h in reader.hits} == {"\x00search"}
        body = reader.article.blocks
        first = reader.hits[0]
        text = reader.article.title if first.block < 0 else body[first.block].text
        assert text[first.span.start : first.span.end].lower().startswith("summit")
        await pilot.press("n")
        assert reader.current == 1


async def test_search_shows_did_you_mean_and_errors_inline(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash", *"Chosie")
        await settle(pilot)
        status = app.screen.query_one("#search-status", Static)
        assert "did you mean: Chosei" in plain(status)
        await pilot.press("ctrl+s")
        await settle(pilot)
        field = app.screen.query_one("#query", Input)
        assert field.value == "Chosei"
        assert "2 results" in plain(status)
        field.value = ""
        await pilot.press(*"seafod")  # the suggestion is longer than what was typed
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press(*" ban")  # typing goes on at the end, not mid-word
        await settle(pilot)
        assert field.value == "seafood ban" and field.cursor_position == len(field.value)
        query = app.screen.query_one("#query", Input)
        query.value = "colour:red"
        await settle(pilot)
        assert "unknown field" in plain(status) and status.has_class("error")


async def test_escape_from_search_goes_back_where_the_user_was(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.query_one(ArticleList).focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", *"Nara", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert app.query_one(ContentSwitcher).current == "reader"


async def test_help_screen(tmp_path: Path) -> None:
    async with settled(tmp_path, (80, 24)) as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=140, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            console.print(static.content)
        shown = console.export_text()
        assert "ctrl+r" in shown and "Look for new and changed articles now" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def test_the_help_is_read_from_the_bindings(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.binding import Binding

    from tui.app.screens.compare import CompareScreen
    from tui.app.screens.help import help_rows, key_label
    from tui.app.widgets.reader import Reader

    listed = {title: dict((what, keys) for keys, what in rows) for title, rows in help_rows()}
    for holder, title in ((Reader, "Reader"), (CompareScreen, "Comparison")):
        for binding in holder.BINDINGS:
            assert isinstance(binding, Binding)
            what = binding.tooltip or binding.description
            assert key_label(binding).split(" / ")[0] in listed[title][what].split(" / ")
    assert listed["Comparison"]["Back"] == "esc / q"  # one row for keys doing the same thing
    added = Binding("z", "zoom", "Zoom", tooltip="Zoom into the passage")
    monkeypatch.setattr(Reader, "BINDINGS", [*Reader.BINDINGS, added])
    assert ("z", "Zoom into the passage") in dict(help_rows())["Reader"]


async def test_compare_the_suggested_pair_in_two_keys(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.query_one(Sidebar).focus()
        await pilot.press("j", "c")  # the history track, then its suggested pair
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison is not None
        assert (screen.a.id, screen.b.id) == (A000, A004)
        assert ("scope", "136", "183") in [
            (d.kind, d.a, d.b) for d in screen.comparison.differences
        ]
        facts = screen.query_one("#compare-facts", OptionList)
        assert facts.display and facts.option_count == len(screen.comparison.differences)
        shown = str(facts.get_option_at_index(0).prompt)
        assert "⊂ scope: killed  A 136 Koreans  ·  B 183 workers" in shown
        await pilot.press("d")
        assert screen.current_difference == 0
        assert screen.query(".row.current")
        await pilot.press("x")
        await settle(pilot)
        assert (screen.a.id, screen.b.id) == (A004, A000)
        assert ("183", "136") in [(d.a, d.b) for d in screen.comparison.differences]  # swapped
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen)


async def test_mark_two_articles_and_compare_them(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        table = app.query_one(ArticleList)
        table.focus()
        await pilot.press("m", "down", "m", "c")
        await settle(pilot)
        ids = app.panes[0].article_ids
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a.id, app.screen.b.id) == (ids[0], ids[1])


async def test_compare_with_most_similar_from_the_reader(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.open_article(A004)
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.a.id == A004 and app.screen.b.source != "The Korea Herald"


async def test_command_palette_opens_a_briefing(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"Open briefing: Seoul between")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert plain(app.query_one("#pane-title", Static)) == "Seoul between Beijing and Tokyo"


async def test_a_broken_briefing_shows_its_error_and_the_rest_load(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    write(
        tmp_path / "briefings" / "zz-broken.md",
        "---\ntitle: Broken one\narticles: [nope]\nquery: (Chosei\n---\nSummary.\n",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [p.title for p in app.panes]
        assert "Broken one" in titles and "The history track" in titles
        index = titles.index("Broken one")
        app.open_pane(index)
        await settle(pilot)
        errors = app.query_one("#pane-errors", Static)
        assert errors.display
        text = plain(errors)
        assert "zz-broken.md:4: query does not parse" in text
        assert "zz-broken.md:3: unknown article id 'nope'" in text


async def test_an_empty_corpus_gets_a_friendly_screen(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = sample_app(tmp_path, corpus=empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "notice"
        assert "No articles yet" in plain(app.query_one("#notice", Static))


async def test_a_missing_corpus_gets_a_friendly_screen(tmp_path: Path) -> None:
    app = sample_app(tmp_path, corpus=tmp_path / "nowhere")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notice = plain(app.query_one("#notice", Static))
        assert "does not exist" in notice and "--corpus" in notice
        await pilot.press("slash")  # nothing to search: a message, not a crash
        assert not isinstance(app.screen, SearchScreen)


async def test_theme_choice_is_remembered(tmp_path: Path) -> None:
    async with settled(tmp_path, (80, 24)) as (app, pilot):
        app.theme = "nord"
        await pilot.pause()
    assert json.loads((tmp_path / "state.json").read_text())["theme"] == "nord"
    again = sample_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_hostile_article_text_is_shown_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    write(
        corpus / "evil.txt",
        "Hostile [bold red]x[/] title\n\nBody \x1b[2J with [link=http://e]l[/link].\n",
    )
    async with settled(tmp_path, corpus=corpus) as (app, pilot):
        app.open_pane(len(app.panes) - 1)
        await settle(pilot)
        row = app.query_one(ArticleList).row_text(0)
        assert "Hostile [bold red]x[/] title" in row
        app.open_article("evil")
        await settle(pilot)
        shown = screen_text(app)
        assert "Hostile [bold red]x[/] title" in shown
        assert "\x1b" not in shown and "Body \u241b[2J with" in shown
        assert "[link=http://e]l[/link]" in shown


async def test_new_files_are_picked_up_on_refresh(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        write(tmp_path / "seeds" / "later.txt", "A later headline\n\nAbout quokkas in Nara.\n")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "later" in catalog(app)
        assert app.panes[-1].title == "All articles" and len(app.panes[-1].article_ids) == 6


async def test_the_mouse_opens_briefings_and_articles(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        # The first title wraps to lines 0-1, "The history track" is line 2.
        await pilot.click(Sidebar, offset=(4, 2))
        await settle(pilot)
        assert plain(app.query_one("#pane-title", Static)) == "The history track"
        ids = app.query_one(ArticleList).ids
        await pilot.click(ArticleList, offset=(20, 2))  # the second row: moves the cursor
        await pilot.click(ArticleList, offset=(20, 2))  # clicked again: opens it
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "reader"
        assert reader_id(app) == ids[1]


async def test_command_palette_opens_an_article_by_title(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("ctrl+p", *"Open article: Fresh from China")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "reader"
        assert reader_id(app) == "001_bfeed5d58f9e5359"


async def test_the_footer_offers_did_you_mean_only_with_a_suggestion(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash", *"Chosei")
        await settle(pilot)
        assert "Did you mean" not in screen_text(app)
        await pilot.press(*" Tokaichi")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen) and app.screen.result
        assert app.screen.result.suggestion
        assert "Did you mean" in screen_text(app)


async def test_the_briefing_pane_leads_with_a_disputed_fact_and_f_lands_on_it(
    tmp_path: Path,
) -> None:
    corpus, briefings = dispute_folders(tmp_path)
    async with settled(tmp_path, (80, 24), corpus, briefings) as (app, pilot):
        listing = app.query_one("#pane-disputes", OptionList)
        assert listing.display and listing.option_count == 1
        line = str(listing.get_option_at_index(0).prompt)
        assert "312 — Harbour Gazette" in line and "320 — Island Times" in line
        assert "Sources disagree" in screen_text(app)
        await pilot.press("f")  # the comparison, opened at that fact
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        assert screen.current_difference == 0
        diff = screen.comparison.differences[0]
        assert (diff.a, diff.b) == ("312", "320")
        current = screen.query_one(".row.current")
        rows_view = screen.query_one("#compare-rows")
        assert rows_view.scroll_y > 0  # the fact's row is far down: scrolled to it
        assert rows_view.region.contains_region(current.region) or (
            current.region.y >= rows_view.region.y and current.region.y < rows_view.region.bottom
        )
        assert "312" in screen_text(app) and "320" in screen_text(app)
        await pilot.press("escape")
        app.open_pane(len(app.panes) - 1)  # "All articles": not a briefing, no list
        await settle(pilot)
        assert app.panes[app.current_pane].kind != "curated"
        assert not app.query_one("#pane-disputes", OptionList).display


async def test_the_seeds_chosei_tolls_are_not_shown_as_a_dispute(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        for index, pane in enumerate(app.panes):
            app.open_pane(index)
            await settle(pilot)
            assert not app.query_one("#pane-disputes", OptionList).display, pane.title
            assert "Sources disagree" not in screen_text(app)


async def test_the_comparison_lists_facts_jumps_to_rows_and_folds_runs(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.open_compare(A000, A004)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        facts = screen.query_one("#compare-facts", OptionList)
        facts.focus()
        await pilot.pause()
        await pilot.press("enter")
        assert screen.current_difference == 0
        rows_ = list(screen.query(".row"))
        assert rows_[screen.difference_rows[0]].has_class("current")
        # Long passages only one side has are folded to their first sentence; o shows them.
        texts = [plain(w) for w in screen.query(".row .side.b")]
        folded_rows = [t for t in texts if "more sentences (o shows them)" in t]
        assert folded_rows
        total = len(list(screen.query(".row")))
        await pilot.press("o")
        await settle(pilot)
        texts = [plain(w) for w in screen.query(".row .side.b")]
        assert not any("more sentences" in t for t in texts)
        assert len(list(screen.query(".row"))) == total  # the same rows, each now whole
        assert sum(len(t) for t in texts) > sum(len(t) for t in folded_rows)


async def choose(pilot: Pilot, label: str) -> None:
    """In the open ChoiceScreen, move to ``label`` and choose it."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceScreen)
    for _ in range(screen.choices.index(label)):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


async def test_curate_a_briefing_in_the_app(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash")
        await pilot.press(*"Chosei")
        await settle(pilot)
        await pilot.press("ctrl+b")  # a briefing from this search
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")  # the query as its title
        await settle(pilot)
        path = tmp_path / "briefings" / "chosei.md"
        assert path.exists()
        pane = app.panes[app.current_pane]
        assert pane.path == path and pane.query == "Chosei" and pane.keywords == ["Chosei"]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\n# kept comment\nowner: me\n", 1), "utf-8")
        # Pin one more article, from "All articles".
        app.open_pane(len(app.panes) - 1)
        await settle(pilot)
        table = app.query_one(ArticleList)
        table.focus()
        other = next(i for i in table.ids if i not in pane.article_ids)
        table.cursor = table.ids.index(other)
        await pilot.press("p")
        await choose(pilot, "Chosei")
        assert other in path.read_text(encoding="utf-8")
        # Clip the sentence of the open article's first hit.
        app.open_article(A004, frozenset({"chosei"}))
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        passage = app.screen.query_one(Input).value
        assert "Chosei" in passage
        await pilot.press("enter")
        await choose(pilot, "Chosei")
        kept = path.read_text(encoding="utf-8")
        assert "# kept comment\nowner: me\n" in kept
        assert f"article: {A004}" in kept and passage.split()[0] in kept
        # Export from the palette's command.
        app.open_pane(next(i for i, p in enumerate(app.panes) if p.path == path))
        await settle(pilot)
        app.export_briefing("md")
        await settle(pilot)
        md = (tmp_path / "exports" / "chosei.md").read_text(encoding="utf-8")
        assert md.startswith("# Chosei\n") and "## Clippings" in md and "## Sources" in md
        said = [n.message for n in app._notifications if n.message.startswith("Exported")]
        assert said == [f"Exported {tmp_path / 'exports' / 'chosei.md'}"]
        assert not list(Path.cwd().iterdir())  # nothing in the folder it was started from


async def test_add_and_remove_a_keyword_in_the_app(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.open_pane(1)  # the history track
        await settle(pilot)
        app.add_keyword()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Ube", "enter")
        await settle(pilot)
        path = tmp_path / "briefings" / "history-track.md"
        assert "Ube]" in path.read_text(encoding="utf-8")
        assert "Ube" in app.panes[1].keywords
        app.remove_keyword()
        await choose(pilot, "Ube")
        written = "keywords: [Chosei, Ukishima Maru, humanitarian, 1965 treaty, forced labor, "
        assert written + "remains, colonial]\n" in path.read_text(encoding="utf-8")


async def test_a_briefing_shows_its_clippings(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    path = tmp_path / "briefings" / "history-track.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        clip = "clippings:\n  - article: 004_418a29abe9d5b535\n    text: Japan lost [b]it[/b].\n"
        path.write_text(text.replace("---\n", "---\n" + clip, 1), "utf-8")
        app.action_refresh_index()
        await settle(pilot)
        app.open_pane(1)
        await settle(pilot)
        shown = plain(app.query_one("#pane-clippings", Static))
        assert "Japan lost [b]it[/b]. — The Korea Herald" in shown


async def test_esc_and_q_go_back_where_the_user_came_from(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash", *"Chosei")
        await settle(pilot)
        await pilot.press("enter")  # the first hit, in the reader
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "reader"
        await pilot.press("escape")  # back to the results, the query still there
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "Chosei"
        await pilot.press("escape")  # out of the search: the reader is where it was
        app.open_article(A004)  # opened from the list, not a search
        await settle(pilot)
        await pilot.press("q")  # q in the reader goes back, it does not quit
        await settle(pilot)
        assert app.is_running and app.query_one(ContentSwitcher).current == "pane"
        app.open_compare(A000, A004)
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")  # help, then the comparison: back to the pane
        assert not isinstance(app.screen, CompareScreen) and app.is_running
        await pilot.press("q")  # from the top, q quits
        await pilot.pause()
        assert not app.is_running


async def test_the_search_box_remembers_earlier_searches(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        for query in ("Chosei", "Takaichi"):
            await pilot.press("slash", *query)  # the last query is filled in, selected
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("escape", "escape", "escape")  # results, the reader, the pane
            await settle(pilot)
        await pilot.press("slash")  # in the pane: the corpus (in the reader, / finds in it)
        await pilot.pause()
        box = app.screen.query_one("#query", Input)
        assert box.value == "Takaichi"
        await pilot.press("up")
        assert box.value == "Takaichi"
        await pilot.press("up")
        assert box.value == "Chosei"
        await pilot.press("ctrl+n", "ctrl+n")
        assert box.value == ""


async def settle_failing(pilot: Pilot) -> None:
    """``settle`` for jobs that are meant to fail."""
    for _ in range(3):
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_every_background_job_that_fails_is_named_to_the_user(
    tmp_path: Path, monkeypatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("tui.app.screens.compare.compare", boom)
    monkeypatch.setattr("tui.backend.whoosh.index.ArticleIndex.search", boom)
    monkeypatch.setattr("tui.app.app.most_similar_elsewhere", boom)
    monkeypatch.setattr("tui.app.screens.main.pane_disputes", boom)
    app = sample_app(tmp_path)

    def said() -> list[str]:
        return [n.message for n in app._notifications]

    async with app.run_test(size=(120, 40)) as pilot:
        await settle_failing(pilot)
        assert "Finding disputed facts failed: RuntimeError: boom" in said()
        app.open_compare(A000, A004)
        await settle_failing(pilot)
        assert "The comparison failed: RuntimeError: boom" in said()
        await pilot.press("escape", "slash", *"Chosei")
        await settle_failing(pilot)
        assert "Search failed: RuntimeError: boom" in said()
        await pilot.press("escape")
        app.compare_with_similar(A004)
        await settle_failing(pilot)
        assert "Finding the most similar article failed: RuntimeError: boom" in said()
        assert app.is_running


async def test_the_hit_counter_stays_in_view_while_walking_hits(tmp_path: Path) -> None:
    async with settled(tmp_path, (80, 24)) as (app, pilot):
        app.open_article(A004, frozenset({"chosei"}))
        await settle(pilot)
        reader = app.query_one(Reader)
        for _ in range(5):
            await pilot.press("n")
        await pilot.pause()
        assert reader.scroll_y > 0  # the text has scrolled …
        assert f"hit 6 of {len(reader.hits)}" in screen_text(app)  # … the counter has not


async def test_before_the_first_index_the_pane_says_it_is_reading(tmp_path: Path) -> None:
    from tui.app.widgets.briefing_view import BriefingView

    async with settled(tmp_path) as (app, _pilot):
        view = app.query_one(BriefingView)
        assert app.ix is not None
        view.show(app.panes[-1], {})  # what the first run shows while the index is built
        assert "reading the corpus" in plain(app.query_one("#pane-meta", Static))
        view.show(app.panes[-1], app.ix.catalog)
        assert plain(app.query_one("#pane-meta", Static)).startswith("5 articles")


async def test_list_rows_take_the_theme_colours_and_drop_empty_columns(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-light"
        await settle(pilot)
        table = app.query_one(ArticleList)
        background = table.rich_style.bgcolor
        row = table._row(1, 100)
        assert background is not None
        assert all(seg.style is not None and seg.style.bgcolor == background for seg in row)
        title = row[-1].style
        assert title is not None and title.color == table.rich_style.color  # the theme's text
        assert app.ix is not None
        entries = list(app.ix.catalog.values())
        undated = [replace(e, date=None) for e in entries]
        table.show(undated)
        assert "date" not in table.render_line(0).text  # no row has a date: no column
        assert not any("2026-" in table.row_text(k) for k in range(len(undated)))
        table.show(entries)
        assert "date" in table.render_line(0).text


async def test_a_topic_panes_key_terms_are_highlighted_in_the_reader(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for n, text in enumerate(
        [
            "Striker scores twice\n\nThe striker scored twice as the harbour club won the cup.",
            "Cup final delayed\n\nThe cup final at the harbour ground was delayed by rain.",
            "Harbour club signs keeper\n\nThe harbour club signed a keeper before the cup tie.",
        ]
    ):
        write(corpus / "sport" / f"{n}.txt", text)
    empty = tmp_path / "no-briefings"
    empty.mkdir()
    app = sample_app(tmp_path, corpus=corpus, briefings=empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        topic = next(i for i, p in enumerate(app.panes) if p.kind == "topic")
        app.open_pane(topic)
        await settle(pilot)
        terms = app.pane_terms[tuple(app.panes[topic].article_ids)]
        assert "harbour" in terms or "cup" in terms
        app.open_article(app.panes[topic].article_ids[0])
        await settle(pilot)
        reader = app.query_one(Reader)
        assert reader.hits  # the topic's key terms are lit in the text


async def test_a_small_terminal_folds_the_sidebar_and_keeps_the_list(tmp_path: Path) -> None:
    async with settled(tmp_path, (60, 20)) as (app, pilot):
        sidebar, table = app.query_one(Sidebar), app.query_one(ArticleList)
        assert not sidebar.display  # folded away under 70 columns
        # The list keeps a header and five rows on the screen, above the status and footer.
        assert table.region.height >= 6 and table.region.bottom <= 20 - 2
        assert app.focused is not sidebar
        await pilot.press("backslash")  # the user's choice beats the width
        await pilot.pause()
        assert sidebar.display and app.focused is sidebar
        await pilot.press("backslash")
        await pilot.pause()
        assert not sidebar.display and app.focused is not sidebar
    async with sample_app(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.query_one(Sidebar).display


async def test_the_screenshot_command_says_where_it_saved_or_why_not(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    shots = tmp_path / "exports"  # the configured export folder, made when first needed
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [c.title for c in app.get_system_commands(app.screen)].count("Screenshot") == 1
        app.action_screenshot_here()
        await pilot.pause()
        saved = list(shots.glob("*.svg"))
        assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
        assert any(f"Screenshot saved: {saved[0]}" in n.message for n in app._notifications)
        blocked = tmp_path / "a-file" / "sub"  # a folder under a file: nothing can be written
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
        app.config = replace(app.config, export_dir=blocked)
        app.action_screenshot_here()
        await pilot.pause()
        failed = [n for n in app._notifications if n.message.startswith("No screenshot")]
        assert len(failed) == 1 and failed[0].severity == "error"
        assert str(blocked) in failed[0].message


def test_palette_labels_are_cut_between_words() -> None:
    from tui.text.literal import short

    title = "Fire at a coal mine in the north kills at least twelve workers"
    cut = short(title)
    assert cut.endswith("…") and len(cut) <= 40
    assert title.startswith(cut[:-1].rstrip()) and title[len(cut[:-1].rstrip())] == " "
    assert short("Short title") == "Short title"
    assert short("x" * 60) == "x" * 39 + "…"  # one word longer than the label: cut it


async def test_search_results_can_be_ordered_by_date_and_narrowed(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash", *"summits")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and app.ix is not None
        status = screen.query_one("#search-status", Static)
        box = screen.query_one("#query", Input)

        def shown() -> list[str]:
            results = screen.query_one("#results", OptionList)
            options = (results.get_option_at_index(i) for i in range(results.option_count))
            return [o.id for o in options if o.id]

        relevance = shown()
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "newest first" in plain(status)
        dates = [app.ix.catalog[i].date or "" for i in shown()]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated
        assert sorted(shown()) == sorted(relevance)  # the same matches, in another order
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "oldest first" in plain(status)
        dated = [d for d in (app.ix.catalog[i].date for i in shown()) if d]
        assert dated == sorted(dated)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "first" not in plain(status) and shown() == relevance

        source = app.ix.catalog[relevance[0]].source
        assert source
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert box.value == f'summits source:"{source}"'
        assert shown() and all(app.ix.catalog[i].source == source for i in shown())
        assert len(shown()) < len(relevance)
        await pilot.press("ctrl+f")  # again: every source
        await settle(pilot)
        assert box.value == "summits" and shown() == relevance
        assert not app.ix.catalog[relevance[0]].topics  # the seeds are one folder
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert box.value == "summits"
        assert any("has no topic" in n.message for n in app._notifications)


async def test_narrowing_is_offered_in_the_footer_only_when_it_can_act(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)

        def offered() -> set[str]:  # what the footer lists of the narrowing keys
            descriptions = {b.binding.description for b in screen.active_bindings.values()}
            return descriptions & {"Same source", "Same topic"}

        assert offered() == set()  # nothing to narrow by yet
        await pilot.press(*"Chosei")
        await settle(pilot)
        assert offered() == {"Same source", "Same topic"}
        await pilot.press("ctrl+f")
        await settle(pilot)
        screen.query_one("#query", Input).value = 'nosuchwordanywhere source:"The Korea Herald"'
        await settle(pilot)
        assert offered() == {"Same source"}  # still there to take the narrowing out


def test_index_progress_messages_replace_each_other_in_the_queue() -> None:
    """A burst of progress while the UI is busy is drawn once, at its latest figure."""
    older = BriefingApp.IndexProgress(25, 100, "a.txt")
    newer = BriefingApp.IndexProgress(50, 100, "b.txt")
    assert newer.can_replace(older)
    assert not newer.can_replace(BriefingApp.IndexFailed("disk full"))


async def test_the_catalog_is_frozen_out_of_the_cycle_collector_while_the_app_runs(
    tmp_path: Path,
) -> None:
    """Full collections walked the whole catalog (150-250 ms at 100,000 articles, between a
    key and its results): once the index is ready its objects are frozen, and let go when the
    app ends, so that what it held can be collected."""
    import gc

    async with settled(tmp_path) as (app, _pilot):
        frozen = gc.get_freeze_count()
        assert frozen > 0 and app.ix is not None
        entry = next(iter(app.ix.catalog.values()))
        assert all(o is not entry for o in gc.get_objects())  # not walked by the collector
    assert gc.get_freeze_count() == 0
