"""Side-by-side comparison of two articles: aligned sentences, shared terms, differing facts.

Sentences are compared as TF-IDF vectors over the index's own stems (stop words gone), so "killed"
and "killing" are the same word here as in search. Pairs are chosen best-first (so a fact one
outlet reports earlier can still pair: crossings are allowed) with a small bonus for keeping the
order, then a neighbouring sentence joins a pair when together they match better (a run).
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tui.compare.facts import Value, affinity, counts_apart, measure, pair_values, values_of
from tui.ingest.article import Article
from tui.text.analysis import COMMON_WORDS, Tok, tokens
from tui.text.sentences import split_sentences

PAIR_THRESHOLD = 0.28
ORDER_BONUS = 0.06
RUN_GAIN = 0.04
TERMS = 12
# Cost caps: alignment grows with sentences × sentences sharing a word. Articles of news
# length stay far below both; a pair of 1 MB files is compared on its first sentences.
MAX_SENTENCES = 1500
MAX_POSTINGS = 300


NEAR_COPY = 0.6  # a pair this similar is one sentence edited: a lone unpaired value pairs


_COMMON_STEMS = {t.stem for word in COMMON_WORDS for t in tokens(word)} | COMMON_WORDS


@dataclass(frozen=True)
class Sentence:
    index: int
    block: int
    text: str
    toks: tuple[Tok, ...]

    @property
    def stems(self) -> Counter[str]:
        return Counter(t.stem for t in self.toks)


def sentences_of(article: Article) -> list[Sentence]:
    out: list[Sentence] = []
    for b, block in enumerate(article.blocks):
        for text in split_sentences(block.text):
            out.append(Sentence(len(out), b, text, tuple(tokens(text))))
    return out


@dataclass(frozen=True)
class Pair:
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float


@dataclass(frozen=True)
class Difference:
    # money percent count ordinal decade range score ratio time date weekday name; or scope:
    # two counts of one measure that count different things (never a dispute)
    kind: str
    a: str
    b: str
    a_sentence: str
    b_sentence: str
    pair: int  # index into Comparison.pairs, or -1 when the sentences were not aligned
    a_at: tuple[int, int, int] = (0, 0, 0)  # sentence index, start, end of the fact on side A
    b_at: tuple[int, int, int] = (0, 0, 0)
    measure: str = ""  # the words both values stand by ("killed"), as side A writes them
    a_value: Value | None = field(default=None, compare=False)
    b_value: Value | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "a": self.a,
            "b": self.b,
            "measure": self.measure,
            "a_sentence": self.a_sentence,
            "b_sentence": self.b_sentence,
        }


@dataclass
class Comparison:
    a: Article
    b: Article
    a_sentences: list[Sentence]
    b_sentences: list[Sentence]
    pairs: list[Pair]
    only_a: list[int]
    only_b: list[int]
    similarity: float
    shared_terms: list[str]
    only_a_terms: list[str]
    only_b_terms: list[str]
    differences: list[Difference]
    names_only_a: list[str] = field(default_factory=list)
    names_only_b: list[str] = field(default_factory=list)
    notice: str | None = None  # set when the articles were too long to compare whole

    def passage(self, side: str, indices: Iterable[int]) -> str:
        sentences = self.a_sentences if side == "a" else self.b_sentences
        return " ".join(sentences[i].text for i in indices)

    def to_json(self) -> dict[str, Any]:
        return {
            "a": {"id": self.a.id, "title": self.a.title, "source": self.a.source},
            "b": {"id": self.b.id, "title": self.b.title, "source": self.b.source},
            "similarity": self.similarity,
            "pairs": [
                {
                    "a": self.passage("a", p.a),
                    "b": self.passage("b", p.b),
                    "a_sentences": list(p.a),
                    "b_sentences": list(p.b),
                    "similarity": p.similarity,
                }
                for p in self.pairs
            ],
            "only_a": [self.a_sentences[i].text for i in self.only_a],
            "only_b": [self.b_sentences[i].text for i in self.only_b],
            "shared_terms": self.shared_terms,
            "only_a_terms": self.only_a_terms,
            "only_b_terms": self.only_b_terms,
            "names_only_a": self.names_only_a,
            "names_only_b": self.names_only_b,
            "differences": [d.to_json() for d in self.differences],
            "notice": self.notice,
        }


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side view: a pair, or a sentence only one side has."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float = 0.0

    @property
    def kind(self) -> str:
        return "pair" if self.a and self.b else ("only_a" if self.a else "only_b")


def rows(comparison: Comparison) -> list[Row]:
    """Pairs and one-sided sentences in A's reading order, B's extras beside their neighbours."""
    keyed: list[tuple[float, Row]] = []
    b_key: dict[int, float] = {}
    for pair in comparison.pairs:
        key = float(min(pair.a))
        keyed.append((key, Row(pair.a, pair.b, pair.similarity)))
        for j in pair.b:
            b_key[j] = key
    keyed.extend((float(i), Row((i,), ())) for i in comparison.only_a)
    for j in comparison.only_b:
        before = [k for k in b_key if k < j]
        anchor = b_key[max(before)] if before else -1.0
        key = anchor + 0.5 + j / 10_000
        b_key[j] = key
        keyed.append((key, Row((), (j,))))
    keyed.sort(key=lambda kr: (kr[0], 0 if kr[1].a else 1))
    return [row for _, row in keyed]


def folded(all_rows: list[Row], run: int = 3) -> list[Row]:
    """Rows with each run of more than ``run`` one-sided rows of one side folded into one
    row holding them all (a long passage only B has reads as one block, not forty rows)."""
    out: list[Row] = []
    for row in all_rows:
        last = out[-1] if out else None
        if last is not None and row.kind != "pair" and row.kind == last.kind:
            out[-1] = Row(last.a + row.a, last.b + row.b)
        else:
            out.append(row)
    result: list[Row] = []
    for row in out:  # a short run stays as separate rows
        count = len(row.a) + len(row.b)
        if row.kind != "pair" and 1 < count <= run:
            result.extend(Row((i,), ()) for i in row.a)
            result.extend(Row((), (j,)) for j in row.b)
        else:
            result.append(row)
    return result


# --- vectors --------------------------------------------------------------------------------

Idf = Callable[[str], float]


def local_idf(groups: list[list[Sentence]]) -> Idf:
    """IDF over the sentences of both articles, when no index is at hand."""
    docs = [set(s.stems) for group in groups for s in group]
    n = max(1, len(docs))
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d)
    return lambda stem: math.log((n + 1) / (df.get(stem, 0) + 1)) + 1.0


def _vector(counts: Counter[str], idf: Idf) -> dict[str, float]:
    vec = {stem: (1 + math.log(c)) * idf(stem) for stem, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def _cosine(x: dict[str, float], y: dict[str, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y.get(k, 0.0) for k, v in x.items())


# --- alignment ------------------------------------------------------------------------------


def _align(
    sa: list[Sentence], sb: list[Sentence], idf: Idf
) -> tuple[list[Pair], list[int], list[int]]:
    va = [_vector(s.stems, idf) for s in sa]
    vb = [_vector(s.stems, idf) for s in sb]
    n, m = len(sa), len(sb)
    # Cosines through an inverted index of B's stems: sentences sharing no word cost nothing.
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vec in enumerate(vb):
        for stem, weight in vec.items():
            postings.setdefault(stem, []).append((j, weight))
    candidates: list[tuple[float, float, int, int]] = []
    for i in range(n):
        dots: dict[int, float] = {}
        for stem, weight in va[i].items():
            hits = postings.get(stem, ())
            if len(hits) > MAX_POSTINGS:  # in hundreds of sentences: no help to pair, and cost
                continue
            for j, their in hits:
                dots[j] = dots.get(j, 0.0) + weight * their
        for j, sim in dots.items():
            if sim >= PAIR_THRESHOLD:
                order = 1.0 - abs(i / max(1, n - 1) - j / max(1, m - 1)) if n > 1 and m > 1 else 1
                candidates.append((sim + ORDER_BONUS * order, sim, i, j))
    candidates.sort(reverse=True)
    used_a: dict[int, int] = {}
    used_b: dict[int, int] = {}
    links: list[tuple[int, int, float]] = []
    for _, sim, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a[i] = used_b[j] = len(links)
        links.append((i, j, sim))
    groups = [([i], [j], sim) for i, j, sim in links]
    # A neighbouring unpaired sentence joins a pair when the run matches better than the one.
    for side in ("a", "b"):
        free = set(range(n if side == "a" else m)) - set(used_a if side == "a" else used_b)
        for idx in sorted(free):
            best: tuple[int, float, list[int]] | None = None
            used = used_a if side == "a" else used_b
            near = sorted({used[k] for k in (idx - 1, idx + 1) if k in used})
            for g in near:  # the groups holding a neighbour (each sentence is in one group)
                ga, gb, sim = groups[g]
                mine = ga if side == "a" else gb
                if idx - 1 in mine or idx + 1 in mine:
                    run = sorted([*mine, idx])
                    here = sa if side == "a" else sb
                    there = sb if side == "a" else sa
                    other = gb if side == "a" else ga
                    joined = Counter[str]()
                    for k in run:
                        joined.update(here[k].stems)
                    partner = Counter[str]()
                    for k in other:
                        partner.update(there[k].stems)
                    new = _cosine(_vector(joined, idf), _vector(partner, idf))
                    if new >= sim + RUN_GAIN and (best is None or new > best[1]):
                        best = (g, new, run)
            if best is not None:
                g, new, run = best
                ga, gb, _ = groups[g]
                groups[g] = (run, gb, new) if side == "a" else (ga, run, new)
                (used_a if side == "a" else used_b)[idx] = g
    groups.sort(key=lambda x: (min(x[0]), min(x[1])))
    pairs = [Pair(tuple(ga), tuple(gb), round(min(1.0, sim), 4)) for ga, gb, sim in groups]
    paired_a = {i for p in pairs for i in p.a}
    paired_b = {j for p in pairs for j in p.b}
    only_a = [i for i in range(n) if i not in paired_a]
    only_b = [j for j in range(m) if j not in paired_b]
    return pairs, only_a, only_b


# --- facts ----------------------------------------------------------------------------------

NAME_SWAP = 0.75  # how alike two sentences must be, names aside, for a name to be in dispute


def _name_swapped(a: str, x: Value, b: str, y: Value) -> bool:
    """The sentences say the same thing of two different names: a swapped name, not two
    sentences that happen to name different people."""
    words_a = (a[: x.start] + " " + a[x.end :]).lower().split()
    words_b = (b[: y.start] + " " + b[y.end :]).lower().split()
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio() >= NAME_SWAP


def _differences(
    pairs: list[Pair],
    sa: list[Sentence],
    sb: list[Sentence],
    va: list[list[Value]],
    vb: list[list[Value]],
) -> list[tuple[Difference, tuple[int, int, int, int]]]:
    found: list[tuple[Difference, tuple[int, int, int, int]]] = []
    seen: set[tuple[str, str, str]] = set()
    for p_index, pair in enumerate(pairs):
        paired = pair_values(
            [va[i] for i in pair.a],
            [vb[j] for j in pair.b],
            near_copy=pair.similarity >= NEAR_COPY,
        )
        for p in paired:
            i, j = pair.a[p.a_where], pair.b[p.b_where]
            if p.a.kind == "name" and not _name_swapped(sa[i].text, p.a, sb[j].text, p.b):
                continue
            kind = "scope" if p.scope else None
            if made := _difference(p.a, p.b, i, j, p_index, sa, sb, seen, kind):
                found.append(made)
    found.extend(_rewritten(pairs, sa, sb, va, vb, {d.a_at for d, _ in found}, seen))
    return found


def _difference(
    x: Value,
    y: Value,
    i: int,
    j: int,
    pair: int,
    sa: list[Sentence],
    sb: list[Sentence],
    seen: set[tuple[str, str, str]],
    kind: str | None = None,
) -> tuple[Difference, tuple[int, int, int, int]] | None:
    """The difference between value ``x`` of A's sentence ``i`` and ``y`` of B's sentence
    ``j`` with its sort key; None when the same two values were reported already. ``kind``
    overrides the values' kind ("scope")."""
    kind = kind or x.shown_kind
    key = (kind, x.text, y.text)
    if key in seen:
        return None
    seen.add(key)
    diff = Difference(
        kind, x.text, y.text, sa[i].text, sb[j].text, pair,
        (i, x.start, x.end), (j, y.start, y.end), measure(x, y, sa[i].text), x, y,
    )  # fmt: skip
    return diff, (i, x.start, j, y.start)


REWRITTEN_MATCH = 1.0  # nearby wording a figure must share with one in another sentence
# Figures only: dates and names in two sentences written apart are mostly two events.
_REWRITTEN_KINDS = {"money", "percent", "count", "ordinal", "ratio", "range", "score"}


def _share_a_name(xs: list[Value], ys: list[Value]) -> bool:
    return any(x.same(y) for x in xs if x.kind == "name" for y in ys if y.kind == "name")


def _rewritten(
    pairs: list[Pair],
    sa: list[Sentence],
    sb: list[Sentence],
    va: list[list[Value]],
    vb: list[list[Value]],
    taken: set[tuple[int, int, int]],
    seen: set[tuple[str, str, str]],
) -> list[tuple[Difference, tuple[int, int, int, int]]]:
    """Figures of sentences that were rewritten rather than copied, so not aligned with each
    other: a figure pairs with one in another sentence of the other article when they stand
    beside the same word, on the same side, and neither value is stated anywhere on the other
    side, and the two sentences name someone or something in common ("Levy's novel is now the
    5/4 favourite" and "Levy is the 6/4 favourite to win"). Names never pair so."""
    group_of = {i: g for g, p in enumerate(pairs) for i in p.a}
    group_of_b = {j: g for g, p in enumerate(pairs) for j in p.b}
    all_a = [v for vs in va for v in vs]
    all_b = [v for vs in vb for v in vs]
    free_a = [
        (i, x)
        for i, vs in enumerate(va)
        for x in vs
        if x.shown_kind in _REWRITTEN_KINDS
        and (i, x.start, x.end) not in taken
        and not any(x.same(o) for o in all_b)
    ]
    free_b = [
        (j, y) for j, vs in enumerate(vb) for y in vs
        if y.shown_kind in _REWRITTEN_KINDS and not any(y.same(o) for o in all_a)
    ]  # fmt: skip
    candidates = []
    for i, x in free_a:
        for j, y in free_b:
            if x.group != y.group or group_of.get(i, -1) == group_of_b.get(j, -2):
                continue
            if counts_apart(x, y):
                continue  # counts of different things measure different things
            if not any(p and p == q for p, q in zip(x.beside, y.beside, strict=True)):
                continue
            if not _share_a_name(va[i], vb[j]):
                continue  # about the same someone or something, or not about the same thing
            score = affinity(x, y)
            if score >= REWRITTEN_MATCH:
                candidates.append((score, i, x, j, y))
    candidates.sort(key=lambda c: -c[0])
    used: set[int] = set()
    out = []
    for _, i, x, j, y in candidates:
        if id(x) in used or id(y) in used:
            continue
        used.update((id(x), id(y)))
        if made := _difference(x, y, i, j, group_of.get(i, -1), sa, sb, seen):
            out.append(made)
    return out


# --- words ----------------------------------------------------------------------------------

WORD_DIFF_MIN = 0.5  # passages less alike than this are rewritten, not edited: no word marks
_WORD = re.compile(r"\S+")


def word_changes(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where two aligned passages differ word by word: character spans on each side
    ("a step" and "another step": "a" on A, "another" on B). Nothing for passages rewritten
    rather than edited, where every word would be marked."""
    wa, wb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    matcher = difflib.SequenceMatcher(
        None, [m.group() for m in wa], [m.group() for m in wb], autojunk=False
    )
    if matcher.ratio() < WORD_DIFF_MIN:
        return [], []
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            spans_a.append((wa[i1].start(), wa[i2 - 1].end()))
        if j2 > j1:
            spans_b.append((wb[j1].start(), wb[j2 - 1].end()))
    return spans_a, spans_b


# --- terms ----------------------------------------------------------------------------------


def _surface(sentences: list[Sentence]) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in sentences:
        for t in s.toks:
            out.setdefault(t.stem, s.text[t.start : t.end])
    return out


def _key_terms(counts: Counter[str], idf: Idf, corpus: Idf | None = None) -> list[str]:
    """Stems by weight: how often here, how rare in the two articles and, given ``corpus``, how
    rare in the whole corpus (a word every article uses, "side", "point", is not distinctive)."""
    scored = sorted(
        ((1 + math.log(c)) * idf(stem) * (corpus(stem) if corpus else 1.0), stem)
        for stem, c in counts.items()
        if not stem.isdigit() and stem not in _COMMON_STEMS
    )
    return [stem for score, stem in reversed(scored) if score > 0]


def _article_names(values: list[list[Value]]) -> list[Value]:
    names: list[Value] = []
    keys: set[tuple[object, ...]] = set()
    for vs in values:
        for v in vs:
            if v.kind != "name" or v.key in keys:
                continue
            keys.add(v.key)
            if not any(v.same(n) for n in names):
                names.append(v)
    return names


@dataclass(frozen=True)
class Prepared:
    """An article read for comparison once: its sentences and the values each states."""

    article: Article
    sentences: list[Sentence]
    values: list[list[Value]]
    total: int  # sentences before the cap


def prepare(article: Article) -> Prepared:
    sentences = sentences_of(article)
    total = len(sentences)
    sentences = sentences[:MAX_SENTENCES]
    values = [values_of(s.text, list(s.toks)) for s in sentences]
    return Prepared(article, sentences, values, total)


def compare(
    a: Article | Prepared,
    b: Article | Prepared,
    idf: Idf | None = None,
    *,
    terms: bool = True,
    corpus_idf: Idf | None = None,
) -> Comparison:
    """Compare two articles (or two articles prepared once, to compare each with many).

    Words are weighted by how rare they are among the sentences of the two articles (``idf``
    overrides that), which separates facts well whatever the size of the corpus. Without
    ``terms``, the shared and one-sided terms and names are left empty (a briefing's disputed
    facts need only the alignment and the differences). ``corpus_idf`` (the index's, from
    ``library.corpus_idf``) keeps words every article uses out of those terms.
    """
    pa = a if isinstance(a, Prepared) else prepare(a)
    pb = b if isinstance(b, Prepared) else prepare(b)
    sa, sb = pa.sentences, pb.sentences
    notice = None
    if pa.total > MAX_SENTENCES or pb.total > MAX_SENTENCES:
        notice = (
            f"long articles ({pa.total:,} and {pb.total:,} sentences): the first "
            f"{MAX_SENTENCES:,} of each are compared"
        )
    weight = idf or local_idf([sa, sb])
    pairs, only_a, only_b = _align(sa, sb, weight)
    ca: Counter[str] = Counter()
    cb: Counter[str] = Counter()
    for s in sa:
        ca.update(s.stems)
    for s in sb:
        cb.update(s.stems)
    similarity = (
        round(min(1.0, _cosine(_vector(ca, weight), _vector(cb, weight))), 4)
        if (ca and cb)
        else (1.0 if not ca and not cb else 0.0)
    )
    top_a = _key_terms(ca, weight, corpus_idf) if terms else []
    top_b = _key_terms(cb, weight, corpus_idf) if terms else []
    # Shared terms rank by both articles together, and are spelled the same whichever side
    # is A: swapping the sides does not change them.
    sa_words, sb_words = (_surface(sa), _surface(sb)) if terms else ({}, {})
    surface = {k: min(v, sb_words.get(k, v)) for k, v in sa_words.items()}
    surface.update({k: v for k, v in sb_words.items() if k not in surface})
    shared = (
        [t for t in _key_terms(ca + cb, weight, corpus_idf) if t in ca and t in cb][:TERMS]
        if terms
        else []
    )
    only_a_terms = [t for t in top_a if t not in cb][:TERMS]
    only_b_terms = [t for t in top_b if t not in ca][:TERMS]
    names_a = _article_names(pa.values) if terms else []
    names_b = _article_names(pb.values) if terms else []
    diffs = _differences(pairs, sa, sb, pa.values, pb.values)
    diffs.sort(key=lambda d: d[1])
    return Comparison(
        a=pa.article,
        b=pb.article,
        a_sentences=sa,
        b_sentences=sb,
        pairs=pairs,
        only_a=only_a,
        only_b=only_b,
        similarity=similarity,
        shared_terms=[surface.get(t, t) for t in shared],
        only_a_terms=[surface.get(t, t) for t in only_a_terms],
        only_b_terms=[surface.get(t, t) for t in only_b_terms],
        differences=[d for d, _ in diffs],
        names_only_a=[v.text for v in names_a if not any(v.same(o) for o in names_b)],
        names_only_b=[v.text for v in names_b if not any(v.same(o) for o in names_a)],
        notice=notice,
    )
