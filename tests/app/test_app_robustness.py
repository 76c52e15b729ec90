"""The app under hostile files, damaged state, concurrency and escape sequences: nothing
crashes, nothing is lost, nothing reaches the terminal raw."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.app_support import catalog, sample_app, screen_text, settle, settled
from tests.conftest import REPO, protect, write
from tests.core.test_hostile_input import make_corpus
from tests.core.test_robustness import OSC52
from tui.backend.whoosh.index import ArticleIndex


async def test_leaving_the_app_while_it_indexes(tmp_path: Path, guard: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 800)
    protect(guard, corpus)
    app = sample_app(tmp_path, corpus=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        app.exit()  # as Ctrl-C / q would, while the worker is half-way
    ix = ArticleIndex(tmp_path / "index")
    report = ix.update([corpus], ["*.txt"], 5_000_000)
    assert report.added + report.unchanged == 800
    assert ix.search("Commonword").total == 800


async def test_app_picks_up_what_another_process_indexed(tmp_path: Path, guard: list[Path]) -> None:
    app = sample_app(tmp_path)
    protect(guard, tmp_path / "briefings")
    app.watch_seconds = 0.2
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        write(tmp_path / "seeds" / "extra.txt", "Extra headline\n\nAn extraword story.\n")
        config = write(
            tmp_path / "other.yaml",
            f"corpus: [{tmp_path / 'seeds'}]\nindex_dir: {tmp_path / 'index'}\n",
        )
        cli = threading.Thread(
            target=subprocess.run,
            args=([sys.executable, "-m", "tui", "index", "--config", str(config)],),
            kwargs={"cwd": REPO, "capture_output": True, "check": True},
        )
        cli.start()
        while cli.is_alive():
            await pilot.pause(0.1)  # the app keeps running meanwhile
        deadline = time.monotonic() + 10
        while len(app.panes[-1].article_ids) < 6 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert "extra" in catalog(app)
        assert len(app.panes[-1].article_ids) == 6


async def test_the_app_sees_a_file_dropped_into_a_corpus_folder(
    tmp_path: Path, guard: list[Path]
) -> None:
    """The app watches the folders: a new file appears without any command, and a removed one
    goes (only the folders' stamps are read while nothing changes)."""
    app = sample_app(tmp_path)
    protect(guard, tmp_path / "briefings")
    app.watch_seconds = 0.2
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.panes[-1].article_ids) == 5
        dropped = write(tmp_path / "seeds" / "dropped.txt", "Dropped headline\n\nA dropword.\n")
        deadline = time.monotonic() + 10
        while len(app.panes[-1].article_ids) < 6 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert "dropped" in app.panes[-1].article_ids
        dropped.unlink()
        deadline = time.monotonic() + 10
        while len(app.panes[-1].article_ids) > 5 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert "dropped" not in app.panes[-1].article_ids


async def test_the_periodic_refresh_never_cancels_the_first_indexing(
    tmp_path: Path, guard: list[Path]
) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 600)
    app = sample_app(tmp_path, corpus=corpus)
    protect(guard, corpus, tmp_path / "briefings")
    app.watch_seconds = 0.05  # fires many times while the first run indexes
    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.monotonic() + 60
        while len(app.panes[-1].article_ids) < 600 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert len(app.panes[-1].article_ids) == 600


async def test_the_app_never_writes_config_briefings_or_corpus(
    tmp_path: Path, guard: list[Path]
) -> None:
    from tests.app_support import sample_config
    from tui.app.app import make_app
    from tui.store.config import load_config

    sample = sample_config(tmp_path)
    config_file = write(
        tmp_path / "conf" / "config.yaml",
        f"corpus: [{sample.corpus[0]}]\nbriefings: {sample.briefings}\n"
        f"index_dir: {tmp_path / 'index'}\ntheme: textual-dark\n",
    )
    protect(guard, sample.corpus[0], tmp_path / "briefings", config_file.parent)
    app = make_app(load_config(config_file), state_path=tmp_path / "state.json", watch_seconds=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.press("tab", "enter")
        await settle(pilot)
        await pilot.press("n", "escape", "c")
        await settle(pilot)
        await pilot.press("escape", "slash", *"Chosei", "enter")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
    assert json.loads((tmp_path / "state.json").read_text())["theme"] == "nord"


# --- round two ----------------------------------------------------------------------


async def test_6_escape_sequences_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / f"news{OSC52}"
    write(corpus / f"topic{OSC52}" / "a.txt", "A headline\n\nThe body of it.\n")
    briefings = tmp_path / "briefings"
    write(briefings / f"evil{OSC52}.md", "no front matter here\n")
    app = sample_app(tmp_path, corpus=corpus, briefings=briefings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "\x1b" not in app.sub_title and "␛" in app.sub_title
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "topic␛]52" in shown  # the topic pane, its name made visible


async def test_7_a_deleted_article_named_like_markup_is_a_notification(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    path = write(corpus / "[" / "talks [time=10:30].txt", "Talks\n\nAbout the talks.\n")
    async with settled(tmp_path, corpus=corpus) as (app, pilot):
        article_id = next(iter(catalog(app)))
        path.unlink()
        app.open_article(article_id)  # the file is gone: a notification names it
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("[time=10:30]" in m for m in messages)
        assert app.is_running


async def test_12_the_app_keeps_the_index_when_the_corpus_folder_is_gone(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        assert len(catalog(app)) == 5
        (tmp_path / "seeds").rename(tmp_path / "moved")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(catalog(app)) == 5
        assert "corpus folder does not exist" in screen_text(app)
    fresh = ArticleIndex(tmp_path / "index")
    assert len(fresh.catalog) == 5


async def test_a_slow_article_never_holds_the_screen(tmp_path: Path, monkeypatch) -> None:
    # Reading an article (a saved page is extracted again) happens in a worker: while the
    # file is slow to come, keys still work; the article shows once read, and a newer
    # opening replaces one still on its way.
    from tui.app import app as app_module
    from tui.app.screens.help import HelpScreen
    from tui.app.widgets.reader import Reader

    release = threading.Event()
    real = app_module.read_article

    def slow(config, entry):
        assert release.wait(30), "the test never released the read"
        return real(config, entry)

    async with settled(tmp_path) as (app, pilot):
        first, second = list(catalog(app))[:2]
        monkeypatch.setattr(app_module, "read_article", slow)
        app.open_article(first)
        app.open_article(second)  # the newer opening wins
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)  # the screen answered meanwhile
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert app.current_article == second
        assert app.query_one(Reader).display
