"""Search quality on the BBC corpus: known-item search and judged questions, against baselines.

Prints one JSON object: for each system, MRR@10 and success@10 on known-item queries, nDCG@10
on the judged questions, how many queries came back empty, and query latency.

Systems: the project's free-text semantics with each ranking tried, the old every-word (AND)
semantics, a plain Whoosh BM25F OR query over the same index, and a standalone BM25
(``rank_bm25``, installed for the benchmark only: ``.venv/bin/pip install rank_bm25``).

Known-item queries (deterministic, seeded): 4-5 content words from an article's title or one of
its sentences, "paraphrased" the way people do: one word replaced by a synonym a reader might
use or by a word from the topic's vocabulary the article lacks, and half of them phrased as a
question ("why …", "what about …"). The relevant article is the one the words came from.

Judged questions: 32 questions on the corpus's topics. Relevance was judged by rules written
after reading the matching articles (every pattern of a question must occur in the article; an
article whose title has the first pattern counts double), so the judgement is repeatable.

Usage: python bench/bench_search.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import math
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from whoosh.qparser import MultifieldParser, OrGroup

from tui.backend.whoosh.index import ArticleIndex, make_schema
from tui.backend.whoosh.search import parse_query
from tui.search.results import RANKING, Ranking
from tui.text.analysis import stems

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpora" / "bbc"
K = 10

SYNONYMS = {
    "firm": "company", "company": "firm", "boss": "chief", "chief": "boss", "rise": "increase",
    "rises": "increases", "increase": "rise", "falls": "drops", "fall": "drop", "cut": "reduce",
    "cuts": "reductions", "win": "victory", "wins": "triumphs", "film": "movie", "movie": "film",
    "profit": "earnings", "profits": "earnings", "shares": "stocks", "growth": "expansion",
    "government": "ministers", "minister": "politician", "phone": "handset", "mobile": "cellphone",
    "music": "songs", "singer": "vocalist", "band": "group", "game": "match", "match": "game",
    "player": "footballer", "coach": "manager", "manager": "coach", "plans": "proposals",
    "plan": "proposal", "deal": "agreement", "sales": "revenue", "jobs": "employment",
    "says": "claims", "said": "claimed", "new": "latest", "top": "leading", "big": "major",
    "attack": "assault", "ban": "prohibition", "election": "vote", "tax": "levy",
    "prices": "costs", "price": "cost", "buy": "purchase", "buys": "acquires", "court": "judge",
    "chart": "rankings", "award": "prize", "prize": "award", "virus": "malware",
    "users": "customers", "net": "internet", "internet": "web", "computer": "pc",
}  # fmt: skip
FRAMES = ["why {}", "what about {}", "how {}", "news on {}", "what happened {}"]

QUESTIONS: list[tuple[str, list[str]]] = [
    ("why did Yukos go bankrupt", [r"yukos", r"bankrupt"]),
    ("what happened to the Greek sprinters who missed a drugs test", [r"kenteris|thanou"]),
    ("how is the US trade deficit changing", [r"trade (gap|deficit)", r"\bus\b|american"]),
    ("who won Oscars for best film", [r"oscar", r"best (film|picture)"]),
    ("is there a ban on smoking in Scotland", [r"smoking", r"scot"]),
    ("what are the Tory plans on asylum", [r"asylum", r"tory|tories|conservative"]),
    ("can viruses infect mobile phones", [r"virus", r"mobile|phone"]),
    ("how are blogs changing the news", [r"blog"]),
    ("what did the rise in interest rates do to the dollar", [r"interest rate", r"dollar"]),
    ("which new games consoles are coming", [r"console", r"playstation|xbox|nintendo|psp"]),
    ("is Chelsea going to win the premiership", [r"chelsea", r"premiership|title"]),
    ("why is there a rift between Blair and Brown", [r"blair", r"brown", r"rift|feud|row"]),
    ("how are oil prices hurting the world economy", [r"oil price", r"econom|growth"]),
    ("who won at the Golden Globes", [r"golden globe"]),
    ("how many homes have broadband", [r"broadband", r"home|household"]),
    ("did Roddick win his tennis match", [r"roddick"]),
    ("what is the argument about identity cards", [r"\bid card|identity card"]),
    ("how does spam email affect people", [r"spam"]),
    ("is the Japanese economy in recession", [r"japan", r"recession"]),
    ("how did Wales do in the Six Nations", [r"wales|welsh", r"six nations"]),
    ("why are Deutsche Boerse and the LSE in takeover talks",
     [r"deutsche b", r"\blse\b|london stock exchange"]),
    ("who wants to ban fox hunting", [r"hunting", r"ban"]),
    ("are music downloads counted in the singles chart", [r"download", r"chart"]),
    ("how fast is the Chinese economy growing", [r"china|chinese", r"econom|growth|gdp"]),
    ("will Kelly Holmes retire from athletics", [r"kelly holmes|holmes"]),
    ("what are Labour's election campaign plans", [r"election", r"campaign", r"labour"]),
    ("are hackers attacking home computers", [r"hacker"]),
    ("which films topped the US box office", [r"box office"]),
    ("what did the WorldCom trial reveal about Ebbers", [r"worldcom|ebbers"]),
    ("is Microsoft fixing security holes in Windows",
     [r"microsoft", r"security|patch|flaw|vulnerab"]),
    ("how are airlines coping with fuel costs", [r"airline", r"fuel|oil"]),
    ("what is happening to UK house prices", [r"house price|housing market"]),
]  # fmt: skip


def read_corpus(root: Path) -> dict[str, tuple[str, str]]:
    """id -> (title, body) as the BBC files hold them (first line is the title)."""
    docs: dict[str, tuple[str, str]] = {}
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        title, _, body = text.strip().partition("\n")
        docs[f"{path.parent.name}/{path.stem}"] = (title.strip(), body.strip())
    return docs


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", text) if stems(w)]


def paraphrase(words: list[str], rng: random.Random, vocabulary: list[str], have: set[str]) -> str:
    words = list(words)
    i = rng.randrange(len(words))
    swap = SYNONYMS.get(words[i].lower())
    if swap is None:
        swap = next(w for w in rng.sample(vocabulary, 50) if stems(w)[0] not in have)
    words[i] = swap
    text = " ".join(words)
    return rng.choice(FRAMES).format(text) if rng.random() < 0.5 else text


def known_items(docs: dict[str, tuple[str, str]], n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    ids = sorted(docs)
    by_topic: dict[str, list[str]] = {}
    for doc_id, (title, body) in docs.items():
        by_topic.setdefault(doc_id.split("/")[0], []).extend(content_words(title + " " + body))
    out: list[tuple[str, str]] = []
    while len(out) < n:
        doc_id = rng.choice(ids)
        title, body = docs[doc_id]
        have = set(stems(title + " " + body))
        if len(out) % 2 == 0:
            words = content_words(title)[:4]
        else:
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) >= 12]
            if not sentences:
                continue
            pool = content_words(rng.choice(sentences))
            if len(pool) < 5:
                continue
            words = [pool[j] for j in sorted(rng.sample(range(len(pool)), 5))]
        if len(words) < 2:
            continue
        vocab = by_topic[doc_id.split("/")[0]]
        out.append((paraphrase(words, rng, vocab, have), doc_id))
    return out


def judgements(docs: dict[str, tuple[str, str]]) -> list[tuple[str, dict[str, int]]]:
    judged = []
    for question, patterns in QUESTIONS:
        rx = [re.compile(p, re.I) for p in patterns]
        rel: dict[str, int] = {}
        for doc_id, (title, body) in docs.items():
            text = f"{title}\n{body}"
            if all(r.search(text) for r in rx):
                rel[doc_id] = 2 if rx[0].search(title) else 1
        judged.append((question, rel))
    return judged


def ndcg(ranked: list[str], rel: dict[str, int]) -> float:
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:K]))
    ideal = sorted(rel.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate(
    run: Callable[[str], list[str]],
    items: list[tuple[str, str]],
    judged: list[tuple[str, dict[str, int]]],
) -> dict[str, float]:
    rr, hits, empty, ms = [], 0, 0, []
    for q, target in items:
        t0 = time.perf_counter()
        ranked = run(q)
        ms.append((time.perf_counter() - t0) * 1000)
        empty += not ranked
        if target in ranked[:K]:
            hits += 1
            rr.append(1 / (ranked.index(target) + 1))
        else:
            rr.append(0.0)
    gains = []
    for q, rel in judged:
        ranked = run(q)
        empty += not ranked
        gains.append(ndcg(ranked, rel))
    ms.sort()
    return {
        "mrr@10": round(statistics.mean(rr), 4),
        "success@10": round(hits / len(items), 4),
        "ndcg@10": round(statistics.mean(gains), 4),
        "empty": empty,
        "p50_ms": round(ms[len(ms) // 2], 1),
        "p95_ms": round(ms[int(len(ms) * 0.95)], 1),
    }


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    docs = read_corpus(corpus)
    items = known_items(docs, 300)
    judged = judgements(docs)
    with tempfile.TemporaryDirectory() as tmp:
        ix = ArticleIndex(Path(tmp) / "ix")
        ix.update([corpus], ["*.txt"], 5_000_000)
        catalog = ix.catalog
        key = {e.id: f"{Path(e.path).parent.name}/{Path(e.path).stem}" for e in catalog.values()}

        def project(ranking: Ranking) -> Callable[[str], list[str]]:
            def run(q: str) -> list[str]:
                return [key[h.id] for h in ix.search(q, limit=K, ranking=ranking).hits]

            return run

        def every_word(q: str) -> list[str]:
            with ix.reading() as s:
                return [key[h["id"]] for h in s.search(parse_query(q), limit=K)]

        plain = MultifieldParser(["title", "body"], make_schema(), group=OrGroup)

        def whoosh_or(q: str) -> list[str]:
            with ix.reading() as s:
                return [key[h["id"]] for h in s.search(plain.parse(q), limit=K)]

        systems: dict[str, Callable[[str], list[str]]] = {
            "every word (before)": every_word,
            "whoosh BM25F OR (baseline)": whoosh_or,
        }
        try:
            from rank_bm25 import BM25Okapi

            names = sorted(docs)
            bm25 = BM25Okapi([stems(f"{docs[d][0]} {docs[d][1]}") for d in names])

            def standalone(q: str) -> list[str]:
                terms = stems(q)
                if not terms:
                    return []
                scores = bm25.get_scores(terms)
                best = sorted(range(len(names)), key=lambda i: -scores[i])[:K]
                return [names[i] for i in best if scores[i] > 0]

            systems["rank_bm25 Okapi (baseline)"] = standalone
        except ImportError:
            print("rank_bm25 not installed: that baseline is left out", file=sys.stderr)
        variants = {
            "project default (ranked OR, title x0.5)": RANKING,
            "all words first, title x1": Ranking(strict_first=True, title_boost=1.0),
            "all words first, title x0.5": Ranking(strict_first=True),
            "all words first, title x2": Ranking(strict_first=True, title_boost=2.0),
            "all words first, coordination 0.9, title x0.5": Ranking(strict_first=True, coord=0.9),
            "ranked OR, title x1": Ranking(title_boost=1.0),
            "ranked OR, title x0.25": Ranking(title_boost=0.25),
            "coordination 0.9, title x0.5": Ranking(coord=0.9),
            "coordination 0.9, title x1": Ranking(coord=0.9, title_boost=1.0),
            "coordination 2.0, title x0.5": Ranking(coord=2.0),
            "ranked OR, title x0.5, proximity 1": Ranking(proximity=1.0),
            "ranked OR, title x0.5, proximity 3": Ranking(proximity=3.0),
        }
        only = sys.argv[2:]
        if only:
            variants = {k: v for k, v in variants.items() if any(o in k for o in only)}
        for name, ranking in variants.items():
            systems[name] = project(ranking)
        figures = {name: evaluate(run, items, judged) for name, run in systems.items()}
    print(
        json.dumps(
            {
                "corpus": str(corpus),
                "known_item_queries": len(items),
                "judged_questions": len(judged),
                "examples": [q for q, _ in items[:6]],
                "systems": figures,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
