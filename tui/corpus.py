"""Which files of the corpus folders are articles, with their ids, topics and change stamps."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
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
    if path.suffix.lower() in (".txt", ".html", ".htm") and (
        path.stem + ".yaml" in names or path.stem + ".yml" in names
    ):
        side = sidecar_for(path)
        if side is not None:
            sst = side.stat()
            stamp += f"+{sst.st_size}:{sst.st_mtime_ns}"
    return stamp


def _utf8(name: str) -> bool:
    """False for a name read from bytes that are not UTF-8 (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[tuple[Path, list[str]]]:
    """Each folder under ``root`` with its file names, depth-first, without recursion.

    Folder symlinks are followed once: a folder already seen (by device and inode) is skipped
    with a reason, so a link loop ends instead of spinning. Hidden entries are left out.
    """
    stack: list[Path] = [root]
    seen: dict[tuple[int, int], Path] = {}
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in seen:
                skipped.append(Skipped(folder, f"folder already scanned as {seen[key]}"))
                continue
            seen[key] = folder
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(folder, f"unreadable folder: {exc.strerror or exc}"))
            continue
        files: list[str] = []
        folders: list[Path] = []
        for entry in listing:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows a symlink to a folder
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(Path(entry.path))
            else:
                files.append(entry.name)
        yield folder, files
        stack.extend(reversed(folders))


def scan(
    roots: tuple[Path, ...] | list[Path], patterns: tuple[str, ...] | list[str]
) -> tuple[list[CorpusFile], list[Skipped]]:
    """Every article file under the corpus folders, and what was passed over and why.

    With one root an id is the path under it without the extension (``sport/012``); with
    several, the root's folder name comes first so ids stay unique.
    """
    files: list[CorpusFile] = []
    skipped: list[Skipped] = []
    seen: dict[str, Path] = {}
    for root in roots:
        prefix = root.name + "/" if len(roots) > 1 else ""
        for here, names in _walk(root, skipped):
            present = set(names)
            for name in names:
                if not any(fnmatch.fnmatchcase(name, p) for p in patterns):
                    continue
                path = here / name
                rel = path.relative_to(root)
                if not _utf8(str(rel)):
                    skipped.append(
                        Skipped(path, "name is not valid UTF-8; rename the file or its folder")
                    )
                    continue
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
