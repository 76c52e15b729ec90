"""Shared fixtures: a private cache per test, copies of the seeds, and small corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.config import Config
from tui.index import ArticleIndex

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
BRIEFINGS = REPO / "briefings"
BBC = REPO.parent / "shared" / "corpora" / "bbc"

needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason="optional BBC corpus not present")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user cache or state: every test gets its own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


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
