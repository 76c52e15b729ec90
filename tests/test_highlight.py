"""Highlight spans: keywords (multi-word too), search stems, and hit counts."""

from __future__ import annotations

import itertools

from tui.highlight import SEARCH, Keyword, count_keywords, find_spans, query_stems

TEXT = "Summits in Nara: shuttle diplomacy resumed. The summit of shuttle buses was not diplomacy."


def marked(spans) -> list[tuple[str, str]]:
    return [(TEXT[s.start : s.end], s.key) for s in spans]


def test_keyword_matches_stemmed_variants() -> None:
    spans = find_spans(TEXT, [Keyword.of("summit")])
    assert marked(spans) == [("Summits", "summit"), ("summit", "summit")]


def test_multi_word_keyword_matches_only_in_order() -> None:
    spans = find_spans(TEXT, [Keyword.of("shuttle diplomacy")])
    assert marked(spans) == [("shuttle diplomacy", "shuttle diplomacy")]


def test_keywords_win_over_search_terms_and_never_overlap() -> None:
    spans = find_spans(TEXT, [Keyword.of("Nara")], search_stems=query_stems(["nara", "buses"]))
    assert marked(spans) == [("Nara", "Nara"), ("buses", SEARCH)]
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


def test_counts_per_keyword_including_zero() -> None:
    counts = count_keywords([TEXT, TEXT], [Keyword.of("summit"), Keyword.of("CPTPP")])
    assert counts == {"summit": 4, "CPTPP": 0}
