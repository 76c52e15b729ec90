"""Our YAML files (config, briefings, front matter, sidecars) read with limits.

PyYAML's ``SafeLoader`` runs no code, but a hostile or careless file can still take the program
down: a "billion laughs" of aliases expands to gigabytes when a value is printed, a list nested
thousands deep overflows the stack, and an impossible date (``2024-02-30``) raises from inside
the loader. ``LimitedLoader`` refuses the first two with a ``YAMLError`` that has a line, and
leaves dates as text so each caller validates them and names its own file.

The checks below are the one place where our three kinds of YAML (config, briefings, article
metadata) decide what a value must be and how a YAML error is named (``file:line: problem``);
each caller decides what a problem does (the config refuses, a briefing shows it, metadata is
ignored with a warning).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # ruamel is imported when a file is written, not for every read
    from ruamel.yaml import YAML

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
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # untyped in the stubs
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


# --- what a value must be, and how a problem is named ------------------------------------


def error_line(exc: yaml.YAMLError, first_line: int = 1) -> int | None:
    """The 1-based line of a YAML error; for "found the end" errors, where the construct began.

    ``first_line`` is the file line of the YAML text's first line (2 for front matter).
    """
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    text = str(getattr(exc, "problem", "") or "")
    mark = (
        context if context is not None and ("<stream end>" in text or problem is None) else problem
    )
    return mark.line + first_line if mark is not None else None


def error_where(
    exc: yaml.YAMLError, origin: object, first_line: int = 1, *, unknown_line: int | None = None
) -> tuple[str, str]:
    """``("file:line", problem)`` for a YAML error in the file ``origin`` (``unknown_line``
    where the error has no position, e.g. a file over the size limit)."""
    number = error_line(exc, first_line) or unknown_line
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{origin}{f':{number}' if number else ''}", str(problem)


def as_text(value: Any) -> str | None:
    """A scalar a person would call text (a string or a number, never a boolean), stripped;
    None for anything else or an empty value."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def as_text_list(value: Any, *, numbers: bool = False) -> list[str] | None:
    """A list of strings (one string counts as a list of one; ``numbers``: numbers too),
    stripped, empty items dropped; None when the value is not such a list."""
    items = [value] if isinstance(value, str) else value
    kinds = (str, int) if numbers else (str,)
    if not isinstance(items, list) or not all(
        isinstance(v, kinds) and not isinstance(v, bool) for v in items
    ):
        return None
    return [str(v).strip() for v in items if str(v).strip()]


def as_whole_number(value: Any) -> int | None:
    """An integer that is not a boolean; None otherwise."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def unknown_key(key: Any, known: Iterable[str]) -> str:
    """The message for a key we do not read."""
    return f"unknown key {short_repr(key)} (known: {', '.join(sorted(known))})"


def round_trip() -> YAML:
    """ruamel.yaml set up for our writes to files the user wrote (briefings, config.yaml):
    comments, key order and quoting kept, a long line never re-wrapped, lists indented as
    people write them."""
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line the user wrote
    y.indent(mapping=2, sequence=4, offset=2)
    return y
