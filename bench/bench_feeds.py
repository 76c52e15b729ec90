"""Feeds: a first fetch of 20 feeds × 50 entries served on 127.0.0.1, then a second with
nothing new (target: ≤ 1 s, conditional requests only). Prints one JSON object.

Usage: python bench/bench_feeds.py [FEEDS] [ENTRIES]
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tui.feeds.fetch import Client, Feed, fetch
from tui.store.config import FetchLimits

FEEDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
ENTRIES = int(sys.argv[2]) if len(sys.argv) > 2 else 50
# Every feed is on one site here: its request cap lifted, or most pages wait for the next fetch.
LIMITS = FetchLimits(requests_per_site=100_000)
PARAGRAPH = "The council met on Tuesday to discuss the harbour, the bridge and the tram. " * 6


class Handler(BaseHTTPRequestHandler):
    requests = 0

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.requests += 1
        parts = self.path.strip("/").split("/")
        if parts[0] == "feed":
            etag = f'"feed-{parts[1]}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            items = "".join(
                f"<item><title>Story {parts[1]}-{n}</title><link>/page/{parts[1]}/{n}</link>"
                f"<guid isPermaLink='false'>{parts[1]}-{n}</guid></item>"
                for n in range(ENTRIES)
            )
            body = f"<rss version='2.0'><channel><title>F{parts[1]}</title>{items}</channel></rss>"
            self._send(body.encode(), "application/rss+xml", etag)
        else:
            body = (
                f"<html><head><title>Story {parts[1]}-{parts[2]}</title></head><body><article>"
                f"<h1>Story {parts[1]}-{parts[2]}</h1>" + f"<p>{PARAGRAPH}</p>" * 5 + "</article>"
                "</body></html>"
            )
            self._send(body.encode(), "text/html", None)

    def _send(self, body: bytes, kind: str, etag: str | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    feeds = [Feed(f"{base}/feed/{k}", f"Feed {k}", f"topic{k % 5}") for k in range(FEEDS)]
    figures: dict[str, object] = {"feeds": FEEDS, "entries_per_feed": ENTRIES}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fetched"
        for run in ("first", "second"):
            Handler.requests = 0
            client = Client()
            t0 = time.perf_counter()
            reports = fetch(feeds, folder, client=client, limits=LIMITS)
            figures[f"{run}_fetch_s"] = round(time.perf_counter() - t0, 3)
            figures[f"{run}_new"] = sum(r.new for r in reports)
            figures[f"{run}_failed"] = sum(len(r.failed) + bool(r.error) for r in reports)
            figures[f"{run}_failures"] = sorted(
                {line.split(": ", 1)[-1] for r in reports for line in r.failed}
                | {r.error for r in reports if r.error}
            )
            figures[f"{run}_requests"] = Handler.requests
            figures[f"{run}_conditional_requests"] = client.conditional
    httpd.shutdown()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
