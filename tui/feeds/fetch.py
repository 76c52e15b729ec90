"""Feeds: fetch RSS/Atom feeds and their articles' pages into a managed corpus folder.

Polite and safe HTTP, and never a hang:
- every request has a deadline for the whole exchange (connect, headers, body, redirects;
  30 s unless config.yaml says otherwise): a server that sends one byte every two seconds is cut
  off at the deadline, not waited on for ever;
- feeds and pages are fetched at once, at most ``PER_HOST`` requests to one site at a time, and
  no worker ever waits for a busy site: one slow or dead server delays only itself;
- a size limit per answer, gzip, at most ``MAX_REDIRECTS`` redirects and only to ``http``/
  ``https`` (anything else is named and not followed), and conditional requests (ETag /
  Last-Modified) so an unchanged feed costs one small request;
- at most ``new_per_feed`` new entries of a feed per fetch (newest first; the rest next time)
  and ``requests_per_site`` requests to one site.

Each article is written as ``NAME.html`` (the page) plus ``NAME.yaml`` (the page's and the
feed's URL, the entry id, title, date and, when the page does not name its outlet, the feed's
name), each through a temporary file and a rename, so a killed fetch leaves no half-written
article. What was stored is remembered entry by entry, with the fetched folder (``.briefing-
fetch/`` in it, and the sidecars themselves when that is gone): an interrupted fetch goes on
where it stopped, an entry is fetched once, a page (by URL) is stored once, and another config
with another fetched folder has its own. A feed that fails is one line of its own and never
stops the others nor touches what was stored.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import functools
import gzip
import hashlib
import http.client
import io
import json
import re
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.store.atomic import write_atomic
from tui.store.config import Feed, FetchLimits
from tui.text.literal import one_line, short

MAX_FEED_BYTES = 5_000_000
MAX_PAGE_BYTES = 5_000_000
MAX_REDIRECTS = 5
PER_HOST = 2
WORKERS = 8
CHUNK = 64 * 1024
USER_AGENT = "briefing/0.1 (+terminal news reader; feeds)"
STATE_DIR = ".briefing-fetch"  # hidden: the corpus scan passes over it
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """One request that failed; the message is one line for the summary."""


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    etag: str | None
    modified: str | None
    url: str  # where the answer came from, after redirects


class Client:
    """One HTTP client for a whole fetch: a deadline per request, size limits, redirects.

    ``deadline`` bounds each request from the first byte sent to the last byte read (every
    redirect included): a watchdog shuts the connection at that moment, whatever the server
    is doing. ``abort()`` cuts every open connection at once (Ctrl-C)."""

    def __init__(self, deadline: float = FetchLimits().timeout, per_host: int = PER_HOST) -> None:
        self.deadline = deadline
        self.per_host = per_host
        self._open: dict[int, list[socket.socket]] = {}  # each request's sockets, by id
        self._lock = threading.Lock()
        self._aborted = False
        self.requests = 0
        self.conditional = 0

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            for sockets in self._open.values():
                _cut(sockets)

    def get(
        self, url: str, limit: int, etag: str | None = None, modified: str | None = None
    ) -> Response:
        if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
            raise FetchError(f"not a web address: {short(url, 80)}")
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        with self._lock:
            self.requests += 1
            self.conditional += bool(etag or modified)
        deadline = time.monotonic() + self.deadline
        for _hop in range(MAX_REDIRECTS + 1):
            status, reason, answer, body = self._exchange(url, headers, deadline, limit)
            if status in _REDIRECTS:
                location = answer.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                target = urllib.parse.urljoin(url, location.strip())
                scheme = urllib.parse.urlsplit(target).scheme.lower()
                if scheme not in ("http", "https"):
                    raise FetchError(
                        f"redirected to a {scheme or 'non-web'} address, not followed: "
                        f"{short(target, 80)}"
                    )
                url = target
                continue
            if status == 304:
                return Response(304, b"", "", etag, modified, url)
            if status >= 400:
                raise FetchError(f"HTTP {status} {one_line(reason)}")
            encoding = (answer.get("Content-Encoding") or "").lower()
            return Response(
                status,
                _decompress(body, encoding, limit),
                (answer.get("Content-Type") or "").split(";")[0].strip().lower(),
                answer.get("ETag"),
                answer.get("Last-Modified"),
                url,
            )
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")

    def _exchange(
        self, url: str, headers: dict[str, str], deadline: float, limit: int
    ) -> tuple[int, str, http.client.HTTPMessage, bytes]:
        """One request and its whole answer, before ``deadline`` or not at all."""
        parts = urllib.parse.urlsplit(url)
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self._aborted:
            raise FetchError(self._late())
        try:
            if parts.scheme.lower() == "https":
                conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                    parts.hostname or "", parts.port, timeout=remaining,
                    context=ssl.create_default_context(),
                )  # fmt: skip
            else:
                conn = http.client.HTTPConnection(
                    parts.hostname or "", parts.port, timeout=remaining
                )
        except (ValueError, http.client.InvalidURL) as exc:
            raise FetchError(f"not a usable web address ({exc})") from None
        sockets: list[socket.socket] = []  # the connection's, once made: what the watchdog cuts
        watchdog = threading.Timer(remaining, _cut, (sockets,))
        watchdog.daemon = True
        with self._lock:
            self._open[id(sockets)] = sockets
        watchdog.start()
        try:
            conn.connect()  # within the connection's timeout (what is left of the deadline)
            if conn.sock is not None:
                sockets.append(conn.sock)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("GET", target, headers=headers)
            answer = conn.getresponse()
            if answer.status in _REDIRECTS or answer.status == 304 or answer.status >= 400:
                return answer.status, answer.reason, answer.headers, b""
            return answer.status, answer.reason, answer.headers, _read(answer, limit, deadline)
        except FetchError:
            raise
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline - 0.05 or self._aborted:
                raise FetchError(self._late()) from None
            raise FetchError(_why(exc)) from None
        finally:
            watchdog.cancel()
            with self._lock:
                del self._open[id(sockets)]
            conn.close()

    def _late(self) -> str:
        if self._aborted:
            return "stopped"
        return f"timed out after {self.deadline:g} s (no whole answer by then)"


def _cut(sockets: list[socket.socket]) -> None:
    """Shut a connection from another thread: a read blocked on it returns at once. (The
    socket is kept apart: http.client lets go of it once an answer that ends with the
    connection has begun, and a read of that answer still blocks on it.)"""
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _why(exc: BaseException) -> str:
    if isinstance(exc, http.client.IncompleteRead):
        return "the connection closed before the end of the answer"
    if isinstance(exc, ConnectionRefusedError):
        return "cannot connect (connection refused)"
    if isinstance(exc, socket.gaierror):
        return "cannot connect (no such host)"
    if isinstance(exc, ssl.SSLError):
        return f"secure connection failed ({exc.reason or type(exc).__name__})"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(exc, http.client.HTTPException):
        return f"not a valid HTTP answer ({type(exc).__name__})"
    return f"connection failed ({type(exc).__name__})"


def _read(answer: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
    """The body, in chunks, within ``limit`` bytes and before ``deadline``."""
    length = answer.headers.get("Content-Length")
    declared = int(length) if length and length.isdigit() else None
    if declared is not None and declared > limit:
        raise FetchError(f"answer larger than the limit ({declared:,} > {limit:,} bytes)")
    data = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = answer.read(CHUNK)
        if not chunk:
            break
        data += chunk
        if len(data) > limit:
            raise FetchError(f"answer larger than the limit (> {limit:,} bytes)")
    if declared is not None and len(data) < declared:
        raise FetchError("the connection closed before the end of the answer")
    return bytes(data)


def _decompress(raw: bytes, encoding: str, limit: int) -> bytes:
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return raw
    try:
        if encoding == "deflate":
            out = zlib.decompressobj().decompress(raw, limit + 1)
        else:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
                out = handle.read(limit + 1)
    except (OSError, zlib.error, EOFError):
        raise FetchError("the compressed answer is damaged") from None
    if len(out) > limit:
        raise FetchError(f"answer larger than the limit once unpacked (> {limit:,} bytes)")
    return out


# --- state: kept with the fetched folder ------------------------------------------------------


@dataclass
class FeedState:
    etag: str | None = None
    modified: str | None = None
    last_fetch: str | None = None
    last_error: str | None = None
    stored: int = 0


@dataclass
class State:
    """What a fetched folder has: each feed's conditional headers and last result, and the
    entries and pages stored. ``state.json`` is written at the end of a fetch; each stored
    entry is also appended to ``stored.log`` as it is stored, so an interrupted fetch loses
    nothing. With neither (a folder fetched into before, or the state removed), what is stored
    is read back from the pages' sidecars."""

    folder: Path
    feeds: dict[str, FeedState] = field(default_factory=dict)
    seen_ids: set[str] = field(default_factory=set)
    seen_urls: set[str] = field(default_factory=set)
    _log_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def _dir(self) -> Path:
        return self.folder / STATE_DIR

    @classmethod
    def load(cls, folder: Path) -> State:
        state = cls(folder)
        data = _read_json(state._dir / "state.json")
        if isinstance(data, dict):
            state.feeds = {
                url: FeedState(**{k: v for k, v in entry.items() if k in FeedState.__annotations__})
                for url, entry in (data.get("feeds") or {}).items()
                if isinstance(entry, dict)
            }
            state.seen_ids = {str(x) for x in data.get("seen_ids") or ()}
            state.seen_urls = {str(x) for x in data.get("seen_urls") or ()}
        else:
            state._from_sidecars()
        try:
            log = (state._dir / "stored.log").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            log = ""
        for line in log.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a line cut short by a kill
            if isinstance(item, dict):
                state._remember(item.get("id"), item.get("urls") or (), item.get("feed"))
        return state

    def _remember(self, entry_id: object, urls: Any, feed: object) -> None:
        if isinstance(entry_id, str):
            self.seen_ids.add(entry_id)
        self.seen_urls.update(u for u in urls if isinstance(u, str))
        if isinstance(feed, str):
            self.feeds.setdefault(feed, FeedState()).stored += 1

    def _from_sidecars(self) -> None:
        """Rebuild what is stored from the sidecars fetch wrote beside each page."""
        for side in self.folder.rglob("*.yaml") if self.folder.is_dir() else ():
            if STATE_DIR in side.parts or not side.with_suffix(".html").is_file():
                continue  # a sidecar whose page was never written (a kill between the two)
            values: dict[str, Any] = {}
            try:
                for line in side.read_text(encoding="utf-8").splitlines():
                    key, sep, value = line.partition(": ")
                    if sep and key in ("url", "page_url", "feed", "entry_id"):
                        values[key] = json.loads(value)
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            if "entry_id" in values:
                urls = [values.get("url"), values.get("page_url")]
                self._remember(values["entry_id"], urls, values.get("feed"))

    def stored(self, entry_id: str, urls: list[str], feed: str) -> None:
        """One entry stored: remembered now, on disk (one appended line), for good."""
        line = json.dumps({"id": entry_id, "urls": urls, "feed": feed}, ensure_ascii=False)
        with self._log_lock:
            self._remember(entry_id, urls, feed)
            self._dir.mkdir(parents=True, exist_ok=True)
            with (self._dir / "stored.log").open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")

    def save(self) -> None:
        data = {
            "feeds": {url: vars(s) for url, s in self.feeds.items()},
            "seen_ids": sorted(self.seen_ids),
            "seen_urls": sorted(self.seen_urls),
        }
        self._dir.mkdir(parents=True, exist_ok=True)
        write_atomic(
            self._dir / "state.json", json.dumps(data, ensure_ascii=False, indent=1).encode()
        )
        (self._dir / "stored.log").unlink(missing_ok=True)  # all of it is in state.json now


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- fetching ---------------------------------------------------------------------------------


@dataclass
class FeedReport:
    feed: Feed
    new: int = 0
    unchanged: int = 0
    later: int = 0  # new entries left for the next fetch (the caps)
    failed: list[str] = field(default_factory=list)  # one line each: what and why
    error: str | None = None  # the feed itself failed

    def to_json(self) -> dict[str, Any]:
        return {
            "feed": self.feed.label,
            "url": self.feed.url,
            "new": self.new,
            "unchanged": self.unchanged,
            "later": self.later,
            "failed": self.failed,
            "error": self.error,
        }


@dataclass
class Entry:
    id: str
    url: str
    title: str | None
    date: dt.date | None


Progress = Callable[[int, int, str], object]  # what it returns is not used


def parse_feed(body: bytes, content_type: str, base: str) -> list[Entry]:
    """The entries of an RSS 2.0, RSS 1.0 or Atom feed; raises ``FetchError`` for what is
    not a feed (an empty answer too). Entries without a link are left out; relative links are
    made absolute."""
    import feedparser

    if not body.strip():
        raise FetchError("empty answer: no feed")
    try:
        parsed = feedparser.parse(body, response_headers={"content-location": base})
    except Exception as exc:  # feedparser is lenient, but a parser can still fail
        raise FetchError(f"not a feed ({type(exc).__name__})") from None
    if not parsed.get("entries") and (parsed.get("bozo") or not parsed.get("version")):
        kind = content_type or "unknown content"
        raise FetchError(f"not a feed ({kind})")
    out: list[Entry] = []
    seen: set[str] = set()
    for item in parsed.get("entries", []):
        link = item.get("link") or next(
            (x.get("href") for x in item.get("links", []) if x.get("href")), None
        )
        if not link:
            continue
        url = urllib.parse.urljoin(base, link.strip())
        entry_id = (item.get("id") or item.get("guid") or url).strip()
        if entry_id in seen:
            continue  # the same entry twice in one feed
        seen.add(entry_id)
        when = item.get("published_parsed") or item.get("updated_parsed")
        try:
            date = dt.date(*when[:3]) if when else None
        except (TypeError, ValueError):
            date = None
        title = _plain(item.get("title") or "") or None
        out.append(Entry(entry_id, url, title, date))
    return out


def _plain(html_text: str) -> str:
    """A feed title with its HTML removed (feeds put markup in titles)."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60].strip("-") or "article"


def feed_folder(feed: Feed, fetched_dir: Path) -> Path:
    """Where a feed's articles are stored (feeds of one topic share their topic's folder)."""
    return fetched_dir / _slug(feed.topic or feed.label)


def _store(folder: Path, entry: Entry, feed: Feed, page: bytes, page_url: str) -> Path:
    """Write the page and its sidecar, each atomically; the page last, so the article only
    appears once both are whole."""
    from tui.ingest.html import read_page

    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(entry.id.encode("utf-8")).hexdigest()[:10]
    stem = f"{(entry.date or dt.date.today()).isoformat()}-{_slug(entry.title or entry.url)}"
    path = folder / f"{stem}-{digest}.html"
    try:
        outlet = read_page(page).source
    except Exception:  # any page is stored; it is read (and judged) when indexed
        outlet = None
    meta = {
        "url": entry.url,
        "page_url": page_url if page_url != entry.url else None,
        "feed": feed.url,
        "entry_id": entry.id,
        "title": entry.title,
        "date": entry.date.isoformat() if entry.date else None,
        "source": None if outlet else feed.name,
    }
    lines = ["# Written by briefing fetch: where this page came from."]
    lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v]
    write_atomic(path.with_suffix(".yaml"), ("\n".join(lines) + "\n").encode("utf-8"))
    write_atomic(path, page)
    return path


class _Sites:
    """Jobs run on a pool of threads, at most ``per_host`` at a time for one site, and a job
    for a busy site waits in that site's queue, never in a thread: one slow site delays only
    itself. ``wait`` returns once every job (and every job they added) has run."""

    def __init__(self, pool: concurrent.futures.ThreadPoolExecutor, per_host: int) -> None:
        self.pool, self.per_host = pool, per_host
        self.queues: dict[str, deque[Callable[[], None]]] = {}
        self.active: Counter[str] = Counter()
        self.pending = 0
        self.cond = threading.Condition()
        self.stopped = False

    def submit(self, url: str, job: Callable[[], None]) -> None:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        with self.cond:
            if self.stopped:
                return
            self.pending += 1
            if self.active[host] < self.per_host:
                self.active[host] += 1
                self.pool.submit(self._run, host, job)
            else:
                self.queues.setdefault(host, deque()).append(job)

    def _run(self, host: str, job: Callable[[], None]) -> None:
        try:
            if not self.stopped:
                job()
        finally:
            with self.cond:
                self.pending -= 1
                queue = self.queues.get(host)
                if queue and not self.stopped:
                    self.pool.submit(self._run, host, queue.popleft())
                else:
                    self.active[host] -= 1
                self.cond.notify_all()

    def wait(self) -> None:
        with self.cond:
            while self.pending:
                self.cond.wait(0.2)  # a timeout, so that Ctrl-C reaches the main thread

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            for queue in self.queues.values():
                self.pending -= len(queue)
                queue.clear()
            self.cond.notify_all()


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Dated entries newest first, then the undated in the feed's order (feeds list their
    newest first)."""
    dated = sorted((e for e in entries if e.date), key=lambda e: e.date or dt.date.min)
    return list(reversed(dated)) + [e for e in entries if not e.date]


def fetch(
    feeds: list[Feed],
    folder: Path,
    *,
    client: Client | None = None,
    limits: FetchLimits | None = None,
    progress: Progress | None = None,
) -> list[FeedReport]:
    """Fetch every feed and each new entry's page into ``folder`` (a sub-folder per topic),
    feeds and pages at once within the per-site limit. Returns one report per feed. Stopped
    (KeyboardInterrupt), what was stored so far is kept and remembered."""
    limits = limits or FetchLimits()
    client = client or Client(limits.timeout)
    state = State.load(folder)
    lock = threading.Lock()
    reports = [FeedReport(f) for f in feeds]
    asked: Counter[str] = Counter()  # requests per site in this fetch
    claimed: set[str] = set()  # entry URLs taken by a feed in this fetch
    counts = {"done": 0, "total": 0}

    def tell(message: str) -> None:
        if progress:
            progress(counts["done"], counts["total"], message)

    def may_ask(url: str, always: bool = False) -> bool:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        with lock:
            if asked[host] >= limits.requests_per_site and not always:
                return False
            asked[host] += 1
            return True

    pool = concurrent.futures.ThreadPoolExecutor(WORKERS)
    sites = _Sites(pool, client.per_host)

    def read_page(report: FeedReport, entry: Entry) -> None:
        feed = report.feed
        try:
            answer = client.get(entry.url, MAX_PAGE_BYTES)
            if answer.content_type and "html" not in answer.content_type:
                raise FetchError(f"not a web page ({answer.content_type})")
            with lock:  # the same page reached by another entry meanwhile
                twice = answer.url != entry.url and answer.url in state.seen_urls
            if not twice:
                _store(feed_folder(feed, folder), entry, feed, answer.body,
                       answer.url)  # fmt: skip
            state.stored(entry.id, [entry.url, answer.url], feed.url)
        except FetchError as exc:
            with lock:
                report.failed.append(f"{short(entry.url, 120)}: {exc}")
        except OSError as exc:
            with lock:
                report.failed.append(f"{folder}: cannot write ({exc.strerror or exc})")
        else:
            with lock:
                report.unchanged += twice
                report.new += not twice
        finally:
            with lock:
                counts["done"] += 1
            tell(entry.title or entry.url)

    def read_feed(report: FeedReport) -> None:
        feed = report.feed
        st = state.feeds.setdefault(feed.url, FeedState())
        st.last_fetch = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")  # each attempt
        try:
            may_ask(feed.url, always=True)  # a feed is always asked; it counts for its site
            answer = client.get(feed.url, MAX_FEED_BYTES, st.etag, st.modified)
            entries = [] if answer.status == 304 else parse_feed(
                answer.body, answer.content_type, answer.url
            )  # fmt: skip
        except FetchError as exc:
            report.error = st.last_error = str(exc)
            return
        finally:
            with lock:
                counts["done"] += 1
            tell(feed.label)
        if answer.status != 304:
            st.etag, st.modified = answer.etag, answer.modified
        st.last_error = None
        fresh: list[Entry] = []
        with lock:
            for entry in entries:
                if entry.id in state.seen_ids or entry.url in state.seen_urls:
                    report.unchanged += 1
                elif entry.url not in claimed:  # one page per URL, whichever entry has it
                    claimed.add(entry.url)
                    fresh.append(entry)
        fresh = _newest_first(fresh)
        report.later += max(0, len(fresh) - limits.new_per_feed)
        for entry in fresh[: limits.new_per_feed]:
            if not may_ask(entry.url):
                with lock:
                    report.later += 1
                continue
            with lock:
                counts["total"] += 1
            sites.submit(entry.url, functools.partial(read_page, report, entry))

    counts["total"] = len(reports)
    try:
        for report in reports:
            sites.submit(report.feed.url, functools.partial(read_feed, report))
        sites.wait()
    except BaseException:  # Ctrl-C: cut every connection, keep what was stored
        sites.stop()
        client.abort()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        state.save()
    return reports


def status(feeds: list[Feed], folder: Path) -> list[dict[str, Any]]:
    """Each feed with its last fetch, how many articles it stored, and its last error."""
    state = State.load(folder)
    out = []
    for feed in feeds:
        st = state.feeds.get(feed.url, FeedState())
        out.append(
            {
                "feed": feed.label,
                "url": feed.url,
                "topic": feed.topic,
                "last_fetch": st.last_fetch,
                "stored": st.stored,
                "last_error": st.last_error,
            }
        )
    return out
