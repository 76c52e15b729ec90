"""Search: the query language, ranking, highlighted snippets, did-you-mean and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write
from tui.backend.whoosh.index import ArticleIndex
from tui.search.results import QueryError
from tui.search.words import live_query
from tui.store.config import Config

A000, A001, A002, A003, A004 = (
    "000_0b9c162a2c952b4e",
    "001_bfeed5d58f9e5359",
    "002_21ce68d235c2718f",
    "003_ff72b68d716462b9",
    "004_418a29abe9d5b535",
)


def found(ix: ArticleIndex, q: str) -> set[str]:
    return {h.id for h in ix.search(q, limit=50).hits}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Chosei AND remains", {A000, A004}),
        ("Chosei NOT remains", set()),
        ('"shuttle diplomacy"', {A000}),
        ("Andong", {A003}),
        ("source:AFP", {A001}),
        ('source:"Korea Herald"', {A002, A004}),
        ("date:[2026-01-01 TO 2026-01-31]", {A000, A004}),  # 000: inferred from its lead
        ("date:[2025-01-01 TO 2025-12-31]", set()),
        ("Ukishima OR Andong", {A003, A004}),
        ("Hanw*", {A002}),
        ("title:Fresh", {A001}),
    ],
)
def test_query_language(seed_index: ArticleIndex, q: str, expected: set[str]) -> None:
    assert found(seed_index, q) == expected


def test_results_ranked_best_first(seed_index: ArticleIndex) -> None:
    result = seed_index.search("Chosei")
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert result.hits[0].id == A004  # the article about Chosei ranks above a passing mention


def test_snippet_highlights_every_term_and_stemmed_variants(seed_index: ArticleIndex) -> None:
    result = seed_index.search("summit")
    assert result.total == 5
    words = {h.snippet.text[s.start : s.end].lower() for h in result.hits for s in h.snippet.spans}
    assert words <= {"summit", "summits"}
    assert words
    for hit in result.hits:
        for span in hit.snippet.spans:
            assert 0 <= span.start < span.end <= len(hit.snippet.text)


def test_words_next_to_each_other_are_shown_and_highlighted(seed_index: ArticleIndex) -> None:
    """Two query words in a row ("Prime Minister") gave empty snippets: Whoosh's merge of
    matched tokens kept the analyzer's reused token object, which then changed."""
    for text in ('"prime minister"', "prime minister"):
        result = seed_index.search(text)
        assert result.hits
        for hit in result.hits:
            shown = hit.snippet.text
            words = {shown[s.start : s.end].lower() for s in hit.snippet.spans}
            assert "prime" in words and "minister" in words, (text, hit.id, shown)
            assert "Prime Minister" in shown


def test_stemmed_variant_is_highlighted(seed_index: ArticleIndex) -> None:
    result = seed_index.search("summits")  # the query's plural finds the singular too
    marked = {h.snippet.text[s.start : s.end].lower() for h in result.hits for s in h.snippet.spans}
    assert "summit" in marked
    assert "summit" in result.terms


def test_did_you_mean(seed_index: ArticleIndex) -> None:
    result = seed_index.search("Chosie")
    assert result.total == 0
    assert result.suggestion == "Chosei"
    assert seed_index.search(result.suggestion).total == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("seafod", "seafood"), ("Tokaichi", "Takaichi"), ("Fukusima", "Fukushima")],
)
def test_did_you_mean_fixes_real_typos(seed_index: ArticleIndex, typed: str, meant: str) -> None:
    assert seed_index.search(typed).suggestion == meant


@pytest.mark.parametrize(
    "question",
    [
        "why did the talks stall",  # "the" and "why" are not typos, nor is "stall"
        "Lee Takaichi Nara summit seafood ban",
        "what did they say about the seafood ban",
        "how did Seoul answer",
    ],
)
def test_did_you_mean_leaves_questions_and_real_words_alone(
    seed_index: ArticleIndex, question: str
) -> None:
    assert seed_index.search(question).suggestion is None


def test_no_suggestion_when_nothing_close(seed_index: ArticleIndex) -> None:
    result = seed_index.search("xylophonist")
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
        seed_index.search(q)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_more_like_this_finds_the_same_story(seed_index: ArticleIndex) -> None:
    similar = [i for i, _ in seed_index.more_like(A000)]
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
    assert seed_index.search("Ukish").total == 0
    assert {h.id for h in seed_index.search("Ukish", live=True).hits} == {A004}
    live = seed_index.search("Ukish", live=True)
    marked = {h.snippet.text[s.start : s.end] for h in live.hits for s in h.snippet.spans}
    assert "Ukishima" in marked


# --- free text: every word ranked first, never empty while some word is found ---------------


def test_free_text_with_all_words_found_reports_all(seed_index: ArticleIndex) -> None:
    result = seed_index.search("Lee Takaichi Nara summit seafood ban", limit=10)
    assert result.total == 5
    assert result.total_all == 2
    assert result.matched == "all"
    top_two = {h.id for h in result.hits[:2]}
    assert top_two == {A000, A004}  # the two with every word rank first
    assert all(h.words_matched == 6 for h in result.hits[:2])
    assert all(h.words_matched < 6 for h in result.hits[2:])
    assert result.notice() == "2 have all 6 words; 3 more have some"


def test_no_article_with_every_word_falls_back_to_those_with_most(seed_index) -> None:
    result = seed_index.search("Chosei Wimbledon tennis")
    assert result.total_all == 0
    assert result.matched == "some"
    assert {h.id for h in result.hits} == {A000, A004}
    assert all(h.words_matched == 1 and h.words_total == 3 for h in result.hits)
    assert result.notice() == "no article has all 3 words — showing those with most"


def test_question_words_do_not_sink_a_query(seed_index: ArticleIndex) -> None:
    result = seed_index.search("why did the Chosei mine flood")
    assert result.words == 3  # why, did (question words) and the (stop word) are dropped
    assert result.total_all == 2  # both Chosei articles mention the mine and the flooding
    assert result.matched == "all"
    assert result.notice() is None


def test_a_misspelt_word_still_gets_did_you_mean_beside_partial_results(seed_index) -> None:
    result = seed_index.search("Chosei Tokaichi")
    assert result.hits  # Chosei alone matches
    assert result.suggestion == "Chosei Takaichi"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Chosei AND Wimbledon", set()),
        ('"shuttle diplomacy" Wimbledon', set()),  # a phrase stays required
        ("source:AFP Chosei", set()),  # a field stays a filter
        ("Chosei NOT remains", set()),
        ("Chosei OR Wimbledon", {A000, A004}),
    ],
)
def test_explicit_syntax_keeps_its_meaning(seed_index: ArticleIndex, q: str, expected) -> None:
    result = seed_index.search(q)
    assert {h.id for h in result.hits} == expected
    assert result.total == result.total_all == len(expected)


def test_a_briefing_query_keeps_and_where_written(seed_index: ArticleIndex) -> None:
    from tui.briefings.briefing import Briefing, resolve

    written = resolve(
        Briefing(path=Path("b.md"), title="t", query="Chosei AND Wimbledon"), seed_index
    )
    assert written.article_ids == []
    free = resolve(Briefing(path=Path("b.md"), title="t", query="Chosei Wimbledon"), seed_index)
    assert set(free.article_ids) == {A000, A004}  # the same semantics as the search box


def test_live_search_completes_the_last_word_inside_free_text(seed_index) -> None:
    result = seed_index.search("Chosei Wimbled", live=True)
    assert {h.id for h in result.hits} == {A000, A004}


def test_totals_are_exact_with_several_segments_and_any_limit(seeds, tmp_path) -> None:
    from tests.conftest import write

    ix = ArticleIndex(tmp_path / "ix")
    ix.update([seeds], ["*.txt"], 5_000_000)
    for n in range(3):  # each update commits a new segment
        write(seeds / f"extra{n}.txt", f"Summit talk number {n}\n\nThe summit went on.\n")
        ix.update([seeds], ["*.txt"], 5_000_000)
    everything = ix.search("summit", limit=1000)
    assert everything.total == len(everything.hits) == 8
    for limit in (1, 2, 5):
        assert ix.search("summit", limit=limit).total == 8


def test_results_in_date_order_newest_or_oldest_with_undated_last(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name, date in (("a", "2026-01-05"), ("b", None), ("c", "2026-03-01"), ("d", "2025-12-31")):
        head = f"date {date}\n" if date else ""
        write(
            corpus / f"{name}.txt", f"{head}Harbour bridge {name}\n\nThe harbour bridge closes.\n"
        )
    write(corpus / "e.txt", "Harbour only\n\nThe harbour is calm today.\n")
    ix = ArticleIndex(tmp_path / "index")
    ix.update((corpus,), ("*.txt",), 1_000_000)
    newest = ix.search("harbour bridge", order="newest")
    assert [h.id for h in newest.hits] == ["c", "a", "d", "b"]  # every word; undated last
    assert newest.total == 5 and newest.total_all == 4  # the counts are the query's own
    assert [h.id for h in ix.search("harbour bridge", order="oldest").hits] == ["d", "a", "c", "b"]
    assert [h.id for h in ix.search("calm OR closes", order="oldest", limit=2).hits] == ["d", "a"]
    assert {h.id for h in ix.search("harbour bridge").hits} == {"a", "b", "c", "d", "e"}
    with pytest.raises(ValueError):
        ix.search("harbour", order="sideways")


def test_a_query_narrowed_to_a_source_or_topic_as_the_search_screen_writes_it(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    write(
        corpus / "world" / "a.txt",
        "Bridge closes\n\nThe bridge closes, The Harbour Gazette says.\n",
    )
    write(corpus / "world" / "b.txt", "Bridge opens\n\nThe bridge opens.\n\n— AP\n")
    write(corpus / "sport" / "c.txt", "Bridge run\n\nRunners cross the bridge.\n\n— AP\n")
    ix = ArticleIndex(tmp_path / "index")
    ix.update((corpus,), ("*.txt",), 1_000_000)
    assert ix.catalog["world/b"].source == "AP"
    assert {h.id for h in ix.search('bridge topic:"world"').hits} == {"world/a", "world/b"}
    assert {h.id for h in ix.search('bridge source:"AP"').hits} == {"world/b", "sport/c"}
    assert {h.id for h in ix.search('bridge source:"AP" topic:"sport"').hits} == {"sport/c"}


def test_searches_in_a_row_share_one_reading_of_the_index(seed_index: ArticleIndex) -> None:
    """Typing a query a key at a time runs a search per key: they share the words' postings
    and decoded blocks while the index is unchanged, and get the same pages as fresh ones."""
    from tui.backend.whoosh import ranker

    first = [(h.id, h.score) for h in seed_index.search("Chosei remains").hits]
    with seed_index.reading() as searcher:
        kept = ranker.reading_for(searcher)
        assert any(t._blocks for s in kept.segments or () for t in s.terms.values())
        assert ranker.reading_for(searcher) is kept
    seed_index.search("summit")
    assert [(h.id, h.score) for h in seed_index.search("Chosei remains").hits] == first
    with seed_index.reading() as searcher:
        assert ranker.reading_for(searcher) is kept
        # Past its limit it starts afresh.
        limit = ranker._KEPT_BLOCKS
        try:
            ranker._KEPT_BLOCKS = 0
            assert ranker.reading_for(searcher) is not kept
        finally:
            ranker._KEPT_BLOCKS = limit


def test_a_search_no_longer_waited_for_stops_at_its_next_step(seed_index: ArticleIndex) -> None:
    from tui.store.background import Cancelled

    class After:  # set once asked this many times: a key typed while the search runs
        def __init__(self, asks: int) -> None:
            self.asks = asks

        def is_set(self) -> bool:
            self.asks -= 1
            return self.asks < 0

    with pytest.raises(Cancelled):
        seed_index.search("summit", stop=After(0))  # before it starts
    with pytest.raises(Cancelled):
        seed_index.search("summit", stop=After(2))  # between snippets
    assert len(seed_index.search("summit", stop=After(100)).hits) == 5


def test_a_prefix_typed_further_expands_to_the_same_words_from_the_shorter_one(
    seed_index: ArticleIndex,
) -> None:
    from whoosh import query as wq

    from tui.backend.whoosh import ranker

    with seed_index.reading() as searcher:
        ranker.forget(searcher)
        reader = searcher.reader()
        for field in ("title", "body"):
            short = ranker.expand(reader, wq.Prefix(field, "sh"))
            assert all(w.startswith(b"sh") for w in short)
            assert short or field == "title"  # the seeds' bodies have words in sh-
            for longer in ("shu", "shut", "shuttle", "sho", "shx"):
                q = wq.Prefix(field, longer)
                assert ranker.expand(reader, q) == list(q._btexts(reader)), longer
            first = ranker.expand(reader, wq.Prefix(field, "shu"), 1)  # the first, in order
            assert first == list(wq.Prefix(field, "shu")._btexts(reader))[:1]
        ranker.forget(searcher)
        assert not [k for k in reader.__dict__ if k.startswith("_briefing_")]


def test_a_searcher_let_go_frees_what_its_searches_read_at_once(seed_config: Config) -> None:
    """Searches from one process that opens the index each time (a script calling the
    command line's code in a loop): what the searches of an index let go of read is freed at
    once; kept on the searcher it waited for the cycle collector with the searcher (Whoosh's
    searchers form cycles), and such a loop grew to 300 MB."""
    import gc
    import weakref

    from tui.backend.whoosh import ranker

    gc.disable()  # only reference counting frees anything here
    try:
        gone = []
        for _ in range(3):
            ix = ArticleIndex(seed_config.resolved_index_dir)
            ix.update(seed_config.corpus, seed_config.patterns, seed_config.max_article_bytes)
            ix.search("Chosei remains")
            with ix.reading() as searcher:
                kept = ranker.reading_for(searcher)
                assert kept.searcher is searcher
                gone.append(weakref.ref(kept))
            ix.close()
            del ix, searcher, kept
        # What the earlier searches read is freed (only the last is kept), though Whoosh's
        # searchers themselves wait for the collector.
        assert [ref() is None for ref in gone] == [True, True, False]
    finally:
        gc.enable()
