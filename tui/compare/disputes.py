"""A briefing's disputed facts: where its sources state different values for one thing.

Every pair of the briefing's articles that tell the same story (similar enough as wholes) is
compared; each differing fact links the place it stands on one side with the place on the
other. Places linked through any pair are one dispute ("killed": 136 in one source, 183 in
another, and 136 again in a third), listed with each value, the sources that state it and
their sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from tui.compare.comparison import Comparison, Prepared, compare, prepare
from tui.compare.facts import Value
from tui.ingest.article import Article
from tui.store.background import StopSignal, raise_if_set

# Two articles tell the same story when their whole texts are at least this alike (the
# comparison's similarity, TF-IDF cosine over stems). The seeds' Chosei pair is 0.35; two
# BBC articles on unrelated stories of one topic are mostly under 0.15.
SAME_STORY = 0.2

Place = tuple[str, int, int]  # article id, sentence index, start of the value


@dataclass(frozen=True)
class Statement:
    """One source stating one value, in one sentence."""

    article_id: str
    source: str | None
    title: str
    value: str
    sentence: str
    sentence_index: int
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "source": self.source,
            "title": self.title,
            "value": self.value,
            "sentence": self.sentence,
        }


class _Link(NamedTuple):
    """One differing fact of one pair: the place on side A, both statements, their values."""

    place_a: Place
    a: Statement
    b: Statement
    a_value: Value | None
    b_value: Value | None
    kind: str
    measure: str
    pair: tuple[str, str]


@dataclass
class Dispute:
    """What is measured, and each value stated for it with the sources that state it."""

    kind: str
    measure: str
    values: list[list[Statement]]  # one list per distinct value, its statements
    pair: tuple[str, str]  # a pair of articles whose comparison shows the dispute
    at: tuple[int, int]  # sentence index and start of the value on the pair's first side
    _keys: list[Value | None] = field(default_factory=list, repr=False)

    @property
    def sources(self) -> int:
        return len({s.article_id for group in self.values for s in group})

    def summary(self) -> str:
        parts = []
        for group in self.values:
            names = sorted({s.source or s.article_id for s in group})
            parts.append(f"{group[0].value} ({', '.join(names)})")
        head = f"{self.measure}: " if self.measure else f"{self.kind}: "
        return head + " vs ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "measure": self.measure,
            "values": [
                {"value": group[0].value, "statements": [s.to_json() for s in group]}
                for group in self.values
            ],
            "compare": list(self.pair),
        }


def _statement(article: Article, c: Comparison, side: str, at: tuple[int, int, int]) -> Statement:
    sentences = c.a_sentences if side == "a" else c.b_sentences
    index, start, end = at
    text = sentences[index].text
    return Statement(
        article.id, article.source, article.title, text[start:end], text, index, start, end
    )


def disputed_facts(
    articles: Sequence[Article],
    *,
    same_story: float = SAME_STORY,
    stop: StopSignal | None = None,
) -> list[Dispute]:
    """The facts on which a briefing's articles disagree, most sources first (``Cancelled``
    once ``stop`` is set)."""
    prepared: list[Prepared] = [prepare(a) for a in articles]
    parent: dict[Place, Place] = {}

    def find(p: Place) -> Place:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    links: list[_Link] = []
    for pa, pb in combinations(prepared, 2):
        raise_if_set(stop)
        if pa.article.id == pb.article.id:
            continue
        c = compare(pa, pb, terms=False)
        if c.similarity < same_story:
            continue
        for d in c.differences:
            if d.kind == "scope":
                continue  # counts of different things: shown in the comparison, not disputed
            sa = _statement(pa.article, c, "a", d.a_at)
            sb = _statement(pb.article, c, "b", d.b_at)
            place_a: Place = (sa.article_id, sa.sentence_index, sa.start)
            parent[find(place_a)] = find((sb.article_id, sb.sentence_index, sb.start))
            pair = (pa.article.id, pb.article.id)
            links.append(_Link(place_a, sa, sb, d.a_value, d.b_value, d.kind, d.measure, pair))
    groups: dict[Place, Dispute] = {}
    order: list[Place] = []
    for link in links:
        root = find(link.place_a)
        dispute = groups.get(root)
        if dispute is None:  # the group's first link: its pair opens the comparison
            at = (link.a.sentence_index, link.a.start)
            dispute = groups[root] = Dispute(link.kind, link.measure, [], link.pair, at)
            order.append(root)
        elif not dispute.measure and link.measure:
            dispute.measure = link.measure
        _add(dispute, link.a, link.a_value)
        _add(dispute, link.b, link.b_value)
    disputes = [groups[r] for r in order if len(groups[r].values) > 1]
    disputes.sort(key=lambda d: -d.sources)  # stable: reading order among equals
    return disputes


def _add(dispute: Dispute, statement: Statement, value: Value | None) -> None:
    for k, group in enumerate(dispute.values):
        known = dispute._keys[k]
        same = (
            value.same(known)
            if value is not None and known is not None
            else group[0].value == statement.value
        )
        if same:
            if statement not in group:  # one place stated once, whichever pairs found it
                group.append(statement)
            return
    dispute.values.append([statement])
    dispute._keys.append(value)
