"""Our YAML files (config, briefings, front matter, sidecars) read with limits.

PyYAML's ``SafeLoader`` runs no code, but a hostile or careless file can still take the program
down: a "billion laughs" of aliases expands to gigabytes when a value is printed, a list nested
thousands deep overflows the stack, and an impossible date (``2024-02-30``) raises from inside
the loader. ``LimitedLoader`` refuses the first two with a ``YAMLError`` that has a line, and
leaves dates as text so each caller validates them and names its own file.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 256 * 1024  # front matter, sidecars and briefings are small
MAX_DEPTH = 64
MAX_ALIASES = 64
MAX_NODES = 20_000  # values in the document once every alias is expanded


class YAMLLimitError(yaml.MarkedYAMLError):
    """A YAML document over one of our limits."""


class LimitedLoader(yaml.SafeLoader):
    """``SafeLoader`` with a nesting limit, an alias limit, and timestamps kept as text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._weight: dict[int, int] = {}  # node id -> values it stands for, aliases expanded

    def compose_node(self, parent: Any, index: Any) -> Any:
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YAMLLimitError(None, None, f"more than {MAX_ALIASES} aliases", mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YAMLLimitError(None, None, f"nested more than {MAX_DEPTH} levels", mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if id(node) not in self._weight:
            if isinstance(node, yaml.SequenceNode):
                parts = node.value
            elif isinstance(node, yaml.MappingNode):
                parts = [n for pair in node.value for n in pair]
            else:
                parts = []
            self._weight[id(node)] = 1 + sum(self._weight.get(id(n), 1) for n in parts)
        if self._weight[id(node)] > MAX_NODES:
            raise YAMLLimitError(
                None, None, f"expands to more than {MAX_NODES:,} values (aliases)", mark
            )
        return node


def _timestamp_as_text(loader: LimitedLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _check_size(text: str) -> None:
    if len(text) > MAX_BYTES:
        raise YAMLLimitError(None, None, f"larger than {MAX_BYTES // 1024} KiB", None)


def load(text: str) -> Any:
    """Parse one YAML document within the limits; raises ``yaml.YAMLError``."""
    _check_size(text)
    try:
        return yaml.load(text, Loader=LimitedLoader)
    except RecursionError:
        raise YAMLLimitError(None, None, "nested too deeply", None) from None


def compose(text: str) -> yaml.Node | None:
    """The node tree (with line numbers) within the same limits; raises ``yaml.YAMLError``."""
    _check_size(text)
    try:
        return yaml.compose(text, Loader=LimitedLoader)
    except RecursionError:
        raise YAMLLimitError(None, None, "nested too deeply", None) from None


def construct(node: yaml.Node) -> Any:
    """The value of one node of a tree from ``compose`` (dates stay text)."""
    loader = LimitedLoader("")
    return loader.construct_document(node)


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr`` for a message, never longer than ``limit`` (a value may be huge)."""
    if isinstance(value, str | int | float | bool) or value is None:
        text = repr(value)
    else:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
