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


class LengthsInMemory(W3PerDocReader):  # type: ignore[misc]  # Whoosh has no type hints: Any
    """Whoosh's per-document reader; field lengths come from a table loaded on first use."""

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._tables: dict[str, bytes] = {}

    def length_table(self, fieldname: str) -> bytes:
        """One byte per document: Whoosh's encoded length of ``fieldname`` (0: none)."""
        table = self._tables.get(fieldname)
        if table is None:
            reader = self._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            # The column is a run of one-byte values from its start (Whoosh's fixed-width
            # numeric column); documents past its end have the default, 0.
            table = b"" if reader is None else reader._dbfile.get(reader._basepos, reader._count)
            self._tables[fieldname] = table
        return table

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        table = self.length_table(fieldname)
        code = table[docnum] if docnum < len(table) else 0
        return _LENGTH_OF_BYTE[code] if code else default


class Codec(W3Codec):  # type: ignore[misc]  # Whoosh has no type hints: Any
    """Whoosh's W3 codec whose per-document reader keeps the field lengths in memory."""

    def per_document_reader(self, storage: Any, segment: Any) -> LengthsInMemory:
        return LengthsInMemory(storage, segment)
