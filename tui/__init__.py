"""briefing: a terminal reader for news briefings."""

import functools
import sys
import types

__version__ = "0.1.0"

# Whoosh reads one attribute through the ``cached-property`` package, which imports asyncio
# (12 ms of every `briefing search`, which never uses it) to support coroutines. For a plain
# method it does what the standard library's ``functools.cached_property`` does (the value is
# computed once and kept in the instance's ``__dict__``), so that one answers Whoosh's import.
if "cached_property" not in sys.modules:
    _standard = types.ModuleType("cached_property", "functools.cached_property, for Whoosh")
    _standard.cached_property = functools.cached_property  # type: ignore[attr-defined]
    sys.modules["cached_property"] = _standard
