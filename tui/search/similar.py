"""The article most like another one, from another source."""

from __future__ import annotations

from tui.search.port import Backend


def most_similar_elsewhere(ix: Backend, article_id: str) -> str | None:
    """The closest article from another source (or, when sources are unknown, another file)."""
    catalog = ix.catalog
    mine = catalog.get(article_id)
    if mine is None:
        return None
    for other_id, _score in ix.more_like(article_id, limit=20):
        other = catalog.get(other_id)
        if other is None or other_id == article_id:
            continue
        if mine.source and other.source and mine.source.casefold() == other.source.casefold():
            continue
        return other_id
    return None
