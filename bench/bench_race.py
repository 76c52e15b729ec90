"""Searches racing ``briefing index --rebuild``: how many gave a wrong total or failed.

Builds the index of a corpus once, then runs ``briefing index --rebuild`` in other processes
again and again while this process searches without pause (as the app's live search does) and,
every few searches, runs ``briefing search --json`` as another process (as a script would).
Every answer must have the total of the settled index. Prints one JSON object.

Usage: python bench/bench_race.py [CORPUS_DIR] [SECONDS]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tui.backend.whoosh.index import ArticleIndex

pass

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpora" / "bbc"
QUERIES = ["blair", "economy growth", "film", '"world cup"', "mobile AND phone"]


def main() -> None:
    corpus = (Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT).resolve()
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    briefing = str(Path(sys.executable).parent / "briefing")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": tmp}
        ix_dir = Path(tmp) / "ix"
        config = Path(tmp) / "config.yaml"
        config.write_text(f"corpus: [{corpus}]\nindex_dir: {ix_dir}\n", encoding="utf-8")
        ix = ArticleIndex(ix_dir)
        ix.update([corpus], ["*.txt", "*.md"], 5_000_000)
        expected = {q: ix.search(q, limit=5).total for q in QUERIES}
        in_process = wrong = errors = cli_runs = cli_wrong = rebuilds = 0
        samples: list[str] = []
        end = time.monotonic() + seconds
        rebuild: subprocess.Popen[bytes] | None = None
        while time.monotonic() < end:
            if rebuild is None or rebuild.poll() is not None:
                rebuilds += rebuild is not None
                rebuild = subprocess.Popen(
                    [briefing, "--config", str(config), "index", "--rebuild", "--json"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            for q in QUERIES:
                in_process += 1
                ix.refresh()
                try:
                    total = ix.search(q, limit=5).total
                except Exception as exc:
                    errors += 1
                    samples.append(f"{q}: {type(exc).__name__}: {exc}"[:200])
                    continue
                if total != expected[q]:
                    wrong += 1
                    samples.append(f"{q}: {total} != {expected[q]}")
            if in_process % 25 == 0:
                cli_runs += 1
                out = subprocess.run(
                    [briefing, "--config", str(config), "search", "blair", "--json"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                try:
                    total = json.loads(out.stdout)["total"]
                except (ValueError, KeyError):
                    total = -1  # no answer: counted as wrong
                if total != expected["blair"]:
                    cli_wrong += 1
                    samples.append(f"cli blair: {total} ({out.stderr.strip()[:120]})")
        if rebuild is not None:
            rebuild.wait()
    print(
        json.dumps(
            {
                "corpus": str(corpus),
                "seconds": seconds,
                "rebuilds_finished": rebuilds,
                "searches_in_process": in_process,
                "wrong_totals_in_process": wrong,
                "errors_in_process": errors,
                "cli_searches": cli_runs,
                "cli_wrong_or_failed": cli_wrong,
                "samples": samples[:10],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
