"""The start-up path at scale (issue 13): the stored catalog is read at once and trusted only
as far as it agrees with the index and the files; changes made meanwhile are picked up."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import write
from tui.backend.whoosh.index import CATALOG, ArticleIndex
from tui.backend.whoosh.search import COUNT_CAP
from tui.search.catalog import ENTRY_FIELDS
from tui.store.corpus import scan


def make_corpus(root: Path, n: int = 6) -> Path:
    for k in range(n):
        write(root / "news" / f"a{k}.txt", f"Story {k}\n\nThe quokka count {k} rose.\n")
    return root


def update(ix: ArticleIndex, corpus: Path):
    return ix.update([corpus], ["*.txt"], 5_000_000, procs=1)


def indexed_catalog(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A corpus indexed once, its catalog file and what that file holds."""
    corpus = make_corpus(tmp_path / "c")
    update(ArticleIndex(tmp_path / "ix"), corpus)
    path = tmp_path / "ix" / CATALOG
    return corpus, path, json.loads(path.read_text())


def test_catalog_is_written_in_pieces_of_rows(tmp_path: Path, monkeypatch) -> None:
    """Written a batch of rows at a time (at 1,000,000 articles, never whole in memory):
    whatever the batch size, the file is one JSON document with every row."""
    from tui.backend.whoosh import index as index_module

    monkeypatch.setattr(index_module, "CATALOG_BATCH", 2)
    for n in (0, 1, 2, 5):
        corpus = make_corpus(tmp_path / f"c{n}", n)
        (corpus / "news").mkdir(parents=True, exist_ok=True)
        update(ArticleIndex(tmp_path / f"ix{n}"), corpus)
        data = json.loads((tmp_path / f"ix{n}" / CATALOG).read_text())
        assert sorted(row[0] for row in data["rows"]) == [f"news/a{k}" for k in range(n)]
        assert len(ArticleIndex(tmp_path / f"ix{n}").catalog) == n


def test_catalog_is_written_as_rows_and_read_back(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    ix = ArticleIndex(tmp_path / "ix")
    update(ix, corpus)
    data = json.loads((tmp_path / "ix" / CATALOG).read_text())
    assert data["fields"] == list(ENTRY_FIELDS) and "entries" not in data
    assert len(data["rows"]) == 6
    fresh = ArticleIndex(tmp_path / "ix")
    assert fresh.catalog == ix.catalog
    assert fresh.catalog["news/a3"].title == "Story 3" and fresh.catalog["news/a3"].topics == [
        "news"
    ]


def test_a_catalog_written_before_rows_is_read_without_a_rebuild(tmp_path: Path) -> None:
    corpus, path, data = indexed_catalog(tmp_path)
    old = {
        "generation": data["generation"],
        "entries": [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]],
        "skipped": data["skipped"],
    }
    path.write_text(json.dumps(old))
    again = ArticleIndex(tmp_path / "ix")
    report = update(again, corpus)
    assert not report.rebuilt and report.unchanged == 6 and not report.changed
    assert again.catalog["news/a0"].title == "Story 0"


def test_a_catalog_changed_by_another_process_is_picked_up(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    app_side = ArticleIndex(tmp_path / "ix")
    update(app_side, corpus)
    assert set(app_side.catalog) == {f"news/a{k}" for k in range(6)}
    assert not app_side.refresh()  # nothing new: the catalog file is not parsed again

    write(corpus / "news" / "late.txt", "Late story\n\nA wombat arrived.\n")
    (corpus / "news" / "a0.txt").unlink()
    other = ArticleIndex(tmp_path / "ix")  # `briefing index` in another process
    update(other, corpus)

    assert app_side.refresh()
    assert "news/late" in app_side.catalog and "news/a0" not in app_side.catalog
    assert [h.id for h in app_side.search("wombat").hits] == ["news/late"]


def test_a_stale_catalog_never_hides_a_deleted_article(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    ix = ArticleIndex(tmp_path / "ix")
    update(ix, corpus)
    (corpus / "news" / "a2.txt").unlink()
    # The list is shown from the stored catalog at once; the check that follows removes it.
    assert "news/a2" in ArticleIndex(tmp_path / "ix").catalog
    report = update(ix, corpus)
    assert report.removed == 1 and "news/a2" not in ix.catalog
    assert "news/a2" not in ArticleIndex(tmp_path / "ix").catalog
    assert "news/a2" not in {h.id for h in ix.search("quokka").hits}


def test_a_catalog_that_disagrees_with_the_index_is_not_trusted(tmp_path: Path) -> None:
    corpus, path, data = indexed_catalog(tmp_path)
    data["rows"] = data["rows"][:2]  # another writer's half-finished catalog, say
    path.write_text(json.dumps(data))
    again = ArticleIndex(tmp_path / "ix")
    report = update(again, corpus)
    assert report.rebuilt and len(again.catalog) == 6


def test_a_changed_file_is_seen_even_when_its_folder_is_unchanged(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    ix = ArticleIndex(tmp_path / "ix")
    update(ix, corpus)
    target = corpus / "news" / "a1.txt"
    folder_mtime = os.stat(target.parent).st_mtime_ns
    target.write_text("Story 1\n\nThe numbat count rose instead.\n")
    os.utime(target.parent, ns=(folder_mtime, folder_mtime))  # the folder looks untouched
    report = update(ix, corpus)
    assert report.updated == 1
    assert [h.id for h in ix.search("numbat").hits] == ["news/a1"]


def test_scan_ids_topics_and_patterns(tmp_path: Path) -> None:
    root = tmp_path / "c"
    write(root / "top.txt", "T\n\nx\n")
    write(root / "world" / "asia" / "seoul.v2.txt", "S\n\nx\n")
    write(root / "world" / "notes.md", "# N\n\nx\n")
    write(root / "world" / "skip.TXT", "X\n\nx\n")
    write(root / "world" / ".hidden.txt", "H\n\nx\n")
    files, skipped = scan([root], ["*.txt"])
    assert [(f.id, f.topics) for f in files] == [
        ("top", ()),
        ("world/asia/seoul.v2", ("world",)),
    ]
    assert files[0].path == root / "top.txt" and not skipped
    files, _ = scan([root], ["*.txt", "*.md"])
    assert {f.id for f in files} == {"top", "world/asia/seoul.v2", "world/notes"}
    files, _ = scan([root], ["s*.[tT][xX][tT]"])  # a pattern that is not "*.ext"
    assert {f.id for f in files} == {"world/asia/seoul.v2", "world/skip"}


def test_a_broad_count_stops_at_the_cap_and_says_so(tmp_path: Path, monkeypatch) -> None:
    import tui.backend.whoosh.search

    corpus = make_corpus(tmp_path / "c", n=8)
    ix = ArticleIndex(tmp_path / "ix")
    update(ix, corpus)
    assert COUNT_CAP >= 1000
    exact = ix.search("quokka")
    assert exact.total == 8 and exact.exact and exact.count_text() == "8 results"
    monkeypatch.setattr(tui.backend.whoosh.search, "COUNT_CAP", 5)
    capped = ix.search("quokka")
    assert capped.total == 5 and not capped.exact
    assert capped.count_text() == "5+ results" and capped.to_json()["exact"] is False
    assert len(capped.hits) == 8  # the page itself is whole


def test_a_broad_query_is_ranked_among_its_all_word_hits(tmp_path: Path, monkeypatch) -> None:
    import tui.backend.whoosh.search

    root = tmp_path / "c"
    for k in range(6):
        write(root / f"both{k}.txt", f"Both {k}\n\nRail strike {'strike ' * k}news.\n")
    for k in range(4):
        write(root / f"one{k}.txt", f"One {k}\n\nA rail timetable {'rail ' * k}.\n")
    ix = ArticleIndex(tmp_path / "ix")
    update(ix, root)
    whole = ix.search("rail strike", limit=3)
    assert whole.total == 10 and whole.total_all == 6
    monkeypatch.setattr(tui.backend.whoosh.search, "BROAD", 0)  # every query counts as broad
    broad = ix.search("rail strike", limit=3)
    assert (broad.total, broad.total_all, broad.exact) == (10, 6, True)
    assert all(h.words_matched == 2 for h in broad.hits)
    both = [h.id for h in whole.hits if h.words_matched == 2]
    assert [h.id for h in broad.hits][: len(both)] == both  # same order as the full ranking
    few = ix.search("rail strike", limit=8)  # the all-word hits cannot fill the page
    assert {h.words_matched for h in few.hits} == {1, 2} and len(few.hits) == 8


def test_a_count_taken_from_word_counts_never_counts_deleted_articles(
    tmp_path: Path, monkeypatch
) -> None:
    """A word in more articles than the cap is "cap+" without counting; articles deleted but
    not yet merged away still sit in the word counts, so they are taken off first."""
    import tui.backend.whoosh.search

    corpus = make_corpus(tmp_path / "c", n=8)
    ix = ArticleIndex(tmp_path / "ix")
    update(ix, corpus)
    for k in range(3):  # three deleted: the index keeps them until a merge
        (corpus / "news" / f"a{k}.txt").unlink()
    update(ix, corpus)
    with ix.reading() as searcher:
        deleted = searcher.doc_count_all() - searcher.doc_count()
    monkeypatch.setattr(tui.backend.whoosh.search, "COUNT_CAP", 6)
    result = ix.search("quokka")
    # 5 live articles: below the cap of 6, so counted exactly, however many are deleted.
    assert (result.total, result.exact) == (5, True), deleted
    monkeypatch.setattr(tui.backend.whoosh.search, "COUNT_CAP", 4)
    capped = ix.search("quokka")
    assert (capped.total, capped.exact) == (4, False)
    with ix.reading() as searcher:
        whoosh_search = tui.backend.whoosh.search
        at_least = whoosh_search._at_least(searcher, whoosh_search.parse_query("quokka"))
        assert at_least == 8 - deleted
