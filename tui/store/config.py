"""``config.yaml``: loaded with PyYAML into a typed, validated ``Config``.

Every problem is reported as ``file:line: message`` through ``ConfigError``; unknown keys and
wrong types are errors, not silently ignored, because a typo in a config should never make the
program quietly do something else.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from rich.color import Color, ColorParseError

from tui.store import yaml_safe
from tui.store.locations import default_export_dir, default_fetched_dir, default_index_dir

DEFAULT_KEYWORD_COLOURS = (
    "#f9c74f",
    "#90be6d",
    "#f8961e",
    "#43aa8b",
    "#f94144",
    "#577590",
    "#c77dff",
    "#4cc9f0",
)  # eight hues a reader tells apart: yellow, green, orange, teal, red, slate, violet, sky
DEFAULT_SEARCH_COLOUR = "#ff5fd7"
# The themes the app offers: Textual's own but its two ANSI ones (tui.app.app; a test keeps the
# two lists one).
THEMES = (
    "atom-one-dark", "atom-one-light", "catppuccin-frappe", "catppuccin-latte",
    "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki", "gruvbox", "monokai",
    "nord", "rose-pine", "rose-pine-dawn", "rose-pine-moon", "solarized-dark",
    "solarized-light", "textual-dark", "textual-light", "tokyo-night",
)  # fmt: skip
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
MAX_ARTICLE_BYTES = 2**30  # a larger limit would only let one file exhaust memory


class ConfigError(Exception):
    """A configuration problem, already phrased as one line naming the file (and line)."""


@dataclass(frozen=True)
class Feed:
    """A feed to fetch articles from (``feeds:`` in config.yaml)."""

    url: str
    name: str | None = None
    topic: str | None = None

    @property
    def label(self) -> str:
        return self.name or urllib.parse.urlsplit(self.url).hostname or self.url


@dataclass(frozen=True)
class FetchLimits:
    """How far ``briefing fetch`` goes (``fetch:`` in config.yaml): the deadline of one request
    (the whole exchange), new entries of one feed per fetch (newest first; the rest next time)
    and requests to one site per fetch."""

    timeout: float = 30.0
    new_per_feed: int = 200
    requests_per_site: int = 300


@dataclass(frozen=True)
class Highlight:
    keywords: tuple[str, ...] = DEFAULT_KEYWORD_COLOURS
    search: str = DEFAULT_SEARCH_COLOUR


@dataclass(frozen=True)
class Config:
    """Resolved settings: every path is absolute."""

    corpus: tuple[Path, ...] = ()
    briefings: Path | None = None
    index_dir: Path | None = None
    patterns: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.htm")
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    theme: str = "textual-dark"
    highlight: Highlight = field(default_factory=Highlight)
    source: Path | None = None  # the config file this came from, if any
    feeds: tuple[Feed, ...] = ()
    fetched_dir: Path | None = None  # where fetched articles go (default: the user data dir)
    export_dir: Path | None = None  # the app's exports and screenshots (default: documents)
    fetch: FetchLimits = field(default_factory=FetchLimits)
    mute: tuple[str, ...] = ()  # queries (the search language) whose articles are kept out of view
    mute_lines: tuple[int, ...] = ()  # each query's line in the config file (for its errors)

    @property
    def resolved_fetched_dir(self) -> Path:
        return self.fetched_dir or default_fetched_dir()

    @property
    def resolved_export_dir(self) -> Path:
        return self.export_dir or default_export_dir()

    @property
    def roots(self) -> tuple[Path, ...]:
        """The corpus folders to index: the configured ones, and the fetched folder once it
        exists (a feed's articles are part of the corpus)."""
        fetched = self.resolved_fetched_dir
        if self.feeds and fetched.is_dir() and fetched not in self.corpus:
            return (*self.corpus, fetched)
        return self.corpus

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or default_index_dir(list(self.corpus))

    def with_corpus(self, corpus: Path, briefings: Path | None = None) -> Config:
        """The ``--corpus`` override: another folder, and only the briefings asked for."""
        return replace(self, corpus=(corpus.resolve(),), briefings=briefings, index_dir=None)

    def check_paths(self) -> None:
        """Refuse what would make the program write into the user's files."""
        if not self.corpus:
            raise ConfigError(
                "no corpus configured: pass --corpus DIR or list folders under 'corpus:' "
                "in config.yaml"
            )
        for root in self.corpus:
            if not root.is_dir():
                raise ConfigError(f"{root}: corpus folder does not exist or is not a folder")
        index = self.resolved_index_dir.resolve()
        for root in self.corpus:
            if index == root or root in index.parents:
                raise ConfigError(
                    f"{self.source or 'config'}: index_dir {index} is inside the corpus {root}; "
                    "the index must live outside it"
                )


_KEYS = {
    "feeds",
    "fetched_dir",
    "export_dir",
    "fetch",
    "corpus",
    "briefings",
    "index_dir",
    "patterns",
    "max_article_bytes",
    "theme",
    "highlight",
    "mute",
}
_HIGHLIGHT_KEYS = {"keywords", "search"}
_FETCH_KEYS = {"timeout", "new_per_feed", "requests_per_site"}


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def _scalar(path: Path, node: yaml.Node, what: str, kind: type) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise ConfigError(f"{_where(path, node)}: {what} must be a {kind.__name__}")
    value = yaml_safe.construct(node)
    if kind is str and isinstance(value, str | int | float) and not isinstance(value, bool):
        if node.tag.endswith(":null"):
            raise ConfigError(f"{_where(path, node)}: {what} must be a str, not empty")
        return str(value)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{_where(path, node)}: {what} must be a whole number, got {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{_where(path, node)}: {what} must be a {kind.__name__}")
    return value


def _str_list(path: Path, node: yaml.Node, what: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [_scalar(path, node, what, str)]
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(f"{_where(path, node)}: {what} must be a list of strings")
    return [_scalar(path, item, f"each entry of {what}", str) for item in node.value]


def _colour(path: Path, node: yaml.Node, what: str) -> str:
    value: str = _scalar(path, node, what, str)
    try:
        Color.parse(value)
    except ColorParseError:
        raise ConfigError(f"{_where(path, node)}: {what} {value!r} is not a colour") from None
    return value


def _mapping(path: Path, node: yaml.Node, what: str, keys: set[str]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{_where(path, node)}: {what} must be a mapping of keys to values")
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in keys:
            raise ConfigError(f"{_where(path, key_node)}: {yaml_safe.unknown_key(key, keys)}")
        if key in out:
            raise ConfigError(f"{_where(path, key_node)}: key {key!r} appears twice")
        out[key] = value_node
    return out


def _feeds(path: Path, node: yaml.Node) -> tuple[Feed, ...]:
    """``feeds:``: a list of URLs, or of mappings with ``url`` and optional ``name``, ``topic``."""
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(f"{_where(path, node)}: feeds must be a list of feed URLs")
    out: list[Feed] = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            url, name, topic = _scalar(path, item, "feed url", str), None, None
        else:
            keys = _mapping(path, item, "a feed", {"url", "name", "topic"})
            if "url" not in keys:
                raise ConfigError(f"{_where(path, item)}: a feed needs a url")
            url = _scalar(path, keys["url"], "feed url", str)
            name = _scalar(path, keys["name"], "feed name", str) if "name" in keys else None
            topic = _scalar(path, keys["topic"], "feed topic", str) if "topic" in keys else None
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"{_where(path, item)}: feed url must start with http:// or https://")
        out.append(Feed(url.strip(), name, topic))
    return tuple(out)


def _fetch_limits(path: Path, node: yaml.Node) -> FetchLimits:
    """``fetch:``: ``timeout`` (seconds, 1 to 600), ``new_per_feed`` and ``requests_per_site``
    (1 to 100,000)."""
    keys = _mapping(path, node, "fetch", _FETCH_KEYS)
    limits = FetchLimits()
    if "timeout" in keys:
        value = yaml_safe.construct(keys["timeout"])
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 600:
            raise ConfigError(
                f"{_where(path, keys['timeout'])}: fetch.timeout must be a number of seconds "
                f"from 1 to 600, got {value!r}"
            )
        limits = replace(limits, timeout=float(value))
    for name in ("new_per_feed", "requests_per_site"):
        if name in keys:
            number = _scalar(path, keys[name], f"fetch.{name}", int)
            if not 1 <= number <= 100_000:
                raise ConfigError(
                    f"{_where(path, keys[name])}: fetch.{name} must be from 1 to 100,000, "
                    f"got {number:,}"
                )
            limits = replace(limits, **{name: number})
    return limits


def parse_config(text: str, path: Path) -> Config:
    """Validate YAML text as a config whose relative paths are relative to ``path``'s folder."""
    try:
        root = yaml_safe.compose(text)
    except yaml.YAMLError as exc:
        where, problem = yaml_safe.error_where(exc, path)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    if root is None:
        return Config(source=path)
    base = path.parent
    nodes = _mapping(path, root, "the config", _KEYS)
    config = Config(source=path)
    if "corpus" in nodes:
        roots = _str_list(path, nodes["corpus"], "corpus")
        config = replace(
            config, corpus=tuple((base / Path(r).expanduser()).resolve() for r in roots)
        )
    if "briefings" in nodes:
        folder = _scalar(path, nodes["briefings"], "briefings", str)
        config = replace(config, briefings=(base / Path(folder).expanduser()).resolve())
    if "index_dir" in nodes and not nodes["index_dir"].tag.endswith(":null"):
        folder = _scalar(path, nodes["index_dir"], "index_dir", str)
        config = replace(config, index_dir=(base / Path(folder).expanduser()).resolve())
    if "patterns" in nodes:
        patterns = _str_list(path, nodes["patterns"], "patterns")
        if not patterns:
            raise ConfigError(f"{_where(path, nodes['patterns'])}: patterns must not be empty")
        config = replace(config, patterns=tuple(patterns))
    if "max_article_bytes" in nodes:
        limit = _scalar(path, nodes["max_article_bytes"], "max_article_bytes", int)
        if not 0 < limit <= MAX_ARTICLE_BYTES:
            raise ConfigError(
                f"{_where(path, nodes['max_article_bytes'])}: max_article_bytes must be from 1 "
                f"to {MAX_ARTICLE_BYTES:,} (1 GiB), got {limit:,}"
            )
        config = replace(config, max_article_bytes=limit)
    if "feeds" in nodes:
        config = replace(config, feeds=_feeds(path, nodes["feeds"]))
    if "fetched_dir" in nodes and not nodes["fetched_dir"].tag.endswith(":null"):
        folder = _scalar(path, nodes["fetched_dir"], "fetched_dir", str)
        config = replace(config, fetched_dir=(base / Path(folder).expanduser()).resolve())
    if "fetch" in nodes:
        config = replace(config, fetch=_fetch_limits(path, nodes["fetch"]))
    if "mute" in nodes:
        node = nodes["mute"]
        queries = _str_list(path, node, "mute")
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        lines = [item.start_mark.line + 1 for item in items]
        kept = [(q.strip(), n) for q, n in zip(queries, lines, strict=True) if q.strip()]
        config = replace(
            config, mute=tuple(q for q, _ in kept), mute_lines=tuple(n for _, n in kept)
        )
    if "export_dir" in nodes and not nodes["export_dir"].tag.endswith(":null"):
        folder = _scalar(path, nodes["export_dir"], "export_dir", str)
        config = replace(config, export_dir=(base / Path(folder).expanduser()).resolve())
    if "theme" in nodes:
        theme = _scalar(path, nodes["theme"], "theme", str)
        if theme not in THEMES:
            raise ConfigError(
                f"{_where(path, nodes['theme'])}: unknown theme {theme!r}; the themes are "
                + ", ".join(THEMES)
            )
        config = replace(config, theme=theme)
    if "highlight" in nodes:
        hl = _mapping(path, nodes["highlight"], "highlight", _HIGHLIGHT_KEYS)
        highlight = Highlight()
        if "keywords" in hl:
            if not isinstance(hl["keywords"], yaml.SequenceNode) or not hl["keywords"].value:
                raise ConfigError(
                    f"{_where(path, hl['keywords'])}: highlight.keywords must be a list of colours"
                )
            colours = tuple(
                _colour(path, n, "highlight.keywords entry") for n in hl["keywords"].value
            )
            highlight = replace(highlight, keywords=colours)
        if "search" in hl:
            highlight = replace(highlight, search=_colour(path, hl["search"], "highlight.search"))
        config = replace(config, highlight=highlight)
    return config


def load_config(path: Path | None, *, required: bool = False) -> Config:
    """Load ``path`` (default ``./config.yaml``), or built-in defaults when it is absent.

    ``required`` is set when the user named the file with ``--config``: then a missing file is
    an error rather than a reason to fall back to defaults.
    """
    target = path or Path("config.yaml")
    if not target.exists():
        if required:
            raise ConfigError(f"{target}: config file not found")
        return Config()
    try:
        text = target.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{target}: cannot read config: {reason}") from None
    return parse_config(text, target.resolve())
