"""Shared fixtures: private user folders per test, copies of our own seeds and briefings.

The tests never read or write the user's files: not the checkout's ``briefings/``,
``config.yaml`` or ``seeds/`` (a user adds to those), not the user's cache, state, data or
documents folders. Each test runs in a folder of its own with its own XDG folders, and an
audit hook fails the run if anything in the test process opens or lists one of those paths.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from tui.backend.whoosh.index import ArticleIndex
from tui.store.config import Config

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"  # the bundled seeds as they were written, with their sidecars
BRIEFINGS = FIXTURES / "briefings"  # the bundled briefings as they were written
# Two reports of one ferry grounding that state different passenger counts (a real dispute),
# with a briefing of them: the seeds have none.
DISPUTE = FIXTURES / "dispute"
BBC = REPO.parent / "shared" / "corpora" / "bbc"

needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason="optional BBC corpus not present")

# What the tests must never touch: the checkout's own user files, the user's folders.
_USERS = [REPO / "briefings", REPO / "config.yaml", REPO / "seeds"]
_USERS += [
    Path(f(appname="briefing"))
    for f in (
        platformdirs.user_cache_dir,
        platformdirs.user_state_dir,
        platformdirs.user_data_dir,
        platformdirs.user_config_dir,
    )
]
_USERS.append(Path(platformdirs.user_documents_dir()))  # where the app exports
_USER_PREFIXES = tuple(str(p) for p in _USERS)
touched: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write tests/fixtures/golden anew from what reading gives now (review the diff)",
    )


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event not in ("open", "os.listdir", "os.scandir", "os.mkdir", "os.remove", "os.rename"):
        return
    path = args[0] if args else None
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if isinstance(path, str) and path.startswith(_USER_PREFIXES):
        touched.append(f"{event} {path}")


sys.addaudithook(_audit)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if touched:
        print("\nthe tests touched the user's files:\n  " + "\n  ".join(sorted(set(touched))))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user folders, nor the folder make test was started from: every
    test gets its own cache, state, data, config and documents folders and working folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))  # the documents folder (exports) is ~/Documents
    work = home / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A writable copy of the bundled seeds."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def seed_config(seeds: Path, tmp_path: Path) -> Config:
    return Config(corpus=(seeds,), briefings=BRIEFINGS, index_dir=tmp_path / "index")


@pytest.fixture
def seed_index(seed_config: Config) -> ArticleIndex:
    ix = ArticleIndex(seed_config.resolved_index_dir)
    ix.update(seed_config.corpus, seed_config.patterns, seed_config.max_article_bytes)
    return ix


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def server() -> Iterator[str]:
    """A feed server on 127.0.0.1 for this test (tests/feed_server.py); its base URL."""
    from tests.feed_server import running

    with running() as url:
        yield url


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in this test, as in a terminal, whatever the test run
    inherited: a shell without job control starts background jobs (CI, nohup) with SIGINT
    ignored, and Python then leaves it ignored."""
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# --- the user's files, byte for byte ----------------------------------------------------


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every regular file under the folders (links not followed), by path."""
    out: dict[str, bytes] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                with open(path, "rb") as handle:  # builtins: a test may patch Path.open
                    out[str(path)] = handle.read()
    return out


@pytest.fixture
def guard(tmp_path: Path) -> Iterator[list[Path]]:
    """Folders registered here must hold exactly the same bytes after the test."""
    folders: list[Path] = []
    yield folders
    before = _BEFORE.pop(id(folders), None)
    assert before is not None or not folders
    if folders:
        assert snapshot(*folders) == before


_BEFORE: dict[int, object] = {}  # a guard's folder list (by id) -> its bytes when protected


def protect(guard_list: list[Path], *folders: Path) -> None:
    guard_list.extend(folders)
    _BEFORE[id(guard_list)] = snapshot(*guard_list)
