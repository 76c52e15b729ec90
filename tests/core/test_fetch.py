"""A fetch never hangs, never half-works and never forgets: a deadline for each whole request,
one slow site delaying only itself, empty answers as one line, progress kept entry by entry,
caps per feed and per site, one page per URL, state kept with the fetched folder, and only web
redirects followed. Every server is started by the test on 127.0.0.1 (or "localhost", which
counts as another site)."""

from __future__ import annotations

import _thread
import json
import time
from pathlib import Path

import pytest

from tests.conftest import write
from tests.feed_server import Handler, good_site, page, serve
from tui.feeds.fetch import Client, Feed, fetch, status
from tui.store.config import FetchLimits


def other_site(url: str) -> str:
    """The same test server under another name: another site to the per-site limits."""
    return url.replace("127.0.0.1", "localhost")


def rss(items: list[tuple[str, str]], dates: bool = False) -> str:
    """An RSS feed of (entry id, link) items, the first newest."""
    body = ""
    for n, (guid, link) in enumerate(items):
        day = time.strftime("%a, %d %b %Y 09:00:00 GMT", time.gmtime(2e9 - n * 86400))
        when = f"<pubDate>{day}</pubDate>" if dates else ""
        body += (
            f"<item><title>Item {guid}</title><link>{link}</link>"
            f"<guid isPermaLink='false'>{guid}</guid>{when}</item>"
        )
    return f"<rss version='2.0'><channel><title>Feed</title>{body}</channel></rss>"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["trickle", "trickle-headers"])
def test_a_server_that_trickles_is_cut_off_at_the_deadline_and_others_go_on(
    server: str, tmp_path: Path, kind: str
) -> None:
    good_site()
    serve("/slow", b"<rss version='2.0'><channel>" * 50, kind=kind, every=0.2)
    feeds = [Feed(f"{server}/slow", "Slow"), Feed(other_site(f"{server}/atom"), "Tram News")]
    start = time.monotonic()
    reports = fetch(feeds, tmp_path / "f", client=Client(1.5))
    took = time.monotonic() - start
    assert reports[0].error is not None and "timed out after 1.5 s" in reports[0].error
    assert (reports[1].new, reports[1].error) == (1, None)  # the good feed was not starved
    assert took < 30  # it ends (the old client read for ever: each byte reset its timeout)


@pytest.mark.slow
def test_one_slow_site_delays_only_itself(server: str, tmp_path: Path) -> None:
    """Ten slow pages on one site and a feed on another: the other feed is stored while the
    slow site is still at work (it never waits for a thread held by the slow site)."""
    good_site()
    items = [(f"s{n}", f"/slowpage/{n}") for n in range(10)]
    serve("/slowfeed", rss(items))
    for n in range(10):
        serve(f"/slowpage/{n}", page(f"S{n}", "Slow story."), kind="slow", sleep=0.6)
    quick = other_site(server)  # another site: its feed and its page
    serve("/quick", rss([("q1", f"{quick}/quickpage")]))
    serve("/quickpage", page("Quick", "A quick story."))
    order: list[str] = []
    feeds = [Feed(f"{server}/slowfeed", "Slow"), Feed(f"{quick}/quick", "Quick")]
    reports = fetch(
        feeds, tmp_path / "f", client=Client(10), progress=lambda d, t, m: order.append(m)
    )
    assert [r.new for r in reports] == [10, 1]
    # The other site's page is stored before the slow site is done (whatever the order the
    # feeds came in): it never waited behind the slow site's queue.
    assert order.index("Item q1") < order.index("Item s9")


def test_an_empty_feed_body_is_one_line_and_the_rest_is_stored(server: str, tmp_path: Path) -> None:
    good_site()
    serve("/empty", b"", type="application/rss+xml")
    feeds = [Feed(f"{server}/empty", "Empty"), Feed(f"{server}/atom", "Tram News")]
    reports = fetch(feeds, tmp_path / "f", client=Client(5))
    assert reports[0].error == "empty answer: no feed"
    assert reports[1].new == 1
    rows = status(feeds, tmp_path / "f")
    assert rows[0]["last_error"] == "empty answer: no feed" and rows[1]["stored"] == 1


def test_an_interrupted_fetch_goes_on_where_it_stopped(
    server: str, tmp_path: Path, ctrl_c: None
) -> None:
    items = [(f"i{n}", f"/ip/{n}") for n in range(12)]
    serve("/twelve", rss(items))
    for n in range(12):
        serve(f"/ip/{n}", page(f"I{n}", f"Story {n}."))
    feeds = [Feed(f"{server}/twelve", "Twelve")]
    stored = 0

    def interrupt(done: int, total: int, message: str) -> None:
        """Ctrl-C, as the terminal sends it to the main thread, once four pages are in."""
        nonlocal stored
        if message.startswith("Item"):
            stored += 1
            if stored == 4:
                _thread.interrupt_main()

    with pytest.raises(KeyboardInterrupt):
        fetch(feeds, tmp_path / "f", client=Client(5), progress=interrupt)
    kept = len(list((tmp_path / "f").rglob("*.html")))
    assert kept >= 4
    Handler.hits.clear()
    report = fetch(feeds, tmp_path / "f", client=Client(5))[0]
    pages = [path for path, _ in Handler.hits if path.startswith("/ip/")]
    assert len(pages) == 12 - kept and report.new == 12 - kept  # nothing fetched twice
    assert len(list((tmp_path / "f").rglob("*.html"))) == 12


def test_a_big_feed_is_taken_newest_first_a_few_at_a_time(server: str, tmp_path: Path) -> None:
    items = [(f"b{n}", f"/bp/{n}") for n in range(30)]
    serve("/big", rss(items, dates=True))
    for n in range(30):
        serve(f"/bp/{n}", page(f"B{n}", f"Story {n}."))
    feeds = [Feed(f"{server}/big", "Big")]
    limits = FetchLimits(timeout=5, new_per_feed=8)
    report = fetch(feeds, tmp_path / "f", client=Client(5), limits=limits)[0]
    assert (report.new, report.later) == (8, 22)
    first = {json.loads(line.split(": ", 1)[1]) for p in (tmp_path / "f").rglob("*.yaml")
             for line in p.read_text().splitlines() if line.startswith("entry_id")}  # fmt: skip
    assert first == {f"b{n}" for n in range(8)}  # the newest
    report = fetch(feeds, tmp_path / "f", client=Client(5), limits=limits)[0]
    assert (report.new, report.unchanged, report.later) == (8, 8, 14)


def test_requests_to_one_site_are_capped_per_fetch(server: str, tmp_path: Path) -> None:
    items = [(f"c{n}", f"/cp/{n}") for n in range(10)]
    serve("/capped", rss(items))
    for n in range(10):
        serve(f"/cp/{n}", page(f"C{n}", f"Story {n}."))
    limits = FetchLimits(timeout=5, requests_per_site=4)  # the feed and three pages
    Handler.hits.clear()
    report = fetch([Feed(f"{server}/capped", "C")], tmp_path / "f", limits=limits)[0]
    assert (report.new, report.later) == (3, 7) and len(Handler.hits) == 4


def test_one_page_under_two_entry_ids_is_stored_once(server: str, tmp_path: Path) -> None:
    serve("/dup", rss([("one", "/same"), ("two", "/same"), ("three", "/other")]))
    serve("/same", page("Same", "The same page."))
    serve("/other", page("Other", "Another page."))
    report = fetch([Feed(f"{server}/dup", "Dup")], tmp_path / "f", client=Client(5))[0]
    assert report.new == 2 and len(list((tmp_path / "f").rglob("*.html"))) == 2
    serve("/redir", kind="redirect", to="/same")  # reached again through a redirect
    serve("/dup2", rss([("four", "/redir")]))
    report = fetch([Feed(f"{server}/dup2", "Dup")], tmp_path / "f", client=Client(5))[0]
    assert (report.new, report.unchanged) == (0, 1)
    assert len(list((tmp_path / "f").rglob("*.html"))) == 2


def test_each_fetched_folder_keeps_its_own_state(server: str, tmp_path: Path) -> None:
    good_site()
    feeds = [Feed(f"{server}/atom", "Tram News")]
    assert fetch(feeds, tmp_path / "one", client=Client(5))[0].new == 1
    assert fetch(feeds, tmp_path / "two", client=Client(5))[0].new == 1  # not "unchanged"
    # The state gone, the sidecars say what is stored: nothing is fetched again.
    for path in (tmp_path / "one" / ".briefing-fetch").iterdir():
        path.unlink()
    Handler.routes["/atom"].pop("etag", None)
    assert fetch(feeds, tmp_path / "one", client=Client(5))[0].unchanged == 1


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("ftp://127.0.0.1/feed", "redirected to a ftp address, not followed"),
        ("file:///etc/passwd", "redirected to a file address, not followed"),
        ("data:text/plain,hello", "redirected to a data address, not followed"),
    ],
)
def test_only_web_redirects_are_followed(
    server: str, tmp_path: Path, target: str, said: str
) -> None:
    serve("/away", kind="redirect", to=target)
    report = fetch([Feed(f"{server}/away", "Away")], tmp_path / "f", client=Client(5))[0]
    assert report.error is not None and report.error.startswith(said)


def test_a_url_with_markup_is_printed_literally_by_the_progress_bar(monkeypatch) -> None:
    from rich.console import Console

    from tui.cli import _progress_bar

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    with _progress_bar(True, label="fetching") as report:
        assert report is not None
        report(1, 2, "http://example.test/[/]odd[bold]")  # MarkupError before
        report(2, 2, "http://example.test/[link=x]y")


def test_the_fetch_limits_in_config(tmp_path: Path) -> None:
    from tui.store.config import ConfigError, parse_config

    config = parse_config(
        "fetch:\n  timeout: 12\n  new_per_feed: 50\n  requests_per_site: 80\n", tmp_path / "c"
    )
    assert config.fetch == FetchLimits(12.0, 50, 80)
    with pytest.raises(ConfigError, match=r"c:2: fetch.timeout must be a number of seconds"):
        parse_config("fetch:\n  timeout: 0\n", tmp_path / "c")
    with pytest.raises(ConfigError, match=r"c:2: unknown key 'speed'"):
        parse_config("fetch:\n  speed: 1\n", tmp_path / "c")
    write(tmp_path / "x", "")
