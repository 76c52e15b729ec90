"""The best hits of a query, block by block over Whoosh's postings, and exact counts.

Whoosh ranks one document at a time through a tree of Python matchers, about a microsecond for
every posting of every word; at 100,000 articles a common word, or a question of common words,
had tens of thousands of articles scored to keep a page of twenty. Here the same BM25F scores
come from the same postings, read differently:

- each word's postings are in blocks of 128, and Whoosh writes in every block's header its last
  article, its highest weight and its shortest field: enough for an upper bound on the score of
  any article in the block. The article numbers are cut wherever some word's block ends; the
  pieces are visited best bound first, and the visit stops once the page's lowest score is above
  the next piece's bound (the "block-max" idea of Ding and Suel, 2011);
- within a piece, a part of the query is told the page's lowest score less what the other
  parts can add: the rarer word of an AND is read first and the others only for its
  articles, and a phrase reads positions only for an article that could still reach the page;
- a block is decoded once per search (the pickle Whoosh writes) and kept for the count and for
  "which words does each hit have", which decode only the blocks that hold an article still in
  question.

Handled: what free text and the common written queries make — words in any field, OR, AND,
NOT, AND NOT, phrases of adjacent words, prefixes and wildcards. Scores are Whoosh's own,
quirks included (a NOT adds 1.0; a prefix that stands for several words scores each article 1.0
in a segment of 5,000 articles or fewer and sums the words' scores above that), so a page is
the one Whoosh would give: ``tests/test_ranker.py`` compares pages and counts with Whoosh's on
hundreds of queries. For anything else ``prepare`` returns None and Whoosh runs the query.
"""

from __future__ import annotations

import heapq
import io
import pickle
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable
from itertools import accumulate, islice
from typing import Any, TypeVar

from whoosh import formats, query
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3PerDocReader, byte_to_length
from whoosh.scoring import BM25FScorer, WeightScorer

from tui.backend.whoosh.codec import LENGTH_OF_BYTE, length_bytes

T = TypeVar("T")
_NO_FLOOR = float("-inf")
_SPARSE = 4096  # postings of a word whose blocks are decoded to bound a range exactly
_EPSILON = 1e-9  # bounds are widened by this much against rounding
_PREFIX_ARRAY_DOCS = 5000  # Whoosh's Or preloads (scores 1.0) in a segment of at most this many
_TOO_MANY_CLAUSES = 1024  # Whoosh's Or preloads when it has this many words or more
_KEPT_BLOCKS = 3000  # decoded blocks a Reading kept across searches holds at most
_KEPT_BYTES = 32 * 2**20  # bytes of posting lists it holds at most
_KEPT_WORDS = 1000  # words and prepared queries it holds at most
_INT = struct.Struct(">i")  # Whoosh's block length (negative: the last block)
Block = tuple[list[int], list[float], tuple[Any, ...] | None]


class Unsupported(Exception):
    """A query this module does not rank; Whoosh runs it."""


class _Node:
    """A query's part in one segment (article numbers are the segment's own)."""

    size = 0  # an estimate of how many articles it matches, for ordering intersections

    def bound(self, lo: int, hi: int) -> float | None:
        """The highest score an article in ``lo..hi`` can have; None: none matches."""
        raise NotImplementedError

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        """Every matching article in ``lo..hi`` (and in ``among``, when given) with its score.
        Those that score below ``floor`` may be left out: a part of a query then leaves out an
        article only when the article's whole score must be below it."""
        raise NotImplementedError

    def docs(self, among: list[int] | None) -> set[int]:
        """The matching articles (of ``among``, sorted, when given)."""
        raise NotImplementedError

    def edges(self) -> Iterable[int]:
        """Where its blocks end: the last article number of each."""
        return ()


def _overlapping(los: list[int], his: list[int], among: list[int]) -> list[int]:
    """The blocks (given by first and last article) that hold at least one of ``among``."""
    out = []
    for i, (lo, hi) in enumerate(zip(los, his, strict=True)):
        j = bisect_left(among, lo)
        if j < len(among) and among[j] <= hi:
            out.append(i)
    return out


class _Term(_Node):
    """One word's postings in one field: block headers read at once, blocks on demand."""

    def __init__(
        self,
        reader: Any,
        fieldname: str,
        btext: bytes,
        score: Callable[[list[float], list[int]], list[float]],
        bound: Callable[[float, int], float],
        deleted: frozenset[int],
    ) -> None:
        terminfo = reader._terms.term_info(fieldname, btext)
        if terminfo.is_inlined():
            raise Unsupported("inlined postings")
        start, length = terminfo.extent()
        if isinstance(length, tuple):  # Whoosh's reader leaves it as struct.unpack gave it
            (length,) = length
        # The whole posting list in one read; Whoosh reads each block header a byte at a time.
        self._raw = raw = reader._terms._postfile.get(start, length)
        if raw[:4] != WHOOSH3_HEADER_MAGIC:
            raise Unsupported("not a W3 posting list")
        self._format = reader.schema[fieldname].format
        self._score = score
        self._deleted = deleted
        self.los: list[int] = []
        self.his: list[int] = []
        self.ubs: list[float] = []
        self._where: list[tuple[int, int, int]] = []
        self._blocks: dict[int, Block] = {}
        stream = io.BytesIO(raw)
        at, lo = 4, 0
        while at < length:
            stream.seek(at)
            (size,) = _INT.unpack(stream.read(4))
            count, maxid, maxweight, compression, minlength, _ = pickle.load(stream)
            end = at + 4 + abs(size)
            if end > length:
                raise Unsupported("a posting list longer than its extent")
            self.los.append(lo)
            self.his.append(maxid)
            lo = maxid + 1
            self.ubs.append(bound(maxweight, byte_to_length(minlength)))
            self._where.append((stream.tell(), end, compression))
            self.size += count
            if size < 0:  # the last block
                break
            at = end

    def block(self, i: int) -> Block:
        """Block ``i``: its live articles, their scores and (for phrases) encoded positions."""
        found = self._blocks.get(i)
        if found is None:
            start, end, compression = self._where[i]
            raw = self._raw[start:end]
            if compression:
                raw = zlib.decompress(raw)
            deltas, weights, values = pickle.loads(raw)
            ids = list(accumulate(deltas))
            if weights is None or isinstance(weights, float):
                weights = [weights or 1.0] * len(ids)
            scores = self._score(weights, ids)
            if self._deleted and not self._deleted.isdisjoint(ids):
                keep = [k for k, d in enumerate(ids) if d not in self._deleted]
                ids = [ids[k] for k in keep]
                scores = [scores[k] for k in keep]
                values = tuple(values[k] for k in keep) if isinstance(values, tuple) else None
            found = (ids, scores, values if isinstance(values, tuple) else None)
            self._blocks[i] = found
        return found

    def edges(self) -> Iterable[int]:
        return self.his

    def _at(self, lo: int) -> int | None:
        i = bisect_left(self.his, lo)
        return i if i < len(self.his) else None

    def bound(self, lo: int, hi: int) -> float | None:
        i = self._at(lo)
        if i is None or self.los[i] > hi:
            return None
        if self.size <= _SPARSE or i in self._blocks:
            # A rare word's block spans many articles it is not in (a word of titles spans
            # thousands): whether it is in ``lo..hi`` at all is worth decoding it to know.
            ids = self.block(i)[0]
            k = bisect_left(ids, lo)
            if k == len(ids) or ids[k] > hi:
                return None
        return self.ubs[i]

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        i = self._at(lo)
        out: dict[int, float] = {}
        while i is not None and i < len(self.his) and self.los[i] <= hi:
            ids, scores, _ = self.block(i)
            a, b = bisect_left(ids, lo), bisect_right(ids, hi)
            if among is None:
                out.update(zip(ids[a:b], scores[a:b], strict=True))
            else:
                out.update((d, s) for d, s in zip(ids[a:b], scores[a:b], strict=True) if d in among)
            i += 1
        return out

    def docs(self, among: list[int] | None) -> set[int]:
        if among is None:
            return {d for i in range(len(self.his)) for d in self.block(i)[0]}
        wanted = set(among)
        found: set[int] = set()
        for i in _overlapping(self.los, self.his, among):
            found.update(d for d in self.block(i)[0] if d in wanted)
        return found

    def positions(self, doc: int) -> set[int]:
        """Where the word is in article ``doc`` (which has it)."""
        i = bisect_left(self.his, doc)
        ids, _, values = self.block(i)
        value = values[bisect_left(ids, doc)] if values is not None else b""
        if type(self._format) is not formats.Positions:
            return set(self._format.decode_positions(value))
        # Whoosh's Positions.decode_positions without its Python loop: a count, then the
        # pickled gaps (the pickle's last byte may have been left off).
        if not value.endswith(b"."):
            value += b"."
        return set(accumulate(pickle.loads(value[4:])))


class _Empty(_Node):
    def bound(self, lo: int, hi: int) -> float | None:
        return None

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        return {}

    def docs(self, among: list[int] | None) -> set[int]:
        return set()


class _Boosted(_Node):
    """Whoosh's wrapping matcher: the child's score times a boost."""

    def __init__(self, child: _Node, boost: float) -> None:
        self.child, self.boost, self.size = child, boost, child.size

    def bound(self, lo: int, hi: int) -> float | None:
        b = self.child.bound(lo, hi)
        return None if b is None else b * self.boost

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        boost = self.boost
        low = floor / boost if boost > 0 else _NO_FLOOR
        return {d: s * boost for d, s in self.child.scores(lo, hi, among, low).items()}

    def docs(self, among: list[int] | None) -> set[int]:
        return self.child.docs(among)

    def edges(self) -> Iterable[int]:
        return self.child.edges()


def _boosted(node: _Node, boost: float) -> _Node:
    """``node`` with Whoosh's boost, if it has one."""
    return _Boosted(node, boost) if boost != 1.0 else node


class _Or(_Node):
    def __init__(self, children: list[_Node]) -> None:
        self.children = children
        self.size = sum(c.size for c in children)

    def bound(self, lo: int, hi: int) -> float | None:
        found = [b for c in self.children if (b := c.bound(lo, hi)) is not None]
        return sum(found) if found else None

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        out: dict[int, float] = {}
        bounds = [child.bound(lo, hi) for child in self.children]
        total = sum(b for b in bounds if b is not None)
        for child, b in zip(self.children, bounds, strict=True):
            if b is None:
                continue
            # an article scoring below this in the child is below the floor whatever else it has
            low = floor - (total - b) * (1 + _EPSILON)
            for d, s in child.scores(lo, hi, among, low).items():
                out[d] = out[d] + s if d in out else s
        return out

    def docs(self, among: list[int] | None) -> set[int]:
        out: set[int] = set()
        for child in self.children:
            out |= child.docs(among)
        return out

    def edges(self) -> Iterable[int]:
        for child in self.children:
            yield from child.edges()


class _And(_Node):
    """Every positive part; none of the negated ones (each of which adds 1.0, as in Whoosh,
    whose inverse matcher scores 1.0)."""

    def __init__(self, children: list[_Node], negated: list[_Node]) -> None:
        self.children = sorted(children, key=lambda c: c.size)
        self.negated = negated
        self.size = min(c.size for c in children)

    def bound(self, lo: int, hi: int) -> float | None:
        total = float(len(self.negated))
        for child in self.children:
            b = child.bound(lo, hi)
            if b is None:
                return None
            total += b
        return total

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        out: dict[int, float] | None = None
        bounds = [child.bound(lo, hi) for child in self.children]
        if any(b is None for b in bounds):
            return {}
        total = sum(b for b in bounds if b is not None) + len(self.negated)
        for child, b in zip(self.children, bounds, strict=True):  # the rarest first: the others
            low = floor - (total - (b or 0.0)) * (1 + _EPSILON)  # are asked of its articles
            got = child.scores(lo, hi, among if out is None else set(out), low)
            out = got if out is None else {d: s + got[d] for d, s in out.items() if d in got}
            if not out:
                return {}
        assert out is not None
        if self.negated:
            candidates = sorted(out)
            for child in self.negated:
                for d in child.docs(candidates):
                    out.pop(d, None)
            out = {d: s + len(self.negated) for d, s in out.items()}
        return out

    def docs(self, among: list[int] | None) -> set[int]:
        found: set[int] | None = None
        for child in self.children:
            found = child.docs(among if found is None else sorted(found))
            if not found:
                return set()
        assert found is not None
        for child in self.negated:
            found -= child.docs(sorted(found))
        return found

    def edges(self) -> Iterable[int]:
        for child in self.children:
            yield from child.edges()


class _AndNot(_Node):
    def __init__(self, positive: _Node, negative: _Node) -> None:
        self.positive, self.negative, self.size = positive, negative, positive.size

    def bound(self, lo: int, hi: int) -> float | None:
        return self.positive.bound(lo, hi)

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        out = self.positive.scores(lo, hi, among, floor)
        for d in self.negative.docs(sorted(out)) if out else ():
            del out[d]
        return out

    def docs(self, among: list[int] | None) -> set[int]:
        found = self.positive.docs(among)
        return found - self.negative.docs(sorted(found)) if found else found

    def edges(self) -> Iterable[int]:
        return self.positive.edges()


class _Phrase(_Node):
    """Words at adjacent positions (Whoosh's phrase with a slop of 1), scored as their sum."""

    def __init__(self, words: list[_Term]) -> None:
        self.words = words
        self._all = _And(list(words), [])
        self.size = self._all.size
        self._checked: dict[int, bool] = {}  # the page and the count ask of the same articles

    def _adjacent(self, doc: int) -> bool:
        found = self._checked.get(doc)
        if found is None:
            starts = self.words[0].positions(doc)
            for k, word in enumerate(self.words[1:], 1):
                starts &= {p - k for p in word.positions(doc)}
                if not starts:
                    break
            found = self._checked[doc] = bool(starts)
        return found

    def bound(self, lo: int, hi: int) -> float | None:
        return self._all.bound(lo, hi)

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        got = self._all.scores(lo, hi, among, floor)
        # positions are read only for an article whose score can reach the page
        return {d: s for d, s in got.items() if s >= floor and self._adjacent(d)}

    def docs(self, among: list[int] | None) -> set[int]:
        return {d for d in self._all.docs(among) if self._adjacent(d)}

    def edges(self) -> Iterable[int]:
        return self._all.edges()


class _Constant(_Node):
    """Articles that each score 1.0 (Whoosh's preloaded OR of a prefix's many words)."""

    def __init__(self, terms: list[_Term]) -> None:
        found: set[int] = set()
        for term in terms:
            found |= term.docs(None)
        self.ids = sorted(found)
        self.size = len(self.ids)

    def _range(self, lo: int, hi: int) -> tuple[int, int]:
        return bisect_left(self.ids, lo), bisect_right(self.ids, hi)

    def bound(self, lo: int, hi: int) -> float | None:
        a, b = self._range(lo, hi)
        return 1.0 if a < b else None

    def scores(
        self, lo: int, hi: int, among: set[int] | None = None, floor: float = _NO_FLOOR
    ) -> dict[int, float]:
        a, b = self._range(lo, hi)
        found = self.ids[a:b] if among is None else [d for d in self.ids[a:b] if d in among]
        return dict.fromkeys(found, 1.0)

    def docs(self, among: list[int] | None) -> set[int]:
        return set(self.ids) if among is None else set(self.ids).intersection(among)


def _norms(
    perdoc: Any, fieldname: str, count: int, b: float, k1: float, avgfl: float
) -> list[float]:
    """BM25's length part, ``k1 * ((1 - b) + b * length / average)``, of every article in a
    segment (Whoosh takes a missing length as 1), kept on the segment's reader."""
    kept: dict[tuple[Any, ...], list[float]] = perdoc.__dict__.setdefault("_bm25_norms", {})
    key = (fieldname, b, k1, avgfl)
    found = kept.get(key)
    if found is None:
        # A length is one byte: the 256 possible norms are worked out once and each article's
        # is looked up in C (per article in Python, this took 0.75 s of a search at 1,000,000).
        raw = length_bytes(perdoc, fieldname)
        raw = raw + bytes(max(0, count - len(raw)))
        table = [k1 * ((1 - b) + b * (fl or 1) / avgfl) for fl in LENGTH_OF_BYTE]
        found = kept[key] = list(map(table.__getitem__, raw))
    return found


class _Segment:
    """The query's parts for one segment of the index."""

    def __init__(self, searcher: Any, sub: Any, offset: int) -> None:
        self.top, self.sub, self.offset = searcher, sub, offset
        self.reader = sub.reader()
        if not hasattr(self.reader, "_terms") or not hasattr(self.reader, "_perdoc"):
            raise Unsupported("not a segment of Whoosh's own format")
        self.deleted: frozenset[int] = self.reader.deleted_docs_set
        self.count = int(self.reader.doc_count_all())
        self.terms: dict[tuple[str, bytes], _Term] = {}  # read once per search
        self.phrases: dict[tuple[str, ...], _Phrase] = {}  # checked once per search

    def term(self, fieldname: str, text: Any, boost: float = 1.0) -> _Node:
        schema = self.reader.schema
        if fieldname not in schema:
            return _Empty()
        try:
            btext = schema[fieldname].to_bytes(text)
        except ValueError:
            return _Empty()
        node: _Node | None = self.terms.get((fieldname, btext))
        if node is None:
            if (fieldname, btext) not in self.reader:
                return _Empty()
            scoring = self._scoring(fieldname, btext)
            node = _Term(self.reader, fieldname, btext, *scoring, self.deleted)
            self.terms[(fieldname, btext)] = node
        return _boosted(node, boost)

    def _scoring(
        self, fieldname: str, btext: bytes
    ) -> tuple[Callable[[list[float], list[int]], list[float]], Callable[[float, int], float]]:
        """Whoosh's scores of a block's postings (from their weights and articles) and a
        block's bound (from its highest weight and shortest field)."""
        scorer = self.top.weighting.scorer(self.sub, fieldname, btext)
        if isinstance(scorer, WeightScorer):
            return (lambda ws, _ds: list(ws)), (lambda w, _fl: w * (1 + _EPSILON))
        if type(scorer) is not BM25FScorer:
            raise Unsupported("weighting")
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        perdoc = self.reader._perdoc
        if not isinstance(perdoc, W3PerDocReader):
            raise Unsupported("codec")
        norms = _norms(perdoc, fieldname, self.count, b, k1, avgfl)
        k1p = k1 + 1

        def scores(weights: list[float], ids: list[int]) -> list[float]:
            # Whoosh's bm25(), with its length part computed once per article and field.
            return [idf * ((w * k1p) / (w + norms[d])) for w, d in zip(weights, ids, strict=True)]

        def bound(w: float, fl: int) -> float:
            norm = k1 * ((1 - b) + b * max(fl, 1) / avgfl)
            return float(idf * ((w * k1p) / (w + norm))) * (1 + _EPSILON)

        return scores, bound

    def build(self, q: query.Query) -> _Node:
        if isinstance(q, query.Term):
            return self.term(q.fieldname, q.text, q.boost)
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        if isinstance(q, (query.Prefix, query.Wildcard)) and q.text:
            return self._pattern(q)
        if isinstance(q, query.AndNot):
            return _AndNot(self.build(q.a), self.build(q.b))
        if isinstance(q, (query.And, query.Or)) and type(q) in (query.And, query.Or):
            if isinstance(q, query.Or) and (q.scale or q.minmatch):
                raise Unsupported("coordination")
            subs = list(q.subqueries)
            if not subs:
                return _Empty()
            if len(subs) == 1:  # Whoosh uses the one part's matcher, without the boost
                return self.build(subs[0])
            node: _Node
            if isinstance(q, query.Or):
                if any(isinstance(s, query.Not) for s in subs):
                    raise Unsupported("NOT inside OR")
                node = _Or([self.build(s) for s in subs])
            else:
                positive = [self.build(s) for s in subs if not isinstance(s, query.Not)]
                if not positive:
                    raise Unsupported("only NOT")
                if any(isinstance(c, _Empty) for c in positive):
                    return _Empty()
                negated = [self.build(s.query) for s in subs if isinstance(s, query.Not)]
                node = _And(positive, negated)
            return _boosted(node, q.boost)
        raise Unsupported(type(q).__name__)

    def _phrase(self, q: query.Phrase) -> _Node:
        if q.slop != 1 or not q.words:
            raise Unsupported("phrase with slop")
        words = [self.term(q.fieldname, w) for w in q.words]
        if any(isinstance(w, _Empty) for w in words):
            return _Empty()
        if len(words) == 1:
            raise Unsupported("one-word phrase")
        if not self.reader.schema[q.fieldname].format.supports("positions"):
            raise Unsupported("a field without positions")
        key = (q.fieldname, *(w for w in q.words))
        node = self.phrases.get(key)
        if node is None:
            node = self.phrases[key] = _Phrase([w for w in words if isinstance(w, _Term)])
        return _boosted(node, q.boost)

    def _pattern(self, q: query.MultiTerm) -> _Node:
        """Whoosh's prefix or wildcard: one word scores as that word; several are OR-ed,
        scored (a segment of more than 5,000 articles, or two words) or each 1.0."""
        words = [w for w in expand(self.reader, q) if w]
        if not words:
            return _Empty()
        if len(words) == 1:
            return self.term(q.fieldname, words[0])
        terms = [self.term(q.fieldname, w) for w in words]
        if len(words) < _TOO_MANY_CLAUSES and (len(words) == 2 or self.count > _PREFIX_ARRAY_DOCS):
            node: _Node = _Or(terms)
            return _boosted(node, q.boost)
        return _Constant([t for t in terms if isinstance(t, _Term)])


class Reading:
    """The index as one search reads it: the queries it runs (all the words, some of them)
    share each word's postings and decoded blocks."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        try:
            self.segments: list[_Segment] | None = [
                _Segment(searcher, sub, offset) for sub, offset in searcher.leaf_searchers()
            ]
        except Unsupported:
            self.segments = None
        self._plans: dict[query.Query, Plan | None] = {}  # a page and its count share one

    def full(self) -> bool:
        """Whether it holds more than ``reading_for`` keeps: decoded blocks, bytes of posting
        lists, words and queries."""
        terms = [t for segment in self.segments or () for t in segment.terms.values()]
        return (
            sum(len(t._blocks) for t in terms) > _KEPT_BLOCKS
            or sum(len(t._raw) for t in terms) > _KEPT_BYTES
            or len(terms) + len(self._plans) > _KEPT_WORDS
        )

    def prepare(self, q: query.Query) -> Plan | None:
        """``q`` prepared for ranking here, or None when Whoosh must run it."""
        if q not in self._plans:
            self._plans[q] = self._prepare(q)
        return self._plans[q]

    def _prepare(self, q: query.Query) -> Plan | None:
        if self.segments is None:
            return None
        try:
            return Plan([(segment, segment.build(q)) for segment in self.segments])
        except Unsupported:
            return None


class Plan:
    """A query prepared on a searcher: its best hits and its count share decoded blocks."""

    def __init__(self, segments: list[tuple[_Segment, _Node]]) -> None:
        self.segments = segments

    def top(self, limit: int) -> list[tuple[float, int]]:
        """The best ``limit`` (score, article number) pairs, best first; ties go to the lower
        article number, as in Whoosh."""
        pieces: list[tuple[float, int, int, int, _Node]] = []
        for k, (segment, node) in enumerate(self.segments):
            if isinstance(node, _Empty):
                continue
            ends = sorted(set(node.edges()))
            if not ends or ends[-1] < segment.count - 1:
                ends.append(segment.count - 1)
            lo = 0
            for hi in ends:
                if hi < lo:
                    continue
                b = node.bound(lo, hi)
                if b is not None:
                    pieces.append((b, k, lo, hi, node))
                lo = hi + 1
        pieces.sort(key=lambda p: -p[0])
        heap: list[tuple[float, int]] = []  # (score, -article): the lowest kept on top
        for b, k, lo, hi, node in pieces:
            if len(heap) >= limit and heap[0][0] > b:
                break
            offset = self.segments[k][0].offset
            floor = heap[0][0] if len(heap) >= limit else _NO_FLOOR
            found = node.scores(lo, hi, None, floor)
            if floor > _NO_FLOOR:  # only what can enter the page
                found = {d: s for d, s in found.items() if s >= floor}
            for d, s in found.items():
                item = (s, -(d + offset))
                if len(heap) < limit:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
        return [(s, -d) for s, d in sorted(heap, reverse=True)]

    def among(self, docnums: Iterable[int]) -> set[int]:
        """Which of these articles match."""
        wanted = sorted(docnums)
        found: set[int] = set()
        for segment, node in self.segments:
            start, end = segment.offset, segment.offset + segment.count
            local = [d - start for d in wanted if start <= d < end]
            if local:
                found.update(d + start for d in node.docs(local))
        return found

    def count(self) -> int:
        """How many live articles match."""
        return sum(len(node.docs(None)) for _, node in self.segments)


_REMEMBERED = 512  # answers of one kind a reader keeps


def remember(
    reader: Any, kind: str, key: Hashable, compute: Callable[[], T], most: int = _REMEMBERED
) -> T:
    """``compute()``, kept on ``reader`` (which lives as long as the index does not change)
    under ``kind`` and ``key``: at most ``most`` of a kind, then it starts afresh."""
    kept: dict[Hashable, T] = _memo(reader, kind)
    if key not in kept:
        if len(kept) >= most:
            kept.clear()
        kept[key] = compute()
    return kept[key]


_MEMO = "_briefing_"  # what this module keeps on a Whoosh reader is under names like this


def _memo(reader: Any, kind: str) -> dict[Hashable, Any]:
    """What ``remember`` keeps on ``reader`` under ``kind``."""
    found: dict[Hashable, Any] = reader.__dict__.setdefault(_MEMO + kind, {})
    return found


def _expansion_key(kind: str, fieldname: str, text: str, limit: int | None) -> Hashable:
    return kind, fieldname, text, limit


def expand(reader: Any, q: query.MultiTerm, limit: int | None = None) -> list[bytes]:
    """The index words a prefix or wildcard stands for in ``reader`` (the first ``limit``
    of them, when given), remembered: a search expands one several times (its cost check,
    its ranking, its snippets) and searches in a row the same ones, each a binary search of
    Whoosh's term table."""
    key = _expansion_key(type(q).__name__, q.fieldname, str(q.text), limit)
    return remember(reader, "expansions", key, lambda: _expanded(reader, q, limit))


def _expanded(reader: Any, q: query.MultiTerm, limit: int | None) -> list[bytes]:
    """A prefix typed one more letter ('elect' after 'elec') is the shorter one's words that
    go on with that letter, when those were all kept; else the term file is read."""
    kept = _memo(reader, "expansions")
    if type(q) is query.Prefix and isinstance(q.text, str):
        for n in range(len(q.text) - 1, 0, -1):
            shorter = kept.get(_expansion_key("Prefix", q.fieldname, q.text[:n], None))
            if shorter is not None:
                start = q.text.encode("utf-8")
                return [w for w in shorter if w.startswith(start)][:limit]
    return list(islice(q._btexts(reader), limit))


_kept: list[Reading] = []  # the one Reading kept: the last searcher's


class WhooshOnly(Reading):
    """A reading that prepares nothing: every query runs through Whoosh's own matchers. The
    plain path, which the fast one must match (``tests/core/test_backend_contract.py``)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.segments = None
        self._plans = {}

    def prepare(self, q: query.Query) -> Plan | None:
        return None


def reading_for(searcher: Any) -> Reading:
    """The ``Reading`` kept for this searcher, so that searches in a row (a query typed a key
    at a time) share their words' postings and decoded blocks. One is kept, for the searcher
    searched last: the index reopens its searcher when it changes, which starts a new one,
    and so does one past ``_KEPT_BLOCKS`` decoded blocks, ``_KEPT_BYTES`` of posting lists or
    ``_KEPT_WORDS`` words and queries. It is kept here, not on the searcher: that would make a
    cycle (the Reading refers to the searcher) and a searcher let go of, with all it had read,
    would wait for the cycle collector (a loop of command-line searches grew to 300 MB)."""
    kept = _kept[0] if _kept else None
    if kept is None or kept.searcher is not searcher or kept.full():
        kept = Reading(searcher)
        _kept[:] = [kept]
    return kept


def forget(searcher: Any) -> None:
    """Drop what is kept for this searcher and on its readers (``reading_for``, ``remember``):
    the next search reads its words afresh, as a query with new words does (the benchmarks
    measure that)."""
    if _kept and _kept[0].searcher is searcher:
        _kept.clear()
    readers = [searcher.reader(), *(sub.reader() for sub, _ in searcher.leaf_searchers())]
    for reader in readers:
        for kind in [k for k in reader.__dict__ if k.startswith(_MEMO)]:
            del reader.__dict__[kind]


def prepare(searcher: Any, q: query.Query) -> Plan | None:
    """``q`` prepared for ranking on its own (see ``Reading`` to share postings)."""
    return Reading(searcher).prepare(q)
