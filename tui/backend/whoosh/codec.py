"""Whoosh's own file format (codec ``W3``), with each segment's field lengths read once.

BM25F needs the length of a field in every document it scores, and Whoosh writes those lengths
back while it writes the postings (for each block's shortest and longest document). Whoosh's
reader fetches each length with a seek and a read of one byte from the column file; a broad
query at 100,000 articles asked for it tens of thousands of times, and so did every commit.
Here the column is read into memory once per segment (one byte per document and field).

The files of a segment in one compound file are also opened without copying them: Whoosh
maps the compound file into memory and then copies each file it opens out of the map into a
``BytesIO`` (every posting list and term table of the index, each time a reader opens: 16 ms of
each ``briefing search`` on BBC, and memory that grows with the index). Here a file is read
from the map itself.

Writing a segment is Whoosh's too, in fewer steps: its postings are put in their blocks in one
loop (Whoosh made three calls per posting), and a block of under ``COMPRESS_FROM`` bytes is left
uncompressed (zlib does not make a block of a few dozen bytes smaller, and most words' blocks
are that small). Together a writer's segment took 1.85-2.0 s of CPU for BBC, now 1.45-1.5 s.

The files are Whoosh's format (a block records whether it is compressed, and Whoosh reads both
kinds); a segment records the codec that wrote it, which is why this class lives in a module
of its own that readers import.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable
from typing import Any

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    byte_to_length,
    length_to_byte,
)
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import OverlayStorage
from whoosh.filedb.structfile import BufferFile

LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]  # a length's byte to the length


def length_bytes(perdoc: Any, fieldname: str) -> bytes:
    """Every document's length of ``fieldname`` in Whoosh's one-byte form (``byte_to_length``
    reads it), read from ``perdoc`` (Whoosh's W3 per-document reader) once and kept on it."""
    kept: dict[str, bytes] = perdoc.__dict__.setdefault("_length_bytes", {})
    found = kept.get(fieldname)
    if found is None:
        reader = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        # The column is a run of one-byte values from its start (Whoosh's fixed-width numeric
        # column); documents past its end have the default, 0.
        found = b"" if reader is None else reader._dbfile.get(reader._basepos, reader._count)
        kept[fieldname] = found = bytes(found)
    return found


def field_lengths(perdoc: Any, fieldname: str) -> list[int]:
    """Every document's length of ``fieldname`` as Whoosh scores it (0: none), kept on
    ``perdoc``: mapped from the bytes in C (a comprehension took 0.2 s per 1,000,000)."""
    lists: dict[str, list[int]] = perdoc.__dict__.setdefault("_length_lists", {})
    found = lists.get(fieldname)
    if found is None:
        raw = length_bytes(perdoc, fieldname)
        found = lists[fieldname] = list(map(LENGTH_OF_BYTE.__getitem__, raw))
    return found


class LengthsInMemory(W3PerDocReader):
    """Whoosh's per-document reader; field lengths come from a table loaded on first use."""

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        found = field_lengths(self, fieldname)
        if docnum < len(found):
            return found[docnum] or default
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        return default


class _MappedFile:
    """A read-only file over a slice of a memory map: what ``BytesIO`` offers Whoosh's
    ``StructFile`` (read, readline, seek, tell), without a copy of the slice."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._pos = max(start, end)
        return bytes(self._view[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._pos :]
        if size is not None and size >= 0:
            rest = rest[:size]
        found = bytes(rest).find(b"\n")
        return self.read(len(rest) if found < 0 else found + 1)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self.closed = True


class _MappedBufferFile(BufferFile):
    """Whoosh's ``BufferFile`` over a memory map's slice, reading it in place."""

    def __init__(self, view: memoryview, name: str) -> None:
        super().__init__(b"", name=name)
        self._buf = view
        self.file = _MappedFile(view)


class _Uncopied:
    """A segment's storage whose files in a memory-mapped compound file are opened in place;
    everything else is the storage's own."""

    def __init__(self, storage: Any) -> None:
        self._storage = storage
        compound = storage.a if isinstance(storage, OverlayStorage) else storage
        mapped = isinstance(compound, CompoundStorage) and compound._source is not None
        self._compound = compound if mapped else None

    def open_file(self, name: str, *args: Any, **kwargs: Any) -> Any:
        compound = self._compound
        if compound is None or compound.is_closed or not compound.file_exists(name):
            return self._storage.open_file(name, *args, **kwargs)
        offset, length = compound.range(name)
        return _MappedBufferFile(memoryview(compound._source)[offset : offset + length], name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._storage, attr)


class _FieldWriter(W3FieldWriter):
    """Whoosh's W3 field writer, which puts a segment's postings in their blocks in one loop."""

    def add_postings(self, schema: Any, lengths: Any, items: Iterable[Any]) -> None:
        """Whoosh's ``FieldWriter.add_postings``: the same checks and the same calls for each
        field and term, with each posting put in its block here. Whoosh makes three calls per
        posting (and looks its field length up by name), about a third of writing a segment."""
        if not isinstance(lengths, LengthsInMemory):
            super().add_postings(schema, lengths, items)
            return
        lastfn: str | None = None
        lasttext: bytes | None = None
        pw: Any = None
        known: list[int] = []
        limit = 0
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
                pw = self._postwriter
                limit = pw._blocklimit
                known = field_lengths(lengths, fieldname)
            if docnum == -1:
                continue  # Whoosh's mark of a word for spelling, not a posting
            if btext != lasttext:
                if lasttext is not None:
                    if lasttext and btext < lasttext:
                        raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {btext!r}")
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
            # W3PostingsWriter.add_posting, without its type checks
            if len(pw._ids) >= limit:
                pw._write_block()
            pw._ids.append(docnum)
            pw._weights.append(weight)
            if weight > pw._maxweight:
                pw._maxweight = weight
            if value:
                pw._values.append(value)
            length = known[docnum] if docnum < len(known) else 0
            if length:
                if pw._minlength is None or length < pw._minlength:
                    pw._minlength = length
                if length > pw._maxlength:
                    pw._maxlength = length
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


COMPRESS_FROM = 128  # bytes: a smaller block is written as it is


class _PostingsWriter(W3PostingsWriter):
    """Whoosh's W3 postings writer, which leaves a small block uncompressed.

    Most words are in a few articles, so most blocks are a few dozen bytes, which zlib does not
    make smaller; compressing each cost more than a tenth of writing a segment. (Whoosh meant
    to skip blocks under 20 bytes, but the line that would is overwritten by the next.) A
    block records whether it is compressed, and Whoosh's reader and ours read both kinds."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 2)
        compression = self._compression if len(data) >= COMPRESS_FROM else 0
        if compression:
            data = zlib.compress(data, compression)
        ids = self._ids
        info = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                compression,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)  # the last block: negative
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class Codec(W3Codec):
    """Whoosh's W3 codec whose per-document reader keeps the field lengths in memory, whose
    readers read a compound segment's files in place, whose field writer adds postings in
    one loop, and whose postings writer compresses only blocks worth it."""

    def per_document_reader(self, storage: Any, segment: Any) -> LengthsInMemory:
        return LengthsInMemory(_Uncopied(storage), segment)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        return super().terms_reader(_Uncopied(storage), segment)

    def field_writer(self, storage: Any, segment: Any) -> _FieldWriter:
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> _PostingsWriter:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
