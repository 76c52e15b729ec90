"""Which files of the corpus folders are articles, with their ids, topics and change stamps."""

from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.articles import sidecar_for


@dataclass(frozen=True)
class CorpusFile:
    id: str
    path: Path
    topics: tuple[str, ...]
    stamp: str  # size and mtime of the file and its sidecar: what "changed" means


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def _stamp(path: Path, st: os.stat_result, names: set[str]) -> str:
    stamp = f"{st.st_size}:{st.st_mtime_ns}"
    if path.suffix.lower() == ".txt" and (
        path.stem + ".yaml" in names or path.stem + ".yml" in names
    ):
        side = sidecar_for(path)
        if side is not None:
            sst = side.stat()
            stamp += f"+{sst.st_size}:{sst.st_mtime_ns}"
    return stamp


def scan(
    roots: tuple[Path, ...] | list[Path], patterns: tuple[str, ...] | list[str]
) -> tuple[list[CorpusFile], list[Skipped]]:
    """Walk the corpus folders (hidden entries and folder symlinks are not followed).

    With one root an id is the path under it without the extension (``sport/012``); with
    several, the root's folder name comes first so ids stay unique.
    """
    files: list[CorpusFile] = []
    skipped: list[Skipped] = []
    seen: dict[str, Path] = {}
    for root in roots:
        prefix = root.name + "/" if len(roots) > 1 else ""

        def on_error(exc: OSError, root: Path = root) -> None:
            skipped.append(
                Skipped(Path(exc.filename or root), f"unreadable folder: {exc.strerror}")
            )

        for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            here = Path(folder)
            present = set(names)
            for name in sorted(names):
                if name.startswith(".") or not any(fnmatch.fnmatchcase(name, p) for p in patterns):
                    continue
                path = here / name
                rel = path.relative_to(root)
                article_id = prefix + rel.with_suffix("").as_posix()
                topics = (rel.parts[0],) if len(rel.parts) > 1 else ()
                try:
                    st = path.stat()
                    if not stat.S_ISREG(st.st_mode):
                        skipped.append(Skipped(path, "not a regular file"))
                        continue
                    stamp = _stamp(path, st, present)
                except FileNotFoundError:
                    reason = "broken symlink" if path.is_symlink() else "file disappeared"
                    skipped.append(Skipped(path, reason))
                    continue
                except OSError as exc:
                    skipped.append(Skipped(path, f"unreadable: {exc.strerror or exc}"))
                    continue
                if article_id in seen:
                    skipped.append(Skipped(path, f"same id as {seen[article_id]}"))
                    continue
                seen[article_id] = path
                files.append(CorpusFile(article_id, path, topics, stamp))
    return files, skipped
