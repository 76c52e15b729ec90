"""Whoosh's own file format (codec ``W3``), with each segment's field lengths read once.

BM25F needs the length of a field in every document it scores, and Whoosh writes those lengths
back while it writes the postings (for each block's shortest and longest document). Whoosh's
reader fetches each length with a seek and a read of one byte from the column file; a broad
query at 100,000 articles asked for it tens of thousands of times, and so did every commit.
Here the column is read into memory once per segment (one byte per document and field).

The files are Whoosh's, byte for byte; a segment records the codec that wrote it, which is why
this class lives in a module of its own that readers import.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, byte_to_length

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


def _length_table(perdoc: Any, fieldname: str) -> bytes:
    """One byte per document of a segment: Whoosh's encoded length of ``fieldname`` (0: none),
    read from ``perdoc`` (Whoosh's W3 per-document reader) once and kept on it."""
    tables: dict[str, bytes] = perdoc.__dict__.setdefault("_length_tables", {})
    table = tables.get(fieldname)
    if table is None:
        reader = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        # The column is a run of one-byte values from its start (Whoosh's fixed-width numeric
        # column); documents past its end have the default, 0.
        table = b"" if reader is None else reader._dbfile.get(reader._basepos, reader._count)
        tables[fieldname] = table
    return table


def field_lengths(perdoc: Any, fieldname: str) -> list[int]:
    """Every document's length of ``fieldname`` as Whoosh scores it (0: none), kept on
    ``perdoc`` like ``_length_table``."""
    lists: dict[str, list[int]] = perdoc.__dict__.setdefault("_length_lists", {})
    found = lists.get(fieldname)
    if found is None:
        found = lists[fieldname] = [_LENGTH_OF_BYTE[c] for c in _length_table(perdoc, fieldname)]
    return found


class LengthsInMemory(W3PerDocReader):  # type: ignore[misc]  # Whoosh has no type hints: Any
    """Whoosh's per-document reader; field lengths come from a table loaded on first use."""

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        table = _length_table(self, fieldname)
        code = table[docnum] if docnum < len(table) else 0
        return _LENGTH_OF_BYTE[code] if code else default


class Codec(W3Codec):  # type: ignore[misc]  # Whoosh has no type hints: Any
    """Whoosh's W3 codec whose per-document reader keeps the field lengths in memory."""

    def per_document_reader(self, storage: Any, segment: Any) -> LengthsInMemory:
        return LengthsInMemory(storage, segment)
