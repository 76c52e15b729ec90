"""Feeds: fetch RSS/Atom feeds and their articles' pages into a managed corpus folder.

Polite and safe HTTP: one client with timeouts, at most ``PER_HOST`` requests at once to one
host, a size limit per response, at most ``MAX_REDIRECTS`` redirects, gzip, and conditional
requests (ETag / Last-Modified) so an unchanged feed costs one small request. An entry already
stored (by entry id or by URL) is never fetched again. Each article is written as
``NAME.html`` (the page) plus ``NAME.yaml`` (the feed's URL, entry id, title, date and, when the
page does not name its outlet, the feed's name), each through a temporary file and a rename,
so a killed fetch leaves no half-written article. A feed that fails never stops the others and
never removes anything stored.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import gzip
import hashlib
import http.client
import io
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.atomic import write_atomic
from tui.config import Feed
from tui.literal import one_line

TIMEOUT_S = 15.0
MAX_FEED_BYTES = 5_000_000
MAX_PAGE_BYTES = 5_000_000
MAX_REDIRECTS = 5
PER_HOST = 2
WORKERS = 8
USER_AGENT = "briefing/0.1 (+terminal news reader; feeds)"
STATE = "feeds-state.json"


class FetchError(Exception):
    """One request that failed; the message is one line for the summary."""


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    etag: str | None
    modified: str | None
    url: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


class Client:
    """One HTTP client for a whole fetch: timeouts, size limits, redirects, per-host caps."""

    def __init__(self, timeout: float = TIMEOUT_S, per_host: int = PER_HOST) -> None:
        self.timeout = timeout
        self.per_host = per_host
        self._opener = urllib.request.build_opener(_Redirects())
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self.requests = 0
        self.conditional = 0

    def _slot(self, url: str) -> threading.Semaphore:
        host = urllib.parse.urlsplit(url).hostname or ""
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(self.per_host))

    def get(
        self, url: str, limit: int, etag: str | None = None, modified: str | None = None
    ) -> Response:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"not a web address: {one_line(url)[:80]}")
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        request = urllib.request.Request(url, headers=headers)
        with self._slot(url):
            self.requests += 1
            self.conditional += bool(etag or modified)
            try:
                with self._opener.open(request, timeout=self.timeout) as answer:
                    raw = _read_limited(answer, limit)
                    encoding = (answer.headers.get("Content-Encoding") or "").lower()
                    body = _decompress(raw, encoding, limit)
                    return Response(
                        answer.status,
                        body,
                        (answer.headers.get("Content-Type") or "").split(";")[0].strip().lower(),
                        answer.headers.get("ETag"),
                        answer.headers.get("Last-Modified"),
                        answer.geturl(),
                    )
            except urllib.error.HTTPError as exc:
                if exc.code == 304:
                    return Response(304, b"", "", etag, modified, url)
                if exc.code in (301, 302, 303, 307, 308):
                    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
                raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, socket.timeout | TimeoutError):
                    raise FetchError(f"timed out after {self.timeout:g} s") from None
                raise FetchError(f"cannot connect ({reason})") from None
            except TimeoutError:
                raise FetchError(f"timed out after {self.timeout:g} s") from None
            except http.client.IncompleteRead:
                raise FetchError("the connection closed before the end of the answer") from None
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                raise FetchError(f"connection failed ({type(exc).__name__})") from None


def _read_limited(answer: Any, limit: int) -> bytes:
    length = answer.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise FetchError(f"answer larger than the limit ({int(length):,} > {limit:,} bytes)")
    data: bytes = answer.read(limit + 1)
    if len(data) > limit:
        raise FetchError(f"answer larger than the limit (> {limit:,} bytes)")
    if length and length.isdigit() and len(data) < int(length):
        raise FetchError("the connection closed before the end of the answer")
    return data


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


# --- state ------------------------------------------------------------------------------------


@dataclass
class FeedState:
    etag: str | None = None
    modified: str | None = None
    last_fetch: str | None = None
    last_error: str | None = None
    stored: int = 0


@dataclass
class State:
    feeds: dict[str, FeedState] = field(default_factory=dict)
    seen_ids: set[str] = field(default_factory=set)
    seen_urls: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> State:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        feeds = {
            url: FeedState(**{k: v for k, v in entry.items() if k in FeedState.__annotations__})
            for url, entry in (data.get("feeds") or {}).items()
            if isinstance(entry, dict)
        }
        return cls(feeds, set(data.get("seen_ids") or ()), set(data.get("seen_urls") or ()))

    def save(self, path: Path) -> None:
        data = {
            "feeds": {url: vars(s) for url, s in self.feeds.items()},
            "seen_ids": sorted(self.seen_ids),
            "seen_urls": sorted(self.seen_urls),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


# --- fetching ---------------------------------------------------------------------------------


@dataclass
class FeedReport:
    feed: Feed
    new: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # one line each: what and why
    error: str | None = None  # the feed itself failed

    def to_json(self) -> dict[str, Any]:
        return {
            "feed": self.feed.label,
            "url": self.feed.url,
            "new": self.new,
            "unchanged": self.unchanged,
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
    not a feed. Entries without a link are left out; relative links are made absolute."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        kind = content_type or "unknown content"
        raise FetchError(f"not a feed ({kind})")
    out: list[Entry] = []
    seen: set[str] = set()
    for item in parsed.entries:
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
        date = dt.date(*when[:3]) if when else None
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
        "url": page_url,
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


def fetch(
    feeds: list[Feed],
    folder: Path,
    state_path: Path,
    *,
    client: Client | None = None,
    progress: Progress | None = None,
) -> list[FeedReport]:
    """Fetch every feed, then each new entry's page, into ``folder`` (a sub-folder per
    topic). Returns one report per feed."""
    client = client or Client()
    state = State.load(state_path)
    lock = threading.Lock()
    reports = [FeedReport(f) for f in feeds]
    jobs: list[tuple[FeedReport, Entry]] = []

    def read_feed(report: FeedReport) -> None:
        feed = report.feed
        st = state.feeds.setdefault(feed.url, FeedState())
        st.last_fetch = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")  # each attempt
        try:
            answer = client.get(feed.url, MAX_FEED_BYTES, st.etag, st.modified)
            if answer.status == 304:
                st.last_error = None
                return
            entries = parse_feed(answer.body, answer.content_type, answer.url)
        except FetchError as exc:
            report.error = str(exc)
            st.last_error = str(exc)
            return
        st.etag, st.modified, st.last_error = answer.etag, answer.modified, None
        with lock:
            for entry in entries:
                if entry.id in state.seen_ids or entry.url in state.seen_urls:
                    report.unchanged += 1
                else:
                    jobs.append((report, entry))

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(read_feed, reports))
        total = len(jobs)
        done = 0

        def read_page(job: tuple[FeedReport, Entry]) -> None:
            nonlocal done
            report, entry = job
            feed = report.feed
            try:
                answer = client.get(entry.url, MAX_PAGE_BYTES)
                if answer.content_type and "html" not in answer.content_type:
                    raise FetchError(f"not a web page ({answer.content_type})")
                sub = folder / _slug(feed.topic or feed.label)
                _store(sub, entry, feed, answer.body, answer.url)
            except FetchError as exc:
                with lock:
                    report.failed.append(f"{one_line(entry.url)[:120]}: {exc}")
            except OSError as exc:
                with lock:
                    report.failed.append(f"{folder}: cannot write ({exc.strerror or exc})")
            else:
                with lock:
                    report.new += 1
                    state.seen_ids.add(entry.id)
                    state.seen_urls.add(entry.url)
                    state.feeds[feed.url].stored += 1
            finally:
                with lock:
                    done += 1
                    if progress:
                        progress(done, total, entry.url)

        list(pool.map(read_page, jobs))
    state.save(state_path)
    return reports


def status(feeds: list[Feed], state_path: Path) -> list[dict[str, Any]]:
    """Each feed with its last fetch, how many articles it stored, and its last error."""
    state = State.load(state_path)
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
