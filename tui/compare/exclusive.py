"""What only one of several accounts of an event reports: the sentences no other account has a
counterpart for, and the names (people, places, organisations) no other account gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from tui.compare.comparison import Prepared, compare, prepare
from tui.ingest.article import Article
from tui.store.background import StopSignal, raise_if_set

SHOWN = 3  # sentences kept per account: the ones richest in what the others lack


@dataclass
class Exclusive:
    article_id: str
    source: str | None
    sentences: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "source": self.source,
            "sentences": self.sentences,
            "names": self.names,
        }


def only_one_source(articles: Sequence[Article], stop: StopSignal | None = None) -> list[Exclusive]:
    """For each account, what none of the others reports (nothing when there is one account:
    there is no one to compare it with). Sentences of fewer than eight words are left out."""
    if len(articles) < 2:
        return []
    prepared: list[Prepared] = [prepare(a) for a in articles]
    alone: list[set[int]] = [set(range(len(p.sentences))) for p in prepared]
    names: list[list[str] | None] = [None] * len(prepared)
    for (i, pa), (j, pb) in combinations(enumerate(prepared), 2):
        raise_if_set(stop)
        c = compare(pa, pb)
        alone[i] &= set(c.only_a)
        alone[j] &= set(c.only_b)
        for k, mine in ((i, c.names_only_a), (j, c.names_only_b)):
            kept = names[k]
            names[k] = list(mine) if kept is None else [n for n in kept if n in mine]
    out = []
    for k, p in enumerate(prepared):
        sentences = [
            p.sentences[i].text for i in sorted(alone[k]) if len(p.sentences[i].text.split()) >= 8
        ]
        sentences.sort(
            key=lambda s: -sum(1 for w in s.split() if w[:1].isupper() or w[:1].isdigit())
        )
        out.append(
            Exclusive(p.article.id, p.article.source, sentences[:SHOWN], (names[k] or [])[:8])
        )
    return [e for e in out if e.sentences or e.names]
