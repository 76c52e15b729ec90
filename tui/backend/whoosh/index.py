"""The Whoosh index: schema, incremental updates, a catalog of article metadata, and recovery.

The index is derived data. It lives outside the corpus, is rebuilt (with a one-line notice)
when it is missing, damaged or from another format version, and only this module writes to it.
A ``catalog.json`` beside the Whoosh files holds each article's metadata and change stamp, so a
no-change update only stats files, and list views never load article bodies.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gc
import json
import os
import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

from whoosh import fields, index
from whoosh.analysis import SimpleAnalyzer
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

from tui.backend.whoosh.analysis import ANALYZER, IndexedPositions
from tui.search.catalog import (
    ENTRY_FIELDS,
    Entry,
    IndexError_,
    IndexWriteError,
    Listing,
    Plan,
    Progress,
    UpdateReport,
    plan_update,
)
from tui.search.results import RANKING, Ranking, SearchResult
from tui.store.atomic import write_atomic
from tui.store.background import StopSignal, raise_if_set
from tui.store.corpus import Skipped, folders_unchanged, scan
from tui.text.analysis import stem_word
from tui.text.literal import one_line, shown_path

# 4: no offsets in the body's postings; 5: IndexedPositions; 6: the classes in tui.backend.whoosh;
# 7: each article's catalog row stored with it (one article's metadata without the catalog)
FORMAT_VERSION = 7
MARKER = "briefing-index.json"
CATALOG = "catalog.json"
SPELLING = "spelling.json"
LISTS = "lists.json"  # the panes' lists (``Listing``), written after each catalog
KEY_TERMS = "keyterms.json"  # key terms of article sets found before, for this generation
FOLDERS = "folders.json"  # the last scan's folder stamps: a no-change update stats only these
LOCK = "briefing.lock"
CATALOG_BATCH = 1000  # catalog rows written at a time
KEY_TERMS_KEPT = 64
MMAP_LIMIT = 64 * 2**20  # bytes of segments; a bigger index is read through files


class _Busy(Exception):
    """Another writer holds the index (raised only when asked not to wait)."""


def make_schema() -> fields.Schema:
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True, analyzer=ANALYZER, field_boost=2.0),
        # No character offsets in the postings: they made every posting larger to write and to
        # read for ranking; the snippets of the rows shown re-analyse their text instead.
        body=fields.TEXT(stored=True, analyzer=ANALYZER),
        source=fields.TEXT(stored=True, analyzer=SimpleAnalyzer()),
        byline=fields.TEXT(stored=True, analyzer=SimpleAnalyzer()),
        topic=fields.KEYWORD(stored=True, lowercase=True, commas=True, scorable=False),
        date=fields.DATETIME(stored=True),
        path=fields.STORED(),
        entry=fields.STORED(),  # the article's catalog row (``ENTRY_FIELDS``)
    )
    for name in ("title", "body"):  # Whoosh's positions, found in one pass when indexing
        schema[name].format = IndexedPositions(field_boost=schema[name].format.field_boost)
    return schema


def _write_json(path: Path, data: Any) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a large catalog is parsed or a corpus is
    scanned: it would walk the growing heap again and again (a 100,000-article catalog: 0.4 s
    with it, 0.08 s without; a no-change scan and plan of 100,000 files: about 0.5 s more).
    Nothing made there forms cycles, so nothing is left for it afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _catalog_rows(data: dict[str, Any]) -> list[Any]:
    """The catalog's entries: rows under ``fields`` (written now), or objects (written before
    rows were: still read, so an upgrade does not rebuild the index)."""
    rows = data.get("rows")
    return rows if isinstance(rows, list) else data.get("entries", [])


def _entries(data: dict[str, Any]) -> dict[str, Entry]:
    rows = _catalog_rows(data)
    with _no_gc():
        if data.get("fields") == list(ENTRY_FIELDS):
            return {row[0]: Entry(*row) for row in rows}
        if "fields" in data:  # written with other columns: by name
            names = data["fields"]
            return {e.id: e for e in (Entry(**dict(zip(names, row, strict=True))) for row in rows)}
        return {e["id"]: Entry(**e) for e in rows}


_WORD = re.compile(r"[^\W\d_]{3,}")


def _scan_key(
    roots: tuple[Path, ...] | list[Path], patterns: tuple[str, ...] | list[str], max_bytes: int
) -> str:
    """The corpus settings a scan was made with: another setting is another scan."""
    return json.dumps([[str(Path(r).resolve()) for r in roots], list(patterns), max_bytes])


_LOCAL_LOCKS: dict[str, threading.Lock] = {}


class ArticleIndex:
    """One corpus's index folder. ``fast``: queries are ranked block by block
    (``tui.backend.whoosh.ranker``); False runs each through Whoosh's own matchers (the plain
    path the fast one is checked against)."""

    def __init__(self, directory: Path, *, fast: bool = True) -> None:
        self.directory = directory
        self.fast = fast
        self._ix: index.Index | None = None
        self._catalog: dict[str, Entry] | None = None
        self._spelling: dict[str, str] | None = None
        self._searcher: Searcher | None = None
        self._generation: int | None = None  # of the catalog loaded, to notice other writers
        self._stamp: tuple[int, int] | None = None  # catalog.json's size and mtime when loaded
        self._skips: list[dict[str, str]] = []  # skipped files with their stamps
        self._read_lock = threading.RLock()
        self.skipped: list[Skipped] = []

    def _storage(self) -> FileStorage:
        """Whoosh's file storage; memory-mapped only while the index is small.

        With mmap, opening a 100,000-article index made all its 440 MB resident; read through
        files it stays near 35 MB. Small indexes keep mmap, which is faster to query.
        """
        try:
            size = sum(p.stat().st_size for p in self.directory.glob("*.seg"))
        except OSError:
            size = 0
        return FileStorage(str(self.directory), supports_mmap=size < MMAP_LIMIT)

    # --- the folder ----------------------------------------------------------------------

    def _ours(self) -> bool:
        """True when the folder is empty or holds a briefing index (so it may be cleared)."""
        if not self.directory.exists():
            return True
        if (self.directory / MARKER).exists():
            return True
        return not any(p for p in self.directory.iterdir() if p.name != LOCK)

    def _clear(self) -> None:
        self.close()
        if not self._ours():
            raise IndexError_(
                f"{self.directory}: index_dir holds files that are not a briefing index; "
                "set index_dir in config.yaml to an empty folder"
            )
        if self.directory.exists():
            for child in self.directory.iterdir():
                if child.name == LOCK:
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        self._ix = None
        self._catalog = None
        self._spelling = None

    def _create(self) -> index.Index:
        self._clear()
        self.directory.mkdir(parents=True, exist_ok=True)
        ix = self._storage().create_index(make_schema())
        _write_json(self.directory / MARKER, {"format": FORMAT_VERSION})
        _write_json(
            self.directory / CATALOG,
            {"generation": ix.latest_generation(), "fields": list(ENTRY_FIELDS), "rows": []},
        )
        _write_json(self.directory / SPELLING, {})
        return ix

    @contextlib.contextmanager
    def _lock(self, progress: Progress | None, *, wait: bool = True) -> Iterator[None]:
        """One writer at a time, across processes; the lock dies with its process."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle = (self.directory / LOCK).open("a")
        except OSError as exc:
            raise IndexError_(
                f"{self.directory}: cannot write the index here ({exc.strerror}); "
                "set index_dir in config.yaml to a writable folder"
            ) from None
        # Threads of this process take turns on a lock of their own; processes on a POSIX
        # record lock, which (unlike flock) is neither inherited by the writer's forked
        # children nor kept by them once this process is gone.
        local = _LOCAL_LOCKS.setdefault(str(self.directory.resolve()), threading.Lock())
        waiting = "waiting for another briefing index run to finish"
        with handle:
            if not local.acquire(blocking=False):
                if not wait:
                    raise _Busy
                if progress:
                    progress(0, 0, waiting)
                local.acquire()
            try:
                try:
                    fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    if not wait:
                        raise _Busy from None
                    if progress:
                        progress(0, 0, waiting)
                    fcntl.lockf(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.lockf(handle, fcntl.LOCK_UN)
            finally:
                local.release()

    def check(self) -> str | None:
        """Why the index on disk cannot be used as it is, or None when it can."""
        return self._check_format()

    def _check_format(self) -> str | None:
        """Why the index on disk cannot be trusted, or None when it can."""
        marker = _read_json(self.directory / MARKER)
        if marker is None:
            return "no index yet" if self._ours() else "not a briefing index"
        if marker.get("format") != FORMAT_VERSION:
            return f"index written by another version (format {marker.get('format')})"
        searcher: Searcher | None = None
        try:
            ix = self._storage().open_index()
            searcher = ix.searcher()
            count = int(searcher.doc_count())
        except Exception as exc:  # Whoosh raises many kinds for damaged files
            if searcher is not None:
                searcher.close()
            return f"index is damaged ({type(exc).__name__}: {exc})"
        problem = self._check_catalog(ix, count)
        if problem is None:
            self._keep(searcher)  # the first search uses it rather than opening another
        else:
            searcher.close()
        return problem

    def _check_catalog(self, ix: index.Index, count: int) -> str | None:
        """Why the catalog cannot be trusted beside an index of ``count`` articles, or None."""
        if (
            self._catalog is not None
            and self._catalog_stamp() == self._stamp
            and self._generation == ix.latest_generation()
        ):  # the catalog already loaded is the one on disk: not parsed again
            if len(self._catalog) != count:
                return "index catalog disagrees with the index"
            self._ix = ix
            return None
        catalog = self._read_catalog()
        if not isinstance(catalog, dict) or catalog.get("generation") != ix.latest_generation():
            return "index catalog is missing or out of step"
        if len(_catalog_rows(catalog)) != count:
            return "index catalog disagrees with the index"
        self._ix = ix
        self._load_catalog(catalog)  # parsed once: update() works from it
        return None

    def _keep(self, searcher: Searcher) -> None:
        """Keep a searcher opened on the index just checked as the shared one."""
        with self._read_lock:
            if self._searcher is None:
                self._searcher = searcher
                return
        searcher.close()

    # --- reading -------------------------------------------------------------------------

    def open(self) -> index.Index:
        """The Whoosh index, opened without writing (call ``update`` first to ensure one)."""
        if self._ix is None:
            self._ix = self._storage().open_index()
        return self._ix

    @contextlib.contextmanager
    def reading(self) -> Iterator[Searcher]:
        """A shared searcher, reopened only when another commit has landed.

        Opening a searcher costs more than most queries, so one is kept; the lock makes the
        app's search worker and its other readers take turns with it.
        """
        with self._read_lock:
            if self._searcher is not None and not self._searcher.up_to_date():
                # Reopened rather than Searcher.refresh(), which fails on an empty index.
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = self.open().searcher()
            yield self._searcher

    def close(self) -> None:
        with self._read_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix = None

    def _catalog_stamp(self) -> tuple[int, int] | None:
        try:
            st = (self.directory / CATALOG).stat()
        except OSError:
            return None
        return st.st_size, st.st_mtime_ns

    def _read_catalog(self) -> Any:
        """catalog.json as parsed (None when missing or not JSON), with the GC held."""
        with _no_gc():
            return _read_json(self.directory / CATALOG)

    def _load_catalog(self, data: dict[str, Any] | None = None) -> None:
        """Take in catalog.json (already parsed, or read now): entries, skips, generation."""
        self._stamp = self._catalog_stamp()
        if data is None:
            data = self._read_catalog() or {}
        self._catalog = _entries(data)
        self._generation = data.get("generation")
        self._skips = [s for s in data.get("skipped", []) if isinstance(s, dict) and "id" in s]
        self.skipped = [Skipped(Path(s["path"]), s["reason"]) for s in data.get("skipped", [])]

    @property
    def catalog(self) -> dict[str, Entry]:
        if self._catalog is None:
            self._load_catalog()
        assert self._catalog is not None
        return self._catalog

    # --- searching and reading (tui.backend.whoosh.search) -----------------------------

    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        live: bool = False,
        ranking: Ranking = RANKING,
        order: str = "relevance",
        stop: StopSignal | None = None,
    ) -> SearchResult:
        from tui.backend.whoosh import search

        return search.search(self, text, limit, live=live, ranking=ranking, order=order, stop=stop)

    def find_ids(self, text: str, limit: int) -> list[str]:
        from tui.backend.whoosh import search

        return search.find_ids(self, text, limit)

    def more_like(self, article_id: str, limit: int = 10) -> list[tuple[str, float]]:
        from tui.backend.whoosh import search

        return search.more_like(self, article_id, limit)

    def stored_text(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        with self.reading() as searcher:
            for article_id in ids:
                fields = searcher.document(id=article_id)
                if fields:
                    out[article_id] = (fields.get("title", ""), fields.get("body", ""))
        return out

    def key_terms(self, ids: list[str], count: int = 8) -> list[str]:
        from tui.backend.whoosh import search

        return search.key_terms(self, ids, count)

    def document_frequencies(self, stems: Iterable[str]) -> tuple[int, dict[str, int]]:
        with self.reading() as searcher:
            return int(searcher.doc_count()), {
                stem: int(searcher.doc_frequency("body", stem)) for stem in stems
            }

    def known_id(self, article_id: str) -> str | None:
        """The id the article ``article_id`` names has now, or None when there is none.

        An id written in an older form still resolves: before ids were stable, with several
        corpus folders an id began with its folder's name (``seeds/004_…`` is ``004_…`` when
        that article's file is ``…/seeds/004_….txt``)."""
        if self.entry(article_id) is not None:
            return article_id
        catalog = self.catalog
        _, sep, rest = article_id.partition("/")
        entry = catalog.get(rest) if sep else None
        if entry is None:
            return None
        written = PurePosixPath(article_id).parts
        stored = PurePath(entry.path).with_suffix("").parts
        return rest if stored[-len(written) :] == written else None

    def article_count(self) -> int:
        if self._catalog is not None:
            return len(self._catalog)
        with self.reading() as searcher:
            return int(searcher.doc_count())

    def entry(self, article_id: str) -> Entry | None:
        """One article's catalog row, from the index (the catalog is not read for it)."""
        if self._catalog is not None:
            return self._catalog.get(article_id)
        with self.reading() as searcher:
            fields = searcher.document(id=article_id)
        row = fields.get("entry") if fields else None
        if not isinstance(row, list) or len(row) != len(ENTRY_FIELDS):
            return self.catalog.get(article_id)
        return Entry(*row)

    def warnings(self) -> list[str]:
        """What reading the corpus found wrong, kept with each article in the catalog (not
        only in the report of the run that read it): impossible dates, bad sidecars."""
        return [w for e in self.catalog.values() for w in e.warnings]

    @property
    def spelling(self) -> dict[str, str]:
        """Stem to its most common surface word, to phrase "did you mean" in real words."""
        if self._spelling is None:
            data = _read_json(self.directory / SPELLING)
            self._spelling = {k: v[0] for k, v in data.items()} if isinstance(data, dict) else {}
        return self._spelling

    def refresh(self) -> bool:
        """Pick up a commit made by another process; True when something new was found.

        Called every few seconds by the app: an unchanged catalog file (same size and mtime) is
        not parsed again, which matters at 100,000 articles.
        """
        if self._catalog is not None and self._catalog_stamp() == self._stamp:
            return False
        catalog = self._read_catalog() or {}
        if self._catalog is not None and catalog.get("generation") == self._generation:
            self._stamp = self._catalog_stamp()
            return False
        self.close()
        self._catalog = None
        self._spelling = None
        return True

    # --- writing -------------------------------------------------------------------------

    def update(
        self,
        roots: tuple[Path, ...] | list[Path],
        patterns: tuple[str, ...] | list[str],
        max_bytes: int,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        procs: int | None = None,
        stop: StopSignal | None = None,
        wait: bool = True,
        full: bool = False,
    ) -> UpdateReport:
        """Bring the index in line with the corpus: add, update and remove what changed.

        When no corpus folder has changed since the last scan (``folders.json``), nothing is
        scanned and the catalog is not read: the cost does not grow with the corpus. ``full``
        compares every file's stamp all the same, to find a file written over in place.
        Stopped (``stop`` set: ``Cancelled``) or interrupted, nothing is committed: the last
        complete index stays in place. With ``wait=False``, when another process is writing the
        index and the index on disk is sound, it is used as it is (a notice says so).
        """
        run = functools.partial(
            self._update, roots, patterns, max_bytes, rebuild, full, progress, procs, stop
        )
        if wait:
            return run(wait=True)
        try:
            return run(wait=False)
        except _Busy:
            # The index as the last scan recorded it is sound without reading the catalog;
            # else the full check (which parses it) says whether it is.
            key = _scan_key(roots, patterns, max_bytes)
            if not self._unchanged(key, UpdateReport(), folders=False) and self._check_format():
                return run(wait=True)  # no sound index to read meanwhile: wait
        report = UpdateReport()
        report.notices.append(
            f"{self.directory}: another briefing run is updating the index; "
            "using the index as it was"
        )
        return report

    def _update(
        self,
        roots: tuple[Path, ...] | list[Path],
        patterns: tuple[str, ...] | list[str],
        max_bytes: int,
        rebuild: bool,
        full: bool,
        progress: Progress | None,
        procs: int | None,
        stop: StopSignal | None,
        wait: bool,
    ) -> UpdateReport:
        report = UpdateReport()
        missing = [str(root) for root in roots if not Path(root).is_dir()]
        if missing:  # never read a vanished folder as "every article was deleted"
            raise IndexError_(
                f"{missing[0]}: corpus folder does not exist or is not a folder; "
                "the index is kept as it was"
            )
        key = _scan_key(roots, patterns, max_bytes)
        with self._lock(progress, wait=wait):
            if not rebuild and not full and self._unchanged(key, report):
                return report
            problem = self._check_format()
            if problem:
                if problem != "no index yet":
                    report.notices.append(f"{self.directory}: {problem}; rebuilding")
                if problem == "not a briefing index":
                    raise IndexError_(
                        f"{self.directory}: index_dir holds files that are not a briefing index; "
                        "set index_dir in config.yaml to an empty folder"
                    )
                self._ix = self._create()
                report.rebuilt = True
            claimed = {e.id: e.path for e in self.catalog.values()}  # ids articles hold
            if rebuild and not problem:
                # Built beside the live index: readers keep the old segments until the new
                # ones are committed, then the commit swaps them in one step (CLEAR).
                self._catalog, self._skips = {}, []
                report.rebuilt = True
            ix = self._ix or self.open()
            folders: dict[str, int | None] = {}
            with _no_gc():  # 100,000 files and their plan: no cycles among them
                files, scan_skipped = scan(roots, patterns, claimed, folders)
                plan = plan_update(self.catalog, self._skips, files)  # catalog: empty to rebuild
            report.skipped.extend(scan_skipped)
            report.skipped.extend(plan.known_skips)
            report.unchanged = plan.unchanged
            if not plan.to_add and not plan.gone:
                if plan.skip_records != self._skips:
                    self._write_catalog(ix, plan.old, plan.skip_records)
            else:
                workers = procs if procs is not None else min(2, os.cpu_count() or 1)
                clear = rebuild and not problem  # swap the new segments in for all the old ones
                self._apply(ix, plan, report, max_bytes, workers, clear, progress, stop)
            self.skipped = list(report.skipped)
            self._write_folders(key, folders, report.skipped)
        return report

    def _unchanged(self, key: str, report: UpdateReport, *, folders: bool = True) -> bool:
        """True (with ``report`` filled in as a scan would) when the last scan's record holds:
        the same corpus settings, no folder changed since (unless ``folders`` is False), and
        the index and catalog are the ones it was written with. The catalog is not parsed, nor
        the corpus walked."""
        record = _read_json(self.directory / FOLDERS)
        marker = _read_json(self.directory / MARKER)
        if (
            not isinstance(record, dict)
            or record.get("key") != key
            or not isinstance(marker, dict)
            or marker.get("format") != FORMAT_VERSION
            or record.get("catalog") != list(self._catalog_stamp() or ())
            or not isinstance(record.get("folders"), dict)
            or (folders and not folders_unchanged(record["folders"]))
        ):
            return False
        searcher: Searcher | None = None
        try:
            ix = self._storage().open_index()
            if ix.latest_generation() != record.get("generation"):
                return False
            searcher = ix.searcher()
            if searcher.doc_count() != record.get("count"):
                searcher.close()
                return False
        except Exception:  # a damaged index: the full check says what is wrong and rebuilds
            if searcher is not None:
                searcher.close()
            return False
        self._ix = ix
        self._keep(searcher)
        if self._generation != record["generation"]:  # a catalog held from before is stale
            self._catalog = None
        report.unchanged = record["count"]
        report.skipped = [Skipped(Path(p), r) for p, r in record.get("skipped", [])]
        self.skipped = list(report.skipped)
        return True

    def _write_folders(
        self, key: str, folders: dict[str, int | None], skipped: list[Skipped]
    ) -> None:
        """Record the scan just made, for the next update's ``_unchanged``: written after the
        catalog, naming its stamp and the index generation, so a record from before any later
        write no longer matches."""
        ix = self._ix or self.open()
        record = {
            "key": key,
            "generation": ix.latest_generation(),
            "catalog": list(self._catalog_stamp() or ()),
            "count": len(self.catalog),
            "folders": folders,
            "skipped": [[str(s.path), s.reason] for s in skipped],
        }
        # ASCII with escapes: a folder or file name that is not UTF-8 comes back as it was.
        with contextlib.suppress(OSError):  # only a shortcut: without it, the next scan is full
            write_atomic(self.directory / FOLDERS, json.dumps(record).encode("ascii"))

    def _apply(
        self,
        ix: index.Index,
        plan: Plan,
        report: UpdateReport,
        max_bytes: int,
        workers: int,
        clear: bool,
        progress: Progress | None,
        stop: StopSignal | None,
    ) -> None:
        """Carry out a plan: delete what is gone, read and write what is new or changed,
        commit, then the spelling table and the catalog. Nothing is committed on any error."""
        # Imported here: a search (and a no-change update) never loads the writer's machinery.
        from tui.backend.whoosh.writer import WriterFailed, abandon, document, load_all, open_writer

        entries = plan.entries
        skip_records = list(plan.skip_records)
        words: Counter[str] = Counter()
        writer: Any = None
        loaded = load_all(plan.to_add, max_bytes, workers)  # lazy: reading starts in the loop
        try:
            writer = open_writer(ix, workers, len(plan.to_add))
            for article_id in plan.gone:
                writer.delete_by_term("id", article_id)
                entries.pop(article_id, None)
                report.removed += 1
            total = len(plan.to_add)
            for done, (f, article) in enumerate(loaded, 1):
                raise_if_set(stop)
                existed = f.id in plan.old
                if isinstance(article, str):  # one file never stops the rest
                    report.skipped.append(Skipped(f.path, article))
                    skip_records.append(
                        {
                            "id": f.id,
                            "path": shown_path(f.path),
                            "reason": article,
                            "stamp": f.stamp,
                        }
                    )
                    if existed:
                        writer.delete_by_term("id", f.id)
                        entries.pop(f.id, None)
                        report.removed += 1
                    continue
                report.warnings.extend(one_line(w) for w in article.warnings)
                entry = Entry.of(article, f.stamp)
                doc = document(article)
                doc["entry"] = [getattr(entry, name) for name in ENTRY_FIELDS]
                if existed:
                    writer.update_document(**doc)
                    report.updated += 1
                else:
                    writer.add_document(**doc)
                    report.added += 1
                entries[f.id] = entry
                words.update(_WORD.findall(doc["title"].lower()))
                words.update(_WORD.findall(doc["body"].lower()))
                if progress and (done % 25 == 0 or done == total):
                    progress(done, total, str(f.path))
            if progress:
                progress(total, total, "writing the index")
            # What needs room on disk is written before the commit, beside the files it
            # replaces: a full disk stops the update there, with the last index whole.
            generation = ix.latest_generation() + 1  # what the commit makes it
            staged = [
                self._stage(SPELLING, self._spelling_with(words, fresh=report.rebuilt)),
                self._stage(CATALOG, self._catalog_data(generation, entries, skip_records)),
            ]
            writer.commit(mergetype=CLEAR) if clear else writer.commit()
        except BaseException as exc:
            abandon(writer, loaded)
            self._remove_leftovers()
            if isinstance(exc, OSError | WriterFailed):
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                raise IndexWriteError(
                    f"{self.directory}: cannot write the index ({reason}); "
                    "the last complete index is kept"
                ) from None
            raise
        for path in staged:  # a rename each: no room needed
            os.replace(path, path.with_suffix(""))
        self._ix = ix = self._storage().open_index()
        self._spelling = None
        self._loaded(ix, entries, skip_records)

    def _remove_leftovers(self) -> None:
        """After a failed write: remove segment files the last commit does not use, so a full
        disk is not left fuller (Whoosh's own clean-up, as after a commit)."""
        with contextlib.suppress(Exception):
            storage = self._storage()
            toc = index.TOC.read(storage, "MAIN")  # Whoosh's default index name
            index.clean_files(storage, "MAIN", toc.generation, toc.segments)
        leftovers = [*self.directory.glob("*.tmp"), *self.directory.glob("*.next")]
        for tmp in leftovers:  # Whoosh's scratch folder, our temp and staged JSON
            with contextlib.suppress(OSError):
                if tmp.is_dir() and not tmp.is_symlink():
                    shutil.rmtree(tmp)
                else:
                    tmp.unlink()

    def _stage(self, name: str, data: Any) -> Path:
        """``name`` written whole beside the file it is to replace (``name.next``); ``data``
        is JSON to write, or the pieces of it already written as JSON."""
        path = self.directory / f"{name}.next"
        if isinstance(data, Iterator):
            write_atomic(path, data)
        else:
            _write_json(path, data)
        return path

    @staticmethod
    def _catalog_data(
        generation: int, entries: dict[str, Entry], skips: list[dict[str, str]]
    ) -> Iterator[bytes]:
        """catalog.json in pieces of ``CATALOG_BATCH`` rows: at 1,000,000 articles, the rows
        as lists, then as one string, then as its bytes each took hundreds of megabytes."""
        head = {"generation": generation, "fields": list(ENTRY_FIELDS), "skipped": skips}
        yield json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b', "rows": ['
        batch: list[list[Any]] = []
        sep = b""
        for e in entries.values():
            batch.append([getattr(e, name) for name in ENTRY_FIELDS])
            if len(batch) == CATALOG_BATCH:
                yield sep + json.dumps(batch, ensure_ascii=False)[1:-1].encode("utf-8")
                sep, batch = b", ", []
        if batch:
            yield sep + json.dumps(batch, ensure_ascii=False)[1:-1].encode("utf-8")
        yield b"]}"

    def _write_catalog(
        self, ix: index.Index, entries: dict[str, Entry], skips: list[dict[str, str]]
    ) -> None:
        write_atomic(
            self.directory / CATALOG, self._catalog_data(ix.latest_generation(), entries, skips)
        )
        self._loaded(ix, entries, skips)

    def _loaded(
        self, ix: index.Index, entries: dict[str, Entry], skips: list[dict[str, str]]
    ) -> None:
        """The catalog just written is the one this object holds; its listing is written
        beside it."""
        self._catalog = entries
        self._generation = ix.latest_generation()
        self._skips = skips
        self._stamp = self._catalog_stamp()
        self._keep_listing(Listing.of(entries))

    def _keep_listing(self, listing: Listing) -> Listing:
        """Write the listing of the catalog this object holds, naming that catalog's stamp."""
        record = {"catalog": list(self._stamp or ()), **listing.to_json()}
        with contextlib.suppress(OSError):  # only a shortcut: without it, the catalog is read
            _write_json(self.directory / LISTS, record)
        return listing

    def kept_key_terms(self, generation: int) -> dict[str, Any]:
        """Key terms found before on this generation of the index (``keyterms.json``): a
        pane's key terms cost about 0.7 s to find at 100,000 articles, and every listing of
        the panes asks for them."""
        data = _read_json(self.directory / KEY_TERMS)
        if not isinstance(data, dict) or data.get("generation") != generation:
            return {}
        terms = data.get("terms")
        return terms if isinstance(terms, dict) else {}

    def keep_key_terms(
        self, generation: int, kept: dict[str, Any], key: str, words: list[str]
    ) -> None:
        """Keep a set's key terms for the next command, with those ``kept_key_terms`` gave for
        the same generation (at most ``KEY_TERMS_KEPT`` sets)."""
        kept = dict(kept)
        kept.pop(key, None)
        kept[key] = words
        while len(kept) > KEY_TERMS_KEPT:
            kept.pop(next(iter(kept)))
        record = {"generation": generation, "terms": kept}
        with contextlib.suppress(OSError):  # only a shortcut: without it, they are found again
            _write_json(self.directory / KEY_TERMS, record)

    def listing(self) -> Listing:
        """Every article id newest first, and each topic's: from ``lists.json`` when it was
        made from the catalog on disk now (and that is the catalog held, if one is), else from
        the catalog (and written for the next command). At 1,000,000 articles, reading the
        file costs a fraction of sorting the catalog again."""
        on_disk = list(self._catalog_stamp() or ())
        if self._catalog is None or list(self._stamp or ()) == on_disk:
            data = _read_json(self.directory / LISTS)
            if isinstance(data, dict) and data.get("catalog") == on_disk:
                listing = Listing.from_json(data)
                if listing is not None:
                    return listing
            return self._keep_listing(Listing.of(self.catalog))
        return Listing.of(self._catalog)

    def _spelling_with(self, words: Counter[str], *, fresh: bool = False) -> dict[str, list[Any]]:
        """The spelling table with these words counted in (from scratch when ``fresh``)."""
        data = None if fresh else _read_json(self.directory / SPELLING)
        table: dict[str, list[Any]] = data if isinstance(data, dict) else {}
        for word, count in words.items():
            key = stem_word(word)
            best = table.get(key)
            if best is None:
                table[key] = [word, count]
            elif best[0] == word:
                best[1] += count
            elif count > best[1]:
                table[key] = [word, count]
        return table
