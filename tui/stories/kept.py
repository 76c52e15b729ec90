"""The grouping kept beside the index, brought up to date with the catalog.

It lives next to the index folder, not in it: rebuilding the index keeps every story id. It is
derived data all the same: a damaged file is set aside and the grouping made again (the ids
come from the founding articles, so they come out the same).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tui.search.catalog import Entry, oldest_first
from tui.store.atomic import write_atomic
from tui.store.background import StopSignal
from tui.stories.features import Features, features
from tui.stories.grouping import Grouping

BATCH = 2_000  # articles read and placed at a time: memory stays bounded at any corpus size

Texts = Callable[[list[str]], dict[str, tuple[str, str]]]  # ids -> (title, text) each


def grouping_path(index_dir: Path) -> Path:
    return index_dir.with_name(index_dir.name + ".stories.json")


def load_grouping(path: Path) -> tuple[Grouping, str | None]:
    """The grouping saved at ``path`` (an empty one when there is none), and what was wrong
    with the file when it could not be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Grouping(), None
    except OSError as exc:
        return Grouping(), f"{path}: cannot read the stories ({exc.strerror}); grouping again"
    try:
        return Grouping.from_json(json.loads(raw)), None
    except ValueError as exc:
        return Grouping(), f"{path}: {exc}; grouping again"


def save_grouping(grouping: Grouping, path: Path) -> bool:
    """Write the grouping atomically; False when it cannot be written (it is made again)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(grouping.to_json(), separators=(",", ":")).encode())
    except OSError:
        return False
    return True


def _texts(texts: Texts, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The texts of a batch; when reading the batch fails, each article alone, and one that
    cannot be read is left out (it is placed on its title): it never stops the grouping."""
    try:
        return texts(ids)
    except Exception:  # whatever one article does, the others are grouped
        got: dict[str, tuple[str, str]] = {}
        for article_id in ids:
            try:
                got.update(texts([article_id]))
            except Exception:  # left out, placed on its title
                continue
        return got


def bring_up_to_date(
    grouping: Grouping,
    catalog: dict[str, Entry],
    texts: Texts,
    stop: StopSignal | None = None,
) -> int:
    """Forget deleted articles, place new ones (oldest first, ``BATCH`` at a time); how many
    were placed. An article whose text cannot be had is placed on its title alone."""
    grouping.remove([i for i in grouping.members if i not in catalog])
    new = sorted(
        (e for i, e in catalog.items() if i not in grouping.members),
        key=oldest_first,
    )
    for start in range(0, len(new), BATCH):
        if stop is not None and stop.is_set():
            break
        chunk = new[start : start + BATCH]
        got = _texts(texts, [e.id for e in chunk])
        rows: list[tuple[str, str | None, Features]] = []
        for e in chunk:
            title, text = got.get(e.id, (e.title, ""))
            rows.append((e.id, e.date, features(title or e.title, text)))
        grouping.place(rows)
    return len(new)
