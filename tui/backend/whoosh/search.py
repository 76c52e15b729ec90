"""Searching a Whoosh index: its query language, the plan of a query, ranked hits with their
snippets, exact totals, "did you mean", more-like-this and key terms."""

from __future__ import annotations

import copy
import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from whoosh import highlight, query
from whoosh.qparser import MultifieldParser, QueryParserError
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results, Searcher
from whoosh.spelling import ListCorrector

from tui.backend.whoosh.analysis import ANALYZER
from tui.backend.whoosh.index import ArticleIndex, make_schema
from tui.backend.whoosh.ranker import Reading, WhooshOnly, expand, reading_for, remember
from tui.search.catalog import ENTRY_FIELDS
from tui.search.results import (
    ORDERS,
    RANKING,
    SNIPPET_CHARS,
    Hit,
    QueryError,
    Ranking,
    SearchResult,
    Snippet,
    join_snippets,
    lead_snippet,
)
from tui.search.words import QUESTION_WORDS, live_query, slips
from tui.store.background import StopSignal, raise_if_set
from tui.text.analysis import COMMON_WORDS, STOP_WORDS, common_words, stem_word
from tui.text.highlight import SEARCH, Span, find_spans

TEXT_FIELDS = ("title", "body")
FIELDS = ("title", "body", "source", "byline", "topic", "date", "id")
SNIPPET_SCAN = highlight.DEFAULT_CHARLIMIT  # characters of an article searched for a snippet


_SCHEMA = make_schema()
_FIELD_REF = re.compile(r"(?:(?<=^)|(?<=[\s(]))([A-Za-z_][\w]*):(?=[^\s/])")


def _parser() -> MultifieldParser:
    return MultifieldParser(list(TEXT_FIELDS), _SCHEMA)


def _errors(q: query.Query) -> list[str]:
    found: list[str] = []

    def walk(node: query.Query) -> None:
        error = getattr(node, "error", None)
        if error:
            found.append(str(error))
        for child in node.children():
            walk(child)

    walk(q)
    return found


# Two operators in a row ("NOT NOT tax", "tax ANDMAYBE ANDNOT economy"); "AND NOT" is fine.
_OPERATOR_PAIR = re.compile(
    r"(?<![\w:])(NOT|AND|OR|ANDNOT|ANDMAYBE)\s+(AND|OR|ANDNOT|ANDMAYBE|NOT)(?![\w:])"
)


def _every_document(node: query.Query) -> query.Query:
    """``*`` means every article: Whoosh's per-field Every walks every word of the field
    (seconds on a big index); the field-less Every takes the document list as it is."""
    if isinstance(node, query.Every) and node.fieldname:
        return query.Every()
    return node


def parse_query(text: str) -> query.Query:
    """Parse a user query; raise ``QueryError`` with one clear line when it cannot run."""
    stripped = text.strip()
    if not stripped:
        raise QueryError("empty query")
    for name in _FIELD_REF.findall(stripped):
        if name not in FIELDS:
            raise QueryError(f"unknown field '{name}:' (fields: {', '.join(FIELDS)})")
    if stripped.count('"') % 2:
        raise QueryError('unclosed quote: add the closing "')
    if stripped.count("(") != stripped.count(")"):
        raise QueryError("unbalanced parentheses")
    if stripped.count("[") != stripped.count("]"):
        raise QueryError("unbalanced brackets in a range: use field:[low TO high]")
    outside_quotes = re.sub(r'"[^"]*"', " phrase ", stripped)
    for m in _OPERATOR_PAIR.finditer(outside_quotes):
        if m.group(2) == "NOT" and m.group(1) in ("AND", "OR"):
            continue  # "tax AND NOT economy"
        raise QueryError(
            f"'{m.group(1)} {m.group(2)}': an operator needs a word (or a group in parentheses) "
            "after it"
        )
    date_help = (
        "cannot read the date: write date:2026-01-12, date:2026-01 or "
        "date:[2026-01-01 TO 2026-01-31]"
    )
    try:
        q = _parser().parse(stripped)
    except QueryParserError as exc:
        raise QueryError(f"cannot parse query: {exc or 'check the operators'}") from None
    except Exception as exc:  # a malformed date or range raises from inside the field
        if "date:" in stripped:
            raise QueryError(date_help) from None
        detail = str(exc) or type(exc).__name__
        raise QueryError(f"cannot parse query ({detail}); check the operators") from None
    errors = _errors(q)
    if errors:
        if "date:" in stripped:
            raise QueryError(date_help)
        raise QueryError(f"cannot parse query: {errors[0]}")
    q = q.accept(_every_document)
    if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
        raise QueryError("the query has no words to search for (only stop words?)")
    return q


def _trim(frag: highlight.Fragment) -> tuple[int, int]:
    """Snap a fragment's cut ends to word boundaries (ends that reach the text stay whole)."""
    text, start, end = frag.text, frag.startchar, frag.endchar
    first = frag.matches[0].startchar if frag.matches else end
    last = frag.matches[-1].endchar if frag.matches else start
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space >= 0 else end
    return start, end


class _SpanFormatter(highlight.Formatter):
    """Collects Whoosh's fragments as (text, spans) instead of formatting markup."""

    def format(self, fragments: list[highlight.Fragment], replace: bool = False) -> Any:
        out: list[Snippet] = []
        for frag in fragments:
            start, end = _trim(frag)
            text = frag.text[start:end]
            spans = tuple(
                Span(t.startchar - start, t.endchar - start, SEARCH)
                for t in frag.matches
                if start <= t.startchar < t.endchar <= end
            )
            out.append(Snippet(text, spans))
        return out


def _title_spans(title: str, terms: frozenset[str]) -> tuple[Span, ...]:
    return tuple(find_spans(title, search_stems=terms))


# Whoosh's highlighter with its default fragment scorer and order: the fragments around the
# query's words, collected as our snippets rather than formatted.
_HIGHLIGHTER = highlight.Highlighter(
    fragmenter=highlight.PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=70),
    formatter=_SpanFormatter(),
)


def _best_fragments(body: str, terms: frozenset[str]) -> list[Snippet]:
    """The body's two best fragments for the query's stems, in the order they come.

    Whoosh's highlighter without its per-hit set-up: the text is re-analysed for this row only
    (the postings keep no character offsets), up to where Whoosh's fragmenter stops looking
    anyway, and the query's words are those the search expanded once (Whoosh expanded every
    prefix again for every hit it highlighted).
    """
    text = body[:SNIPPET_SCAN]
    tokens = ANALYZER(text, positions=True, chars=True, mode="index", removestops=False)
    # The analyzer reuses one token object; Whoosh's merge keeps some matched tokens without
    # copying them, and they then changed under the fragmenter (two matched words in a row,
    # "Prime Minister", gave fragments that end before they start: empty snippets).
    matched = (t.copy() if t.matched else t for t in highlight.set_matched_filter(tokens, terms))
    tokens = _HIGHLIGHTER._merge_matched_tokens(matched)
    fragments = _HIGHLIGHTER.fragmenter.fragment_tokens(text, tokens)
    best = highlight.top_fragments(
        fragments, 2, _HIGHLIGHTER.scorer, _HIGHLIGHTER.order, minscore=1
    )
    found: list[Snippet] = _HIGHLIGHTER.formatter.format(best)
    return found


def _inferred(fields: dict[str, Any]) -> tuple[str, ...]:
    """The fields read from the article's text (shown "~"), from its stored catalog row."""
    row = fields.get("entry")
    if not isinstance(row, list) or len(row) != len(ENTRY_FIELDS):
        return ()
    return tuple(row[ENTRY_FIELDS.index("inferred")] or ())


def _hit(h: WhooshHit, terms: frozenset[str], matched: int = 0, words: int = 0) -> Hit:
    fields = h.fields()
    body = fields.get("body", "")
    snippets = _best_fragments(body, terms)
    snippet = join_snippets(snippets) if snippets else lead_snippet(body)
    date = fields.get("date")
    title = fields.get("title", h["id"])
    return Hit(
        id=fields["id"],
        title=title,
        source=fields.get("source"),
        date=date.date().isoformat() if date else None,
        score=float(h.score or 0.0),
        snippet=snippet,
        title_spans=_title_spans(title, terms),
        words_matched=matched,
        words_total=words,
        inferred=_inferred(fields),
    )


def _spelled(ix: ArticleIndex) -> ListCorrector:
    """Whoosh's corrector over the words the articles use as they are written (the index holds
    stems, and its own corrector ranks its suggestions by frequency alone)."""
    table = ix.spelling
    cached = _CORRECTORS.get(id(table))
    if cached is None or cached[0] is not table:
        _CORRECTORS.clear()
        cached = _CORRECTORS[id(table)] = (table, ListCorrector(sorted(set(table.values()))))
    return cached[1]


_CORRECTORS: dict[int, tuple[dict[str, str], ListCorrector]] = {}


def _suggest(searcher: Searcher, ix: ArticleIndex, text: str) -> str | None:
    """A corrected query built from real words, offered only if it finds something.

    Only a word the index does not know is corrected, and never a stop or question word or a
    common English word (``analysis.common_words``): those are not typos. A word of up to five
    letters may have one slip (a swap of two letters is one), a longer one two; of the words the
    articles use that close, the fewest slips win, then the most articles."""
    corrector = _spelled(ix)
    reader = searcher.reader()
    changed = False
    tried = 0
    deadline = time.monotonic() + SUGGEST_SECONDS

    def fix(match: re.Match[str]) -> str:
        nonlocal changed, tried
        word = match.group(0)
        if tried >= SUGGEST_WORDS or time.monotonic() > deadline:
            return word
        if word.isupper() and word in ("AND", "OR", "NOT", "TO"):
            return word
        low = word.lower()
        if low in STOP_WORDS or low in QUESTION_WORDS or low in common_words():
            return word  # a question's frame, or a real word the articles happen not to use
        stem = stem_word(low)
        if reader.doc_frequency("body", stem) or reader.doc_frequency("title", stem):
            return word
        tried += 1
        allowed = 1 if len(low) <= SHORT_WORD else 2  # "stall" is not a typo of "state"
        best: tuple[int, int, str] | None = None
        for option in corrector.suggest(low, limit=SUGGEST_OPTIONS, maxdist=2, prefix=1):
            distance = slips(low, option)
            if distance > allowed:
                continue
            key = (distance, -reader.doc_frequency("body", stem_word(option)), option)
            best = key if best is None or key < best else best
        if best is None:
            return word
        changed = True
        surface = best[2]
        return surface.capitalize() if word[:1].isupper() else surface

    fixed = re.sub(r"(?<![:\w])[^\W\d_]{3,}(?![\w:])", fix, text)
    if not changed:
        return None
    try:
        q = parse_query(fixed)
    except QueryError:
        return None
    return fixed if searcher.search(q, limit=1).scored_length() else None


def query_terms(q: query.Query, searcher: Searcher) -> frozenset[str]:
    """The stems a query looks for in title and body, wildcards expanded against the index."""
    reader = searcher.reader()
    out: set[str] = set()
    for leaf in q.leaves():
        if getattr(leaf, "fieldname", None) not in TEXT_FIELDS:
            continue
        if isinstance(leaf, query.MultiTerm):
            found = expand(reader, leaf)
            out.update(t.decode("utf-8") if isinstance(t, bytes) else t for t in found)
        elif isinstance(leaf, query.Phrase):
            out.update(leaf.words)
        elif isinstance(leaf, query.Term):
            out.add(str(leaf.text))
    return frozenset(out)


# An operator written by the user makes the query explicit: it then runs exactly as written.
_OPERATOR = re.compile(r"(?<![\w:])(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?![\w:])")
_QUESTION_STEMS = frozenset(stem_word(w) for w in QUESTION_WORDS)
MAX_FREE_WORDS = 40  # more free words than this (a pasted paragraph) cost seconds per search
MAX_EXPANSION = 1000  # index words one wildcard may stand for ("*e*" stands for most of them)
MAX_POSTINGS = 150_000  # article × word pairs one wildcard may reach ("e*": 2.3 M at 50,000)
# Whoosh reads postings at about a microsecond each, so what a search costs grows with what it
# matches; these two keep a broad query on a 100,000-article index interactive.
COUNT_CAP = 10_000  # matching articles counted one by one; past this a total is "10,000+"
BROAD = 20_000  # postings a free-text query may reach before it is ranked among all-word hits
SUGGEST_SECONDS = 0.3  # time "did you mean" may take
SUGGEST_WORDS = 8  # unknown words it tries to correct
SHORT_WORD = 5  # letters up to which "did you mean" allows one slip, not two
SUGGEST_OPTIONS = 500  # words within two edits of a typo that "did you mean" weighs
_WORD_LEAVES = (query.Term, query.Prefix, query.Wildcard)


@dataclass(frozen=True)
class QueryPlan:
    """A parsed query and how to run it.

    ``strict`` requires every free word (and whatever else was written); ``loose`` is the same
    with the free words optional, or None when the query is explicit syntax. ``words`` are the
    free words, one query each, for counting how many an article has.
    """

    strict: query.Query
    loose: query.Query | None
    words: tuple[query.Query, ...]
    notes: tuple[str, ...] = ()


def _is_free_word(q: query.Query) -> bool:
    """A bare word (or prefix) searched in title and body, as the parser makes one."""
    leaves = list(q.leaves())
    return (
        bool(leaves)
        and all(isinstance(leaf, _WORD_LEAVES) for leaf in leaves)
        and {getattr(leaf, "fieldname", None) for leaf in leaves} == set(TEXT_FIELDS)
        and not any(isinstance(n, query.Not) for n in _nodes(q))
    )


def _nodes(q: query.Query) -> Iterator[query.Query]:
    yield q
    for child in q.children():
        yield from _nodes(child)


def _is_question_word(q: query.Query) -> bool:
    return all(
        isinstance(leaf, query.Term) and str(leaf.text) in _QUESTION_STEMS for leaf in q.leaves()
    )


def _proximity(words: list[query.Query], boost: float) -> query.Query | None:
    texts = [str(leaf.text) for w in words for leaf in w.leaves() if leaf.fieldname == "body"]
    if boost <= 0 or len(texts) < 2 or not all(isinstance(w, query.Or) for w in words):
        return None
    return query.Or([query.Phrase(f, texts, slop=4, boost=boost) for f in TEXT_FIELDS], boost=boost)


def plan_query(text: str, *, live: bool = False, ranking: Ranking = RANKING) -> QueryPlan:
    """Parse ``text`` and decide how it runs; raises ``QueryError`` like ``parse_query``."""
    q = parse_query(live_query(text) if live else text)
    if ranking.title_boost != 1.0:
        q = _boost_titles(q, ranking.title_boost)
    if _OPERATOR.search(text.replace('"', " ").strip()):
        return QueryPlan(q, None, ())
    children = list(q.subqueries) if isinstance(q, query.And) else [q]
    free = [c for c in children if _is_free_word(c)]
    fixed = [c for c in children if not _is_free_word(c)]
    content = [c for c in free if not _is_question_word(c)]
    if content:
        free = content
    elif fixed:
        free = []
    notes: tuple[str, ...] = ()
    if len(free) > MAX_FREE_WORDS:  # a pasted paragraph: its first words stand for it
        notes = (f"only the first {MAX_FREE_WORDS} of {len(free)} words were searched",)
        free = free[:MAX_FREE_WORDS]
    strict = query.And(fixed + free).normalize() if notes or len(fixed) + len(free) > 1 else q
    if len(free) < 2:
        return QueryPlan(strict, None, tuple(free), notes)
    some: query.Query = query.Or(free, scale=ranking.coord) if ranking.coord else query.Or(free)
    loose = query.And([*fixed, some]) if fixed else some
    near = _proximity(free, ranking.proximity)
    if near is not None:
        strict = query.AndMaybe(strict, near)
        loose = query.AndMaybe(loose, near)
    return QueryPlan(strict, loose, tuple(free), notes)


def _boost_titles(q: query.Query, boost: float) -> query.Query:
    def visit(node: query.Query) -> query.Query:
        if getattr(node, "fieldname", None) == "title":
            node = copy.copy(node)
            node.boost = getattr(node, "boost", 1.0) * boost
        return node

    return q.accept(visit)


def _word_hits(
    searcher: Searcher,
    words: tuple[query.Query, ...],
    docnums: list[int],
    reading: Reading,
) -> dict[int, int]:
    """How many of the free words each of a page's hits contains.

    Asked of the page's hits only (from the blocks the ranking decoded, or by skipping
    through each word's postings), not recorded for every matching article while ranking,
    which cost a fifth of a broad search.
    """
    counts = dict.fromkeys(docnums, 0)
    order = sorted(counts)
    for word in words:
        plan = reading.prepare(word)
        if plan is not None:
            for docnum in plan.among(order):
                counts[docnum] += 1
            continue
        matcher = word.matcher(searcher)
        for docnum in order:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                counts[docnum] += 1
    return counts


def _expansion(reader: Any, leaf: query.MultiTerm) -> tuple[int, int]:
    """The index words a wildcard stands for (up to one more than ``MAX_EXPANSION``) and the
    places they are found in (remembered on the reader, like the words themselves)."""

    def frequency(word: bytes) -> int:
        key = (leaf.fieldname, word)
        return remember(reader, "df", key, lambda: int(reader.doc_frequency(*key)), 50_000)

    def count() -> tuple[int, int]:
        words = expand(reader, leaf, MAX_EXPANSION + 1)
        return len(words), sum(frequency(w) for w in words)

    return remember(reader, "reach", (type(leaf).__name__, leaf.fieldname, str(leaf.text)), count)


def _reach(searcher: Searcher, q: query.Query) -> int:
    """How many postings ``q`` can reach (the sum of its words' document frequencies): what
    ranking it costs, since Whoosh reads every matching article's postings."""
    reader = searcher.reader()
    total = 0
    for leaf in q.leaves():
        if isinstance(leaf, query.Every):
            return int(reader.doc_count_all())
        if isinstance(leaf, query.MultiTerm):
            total += _expansion(reader, leaf)[1]
    for fieldname, text in q.terms():
        total += reader.doc_frequency(fieldname, text)
    return total


def _at_least(searcher: Searcher, q: query.Query) -> int:
    """How many articles ``q`` matches at the least, from the index's word counts alone: a word
    is in as many articles as its document frequency says (less those deleted and not yet
    merged away); a choice of words matches at least what its most common word does."""
    deleted = int(searcher.doc_count_all()) - int(searcher.doc_count())

    def least(node: query.Query) -> int:
        if isinstance(node, query.Term):
            return max(0, int(searcher.doc_frequency(node.fieldname, node.text)) - deleted)
        if isinstance(node, query.Or):
            return max((least(sub) for sub in node.subqueries), default=0)
        return 0

    return least(q)


def _count(searcher: Searcher, q: query.Query, reading: Reading) -> tuple[int, bool]:
    """The number of articles ``q`` matches; False when it is "at least": a query one of whose
    words alone is in more than ``COUNT_CAP`` articles is not counted at all, and one Whoosh
    must count (``tui.backend.whoosh.ranker`` does not handle it) is counted up to the cap."""
    if _at_least(searcher, q) >= COUNT_CAP:
        return COUNT_CAP, False
    plan = reading.prepare(q)
    if plan is not None:
        return plan.count(), True
    n = 0
    for _ in searcher.docs_for_query(q):
        n += 1
        if n >= COUNT_CAP:
            return n, False
    return n, True


@dataclass
class _Ranked:
    hits: list[tuple[WhooshHit, int]]  # the page, with how many free words each hit has
    total_all: int  # articles with every word
    total: int  # articles with every word or some of them
    exact: bool = True  # False: the totals were counted up to COUNT_CAP and are "at least"


def _page(
    searcher: Searcher,
    results: Results,
    plan: QueryPlan,
    words: int,
    reading: Reading,
) -> list[tuple[WhooshHit, int]]:
    if not words:
        return [(h, 0) for h in results]
    counts = _word_hits(searcher, plan.words, [h.docnum for h in results], reading)
    return [(h, counts[h.docnum]) for h in results]


def _top(
    searcher: Searcher, q: query.Query, limit: int, reading: Reading
) -> tuple[Results, int, bool]:
    """The best ``limit`` hits of ``q`` and how many articles it matches (False: "at least",
    see ``_count``). Ranked block by block by ``tui.backend.whoosh.ranker`` when it handles the
    query (the scores are Whoosh's, the work a fraction), else by Whoosh's top-N collector."""
    plan = reading.prepare(q)
    if plan is not None:
        results = Results(searcher, q, plan.top(limit))
    else:
        # Every match scored, then the best taken: Whoosh's top-N collector prunes by bounds
        # that, for nested queries ("(rail OR storm) AND council"), lose hits its own scores
        # rank on the page (optimize=False too); the contract suite checks both paths.
        everything = searcher.search(q, limit=None)
        results = Results(searcher, q, everything.top_n[:limit])
    total, exact = _count(searcher, q, reading)
    return results, total, exact


def _reading(searcher: Searcher, fast: bool) -> Reading:
    """How this search reads the index: block by block (``tui.backend.whoosh.ranker``), or
    through Whoosh's own matchers alone (``fast`` False: the plain path)."""
    return reading_for(searcher) if fast else WhooshOnly(searcher)


def _ranked(
    searcher: Searcher, plan: QueryPlan, limit: int, ranking: Ranking, fast: bool = True
) -> _Ranked:
    """The best ``limit`` hits with how many free words each has, and the totals of articles
    with every word and of all matching articles.

    A broad query (its words reach more than ``BROAD`` postings) whose every-word query fills
    the page is ranked among the articles with every word: their scores are the same as under
    the some-words query, and Whoosh need not score tens of thousands of articles that lack a
    word. Totals are counted up to ``COUNT_CAP``.
    """
    words = len(plan.words) if plan.loose is not None else 0
    _check_expansion(plan.strict, searcher)
    reading = _reading(searcher, fast)
    if plan.loose is not None and not ranking.strict_first:
        counted: tuple[int, bool] | None = None
        if _reach(searcher, plan.loose) > BROAD:
            strict, total_all, exact_all = _top(searcher, plan.strict, limit, reading)
            if total_all >= limit:
                total, exact = _count(searcher, plan.loose, reading)
                ranked = _page(searcher, strict, plan, words, reading)
                return _Ranked(ranked, total_all, total, exact and exact_all)
            counted = total_all, exact_all
        # Ranked by the loose query alone: the strict one is only counted (no scoring).
        loose, total, exact = _top(searcher, plan.loose, limit, reading)
        total_all, exact_all = counted or _count(searcher, plan.strict, reading)
        ranked = _page(searcher, loose, plan, words, reading)
        return _Ranked(ranked, total_all, total, exact and exact_all)
    strict, total_all, exact = _top(searcher, plan.strict, limit, reading)
    ranked = _page(searcher, strict, plan, words, reading)
    if plan.loose is None:
        return _Ranked(ranked, total_all, total_all, exact)
    if len(ranked) >= limit:  # the page is full of every-word hits: the rest is only counted
        total, exact_some = _count(searcher, plan.loose, reading)
        return _Ranked(ranked, total_all, total, exact and exact_some)
    loose, total, exact_some = _top(searcher, plan.loose, limit + len(ranked), reading)
    seen = {h.docnum for h, _ in ranked}
    extra = [
        (h, n) for h, n in _page(searcher, loose, plan, words, reading) if h.docnum not in seen
    ]
    return _Ranked((ranked + extra)[:limit], total_all, total, exact and exact_some)


def _by_date(
    searcher: Searcher, plan: QueryPlan, limit: int, *, newest: bool, fast: bool = True
) -> _Ranked:
    """The matches by publication date (Whoosh sorts on the date field's terms): of a
    free-text query, the articles with every word when there are any, else those with some.
    Undated articles come after the dated ones either way."""
    words = len(plan.words) if plan.loose is not None else 0
    _check_expansion(plan.strict, searcher)
    reading = _reading(searcher, fast)
    total_all, exact = _count(searcher, plan.strict, reading)
    chosen = plan.strict
    total, exact_some = total_all, exact
    if plan.loose is not None:
        total, exact_some = _count(searcher, plan.loose, reading)
        if total_all == 0:
            chosen = plan.loose
    dated = query.And([chosen, query.Every("date")])
    hits = searcher.search(dated, limit=limit, sortedby="date", reverse=newest)
    ranked = _page(searcher, hits, plan, words, reading)
    if len(ranked) < limit:
        undated = query.AndNot(chosen, query.Every("date"))
        rest = searcher.search(undated, limit=limit - len(ranked))
        ranked += _page(searcher, rest, plan, words, reading)
    return _Ranked(ranked, total_all, total, exact and exact_some)


def _check_expansion(q: query.Query, searcher: Searcher) -> None:
    """Refuse a wildcard that stands for too many words, or for words in too many places,
    before Whoosh builds a matcher for each of them (``*e*`` took seconds on 2,225 articles
    and minutes on 50,000; ``e*`` half a minute on 50,000)."""
    reader = searcher.reader()
    for leaf in q.leaves():
        if not isinstance(leaf, query.MultiTerm) or isinstance(leaf, query.Every):
            continue
        shown = f"{leaf.text}*" if isinstance(leaf, query.Prefix) else str(leaf.text)
        count, postings = _expansion(reader, leaf)
        if count > MAX_EXPANSION:
            raise QueryError(
                f"'{shown}' stands for more than {MAX_EXPANSION:,} words in the index; "
                "make it more specific (e.g. tax* rather than *e*)"
            )
        if postings > MAX_POSTINGS:
            raise QueryError(
                f"'{shown}' stands for {count:,} words found in {postings:,} places; "
                "make it more specific (e.g. econ* rather than e*)"
            )


def find_ids(ix: ArticleIndex, text: str, limit: int) -> list[str]:
    """The ids ``search`` would rank for ``text``, without snippets (for briefing queries)."""
    plan = plan_query(text)
    with ix.reading() as searcher:
        return [h["id"] for h, _ in _ranked(searcher, plan, limit, RANKING, ix.fast).hits]


def search(
    ix: ArticleIndex,
    text: str,
    limit: int = 20,
    *,
    live: bool = False,
    ranking: Ranking = RANKING,
    order: str = "relevance",
    stop: StopSignal | None = None,
) -> SearchResult:
    """Run a query against the index. Raises ``QueryError`` for a query that cannot run.

    Free text (words without operators) ranks the articles that have every word first, then
    those that have some of them, so a question never comes back empty while one of its words
    is found. Explicit syntax (AND, OR, NOT, quotes, fields, ranges) runs exactly as written.
    ``live`` is for search as you type: see ``live_query``. ``order`` "newest" or "oldest"
    lists the matches by date instead (free text: those with every word when there are any;
    undated articles last). ``stop``: a search the caller no longer waits for (the next key
    was typed) raises ``Cancelled`` between its steps, so that it gives up the index soon.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    plan = plan_query(text, live=live, ranking=ranking)
    result = SearchResult(query=text, words=len(plan.words) if plan.loose is not None else 0)
    result.notes = plan.notes
    with ix.reading() as searcher:
        raise_if_set(stop)  # the lock was held by a search that has since been let go
        if order == "relevance":
            ranked = _ranked(searcher, plan, limit, ranking, ix.fast)
        else:
            ranked = _by_date(searcher, plan, limit, newest=order == "newest", fast=ix.fast)
        result.total_all, result.total, result.exact = ranked.total_all, ranked.total, ranked.exact
        terms = query_terms(plan.loose or plan.strict, searcher)
        result.terms = terms
        for h, n in ranked.hits:
            raise_if_set(stop)
            result.hits.append(_hit(h, terms, n, result.words))
        typing = live and bool(re.search(r"(?:^|\s)[^\W\d_]{1,3}$", text))
        if (result.total == 0 or result.total_all == 0) and not typing:
            # While a short last word is still being typed ("pri"), no correction is sought.
            result.suggestion = _suggest(searcher, ix, text)
    return result


def more_like(ix: ArticleIndex, article_id: str, limit: int = 10) -> list[tuple[str, float]]:
    """Articles most like this one (Whoosh's more-like-this over the body), best first."""
    with ix.reading() as searcher:
        docnum = searcher.document_number(id=article_id)
        if docnum is None:
            return []
        results = searcher.more_like(docnum, "body", top=limit, numterms=30)
        return [(r["id"], float(r.score or 0.0)) for r in results]


KEY_TERMS_SAMPLE = 150  # a pane's newest articles: what its key terms are found from


def key_terms(ix: ArticleIndex, ids: list[str], count: int = 8) -> list[str]:
    """Key terms of a set of articles, found by Whoosh, as readable words (not stems)."""
    if not ids:
        return []
    sample = ids[:KEY_TERMS_SAMPLE]
    key = hashlib.sha1("\n".join([str(count), *sample]).encode("utf-8", "surrogatepass"))
    with ix.reading() as searcher:
        generation = searcher.ixreader.generation()
        kept = ix.kept_key_terms(generation)
        found = kept.get(key.hexdigest())
        if isinstance(found, list):
            return [str(w) for w in found]
        docnums = [d for d in (searcher.document_number(id=i) for i in sample) if d is not None]
        if not docnums:
            return []
        terms = searcher.key_terms(docnums, "body", numterms=count * 3)
    spelling = ix.spelling
    words: list[str] = []
    for stem, _score in terms:
        word = spelling.get(stem, stem)
        if word not in words and not word.isdigit() and word.lower() not in COMMON_WORDS:
            words.append(word)
    ix.keep_key_terms(generation, kept, key.hexdigest(), words[:count])
    return words[:count]
