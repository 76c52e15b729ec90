"""The codec keeps Whoosh's files and answers field lengths as Whoosh's own reader does."""

from __future__ import annotations

import io
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.filedb.filestore import FileStorage

from tests.conftest import write
from tui.backend.whoosh import posting_pool
from tui.backend.whoosh import writer as index_writer
from tui.backend.whoosh.codec import (
    COMPRESS_FROM,
    Codec,
    LengthsInMemory,
    _MappedBufferFile,
    _MappedFile,
)
from tui.backend.whoosh.index import ArticleIndex

pass


def test_field_lengths_are_whooshs_own(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    for k in range(40):
        words = " ".join(f"word{j}" for j in range(k * 7 % 300))  # 0 to 299 words, and long ones
        write(corpus / f"a{k}.txt", f"Title {'long ' * (k % 5)}{k}\n\n{words} rail strike.\n")
    ix = ArticleIndex(tmp_path / "ix")
    ix.update([corpus], ["*.txt"], 5_000_000, procs=1)
    checked = 0
    with ix.reading() as searcher:
        for sub, _offset in searcher.leaf_searchers():
            segment = sub.reader().segment()
            ours = sub.reader()._perdoc
            assert isinstance(ours, LengthsInMemory)  # the index was written with our codec
            theirs = W3PerDocReader(sub.reader().storage(), segment)
            for docnum in range(segment.doc_count_all()):
                for field in ("title", "body"):
                    expected = theirs.doc_field_length(docnum, field)
                    assert ours.doc_field_length(docnum, field) == (expected or 0)
                    checked += 1
    assert checked == 80
    # and BM25F ranks with them: the shortest article with the words comes first
    assert ix.search("rail strike").hits[0].id == "a0"


def test_a_compound_segments_files_are_read_in_place(tmp_path: Path) -> None:
    # Whoosh copies each file of a memory-mapped compound segment into a BytesIO when a
    # reader opens it; ours reads the map in place, and reads the same bytes.
    corpus = tmp_path / "c"
    for k in range(30):
        write(corpus / f"a{k}.txt", f"Title {k}\n\nword{k} rail strike in the north.\n")
    ix = ArticleIndex(tmp_path / "ix")
    ix.update([corpus], ["*.txt"], 5_000_000, procs=1)
    with ix.reading() as searcher:
        for sub, _offset in searcher.leaf_searchers():
            reader = sub.reader()
            assert reader.segment().is_compound()
            compound = reader.storage().a  # Whoosh's own view of the same compound file
            for ours in (reader._terms._dbfile, reader._terms._postfile):
                assert isinstance(ours, _MappedBufferFile)
                theirs = compound.open_file(ours._name)
                assert isinstance(theirs.file, io.BytesIO)
                size = len(theirs.file.getvalue())
                assert ours.get(0, size) == theirs.get(0, size)
                ours.seek(0)
                assert ours.read(size) == theirs.file.getvalue()
    assert [h.id for h in ix.search("word7").hits] == ["a7"]


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(-1, 40)),
        st.tuples(st.just("readline"), st.integers(-1, 40)),
        st.tuples(st.just("seek"), st.integers(0, 60), st.integers(0, 2)),
        st.tuples(st.just("tell")),
    ),
    max_size=20,
)


@given(st.binary(max_size=60), OPS)
def test_a_mapped_file_reads_as_bytesio_does(data: bytes, ops: list[tuple[Any, ...]]) -> None:
    ours, theirs = _MappedFile(memoryview(data)), io.BytesIO(data)
    for name, *args in ops:
        if name == "seek" and args[1] != 0:
            args[0] -= 30  # relative and from-the-end seeks go both ways
            if {1: theirs.tell(), 2: len(data)}[args[1]] + args[0] < 0:
                continue  # BytesIO refuses a negative position
        assert getattr(ours, name)(*args) == getattr(theirs, name)(*args), (name, args)


def _postings(ix: ArticleIndex) -> dict[tuple[str, bytes], list[tuple[str, float]]]:
    """Every posting of the index: (field, term) → [(article id, weight)], by article id
    (segments number articles in their own order)."""
    found: dict[tuple[str, bytes], list[tuple[str, float]]] = {}
    with ix.reading() as searcher:
        reader = searcher.reader()
        ids = {n: fields["id"] for n, fields in reader.iter_docs()}
        for field, term in reader.all_terms():
            if field in ("body", "title"):
                m = reader.postings(field, term)
                found[field, term] = sorted((ids[d], w) for d, w in m.items_as("weight"))
    return found


@pytest.mark.slow
def test_our_pool_writes_the_index_whooshs_pool_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Postings kept by term, and past LIMIT_MB sorted in runs on disk written a list at a
    # time: every posting list is the one Whoosh's own pool gives (one writer and two).
    corpus = tmp_path / "c"
    words = [f"w{k}" for k in range(400)]
    for k in range(320):
        body = " ".join(words[(k * 7 + j * j) % 400] for j in range(150))
        write(corpus / f"a{k}.txt", f"Report {k} on rail {words[k % 400]}\n\n{body}.\n")
    with monkeypatch.context() as m:
        m.setattr(index_writer, "use_our_pool", lambda writer: None)
        whooshs = ArticleIndex(tmp_path / "whoosh")
        whooshs.update([corpus], ["*.txt"], 5_000_000, procs=1)
    expected = _postings(whooshs)
    runs: list[int] = []
    write_run = posting_pool.PostingPool._write_run

    def counted(self: Any, f: Any, items: Any) -> None:
        runs.append(1)
        write_run(self, f, items)

    monkeypatch.setattr(posting_pool.PostingPool, "_write_run", counted)
    roomy = ArticleIndex(tmp_path / "roomy")
    roomy.update([corpus], ["*.txt"], 5_000_000, procs=1)
    assert runs == [] and _postings(roomy) == expected
    monkeypatch.setattr(index_writer, "LIMIT_MB", 1)
    for procs in (1, 2):  # one writer here, and two writer processes
        tight = ArticleIndex(tmp_path / f"tight{procs}")
        tight.update([corpus], ["*.txt"], 5_000_000, procs=procs)
        assert _postings(tight) == expected
    assert len(runs) >= 2  # the single writer did sort on disk, in runs to merge


POSTING = st.tuples(
    st.sampled_from(["body", "title"]),
    st.sampled_from([b"rail", b"strike", b"talks", b"a"]),
    st.integers(-1, 40),
    st.sampled_from([1.0, 2.0]),
    st.sampled_from([b"", b"\x00\x01", None]),
)


@given(st.lists(POSTING, max_size=120, unique_by=lambda p: (p[0], p[1], p[2])))
def test_the_pool_gives_postings_in_whooshs_order(postings: list[Any]) -> None:
    # Whoosh sorts the whole tuples; ours sorts terms, and a term's postings only when one
    # came out of order (a writer numbers articles upwards), in memory or through runs.
    with tempfile.TemporaryDirectory() as tmp:
        for limit in (10**9, 1500):  # all in memory; a run every few postings
            pool = posting_pool.PostingPool(FileStorage(tmp), None)
            pool.limit = limit
            for p in postings:
                pool.add(p)
            assert list(pool.iter_postings()) == sorted(postings)
            assert pool.fieldnames == {p[0] for p in postings}


def _term_stats(ix: ArticleIndex) -> dict[tuple[str, bytes], tuple[Any, ...]]:
    with ix.reading() as searcher:
        reader = searcher.reader()
        return {
            (field, term): (
                (info := reader.term_info(field, term)).doc_frequency(),
                info.weight(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
            )
            for field, term in reader.all_terms()
            if field in ("body", "title")
        }


def test_our_segment_writer_writes_the_postings_whooshs_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Postings put in their blocks in one loop, and a small block left uncompressed: every
    # posting list and every term's statistics are the ones Whoosh's own writer gives.
    corpus = tmp_path / "c"
    for k in range(300):
        common = " ".join(["rail strike"] * (1 + k % 9))  # in every article: many blocks
        write(corpus / f"a{k}.txt", f"Report {k}\n\n{common} word{k} word{k % 17} talks.\n")
    with monkeypatch.context() as m:
        m.setattr(Codec, "field_writer", W3Codec.field_writer)
        m.setattr(Codec, "postings_writer", W3Codec.postings_writer)
        whooshs = ArticleIndex(tmp_path / "whoosh")
        whooshs.update([corpus], ["*.txt"], 5_000_000, procs=1)
    ours = ArticleIndex(tmp_path / "ours")
    ours.update([corpus], ["*.txt"], 5_000_000, procs=1)
    assert _postings(ours) == _postings(whooshs)
    assert _term_stats(ours) == _term_stats(whooshs)
    # Blocks of under COMPRESS_FROM bytes are written as they are, the others compressed.
    kinds = set()
    with ours.reading() as searcher:
        reader = searcher.reader()
        for term in (b"rail", b"word3", b"word250"):
            m = reader.postings("body", term)
            while m.is_active():
                stored = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
                size = len(zlib.decompress(stored) if m._compression else stored)
                assert (m._compression != 0) == (size >= COMPRESS_FROM)
                kinds.add(m._compression != 0)
                m._next_block()
    assert kinds == {True, False}
