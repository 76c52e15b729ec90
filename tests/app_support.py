"""Helpers for the app tests: a fixed sample config and a way to wait for the index."""

from __future__ import annotations

import contextlib
import html
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

from rich.color import Color
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tests.conftest import BRIEFINGS, DISPUTE, SEEDS
from tui.app.app import BriefingApp, make_app
from tui.search.catalog import Entry
from tui.store.config import Config


def dispute_folders(tmp: Path) -> tuple[Path, Path]:
    """Copies of the ferry fixture (two reports that dispute a passenger count) and its
    briefing: the corpus and briefings folders to start the sample app on."""
    corpus, briefings = tmp / "ferry", tmp / "ferry-briefings"
    shutil.copytree(DISPUTE / "articles", corpus)
    shutil.copytree(DISPUTE / "briefings", briefings)
    return corpus, briefings


def sample_config(tmp: Path, corpus: Path | None = None, briefings: Path | None = None) -> Config:
    """Seeds and briefings copied under ``tmp``, the index beside them: nothing shared."""
    if corpus is None:
        corpus = tmp / "seeds"
        if not corpus.exists():
            shutil.copytree(SEEDS, corpus)
    if briefings is None:
        briefings = tmp / "briefings"
        if not briefings.exists():
            shutil.copytree(BRIEFINGS, briefings)
    return Config(
        corpus=(corpus,), briefings=briefings, index_dir=tmp / "index", export_dir=tmp / "exports"
    )


def sample_app(tmp: Path, corpus: Path | None = None, briefings: Path | None = None) -> BriefingApp:
    return make_app(
        sample_config(tmp, corpus, briefings),
        state_path=tmp / "state.json",
        watch_seconds=0,
    )


@contextlib.asynccontextmanager
async def settled(
    tmp: Path,
    size: tuple[int, int] = (120, 40),
    corpus: Path | None = None,
    briefings: Path | None = None,
) -> AsyncIterator[tuple[BriefingApp, Pilot[None]]]:
    """The sample app running at ``size``, indexed and drawn: what most app tests start from."""
    app = sample_app(tmp, corpus, briefings)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield app, pilot


async def settle(pilot: Pilot) -> None:
    """Wait until the index worker and the pane figures are done, and the screen is drawn."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):  # a newer exclusive worker replaced it
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def briefing_app(pilot: Pilot) -> BriefingApp:
    """The app a pilot drives, as the BriefingApp it is."""
    assert isinstance(pilot.app, BriefingApp)
    return pilot.app


def catalog(app: BriefingApp) -> dict[str, Entry]:
    """The app's catalog, once the index is open (the tests that call this have settled)."""
    assert app.ix is not None, "the index is not open yet"
    return app.ix.catalog


def screen_text(app: BriefingApp) -> str:
    """What the screen shows, as plain text (from the SVG screenshot Textual makes)."""
    svg = app.export_screenshot()
    pieces = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return "".join(html.unescape(p) for p in pieces).replace("\u00a0", " ")


def low_contrast(app: BriefingApp, minimum: float = 4.5) -> list[str]:
    """Every text on the screen drawn under ``minimum``:1 against its background, as the
    terminal gets it (after the app's line filters): "1.49 'Korea–Japan…' #fea62b on #e0e0e0".
    Lines and blocks (borders, scrollbars) are not text."""
    from tui.app.contrast import ratio

    def rgb(color: Color | None) -> tuple[int, int, int] | None:
        if color is None or color.is_default:
            return None
        t = color.get_truecolor()
        return (t.red, t.green, t.blue)

    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            text, style = segment.text, segment.style
            if style is None or not any(
                not c.isspace() and not 0x2500 <= ord(c) <= 0x259F for c in text
            ):
                continue
            fg, bg = rgb(style.color), rgb(style.bgcolor)
            if style.reverse:
                fg, bg = bg, fg
            assert fg is not None and bg is not None, f"row {y}: {text!r} has no colour"
            if ratio(fg, bg) < minimum:
                shown = "#{:02x}{:02x}{:02x} on #{:02x}{:02x}{:02x}".format(*fg, *bg)
                found.append(f"{ratio(fg, bg):.2f} {text.strip()[:30]!r} {shown} (row {y})")
    return found
