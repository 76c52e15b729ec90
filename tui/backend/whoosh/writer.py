"""Writing the Whoosh index: Whoosh's multi-process writer with children that die with their
parent, the pool that reads articles on every core, and the document each article becomes.

``ArticleIndex.update`` (tui.backend.whoosh.index) plans an update from the catalog and a scan;
this module does the writing. Nothing here decides what changed.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

from whoosh import index
from whoosh.multiproc import MpWriter, SubWriterTask

from tui.backend.whoosh.codec import Codec
from tui.backend.whoosh.posting_pool import use_our_pool
from tui.store.corpus import CorpusFile
from tui.text.literal import one_line

if TYPE_CHECKING:  # reading articles is imported when the index needs it, not for a search
    from tui.ingest.article import Article

PARALLEL_FROM = 300  # documents to add before the multi-process writer pays for itself
LOAD_PARALLEL_FROM = 64  # files to read before reading them on every core pays for itself
LIMIT_MB = 128  # Whoosh's writer buffer per process


def _die_with_parent(parent: int) -> None:
    """In a writer child: ask Linux to kill us when the parent dies (``PR_SET_PDEATHSIG``)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's lock is still released
        pass
    if os.getppid() != parent:  # the parent was already gone before prctl took effect
        os._exit(1)


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold Ctrl-C back while child processes are forked, and deliver it once they are.

    Blocking SIGINT in this thread is not enough: another thread (the pool's, Whoosh's) can
    take the signal, and Python then runs its handler in the main thread at the next line of
    Python, which may be an at-fork callback (logging's), where the KeyboardInterrupt is
    printed as "Exception ignored" and lost. So while forking the handler only notes the
    signal; it is raised again when the block ends. The block itself keeps a child from
    taking a Ctrl-C before it has set its own handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        signal.signal(signal.SIGINT, previous)
        if caught:
            signal.raise_signal(signal.SIGINT)


class WriterFailed(Exception):
    """A writer process could not finish its part (a full disk, an error): nothing of the
    update is committed."""


class ChildTask(SubWriterTask):
    """A Whoosh writer process that does not outlive ``briefing index`` (even after kill -9),
    with our pool of postings. When it fails it says why on ``errors`` in one line and ends
    with status 1, printing nothing (the parent then commits nothing)."""

    def __init__(self, *args: Any, errors: Any = None) -> None:
        super().__init__(*args)
        self.parent = os.getpid()
        self.errors = errors

    def _process_file(self, filename: str, doc_count: int) -> None:
        use_our_pool(self.writer)  # its writer is made in run(), before the first file
        super()._process_file(filename, doc_count)

    def run(self) -> None:
        _die_with_parent(self.parent)
        # Ctrl-C reaches the whole process group: the parent cancels the run and ends its
        # children, so a child must not print a KeyboardInterrupt traceback of its own.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked across the fork
        try:
            super().run()
        except BaseException as exc:  # no traceback on the terminal: one line to the parent
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            with contextlib.suppress(Exception):
                self.errors.put(one_line(f"{type(exc).__name__}: {reason}"))
            raise SystemExit(1) from None


@contextlib.contextmanager
def _shared_with_children() -> Iterator[None]:
    """Fork with the parent's objects out of the cyclic collector's reach (``gc.freeze``, made
    for this): each child's collections would otherwise write to the header of every object it
    inherited and so copy every page of the parent's heap, which at 1,000,000 articles (the
    scan's files and the catalog) is 0.5 GB a child, four children."""
    held = gc.get_freeze_count() > 0  # frozen by the caller (the app): left frozen
    gc.freeze()
    try:
        yield
    finally:
        if not held:
            gc.unfreeze()


class ParallelWriter(MpWriter):
    """Whoosh's multi-process writer, with children that die with their parent, and a commit
    that commits nothing unless every child finished its part (Whoosh's would commit without
    the part of a child that died, or wait for it for ever)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.errors = multiprocessing.get_context("fork").SimpleQueue()
        super().__init__(*args, **kwargs)

    def _new_task(self) -> ChildTask:
        task = ChildTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            errors=self.errors,
        )
        self.tasks.append(task)
        with _sigint_held(), _shared_with_children():  # Ctrl-C: it would print in the child
            task.start()
        return task

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        """Every child finishes its part first; one that failed stops the commit."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)  # "finish up" (Whoosh's commit sends it again: unread)
        for task in self.tasks:
            task.join()
        failed = [task for task in self.tasks if task.exitcode != 0]
        if failed:
            reasons = []
            while not self.errors.empty():
                reasons.append(self.errors.get())
            why = reasons[0] if reasons else f"a writer process ended with {failed[0].exitcode}"
            raise WriterFailed(why)
        super()._commit(mergetype, optimize, merge)


def open_writer(ix: index.Index, workers: int, count: int) -> Any:
    """Whoosh's writer for ``count`` documents: on ``workers`` processes when there are enough
    of them to pay for the forks, else the plain one."""
    if workers > 1 and count >= PARALLEL_FROM:
        return ParallelWriter(ix, procs=workers, multisegment=True, limitmb=LIMIT_MB, codec=Codec())
    writer = ix.writer(limitmb=LIMIT_MB, codec=Codec())
    use_our_pool(writer)
    return writer


def abandon(writer: Any, loaded: Generator[Any] | None) -> None:
    """After a failed or stopped write: end the reading processes and the writer's children,
    and cancel what the writer holds (nothing of it is committed)."""
    with contextlib.suppress(Exception):
        if loaded is not None:
            loaded.close()  # ends the reading processes at once
    # The writer's children first: Whoosh's cancel leaves them running, and a child still
    # reading a job file that the parent's cancel deletes prints a traceback.
    for task in getattr(writer, "tasks", []):
        with contextlib.suppress(Exception):
            task.terminate()
            task.join(2)
    with contextlib.suppress(Exception):
        if writer is not None:
            writer.cancel()
    # A Ctrl-C inside a queue's first put can come between starting its feeder thread and
    # registering what tells that thread to stop: the exit would then wait for it forever
    # (1 Ctrl-C in 40 early in an index). What is left in an abandoned writer's queues is
    # not wanted.
    for queue in (getattr(writer, "jobqueue", None), getattr(writer, "resultqueue", None)):
        if queue is not None:
            with contextlib.suppress(Exception):
                queue.cancel_join_thread()


def load_one(f: CorpusFile, max_bytes: int) -> Article | str:
    """One file read and cleaned, or the one-line reason it was skipped."""
    from tui.ingest.article import SkipFile, load_article, unreadable
    from tui.ingest.html import ReaderMissing

    try:
        return load_article(f.path, article_id=f.id, topics=f.topics, max_bytes=max_bytes)
    except ReaderMissing:
        raise  # not this file's fault: the whole command stops, saying what to install
    except (Exception, RecursionError) as exc:  # every per-file failure, named with its file
        return one_line(str(exc) if isinstance(exc, SkipFile) else unreadable(exc))


def _load_in_child(args: tuple[CorpusFile, int]) -> Article | str:
    return load_one(*args)


def _reader_child(parent: int) -> None:
    """A reading process: it dies with ``briefing index`` (it holds the parent's index lock
    through the fork) and leaves Ctrl-C to the parent."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked across the fork


def load_all(
    files: list[CorpusFile], max_bytes: int, workers: int
) -> Generator[tuple[CorpusFile, Article | str]]:
    """Each file's article (or skip reason), in order. Many files are read on every core:
    reading a web page (trafilatura) costs more than indexing it."""
    if workers <= 1 or len(files) < LOAD_PARALLEL_FROM:
        for f in files:
            yield f, load_one(f, max_bytes)
        return
    context = multiprocessing.get_context("fork")
    with _sigint_held(), _shared_with_children():  # Ctrl-C blocked until the children ignore it
        pool = context.Pool(workers, initializer=_reader_child, initargs=(os.getpid(),))
    try:
        results = pool.imap(_load_in_child, ((f, max_bytes) for f in files), chunksize=8)
        yield from zip(files, results, strict=True)
    except BaseException:  # Ctrl-C, a stop, or the caller gave up: end the readers now
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


def document(article: Article) -> dict[str, Any]:
    date = dt.datetime.combine(article.date, dt.time()) if article.date else None
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.text,
        "path": str(article.path),
        "topic": ",".join(article.topics),
    }
    if article.source:
        doc["source"] = article.source
    if article.byline:
        doc["byline"] = article.byline
    if date:
        doc["date"] = date
    return doc
