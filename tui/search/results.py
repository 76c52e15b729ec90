"""What a search answers, whatever backend ran it: the hits with their snippets, the totals,
the notice and "did you mean"; the ranking settings; the query errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.text.highlight import Span
from tui.text.provenance import meta_line

SNIPPET_CHARS = 160  # the length of a snippet


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
    words_matched: int = 0  # how many of the query's free words the article contains
    words_total: int = 0  # how many free words the query has (0: an explicit query)
    inferred: tuple[str, ...] = ()  # of source and date, those read from the text

    def meta_line(self) -> str:
        """Source · date · id, an inferred value marked ``~`` (as everywhere)."""
        return meta_line(self.source, self.date, self.inferred, self.id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 4),
            "inferred": list(self.inferred),
            "words_matched": self.words_matched,
            "words_total": self.words_total,
            "snippet": self.snippet.text,
            "highlights": [[s.start, s.end] for s in self.snippet.spans],
        }


@dataclass
class SearchResult:
    query: str
    total: int = 0  # every article that matches (all the words, or some of them)
    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None
    terms: frozenset[str] = frozenset()  # stems to highlight in the articles
    total_all: int = 0  # articles with every word (equals ``total`` for an explicit query)
    words: int = 0  # free words in the query (0: explicit syntax, matched as written)
    notes: tuple[str, ...] = ()  # what was left out of the query, for the user
    exact: bool = True  # False: the totals were counted up to COUNT_CAP ("at least")

    def count_text(self) -> str:
        """ "1 result", "12 results", "10,000+ results" (a count that stopped at the cap)."""
        plus = "" if self.exact else "+"
        noun = "result" if self.total == 1 and self.exact else "results"
        return f"{self.total:,}{plus} {noun}"

    @property
    def matched(self) -> str:
        """ "all" when some article has every word, "some" when none does, "none" when no
        article matches at all."""
        if not self.total:
            return "none"
        return "all" if self.total_all else "some"

    def notice(self) -> str | None:
        """One line for the user when results are partial matches or the query was cut."""
        parts = list(self.notes)
        if self.total and self.words >= 2 and self.total_all != self.total and self.exact:
            if not self.total_all:
                parts.insert(0, f"no article has all {self.words} words — showing those with most")
            else:
                more = self.total - self.total_all
                have = "has" if self.total_all == 1 else "have"
                parts.insert(
                    0, f"{self.total_all} {have} all {self.words} words; {more} more have some"
                )
        return "; ".join(parts) or None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_all": self.total_all,
            "exact": self.exact,
            "matched": self.matched,
            "notice": self.notice(),
            "suggestion": self.suggestion,
            "results": [h.to_json() for h in self.hits],
        }


def join_snippets(snippets: list[Snippet]) -> Snippet:
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


def lead_snippet(body: str) -> Snippet:
    text = " ".join(body.split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return Snippet(text)


@dataclass(frozen=True)
class Ranking:
    """How free text is ranked. The default was chosen on ``bench/bench_search.py``: BM25F
    over title and body, OR-ed words (an article with more of the words scores higher), the
    title weighed as much as the body. It beat "every word first", proximity boosts and heavier
    titles on known-item search and judged questions; Whoosh's coordination bonus ranked as
    well (MRR 0.782 against 0.780, nDCG 0.812 against 0.817) but, since it must score every
    matching article, put the app's keypress-to-results p95 over 100 ms on the BBC corpus."""

    title_boost: float = 0.5  # times the schema's field_boost of 2: title and body weigh alike
    coord: float | None = None  # Whoosh's coordination bonus on the some-words query (off)
    strict_first: bool = False  # True: articles with every word strictly before the others
    proximity: float = 0.0  # boost for the free words near each other (0: off)


RANKING = Ranking()


ORDERS = ("relevance", "newest", "oldest")
