"""Highlight spans: keywords (multi-word too), search stems, and hit counts."""

from __future__ import annotations

import itertools

from tui.text.highlight import SEARCH, Keyword, count_keywords, find_spans, query_stems

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


def test_a_keyword_keeps_its_colour_in_every_pane() -> None:
    from tui.render.rich_text import keyword_styles
    from tui.store.config import DEFAULT_KEYWORD_COLOURS as COLOURS

    history = ["Chosei", "Ukishima Maru", "humanitarian", "1965 treaty", "forced labor"]
    reader = ["Takaichi", "Chosei", "Nara"]
    a, b = keyword_styles(history, COLOURS, "#ff5fd7"), keyword_styles(reader, COLOURS, "#ff5fd7")
    assert a["Chosei"].bgcolor == b["Chosei"].bgcolor  # its place in the list does not matter
    # Keywords shown together never share a colour while the palette has one free.
    assert len({s.bgcolor for k, s in a.items() if k in history}) == len(history)
    eight = [f"word{i}" for i in range(8)]
    assert len({keyword_styles(eight, COLOURS, "#ffffff")[w].bgcolor for w in eight}) == 8


def test_more_keywords_than_colours_still_look_different() -> None:
    from tui.render.rich_text import keyword_styles
    from tui.store.config import DEFAULT_KEYWORD_COLOURS as COLOURS
    from tui.text.highlight import SEARCH

    many = [f"word{i}" for i in range(3 * len(COLOURS))]
    styles = keyword_styles(many, COLOURS, "#ff5fd7")
    looks = {styles[w] for w in many}
    assert len(looks) == len(many)  # no two keywords shown together share a look
    assert styles[SEARCH] not in looks  # nor a search hit
