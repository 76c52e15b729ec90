"""Every text the app draws is readable in every theme it offers: 4.5:1 at least, computed
from what the screen renders; the current hit is the most visible of the hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import (
    dispute_folders,
    low_contrast,
    sample_app,
    settle,
    settled,
)
from tui.app.app import ANSI_THEMES, BriefingApp
from tui.app.contrast import ratio, readable
from tui.app.widgets.reader import Reader

A004 = "004_418a29abe9d5b535"


def test_a_colour_is_moved_only_as_far_as_it_must() -> None:
    assert readable((255, 255, 255), (0, 0, 0)) == (255, 255, 255)  # already readable
    orange, grey = (0xFE, 0xA6, 0x2B), (0xE0, 0xE0, 0xE0)
    assert ratio(orange, grey) < 1.6
    darker = readable(orange, grey)
    assert 4.5 <= ratio(darker, grey) < 4.7  # just enough
    assert darker[0] > darker[1] > darker[2]  # still an orange


async def each_theme(app: BriefingApp, pilot, where: str) -> list[str]:
    problems = []
    for theme in sorted(app.available_themes):
        app.theme = theme
        await settle(pilot)
        problems += [f"{theme} {where}: {p}" for p in low_contrast(app)]
    return problems


async def test_every_text_is_readable_in_every_theme(tmp_path: Path) -> None:
    problems: list[str] = []
    async with settled(tmp_path / "seeds-app") as (app, pilot):
        assert not set(ANSI_THEMES) & set(app.available_themes)
        assert len(app.available_themes) >= 15
        problems += await each_theme(app, pilot, "briefing pane")
        app.open_pane(len(app.panes) - 1)
        await settle(pilot)
        problems += await each_theme(app, pilot, "all articles")
        app.open_article(A004, frozenset({"chosei"}))
        await settle(pilot)
        problems += await each_theme(app, pilot, "reader")
        await pilot.press("slash", *"summit")
        await settle(pilot)
        problems += await each_theme(app, pilot, "search")
        await pilot.press("escape")
        app.open_compare("000_0b9c162a2c952b4e", A004)
        await settle(pilot)
        problems += await each_theme(app, pilot, "compare")
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        problems += await each_theme(app, pilot, "help")
    corpus, briefings = dispute_folders(tmp_path)
    async with settled(tmp_path / "ferry-app", (80, 24), corpus, briefings) as (app, pilot):
        problems += await each_theme(app, pilot, "disputed fact, 80x24")
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_current_hit_is_the_most_visible_hit(tmp_path: Path, theme: str) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article(A004, frozenset({"chosei"}))
        await settle(pilot)
        app.theme = theme  # changed while the article is open
        await settle(pilot)
        reader = app.query_one(Reader)
        assert reader.current == 0 and len(reader.hits) >= 2
        _, page = reader.background_colors
        page_rgb = (page.r, page.g, page.b)

        def fills() -> set[tuple[int, int, int]]:
            """The fill colours the hits of "Chosei" are drawn with."""
            found = set()
            for strip in app.screen._compositor.render_strips():
                for seg in strip:
                    style = seg.style
                    if style is None or "chosei" not in seg.text.lower():
                        continue
                    fill = style.color if style.reverse else style.bgcolor
                    if fill is None:
                        continue
                    t = fill.get_truecolor()
                    found.add((t.red, t.green, t.blue))
            return found

        with_current = fills()
        reader.current = -1  # no current hit: the highlights as they are
        reader._render_text()
        await settle(pilot)
        others = fills()
        current = with_current - others
        assert current, "the current hit is not drawn apart from the other hits"
        most = min(ratio(c, page_rgb) for c in current)
        assert others and all(most > ratio(o, page_rgb) for o in others), (current, others)
