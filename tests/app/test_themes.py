"""config.yaml: typed values, defaults, and errors that name the file and line. — in the app."""

from __future__ import annotations

from pathlib import Path


async def test_the_configs_themes_are_the_apps(tmp_path: Path) -> None:
    from tests.app_support import sample_app
    from tui.store.config import THEMES

    app = sample_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert sorted(app.available_themes) == sorted(THEMES)
