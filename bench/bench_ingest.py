"""Ingest rate: saved web pages (HTML through trafilatura) and scraped text, one core and all.

Copies the news-dev pages (HTML and whole-page text) N times into a temporary corpus and runs
a full index build, first on one process, then with the default (every core: pages are read
in parallel when there are many). Prints one JSON object with articles per second.

Usage: python bench/bench_ingest.py [NEWS_DEV_DIR] [COPIES]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tui.backend.whoosh.index import ArticleIndex

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpora" / "news-dev"


def build(corpus: Path, folder: Path, procs: int | None) -> tuple[float, int]:
    ix = ArticleIndex(folder)
    t0 = time.perf_counter()
    report = ix.update([corpus], ["*.html", "*.txt"], 5_000_000, procs=procs)
    return time.perf_counter() - t0, report.added


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    figures: dict[str, object] = {"cores": os.cpu_count(), "copies": copies}
    with tempfile.TemporaryDirectory() as tmp:
        for variant in ("html", "messy", "clean"):
            corpus = Path(tmp) / variant
            for n in range(copies):
                shutil.copytree(source / variant, corpus / f"copy{n}")
            for label, procs in (("one process", 1), ("all cores", None)):
                seconds, added = build(corpus, Path(tmp) / f"ix-{variant}-{procs}", procs)
                figures[f"{variant}, {label}"] = {
                    "articles": added,
                    "seconds": round(seconds, 2),
                    "articles_per_s": round(added / seconds, 1),
                }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
