"""Keeping up in the app: read and unread, counts in the sidebar, the next unread article,
a pane marked read, only unread, and mute (Pilot, on the seeds)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.app_support import sample_app, sample_config, screen_text, settle, settled
from tui.app.app import BriefingApp, make_app
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.sidebar import Sidebar
from tui.store.reading import ReadState, read_state_path


def unread_label(app: BriefingApp, index: int) -> str:
    sidebar = app.query_one(Sidebar)
    return str(sidebar.get_option(str(index)).prompt)


async def test_opening_marks_read_and_the_counts_fall(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        all_index = next(k for k, p in enumerate(app.panes) if p.kind == "all")
        assert unread_label(app, all_index).endswith("5/5")
        await pilot.press("u")  # the next unread: the first of the pane
        await settle(pilot)
        first = app.query_one(Reader).article
        assert first is not None
        await pilot.press("u")
        await settle(pilot)
        second = app.query_one(Reader).article
        assert second is not None and second.id != first.id
        assert unread_label(app, all_index).endswith("3/5")
        kept = ReadState(read_state_path(app.config.resolved_index_dir))
        assert kept.ids == {first.id, second.id}
        # U: unread again
        await pilot.press("U")
        await pilot.pause()
        assert unread_label(app, all_index).endswith("4/5")


async def test_read_state_survives_a_restart(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("u")
        await settle(pilot)
        opened = app.query_one(Reader).article
        assert opened is not None
    again = sample_app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.read.is_read(opened.id)
        rows = again.query_one(ArticleList)
        shown = {rows.ids[k]: rows.row_text(k) for k in range(rows.row_count)}
        assert not shown[opened.id].startswith("•")  # read: no unread mark, and the rest have it
        assert all(text.startswith("•") for i, text in shown.items() if i != opened.id)


async def test_a_pane_marked_read_and_only_unread(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.query_one(ArticleList).focus()
        await pilot.press("l")  # only unread: all five at first
        await settle(pilot)
        assert app.query_one(ArticleList).row_count == len(app.panes[0].article_ids)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("l", "l")  # off and on again: the pane shows nothing unread
        await settle(pilot)
        assert app.query_one(ArticleList).row_count == 0
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing unread" in screen_text(app) or any(
            "Nothing unread" in str(n.message) for n in app._notifications
        )


async def test_muted_articles_leave_panes_and_counts(tmp_path: Path) -> None:
    config = replace(sample_config(tmp_path), mute=("Andong",))
    app = make_app(config, state_path=tmp_path / "state.json", watch_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        muted = next(p for p in app.panes if p.kind == "muted")
        assert muted.title == "Muted (1)" and muted.article_ids == ["003_ff72b68d716462b9"]
        everything = next(p for p in app.panes if p.kind == "all")
        assert "003_ff72b68d716462b9" not in everything.article_ids
        assert len(everything.article_ids) == 4


async def test_the_reader_finds_in_the_article_and_pages(tmp_path: Path) -> None:
    from tui.app.screens.prompt import PromptScreen

    async with settled(tmp_path) as (app, pilot):
        app.open_article("004_418a29abe9d5b535")
        await settle(pilot)
        reader = app.query_one(Reader)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # finds in the article, not the corpus
        await pilot.press(*"chosei", "enter")
        await settle(pilot)
        assert app.screen is app.main
        article = reader.article
        assert article is not None
        assert reader.hits and all(
            (article.title if h.block < 0 else article.blocks[h.block].text)[
                h.span.start : h.span.end
            ].casefold()
            == "chosei"
            for h in reader.hits
        )
        first = reader.current
        await pilot.press("n")
        assert reader.current == (first + 1) % len(reader.hits)
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_y > 0


async def test_the_reader_shows_opens_and_copies_the_web_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    corpus = tmp_path / "news"
    from tests.conftest import write

    write(
        corpus / "a.md",
        "---\ntitle: Harbour reopens\nurl: https://example.org/harbour?a=1&b=[x]\n---\n"
        "The harbour reopened on Monday after the storm.",
    )
    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    async with settled(tmp_path, corpus=corpus) as (app, pilot):
        app.open_article("a")
        await settle(pilot)
        assert "https://example.org/harbour?a=1&b=[x]" in screen_text(app)  # literal, as written
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://example.org/harbour?a=1&b=[x]"]
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        await pilot.press("Y")
        await pilot.pause()
        assert copied == ["https://example.org/harbour?a=1&b=[x]"]


async def test_the_feeds_screen_adds_and_removes_feeds_in_config(tmp_path: Path) -> None:
    from textual.widgets import Input, OptionList

    from tests.conftest import write
    from tui.app.screens.feeds import FeedsScreen
    from tui.app.screens.prompt import ChoiceScreen, PromptScreen
    from tui.store.config import load_config

    base = sample_config(tmp_path)
    path = write(
        tmp_path / "config.yaml",
        f"# mine\ncorpus: [{base.corpus[0]}]\nindex_dir: {base.index_dir}\n"
        f"fetched_dir: {tmp_path / 'fetched'}\nfeeds:\n  - url: https://a.example/feed  # A\n"
        "    name: Alpha\n",
    )
    write(tmp_path / "fetched" / "alpha" / "one.txt", "Harbour reopens\n\nThe harbour reopened.")
    write(tmp_path / "fetched" / "alpha" / "two.txt", "Cranes return\n\nThe cranes are back.")
    config = replace(load_config(path), briefings=base.briefings)
    app = make_app(config, state_path=tmp_path / "state.json", watch_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.read.mark(["alpha/one"])
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        assert "Alpha" in screen_text(app) and "last fetch never" in screen_text(app)
        assert (app.screen.rows[0].unread, app.screen.rows[0].total) == (1, 2)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "https://b.example/rss"
        await pilot.press("enter")
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# mine\n") and "# A" in text and "https://b.example/rss" in text
        assert isinstance(app.screen, FeedsScreen) and len(app.screen.rows) == 2
        app.screen.query_one(OptionList).highlighted = 1
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "Remove it"
        await settle(pilot)
        assert "b.example" not in path.read_text(encoding="utf-8")
        assert [f.url for f in app.config.feeds] == ["https://a.example/feed"]


async def test_rename_delete_unclip_and_undo_in_the_app(tmp_path: Path) -> None:
    import os

    from textual.widgets import Input

    from tui.app.screens.prompt import ChoiceScreen, PromptScreen

    async with settled(tmp_path) as (app, pilot):

        async def rename(title: str) -> None:
            app.rename_briefing()
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)
            app.screen.query_one(Input).value = title
            await pilot.press("enter")
            await settle(pilot)

        pane = app.panes[0]
        assert pane.path is not None
        path = pane.path
        original = path.read_bytes()
        await rename("Shuttle diplomacy, renamed")
        assert "title: Shuttle diplomacy, renamed" in path.read_text(encoding="utf-8")
        assert app.panes[0].title == "Shuttle diplomacy, renamed"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == original  # byte for byte, comments and all
        # a clipping taken out from the app, then put back with undo
        app.change_briefing(
            app.panes[0],
            lambda bf: bf.clip(
                "004_418a29abe9d5b535", "humanitarian cooperation on historical issues"
            ),
            "Clipped",
        )
        await settle(pilot)
        clipped = path.read_bytes()
        assert b"humanitarian cooperation on historical issues" in clipped
        app.remove_clipping()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert b"humanitarian cooperation on historical issues" not in path.read_bytes(), [
            n.message for n in app._notifications
        ]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == clipped
        await pilot.press("ctrl+z")  # and the clip itself
        await settle(pilot)
        assert path.read_bytes() == original
        # delete: to the trash, after a question; undo brings it back
        app.delete_briefing()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert not path.exists()
        trashed = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files" / path.name
        assert trashed.read_bytes() == original
        info = trashed.parent.parent / "info" / f"{path.name}.trashinfo"
        assert "Path=" in info.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == original
        # undo never writes over a change made since
        await rename("Another title")
        path.write_text(
            path.read_text(encoding="utf-8") + "\nEdited elsewhere.\n", encoding="utf-8"
        )
        changed = path.read_bytes()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == changed


async def test_the_list_drops_the_unread_mark_of_an_article_once_read(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        rows = app.query_one(ArticleList)
        first = rows.ids[0]
        assert rows.row_text(0).startswith("•")
        app.open_article(first)
        await settle(pilot)
        await pilot.press("escape")  # back to the pane: the same list
        await settle(pilot)
        rows = app.query_one(ArticleList)
        k = rows.ids.index(first)
        assert not rows.row_text(k).startswith("•")
        await pilot.press("U")  # unread again, from the list
        await pilot.pause()
        assert rows.row_text(rows.ids.index(first)).startswith("•")
