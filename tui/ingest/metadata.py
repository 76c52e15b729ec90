"""Declared metadata (front matter, sidecar YAML): our keys and the common clippers' keys,
each value checked; a problem is a warning naming the file, and the value is ignored."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tui.ingest.dates import declared_date
from tui.store import yaml_safe
from tui.store.yaml_safe import short_repr
from tui.text.literal import make_literal

META_KEYS = {"title", "date", "source", "url", "topics", "byline"}
# Front-matter keys of common web clippers (Obsidian, MarkDownload, Joplin …) and ours.
CLIPPER_KEYS = {
    "author": "byline",
    "authors": "byline",
    "published": "date",
    "created": "date",
    "site": "source",
    "site_name": "source",
    "publisher": "source",
    "tags": "topics",
    "link": "url",
}
DATE_KEYS = ("date", "published", "created")  # the first present wins


def read_metadata(
    yaml_text: str, origin: str, first_line: int = 1
) -> tuple[dict[str, Any], list[str]]:
    """Front matter or sidecar YAML to overrides; problems become warnings naming file:line."""
    warnings: list[str] = []
    try:
        data = yaml_safe.load(yaml_text)
    except yaml.YAMLError as exc:
        where, problem = yaml_safe.error_where(exc, origin, first_line)
        return {}, [f"{where}: metadata is not valid YAML ({problem}); ignored"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{origin}:{first_line}: metadata must be a mapping of keys; ignored"]
    meta: dict[str, Any] = {}
    date_from: str | None = None
    for key, value in data.items():
        name = CLIPPER_KEYS.get(key, key) if isinstance(key, str) else key
        if isinstance(key, str) and key.lower() in IGNORED_KEYS:
            continue
        if name not in META_KEYS:
            warnings.append(f"{origin}: unknown metadata key {short_repr(key)} ignored")
        elif name == "date":
            if date_from is not None and DATE_KEYS.index(key) > DATE_KEYS.index(date_from):
                continue  # "published" wins over "created"
            if (parsed := declared_date(value)) is None:
                warnings.append(
                    f"{origin}: {key} {short_repr(value)} is not a real YYYY-MM-DD date; ignored"
                )
            else:
                meta["date"], date_from = parsed, key
        elif name == "topics":
            if (topics := yaml_safe.as_text_list(value)) is not None:
                meta["topics"] = tuple(topics)
            else:
                warnings.append(f"{origin}: {key} must be a list of strings; ignored")
        elif (
            name == "byline"
            and isinstance(value, list)
            and (names := yaml_safe.as_text_list(value)) is not None
        ):
            meta["byline"] = make_literal(", ".join(names)).strip() or None
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            text = make_literal(str(value)).strip() or None
            if name == "source" and text and _URL.match(text):  # clippers: source is the URL
                meta.setdefault("url", text)
            else:
                meta[name] = text
        else:
            warnings.append(f"{origin}: {key} must be text; ignored")
    return meta, warnings


_URL = re.compile(r"^https?://\S+$", re.I)
# Keys clippers write that say nothing we show: passed over without a warning.
IGNORED_KEYS = {"description", "image", "cover", "favicon", "lang", "language", "excerpt",
                "status", "category", "categories", "aliases", "cssclasses", "clipped",
                "feed", "entry_id"}  # fmt: skip
