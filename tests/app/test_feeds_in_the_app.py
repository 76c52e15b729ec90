"""Feeds in the app: r fetches, and new articles join their panes without a restart."""

from __future__ import annotations

from pathlib import Path

from tests.feed_server import good_site
from tui.feeds.fetch import Feed


async def test_r_in_the_app_fetches_and_new_articles_appear_without_a_restart(
    server: str, tmp_path: Path
) -> None:
    from dataclasses import replace

    from tests.app_support import catalog, sample_app, settle

    good_site()
    app = sample_app(tmp_path)
    app.config = replace(
        app.config,
        feeds=(Feed(f"{server}/rss2", "Harbour Gazette", "harbour"),),
        fetched_dir=tmp_path / "fetched",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(catalog(app)) == 5
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)
        titles = {e.title for e in catalog(app).values()}
        assert "Bridge closes for repairs" in titles
        assert any(p.title == "harbour" for p in app.panes)  # its topic pane
        assert any("Feeds: 2 new" in n.message for n in app._notifications)
