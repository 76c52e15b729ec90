"""The search backend, behind one door: everything that knows Whoosh is in ``tui.backend.whoosh``
and nothing else imports it (an import contract checks). The rest of the program sees the
interface ``tui.search.port.Backend`` and opens an index here."""

from __future__ import annotations

from pathlib import Path

from tui.search.port import Backend


def open_backend(directory: Path) -> Backend:
    """The index kept in ``directory`` (made when first updated)."""
    from tui.backend.whoosh.index import ArticleIndex

    return ArticleIndex(directory)


def check_query(text: str) -> None:
    """Raise ``tui.search.results.QueryError`` (one line) for a query that cannot run."""
    from tui.backend.whoosh.search import parse_query

    parse_query(text)
