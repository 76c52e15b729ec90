"""Keeping up on the command line: unread, mark, read state that survives a rebuild, mute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write
from tests.core.test_cli import run
from tui.library import mute_query
from tui.store.config import ConfigError, parse_config
from tui.store.reading import ReadState, read_state_path

A000, A003 = "000_0b9c162a2c952b4e", "003_ff72b68d716462b9"


def unread(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = run(capsys, *args, "unread", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["total"] == len(doc["articles"])
    return [a["id"] for a in doc["articles"]]


def test_mark_read_and_unread_survive_a_rebuild(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--corpus", str(seeds)]
    assert len(unread(capsys, *args)) == 5
    code, _, err = run(capsys, *args, "mark", "read", A000, A003)
    assert code == 0 and "marked 2 read" in err
    assert run(capsys, *args, "index", "--rebuild")[0] == 0
    left = unread(capsys, *args)
    assert len(left) == 3 and A000 not in left and A003 not in left
    assert run(capsys, *args, "mark", "unread", A000)[0] == 0
    assert A000 in unread(capsys, *args)
    assert run(capsys, *args, "mark", "read", "--all")[0] == 0
    assert unread(capsys, *args) == []


def test_mark_says_what_it_cannot_do(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--corpus", str(seeds)]
    code, _, err = run(capsys, *args, "mark", "read")
    assert code == 2 and "--all" in err
    code, _, err = run(capsys, *args, "mark", "read", "nosuch")
    assert code == 2 and "unknown article id" in err
    code, _, err = run(capsys, *args, "mark", "read", "--all", "--topic", "sport")
    assert code == 2 and "no topic 'sport'" in err


def test_mark_read_by_topic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "news"
    write(corpus / "sport" / "a.txt", "Cup final\n\nThe final was played.")
    write(corpus / "politics" / "b.txt", "Vote\n\nThe vote was held.")
    args = ["--corpus", str(corpus)]
    assert run(capsys, *args, "mark", "read", "--all", "--topic", "Sport")[0] == 0
    assert unread(capsys, *args) == ["politics/b"]


def test_read_state_lives_in_the_state_folder_and_merges_other_writers(tmp_path: Path) -> None:
    path = read_state_path(tmp_path / "indexes" / "seeds-0123")
    assert path.name == "seeds-0123.json" and "state" in str(path).lower()
    one, two = ReadState(path), ReadState(path)
    assert one.mark(["a", "b"]) == 2
    assert two.mark(["c"]) == 1  # the other writer's marks are kept
    assert ReadState(path).ids == {"a", "b", "c"}
    path.write_text("{damaged", encoding="utf-8")
    assert ReadState(path).ids == set()  # a damaged file is an empty state, never a crash


def test_muted_articles_leave_unread_and_stories_but_search_finds_them(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(
        tmp_path / "config.yaml",
        f"corpus: [{seeds}]\nindex_dir: {tmp_path / 'ix'}\n# never again\nmute:\n  - Nara\n",
    )
    args = ["--config", str(config)]
    left = unread(capsys, *args)
    assert A000 not in left and A003 in left
    code, out, _ = run(capsys, *args, "stories", "--json")
    assert all(A000 not in s["articles"] for s in json.loads(out)["stories"])
    code, out, _ = run(capsys, *args, "search", "Nara", "--json")
    hits = {h["id"]: h["muted"] for h in json.loads(out)["results"]}
    assert code == 0 and hits[A000] is True
    code, out, _ = run(capsys, *args, "briefings", "--json")
    panes = json.loads(out)
    muted = next(p for p in panes if p["kind"] == "muted")
    assert muted["title"].startswith("Muted (") and muted["count"] >= 1


def test_a_mute_query_that_does_not_parse_is_one_line_naming_the_file(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(
        tmp_path / "config.yaml",
        f"corpus: [{seeds}]\nindex_dir: {tmp_path / 'ix'}\nmute:\n  - 'date:[2026 TO'\n",
    )
    code, _, err = run(capsys, "--config", str(config), "briefings", "--json")
    assert code == 2 and f"{config}:4: mute query" in err


def test_mute_is_a_list_of_queries() -> None:
    with pytest.raises(ConfigError, match="mute"):
        parse_config("mute: {a: 1}\n", Path("/x/config.yaml"))
    assert parse_config("mute: [celebrity gossip, 'source:Tabloid']\n", Path("/x/c.yaml")).mute == (
        "celebrity gossip",
        "source:Tabloid",
    )
    assert mute_query("celebrity gossip") == "celebrity AND gossip"  # every word, not any
    assert mute_query("source:Tabloid OR gossip") == "source:Tabloid OR gossip"
