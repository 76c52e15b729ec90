"""Benchmark the core on the BBC corpus: full build, no-change update, and query latency.

Prints one JSON object. Usage: python bench/bench_index.py [CORPUS_DIR]
(default ../shared/corpora/bbc beside the repository).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import percentile

from tui.backend.whoosh.index import ArticleIndex

pass

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpora" / "bbc"
QUERIES = [
    "economy",
    "election",
    "mobile phone",
    '"prime minister"',
    '"world cup"',
    "labour AND tax",
    "music OR film",
    "chelsea NOT arsenal",
    "topic:tech AND software",
    "title:profit",
    "gam*",
    "broadband AND (speed OR price)",
]
RUNS = 20


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        ix = ArticleIndex(Path(tmp) / "index")
        start = time.perf_counter()
        report = ix.update([corpus], ["*.txt", "*.md"], 5_000_000)
        build = time.perf_counter() - start
        start = time.perf_counter()
        again = ArticleIndex(Path(tmp) / "index").update([corpus], ["*.txt", "*.md"], 5_000_000)
        rerun = time.perf_counter() - start
        assert not again.changed, "a no-change run changed the index"
        timings: list[float] = []
        for q in QUERIES:
            ix.search(q, limit=20)  # warm the searcher's caches once
            for _ in range(RUNS):
                t0 = time.perf_counter()
                result = ix.search(q, limit=20)
                timings.append((time.perf_counter() - t0) * 1000)
            assert result.total > 0, f"benchmark query {q!r} found nothing"
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "corpus": str(corpus),
                "articles": report.added,
                "skipped": len(report.skipped),
                "full_build_s": round(build, 3),
                "articles_per_s": round(report.added / build, 1),
                "no_change_rerun_s": round(rerun, 3),
                "queries": len(QUERIES),
                "runs_per_query": RUNS,
                "query_p50_ms": round(statistics.median(timings), 2),
                "query_p95_ms": round(percentile(timings, 95), 2),
                "peak_rss_mb": round(max(usage, children) / 1024, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
