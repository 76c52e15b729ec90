"""Changing a briefing file the user owns: new briefings, pins, keywords, clippings, summary.

These are the only writes to a file the user wrote. Each is a round trip through ruamel.yaml,
so the front matter keeps its comments, key order, quoting, flow lists and keys we do not
know; the Markdown body is kept byte for byte unless the summary is what changes; line endings
stay as they were (CRLF too). The file is written atomically (temporary file, fsync, rename),
and never over a file that changed on disk since it was read.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import re
import shlex
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from tui.ingest.article import decode, split_front_matter
from tui.store import yaml_safe
from tui.store.atomic import write_atomic


class CurateError(Exception):
    """A briefing could not be changed; the message names the file and why."""


class ChangedOnDisk(CurateError):
    """The file changed since it was read: nothing is written over it."""


@dataclass
class BriefingFile:
    """One briefing file as read: its front matter (round-trip), body, line ending, digest."""

    path: Path
    data: CommentedMap
    body: str
    newline: str
    digest: str
    had_bom: bool = False

    # --- reading ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> BriefingFile:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CurateError(f"{path}: cannot read: {exc.strerror or exc}") from None
        had_bom = raw.startswith(b"\xef\xbb\xbf")
        newline = "\r\n" if b"\r\n" in raw else "\n"
        text = decode(raw).removeprefix("\ufeff").replace("\r\n", "\n")
        fm, body, _ = split_front_matter(text)
        if fm is None:
            raise CurateError(f"{path}:1: no front matter: start the file with a '---' block")
        try:
            data = yaml_safe.round_trip().load(fm) if fm.strip() else CommentedMap()
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 2}" if mark is not None else ""
            raise CurateError(f"{path}{line}: front matter is not valid YAML") from None
        if data is None:
            data = CommentedMap()
        if not isinstance(data, CommentedMap):
            raise CurateError(f"{path}:2: front matter must be a mapping of keys to values")
        return cls(path, data, body, newline, hashlib.sha256(raw).hexdigest(), had_bom)

    # --- changes ------------------------------------------------------------------------

    def _list(self, key: str) -> CommentedSeq:
        value = self.data.get(key)
        if value is None:
            value = CommentedSeq()
            value.fa.set_flow_style()
            self.data[key] = value
        if not isinstance(value, list):
            raise CurateError(f"{self.path}: {key} must be a list to be changed here")
        return cast(CommentedSeq, value)  # ruamel reads every YAML list as a CommentedSeq

    def pin(self, article_id: str) -> bool:
        """Add an article; False when it was there already."""
        articles = self._list("articles")
        if article_id in articles:
            return False
        articles.append(article_id)
        return True

    def pin_story(self, story_id: str) -> bool:
        """Add a story (all its articles, those that join it later too); False when it was
        there already."""
        stories = self._list("stories")
        if story_id in stories:
            return False
        stories.append(story_id)
        return True

    def unpin_story(self, story_id: str) -> bool:
        stories = self._list("stories")
        if story_id not in stories:
            return False
        stories.remove(story_id)
        return True

    def unpin(self, *article_ids: str) -> bool:
        """Take the article out (under any of the ids given); False when it was not there."""
        articles = self._list("articles")
        found = [a for a in articles if a in article_ids]
        for a in found:
            articles.remove(a)
        return bool(found)

    def normalise_ids(self, known: Callable[[str], str | None]) -> None:
        """Write each article id in the form it has now (an id written before ids were stable,
        ``seeds/004_…``, becomes ``004_…``); an unknown id stays as written."""

        def now(value: object) -> object:
            if isinstance(value, str):
                current = known(value)
                if current is not None and current != value:
                    return type(value)(current)  # a quoted id stays quoted
            return value

        lists = [self.data.get("articles")]
        pairs = self.data.get("compare")
        if isinstance(pairs, list):
            lists.extend(pairs)
        for seq in lists:
            if isinstance(seq, list):
                for k, item in enumerate(seq):
                    seq[k] = now(item)
        clippings = self.data.get("clippings")
        if isinstance(clippings, list):
            for c in clippings:
                if isinstance(c, dict) and "article" in c:
                    c["article"] = now(c["article"])

    def add_keyword(self, word: str) -> bool:
        keywords = self._list("keywords")
        if any(str(k).casefold() == word.casefold() for k in keywords):
            return False
        keywords.append(word)
        return True

    def remove_keyword(self, word: str) -> bool:
        keywords = self._list("keywords")
        for k in list(keywords):
            if str(k).casefold() == word.casefold():
                keywords.remove(k)
                return True
        return False

    def clip(self, article_id: str, text: str) -> bool:
        """Keep a passage of an article as a clipping (a quote with its article id)."""
        clippings = self.data.get("clippings")
        if clippings is None:
            clippings = self.data["clippings"] = CommentedSeq()
        if not isinstance(clippings, list):
            raise CurateError(f"{self.path}: clippings must be a list to be changed here")
        passage = " ".join(text.split())
        for c in clippings:
            if isinstance(c, dict) and c.get("article") == article_id and c.get("text") == passage:
                return False
        entry = CommentedMap()
        entry["article"] = article_id
        entry["text"] = passage
        clippings.append(entry)
        if article_id not in self._list("articles"):
            self.pin(article_id)  # a clipping's article belongs to the briefing
        return True

    def unclip(self, article_id: str, text: str) -> bool:
        """Take out a clipping (its article and text as written); False when it is not there."""
        clippings = self.data.get("clippings")
        if not isinstance(clippings, list):
            return False
        for k, c in enumerate(clippings):
            if isinstance(c, dict) and c.get("article") == article_id and c.get("text") == text:
                del clippings[k]
                return True
        return False

    def set_title(self, title: str) -> bool:
        title = " ".join(title.split())
        if not title:
            raise CurateError(f"{self.path}: a briefing needs a title")
        if self.data.get("title") == title:
            return False
        self.data["title"] = title
        return True

    def set_summary(self, text: str) -> None:
        self.body = text if text.endswith("\n") or not text else text + "\n"

    # --- writing ------------------------------------------------------------------------

    def render(self) -> bytes:
        out = io.StringIO()
        yaml_safe.round_trip().dump(self.data, out)
        text = f"---\n{out.getvalue()}---\n{self.body}"
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (("\ufeff" if self.had_bom else "") + text).encode("utf-8")

    def save(self) -> None:
        """Write atomically, unless the file changed on disk since it was read: the check and
        the write are one step under the briefings folder's lock, so of two writers the second
        sees the first's change (never a silent loss)."""
        with folder_lock(self.path.parent):
            try:
                now = hashlib.sha256(self.path.read_bytes()).hexdigest()
            except FileNotFoundError:
                raise ChangedOnDisk(
                    f"{self.path}: removed since it was read; not written"
                ) from None
            except OSError as exc:
                raise CurateError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
            if now != self.digest:
                raise ChangedOnDisk(
                    f"{self.path}: changed on disk since it was read; not written (read it again)"
                )
            data = self.render()
            try:
                write_atomic(self.path, data)
            except OSError as exc:
                raise CurateError(
                    f"{self.path}: not written: {exc.strerror or exc} (the file is as it was)"
                ) from None
        self.digest = hashlib.sha256(data).hexdigest()


def change_file(
    path: Path,
    change: Callable[[BriefingFile], bool],
    known: Callable[[str], str | None] | None = None,
) -> bool:
    """Open the briefing file, make the change, save it when it changed (atomically, never
    over a file changed since it was read). True when the file changed. With ``known`` (the
    index's ``known_id``), ids written in an older form are written as they are now."""
    with folder_lock(path.parent):  # read, change and write as one step: no lost update
        bf = BriefingFile.open(path)
        done = change(bf)
        if done:
            if known is not None:
                bf.normalise_ids(known)
            bf.save()
    return done


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """The briefings folder's lock: one curate write at a time, across processes (a POSIX
    lock on the folder itself, which dies with its process) and the threads of this one.
    Re-entrant in one thread (``change_file`` holds it around ``save``)."""
    key = str(folder.resolve())
    with _LOCKS_GUARD:
        local = _LOCKS.setdefault(key, threading.RLock())
    with local:
        owner = getattr(_HELD, key, 0)
        if owner:
            setattr(_HELD, key, owner + 1)
            try:
                yield
            finally:
                setattr(_HELD, key, owner)
            return
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError as exc:
            raise CurateError(f"{folder}: cannot open the folder: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            setattr(_HELD, key, 1)
            try:
                yield
            finally:
                setattr(_HELD, key, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


_HELD = threading.local()  # this thread's depth in each folder's lock


def passage_in(article_text: str, text: str) -> str | None:
    """The passage, its spacing made single, when the article has it word for word."""
    passage = " ".join(text.split())
    return passage if passage and passage in " ".join(article_text.split()) else None


def editor() -> str:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit_in_editor(
    text: str,
    around: Callable[[], AbstractContextManager[Any]] = contextlib.nullcontext,
) -> tuple[int, str]:
    """Run $VISUAL / $EDITOR on a temporary copy of ``text`` (inside ``around``: the app
    steps aside meanwhile); its exit status and the text as the editor left it. An editor
    that cannot be run is a ``CurateError`` naming it."""
    try:
        command = shlex.split(editor())
    except ValueError as exc:
        raise CurateError(f"cannot run the editor {editor()!r} ({exc})") from None
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        with around():
            status = subprocess.call([*command, tmp.name])
        return status, Path(tmp.name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CurateError(
            f"cannot run the editor {command[0] if command else ''!r}: not found; "
            "set $VISUAL or $EDITOR to one that is installed"
        ) from None
    except PermissionError:
        raise CurateError(f"cannot run the editor {command[0]!r}: not allowed") from None
    finally:
        Path(tmp.name).unlink(missing_ok=True)


def save_summary(bf: BriefingFile, text: str) -> str:
    """Save a summary written in the editor; what happened, in a few words. Not saved when
    the editor left it empty or as it was. When the file changed meanwhile: saved over the
    new front matter if only that changed (both changes land); refused when the summary
    itself changed, the text kept in a file that the ``CurateError`` names."""
    if not text.strip():
        return "not saved: the editor left the summary empty"
    if text == bf.body:
        return "unchanged"
    with folder_lock(bf.path.parent):
        now = BriefingFile.open(bf.path)
        if now.digest != bf.digest and now.body != bf.body:
            kept = keep_unsaved(bf.path, text)
            raise ChangedOnDisk(
                f"{bf.path}: its summary changed while you edited it; not saved (your text "
                f"is in {kept})"
            )
        now.set_summary(text)
        now.save()
    return "summary saved"


def keep_unsaved(path: Path, text: str) -> Path:
    """A summary that could not be saved, kept in the user's state folder."""
    from tui.store.locations import unsaved_dir

    folder = unsaved_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}.md"
    write_atomic(target, text.encode("utf-8"))
    return target


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.casefold())
    return "-".join(words)[:60].strip("-") or "briefing"


def new_briefing(
    folder: Path,
    title: str,
    *,
    query: str | None = None,
    keywords: list[str] | None = None,
    articles: list[str] | None = None,
    summary: str = "",
) -> Path:
    """Create ``folder/<slug>.md``; never over an existing file."""
    title = " ".join(title.split())
    if not title:
        raise CurateError("a briefing needs a title")
    from tui.briefings.briefing import load_briefings

    for other in load_briefings(folder):
        if other.title.casefold() == title.casefold():
            raise CurateError(f"{other.path}: a briefing titled {title!r} exists already")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug(title)}.md"
    if path.exists():
        raise CurateError(f"{path}: a briefing file of that name exists; choose another title")
    data = CommentedMap()
    data["title"] = title
    if keywords:
        seq = CommentedSeq(keywords)
        seq.fa.set_flow_style()
        data["keywords"] = seq
    if query:
        data["query"] = query
    seq = CommentedSeq(articles or [])
    seq.fa.set_flow_style()
    data["articles"] = seq
    out = io.StringIO()
    yaml_safe.round_trip().dump(data, out)
    body = summary or f"*Summary of {title}: write it with `briefing edit`.*\n"
    text = f"---\n{out.getvalue()}---\n{body}"
    try:
        with path.open("x", encoding="utf-8") as handle:  # exclusive: never over a file
            handle.write(text)
    except FileExistsError:
        raise CurateError(f"{path}: a briefing file of that name exists") from None
    except OSError as exc:
        path.unlink(missing_ok=True)  # never a half-written briefing
        raise CurateError(f"{path}: not written: {exc.strerror or exc}") from None
    return path


def keywords_of_query(query: str) -> list[str]:
    """The words and phrases of a search, as keywords: operators, fields and wildcards left out."""
    out: list[str] = []
    for m in re.finditer(r'"([^"]+)"|(\S+)', query):
        word = m.group(1) or m.group(2)
        if m.group(2):
            if word in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE") or ":" in word:
                continue
            word = word.strip("()*?")
        if word and word.casefold() not in (k.casefold() for k in out):
            out.append(word)
    return out


def clippings_of(data: Any) -> list[tuple[str, str]]:
    """(article id, text) of a briefing's ``clippings:`` as written; anything else is skipped."""
    out = []
    for c in data or []:
        if (
            isinstance(c, dict)
            and isinstance(c.get("article"), str)
            and isinstance(c.get("text"), str)
        ):
            out.append((c["article"], c["text"]))
    return out


def trash(path: Path) -> Path:
    """Move a briefing file to the user's trash (the freedesktop.org trash under the data
    folder: file managers list it and can put it back); where it went."""
    from datetime import datetime
    from urllib.parse import quote

    import platformdirs

    home = Path(platformdirs.user_data_dir()) / "Trash"
    files, info = home / "files", home / "info"
    files.mkdir(parents=True, exist_ok=True)
    info.mkdir(parents=True, exist_ok=True)
    name = path.name
    k = 1
    while (files / name).exists() or (info / f"{name}.trashinfo").exists():
        k += 1
        name = f"{path.stem}.{k}{path.suffix}"
    when = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    note = f"[Trash Info]\nPath={quote(str(path.resolve()))}\nDeletionDate={when}\n"
    write_atomic(info / f"{name}.trashinfo", note.encode("utf-8"))
    try:
        os.replace(path, files / name)
    except OSError:  # another file system: copy, then remove
        write_atomic(files / name, path.read_bytes())
        path.unlink()
    return files / name
