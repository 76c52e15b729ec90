"""Highlight spans: where keywords and search terms occur in a text, stems included.

Computed once here and drawn by every view (reader, search results, comparison, CLI), so all of
them agree on what is highlighted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tui.text.analysis import Tok, stems, tokens

SEARCH = "\x00search"  # the key of spans that come from the search query, not a keyword


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    key: str  # the keyword as the curator wrote it, or SEARCH


@dataclass(frozen=True)
class Keyword:
    """A keyword and its stems with relative positions (multi-word keywords match in order)."""

    label: str
    pattern: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, label: str) -> Keyword:
        toks = tokens(label)
        if not toks:
            return cls(label, ())
        base = toks[0].pos
        return cls(label, tuple((t.pos - base, t.stem) for t in toks))


def _match(toks: list[Tok], by_pos: dict[int, Tok], kw: Keyword) -> Iterable[tuple[int, int]]:
    if not kw.pattern:
        return
    first = kw.pattern[0][1]
    for tok in toks:
        if tok.stem != first:
            continue
        end = tok.end
        for offset, stem in kw.pattern[1:]:
            other = by_pos.get(tok.pos + offset)
            if other is None or other.stem != stem:
                break
            end = other.end
        else:
            yield tok.start, end


def find_spans(
    text: str,
    keywords: Iterable[Keyword] = (),
    search_stems: Iterable[str] = (),
    *,
    toks: list[Tok] | None = None,
) -> list[Span]:
    """Non-overlapping spans in text order; earlier keywords win over later ones and search."""
    toks = tokens(text) if toks is None else toks
    by_pos = {t.pos: t for t in toks}
    found: list[Span] = []
    for kw in keywords:
        found.extend(Span(s, e, kw.label) for s, e in _match(toks, by_pos, kw))
    wanted = set(search_stems)
    if wanted:
        found.extend(Span(t.start, t.end, SEARCH) for t in toks if t.stem in wanted)
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    spans: list[Span] = []
    for span in found:
        if spans and span.start < spans[-1].end:
            continue
        spans.append(span)
    return spans


def count_keywords(texts: Iterable[str], keywords: Iterable[Keyword]) -> Counter[str]:
    """How often each keyword occurs across the texts (a keyword that never occurs counts 0)."""
    kws = list(keywords)
    counts: Counter[str] = Counter({kw.label: 0 for kw in kws})
    for text in texts:
        for span in find_spans(text, kws):
            counts[span.key] += 1
    return counts


def query_stems(words: Iterable[str]) -> set[str]:
    """Stems for plain words typed by a user (used when no parsed query is at hand)."""
    out: set[str] = set()
    for word in words:
        out.update(stems(word))
    return out
