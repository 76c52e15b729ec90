"""Search: the query language, ranking, highlighted snippets, did-you-mean and clear errors."""

from __future__ import annotations

import pytest

from tui.index import ArticleIndex
from tui.search import QueryError, live_query, more_like, search

A000, A001, A002, A003, A004 = (
    "000_0b9c162a2c952b4e",
    "001_bfeed5d58f9e5359",
    "002_21ce68d235c2718f",
    "003_ff72b68d716462b9",
    "004_418a29abe9d5b535",
)


def found(ix: ArticleIndex, q: str) -> set[str]:
    return {h.id for h in search(ix, q, limit=50).hits}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Chosei AND remains", {A000, A004}),
        ("Chosei NOT remains", set()),
        ('"shuttle diplomacy"', {A000}),
        ("Andong", {A003}),
        ("source:AFP", {A001}),
        ('source:"Korea Herald"', {A002, A004}),
        ("date:[2026-01-01 TO 2026-01-31]", {A004}),
        ("date:[2025-01-01 TO 2025-12-31]", set()),
        ("Ukishima OR Andong", {A003, A004}),
        ("Hanw*", {A002}),
        ("title:Fresh", {A001}),
    ],
)
def test_query_language(seed_index: ArticleIndex, q: str, expected: set[str]) -> None:
    assert found(seed_index, q) == expected


def test_results_ranked_best_first(seed_index: ArticleIndex) -> None:
    result = search(seed_index, "Chosei")
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert result.hits[0].id == A004  # the article about Chosei ranks above a passing mention


def test_snippet_highlights_every_term_and_stemmed_variants(seed_index: ArticleIndex) -> None:
    result = search(seed_index, "summit")
    assert result.total == 5
    words = {h.snippet.text[s.start : s.end].lower() for h in result.hits for s in h.snippet.spans}
    assert words <= {"summit", "summits"}
    assert words
    for hit in result.hits:
        for span in hit.snippet.spans:
            assert 0 <= span.start < span.end <= len(hit.snippet.text)


def test_stemmed_variant_is_highlighted(seed_index: ArticleIndex) -> None:
    result = search(seed_index, "summits")  # the query's plural finds the singular too
    marked = {h.snippet.text[s.start : s.end].lower() for h in result.hits for s in h.snippet.spans}
    assert "summit" in marked
    assert "summit" in result.terms


def test_did_you_mean(seed_index: ArticleIndex) -> None:
    result = search(seed_index, "Chosie")
    assert result.total == 0
    assert result.suggestion == "Chosei"
    assert search(seed_index, result.suggestion).total == 2


def test_no_suggestion_when_nothing_close(seed_index: ArticleIndex) -> None:
    result = search(seed_index, "xylophonist")
    assert result.total == 0 and result.suggestion is None


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("colour:red", "unknown field"),
        ('"shuttle diplomacy', "unclosed quote"),
        ("(Chosei OR Nara", "unbalanced parentheses"),
        ("date:[garbage TO x]", "date"),
        ("   ", "empty query"),
        ("the and of", "stop words"),
    ],
)
def test_query_errors_are_one_clear_line(seed_index: ArticleIndex, q: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        search(seed_index, q)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_more_like_this_finds_the_same_story(seed_index: ArticleIndex) -> None:
    similar = [i for i, _ in more_like(seed_index, A000)]
    assert similar and A000 not in similar
    assert similar[0] in {A001, A004}


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("minis", "(minis OR minis*)"),
        ("prime minis", "prime (minis OR minis*)"),
        ("prime ", "prime "),
        ('"shuttle diplo', '"shuttle diplo'),
        ("source:AFP", "source:AFP"),
        ("Chosei AND", "Chosei AND"),
        ("a", "a"),
        ("pri", "pri"),
    ],
)
def test_live_query_completes_the_last_word(typed: str, query: str) -> None:
    assert live_query(typed) == query


def test_live_search_finds_a_word_while_it_is_typed(seed_index: ArticleIndex) -> None:
    assert search(seed_index, "Ukish").total == 0
    assert {h.id for h in search(seed_index, "Ukish", live=True).hits} == {A004}
    live = search(seed_index, "Ukish", live=True)
    marked = {h.snippet.text[s.start : s.end] for h in live.hits for s in h.snippet.spans}
    assert "Ukishima" in marked
