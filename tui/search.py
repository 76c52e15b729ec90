"""Full-text search: Whoosh's query language, ranked hits, highlighted snippets, did-you-mean."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from whoosh import highlight, query
from whoosh.qparser import MultifieldParser, QueryParserError
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from tui.analysis import stem_word
from tui.highlight import SEARCH, Span, find_spans
from tui.index import ArticleIndex, make_schema

TEXT_FIELDS = ("title", "body")
FIELDS = ("title", "body", "source", "byline", "topic", "date", "id")
SNIPPET_CHARS = 160


class QueryError(Exception):
    """A query that cannot be run; the message is one line for the user."""


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: Snippet
    title_spans: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet.text,
            "highlights": [[s.start, s.end] for s in self.snippet.spans],
        }


@dataclass
class SearchResult:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None
    terms: frozenset[str] = frozenset()  # stems to highlight in the articles

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [h.to_json() for h in self.hits],
        }


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
    try:
        q = _parser().parse(stripped)
    except QueryParserError as exc:
        raise QueryError(f"cannot parse query: {exc}") from None
    except Exception as exc:  # a malformed date or range raises from inside the field
        if "date:" in stripped:
            raise QueryError(
                "cannot read the date: write date:2026-01-12 or date:[2026-01-01 TO 2026-01-31]"
            ) from None
        raise QueryError(f"cannot parse query: {exc}") from None
    errors = _errors(q)
    if errors:
        raise QueryError(f"cannot parse query: {errors[0]}")
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


def _join(snippets: list[Snippet]) -> Snippet:
    text = ""
    spans: list[Span] = []
    for snip in snippets:
        if text:
            text += " … "
        offset = len(text)
        text += snip.text
        spans.extend(Span(s.start + offset, s.end + offset, s.key) for s in snip.spans)
    return collapse(text, spans)


def collapse(text: str, spans: list[Span]) -> Snippet:
    """Fold runs of white space to one space, moving the spans with the text."""
    out: list[str] = []
    mapping: list[int] = []  # old index -> new index
    in_space = True
    for ch in text:
        mapping.append(len(out))
        if ch.isspace():
            if not in_space:
                out.append(" ")
            in_space = True
        else:
            out.append(ch)
            in_space = False
    mapping.append(len(out))
    folded = "".join(out).rstrip()
    moved = tuple(
        Span(mapping[s.start], min(mapping[s.end], len(folded)), s.key)
        for s in spans
        if mapping[s.start] < mapping[s.end]
    )
    return Snippet(folded, moved)


def _lead(body: str) -> Snippet:
    text = " ".join(body.split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return Snippet(text)


def _title_spans(title: str, terms: frozenset[str]) -> tuple[Span, ...]:
    return tuple(find_spans(title, search_stems=terms))


def _hit(h: WhooshHit, terms: frozenset[str]) -> Hit:
    fields = h.fields()
    snippets = h.highlights("body", top=2) or []
    snippet = _join(snippets) if snippets else _lead(fields.get("body", ""))
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
    )


def _suggest(searcher: Searcher, ix: ArticleIndex, text: str) -> str | None:
    """A corrected query built from real words, offered only if it finds something."""
    corrector = searcher.corrector("body")
    reader = searcher.reader()
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(0)
        if word.isupper() and word in ("AND", "OR", "NOT", "TO"):
            return word
        stem = stem_word(word.lower())
        if reader.doc_frequency("body", stem) or reader.doc_frequency("title", stem):
            return word
        options = corrector.suggest(stem, limit=1, maxdist=2, prefix=1)
        if not options:
            return word
        changed = True
        surface = ix.spelling.get(options[0], options[0])
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
            found = leaf._btexts(reader)
            out.update(t.decode("utf-8") if isinstance(t, bytes) else t for t in found)
        elif isinstance(leaf, query.Phrase):
            out.update(leaf.words)
        elif isinstance(leaf, query.Term):
            out.add(str(leaf.text))
    return frozenset(out)


# From four letters on: a shorter prefix expands to hundreds of index terms (slow, and noise).
_LAST_WORD = re.compile(r"(?:(?<=^)|(?<=[\s(]))([^\W\d_]{4,})$")


def live_query(text: str) -> str:
    """The query to run while the user is still typing: an unfinished last word also matches
    as a prefix ("minis" finds "minister") once it has four letters. Quoted phrases and field
    values stay as typed."""
    if text.count('"') % 2 or text.endswith((" ", ")", '"')):
        return text
    m = _LAST_WORD.search(text)
    if not m or m.group(1) in ("AND", "OR", "NOT", "TO"):
        return text
    word = m.group(1)
    return f"{text[: m.start(1)]}({word} OR {word}*)"


def search(ix: ArticleIndex, text: str, limit: int = 20, *, live: bool = False) -> SearchResult:
    """Run a query against the index. Raises ``QueryError`` for a query that cannot run.

    ``live`` is for search as you type: see ``live_query``.
    """
    q = parse_query(live_query(text) if live else text)
    result = SearchResult(query=text)
    with ix.reading() as searcher:
        hits = searcher.search(q, limit=limit, terms=True, optimize=False)
        hits.fragmenter = highlight.PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        hits.formatter = _SpanFormatter()
        terms = query_terms(q, searcher)
        result.terms = terms
        result.total = len(hits)
        result.hits = [_hit(h, terms) for h in hits]
        if result.total == 0:
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


def most_similar_elsewhere(ix: ArticleIndex, article_id: str) -> str | None:
    """The closest article from another source (or, when sources are unknown, another file)."""
    catalog = ix.catalog
    mine = catalog.get(article_id)
    if mine is None:
        return None
    for other_id, _score in more_like(ix, article_id, limit=20):
        other = catalog.get(other_id)
        if other is None or other_id == article_id:
            continue
        if mine.source and other.source and mine.source.casefold() == other.source.casefold():
            continue
        return other_id
    return None
