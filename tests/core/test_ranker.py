"""tui.backend.whoosh.ranker gives the page and the count Whoosh's own scoring gives, on an index
with a segment of more than 5,000 articles, a small one, and deleted articles."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query

from tests.conftest import write
from tui.backend.whoosh import ranker
from tui.backend.whoosh.index import ArticleIndex
from tui.backend.whoosh.search import plan_query

WORDS = [f"w{k}" for k in range(400)]  # word k is about 1/(k+1) as common as the first
TOPICS = ("politics", "sport", "tech")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, weights=[1 / (k + 1) for k in range(400)], k=n))


def _article(rng: random.Random, k: int) -> str:
    body = _text(rng, rng.choice((3, 10, 40, 150)))
    if k % 7 == 0:
        body += " prime minister said"  # a phrase, and its words apart elsewhere
    if k % 11 == 0:
        body += " minister of the prime"
    return f"{_text(rng, rng.randint(1, 6)).capitalize()}\n\n{body}.\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArticleIndex]:
    root = tmp_path_factory.mktemp("ranker")
    corpus = root / "corpus"
    rng = random.Random(7)
    for k in range(5200):
        write(corpus / TOPICS[k % 3] / f"a{k}.txt", _article(rng, k))
    ix = ArticleIndex(root / "ix")
    ix.update([corpus], ["*.txt"], 1_000_000, procs=1)  # one segment of 5,200
    for k in range(5200, 5500):  # a second, small segment
        write(corpus / "tech" / f"a{k}.txt", _article(rng, k))
    for k in range(0, 5200, 13):  # deleted articles, still in the first segment's postings
        (corpus / TOPICS[k % 3] / f"a{k}.txt").unlink()
    ix.update([corpus], ["*.txt"], 1_000_000)
    yield ix


def _queries() -> Iterator[query.Query]:
    rng = random.Random(11)
    texts = ["w0", "w1", "w3 w0", "w250", "w399 w398", "prime minister", '"prime minister"',
             '"minister said"', "w2 NOT w5", "w4 AND NOT w1", "w0 OR w7", "topic:sport AND w3",
             "title:w1", "w1*", "w2?", "w3*", '"prime minister" AND w0', "(w5 OR w6) AND w9",
             "nothinglikethis", "w1 nothinglikethis"]  # fmt: skip
    for _ in range(40):
        texts.append(" ".join(rng.sample(WORDS[:60], rng.randint(1, 4))))
    for text in texts:
        for live in (False, True):
            plan = plan_query(text, live=live)
            yield plan.strict
            if plan.loose is not None:
                yield plan.loose
    for text in ("prime minister elec", "w12 w3", "w19 w1"):  # a last word typed as a prefix
        for end in range(2, len(text) + 1):
            yield plan_query(text[:end], live=True).strict


def _same_page(
    mine: list[tuple[float, int]], whooshs: list[tuple[float, int]], q: query.Query
) -> None:
    """The same articles with the same scores in the same order, but for articles whose scores
    differ in the last bits only: sums taken in another order (Whoosh's matcher tree is built
    from each segment's word counts) may put one of two such articles first."""
    assert len(mine) == len(whooshs), q
    scores = {d: s for s, d in whooshs}
    for (s, d), (w, _) in zip(mine, whooshs, strict=True):
        assert s == pytest.approx(w, rel=1e-12, abs=1e-12), q  # the same score at each rank
        if d not in scores:  # then a near-tie across the page's edge
            continue
        assert s == pytest.approx(scores[d], rel=1e-12, abs=1e-12), q
    assert mine == sorted(mine, key=lambda sd: (-sd[0], sd[1]))


@pytest.mark.slow
def test_pages_and_counts_are_whooshs(index: ArticleIndex) -> None:
    checked = 0
    with index.reading() as searcher:
        sizes = sorted(sub.reader().doc_count_all() for sub, _ in searcher.leaf_searchers())
        assert sizes[0] <= 5000 < sizes[-1], sizes  # both kinds of segment
        assert searcher.doc_count() < searcher.doc_count_all()  # and deleted articles
        for q in _queries():
            plan = ranker.prepare(searcher, q)
            assert plan is not None, q
            every = sorted(
                ((h.score, h.docnum) for h in searcher.search(q, limit=None)),
                key=lambda sd: (-sd[0], sd[1]),
            )
            for limit in (1, 20):
                _same_page(plan.top(limit), every[:limit], q)
            assert plan.count() == len(every) == len(list(searcher.docs_for_query(q))), q
            checked += 1
    assert checked > 150


def test_queries_it_does_not_rank_are_left_to_whoosh(index: ArticleIndex) -> None:
    with index.reading() as searcher:
        for text in ("date:[2020-01-01 TO 2030-01-01]", "*"):
            assert ranker.prepare(searcher, plan_query(text).strict) is None, text
        for q in (
            query.Phrase("body", ["prime", "minist"], slop=3),
            query.FuzzyTerm("body", "w1"),
            query.Or([query.Term("body", "w1"), query.Not(query.Term("body", "w2"))]),
        ):
            assert ranker.prepare(searcher, q) is None, q


@pytest.mark.slow
def test_search_gives_the_same_results_with_or_without_it(
    index: ArticleIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["w0", "w3 w0", "prime minister", '"prime minister"', "w2 NOT w5", "w1*", "w9 w17 w40"]
    fast = {t: index.search(t) for t in texts}
    monkeypatch.setattr(ranker.Reading, "prepare", lambda self, q: None)
    for text in texts:
        slow = index.search(text)
        assert [h.id for h in fast[text].hits] == [h.id for h in slow.hits], text
        assert [h.snippet for h in fast[text].hits] == [h.snippet for h in slow.hits], text
        assert (fast[text].total_all, fast[text].exact) == (slow.total_all, slow.exact), text
        if slow.exact:
            assert fast[text].total == slow.total, text


@pytest.mark.slow
def test_a_page_needs_only_some_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One common word: the page comes from the blocks with the best bounds, not all."""
    monkeypatch.setattr(ranker, "_SPARSE", 0)  # no word is read whole to bound a range
    corpus = tmp_path / "c"
    for k in range(1500):  # the last hundred say it most, in the fewest words
        filler = " ".join(f"f{j}" for j in range(5 if k >= 1400 else 20 + k % 30))
        write(corpus / f"a{k}.txt", f"T{k}\n\n{'strike ' * (5 if k >= 1400 else 1)}{filler}.\n")
    ix = ArticleIndex(tmp_path / "ix")
    ix.update([corpus], ["*.txt"], 1_000_000, procs=1)
    with ix.reading() as searcher:
        plan = ranker.prepare(searcher, query.Term("body", "strike"))
        assert plan is not None
        top = plan.top(10)
        (_segment, node), *_ = plan.segments
        assert isinstance(node, ranker._Term)
        assert len(node._blocks) < len(node.his) / 2
        every = searcher.search(query.Term("body", "strike"), limit=None)
        expected = sorted(
            ((h.score, h.docnum) for h in every),
            key=lambda sd: (-sd[0], sd[1]),
        )[:10]
        assert [d for _, d in top] == [d for _, d in expected]
