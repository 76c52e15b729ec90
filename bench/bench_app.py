"""Benchmark the app: first paint with a warm index, keypress-to-results, peak memory.

Prints one JSON object. Usage: python bench/bench_app.py [BBC_DIR]
- first paint: wall time from starting the installed ``briefing`` in tmux until the sidebar
  ("All articles") is on the terminal, then until the index is confirmed up to date;
- keypress to results: in-process on the BBC corpus, one key at a time, the time from the key
  event until the result list for that exact query has been rebuilt (debounce included; the
  screen paints it on its next refresh, at most one frame later);
- peak RSS of that in-process run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from common import percentile

REPO = Path(__file__).resolve().parent.parent
BBC = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpora" / "bbc"
BRIEFING = Path(sys.executable).parent / "briefing"
RUNS = 5
TYPED = "prime minister election"


def first_paint(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds until the sidebar shows, and until the status says the index is ready."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"env {exports} TERM=xterm-256color {BRIEFING} {' '.join(args)}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command])
    painted = ready = None
    try:
        while time.perf_counter() - start < 30 and ready is None:
            shown = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            now = time.perf_counter() - start
            if painted is None and "All articles" in shown:
                painted = now
            if "articles indexed" in shown:
                ready = now
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    if painted is None or ready is None:
        raise RuntimeError(f"the app never painted for {args}")
    return painted, ready


KEY_LIMIT_S = 5.0  # a key whose results take longer is counted as this long


async def keypress_latency(bbc: Path, cache: Path) -> list[float]:
    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.environ["XDG_STATE_HOME"] = str(cache / "state")
    from textual import events
    from textual.worker import WorkerCancelled

    from tui.app.app import make_app
    from tui.app.screens.search import SearchScreen
    from tui.store.config import Config

    app = make_app(Config(corpus=(bbc.resolve(),)), watch_seconds=0)
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("slash")
        typed = ""
        for key in TYPED:
            typed += key
            start = time.perf_counter()
            # As the terminal driver does it (Pilot.press would also wait for the app to idle).
            app.post_message(events.Key("space" if key == " " else key, key))
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            if len(typed.strip()) < 2 or typed.endswith(" "):
                continue  # one letter is not searched; a trailing space repeats the query
            while time.perf_counter() - start < KEY_LIMIT_S:
                if screen.result is not None and screen.result.query == typed:
                    latencies.append((time.perf_counter() - start) * 1000)
                    break
                await asyncio.sleep(0.001)
            else:  # counted at the limit (at 1,000,000 articles a prefix can take longer)
                latencies.append(KEY_LIMIT_S * 1000)
    return latencies


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        cache = Path(tmp) / "cache"
        env = {"XDG_CACHE_HOME": str(cache), "XDG_STATE_HOME": str(Path(tmp) / "state")}
        seeds_args = ["--config", str(REPO / "config.yaml")]
        bbc_args = ["--corpus", str(BBC)]
        run_env = {**os.environ, **env}
        for args in (seeds_args, bbc_args):  # warm the index first
            subprocess.run(
                [str(BRIEFING), "index", *args], env=run_env, check=True, capture_output=True
            )
        figures: dict[str, object] = {}
        for label, args in (("seeds", seeds_args), ("bbc", bbc_args)):
            paints, readies = [], []
            for _ in range(RUNS):
                painted, ready = first_paint(args, env)
                paints.append(painted)
                readies.append(ready)
            figures[f"first_paint_{label}_s_p50"] = round(statistics.median(paints), 3)
            figures[f"first_paint_{label}_s_max"] = round(max(paints), 3)
            figures[f"index_ready_{label}_s_p50"] = round(statistics.median(readies), 3)
        latencies = asyncio.run(keypress_latency(BBC, cache))
        figures["keypress_to_results_ms_p50"] = round(statistics.median(latencies), 1)
        figures["keypress_to_results_ms_p95"] = round(percentile(latencies, 95), 1)
        figures["keypresses"] = len(latencies)
        figures["peak_rss_mb_bbc_app"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
        figures["runs"] = RUNS
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
