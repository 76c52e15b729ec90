"""Which articles the user has read, kept in the user's state folder (never in the corpus, never
in the index): per corpus, by article id, so it survives a restart and ``index --rebuild``.

Every change is read-modify-write of the file at once (the app and ``briefing mark`` may both
be at work): what another process marked meanwhile is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from tui.store.atomic import write_atomic
from tui.store.locations import state_dir


def read_state_path(index_dir: Path) -> Path:
    """The read state of the corpus whose index is ``index_dir`` (named after it)."""
    return state_dir() / "read" / f"{index_dir.name}.json"


class ReadState:
    """The ids of the articles read; an id not here is unread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids: set[str] = self._load()
        self.problem: str | None = None  # set when the file could not be written

    def _load(self) -> set[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        read = data.get("read") if isinstance(data, dict) else None
        return {i for i in read if isinstance(i, str)} if isinstance(read, list) else set()

    def is_read(self, article_id: str) -> bool:
        return article_id in self.ids

    def unread(self, ids: Iterable[str]) -> list[str]:
        return [i for i in ids if i not in self.ids]

    def mark(self, ids: Iterable[str], read: bool = True) -> int:
        """Mark articles read (or unread) and keep it; how many changed. A file that cannot be
        written leaves the marks in memory for this run and says why in ``problem``."""
        wanted = set(ids)
        # What is kept on disk now (another process may have marked since); before the file
        # exists, what this run marked.
        current = self._load() if self.path.exists() else set(self.ids)
        before = set(current)
        if read:
            current |= wanted
        else:
            current -= wanted
        changed = len(current ^ before)
        self.ids.clear()  # the same set, changed in place: views holding it see the change
        self.ids.update(current)
        if changed:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                data = {"read": sorted(current)}
                write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
                self.problem = None
            except OSError as exc:
                self.problem = f"{self.path}: cannot keep what was read ({exc.strerror})"
        return changed
