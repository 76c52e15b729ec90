"""The contract a search backend keeps: the suite any backend must pass, run here against the
Whoosh backend's fast path (pages ranked block by block) and its plain path (Whoosh's own
matchers). Queries give the same ids in the same order and the same counts on both; the
backend answers every call of the interface (``tui.search.port.Backend``)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS, write
from tui.backend.whoosh.index import ArticleIndex
from tui.search.port import Backend
from tui.search.results import QueryError

PATTERNS = ("*.txt", "*.md", "*.html")
TOPICS = ["harbour", "ferry", "council", "strike", "rail", "budget", "school", "storm"]
PEOPLE = ["Lee", "Takaichi", "Okafor", "Brennan", "Moreau"]


def corpus(root: Path) -> Path:
    """The seeds and 300 small articles of mixed words, topics and dates (seeded)."""
    import shutil

    shutil.copytree(SEEDS, root / "seeds")
    rng = random.Random(30)
    for n in range(300):
        words = rng.sample(TOPICS, 3) + rng.sample(PEOPLE, 2)
        day = f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        body = " ".join(rng.choice(words) for _ in range(40))
        topic = rng.choice(["world", "local"])
        write(
            root / "more" / topic / f"a{n:03}.md",
            f"---\ntitle: {words[0].title()} {words[1]} news {n}\ndate: {day}\n"
            f"source: {rng.choice(['Gazette', 'Times'])}\n---\n{body}. The {words[2]} report.\n",
        )
    return root


QUERIES = [
    "harbour",
    "harbour ferry",
    "harbour ferry Lee",
    "why did the ferry strike",
    '"harbour ferry"',
    "harbour AND ferry",
    "harbour OR budget",
    "harbour NOT ferry",
    "ferr*",
    "source:Gazette strike",
    "topic:world rail",
    "date:[2026-03-01 TO 2026-05-31] storm",
    "Takaichi Nara summit",
    "Chosei AND remains",
    "(rail OR storm) AND council",
]


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Backend]]:
    root = corpus(tmp_path_factory.mktemp("contract"))
    fast = ArticleIndex(root / "ix")
    fast.update([root / "seeds", root / "more"], PATTERNS, 5_000_000)
    plain = ArticleIndex(root / "ix", fast=False)
    yield {"fast": fast, "plain": plain}
    fast.close()
    plain.close()


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("order", ["relevance", "newest", "oldest"])
def test_a_query_gives_the_same_ids_order_and_counts_on_both_paths(
    backends: dict[str, Backend], text: str, order: str
) -> None:
    fast, plain = (backends[k].search(text, limit=15, order=order) for k in ("fast", "plain"))
    assert [h.id for h in fast.hits] == [h.id for h in plain.hits]
    assert [round(h.score, 4) for h in fast.hits] == [round(h.score, 4) for h in plain.hits]
    assert (fast.total, fast.total_all, fast.exact) == (plain.total, plain.total_all, plain.exact)
    assert [h.words_matched for h in fast.hits] == [h.words_matched for h in plain.hits]
    assert backends["fast"].find_ids(text, 15) == backends["plain"].find_ids(text, 15)


@pytest.mark.parametrize("path", ["fast", "plain"])
def test_every_call_of_the_interface(backends: dict[str, Backend], path: str) -> None:
    ix = backends[path]
    catalog = ix.catalog
    assert len(catalog) == 305 and "004_418a29abe9d5b535" in catalog
    assert ix.check() is None and ix.refresh() is False
    assert ix.known_id("seeds/004_418a29abe9d5b535") == "004_418a29abe9d5b535"
    assert ix.warnings() == [] and ix.skipped == []
    result = ix.search("Chosei")
    assert result.total == 2 and {h.id for h in result.hits} == {
        "004_418a29abe9d5b535",
        "000_0b9c162a2c952b4e",
    }
    assert ix.search("Chosie").suggestion == "Chosei"
    with pytest.raises(QueryError):
        ix.search("colour:red")
    similar = ix.more_like("004_418a29abe9d5b535", limit=3)
    assert similar and all(isinstance(score, float) for _, score in similar)
    assert "004_418a29abe9d5b535" not in [i for i, _ in similar]
    stored = ix.stored_text(["004_418a29abe9d5b535", "nothing-here"])
    assert list(stored) == ["004_418a29abe9d5b535"]
    assert "Chosei" in stored["004_418a29abe9d5b535"][1]
    terms = ix.key_terms(["004_418a29abe9d5b535", "000_0b9c162a2c952b4e"], 12)
    assert 0 < len(terms) <= 12 and "korea" in terms  # readable words, not stems
    n, df = ix.document_frequencies(["chosei", "harbour", "zzz"])
    assert n == 305 and df["chosei"] == 2 and df["zzz"] == 0 and df["harbour"] > 100
    assert ix.article_count() == 305
    assert ix.entry("004_418a29abe9d5b535") == catalog["004_418a29abe9d5b535"]
    assert ix.entry("nothing-here") is None
    listing = ix.listing()
    assert set(listing.newest) == set(catalog) and len(listing.newest) == 305
    dates = [catalog[i].date or "" for i in listing.newest]
    assert dates == sorted(dates, reverse=True)  # newest first, undated last
    assert set(listing.topics) == {"world", "local"}
    assert sorted(i for ids in listing.topics.values() for i in ids) == sorted(
        i for i in catalog if catalog[i].topics
    )


def test_whoosh_is_the_release_the_backend_knows() -> None:
    """tui.backend.whoosh reaches into Whoosh's internals (its codec, pool, block headers):
    another release must be checked before it is allowed (pyproject.toml pins it)."""
    from importlib.metadata import version

    from tui.backend.whoosh import WHOOSH_VERSION

    assert version("whoosh-reloaded") == WHOOSH_VERSION
