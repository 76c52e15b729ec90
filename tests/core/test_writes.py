"""Writes that never lose or half-do: curate writes under the briefings folder's lock, an
edited summary that is empty, unchanged or overtaken, a missing editor, a briefing that is a
symbolic link, a title taken twice, exports onto folders, and an index update that cannot be
written (a full disk) while the last complete index stays in use."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import BRIEFINGS, SEEDS, write
from tui.briefings.curate import BriefingFile, ChangedOnDisk, CurateError, change_file, save_summary
from tui.cli import main


@pytest.fixture
def folders(tmp_path: Path) -> list[str]:
    seeds, briefings = tmp_path / "seeds", tmp_path / "briefings"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(BRIEFINGS, briefings)
    return ["--corpus", str(seeds), "--briefings", str(briefings)]


def test_two_writers_at_once_both_land(tmp_path: Path) -> None:
    """Twenty threads each add a keyword to one briefing at the same moment: all twenty
    are in the file (each write reads, changes and writes under the folder's lock)."""
    folder = tmp_path / "b"
    shutil.copytree(BRIEFINGS, folder)
    path = folder / "history-track.md"
    start = threading.Barrier(20)

    def add(n: int) -> None:
        start.wait()
        change_file(path, lambda bf: bf.add_keyword(f"word{n}"))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    text = path.read_text(encoding="utf-8")
    assert all(f"word{n}" in text for n in range(20))


@pytest.mark.slow
def test_two_processes_pinning_at_once_both_land(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    shutil.copytree(BRIEFINGS, folder)
    path = folder / "shuttle-diplomacy.md"
    script = (
        "import sys; from pathlib import Path; from tui.briefings.curate import change_file\n"
        "for n in range(15):\n"
        "    change_file(Path(sys.argv[1]), lambda bf: bf.pin(f'{sys.argv[2]}-{n}'))\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), name]) for name in "ab"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    text = path.read_text(encoding="utf-8")
    assert all(f"{name}-{n}" in text for name in "ab" for n in range(15))


def test_an_edited_summary_overtaken_by_another_is_refused_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    shutil.copytree(BRIEFINGS, folder)
    path = folder / "history-track.md"
    mine, theirs = BriefingFile.open(path), BriefingFile.open(path)
    assert save_summary(theirs, "Their summary.\n") == "summary saved"
    with pytest.raises(ChangedOnDisk, match="changed while you edited it") as refused:
        save_summary(mine, "My summary.\n")
    kept = Path(str(refused.value).rsplit("your text is in ", 1)[1].rstrip(")"))
    assert kept.read_text(encoding="utf-8") == "My summary.\n"
    assert "Their summary." in path.read_text(encoding="utf-8")


def test_a_summary_edited_while_the_front_matter_changed_lands_with_it(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    shutil.copytree(BRIEFINGS, folder)
    path = folder / "history-track.md"
    editing = BriefingFile.open(path)
    change_file(path, lambda bf: bf.add_keyword("Ube"))  # meanwhile, another writer
    assert save_summary(editing, "A new summary.\n") == "summary saved"
    text = path.read_text(encoding="utf-8")
    assert "Ube" in text and text.endswith("---\nA new summary.\n")


def test_an_emptied_or_unchanged_summary_is_not_saved(
    folders: list[str], tmp_path: Path, monkeypatch, capsys
) -> None:
    path = Path(folders[3]) / "history-track.md"
    before = path.read_bytes()
    for script, said in (
        ('#!/bin/sh\n: > "$1"\n', "not saved: the editor left the summary empty"),
        ("#!/bin/sh\nexit 0\n", "unchanged"),
    ):
        editor = write(tmp_path / "editor.sh", script)
        editor.chmod(0o755)
        monkeypatch.setenv("VISUAL", str(editor))
        assert main(["edit", "history-track", *folders]) == 0
        assert said in capsys.readouterr().err
        assert path.read_bytes() == before


def test_a_missing_editor_is_one_line(folders: list[str], monkeypatch, capsys) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-here")
    with pytest.raises(SystemExit) as done:
        main(["edit", "history-track", *folders])
    err = capsys.readouterr().err.strip()
    assert done.value.code == 2 and "\n" not in err
    assert "cannot run the editor 'no-such-editor-here': not found" in err
    assert "FileNotFoundError" not in err


def test_a_briefing_that_is_a_symlink_is_written_through(tmp_path: Path, capsys) -> None:
    seeds, briefings, real = tmp_path / "seeds", tmp_path / "b", tmp_path / "real"
    shutil.copytree(SEEDS, seeds)
    briefings.mkdir()
    real.mkdir()
    shutil.copy(BRIEFINGS / "history-track.md", real / "history-track.md")
    (briefings / "history-track.md").symlink_to(real / "history-track.md")
    args = ["--corpus", str(seeds), "--briefings", str(briefings)]
    assert main(["keyword", "history-track", "Ube", *args]) == 0
    assert (briefings / "history-track.md").is_symlink()
    assert "Ube" in (real / "history-track.md").read_text(encoding="utf-8")


def test_a_title_another_briefing_has_is_refused(folders: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["new", "The History Track", *folders])
    assert done.value.code == 2
    assert "a briefing titled 'The History Track' exists already" in capsys.readouterr().err
    assert main(["briefings", "--json", *folders]) == 0


def test_a_curate_write_that_cannot_be_made_names_the_file(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "b"
    shutil.copytree(BRIEFINGS, folder)
    path = folder / "history-track.md"
    before = path.read_bytes()

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tui.briefings.curate.write_atomic", full)
    with pytest.raises(CurateError) as failed:
        change_file(path, lambda bf: bf.add_keyword("Ube"))
    assert str(failed.value) == (
        f"{path}: not written: No space left on device (the file is as it was)"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("where", ["folder", "missing folder"])
def test_export_onto_a_folder_or_into_a_missing_one_names_the_users_path(
    folders: list[str], tmp_path: Path, capsys, where: str
) -> None:
    target = tmp_path / "out" if where == "folder" else tmp_path / "nowhere" / "out.md"
    if where == "folder":
        target.mkdir()
    with pytest.raises(SystemExit) as done:
        main(["export", "history-track", "-o", str(target), "--force", *folders])
    err = capsys.readouterr().err
    assert done.value.code == 2 and str(target.parent if where != "folder" else target) in err
    assert ".tmp" not in err and "Error" not in err.replace("error:", "")


def test_a_javascript_url_is_never_a_link_in_an_export() -> None:
    import datetime as dt

    from markdown_it import MarkdownIt

    from tui.briefings.briefing import Pane
    from tui.briefings.export import document, to_html, to_markdown
    from tui.ingest.article import Article, Block

    a = Article("a", Path("/home/me/a.txt"), "T", [Block("Text.")], url="javascript:alert(1)")
    doc = document(Pane("P", "curated", ["a"]), [a], [])
    md = to_markdown(doc, today=dt.date(2026, 1, 1))
    assert "javascript" not in MarkdownIt("commonmark").render(md).split("href=")[-1]
    assert "javascript" not in md and "/home/me" not in md
    page = to_html(doc, today=dt.date(2026, 1, 1))
    assert "javascript" not in page and "/home/me" not in page


def _limited(size: int) -> None:
    """In the child: files larger than ``size`` cannot be written (as on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


@pytest.mark.slow
def test_an_index_update_that_cannot_be_written_keeps_the_last_index(tmp_path: Path) -> None:
    """Writer processes that cannot write their files (a file-size limit stands in for a full
    disk): one line and exit 1, no traceback, nothing committed; a search meanwhile uses the
    last complete index; once there is room the update goes through."""
    corpus = tmp_path / "corpus"
    for k in range(400):
        words = " ".join(f"w{(k * 7 + j) % 997}" for j in range(200))
        write(corpus / f"{k:04}.txt", f"Article {k}\n\nCommonword {words}.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "tui"]
    subprocess.run([*run, "index", "--corpus", str(corpus)], env=env, check=True, timeout=120)
    for k in range(400, 900):
        write(corpus / f"{k:04}.txt", f"Later {k}\n\nNewword w{k} and more text here.\n")
    failed = subprocess.run(
        [*run, "index", "--corpus", str(corpus)],
        env=env, capture_output=True, text=True, timeout=120, preexec_fn=lambda: _limited(60_000),
    )  # fmt: skip
    assert failed.returncode == 1, failed.stderr
    err = failed.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert "cannot write the index" in err and "the last complete index is kept" in err
    search = subprocess.run(
        [*run, "search", "Commonword", "--corpus", str(corpus), "--json"],
        env=env, capture_output=True, text=True, timeout=120, preexec_fn=lambda: _limited(60_000),
    )  # fmt: skip
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout)["total"] == 400  # the last complete index
    assert "the last complete index is kept" in search.stderr and "Traceback" not in search.stderr
    done = subprocess.run(
        [*run, "search", "Newword", "--corpus", str(corpus), "--json"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert json.loads(done.stdout)["total"] == 500


@pytest.mark.slow
def test_a_reader_whose_library_is_missing_stops_the_command_in_one_line(
    tmp_path: Path,
) -> None:
    """lxml_html_clean not importable (what Python 3.11's own pip left out): the index stops
    with one line naming the package and exit 1, instead of skipping every page."""
    corpus = tmp_path / "corpus"
    write(corpus / "a.html", "<html><body><article><p>" + "Words here. " * 40 + "</p></article>")
    write(corpus / "b.txt", "A text\n\nWith a body.\n")
    code = (
        "import sys; sys.modules['lxml_html_clean'] = None; sys.modules['lxml.html.clean'] = None\n"
        "from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code, "index", "--corpus", str(corpus)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    err = done.stderr.strip()
    assert done.returncode == 1 and "\n" not in err, err
    assert "the HTML reader cannot start: lxml_html_clean cannot be imported" in err
    assert "skipped" not in done.stdout


def test_the_html_reader_is_declared_for_any_pip() -> None:
    """trafilatura asks for lxml's html_clean extra, which lxml 6.2 renamed: pip 23.2 (Python
    3.11's own) then installs nothing for it. Declared directly, any pip installs it."""
    import tomllib

    from tests.conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("lxml_html_clean") for d in project["dependencies"])
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert "\nlxml-html-clean==" in lock and "--hash=sha256:" in lock


@pytest.mark.slow
def test_pip_install_with_python_311s_own_pip_gets_a_working_html_reader(
    tmp_path: Path,
) -> None:
    """What ``pip install .`` (or pipx) resolves with the pip that comes with Python 3.11
    (ensurepip's, not upgraded): the reader's libraries are among what it installs."""
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the pip bundled with Python 3.11 is the one that misread the extra")
    from tests.conftest import REPO

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    version = subprocess.run([*pip, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("pip 23."), version.stdout  # Python 3.11's own
    (tmp_path / "source").mkdir()
    source = tmp_path / "source"  # the package as pip sees it, built away from the checkout
    for name in ("pyproject.toml", "README.md", "tui"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, source / name if name == "tui" else source)
    report = tmp_path / "report.json"
    done = subprocess.run(
        [*pip, "install", "--dry-run", "--quiet", "--report", str(report), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    names = {i["metadata"]["name"].lower().replace("_", "-") for i in json.loads(
        report.read_text(encoding="utf-8"))["install"]}  # fmt: skip
    assert {"lxml-html-clean", "trafilatura", "lxml"} <= names
