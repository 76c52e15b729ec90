"""The codec keeps Whoosh's files and answers field lengths as Whoosh's own reader does."""

from __future__ import annotations

from pathlib import Path

from whoosh.codec.whoosh3 import W3PerDocReader

from tests.conftest import write
from tui.index import ArticleIndex
from tui.search import search
from tui.whoosh_codec import LengthsInMemory


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
    assert search(ix, "rail strike").hits[0].id == "a0"
