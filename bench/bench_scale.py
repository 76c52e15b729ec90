"""Scale: the figures of issue 13 on a large corpus, warm, on this machine.

Prints one JSON object. Usage:
    python bench/bench_scale.py BIG_CORPUS BIG_CACHE [--build] [BBC_DIR]
BIG_CORPUS is made by bench/make_corpus.py (100,000 articles); BIG_CACHE is the XDG cache folder
that holds its index (built once with ``XDG_CACHE_HOME=BIG_CACHE briefing index --corpus
BIG_CORPUS``). ``--build`` also builds a fresh index of BIG_CORPUS in a temporary folder and
reports the indexing rate (about six minutes at 100,000).

- app_list_ready_s: the installed ``briefing`` started in tmux (120×40) until its article list
  shows rows from the stored catalog (the check of the corpus for changes runs after, in a
  worker);
- no_change_index_s: ``briefing index`` with nothing changed (median of 3);
- search_ms_p50/p95: the 50 queries below (common words, free text, questions, phrases,
  boolean, fields, prefixes), each the median of 3 runs, on a warm searcher whose kept
  reading (``tui.backend.whoosh.ranker.reading_for``) is dropped before each run: a query
  with new words;
- keypress_ms_p95 and app_peak_rss_mb: a query typed into the app one key at a time on the big
  index (Pilot, in a child process whose peak RSS is the app's);
- cli_search_json_s: ``briefing search Q --json`` as a whole process on the BBC corpus (median
  of 10); bbc_full_build_s: ``briefing index --rebuild`` on the BBC corpus (median of 3).
"""

from __future__ import annotations

import json
import os
import re
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
BRIEFING = Path(sys.executable).parent / "briefing"
QUERIES = [
    # common words: tens of thousands of matches at 100,000 articles
    "said", "year", "people", "government", "new", "time", "market", "world", "game", "music",
    # free text of two or more words (all words first, then some)
    "prime minister", "mobile phone", "interest rates", "world cup", "box office",
    "election campaign", "oil prices", "chelsea arsenal", "film award", "tax rise",
    "why did the economy grow", "how many people use broadband", "what did blair say about iraq",
    "best film at the oscars", "games console sales",
    # narrower words and names
    "yukos", "tsunami", "ipod", "gordon brown", "mourinho", "pixar", "wimbledon", "euro",
    "dollar", "hollywood",
    # written syntax: phrases, booleans, fields, prefixes
    '"prime minister"', '"interest rates"', "music OR film", "labour AND tax",
    "chelsea NOT arsenal", "topic:tech AND software", "title:oil", "gam*", "econ*",
    "source:bbc", "topic:sport", "election AND NOT labour", '"world cup" AND england',
    "broadband OR internet OR web", "(film OR movie) AND award",
]  # fmt: skip
TYPED = "prime minister election"
_ROWS = re.compile(r"│ ([1-9][\d,]*) articles")


def list_ready(big: Path, env: dict[str, str]) -> float:
    name = f"scale-{uuid.uuid4().hex[:8]}"
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"env {exports} TERM=xterm-256color {BRIEFING} --corpus {big}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command])
    shown_at = None
    try:
        while time.perf_counter() - start < 120 and shown_at is None:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if _ROWS.search(screen):
                shown_at = time.perf_counter() - start
            time.sleep(0.01)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    if shown_at is None:
        raise RuntimeError("the app never showed its list")
    return shown_at


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def search_times(big: Path) -> list[float]:
    from tui.backend.whoosh.index import ArticleIndex
    from tui.backend.whoosh.ranker import forget

    pass
    from tui.store.config import Config

    ix = ArticleIndex(Config(corpus=(big.resolve(),)).resolved_index_dir)
    for q in QUERIES:  # warm: the searcher, the catalog, the operating system's cache
        ix.search(q)
    times = []
    for q in QUERIES:
        runs = []
        for _ in range(3):
            with ix.reading() as searcher:
                forget(searcher)  # as a new query: its words not yet read by the last search
            t0 = time.perf_counter()
            ix.search(q, limit=20)
            runs.append((time.perf_counter() - t0) * 1000)
        times.append(statistics.median(runs))
    return times


def app_child(big: Path, cache: Path) -> None:
    """In a child process: keypress-to-results on the big index, then this process's peak RSS."""
    import asyncio

    sys.path.insert(0, str(REPO / "bench"))
    from bench_app import keypress_latency

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="scale-state-")
    latencies = asyncio.run(keypress_latency(big, cache))
    os.environ["XDG_CACHE_HOME"] = str(cache)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"latencies": latencies, "peak_rss_mb": peak}))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--app-child" in sys.argv:
        app_child(Path(args[0]), Path(args[1]))
        return
    big, cache = Path(args[0]).resolve(), Path(args[1]).resolve()
    bbc = Path(args[2]) if len(args) > 2 else REPO.parent / "shared" / "corpora" / "bbc"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        state = {"XDG_CACHE_HOME": str(cache), "XDG_STATE_HOME": str(Path(tmp) / "state")}
        subprocess.run([str(BRIEFING), "index", "--corpus", str(big)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        shown = [list_ready(big, state) for _ in range(3)]
        figures["app_list_ready_s"] = round(statistics.median(shown), 2)
        no_change = [timed([str(BRIEFING), "index", "--corpus", str(big)], env) for _ in range(3)]
        figures["no_change_index_s"] = round(statistics.median(no_change), 2)
        os.environ["XDG_CACHE_HOME"] = str(cache)
        times = search_times(big)
        figures["search_ms_p50"] = round(statistics.median(times), 1)
        figures["search_ms_p95"] = round(percentile(times, 95), 1)
        figures["search_queries"] = len(times)
        figures["search_slowest"] = sorted(zip(times, QUERIES, strict=True))[-3:]
        child = subprocess.run(
            [sys.executable, __file__, "--app-child", str(big), str(cache)],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        app = json.loads(child.stdout.strip().splitlines()[-1])
        figures["keypress_ms_p50"] = round(statistics.median(app["latencies"]), 1)
        figures["keypress_ms_p95"] = round(percentile(app["latencies"], 95), 1)
        figures["app_peak_rss_mb"] = round(app["peak_rss_mb"], 1)

        bbc_env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "bbc")}
        builds = [
            timed([str(BRIEFING), "index", "--rebuild", "--corpus", str(bbc)], bbc_env)
            for _ in range(3)
        ]
        figures["bbc_full_build_s"] = round(statistics.median(builds), 2)
        cli = [
            timed([str(BRIEFING), "search", q, "--json", "--corpus", str(bbc)], bbc_env)
            for q in QUERIES[:10]
        ]
        figures["cli_search_json_s"] = round(statistics.median(cli), 3)
        if "--build" in sys.argv:
            build_env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "build")}
            seconds = timed([str(BRIEFING), "index", "--corpus", str(big)], build_env)
            count = sum(1 for _ in big.rglob("*.txt"))
            figures["big_build_s"] = round(seconds, 1)
            figures["big_build_articles_per_s"] = round(count / seconds, 1)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
