"""Which files of the corpus folders are articles, with their ids, topics and change stamps."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CorpusFile:
    id: str
    where: str  # the file's path as a string: 100,000 Path objects cost a second to make
    topics: tuple[str, ...]
    stamp: str  # size and mtime of the file and its sidecar: what "changed" means

    @property
    def path(self) -> Path:
        return Path(self.where)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


HTML_SUFFIXES = (".html", ".htm")
RACY_NS = 2_000_000_000  # a folder changed this recently may change again within its stamp
_SIDECAR_OF = (".txt", *HTML_SUFFIXES)


def sidecar_for(path: Path) -> Path | None:
    """The ``<name>.yaml`` beside a ``.txt`` or web-page article, if there is one."""
    if path.suffix.lower() not in _SIDECAR_OF:
        return None
    for suffix in (".yaml", ".yml"):
        try:
            candidate = path.with_suffix(suffix)
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # e.g. the name plus ".yaml" is longer than allowed
            continue
    return None


def _sidecar_stamp(where: str, name: str, names: set[str]) -> str:
    """What the stamp adds for a ``<name>.yaml`` beside the article ("" when there is none)."""
    stem, dot, suffix = name.rpartition(".")
    if not (dot and stem and "." + suffix.lower() in _SIDECAR_OF):
        return ""
    if stem + ".yaml" not in names and stem + ".yml" not in names:
        return ""
    side = sidecar_for(Path(where))
    if side is None:
        return ""
    sst = side.stat()
    return f"+{sst.st_size}:{sst.st_mtime_ns}"


def _utf8(name: str) -> bool:
    """False for a name read from bytes that are not UTF-8 (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _walk(
    root: Path, skipped: list[Skipped], stamps: dict[str, int | None] | None = None
) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """Each folder under ``root`` with its file entries, depth-first, without recursion.

    Folder symlinks are followed once: a folder already seen (by device and inode) is skipped
    with a reason, so a link loop ends instead of spinning. Hidden entries are left out.
    ``stamps`` gets each folder's change stamp (see ``folders_unchanged``), taken before it is
    listed.
    """
    since = time.time_ns() - RACY_NS
    stack: list[str] = [str(root)]
    seen: dict[tuple[int, int], str] = {}
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in seen:
                skipped.append(Skipped(Path(folder), f"folder already scanned as {seen[key]}"))
                continue
            seen[key] = folder
            if stamps is not None:
                stamps[folder] = st.st_mtime_ns if st.st_mtime_ns < since else None
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(Path(folder), f"unreadable folder: {exc.strerror or exc}"))
            if stamps is not None:  # made readable, its stamp would not say so: look again
                stamps[folder] = None
            continue
        files: list[os.DirEntry[str]] = []
        folders: list[str] = []
        for entry in listing:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows a symlink to a folder
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(entry.path)
            else:
                files.append(entry)
        yield folder, files
        stack.extend(reversed(folders))


def _matcher(patterns: tuple[str, ...] | list[str]) -> Callable[[str], bool]:
    """A test of a file name against the corpus patterns: ``str.endswith`` when every pattern
    is ``*.ext`` (the usual case, and a regex per name cost a quarter of a no-change scan),
    else the patterns' shell-style match."""
    if all(p.startswith("*") and not any(c in p[1:] for c in "*?[") for p in patterns):
        suffixes = tuple(p[1:] for p in patterns)
        return lambda name: name.endswith(suffixes)
    wanted = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")
    return lambda name: wanted.match(name) is not None


def _without_suffix(name: str) -> str:
    """``Path(name).with_suffix("")`` without making a Path."""
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and stem and suffix else name


def scan(
    roots: tuple[Path, ...] | list[Path],
    patterns: tuple[str, ...] | list[str],
    claimed: Mapping[str, str] | None = None,
    folders: dict[str, int | None] | None = None,
) -> tuple[list[CorpusFile], list[Skipped]]:
    """Every article file under the corpus folders, and what was passed over and why.

    An id is the file's path under its own root without the extension (``sport/012``),
    whatever other roots there are: adding or removing a corpus folder (a feed's folder) never
    renames an article. When two roots hold the same path, the article that already had the id
    keeps it (``claimed``: id to path, from the catalog; else the earlier root) and the other
    is named with its root's folder first (``fetched/sport/012``). Only strings are handled per
    file (no Path objects), so a no-change scan of 100,000 files stays well under a second or
    two. ``folders`` gets every folder's change stamp (for ``folders_unchanged``).
    """
    found: list[tuple[int, str, CorpusFile]] = []  # (its root, the root's folder name, the file)
    skipped: list[Skipped] = []
    wanted = _matcher(patterns)
    for number, root in enumerate(roots):
        top = str(root)
        for here, entries in _walk(root, skipped, folders):
            present = {e.name for e in entries}
            sidecars = any(n.endswith((".yaml", ".yml")) for n in present)
            under = os.path.relpath(here, top)
            folder = "" if under == "." else under.replace(os.sep, "/") + "/"
            topics = (folder.split("/", 1)[0],) if folder else ()  # one tuple for the folder
            for entry in entries:
                name = entry.name
                if not wanted(name):
                    continue
                where = entry.path
                rel = folder + name
                if not _utf8(rel):
                    skipped.append(
                        Skipped(
                            Path(where), "name is not valid UTF-8; rename the file or its folder"
                        )
                    )
                    continue
                try:
                    st = entry.stat()
                    if not stat.S_ISREG(st.st_mode):
                        skipped.append(Skipped(Path(where), "not a regular file"))
                        continue
                    stamp = f"{st.st_size}:{st.st_mtime_ns}"
                    if sidecars:  # only folders with a .yaml pay for the sidecar check
                        stamp += _sidecar_stamp(where, name, present)
                except FileNotFoundError:
                    reason = "broken symlink" if entry.is_symlink() else "file disappeared"
                    skipped.append(Skipped(Path(where), reason))
                    continue
                except OSError as exc:
                    skipped.append(Skipped(Path(where), f"unreadable: {exc.strerror or exc}"))
                    continue
                article = CorpusFile(folder + _without_suffix(name), where, topics, stamp)
                found.append((number, root.name, article))
    return _unique_ids(found, claimed or {}, skipped), skipped


def folders_unchanged(stamps: Mapping[str, int | None]) -> bool:
    """True when no folder of a scan has changed since: none was added, removed or renamed in,
    and so no article file or sidecar either (a name added, removed or renamed changes its
    folder's modification time; so does saving by writing a new file and renaming it over the
    old, as editors, ``sed -i``, ``cp`` and this program's own writes do). A file written over
    in place is not a change of its folder: ``briefing index --full`` (and the app, when it
    starts) compare every file. A stamp taken within ``RACY_NS`` of a change is not trusted
    (``None``): the file system's clock is coarse, so a second change in the same tick could
    leave the folder's time as it was (git's "racily clean" index entries)."""
    for folder, stamp in stamps.items():
        if stamp is None:
            return False
        try:
            if os.stat(folder).st_mtime_ns != stamp:
                return False
        except OSError:
            return False
    return True


def _unique_ids(
    found: list[tuple[int, str, CorpusFile]], claimed: Mapping[str, str], skipped: list[Skipped]
) -> list[CorpusFile]:
    """The files with one id each: a path two roots share stays with the article that held it
    (else the first root's); the others take their root's folder name in front. Two files of
    one root with one id (``a.txt`` and ``a.md``): the first is kept, the other skipped."""
    if len({f.id for _, _, f in found}) == len(found):
        return [f for _, _, f in found]  # the usual case: nothing shared (no list per id)
    by_id: dict[str, list[int]] = {}
    for k, (_, _, f) in enumerate(found):
        by_id.setdefault(f.id, []).append(k)
    chosen: dict[int, str] = {}  # index into found -> its id
    taken: dict[str, str] = {}  # id -> the path holding it
    losers: list[int] = []
    for article_id, ks in by_id.items():
        keeper = next((k for k in ks if found[k][2].where == claimed.get(article_id)), ks[0])
        chosen[keeper] = article_id
        taken[article_id] = found[keeper][2].where
        for k in ks:
            if k == keeper:
                continue
            if found[k][0] == found[keeper][0]:  # the same root: not a collision of roots
                skipped.append(Skipped(found[k][2].path, f"same id as {found[keeper][2].where}"))
            else:
                losers.append(k)
    for k in sorted(losers):
        _, root_name, f = found[k]
        renamed = f"{root_name}/{f.id}"
        if renamed in taken or renamed in by_id:
            skipped.append(Skipped(f.path, f"same id as {taken[f.id]}"))
            continue
        chosen[k] = renamed
        taken[renamed] = f.where
    return [
        f if chosen[k] == f.id else CorpusFile(chosen[k], f.where, f.topics, f.stamp)
        for k, (_, _, f) in enumerate(found)
        if k in chosen
    ]
