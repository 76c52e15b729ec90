"""Property-based tests: random text and bytes never break ingest, highlighting or comparison."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.compare.comparison import compare, rows
from tui.ingest.article import Article, Block, SkipFile, article_from_text, decode
from tui.text.highlight import Keyword, find_spans, query_stems

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
VOCABULARY = (
    "Chosei", "Nara", "summit", "summits", "136", "183", "Takaichi", "Lee", "the", "and", "of",
    "[bold]", "\x1b[2J", "東京", "café", "Feb. 3, 1942", "killed", "workers", "—", "\n", ".",
    "?", '"', "- Dark -", "[1]",
)  # fmt: skip
WORDS = st.sampled_from(VOCABULARY)
PROSE = st.lists(WORDS, max_size=80).map(" ".join)


@SETTINGS
@given(st.binary(max_size=2000), st.booleans())
def test_ingest_never_raises_and_keeps_its_invariants(data: bytes, markdown: bool) -> None:
    try:
        text = decode(data)
    except SkipFile:
        return
    article = article_from_text(text, article_id="x", path=Path("x.md" if markdown else "x.txt"))
    assert "\n" not in article.title and article.title == article.title.strip()
    for block in article.blocks:
        assert block.text and block.text == block.text.strip()
        assert not CONTROL.search(block.text.replace("\n", ""))
        for start, end, _ in block.emphasis:
            assert 0 <= start <= end <= len(block.text)
    assert not CONTROL.search(article.title)


@SETTINGS
@given(st.text(max_size=3000), st.booleans())
def test_ingest_of_random_text(text: str, markdown: bool) -> None:
    try:
        decoded = decode(text.encode("utf-8", "replace"))
    except SkipFile:
        return
    result = article_from_text(decoded, article_id="x", path=Path("x.md" if markdown else "x.txt"))
    assert "\n" not in result.title
    assert all(b.text for b in result.blocks)


@SETTINGS
@given(st.one_of(PROSE, st.text(max_size=400)), st.lists(PROSE, max_size=5), st.text(max_size=30))
def test_highlight_spans_are_inside_ordered_and_disjoint(
    text: str, keywords: list[str], query: str
) -> None:
    spans = find_spans(text, [Keyword.of(k) for k in keywords], query_stems(query.split()))
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end


def article(article_id: str, paragraphs: list[str]) -> Article:
    blocks = [Block(p.strip()) for p in paragraphs if p.strip()]
    return Article(article_id, Path(f"{article_id}.txt"), article_id, blocks)


@SETTINGS
@given(st.lists(PROSE, max_size=8), st.lists(PROSE, max_size=8))
def test_every_sentence_is_paired_or_unpaired_exactly_once(a: list[str], b: list[str]) -> None:
    c = compare(article("a", a), article("b", b))
    seen_a = [i for p in c.pairs for i in p.a] + c.only_a
    seen_b = [j for p in c.pairs for j in p.b] + c.only_b
    assert sorted(seen_a) == list(range(len(c.a_sentences)))
    assert sorted(seen_b) == list(range(len(c.b_sentences)))
    assert 0.0 <= c.similarity <= 1.0
    for p in c.pairs:
        assert p.a and p.b and 0.0 <= p.similarity <= 1.0
    for d in c.differences:
        i, start, end = d.a_at
        assert c.a_sentences[i].text[start:end] == d.a
        j, start, end = d.b_at
        assert c.b_sentences[j].text[start:end].replace(",", "") == d.b.replace(",", "")
    laid_out = [i for r in rows(c) for i in r.a], [j for r in rows(c) for j in r.b]
    assert sorted(laid_out[0]) == sorted(seen_a) and sorted(laid_out[1]) == sorted(seen_b)


@SETTINGS
@given(st.lists(PROSE, min_size=1, max_size=6))
def test_an_article_compared_with_itself(paragraphs: list[str]) -> None:
    a = article("a", paragraphs)
    c = compare(a, a)
    assert not c.differences
    if any(s.toks for s in c.a_sentences):
        assert c.similarity == 1.0
