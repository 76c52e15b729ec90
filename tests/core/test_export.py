"""Curating briefing files (round trip, safe writes) and exporting briefings (escaping)."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import SEEDS
from tui.briefings.briefing import Pane, parse_briefing
from tui.briefings.curate import (
    BriefingFile,
    ChangedOnDisk,
    CurateError,
    keywords_of_query,
    new_briefing,
)
from tui.briefings.export import document, md_escape, to_html, to_markdown
from tui.ingest.article import Article, Block

WRITTEN = (
    "---\n"
    "# notes for Monday's meeting\n"
    'title: "The history track"   # keep this title\n'
    "order: 2\n"
    "owner: desk-3   # a key briefing does not know\n"
    "keywords: [Chosei, remains]\n"
    "articles:\n"
    "  - a1   # the first one\n"
    "---\n"
    "Seoul's **two-track** policy.\n"
    "\n"
    "- kept as written\n"
)


def test_pin_keyword_clip_keep_comments_order_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(WRITTEN, encoding="utf-8")
    bf = BriefingFile.open(path)
    assert bf.pin("a2") and not bf.pin("a2")
    assert bf.add_keyword("flood") and not bf.add_keyword("FLOOD")
    assert bf.clip("a3", "The mine\n flooded.")
    bf.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# notes for Monday's meeting\n")
    assert 'title: "The history track"   # keep this title\n' in text
    assert "owner: desk-3   # a key briefing does not know\n" in text
    assert "keywords: [Chosei, remains, flood]\n" in text
    assert "  - a1   # the first one\n  - a2\n  - a3\n" in text
    assert text.endswith("---\nSeoul's **two-track** policy.\n\n- kept as written\n")
    keys = re.findall(r"^(\w+):", text, flags=re.M)
    assert keys == ["title", "order", "owner", "keywords", "articles", "clippings"]
    parsed = parse_briefing(text, path)
    assert parsed.clippings == [("a3", "The mine flooded.")]
    assert parsed.articles == ["a1", "a2", "a3"]
    # Removing puts things back as they were written.
    bf = BriefingFile.open(path)
    assert bf.unpin("a2") and bf.remove_keyword("flood") and not bf.remove_keyword("flood")
    bf.save()
    assert "keywords: [Chosei, remains]\n" in path.read_text(encoding="utf-8")


def test_crlf_and_a_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_bytes(b"\xef\xbb\xbf" + WRITTEN.replace("\n", "\r\n").encode())
    bf = BriefingFile.open(path)
    bf.pin("a9")
    bf.save()
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"  - a9\r\n" in data and data.endswith(b"- kept as written\r\n")


def test_a_file_changed_underneath_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(WRITTEN, encoding="utf-8")
    bf = BriefingFile.open(path)
    bf.pin("a2")
    path.write_text(WRITTEN + "\nAdded in another editor.\n", encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="changed on disk since it was read"):
        bf.save()
    assert path.read_text(encoding="utf-8").endswith("Added in another editor.\n")
    path.unlink()
    with pytest.raises(ChangedOnDisk, match="removed"):
        bf.save()
    assert not path.exists()


def test_broken_files_are_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(CurateError, match=r"b\.md:1: no front matter"):
        BriefingFile.open(path)
    path.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    with pytest.raises(CurateError, match=r"b\.md:\d+: front matter is not valid YAML"):
        BriefingFile.open(path)
    path.write_text("---\ntitle: x\narticles: 3\n---\n", encoding="utf-8")
    with pytest.raises(CurateError, match="articles must be a list"):
        BriefingFile.open(path).pin("a1")


def test_new_briefing_never_replaces_a_file(tmp_path: Path) -> None:
    path = new_briefing(tmp_path, "Chosei: the toll", query='Chosei OR "forced labor"')
    assert path.name == "chosei-the-toll.md"
    parsed = parse_briefing(path.read_text(encoding="utf-8"), path)
    assert parsed.errors == [] and parsed.title == "Chosei: the toll"
    assert parsed.query == 'Chosei OR "forced labor"'
    with pytest.raises(CurateError, match="exists"):
        new_briefing(tmp_path, "Chosei — the toll")
    assert keywords_of_query('Chosei OR "forced labor" source:AFP Tak* NOT x') == [
        "Chosei",
        "forced labor",
        "Tak",
        "x",
    ]


HOSTILE = "Shares [fell](http://evil) **5%** <script>alert(1)</script> & `rm` _x_ | y"


def hostile_doc() -> tuple[Pane, list[Article]]:
    a = Article(
        "a1",
        SEEDS / "a1.txt",
        "Title <b>bold</b> *star*",
        [Block(HOSTILE)],
        date=dt.date(2026, 1, 12),
        source="The <i>Herald</i>",
        url="https://example.org/a?x=1&y=<2>",
    )
    pane = Pane(
        "Brief <x>",
        "curated",
        ["a1"],
        summary="Curator's **own** text <script>no()</script>\n",
        clippings=[("a1", HOSTILE)],
    )
    return pane, [a]


def test_markdown_export_keeps_article_text_as_text() -> None:
    pane, articles = hostile_doc()
    md = to_markdown(document(pane, articles, []), today=dt.date(2026, 11, 21))
    rendered = MarkdownIt("commonmark").render(md)
    assert "<script>alert" not in rendered and "<b>bold" not in rendered
    assert 'href="http://evil"' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown, not run
    assert "**5%**" in html.unescape(rendered)  # the stars stay stars
    assert "## Clippings" in md and "## Sources" in md
    assert "— The \\<i\\>Herald\\</i\\>, 2026-01-12 [1]" in md
    assert md_escape("a*b") == "a\\*b"


def test_html_export_escapes_and_stands_alone() -> None:
    pane, articles = hostile_doc()
    page = to_html(document(pane, articles, []), today=dt.date(2026, 11, 21))
    assert "<script>" not in page.replace("&lt;script&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Curator&#x27;s <strong>own</strong>" in page or "Curator's <strong>own</strong>" in page
    assert 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;"' in page
    assert "<link" not in page and 'src="' not in page  # nothing loaded from elsewhere
    assert '<li id="src-1">' in page and 'href="#src-1">[1]</a>' in page


def test_an_inferred_date_is_marked_in_the_export() -> None:
    pane, (a,) = hostile_doc()
    a.provenance["date"] = "text"  # read from the article's text, not declared
    md = to_markdown(document(pane, [a], []))
    assert "~2026-01-12" in md and "read from the article's text" in md


CHROMIUM = shutil.which("chromium") or ""  # "": not installed, the test is skipped


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed")
def test_a_browser_reads_the_html_export_as_text(tmp_path: Path) -> None:
    """Headless Chromium parses the page: the hostile article text is text in its DOM, no
    element came from it, and the page prints (PDF)."""
    pane, articles = hostile_doc()
    page = tmp_path / "brief.html"
    page.write_text(to_html(document(pane, articles, [])), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/c"]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "<script>" not in dom.lower() and "<b>bold" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    pdf = tmp_path / "brief.pdf"
    subprocess.run(
        [CHROMIUM, *flags, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF")
