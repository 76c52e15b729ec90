"""How the app looks: SVG snapshots at 60×20, 80×24 and 120×40, in a dark and a light theme, on a
fixed sample config.

Update with ``pytest tests/app/test_snapshots.py --snapshot-update`` after looking at the report.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app_support import briefing_app, sample_app, settle
from tui.app.widgets.article_list import ArticleList

SIZES = [
    pytest.param((60, 20), id="60x20"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
]
THEMES = [pytest.param("textual-dark", id="dark"), pytest.param("textual-light", id="light")]


def themed(theme: str, then: Callable[[Pilot], Awaitable[None]] = settle):
    """Run ``then`` under ``theme``."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await then(pilot)

    return run_before


class TestBriefingPane:
    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_first_briefing(
        self, snap_compare, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        assert snap_compare(sample_app(tmp_path), terminal_size=size, run_before=themed(theme))

    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_history_track(
        self, snap_compare, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            briefing_app(pilot).open_pane(1)
            await settle(pilot)

        assert snap_compare(
            sample_app(tmp_path), terminal_size=size, run_before=themed(theme, run_before)
        )


class TestReader:
    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_keywords_highlighted(
        self, snap_compare, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            briefing_app(pilot).open_pane(1)
            await settle(pilot)
            pilot.app.query_one(ArticleList).focus()
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("n", "n")
            await settle(pilot)

        assert snap_compare(
            sample_app(tmp_path), terminal_size=size, run_before=themed(theme, run_before)
        )


class TestSearch:
    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_results_as_you_type(
        self, snap_compare, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("slash", *"Chosei")
            await settle(pilot)

        assert snap_compare(
            sample_app(tmp_path), terminal_size=size, run_before=themed(theme, run_before)
        )


class TestCompare:
    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_suggested_pair(
        self, snap_compare, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            briefing_app(pilot).open_pane(1)
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)

        assert snap_compare(
            sample_app(tmp_path), terminal_size=size, run_before=themed(theme, run_before)
        )


class TestStories:
    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize(
        "size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
    )
    def test_story_view(
        self, snap_compare, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(
            sample_app(tmp_path), terminal_size=size, run_before=themed(theme, run_before)
        )


class TestFeeds:
    @pytest.mark.parametrize("theme", THEMES)
    def test_feeds_screen(self, snap_compare, tmp_path: Path, theme: str) -> None:
        from dataclasses import replace

        from tests.app_support import sample_config
        from tui.app.app import make_app
        from tui.store.config import Feed

        config = replace(
            sample_config(tmp_path),
            feeds=(
                Feed("https://herald.example/rss", "The Korea Herald", "Asia"),
                Feed("https://loopback.example/feed.xml", None, None),
            ),
            fetched_dir=tmp_path / "fetched",
        )
        app = make_app(config, state_path=tmp_path / "state.json", watch_seconds=0)

        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("F")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=themed(theme, run_before))
