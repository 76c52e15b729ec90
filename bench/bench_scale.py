"""Scale: the figures of issue 13 on a large corpus, warm, on this machine.

Prints one JSON object. Usage:
    python bench/bench_scale.py BIG_CORPUS BIG_CACHE [--build] [--cli] [--ratios] [BBC_DIR]
BIG_CORPUS is made by bench/make_corpus.py (100,000 articles); BIG_CACHE is the XDG cache folder
that holds its index (built once with ``XDG_CACHE_HOME=BIG_CACHE briefing index --corpus
BIG_CORPUS``); ``--build`` rebuilds it first and reports the rate (below).

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
  of 10); bbc_full_build_s: ``briefing index --rebuild`` on the BBC corpus (median of 3);
- ``cli``: whole processes on BIG_CORPUS, each command run 10 times (median and p95 seconds):
  ``index`` with nothing changed, ``search Q --json`` (the first 10 queries below), ``show ID``,
  ``show ID --json``, ``briefings`` and ``briefings --json``; then an article added and the
  seconds of the next ``search`` (which must find it), the same after an edit saved by
  renaming, and after removing it. With ``--cli`` only these are measured (no app).
- ``--ratios``: ``index`` with nothing changed and ``search Q --json`` as whole processes on the
  BBC corpus (2,225) and on a 20,025-article copy made in a temporary folder, and their ratio;
- ``--build``: BIG_CORPUS's index rebuilt first (in BIG_CACHE), with its rate and the peak
  memory of all its processes together (proportional set sizes summed, sampled every second).
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
from typing import Any

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


def _tree_memory_kb(root: int) -> int:
    """The memory of a process and all its descendants together: their proportional set sizes
    summed (from /proc; a page shared by forked workers is counted once, split among them,
    where summing resident sizes would count it in each)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def build_with_memory(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds of a whole build and the peak memory of its processes together (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_memory_kb(process.pid))
        time.sleep(1.0)  # reading smaps of big processes is itself costly
    seconds = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(process.stderr.read().decode() if process.stderr else "build failed")
    return seconds, peak / 1024


def spread(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "p95": round(percentile(values, 95), 3)}


def cli_figures(big: Path, env: dict[str, str], runs: int = 10) -> dict[str, object]:
    """Whole ``briefing`` processes on the big corpus, with nothing changed; then the next
    search after an article is added, replaced and removed (each must be seen)."""
    corpus = ["--corpus", str(big)]
    some = next(p for p in sorted(big.iterdir()) if p.is_dir())
    article_id = f"{some.name}/{sorted(some.iterdir())[0].stem}"
    b = str(BRIEFING)
    subprocess.run([b, "index", *corpus], env=env, check=True, capture_output=True)
    time.sleep(2.1)  # the folders' stamps are trusted once they are older than corpus.RACY_NS
    subprocess.run([b, "index", *corpus], env=env, check=True, capture_output=True)
    commands = {
        "index": [b, "index", *corpus],
        "search --json": None,
        "show": [b, "show", article_id, *corpus],
        "show --json": [b, "show", article_id, "--json", *corpus],
        "briefings": [b, "briefings", *corpus],
        "briefings --json": [b, "briefings", "--json", *corpus],
    }
    out: dict[str, object] = {}
    for name, command in commands.items():
        if command is None:
            seconds = [
                timed([b, "search", QUERIES[k % 10], "--json", *corpus], env) for k in range(runs)
            ]
        else:
            seconds = [timed(command, env) for _ in range(runs)]
        out[name] = spread(seconds)
    word = f"zq{uuid.uuid4().hex[:10]}"
    new = some / f"{word}.txt"

    def found_after(change: Any) -> dict[str, object]:
        change()
        start = time.perf_counter()
        done = subprocess.run(
            [b, "search", word, "--json", *corpus], env=env, check=True, capture_output=True
        )
        seconds = time.perf_counter() - start
        ids = [r["id"] for r in json.loads(done.stdout)["results"]]
        return {"s": round(seconds, 2), "found": ids}

    try:
        out["after_add"] = found_after(lambda: new.write_text(f"A {word}\n\nText {word}.\n"))
        spare = new.with_suffix(".tmp")

        def replace() -> None:
            spare.write_text(f"Edited {word}\n\nText {word}, edited.\n")
            os.replace(spare, new)

        out["after_replace"] = found_after(replace)
        out["after_remove"] = found_after(new.unlink)
    finally:
        new.unlink(missing_ok=True)
        subprocess.run([b, "index", *corpus], env=env, check=True, capture_output=True)
    return out


def ratio_figures(bbc: Path, tmp: Path, runs: int = 10) -> dict[str, object]:
    """No-change ``index`` and ``search --json`` at 2,225 and 20,025 articles, and their ratio."""
    bigger = tmp / "corpus20k"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_corpus.py"), str(bigger), "20025", str(bbc)],
        check=True, capture_output=True,
    )  # fmt: skip
    out: dict[str, object] = {}
    for name, corpus in (("2225", bbc), ("20025", bigger)):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / f"cache{name}")}
        subprocess.run([str(BRIEFING), "index", "--corpus", str(corpus)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        time.sleep(2.1)  # then one more scan, whose folder stamps are trusted
        subprocess.run([str(BRIEFING), "index", "--corpus", str(corpus)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        index_s = [
            timed([str(BRIEFING), "index", "--corpus", str(corpus)], env) for _ in range(runs)
        ]
        search_s = [
            timed(
                [str(BRIEFING), "search", QUERIES[k % 10], "--json", "--corpus", str(corpus)], env
            )
            for k in range(runs)
        ]
        out[name] = {"index_no_change_s": spread(index_s), "search_json_s": spread(search_s)}
    small, large = out["2225"], out["20025"]
    assert isinstance(small, dict) and isinstance(large, dict)
    for key in ("index_no_change_s", "search_json_s"):
        out[f"ratio_{key}"] = round(large[key]["median"] / small[key]["median"], 2)
    return out


def search_times(big: Path, refused: list[str] | None = None) -> list[float]:
    """Each query's median time (ms); a query the search refuses (a prefix that stands for too
    much at this size) is timed all the same, as the user waits for the refusal, and named in
    ``refused``."""
    from tui.backend.whoosh.index import ArticleIndex
    from tui.backend.whoosh.ranker import forget
    from tui.search.results import QueryError
    from tui.store.config import Config

    ix = ArticleIndex(Config(corpus=(big.resolve(),)).resolved_index_dir)

    def run(q: str) -> None:
        try:
            ix.search(q, limit=20)
        except QueryError:
            if refused is not None and q not in refused:
                refused.append(q)

    for q in QUERIES:  # warm: the searcher, the catalog, the operating system's cache
        run(q)
    times = []
    for q in QUERIES:
        runs = []
        for _ in range(3):
            with ix.reading() as searcher:
                forget(searcher)  # as a new query: its words not yet read by the last search
            t0 = time.perf_counter()
            run(q)
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
    if "--build" in sys.argv:  # first: it makes the index the rest is measured on
        build_env = {**env, "XDG_STATE_HOME": tempfile.mkdtemp(prefix="scale-state-")}
        seconds, peak_mb = build_with_memory(
            [str(BRIEFING), "index", "--rebuild", "--corpus", str(big)], build_env
        )
        count = sum(1 for _ in big.rglob("*.txt"))
        figures["big_articles"] = count
        figures["big_build_s"] = round(seconds, 1)
        figures["big_build_articles_per_s"] = round(count / seconds, 1)
        figures["big_build_peak_mb_all_processes"] = round(peak_mb)
    if "--cli" in sys.argv or "--ratios" in sys.argv:
        with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
            if "--cli" in sys.argv:
                state = {**env, "XDG_STATE_HOME": str(Path(tmp) / "state")}
                figures["cli"] = cli_figures(big, state)
            if "--ratios" in sys.argv:
                figures["ratios"] = ratio_figures(bbc, Path(tmp))
        print(json.dumps(figures, indent=2))
        return
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        state = {"XDG_CACHE_HOME": str(cache), "XDG_STATE_HOME": str(Path(tmp) / "state")}
        subprocess.run([str(BRIEFING), "index", "--corpus", str(big)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        shown = [list_ready(big, state) for _ in range(3)]
        figures["app_list_ready_s"] = round(statistics.median(shown), 2)
        no_change = [timed([str(BRIEFING), "index", "--corpus", str(big)], env) for _ in range(3)]
        figures["no_change_index_s"] = round(statistics.median(no_change), 2)
        os.environ["XDG_CACHE_HOME"] = str(cache)
        refused: list[str] = []
        times = search_times(big, refused)
        figures["search_refused"] = refused
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
        figures["cli"] = cli_figures(big, {**env, "XDG_STATE_HOME": str(Path(tmp) / "state")})
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
