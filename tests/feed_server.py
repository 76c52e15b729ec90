"""A feed server for the tests, on 127.0.0.1: routes of pages and feeds, with the faults
real servers have (slow, cut short, redirected, trickling a byte at a time). The ``server``
fixture (conftest.py) starts one per test."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import cast


def page(title: str, body: str, site: str | None = "Harbour Gazette") -> bytes:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    paragraphs = "".join(
        f"<p>{body} Sentence number {n} adds more words here.</p>" for n in range(4)
    )
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


RSS2 = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>
<item><title>Bridge &lt;b&gt;closes&lt;/b&gt; for repairs</title><link>/a/bridge</link>
<guid isPermaLink="false">bridge-1</guid><pubDate>Tue, 03 Mar 2020 09:15:00 GMT</pubDate></item>
<item><title>Bridge &lt;b&gt;closes&lt;/b&gt; for repairs</title><link>/a/bridge</link>
<guid isPermaLink="false">bridge-1</guid></item>
<item><title>No link here</title><guid isPermaLink="false">nolink</guid></item>
<item><title>Ferry timetable</title><link>/a/ferry</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Tram news</title><id>urn:tram</id><updated>2020-03-04T10:00:00Z</updated>
<entry><title>Tram line opens</title><link href="http://HOST/a/tram"/><id>urn:tram:1</id>
<updated>2020-03-04T10:00:00Z</updated></entry></feed>"""
RSS1 = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://HOST/rss1"><title>Old</title>
<link>http://HOST/</link><description>d</description></channel>
<item rdf:about="http://HOST/a/old"><title>An old-style item</title><link>http://HOST/a/old</link></item>
</rdf:RDF>"""


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, dict] = {}
    hits: list[tuple[str, dict[str, str]]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    active = 0
    most = 0
    lock = threading.Lock()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        Handler.hits.append((self.path, dict(self.headers)))
        route = Handler.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        kind = route.get("kind")
        if kind == "slow":
            # Requests in flight at once, counted while the answer is held back: a request
            # counts from its arrival until its answer starts (after that the client may already
            # have sent its next one while this thread is still finishing).
            with Handler.lock:
                Handler.active += 1
                Handler.most = max(Handler.most, Handler.active)
            time.sleep(route.get("sleep", 2))
            with Handler.lock:
                Handler.active -= 1
        if kind == "trickle":  # whole headers, then the body a byte at a time, for ever
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for byte in route["body"] * 1000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.get("every", 0.2))
            except OSError:
                pass
            return
        if kind == "trickle-headers":  # one header line at a time, for ever
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for n in range(100_000):
                    self.wfile.write(f"X-Slow-{n}: x\r\n".encode())
                    self.wfile.flush()
                    time.sleep(route.get("every", 0.2))
            except OSError:
                pass
            return
        if kind == "redirect":
            self.send_response(302)
            self.send_header("Location", route["to"])
            self.end_headers()
            return
        if kind == "error":
            self.send_error(route["status"])
            return
        etag = route.get("etag")
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        body = route["body"].replace(
            b"HOST", f"127.0.0.1:{cast(ThreadingHTTPServer, self.server).server_port}".encode()
        )
        if kind == "gzip":
            body = gzip.compress(body)
        self.send_response(200)
        self.send_header("Content-Type", route.get("type", "text/html"))
        if kind == "gzip":
            self.send_header("Content-Encoding", "gzip")
        if etag:
            self.send_header("ETag", etag)
        if kind == "cut":
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body[:20])
            self.wfile.flush()
            self.connection.close()
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(path: str, body: str | bytes = b"", **route: object) -> None:
    data = body.encode() if isinstance(body, str) else body
    Handler.routes[path] = {"body": data, **route}


def good_site() -> None:
    serve("/rss2", RSS2, type="application/rss+xml", etag='"v1"')
    serve("/atom", ATOM, type="application/atom+xml", kind="gzip")
    serve("/rss1", RSS1, type="application/rdf+xml")
    serve("/a/bridge", page("Council closes bridge", "The council voted to close it."))
    serve("/a/ferry", page("Ferry timetable changes", "The ferry runs hourly now.", site=None))
    serve("/a/tram", page("Tram line opens", "The new tram line opened today."))
    serve("/a/old", page("An old-style item", "Some old news about the port."))


@contextmanager
def running() -> Iterator[str]:
    """A server on 127.0.0.1 with no routes yet; its base URL."""
    Handler.routes, Handler.hits, Handler.active, Handler.most = {}, [], 0, 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True  # a handler still trickling never holds the test up
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
