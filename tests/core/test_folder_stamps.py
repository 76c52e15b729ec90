"""A command's cost does not grow with the corpus: when no corpus folder changed since the last
scan, an update walks nothing and reads no catalog; every added, removed, renamed or replaced
article is still seen by the next command (``folders.json``, ``corpus.folders_unchanged``)."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from whoosh.searching import Searcher

from tests.conftest import write
from tests.core.test_cli import run
from tui.backend.whoosh import index as index_module
from tui.backend.whoosh.index import CATALOG, FOLDERS, LISTS, ArticleIndex
from tui.search.catalog import Listing
from tui.store.config import Config
from tui.store.corpus import RACY_NS, folders_unchanged

A000 = "000_0b9c162a2c952b4e"
HOUR_NS = 3600 * 10**9


def age(root: Path) -> None:
    """Every folder under ``root`` last changed an hour ago: its stamp is trusted."""
    then = time.time_ns() - HOUR_NS
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, ns=(then, then))


def update(config: Config, **kw: Any) -> tuple[ArticleIndex, Any]:
    ix = ArticleIndex(config.resolved_index_dir)
    return ix, ix.update(config.corpus, config.patterns, config.max_article_bytes, **kw)


class Walks:
    """Counts the corpus scans and catalog reads an update makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.scans = 0
        self.catalog_reads = 0
        real_scan = index_module.scan
        real_read = ArticleIndex._read_catalog

        def scan(*args: Any, **kw: Any) -> Any:
            self.scans += 1
            return real_scan(*args, **kw)

        def read(ix: ArticleIndex) -> Any:
            self.catalog_reads += 1
            return real_read(ix)

        monkeypatch.setattr(index_module, "scan", scan)
        monkeypatch.setattr(ArticleIndex, "_read_catalog", read)


@pytest.fixture
def quiet(seed_config: Config, seeds: Path) -> Config:
    """The seeds indexed once with folders an hour old, so the record of that scan is trusted."""
    age(seeds)
    update(seed_config)
    return seed_config


def test_nothing_changed_walks_no_folder_and_reads_no_catalog(
    quiet: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    walks = Walks(monkeypatch)
    ix, report = update(quiet)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)
    assert (walks.scans, walks.catalog_reads) == (0, 0)
    # a search, one article's metadata and a doc count need no catalog either
    hit = next(h for h in ix.search("Andong").hits)
    found = ix.entry(hit.id)
    assert found is not None and found.id == hit.id
    seed0 = ix.entry(A000)
    assert seed0 is not None and seed0.inferred == ["date", "title"]
    assert next(h for h in ix.search("Nara", limit=50).hits if h.id == A000).inferred == (
        "date",
        "title",
    )
    assert ix.article_count() == 5
    assert walks.catalog_reads == 0
    assert len(ix.catalog) == 5  # the list views still have it, read when asked for
    assert walks.catalog_reads == 1


def _add(seeds: Path) -> None:
    write(seeds / "new.txt", "Brand new headline\n\nA zebracorn appeared in Nara.\n")


def _remove(seeds: Path) -> None:
    (seeds / f"{A000}.txt").unlink()


def _rename(seeds: Path) -> None:
    os.rename(seeds / f"{A000}.txt", seeds / "renamed.txt")


def _replace(seeds: Path) -> None:
    """Saved as editors do: a new file renamed over the old one."""
    target = seeds / f"{A000}.txt"
    write(seeds / ".tmp-save", target.read_text() + "\nAn added line about zebracorns.\n")
    os.replace(seeds / ".tmp-save", target)


def _new_folder(seeds: Path) -> None:
    write(seeds / "topic" / "deep" / "new.txt", "Deep headline\n\nA zebracorn, deeper down.\n")


def _into_old_subfolder(seeds: Path) -> None:
    """A file added to a folder below the root: only that folder's time changes."""
    write(seeds / "topic" / "new.txt", "Another headline\n\nA zebracorn in a topic.\n")


def _sidecar(seeds: Path) -> None:
    write(seeds / f"{A000}.yaml", "title: A zebracorn title from the sidecar\n")


@pytest.mark.parametrize(
    ("change", "counts", "found"),
    [
        (_add, (1, 0, 0), {"new"}),
        (_remove, (0, 0, 1), set()),
        (_rename, (1, 0, 1), set()),
        (_replace, (0, 1, 0), {A000}),
        (_new_folder, (1, 0, 0), {"topic/deep/new"}),
        (_into_old_subfolder, (1, 0, 0), {"topic/new", "topic/old"}),
        (_sidecar, (0, 1, 0), {A000}),
    ],
    ids=["add", "remove", "rename", "replace", "new-folder", "subfolder", "sidecar"],
)
def test_every_change_of_a_name_is_seen_by_the_next_update(
    seed_config: Config,
    seeds: Path,
    change: Any,
    counts: tuple[int, int, int],
    found: set[str],
) -> None:
    write(seeds / "topic" / "old.txt", "Old headline\n\nA zebracorn seen long ago.\n")
    age(seeds)
    update(seed_config)
    _, quiet = update(seed_config)
    assert quiet.unchanged == 6
    change(seeds)
    ix, report = update(seed_config)
    assert (report.added, report.updated, report.removed) == counts
    assert {h.id for h in ix.search("zebracorn").hits} == found | {"topic/old"}


def test_the_next_command_line_search_sees_a_new_article(
    quiet: Config, seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path / "c.yaml", f"corpus: [{seeds}]\nindex_dir: {quiet.index_dir}\n")
    status, out, _ = run(capsys, "--config", str(config), "search", "zebracorn", "--json")
    assert status == 0 and json.loads(out)["results"] == []
    _add(seeds)
    status, out, _ = run(capsys, "--config", str(config), "search", "zebracorn", "--json")
    assert [r["id"] for r in json.loads(out)["results"]] == ["new"]
    status, out, _ = run(capsys, "--config", str(config), "show", "new", "--json")
    assert status == 0 and json.loads(out)["title"] == "Brand new headline"


def test_a_file_written_over_in_place_is_found_by_a_full_update(
    quiet: Config, seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = seeds / f"{A000}.txt"
    with target.open("a", encoding="utf-8") as handle:  # same file: its folder is unchanged
        handle.write("\nA line about zebracorns, written in place.\n")
    _, quick = update(quiet)
    assert quick.updated == 0  # the shortcut's known limit (docs/scaling.md)
    config = write(tmp_path / "c.yaml", f"corpus: [{seeds}]\nindex_dir: {quiet.index_dir}\n")
    status, out, _ = run(capsys, "--config", str(config), "index", "--full", "--json")
    assert status == 0 and json.loads(out)["updated"] == 1
    ix, _ = update(quiet)
    assert {h.id for h in ix.search("zebracorns").hits} == {A000}


def test_a_folder_changed_just_now_is_walked_again(
    seed_config: Config, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's time is coarse: a stamp taken within RACY_NS of a change is not trusted, so a
    second change in the same tick is not missed."""
    soon = time.time_ns() + HOUR_NS  # "just now" however slowly this test runs: not before
    os.utime(seeds, ns=(soon, soon))  # the scan's own time less RACY_NS
    update(seed_config)
    record = json.loads((seed_config.resolved_index_dir / FOLDERS).read_text())
    assert record["folders"] == {str(seeds): None}
    assert not folders_unchanged(record["folders"])
    walks = Walks(monkeypatch)
    update(seed_config)
    assert walks.scans == 1
    assert RACY_NS >= 10**9


@pytest.mark.parametrize("spoil", ["garbage", "setting", "catalog", "index", "vanished"])
def test_a_record_that_does_not_match_is_not_trusted(
    quiet: Config, seeds: Path, monkeypatch: pytest.MonkeyPatch, spoil: str
) -> None:
    directory = quiet.resolved_index_dir
    config = quiet
    if spoil == "garbage":
        (directory / FOLDERS).write_text("{not json")
    elif spoil == "setting":
        config = Config(corpus=quiet.corpus, index_dir=quiet.index_dir, patterns=("*.txt",))
    elif spoil == "catalog":  # written by something else since the record
        data = json.loads((directory / CATALOG).read_text())
        (directory / CATALOG).write_text(json.dumps(data) + " ")
    elif spoil == "index":
        for segment in directory.glob("*.seg"):
            segment.write_bytes(b"damaged")
    elif spoil == "vanished":
        record = json.loads((directory / FOLDERS).read_text())
        record["folders"][str(seeds / "gone")] = 1
        (directory / FOLDERS).write_text(json.dumps(record))
    walks = Walks(monkeypatch)
    ix, report = update(config)
    assert walks.scans == 1
    assert report.unchanged + report.added == 5
    assert {h.id for h in ix.search("Andong").hits}


def test_the_panes_listing_is_kept_beside_the_catalog(
    quiet: Config, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = quiet.resolved_index_dir
    expected = Listing.of(ArticleIndex(directory).catalog)
    assert len(expected.newest) == 5 and expected.topics == {}
    walks = Walks(monkeypatch)
    ix, _ = update(quiet)
    assert ix.listing() == expected
    assert walks.catalog_reads == 0
    (directory / LISTS).write_text("{broken")  # damaged: made again from the catalog
    assert ArticleIndex(directory).listing() == expected
    assert walks.catalog_reads == 1
    assert ArticleIndex(directory).listing() == expected  # and kept for the next command
    assert walks.catalog_reads == 1
    write(seeds / "topic" / "new.txt", "Brand new\n\nA zebracorn.\n")
    ix, _ = update(quiet)
    fresh = ArticleIndex(directory).listing()
    assert fresh.topics["topic"] == ["topic/new"] and len(fresh.newest) == 6


def test_listing_panes_from_the_command_line_reads_no_catalog(
    seed_config: Config,
    seeds: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(seeds / "topic" / "a.txt", "Zebracorn sighting\n\nZebracorns grazing near Nara.\n")
    age(seeds)
    config = write(tmp_path / "c.yaml", f"corpus: [{seeds}]\nindex_dir: {tmp_path / 'ix'}\n")
    status, first, _ = run(capsys, "--config", str(config), "briefings", "--json")
    topic = next(p for p in json.loads(first) if p["kind"] == "topic")
    assert status == 0 and topic["title"] == "topic" and topic["key_terms"]
    walks = Walks(monkeypatch)
    found: list[int] = []
    real = Searcher.key_terms

    def key_terms(self: Searcher, *args: Any, **kw: Any) -> Any:
        found.append(1)
        return real(self, *args, **kw)

    monkeypatch.setattr(Searcher, "key_terms", key_terms)
    status, again, _ = run(capsys, "--config", str(config), "briefings", "--json")
    assert status == 0 and json.loads(again) == json.loads(first)
    assert (walks.scans, walks.catalog_reads, found) == (0, 0, [])
    write(seeds / "topic" / "b.txt", "Quokka sighting\n\nQuokkas near Nara.\n")
    status, out, _ = run(capsys, "--config", str(config), "briefings", "--json")
    assert found  # a commit: key terms are found again for the new generation
    assert next(p for p in json.loads(out) if p["kind"] == "topic")["count"] == 2


def test_while_another_run_writes_the_index_a_command_uses_it_without_the_catalog(
    quiet: Config, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the writer's lock: a command searches the index as it was, and
    when the record of the last scan vouches for that index, the catalog is not parsed (at
    1,000,000 articles, 2.7 s)."""
    directory = quiet.resolved_index_dir
    writer = index_module._LOCAL_LOCKS.setdefault(str(directory.resolve()), threading.Lock())
    walks = Walks(monkeypatch)
    _add(seeds)  # what the other run is busy indexing
    with writer:
        ix, report = update(quiet, wait=False)
        assert walks.catalog_reads == 0 and walks.scans == 0
        assert any("another briefing run is updating" in n for n in report.notices)
        assert {h.id for h in ix.search("Andong").hits}
        (directory / FOLDERS).write_text("{}")  # no record: the full check reads the catalog
        _, report = update(quiet, wait=False)
        assert walks.catalog_reads == 1 and report.notices
