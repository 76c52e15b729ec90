"""OPML: files written as newsboat, nom and Miniflux write them; import into config.yaml keeping
its comments; export that the same tools read; the round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, write
from tests.core.test_cli import run
from tui.feeds.opml import OpmlError, read_opml, write_opml
from tui.store.config import Feed, load_config

OPML = FIXTURES / "opml"


def test_newsboat_miniflux_and_nom_files_are_read() -> None:
    newsboat = read_opml((OPML / "newsboat.opml").read_bytes())
    assert [f.url for f in newsboat] == [
        "https://www.koreaherald.com/rss/newsAll",
        "https://www.japantimes.co.jp/feed/",
        "https://example.org/query.rss",
    ]
    assert newsboat[1].name == "The Japan Times & more" and newsboat[2].name is None
    miniflux = read_opml((OPML / "miniflux.opml").read_bytes())
    assert [(f.name, f.topic) for f in miniflux] == [
        ("The Korea Herald", "Asia"),
        ("NHK World", "Asia"),
        ("LWN.net", "Tech"),
    ]
    nom = read_opml((OPML / "nom.opml").read_bytes())
    assert [(f.name, f.topic) for f in nom] == [("Yonhap", None), ("Kyodo", "Inner")]  # no mailto


def test_what_is_not_opml_is_one_line() -> None:
    with pytest.raises(OpmlError, match=r"subs\.xml: not OPML"):
        read_opml(b"<rss><channel/></rss>", "subs.xml")
    with pytest.raises(OpmlError, match=r"subs\.xml"):
        read_opml(b"not xml at all <", "subs.xml")
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(OpmlError, match="entity"):
        read_opml(bomb, "bomb.opml")


def test_export_then_import_gives_the_same_feeds() -> None:
    feeds = [
        Feed("https://a.example/feed", 'A <&> "quoted"', "Asia"),
        Feed("https://b.example/rss", None, None),
        Feed("https://c.example/atom", "C", "Asia"),
    ]
    text = write_opml(feeds)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    back = read_opml(text.encode("utf-8"))
    assert {(f.url, f.topic) for f in back} == {(f.url, f.topic) for f in feeds}
    assert {f.url: f.name for f in back}["https://a.example/feed"] == 'A <&> "quoted"'


def test_import_adds_to_config_keeping_comments_and_skips_what_is_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(
        tmp_path / "config.yaml",
        "# my reading\ncorpus: [news]   # the folder\nfeeds:\n  - https://www.koreaherald.com/rss/newsAll\n",
    )
    (tmp_path / "news").mkdir()
    code, out, err = run(
        capsys, "--config", str(config), "feeds", "import", str(OPML / "miniflux.opml"), "--json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["skipped"] == ["https://www.koreaherald.com/rss/newsAll"]
    assert len(doc["added"]) == 2
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# my reading\ncorpus: [news]   # the folder\n")
    loaded = load_config(config)
    assert [(f.url, f.topic) for f in loaded.feeds][1:] == [
        ("https://www3.nhk.or.jp/rss/news/cat0.xml", "Asia"),
        ("https://lwn.net/headlines/rss", "Tech"),
    ]
    # again: nothing to add, the file untouched
    before = config.read_bytes()
    code, _, err = run(
        capsys, "--config", str(config), "feeds", "import", str(OPML / "miniflux.opml")
    )
    assert code == 0 and "0 added, 3 skipped" in err and config.read_bytes() == before
    # and the export of that config imports as the same feeds
    code, out, _ = run(capsys, "--config", str(config), "feeds", "export")
    assert code == 0
    assert {f.url for f in read_opml(out.encode())} == {f.url for f in loaded.feeds}


def test_import_says_what_it_cannot_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path / "config.yaml", "corpus: [news]\n")
    (tmp_path / "news").mkdir()
    code, _, err = run(capsys, "--config", str(config), "feeds", "import")
    assert code == 2 and "needs the OPML file" in err
    bad = write(tmp_path / "bad.opml", "<html></html>")
    code, _, err = run(capsys, "--config", str(config), "feeds", "import", str(bad))
    assert code == 2 and "bad.opml: not OPML" in err
    code, _, err = run(capsys, "--corpus", str(tmp_path), "feeds", "import", str(bad))
    assert code == 2
