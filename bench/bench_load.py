"""Load: a 100,000-article corpus, and 1,000 searches from the command line and in the app.

Prints one JSON object. Usage: python bench/bench_load.py BIG_CORPUS [BBC_DIR]
(make BIG_CORPUS first with bench/make_corpus.py; it must live outside the repository).
- index: ``briefing index`` from scratch on the big corpus, wall time and peak RSS (the command
  and the writer processes it forks);
- search on the big index: p50/p95 of a few queries, and the app opening on it with its
  article list filled and scrolled to the end (no article text loaded);
- 1,000 searches in a row through the command line's code (one process) and 1,000 typed in the
  app (Pilot): memory and open files at the start, after 100 and after 1,000.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from common import percentile

REPO = Path(__file__).resolve().parent.parent
BRIEFING = Path(sys.executable).parent / "briefing"
QUERIES = [
    "economy",
    "election",
    "mobile phone",
    '"prime minister"',
    "music OR film",
    "labour AND tax",
    "gam*",
    "topic:tech AND software",
    "chelsea NOT arsenal",
    "oil",
]


def rss_mb() -> float:
    return round(psutil.Process().memory_info().rss / 2**20, 1)


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def index_big(big: Path, env: dict[str, str]) -> dict[str, object]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(BRIEFING), "index", "--corpus", str(big), "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    report = json.loads(done.stdout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "big_articles": report["added"],
        "big_index_s": round(seconds, 1),
        "big_index_articles_per_s": round(report["added"] / seconds, 1),
        "big_index_peak_rss_mb": round(peak, 1),
    }


def search_big(big: Path) -> dict[str, object]:
    from tui.backend.whoosh.index import ArticleIndex

    pass
    from tui.store.config import Config

    ix = ArticleIndex(Config(corpus=(big.resolve(),)).resolved_index_dir)
    times = []
    for q in QUERIES:
        ix.search(q)
        for _ in range(5):
            t0 = time.perf_counter()
            result = ix.search(q, limit=20)
            times.append((time.perf_counter() - t0) * 1000)
        assert result.total > 0
    return {
        "big_query_ms_p50": round(statistics.median(times), 1),
        "big_query_ms_p95": round(percentile(times, 95), 1),
    }


def cli_searches(bbc: Path) -> dict[str, object]:
    from tui.cli import main

    marks: dict[str, object] = {}
    for n in range(1, 1001):
        with contextlib.redirect_stdout(io.StringIO()):
            status = main(["search", QUERIES[n % len(QUERIES)], "--json", "--corpus", str(bbc)])
        assert status == 0
        if n in (1, 100, 1000):
            marks[f"cli_after_{n}_rss_mb"] = rss_mb()
            marks[f"cli_after_{n}_open_files"] = open_files()
    return marks


async def app_runs(big: Path, bbc: Path) -> dict[str, object]:
    from textual.widgets import Input
    from textual.worker import WorkerCancelled

    from tui.app.app import make_app
    from tui.app.screens.search import SearchScreen
    from tui.app.widgets.article_list import ArticleList
    from tui.store.config import Config

    async def settle(pilot) -> None:
        for _ in range(3):
            with contextlib.suppress(WorkerCancelled):
                await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    figures: dict[str, object] = {}
    app = make_app(Config(corpus=(big.resolve(),)), watch_seconds=0)
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_pane(len(app.panes) - 1)  # "All articles"
        await settle(pilot)
        table = app.query_one(ArticleList)
        figures["big_app_ready_with_list_s"] = round(time.perf_counter() - start, 2)
        figures["big_app_list_rows"] = table.row_count
        table.focus()
        t0 = time.perf_counter()
        await pilot.press("end")
        await pilot.pause()
        figures["big_app_scroll_to_end_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        figures["big_app_rss_mb"] = rss_mb()

    app = make_app(Config(corpus=(bbc.resolve(),)), watch_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one("#query", Input)
        for n in range(1, 1001):
            query = f"{QUERIES[n % len(QUERIES)]} {n % 7 or ''}".strip()
            box.value = query
            while not (screen.result is not None and screen.result.query == query):
                await asyncio.sleep(0.002)
            if n in (1, 100, 1000):
                figures[f"app_after_{n}_rss_mb"] = rss_mb()
                figures[f"app_after_{n}_open_files"] = open_files()
    return figures


def main() -> None:
    big = Path(sys.argv[1])
    bbc = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO.parent / "shared" / "corpora" / "bbc"
    with tempfile.TemporaryDirectory(prefix="briefing-load-") as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": tmp, "XDG_STATE_HOME": tmp}
        os.environ.update({"XDG_CACHE_HOME": tmp, "XDG_STATE_HOME": tmp})
        figures = index_big(big, env)
        figures.update(search_big(big))
        figures.update(cli_searches(bbc))
        figures.update(asyncio.run(app_runs(big, bbc)))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
