"""End to end: the installed ``briefing`` command in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import BRIEFINGS, SEEDS

TMUX = shutil.which("tmux") or ""  # "": not installed, the tests are skipped
BRIEFING = Path(sys.executable).parent / "briefing"

pytestmark = [
    pytest.mark.skipif(not TMUX, reason="tmux is not installed"),
    pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing command is not installed"),
]


def wait_for_file(path: Path, timeout: float) -> bool:
    """Wait until ``path`` exists (the app wrote it, or the shell wrote its exit status)."""
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return path.exists()


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str) -> str:
        out = subprocess.run([TMUX, *args], capture_output=True, text=True, check=False)
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


def private_env(home: Path) -> str:
    """The user's folders, all under the test's own: nothing of the real user's is touched
    (exports go to ``home/Documents``)."""
    return " ".join(
        f"{name}={shlex.quote(str(home / sub))}"
        for name, sub in [
            ("HOME", "."),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
        ]
    )


def start(tmp_path: Path, seeds: Path, briefings: Path) -> tuple[Terminal, Path]:
    """The installed command in an 80×24 tmux session (the common small terminal, where the
    pane is compact); the file its exit status goes to."""
    return launch(tmp_path, ["--corpus", str(seeds), "--briefings", str(briefings)])


def launch(
    tmp_path: Path, args: list[str], size: tuple[int, int] = (80, 24)
) -> tuple[Terminal, Path]:
    """``briefing ARGS`` in a tmux session of ``size``, with the test's own user folders;
    the file its exit status goes to (one per run)."""
    done = tmp_path / f"exit-status-{uuid.uuid4().hex[:6]}"
    command = (
        f"cd {shlex.quote(str(tmp_path))} && env {private_env(tmp_path)} TERM=xterm-256color "
        f"{shlex.quote(str(BRIEFING))} {' '.join(shlex.quote(a) for a in args)}"
        f"; echo $? > {shlex.quote(str(done))}"
    )
    term = Terminal(f"briefing-e2e-{uuid.uuid4().hex[:8]}")
    width, height = (str(n) for n in size)
    subprocess.run(
        [TMUX, "new-session", "-d", "-s", term.name, "-x", width, "-y", height, command],
        check=True,
    )
    term.tmux("resize-window", "-t", term.name, "-x", width, "-y", height)
    return term, done


def palette(term: Terminal, command: str, expect: str) -> str:
    """Run a command of the palette (ctrl+p, its name, enter); the screen once it says so."""
    term.keys("C-p")
    time.sleep(0.5)
    term.keys(command, literal=True)
    time.sleep(0.5)
    term.keys("Enter")
    return term.wait_for(expect)


def search(term: Terminal, query: str, expect: str) -> str:
    """/ opens the search on the last query, selected: typing replaces it."""
    term.keys("/")
    term.wait_for("New briefing")  # the search screen's footer
    time.sleep(0.5)  # the box takes focus after the first paint
    term.keys(query, literal=True)
    return term.wait_for(expect)


def test_search_open_and_compare_in_a_real_terminal(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    term, done = start(tmp_path, seeds, BRIEFINGS)
    name = term.name
    try:
        term.wait_for("5 articles indexed")
        term.wait_for("Korea–Japan shuttle diplomacy")
        term.keys("/")
        term.wait_for("search:")
        term.keys("Chosei", literal=True)
        shown = term.wait_for("2 results")
        assert "Seoul eyes humanitarian cooperation" in shown
        term.keys("Enter")
        shown = term.wait_for("hit 1 of")
        assert "The Korea Herald · 2026-01-12 · 004_418a29abe9d5b535" in shown
        term.keys("Escape")  # back to the results it was opened from
        term.wait_for("2 results")
        term.keys("Escape", "Escape")  # out of the search, then out of the reader
        shown = term.wait_for("Korea–Japan shuttle diplomacy")
        assert "Sources disagree" not in shown  # 136 Koreans and 183 workers: not a dispute
        term.keys("c")  # the briefing's suggested pair
        shown = term.wait_for("similarity")
        assert "aligned" in shown and "only in" in shown
        term.keys("Escape")
        term.wait_for("Korea–Japan shuttle diplomacy")
        term.keys("f")  # no disputed fact here: one line says so
        term.wait_for("No disputed facts")
        term.keys("q")
        assert wait_for_file(done, 15), "the app did not quit"
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run([TMUX, "kill-session", "-t", name], capture_output=True, check=False)
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_make_a_briefing_pin_clip_and_export_in_a_real_terminal(tmp_path: Path) -> None:
    """Search "Chosei", make a briefing of it, pin one more article, clip a sentence, export
    Markdown; the briefing file keeps a comment and an unknown key written into it first."""
    seeds, briefings = tmp_path / "seeds", tmp_path / "briefings"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(BRIEFINGS, briefings)
    term, done = start(tmp_path, seeds, briefings)
    name = term.name
    path = briefings / "chosei.md"
    try:
        term.wait_for("5 articles indexed")
        search(term, "Chosei", "2 results")
        term.keys("C-b")
        term.wait_for("Title of the new briefing")
        term.keys("Enter")
        term.wait_for("New briefing")
        wait_for_file(path, 10)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\n# for Monday\nowner: desk\n", 1), "utf-8")
        # Pin one more article: the first hit for "Andong".
        search(term, "Andong", "1 result")
        term.keys("Enter")
        term.wait_for("Next hit")
        term.keys("p")
        term.wait_for("to which briefing?")  # "Pin “South Korean President …” to which …"
        term.keys("Enter")  # the open briefing is listed first
        term.wait_for("Pinned")
        # Clip the sentence of a Chosei hit.
        search(term, "Chosei", "2 results")
        term.keys("Enter")
        term.wait_for("Next hit")
        term.keys("y")
        term.wait_for("Clip a passage of “")
        term.keys("Enter")
        term.wait_for("into which briefing?")
        term.keys("Enter")
        term.wait_for("Clipped")
        # Export from the command palette.
        palette(term, "Export this briefing as Markdown", "Exported")
        term.keys("q")
        wait_for_file(done, 15)
        assert done.read_text().strip() == "0"
    finally:
        subprocess.run([TMUX, "kill-session", "-t", name], capture_output=True, check=False)
    kept = path.read_text(encoding="utf-8")
    assert "# for Monday\nowner: desk\n" in kept
    assert "003_ff72b68d716462b9" in kept and "clippings:" in kept
    md = (tmp_path / "Documents" / "chosei.md").read_text(encoding="utf-8")
    assert "*Summary of Chosei" in md  # the summary
    assert "## Clippings" in md and "Chosei" in md.split("## Clippings")[1].split("##")[0]
    assert re.search(r"> — .+, 20\d\d-\d\d-\d\d \[\d\]", md)  # the clipping's citation
    sources = md.split("## Sources\n", 1)[1]
    assert "Andong" in (seeds / "003_ff72b68d716462b9.txt").read_text(encoding="utf-8")
    assert len(re.findall(r"^\d\. ", sources, flags=re.M)) == 3  # two Chosei hits and the pin


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_the_app_quits_when_its_terminal_closes(tmp_path: Path) -> None:
    """An SSH drop or a killed tmux session hangs up the terminal, and the kernel sends SIGHUP
    to the session's leader only. Under `make run` that leader is make, which waits for its
    child instead of passing the signal on: the app must notice by itself that its terminal is
    gone, and end."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (tmp_path / "Makefile").write_text(
        f"run:\n\tenv {private_env(tmp_path)} TERM=xterm-256color "
        f"{shlex.quote(str(BRIEFING))} --corpus {shlex.quote(str(seeds))} "
        f"--briefings {shlex.quote(str(BRIEFINGS))}\n",
        encoding="utf-8",
    )
    term = Terminal(f"briefing-e2e-{uuid.uuid4().hex[:8]}")
    command = f"cd {shlex.quote(str(tmp_path))} && exec make -s run"
    subprocess.run([TMUX, "new-session", "-d", "-s", term.name, "-x", "80", "-y", "24", command])
    try:
        term.wait_for("5 articles indexed")
        make = term.tmux("list-panes", "-t", term.name, "-F", "#{pane_pid}").strip()
        children = subprocess.run(["pgrep", "-P", make], capture_output=True, text=True)
        pids = [int(p) for p in children.stdout.split()]
        assert len(pids) == 1, children
    finally:
        subprocess.run([TMUX, "kill-session", "-t", term.name], capture_output=True, check=False)
    app = Path(f"/proc/{pids[0]}")
    deadline = time.monotonic() + 15
    while app.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = app.exists() and "briefing" in (app / "cmdline").read_text(errors="replace")
    if left:
        os.kill(pids[0], signal.SIGKILL)  # leave no orphan behind a failing run
    assert not left, f"the app (pid {pids[0]}) still runs after its terminal closed"


def loopback_feed(site: Path, count: int) -> tuple[ThreadingHTTPServer, str]:
    """A feed of ``count`` "Harbour story" pages served on 127.0.0.1 from ``site``, running:
    the server (shut it down) and its base URL (the feed is ``/rss.xml``)."""
    site.mkdir()
    for i in range(count):
        (site / f"p{i}.html").write_text(
            f"<html><head><title>Harbour story {i} | Loopback Times</title>"
            '<meta property="og:site_name" content="Loopback Times"></head><body><article>'
            f"<h1>Harbour story {i}</h1><p>The cargo ship reached the harbour on Monday after a "
            "long delay at sea, officials said in a statement on Tuesday.</p><p>Workers "
            "unloaded the containers overnight while inspectors checked each one.</p>"
            "</article></body></html>",
            encoding="utf-8",
        )

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    host = f"http://127.0.0.1:{server.server_port}"
    items = "".join(
        f"<item><title>Harbour story {i}</title><link>{host}/p{i}.html</link>"
        f"<guid>w{i}</guid></item>"
        for i in range(count)
    )
    (site / "rss.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Times</title>'
        f"{items}</channel></rss>",
        encoding="utf-8",
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, host


def test_a_week_of_use_with_a_local_feed_in_a_real_terminal(tmp_path: Path) -> None:
    """The week's defects where features meet: the bundled seeds and briefings, then a feed
    served on 127.0.0.1 is fetched from the app; every briefing still loads with its pins,
    one is curated with a fetched article and exported; after a restart it is all there, the
    briefing keeps its mode, and the tests' own fixtures are untouched."""
    fixtures = {p: p.read_bytes() for p in SEEDS.parent.rglob("*") if p.is_file()}
    seeds, briefings = tmp_path / "seeds", tmp_path / "briefings"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(BRIEFINGS, briefings)
    for path in briefings.iterdir():
        path.chmod(0o644)
    server, host = loopback_feed(tmp_path / "site", 2)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"corpus: [{seeds}]\nbriefings: {briefings}\nfetched_dir: {tmp_path / 'fetched'}\n"
        f"feeds:\n  - url: {host}/rss.xml\n    name: Loopback Times\n    topic: harbour\n",
        encoding="utf-8",
    )

    history = briefings / "history-track.md"
    term, done = launch(tmp_path, ["--config", str(config)], (100, 30))
    try:
        term.wait_for("5 articles indexed")
        term.keys("r")  # fetch the feed, then index what came in
        shown = term.wait_for("7 articles indexed", timeout=60)
        assert "unknown article id" not in shown
        assert "Korea–Japan shuttle" in shown and "harbour" in shown
        term.keys("j")  # the history track: its pins, no red box
        shown = term.wait_for("The history track")
        assert "unknown article id" not in shown and "3 articles" in shown
        # Pin a fetched article to the history track, from the harbour pane.
        term.keys("End")
        term.keys("k")  # "harbour" is the last pane before "All articles"
        term.wait_for("Harbour story")
        term.keys("Tab")
        time.sleep(0.3)
        term.keys("p")
        term.wait_for("to which briefing?")
        term.keys("Down")
        term.keys("Enter")
        term.wait_for("Pinned")
        term.keys("BTab")  # back to the sidebar: the history track, to export it
        time.sleep(0.3)
        term.keys("Home", "j")
        term.wait_for("4 articles")
        palette(term, "Export this briefing as Markdown", "Exported")
        term.keys("q")
        assert wait_for_file(done, 15) and done.read_text().strip() == "0"
    finally:
        subprocess.run([TMUX, "kill-session", "-t", term.name], capture_output=True, check=False)
    pinned = history.read_text(encoding="utf-8")
    assert "harbour/" in pinned and "seeds/" not in pinned
    assert oct(history.stat().st_mode & 0o777) == oct(0o644)
    # A restart: the briefing has its pins, and one more.
    term, done = launch(tmp_path, ["--config", str(config)], (100, 30))
    try:
        term.wait_for("7 articles indexed")
        term.keys("j")
        shown = term.wait_for("The history track")
        assert "4 articles" in shown and "unknown article id" not in shown
        term.keys("q")
        assert wait_for_file(done, 15)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", term.name], capture_output=True, check=False)
        server.shutdown()
    exported = list((tmp_path / "Documents").glob("*.md"))
    assert exported, "the export is not in the documents folder"
    text = exported[0].read_text(encoding="utf-8")
    assert "Loopback Times" in text and str(tmp_path) not in text  # no local paths
    assert {p: p.read_bytes() for p in SEEDS.parent.rglob("*") if p.is_file()} == fixtures


def test_keeping_up_with_an_imported_feed_in_a_real_terminal(tmp_path: Path) -> None:
    """Import an OPML file naming a feed served on 127.0.0.1, fetch it in the app, read two
    articles (the unread counts fall by two), restart: they stay read."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    server, host = loopback_feed(tmp_path / "site", 2)
    config = tmp_path / "config.yaml"
    config.write_text(
        f"# my reading\ncorpus: [{seeds}]\nfetched_dir: {tmp_path / 'fetched'}\n",
        encoding="utf-8",
    )
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        f'<outline text="harbour"><outline type="rss" text="Loopback Times" '
        f'xmlUrl="{host}/rss.xml"/></outline></body></opml>',
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        HOME=str(tmp_path),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    imported = subprocess.run(
        [str(BRIEFING), "--config", str(config), "feeds", "import", str(opml)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert imported.returncode == 0 and "1 added" in imported.stderr, imported.stderr
    assert config.read_text(encoding="utf-8").startswith("# my reading\n")
    term, done = launch(tmp_path, ["--config", str(config)], (100, 30))
    try:
        term.wait_for("5 articles indexed")
        term.keys("r")
        term.wait_for("7 articles indexed", timeout=60)
        term.wait_for("7/7")  # "All articles": every one unread
        term.keys("End")
        term.keys("k")  # the harbour pane, before "All articles"
        term.wait_for("Harbour story")
        term.keys("Tab")
        time.sleep(0.3)
        term.keys("u")  # the next unread: opens it in the reader, its address in the header
        term.wait_for(f"{host}/p1.html")
        term.keys("u")  # and the one after
        term.wait_for(f"{host}/p0.html")
        term.wait_for("5/7")
        term.keys("q", "q")
        assert wait_for_file(done, 15) and done.read_text().strip() == "0"
    finally:
        subprocess.run([TMUX, "kill-session", "-t", term.name], capture_output=True, check=False)
    term, done = launch(tmp_path, ["--config", str(config)], (100, 30))
    try:
        term.wait_for("7 articles indexed")
        term.wait_for("5/7")  # still read after a restart
        term.keys("q")
        assert wait_for_file(done, 15)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", term.name], capture_output=True, check=False)
        server.shutdown()
    left = subprocess.run(
        [str(BRIEFING), "--config", str(config), "unread", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert left.returncode == 0 and '"total": 5' in left.stdout
