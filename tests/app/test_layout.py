"""What a small screen and a long week show: the summary gets the rows, chips say "+N", the
footer is never cut mid-word, titles get the width, keys that cannot act say why, the focused
region is marked, and the index's warnings are one key away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app_support import catalog, sample_app, screen_text, settle, settled
from tests.conftest import SEEDS, write
from tui.app.screens.compare import CompareScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.prompt import ChoiceScreen, ListScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.briefing_view import Summary
from tui.app.widgets.chips import KeywordChips
from tui.app.widgets.reader import Reader
from tui.app.widgets.sidebar import Sidebar


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_summary_gets_the_rows_the_list_does_not_need(tmp_path: Path) -> None:
    async with settled(tmp_path, (120, 40)) as (app, pilot):
        app.open_pane(1)  # the history track: a long summary, three articles
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.region.height == 1 + len(articles.entries)  # no empty rows below
        summary = app.query_one(Summary)
        assert summary.max_scroll_y == 0  # all of it shows
        assert "completely and finally" in " ".join(screen_text(app).split())


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_cut_summary_says_it_continues(tmp_path: Path, size: tuple[int, int]) -> None:
    async with settled(tmp_path, size) as (app, pilot):
        app.open_pane(1)
        await settle(pilot)
        summary = app.query_one(Summary)
        assert summary.max_scroll_y > 0
        assert summary.border_subtitle and "continues" in summary.border_subtitle
        assert "continues" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_small_screens_keep_chips_pair_and_whole_footer_keys(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with settled(tmp_path, size) as (app, pilot):
        app.open_pane(1)
        await settle(pilot)
        chips = app.query_one(KeywordChips)
        shown = str(chips.render())
        last = shown.split()[-1]  # "+N": the chips that did not fit
        assert last.startswith("+") and int(last[1:]) >= 1 and "\n" not in shown, shown
        pair = app.query_one("#pane-compare", Static)
        assert pair.display and pair.region.height == 1 and "compare" in str(pair.render())
        footer = app.screen.query_one("FittingFooter")
        keys = footer.query("FooterKey")
        words = " ".join(f"{k.key_display} {k.description}" for k in keys).split()  # type: ignore[attr-defined]
        descriptions = {
            w
            for b in app.screen.active_bindings.values()
            for w in ([*b.binding.description.split(), app.get_key_display(b.binding)])
        }
        assert all(w in descriptions or w in ("^p", "palette") for w in words), words
        assert footer.query("FooterKey").last().region.right <= size[0]


async def test_titles_get_the_width_of_a_narrow_list(tmp_path: Path) -> None:
    async with settled(tmp_path, (60, 20)) as (app, _pilot):
        articles = app.query_one(ArticleList)
        widths = dict((name, w) for w, name in articles._columns())
        title_w = articles.size.width - sum(w + 1 for w in widths.values()) - 3
        assert title_w >= articles.size.width // 2, widths


async def test_the_wording_of_the_pane_and_status(tmp_path: Path) -> None:
    async with settled(tmp_path, (120, 40)) as (app, _pilot):
        text = screen_text(app)
        assert "5 articles indexed · 5 new" in text and "+5 ~0 -0" not in text
        assert "more pair" not in text
        pair = str(app.query_one("#pane-compare", Static).render())
        assert "2 pairs in ctrl+p" in pair
        footer = app.screen.query_one("FittingFooter")
        assert "Back" not in [getattr(k, "description", "") for k in footer.query("FooterKey")]


async def test_the_focused_region_is_marked(tmp_path: Path) -> None:
    async with settled(tmp_path, (120, 40)) as (app, pilot):
        regions = [app.query_one(Sidebar), app.query_one(ArticleList)]
        for focused in regions:
            focused.focus()
            await pilot.pause()
            for region in regions:
                kind, _colour = region.styles.border_left
                assert kind == ("outer" if region is focused else "blank"), (region, kind)


async def test_keys_that_cannot_act_say_why(tmp_path: Path) -> None:
    async with settled(tmp_path, (120, 40)) as (app, pilot):
        app.query_one(Sidebar).focus()
        await pilot.press("m")  # marks live in the list
        assert any(m.startswith("m: Mark an article") and "article list" in m for m in said(app))
        await pilot.press("escape")  # at the top already
        assert any("At the top already" in m for m in said(app))
        app.query_one(ArticleList).focus()
        await pilot.press("m")  # one article marked: c never compares another pair instead
        await pilot.press("c")
        assert isinstance(app.screen, MainScreen)
        assert any(m.startswith("One article marked (") for m in said(app))
        await pilot.press("m")  # unmarked again: c compares the suggested pair
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("y")  # clipping is for an open article
        assert any(m.startswith("y: Clip a passage") for m in said(app))
        await pilot.press("n")
        assert any(m.startswith("n: Next highlighted hit") for m in said(app))


async def test_prompts_name_the_article(tmp_path: Path) -> None:
    async with settled(tmp_path, (120, 40)) as (app, pilot):
        articles = app.query_one(ArticleList)
        articles.focus()
        title = catalog(app)[articles.ids[0]].title
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question.startswith(f"Pin “{title[:20]}")


async def test_index_warnings_are_counted_and_listed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    write(corpus / "odd.md", "---\ntitle: Odd\ndate: 2026-02-30\n---\nA text about ferries.\n")
    app = sample_app(tmp_path, corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status-text", Static).render())
        assert "1 to look at (w)" in status
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        assert any("2026-02-30" in line and "odd.md" in line for line in app.screen.lines)
        await pilot.press("escape")
    # A restart reads nothing anew: the warning is still counted (kept in the catalog).
    app = sample_app(tmp_path, corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status-text", Static).render())
        assert "1 to look at (w)" in status


async def test_the_reader_redraws_its_current_hit_when_the_theme_changes(
    tmp_path: Path,
) -> None:
    async with settled(tmp_path, (120, 40)) as (app, pilot):
        app.open_article("004_418a29abe9d5b535", frozenset({"chosei"}))
        await settle(pilot)
        reader = app.query_one(Reader)
        before = reader.get_component_rich_style("reader--current", partial=True)
        app.theme = "textual-light"
        await settle(pilot)
        after = reader.get_component_rich_style("reader--current", partial=True)
        assert before != after
