"""The core is plain Python: importing it (and the CLI) never loads Textual."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS


def modules(package: Path = REPO / "tui") -> list[str]:
    """Every module of the program, read from its folders."""
    out = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


# The core: every module but the app's (and __main__, which runs the command line).
DOMAIN = [m for m in modules() if not m.startswith("tui.app") and m != "tui.__main__"]


def layers() -> list[str]:
    """The layers contract of pyproject.toml, each layer's packages."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c["name"].startswith("Folders")
    )
    return [p.strip() for layer in contract["layers"] for p in layer.split("|")]


def test_every_folder_and_module_of_tui_is_a_layer() -> None:
    """A new folder (or a module beside cli.py) must be placed in the layers, or it would be
    guarded by nothing."""
    top = {
        ".".join(path.relative_to(REPO).with_suffix("").parts[:2])
        for path in (REPO / "tui").rglob("*.py")
        if path.parent != REPO / "tui" or path.stem not in ("__init__", "__main__")
    }
    assert top == set(layers())


@pytest.mark.slow
def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in DOMAIN)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_search_json_loads_only_what_it_uses(tmp_path) -> None:
    """`briefing search --json` (what a script calls in a loop) imports neither Rich's console
    nor the article readers: with the index up to date, only config, index and search are
    needed (config checks colours with ``rich.color``, which is small). Nor asyncio, which
    Whoosh's ``cached-property`` would import, nor urllib.request (with http, email and ssl),
    which Whoosh's compat module would (``tui/__init__.py``)."""
    import os
    import shutil

    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-m", "tui", "index", "--corpus", str(corpus)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    code = (
        "import io, contextlib, sys\n"
        "from tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    status = cli.main(['search', 'Chosei', '--json', '--corpus', {str(corpus)!r}])\n"
        "assert status == 0 and '\"total\": 2' in out.getvalue(), out.getvalue()\n"
        "heavy = ('rich.console', 'rich.text', 'rich.table', 'rich.progress', 'textual',\n"
        "         'markdown_it', 'trafilatura', 'tui.ingest.article', 'tui.library',\n"
        "         'tui.compare.facts',\n"
        "         'tui.backend.whoosh.writer', 'multiprocessing', 'tui.ingest', 'asyncio',\n"
        "         'urllib.request', 'http', 'ssl', 'email')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_readme_names_every_module() -> None:
    """A newcomer finds every module in "Where things live"."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things live")[1].split("\n## ")[0]
    package = REPO / "tui"
    modules = [
        p.relative_to(package).as_posix() for p in package.rglob("*.py") if p.name != "__init__.py"
    ]
    missing = [m for m in modules if f"`{m}`" not in section]
    assert not missing, f"README's 'Where things live' does not name: {missing}"


def test_the_docs_name_tests_that_exist() -> None:
    """Every test the docs point to (``tests/…py::name``, a file, a bare ``test_…`` name)
    is there: a test renamed or moved does not leave the docs pointing at nothing."""
    sources = {
        p.relative_to(REPO).as_posix(): p.read_text() for p in (REPO / "tests").rglob("*.py")
    }
    defined = {n for text in sources.values() for n in re.findall(r"def (test_\w+)", text)}
    gone = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for path, name in re.findall(r"(tests/[\w/]+\.py)(?:::(\w+))?", text):
            if path not in sources or (name and f"def {name}(" not in sources[path]):
                gone.append(f"{doc.name}: {path}::{name}")
        for name in re.findall(r"`(test_\w+)(?:…)?`", text):
            if not any(d.startswith(name) for d in defined):
                gone.append(f"{doc.name}: {name}")
    assert not gone


def test_few_type_ignores_each_with_its_reason() -> None:
    """At most five ``type: ignore`` in the product, each saying why on its line."""
    found = [
        (p.relative_to(REPO).as_posix(), line)
        for p in (REPO / "tui").rglob("*.py")
        for line in p.read_text(encoding="utf-8").splitlines()
        if "type: ignore" in line
    ]
    assert len(found) <= 5, found
    assert all(re.search(r"type: ignore\[[\w-]+\]  # \w", line) for _, line in found), found


def test_whooshs_cached_attribute_is_computed_once_per_reader(tmp_path) -> None:
    """Whoosh's one ``cached_property`` (a reader's deleted documents) answered by the
    standard library's: computed once, kept on the reader, new for a new reader."""
    import cached_property  # type: ignore[import-untyped]
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage
    from whoosh.reading import SegmentReader

    assert cached_property.cached_property is __import__("functools").cached_property
    ix = RamStorage().create_index(fields.Schema(id=fields.ID(stored=True, unique=True)))
    with ix.writer() as w:
        for k in range(3):
            w.add_document(id=str(k))
    with ix.writer() as w:
        w.delete_by_term("id", "1")
    reader = ix.reader()
    assert isinstance(reader, SegmentReader)
    assert reader.deleted_docs_set == frozenset({1})
    assert reader.__dict__["deleted_docs_set"] is reader.deleted_docs_set  # kept


def test_urllib_request_is_the_real_one_after_whoosh_is_imported(tmp_path) -> None:
    """The stand-in that spares Whoosh's compat module urllib.request is gone once Whoosh is
    imported: the program's own HTTP (feeds) gets the real module, and Whoosh's
    ``urlretrieve`` still fetches (with the real one, imported when called)."""
    code = (
        "import sys, tui.backend.whoosh, whoosh.compat\n"
        "assert 'urllib.request' not in sys.modules\n"
        "import urllib.request\n"
        "assert urllib.request.Request and urllib.request.urlopen\n"
        f"src = {str(tmp_path / 'a.txt')!r}\n"
        "open(src, 'w').write('hello')\n"
        "name, _ = whoosh.compat.urlretrieve('file://' + src, src + '.copy')\n"
        "print(open(name).read())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "hello"
