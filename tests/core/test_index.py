"""The index: incremental updates, skipped files, recovery from damage, one writer at a time."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

from tests.conftest import write
from tui.backend.whoosh.index import CATALOG, FORMAT_VERSION, MARKER, ArticleIndex
from tui.store.config import Config


def update(config: Config, **kw):
    ix = ArticleIndex(config.resolved_index_dir)
    return ix, ix.update(config.corpus, config.patterns, config.max_article_bytes, **kw)


def ids(ix: ArticleIndex, q: str) -> set[str]:
    return {h.id for h in ix.search(q).hits}


def test_first_run_adds_every_seed_second_run_changes_nothing(seed_config: Config) -> None:
    _, first = update(seed_config)
    assert (first.added, first.unchanged, first.skipped) == (5, 0, [])
    ix, second = update(seed_config)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 5)
    assert not second.changed
    assert len(ix.catalog) == 5


def test_add_change_delete_touch_only_those_files(seed_config: Config, seeds: Path) -> None:
    update(seed_config)
    write(seeds / "new.txt", "Brand new headline\n\nA zebracorn appeared in Nara.\n")
    target = seeds / "000_0b9c162a2c952b4e.txt"
    target.write_text(target.read_text() + "\nAn added line about quokkas.\n")
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    (seeds / "003_ff72b68d716462b9.txt").unlink()
    ix, report = update(seed_config)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert ids(ix, "zebracorn") == {"new"}
    assert ids(ix, "quokkas") == {"000_0b9c162a2c952b4e"}
    assert ids(ix, "Andong") == set()
    assert set(ix.catalog) == {
        "new",
        "000_0b9c162a2c952b4e",
        "001_bfeed5d58f9e5359",
        "002_21ce68d235c2718f",
        "004_418a29abe9d5b535",
    }


def test_skipped_files_are_reported_and_not_retried(seed_config: Config, seeds: Path) -> None:
    write(seeds / "empty.txt", "")
    write(seeds / "binary.txt", b"\x00\x01\x02data")
    _, first = update(seed_config)
    reasons = {p.name: r for p, r in ((s.path, s.reason) for s in first.skipped)}
    assert reasons == {"empty.txt": "empty file", "binary.txt": "binary file (contains NUL bytes)"}
    assert first.added == 5
    _, second = update(seed_config)
    assert not second.changed and len(second.skipped) == 2


def test_rebuild_starts_over(seed_config: Config) -> None:
    update(seed_config)
    ix, report = update(seed_config, rebuild=True)
    assert report.rebuilt and report.added == 5
    assert len(ix.catalog) == 5


def test_index_from_another_format_version_is_rebuilt(seed_config: Config) -> None:
    update(seed_config)
    marker = seed_config.resolved_index_dir / MARKER
    marker.write_text(json.dumps({"format": FORMAT_VERSION + 99}))
    ix, report = update(seed_config)
    assert report.rebuilt and report.added == 5
    assert any("another version" in n for n in report.notices)
    assert ids(ix, "Chosei") == {"000_0b9c162a2c952b4e", "004_418a29abe9d5b535"}


def test_damaged_index_is_rebuilt_not_trusted(seed_config: Config) -> None:
    update(seed_config)
    folder = seed_config.resolved_index_dir
    for seg in folder.glob("*.seg"):
        seg.write_bytes(seg.read_bytes()[:40])
    ix, report = update(seed_config)
    assert report.rebuilt and report.added == 5
    assert any("damaged" in n for n in report.notices)
    assert ids(ix, "Takaichi")


def test_catalog_out_of_step_with_the_index_is_rebuilt(seed_config: Config) -> None:
    update(seed_config)
    (seed_config.resolved_index_dir / CATALOG).unlink()
    _, report = update(seed_config)
    assert report.rebuilt and report.added == 5


def test_a_folder_that_is_not_an_index_is_never_cleared(tmp_path: Path, seeds: Path) -> None:
    precious = write(tmp_path / "mine" / "notes.txt", "my notes")
    config = Config(corpus=(seeds,), index_dir=tmp_path / "mine")
    try:
        update(config)
    except Exception as exc:
        assert "not a briefing index" in str(exc)
    else:
        raise AssertionError("an index was written into a folder of other files")
    assert precious.read_text() == "my notes"


def test_two_writers_take_turns(seed_config: Config) -> None:
    update(seed_config)
    first = ArticleIndex(seed_config.resolved_index_dir)
    waited: list[str] = []
    release = threading.Event()
    holding = threading.Event()

    def hold() -> None:
        with first._lock(None):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(5)
    threading.Timer(0.3, release.set).start()
    ix, report = update(seed_config, progress=lambda d, t, m: waited.append(m))
    thread.join()
    assert any("waiting for another" in m for m in waited)
    assert report.unchanged == 5 and len(ix.catalog) == 5


def test_corpus_is_byte_for_byte_unchanged(seed_config: Config, seeds: Path) -> None:
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    update(seed_config)
    update(seed_config, rebuild=True)
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_topics_come_from_sub_folders(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write(corpus / "sport" / "001.txt", "Claxton wins\n\nA hurdles story.\n")
    write(corpus / "tech" / "a" / "002.txt", "Chips ahoy\n\nA processor story.\n")
    config = Config(corpus=(corpus,), index_dir=tmp_path / "ix")
    ix, _ = update(config)
    assert ix.catalog["sport/001"].topics == ["sport"]
    assert ix.catalog["tech/a/002"].topics == ["tech"]
    assert ids(ix, "topic:sport") == {"sport/001"}


def test_removing_the_corpus_copy_empties_the_index(seed_config: Config, seeds: Path) -> None:
    update(seed_config)
    shutil.rmtree(seeds)
    seeds.mkdir()
    ix, report = update(seed_config)
    assert report.removed == 5 and ix.catalog == {}


def test_a_stop_signal_cancels_an_update_and_nothing_is_committed(
    seed_config: Config, seeds: Path
) -> None:
    """Stopping is our own ``Cancelled`` (a Ctrl-C stays ``KeyboardInterrupt``), asked for with
    an event; the index keeps its last complete state."""
    import pytest

    from tui.store.background import Cancelled

    ix, _ = update(seed_config)
    write(seeds / "new.txt", "Brand new headline\n\nA zebracorn appeared in Nara.\n")
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        ix.update(seed_config.corpus, seed_config.patterns, 5_000_000, procs=1, stop=stop)
    assert "new" not in ArticleIndex(seed_config.resolved_index_dir).catalog
    assert ids(ix, "zebracorn") == set()
    _, report = update(seed_config, stop=threading.Event())  # not set: runs to the end
    assert report.added == 1


def test_an_update_is_planned_from_the_catalog_and_the_scan_before_anything_is_written() -> None:
    """``plan_update`` is pure: unchanged files are not read again, changed or moved ones are,
    a file skipped before and unchanged since stays skipped, a vanished one is deleted."""
    from tui.search.catalog import Entry, plan_update
    from tui.store.corpus import CorpusFile

    old = {
        "same": Entry("same", "/c/same.txt", "10:1", "Same"),
        "edited": Entry("edited", "/c/edited.txt", "10:1", "Edited"),
        "moved": Entry("moved", "/c/old/moved.txt", "10:1", "Moved"),
        "gone": Entry("gone", "/c/gone.txt", "10:1", "Gone"),
    }
    skips = [{"id": "bad", "path": "bad.txt", "reason": "empty file", "stamp": "0:1"}]
    files = [
        CorpusFile("same", "/c/same.txt", (), "10:1"),
        CorpusFile("edited", "/c/edited.txt", (), "12:2"),
        CorpusFile("moved", "/c/new/moved.txt", ("new",), "10:1"),
        CorpusFile("bad", "/c/bad.txt", (), "0:1"),
        CorpusFile("fresh", "/c/fresh.txt", (), "5:3"),
    ]
    plan = plan_update(old, skips, files)
    assert [f.id for f in plan.to_add] == ["edited", "moved", "fresh"]
    assert plan.gone == ["gone"] and plan.unchanged == 1
    assert plan.skip_records == skips and [s.reason for s in plan.known_skips] == ["empty file"]
    assert set(plan.entries) == {"same", "edited", "moved"}
    assert plan.old == old and old["gone"].title == "Gone"  # the catalog given is not changed
    changed_skip = plan_update({}, skips, [CorpusFile("bad", "/c/bad.txt", (), "7:9")])
    assert [f.id for f in changed_skip.to_add] == ["bad"]  # changed since: read again
