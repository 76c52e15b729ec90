"""Adding and removing feeds in config.yaml: a round trip through ruamel.yaml that keeps the
user's comments, order and quoting; written atomically, never over a change made meanwhile."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from tui.store import yaml_safe
from tui.store.atomic import write_atomic
from tui.store.config import Feed


class SubscriptionError(Exception):
    """config.yaml could not be changed (one line naming the file); it is as it was."""


def _load(path: Path) -> tuple[CommentedMap, str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CommentedMap(), hashlib.sha256(b"").hexdigest()
    except OSError as exc:
        raise SubscriptionError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = yaml_safe.round_trip().load(raw.decode("utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise SubscriptionError(f"{path}: not valid YAML ({type(exc).__name__})") from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise SubscriptionError(f"{path}: the config must be a mapping of keys to values")
    return data, hashlib.sha256(raw).hexdigest()


def _save(path: Path, data: CommentedMap, digest: str) -> None:
    try:
        now = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        now = hashlib.sha256(b"").hexdigest()
    except OSError as exc:
        raise SubscriptionError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if now != digest:
        raise SubscriptionError(f"{path}: changed on disk meanwhile; not written (try again)")
    out = io.StringIO()
    yaml_safe.round_trip().dump(data, out)
    try:
        write_atomic(path, out.getvalue().encode("utf-8"))
    except OSError as exc:
        raise SubscriptionError(f"{path}: not written: {exc.strerror or exc}") from None


def _feeds_list(path: Path, data: CommentedMap) -> CommentedSeq:
    feeds = data.get("feeds")
    if feeds is None:
        feeds = CommentedSeq()
        data["feeds"] = feeds
    if not isinstance(feeds, list):
        raise SubscriptionError(f"{path}: feeds must be a list to be changed here")
    return feeds  # type: ignore[return-value]  # ruamel reads every YAML list as a CommentedSeq


def _url_of(item: object) -> str | None:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict) and isinstance(item.get("url"), str):
        return str(item["url"]).strip()
    return None


def add_feeds(path: Path, feeds: list[Feed]) -> tuple[list[Feed], list[Feed]]:
    """Add feeds to config.yaml (a feed whose address is there already is skipped); the
    feeds added and those skipped."""
    data, digest = _load(path)
    listed = _feeds_list(path, data)
    have = {u for u in (_url_of(i) for i in listed) if u}
    added: list[Feed] = []
    skipped: list[Feed] = []
    for feed in feeds:
        if feed.url in have:
            skipped.append(feed)
            continue
        have.add(feed.url)
        entry = CommentedMap()
        entry["url"] = feed.url
        if feed.name:
            entry["name"] = feed.name
        if feed.topic:
            entry["topic"] = feed.topic
        listed.append(entry)
        added.append(feed)
    if added:
        _save(path, data, digest)
    return added, skipped


def remove_feed(path: Path, url: str) -> bool:
    """Take a feed out of config.yaml; False when it was not there."""
    data, digest = _load(path)
    listed = _feeds_list(path, data)
    for k, item in enumerate(listed):
        if _url_of(item) == url:
            del listed[k]
            _save(path, data, digest)
            return True
    return False
