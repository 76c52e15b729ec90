"""The command line: JSON documents, exit statuses, one-line errors, and literal article text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BBC, BRIEFINGS, DISPUTE, needs_bbc, write
from tui.cli import main

A004 = "004_418a29abe9d5b535"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def corpus_args(seeds: Path, tmp_path: Path) -> list[str]:
    config = write(
        tmp_path / "config.yaml",
        f"corpus: [{seeds}]\nbriefings: {BRIEFINGS}\nindex_dir: {tmp_path / 'ix'}\n",
    )
    return ["--config", str(config)]


def test_search_json_on_a_folder_never_indexed(capsys, seeds: Path) -> None:
    status, out, _ = run(capsys, "search", "Chosei", "--json", "--corpus", str(seeds))
    assert status == 0
    doc = json.loads(out)
    assert set(doc) >= {"query", "total", "suggestion", "results"}
    assert doc["total"] == 2 and doc["suggestion"] is None
    first = doc["results"][0]
    assert set(first) >= {"id", "title", "source", "date", "score", "snippet"}
    assert first["id"] == A004 and first["date"] == "2026-01-12"


def test_search_with_no_hits_exits_0_with_suggestion(capsys, corpus_args) -> None:
    status, out, _ = run(capsys, *corpus_args, "search", "Chosie", "--json")
    assert status == 0
    assert json.loads(out) == {
        "query": "Chosie",
        "total": 0,
        "total_all": 0,
        "exact": True,
        "matched": "none",
        "notice": None,
        "suggestion": "Chosei",
        "results": [],
    }


def test_search_json_says_when_no_article_has_every_word(capsys, corpus_args) -> None:
    status, out, _ = run(capsys, *corpus_args, "search", "Chosei Wimbledon", "--json")
    assert status == 0
    doc = json.loads(out)
    assert doc["matched"] == "some"
    assert doc["total"] == 2 and doc["total_all"] == 0
    assert doc["notice"] == "no article has all 2 words — showing those with most"
    assert [(r["words_matched"], r["words_total"]) for r in doc["results"]] == [(1, 2), (1, 2)]
    status, out, _ = run(capsys, *corpus_args, "search", "Chosei Wimbledon")
    assert "no article has all 2 words" in out


def test_bad_query_exits_2_with_one_line(capsys, corpus_args) -> None:
    status, out, err = run(capsys, *corpus_args, "search", "colour:red")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "unknown field" in err


def test_show_json(capsys, corpus_args) -> None:
    status, out, _ = run(capsys, *corpus_args, "show", A004, "--json")
    doc = json.loads(out)
    assert status == 0
    assert set(doc) >= {"id", "title", "date", "source", "byline", "topic", "path", "text"}
    assert doc["date"] == "2026-01-12" and doc["source"] == "The Korea Herald"


def test_unknown_id_exits_2(capsys, corpus_args) -> None:
    status, _, err = run(capsys, *corpus_args, "show", "no-such-article")
    assert status == 2 and "unknown article id 'no-such-article'" in err


def test_index_prints_counts_and_skips(capsys, corpus_args, seeds: Path) -> None:
    write(seeds / "empty.txt", "")
    status, out, _ = run(capsys, *corpus_args, "index")
    assert status == 0
    assert "added" in out and "skipped" in out and "empty.txt: empty file" in out
    status, out, _ = run(capsys, *corpus_args, "index", "--json")
    doc = json.loads(out)
    assert (doc["added"], doc["unchanged"], len(doc["skipped"])) == (0, 5, 1)
    status, out, _ = run(capsys, *corpus_args, "index", "--rebuild", "--json")
    assert json.loads(out)["added"] == 5


def test_briefings_json_kinds(capsys, corpus_args) -> None:
    status, out, _ = run(capsys, *corpus_args, "briefings", "--json")
    panes = json.loads(out)
    assert status == 0
    assert panes[-1] == {**panes[-1], "title": "All articles", "kind": "all", "count": 5}
    assert all({"title", "kind", "count"} <= set(p) for p in panes)
    assert {p["kind"] for p in panes} <= {"curated", "topic", "all"}


def test_config_errors_exit_2_naming_file_and_line(capsys, tmp_path: Path) -> None:
    bad = write(tmp_path / "config.yaml", "corpus: [x]\nsurprise: 1\n")
    status, _, err = run(capsys, "--config", str(bad), "index")
    assert status == 2 and f"{bad}:2: unknown key 'surprise'" in err


def test_missing_corpus_exits_2(capsys, tmp_path: Path) -> None:
    status, _, err = run(capsys, "search", "x", "--corpus", str(tmp_path / "nowhere"))
    assert status == 2 and "does not exist" in err


def test_usage_error_exits_2(capsys) -> None:
    status, _, _ = run(capsys, "search")
    assert status == 2


HOSTILE = (
    "Hostile [bold red]x[/] markup\n\nText with \x1b[2J escape and [link=http://evil]link[/link].\n"
)


def test_article_text_is_printed_literally(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # a real terminal: Rich emits its own styles
    monkeypatch.setenv("COLUMNS", "200")
    corpus = tmp_path / "hostile"
    write(corpus / "evil.txt", HOSTILE)
    status, out, _ = run(capsys, "show", "evil", "--corpus", str(corpus))
    assert status == 0
    assert "[bold red]x[/]" in out and "[link=http://evil]link[/link]" in out
    assert "\x1b[2J" not in out and "\u241b[2J" in out
    status, out, _ = run(capsys, "search", "escape", "--corpus", str(corpus))
    assert "\x1b[2J" not in out and "\u241b[2J" in out and "[link=http://evil]" in out


@pytest.mark.slow
def test_installed_command_runs_as_a_process(seeds: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "search", "Nara", "--json", "--corpus", str(seeds)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] >= 3


@pytest.mark.slow
@needs_bbc
def test_bbc_corpus_from_the_command_line(capsys, tmp_path: Path) -> None:
    args = ["--corpus", str(BBC)]
    status, out, _ = run(capsys, "briefings", "--json", *args)
    panes = json.loads(out)
    assert status == 0
    assert [p["title"] for p in panes if p["kind"] == "topic"] == [
        "business",
        "entertainment",
        "politics",
        "sport",
        "tech",
    ]
    assert panes[-1]["count"] == 2225
    status, out, _ = run(capsys, "search", "topic:sport AND Claxton", "--json", *args)
    assert json.loads(out)["results"][0]["id"] == "sport/001"


def test_a_broken_briefing_exits_2_and_lists_the_rest(capsys, seeds: Path, tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    write(folder / "good.md", "---\ntitle: Good\nquery: Nara\n---\n")
    write(folder / "bad.md", "---\ntitle: Bad\nsurprise: 1\n---\n")
    args = ["--corpus", str(seeds), "--briefings", str(folder)]
    status, out, err = run(capsys, "briefings", "--json", *args)
    assert status == 2
    assert {p["title"] for p in json.loads(out)} >= {"Good", "Bad", "All articles"}
    assert f"{folder / 'bad.md'}:3: unknown key 'surprise'" in err
    assert err.count("\n") == 1
    status, _, err = run(capsys, "show", A004, *args)
    assert status == 0 and "warning" in err


def test_topic_panes_name_their_key_terms_in_json_and_compare_says_percent(
    capsys, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write(
        corpus / "port" / "a.txt",
        "Harbour bridge closes\n\nThe harbour bridge closes for repairs.\n",
    )
    write(
        corpus / "port" / "b.txt", "Harbour ferry changes\n\nThe harbour ferry runs every hour.\n"
    )
    status, out, _ = run(capsys, "briefings", "--json", "--corpus", str(corpus))
    assert status == 0
    port = next(p for p in json.loads(out) if p["title"] == "port")
    assert port["keywords"] == [] and "harbour" in port["key_terms"]
    status, out, _ = run(capsys, "compare", "port/a", "port/b", "--corpus", str(corpus))
    assert status == 0
    assert "similarity " in out and "%" in out.splitlines()[0]


def test_briefing_facts_on_the_command_line(capsys, corpus_args: list[str]) -> None:
    args = ["--corpus", str(DISPUTE / "articles"), "--briefings", str(DISPUTE / "briefings")]
    status, out, err = run(capsys, "facts", "ferry", "--json", *args)
    assert status == 0, err
    doc = json.loads(out)
    assert doc["briefing"] == "Jeju ferry grounding"
    [dispute] = doc["disputes"]
    values = {v["value"]: [s["source"] for s in v["statements"]] for v in dispute["values"]}
    assert values == {"312": ["Harbour Gazette"], "320": ["Island Times"]}
    status, out, _ = run(capsys, "facts", "Jeju ferry grounding", *args)
    assert status == 0
    assert "320" in out and "Island Times" in out
    assert "was carrying 312 passengers" in " ".join(out.split())
    # The seeds' two Chosei tolls count different things: no dispute.
    status, out, err = run(capsys, "facts", "history-track", "--json", *corpus_args)
    assert status == 0, err
    assert json.loads(out)["disputes"] == []
    status, _, err = run(capsys, "facts", "no-such-briefing", *corpus_args)
    assert status == 2
    assert "no briefing named 'no-such-briefing'" in err
    assert "history-track" in err


def test_compare_leads_with_the_differing_facts_and_their_rows(
    capsys, corpus_args: list[str]
) -> None:
    status, out, err = run(
        capsys, "compare", "000_0b9c162a2c952b4e", "004_418a29abe9d5b535", *corpus_args
    )
    assert status == 0, err
    facts = out.index("Facts that differ")
    assert facts < out.index("┏")  # before the aligned text
    line = " ".join(out[facts:].split("\n", 1)[1].split("┏")[0].split())
    assert line.startswith("⊂ scope: killed A 136 Koreans · B 183 workers")
    assert "(counts different things, not a dispute)" in line
    row = int(line.rsplit("row ", 1)[1])
    table_rows = [r for r in out.splitlines() if r.startswith("│") or r.startswith("┃")]
    assert any(r.split("│")[1].strip() == str(row) for r in table_rows if r.startswith("│"))


def test_curate_and_export_from_the_command_line(capsys, seeds: Path, tmp_path: Path) -> None:
    briefings = tmp_path / "briefings"
    shutil.copytree(BRIEFINGS, briefings)  # the curate commands write here, never in the repo
    config = write(
        tmp_path / "config.yaml",
        f"corpus: [{seeds}]\nbriefings: {briefings}\nindex_dir: {tmp_path / 'ix'}\n",
    )
    corpus_args = ["--config", str(config)]

    def ok(*argv: str) -> str:
        status, out, err = run(capsys, *argv, *corpus_args)
        assert status == 0, err
        return out + err

    made = ok("new", "Chosei search", "--query", "Chosei")
    path = Path(made.strip().splitlines()[-1])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n# my comment\nowner: me\n", 1), encoding="utf-8")
    ok("pin", "chosei-search", "001_bfeed5d58f9e5359")
    clip = "Japan never recovered the victims' remains nor did it conduct a full investigation."
    ok("clip", "chosei-search", "004_418a29abe9d5b535", clip)
    status, _, err = run(capsys, "clip", "chosei-search", "004_418a29abe9d5b535", "Not there.",
                         *corpus_args)  # fmt: skip
    assert status == 2 and "does not contain that passage" in err
    out = tmp_path / "brief.md"
    ok("export", "chosei-search", "-o", str(out))
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Chosei search\n")
    assert "*Summary of Chosei search" in md
    assert "> Japan never recovered the victims' remains" in md
    assert "— The Korea Herald, 2026-01-12 [" in md
    sources = md.split("## Sources\n", 1)[1]
    assert "AFP, *Fresh from China, South Korea president to visit Japan*, " in sources
    assert "seeds" not in sources and str(tmp_path) not in md  # never a local path
    assert "Sources disagree" not in md  # 136 Koreans and 183 workers: not a dispute
    status, _, err = run(capsys, "export", "chosei-search", "-o", str(out), *corpus_args)
    assert status == 2 and "exists" in err
    kept = path.read_text(encoding="utf-8")
    assert "# my comment\nowner: me\n" in kept and "001_bfeed5d58f9e5359" in kept
    page = run(capsys, "export", "chosei-search", "--format", "html", *corpus_args)[1]
    assert page.startswith("<!DOCTYPE html>") and "Sources disagree" not in page
    args = ["--corpus", str(DISPUTE / "articles"), "--briefings", str(DISPUTE / "briefings")]
    md = run(capsys, "export", "ferry", *args)[1]
    assert "## Sources disagree" in md and "**312** [1] vs **320** [2]" in md


def test_edit_the_summary_in_the_editor(capsys, seeds: Path, tmp_path: Path, monkeypatch) -> None:
    briefings = tmp_path / "briefings"
    shutil.copytree(BRIEFINGS, briefings)
    args = ["--corpus", str(seeds), "--briefings", str(briefings)]
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "New summary, **kept**.\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    path = briefings / "history-track.md"
    before = path.read_text(encoding="utf-8")
    status, _, err = run(capsys, "edit", "history-track", *args)
    assert status == 0, err
    after = path.read_text(encoding="utf-8")
    assert after.endswith("---\nNew summary, **kept**.\n")
    assert after.split("---\n")[1] == before.split("---\n")[1]  # front matter untouched
    failing = tmp_path / "fail.sh"
    failing.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(failing))
    status, _, err = run(capsys, "edit", "history-track", *args)
    assert status == 2 and "exited with status 3" in err
    assert path.read_text(encoding="utf-8") == after
