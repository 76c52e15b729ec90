"""Article ids are stable: adding or removing a corpus folder (a feed's) never renames one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import BRIEFINGS, SEEDS, write
from tui.backend.whoosh.index import ArticleIndex
from tui.briefings.briefing import build_panes, load_briefings
from tui.briefings.curate import change_file
from tui.cli import main
from tui.store.corpus import scan

PATTERNS = ("*.txt", "*.md", "*.html")


def test_a_second_folder_never_changes_the_ids_of_the_first(tmp_path: Path) -> None:
    first, fetched = tmp_path / "seeds", tmp_path / "fetched"
    write(first / "004_a.txt", "A\n\nBody of a.\n")
    write(first / "world" / "b.txt", "B\n\nBody of b.\n")
    alone = {f.id for f in scan([first], PATTERNS)[0]}
    write(fetched / "harbour" / "c.html", "<p>c</p>")
    both = {f.id for f in scan([first, fetched], PATTERNS)[0]}
    assert alone == {"004_a", "world/b"}
    assert both == {"004_a", "world/b", "harbour/c"}


def test_a_path_two_folders_share_stays_with_the_article_that_had_it(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write(one / "x.txt", "One\n\nBody one.\n")
    write(two / "x.txt", "Two\n\nBody two.\n")
    files, skipped = scan([one, two], PATTERNS)
    assert {f.id: f.where for f in files} == {"x": str(one / "x.txt"), "two/x": str(two / "x.txt")}
    assert not skipped
    # The second folder's file held "x" before (it came first): it keeps it.
    files, _ = scan([one, two], PATTERNS, {"x": str(two / "x.txt")})
    assert {f.id: f.where for f in files} == {"one/x": str(one / "x.txt"), "x": str(two / "x.txt")}


def test_two_files_of_one_folder_with_one_id_are_still_one_article(tmp_path: Path) -> None:
    root = tmp_path / "r"
    write(root / "a.txt", "A\n\nText.\n")
    write(root / "a.md", "# A\n\nMarkdown.\n")
    files, skipped = scan([root], PATTERNS)
    assert [f.id for f in files] == ["a"]
    assert [s.reason for s in skipped] == [f"same id as {root / 'a.md'}"]


def test_an_index_keeps_every_id_when_a_feed_folder_joins(tmp_path: Path) -> None:
    seeds, fetched = tmp_path / "seeds", tmp_path / "fetched"
    shutil.copytree(SEEDS, seeds)
    ix = ArticleIndex(tmp_path / "ix")
    ix.update([seeds], PATTERNS, 5_000_000)
    before = set(ix.catalog)
    write(fetched / "harbour" / "p0.html", "<html><body><p>Harbour story.</p></body></html>")
    report = ix.update([seeds, fetched], PATTERNS, 5_000_000)
    assert report.added == 1 and report.updated == 0 and report.removed == 0
    assert set(ix.catalog) == before | {"harbour/p0"}


def test_an_id_in_the_older_form_still_names_its_article(tmp_path: Path) -> None:
    seeds, fetched = tmp_path / "seeds", tmp_path / "fetched"
    shutil.copytree(SEEDS, seeds)
    write(fetched / "harbour" / "p0.txt", "Harbour\n\nThe ship came in.\n")
    ix = ArticleIndex(tmp_path / "ix")
    ix.update([seeds, fetched], PATTERNS, 5_000_000)
    assert ix.known_id("seeds/004_418a29abe9d5b535") == "004_418a29abe9d5b535"
    assert ix.known_id("fetched/harbour/p0") == "harbour/p0"
    assert ix.known_id("004_418a29abe9d5b535") == "004_418a29abe9d5b535"
    assert ix.known_id("other/004_418a29abe9d5b535") is None  # not where that file is
    assert ix.known_id("seeds/nothing") is None


def test_briefings_written_with_older_ids_load_with_their_pins(tmp_path: Path) -> None:
    seeds, fetched, folder = tmp_path / "seeds", tmp_path / "fetched", tmp_path / "briefings"
    shutil.copytree(SEEDS, seeds)
    write(fetched / "harbour" / "p0.txt", "Harbour\n\nThe ship came in.\n")
    write(
        folder / "old.md",
        "---\ntitle: Old\narticles: [seeds/004_418a29abe9d5b535]\n"
        "compare:\n  - [seeds/000_0b9c162a2c952b4e, 004_418a29abe9d5b535]\n"
        "clippings:\n  - {article: seeds/004_418a29abe9d5b535, text: Chosei}\n---\nSummary.\n",
    )
    ix = ArticleIndex(tmp_path / "ix")
    ix.update([seeds, fetched], PATTERNS, 5_000_000)
    pane = build_panes(load_briefings(folder), ix)[0]
    assert pane.errors == []
    assert pane.article_ids == ["004_418a29abe9d5b535"]
    assert pane.compare == [("000_0b9c162a2c952b4e", "004_418a29abe9d5b535")]
    assert pane.clippings == [("004_418a29abe9d5b535", "Chosei")]
    # A curate write puts the ids in the form they have now; comments and the rest stay.
    path = folder / "old.md"
    assert change_file(path, lambda bf: bf.add_keyword("Chosei"), ix.known_id)
    text = path.read_text(encoding="utf-8")
    assert "seeds/" not in text and "articles: [004_418a29abe9d5b535]" in text
    assert "{article: 004_418a29abe9d5b535, text: Chosei}" in text


def test_the_bundled_briefings_survive_a_feed_from_the_command_line(tmp_path: Path, capsys) -> None:
    """The week's first defect: with a feed's folder, every briefing kept its pins."""
    seeds, briefings, fetched = tmp_path / "seeds", tmp_path / "briefings", tmp_path / "fetched"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(BRIEFINGS, briefings)
    config = write(
        tmp_path / "config.yaml",
        f"corpus: [{seeds}]\nbriefings: {briefings}\nindex_dir: {tmp_path / 'ix'}\n",
    )
    assert main(["briefings", "--json", "--config", str(config)]) == 0
    before = {p["title"]: p["count"] for p in json.loads(capsys.readouterr().out)}
    write(fetched / "harbour" / "p0.txt", "Harbour\n\nThe ship came in.\n")
    with config.open("a", encoding="utf-8") as handle:
        handle.write(f"feeds: [http://127.0.0.1:9/rss]\nfetched_dir: {fetched}\n")
    assert main(["briefings", "--json", "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    after = {p["title"]: p["count"] for p in json.loads(out)}
    assert "unknown article id" not in err
    assert all(after[t] == n for t, n in before.items() if t != "All articles")
    assert after["harbour"] == 1
    assert main(["show", "004_418a29abe9d5b535", "--json", "--config", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "004_418a29abe9d5b535"
    assert main(["show", "seeds/004_418a29abe9d5b535", "--json", "--config", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "004_418a29abe9d5b535"
