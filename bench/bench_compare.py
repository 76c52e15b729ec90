"""Benchmark the comparison: two ~2,000-word articles, and the BBC corpus's near-duplicates.

Prints one JSON object. Usage: python bench/bench_compare.py [BBC_DIR]
- long pair: the two longest BBC articles of one topic, cut to 2,000 words each, and a
  near-duplicate of the longest (paragraphs reordered, two figures edited), 20 runs each;
- near-duplicates: every article's best more-like-this match in the index (Whoosh), kept when
  the comparison's similarity is >= 0.8; how many, and how long each comparison took.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import percentile

from tui.backend.whoosh.index import ArticleIndex
from tui.compare.comparison import compare
from tui.ingest.article import Article, Block, load_article

pass

REPO = Path(__file__).resolve().parent.parent
BBC = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpora" / "bbc"
RUNS = 20
WORDS = 2000


def cut(article: Article, words: int) -> Article:
    """The article's first ``words`` words, padded with its own text when shorter."""
    blocks: list[Block] = []
    count = 0
    while count < words:
        for block in article.blocks:
            blocks.append(block)
            count += len(block.text.split())
            if count >= words:
                break
    return Article(article.id, article.path, article.title, blocks)


def timed(a: Article, b: Article) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        compare(a, b)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    figures: dict[str, object] = {}
    articles = [
        load_article(p, article_id=f"{p.parent.name}/{p.stem}", max_bytes=5_000_000)
        for p in sorted((BBC / "politics").glob("*.txt"))
    ]
    longest = sorted(articles, key=lambda a: len(a.text.split()), reverse=True)
    a, b = cut(longest[0], WORDS), cut(longest[1], WORDS)
    edited = [Block(x.text.replace("1", "7", 1)) for x in reversed(a.blocks)]
    near = Article("near", a.path, a.title, edited)
    figures["long_pair_words"] = [len(a.text.split()), len(b.text.split())]
    different = timed(a, b)
    figures["long_pair_ms_p50"] = round(statistics.median(different), 1)
    figures["long_pair_ms_p95"] = round(percentile(different, 95), 1)
    similar = timed(a, near)
    figures["long_near_duplicate_ms_p50"] = round(statistics.median(similar), 1)
    figures["long_near_duplicate_ms_p95"] = round(percentile(similar, 95), 1)

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        ix = ArticleIndex(Path(tmp) / "index")
        ix.update([BBC], ["*.txt"], 5_000_000)
        start = time.perf_counter()
        candidates: set[tuple[str, str]] = set()
        for article_id in ix.catalog:
            best = ix.more_like(article_id, limit=1)
            if best:
                low, high = sorted((article_id, best[0][0]))
                candidates.add((low, high))
        find_s = time.perf_counter() - start
        loaded: dict[str, Article] = {}

        def get(article_id: str) -> Article:
            if article_id not in loaded:
                entry = ix.catalog[article_id]
                loaded[article_id] = load_article(
                    Path(entry.path), article_id=article_id, max_bytes=5_000_000
                )
            return loaded[article_id]

        pair_times: list[float] = []
        near_pairs: list[dict[str, Any]] = []
        for left, right in sorted(candidates):
            t0 = time.perf_counter()
            result = compare(get(left), get(right))
            pair_times.append((time.perf_counter() - t0) * 1000)
            if result.similarity >= 0.8:
                near_pairs.append(
                    {
                        "a": left,
                        "b": right,
                        "similarity": result.similarity,
                        "differences": len(result.differences),
                        "only_a": len(result.only_a),
                        "only_b": len(result.only_b),
                    }
                )
    figures["bbc_candidate_pairs"] = len(candidates)
    figures["bbc_find_candidates_s"] = round(find_s, 2)
    figures["bbc_compare_ms_p50"] = round(statistics.median(pair_times), 1)
    figures["bbc_compare_ms_p95"] = round(percentile(pair_times, 95), 1)
    figures["bbc_near_duplicates"] = len(near_pairs)
    figures["bbc_near_duplicates_not_identical"] = sum(
        1 for p in near_pairs if p["similarity"] < 1.0
    )
    figures["bbc_near_duplicate_examples"] = [p for p in near_pairs if p["similarity"] < 1.0][:3]
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
