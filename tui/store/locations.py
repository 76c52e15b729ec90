"""Every path the program writes to lives here: the index cache and the UI state file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import platformdirs

APP_NAME = "briefing"


def cache_root() -> Path:
    """The user's cache folder for briefing (XDG on Linux)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))


def default_index_dir(corpus_roots: list[Path]) -> Path:
    """A per-corpus index folder under the cache, named after the corpus folders it serves."""
    key = "\n".join(str(p.resolve()) for p in corpus_roots)
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stem = corpus_roots[0].resolve().name if corpus_roots else "corpus"
    return cache_root() / "indexes" / f"{stem}-{digest}"


def state_dir() -> Path:
    """The user's state folder for briefing: what was read, UI choices."""
    return Path(platformdirs.user_state_dir(APP_NAME))


def state_file() -> Path:
    """Where the app remembers UI choices (the theme); never the user's config.yaml."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / "state.json"


def unsaved_dir() -> Path:
    """Where a summary edited but not saved (the briefing changed meanwhile) is kept."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / "unsaved"


def default_fetched_dir() -> Path:
    """Where ``briefing fetch`` stores articles: the user's data folder, not the cache (these
    are articles the user keeps)."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "fetched"


def default_export_dir() -> Path:
    """Where the app writes exports and screenshots: the user's documents folder (never the
    folder the app was started from, which under ``make run`` is the checkout)."""
    return Path(platformdirs.user_documents_dir())
