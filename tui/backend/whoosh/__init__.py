"""The Whoosh backend: the index (``index``), its writer and file format (``writer``,
``codec``, ``posting_pool``), the analyzer it indexes with (``analysis``), searching it
(``search``, ranked block by block by ``ranker``). Every ``import whoosh`` of the program and
every reach into Whoosh's internals is in this package.

Importing it first puts in place two stand-ins that keep Whoosh's imports light (each before
any module of Whoosh that needs it is imported); the version of Whoosh these modules were
written against is checked by a test (``tests/core/test_backend_contract.py``).
"""

import functools
import sys
import types
from typing import Any

WHOOSH_VERSION = "2.7.5"  # the Whoosh-Reloaded release this package knows the insides of

# Whoosh reads one attribute through the ``cached-property`` package, which imports asyncio
# (12 ms of every `briefing search`, which never uses it) to support coroutines. For a plain
# method it does what the standard library's ``functools.cached_property`` does (the value is
# computed once and kept in the instance's ``__dict__``), so that one answers Whoosh's import.
if "cached_property" not in sys.modules:
    _standard = types.ModuleType("cached_property", "functools.cached_property, for Whoosh")
    vars(_standard)["cached_property"] = functools.cached_property
    sys.modules["cached_property"] = _standard


def _import_whoosh_compat() -> None:
    """Import ``whoosh.compat`` without ``urllib.request``.

    Whoosh's compat module imports ``urllib.request`` (and with it http.client, email, ssl and
    socket: 15-20 ms of every `briefing search`) for a ``urlretrieve`` that no part of Whoosh
    calls. While it is imported, a stand-in answers with a ``urlretrieve`` that imports the
    real one when called; the stand-in is gone before anything else is imported, so every
    other ``import urllib.request`` gets the real module."""
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return

    def urlretrieve(*args: Any, **kwargs: Any) -> Any:
        from urllib.request import urlretrieve as real

        return real(*args, **kwargs)

    stand_in = types.ModuleType("urllib.request", "urlretrieve only, for Whoosh's compat")
    vars(stand_in)["urlretrieve"] = urlretrieve
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


_import_whoosh_compat()
