"""Hardening: hostile files, damaged state and concurrency. Nothing crashes, nothing is lost.

Every scenario ends by checking that the user's files are byte-for-byte what they were.
"""

from __future__ import annotations

import codecs
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import protect, write
from tui.backend.whoosh.index import ArticleIndex
from tui.ingest.article import SkipFile
from tui.search.catalog import IndexError_, UpdateReport
from tui.store.config import Config


def index(corpus: Path, tmp_path: Path, **kw: Any) -> tuple[ArticleIndex, UpdateReport]:
    config = Config(corpus=(corpus,), index_dir=tmp_path / "index", max_article_bytes=2_000_000)
    ix = ArticleIndex(config.resolved_index_dir)
    report = ix.update(config.corpus, config.patterns, config.max_article_bytes, **kw)
    return ix, report


def ids(ix: ArticleIndex, q: str) -> set[str]:
    return {h.id for h in ix.search(q, limit=100).hits}


# --- bad articles -------------------------------------------------------------------------


def build_hostile_corpus(root: Path) -> None:
    write(root / "empty.txt", "")
    write(root / "blank.txt", "  \n\t\n   \n")
    write(root / "nul.txt", b"Title\x00with a NUL byte\n")
    write(root / "png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(root / "bom.txt", codecs.BOM_UTF8 + b"Bom headline\n\nA bomword article.\n")
    write(root / "utf16le.txt", "Sixteen headline\n\nThe utfsixteen body.\n".encode("utf-16"))
    write(
        root / "utf16be.txt",
        codecs.BOM_UTF16_BE + "Big endian\n\nThe bigendianword body.\n".encode("utf-16-be"),
    )
    write(
        root / "cp1252.txt",
        "Caf\u00e9 headline\n\nA \u201ccp1252word\u201d na\u00efve body.\n".encode("cp1252"),
    )
    write(root / "crlf.txt", b"Crlf headline\r\n\r\nThe crlfword body.\r\nSecond line.\r\n")
    write(root / "cr.txt", b"Cr headline\r\rThe loneword body.\rMore.\r")
    write(root / "oneline.txt", ("megaline " * 120_000 + "needleword").encode())  # ~1 MB, one line
    write(root / "huge.txt", b"x " * 1_100_000)  # over the 2 MB limit of these tests
    write(root / "ansi.txt", "Ansi headline\n\nText \x1b[2J\x1b[31mred\x07 ansiword.\n")
    write(
        root / "markup.txt",
        "Markup [bold]headline[/]\n\nText [link=http://x]y[/link] [/] markupword.\n",
    )
    write(
        root / "scripts.txt",
        "東京で首脳会談 \u05e9\u05dc\u05d5\u05dd 🙂\n\n"
        "首脳会談は東京都で開かれた。Shalom \u05e9\u05dc\u05d5\u05dd. Emoji 🙂👍🏽. "
        "Combining cafe\u0301 e\u0301lan.\n",
    )
    write(root / "brokenfm.md", "---\ntitle: [unclosed\n---\n# Real heading\n\nFrontword body.\n")
    write(root / "side.txt", "Sidecar headline\n\nSidecarword body.\n")
    write(root / "side.yaml", "title: ok\n  bad: indentation\n")


def test_hostile_files_are_read_or_skipped_with_a_reason(tmp_path: Path, guard: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    build_hostile_corpus(corpus)
    protect(guard, corpus)
    ix, report = index(corpus, tmp_path)
    reasons = {s.path.name: s.reason for s in report.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "nul.txt": "binary file (contains NUL bytes)",
        "png.txt": "binary file (contains NUL bytes)",
        "huge.txt": "larger than the limit (2,200,000 > 2,000,000 bytes)",
    }
    assert report.added == 12
    for word, article in [
        ("bomword", "bom"),
        ("utfsixteen", "utf16le"),
        ("bigendianword", "utf16be"),
        ("cp1252word", "cp1252"),
        ("crlfword", "crlf"),
        ("loneword", "cr"),
        ("needleword", "oneline"),
        ("ansiword", "ansi"),
        ("markupword", "markup"),
        ("首脳", "scripts"),
        ("東京", "scripts"),
        ("\u05e9\u05dc\u05d5\u05dd", "scripts"),
        ("frontword", "brokenfm"),
        ("sidecarword", "side"),
    ]:
        assert ids(ix, word) == {article}, word
    assert ix.catalog["crlf"].title == "Crlf headline"
    assert ix.catalog["cr"].title == "Cr headline"
    assert ix.catalog["cp1252"].title == "Café headline"
    assert ix.catalog["utf16le"].title == "Sixteen headline"
    assert ix.catalog["markup"].title == "Markup [bold]headline[/]"
    assert any("brokenfm.md:2: metadata is not valid YAML" in w for w in report.warnings)
    assert any("side.yaml:2: metadata is not valid YAML" in w for w in report.warnings)
    with ix.reading() as searcher:
        body = searcher.document(id="ansi")["body"]
    assert "\x1b" not in body and "\u241b[2J" in body and "\u2407" in body


def test_unreadable_file_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guard: list[Path]
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "ok.txt", "Fine\n\nReadable body.\n")
    locked = write(corpus / "locked.txt", "Locked\n\nSecret body.\n")
    protect(guard, corpus)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = pathlib.Path.open

        def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", deny)
    else:
        locked.chmod(0)
    _, report = index(corpus, tmp_path)
    assert [(s.path.name, s.reason) for s in report.skipped] == [
        ("locked.txt", "unreadable: Permission denied")
    ]
    assert report.added == 1


def test_symlinks_and_loops(tmp_path: Path, guard: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    outside = write(tmp_path / "outside" / "linked.txt", "Linked in\n\nA linkedword body.\n")
    write(corpus / "topic" / "real.txt", "Real\n\nA realword body.\n")
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop-a.txt").symlink_to(corpus / "loop-b.txt")
    (corpus / "loop-b.txt").symlink_to(corpus / "loop-a.txt")
    (corpus / "topic" / "again").symlink_to(corpus)  # a folder loop
    protect(guard, corpus, outside.parent)
    ix, report = index(corpus, tmp_path)
    reasons = {s.path.name: s.reason for s in report.skipped}
    assert reasons["broken.txt"] == "broken symlink"
    assert reasons["loop-a.txt"].startswith("unreadable") and reasons["loop-b.txt"].startswith(
        "unreadable"
    )
    assert reasons["again"].startswith("folder already scanned")
    assert set(ix.catalog) == {"link", "topic/real"}
    assert ids(ix, "linkedword") == {"link"}


def remove_tree(top: Path) -> None:
    """Remove a tree of any depth, bottom up (shutil.rmtree recurses, and would fail)."""
    stack, order = [str(top)], []
    while stack:
        folder = stack.pop()
        order.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(order):
        os.rmdir(folder)


@pytest.mark.slow
def test_deep_folder_trees(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    deep = corpus
    corpus.mkdir()
    try:
        for _ in range(1200):  # deeper than Python's recursion limit; built one level at a time
            deep = deep / "d"
            deep.mkdir()
        (deep / "bottom.txt").write_text("Bottom\n\nThe deepword body.\n")
        ix, report = index(corpus, tmp_path)
        assert report.added == 1 and ids(ix, "deepword") == {"/".join(["d"] * 1200) + "/bottom"}
        assert (deep / "bottom.txt").read_text() == "Bottom\n\nThe deepword body.\n"
    finally:
        remove_tree(corpus)  # pytest's own clean-up of old temp folders would choke on it


def test_file_that_disappears_or_changes_while_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "stays.txt", "Stays\n\nA stable body.\n")
    gone = write(corpus / "gone.txt", "Gone\n\nSoon gone.\n")
    moving = write(corpus / "moving.txt", "Moving\n\nFirst version.\n")
    import tui.ingest.article as index_module  # the index reads articles through this module

    real = index_module.load_article

    def meddle(path: Path, **kwargs: Any) -> Any:
        if path == gone:
            gone.unlink()
        if path == moving and "First" in moving.read_text():
            moving.write_text("Moving\n\nSecond version with quokka.\n")
            os.utime(moving, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
        return real(path, **kwargs)

    monkeypatch.setattr(index_module, "load_article", meddle)
    ix, report = index(corpus, tmp_path)
    assert [(s.path.name, s.reason) for s in report.skipped] == [
        ("gone.txt", "file disappeared before it could be read")
    ]
    assert set(ix.catalog) == {"stays", "moving"}
    monkeypatch.setattr(index_module, "load_article", real)
    ix, again = index(corpus, tmp_path)  # the change after the stamp is seen next time
    assert again.updated == 1 and ids(ix, "quokka") == {"moving"}


# --- damaged state ------------------------------------------------------------------------


def test_deleted_segment_is_rebuilt(seed_config: Config, guard: list[Path]) -> None:
    protect(guard, seed_config.corpus[0])
    ix = ArticleIndex(seed_config.resolved_index_dir)
    ix.update(seed_config.corpus, seed_config.patterns, seed_config.max_article_bytes)
    for seg in seed_config.resolved_index_dir.glob("*.seg"):
        seg.unlink()
    fresh = ArticleIndex(seed_config.resolved_index_dir)
    report = fresh.update(seed_config.corpus, seed_config.patterns, seed_config.max_article_bytes)
    assert report.rebuilt and report.added == 5 and len(report.notices) == 1
    again = fresh.update(seed_config.corpus, seed_config.patterns, seed_config.max_article_bytes)
    assert not again.notices  # reported once
    assert ids(fresh, "Chosei")


HOLD_LOCK = """
import sys, time
from pathlib import Path
from tui.backend.whoosh.index import ArticleIndex
ix = ArticleIndex(Path(sys.argv[1]))
with ix._lock(None):
    writer = ix.open().writer()
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.mark.slow
def test_stale_locks_of_a_killed_process(seed_config: Config) -> None:
    folder = seed_config.resolved_index_dir
    ArticleIndex(folder).update(seed_config.corpus, seed_config.patterns, 5_000_000)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert any(folder.glob("*LOCK*")) or (folder / "briefing.lock").exists()
    write(seed_config.corpus[0] / "new.txt", "New\n\nA lockword body.\n")
    start = time.monotonic()
    ix = ArticleIndex(folder)
    report = ix.update(seed_config.corpus, seed_config.patterns, 5_000_000)
    assert time.monotonic() - start < 10
    assert report.added == 1 and ids(ix, "lockword") == {"new"}


def make_corpus(root: Path, count: int) -> None:
    for k in range(count):
        words = " ".join(f"w{(k * 7 + j) % 997}" for j in range(300))
        write(root / f"t{k % 5}" / f"{k:05}.txt", f"Article {k}\n\nCommonword {words}.\n")


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.4, 1.2, 2.5])
def test_kill_9_during_index_leaves_a_usable_index(
    tmp_path: Path, delay: float, guard: list[Path]
) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 1500)
    protect(guard, corpus)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "tui", "index", "--corpus", str(corpus), "--json"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    assert report["added"] + report["updated"] + report["unchanged"] == 1500
    result = subprocess.run(
        [sys.executable, "-m", "tui", "search", "Commonword", "--json", "--corpus", str(corpus)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["total"] == 1500


def test_index_folder_that_cannot_be_written(
    tmp_path: Path, seeds: Path, capsys, guard: list[Path]
) -> None:
    protect(guard, seeds)
    blocker = write(tmp_path / "file-not-folder", "x")
    ix = ArticleIndex(blocker / "index")
    with pytest.raises(IndexError_) as info:
        ix.update([seeds], ["*.txt"], 5_000_000)
    message = str(info.value)
    assert str(blocker / "index") in message and "index_dir in config.yaml" in message
    from tui.cli import main

    config = write(tmp_path / "c.yaml", f"corpus: [{seeds}]\nindex_dir: {blocker / 'index'}\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["--config", str(config), "index"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write the index here" in err


def test_skip_file_is_the_only_thing_ingest_raises(tmp_path: Path) -> None:
    from tui.ingest.article import load_article

    path = write(tmp_path / "dir.txt" / "inner.txt", "x")  # a folder named like an article
    with pytest.raises(SkipFile):
        load_article(path.parent, article_id="d", max_bytes=100)


@pytest.mark.slow
def test_two_index_processes_at_once(tmp_path: Path, guard: list[Path]) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 1200)
    protect(guard, corpus)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "FORCE_COLOR": "0"}
    command = [sys.executable, "-m", "tui", "index", "--corpus", str(corpus), "--json"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    out_first, _ = first.communicate(timeout=120)
    out_second, _ = second.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0
    reports = [json.loads(out_first), json.loads(out_second)]
    assert sorted(r["added"] for r in reports) == [0, 1200]  # one indexed, one found it done
    assert sorted(r["unchanged"] for r in reports) == [0, 1200]
    ix = ArticleIndex(next((tmp_path / "cache" / "briefing" / "indexes").iterdir()))
    assert len(ix.catalog) == 1200 and ix.search("Commonword").total == 1200
