"""Stories at scale: group the BBC corpus, 100,000 articles (``make_corpus.py``'s copies: 45
outlets carrying every BBC text), and place 1,000 new articles into a kept grouping.

Usage: .venv/bin/python bench/bench_stories.py [BBC_DIR] [--large N]
Prints one JSON document: seconds for each step (features, grouping, placing), stories found,
peak memory (resident set size). Articles are read from their files, as the index would hand
them over (the index's own build is measured by bench_index.py / bench_scale.py).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.stories.features import features  # noqa: E402
from tui.stories.grouping import Grouping  # noqa: E402
from tui.stories.kept import load_grouping, save_grouping  # noqa: E402


def read(folder: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(folder.rglob("*.txt"))[:limit]:
        text = path.read_bytes().decode("utf-8", "replace")
        title, _, body = text.partition("\n")
        out.append((str(path.relative_to(folder).with_suffix("")), title.strip(), body))
    return out


def group(
    articles: list[tuple[str, str, str]], batch: int = 2_000
) -> tuple[Grouping, float, float]:
    g = Grouping()
    t_features = t_place = 0.0
    for start in range(0, len(articles), batch):
        t0 = time.perf_counter()
        rows = [(i, None, features(t, x)) for i, t, x in articles[start : start + batch]]
        t1 = time.perf_counter()
        g.place(rows)
        t2 = time.perf_counter()
        t_features += t1 - t0
        t_place += t2 - t1
    return g, t_features, t_place


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    args = sys.argv[1:]
    large = 100_000
    if "--large" in args:
        k = args.index("--large")
        large = int(args[k + 1])
        del args[k : k + 2]
    bbc = Path(args[0]) if args else REPO.parent / "shared" / "corpora" / "bbc"
    report: dict[str, object] = {}

    articles = read(bbc)
    t0 = time.perf_counter()
    g, tf, tp = group(articles)
    report["bbc"] = {
        "articles": len(articles),
        "seconds": round(time.perf_counter() - t0, 2),
        "features_seconds": round(tf, 2),
        "grouping_seconds": round(tp, 2),
        "stories_of_two_or_more": sum(1 for v in g.stories().values() if len(v) > 1),
        "accounts": len(g.accounts),
    }

    # 1,000 new articles into the kept grouping of the rest: load it, place them, keep it.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ix.stories.json"
        rest, new = articles[:-1000], articles[-1000:]
        base, _, _ = group(rest)
        save_grouping(base, path)
        t0 = time.perf_counter()
        kept, _ = load_grouping(path)
        kept.place([(i, None, features(t, x)) for i, t, x in new])
        save_grouping(kept, path)
        report["place_1000_new"] = {
            "kept_articles": len(rest),
            "seconds": round(time.perf_counter() - t0, 2),
        }

    with tempfile.TemporaryDirectory() as tmp:
        import subprocess

        subprocess.run(
            [sys.executable, str(REPO / "bench" / "make_corpus.py"), tmp, str(large), str(bbc)],
            check=True,
            capture_output=True,
        )
        t0 = time.perf_counter()
        big = read(Path(tmp))
        t_read = time.perf_counter() - t0
        g, tf, tp = group(big)
        report["large"] = {
            "articles": len(big),
            "read_seconds": round(t_read, 1),
            "seconds": round(tf + tp, 1),
            "features_seconds": round(tf, 1),
            "grouping_seconds": round(tp, 1),
            "accounts": len(g.accounts),
            "stories_of_two_or_more": sum(1 for v in g.stories().values() if len(v) > 1),
        }
    report["peak_rss_mb"] = peak_mb()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
