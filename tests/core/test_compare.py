"""Comparison: alignment, similarity, shared and one-sided terms, differing facts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.backend.whoosh.index import ArticleIndex
from tui.compare.comparison import compare, rows, split_sentences
from tui.ingest.article import Article, Block, article_from_text, load_article
from tui.search.similar import most_similar_elsewhere

A000, A001, A004 = "000_0b9c162a2c952b4e", "001_bfeed5d58f9e5359", "004_418a29abe9d5b535"


def seed(stem: str) -> Article:
    return load_article(SEEDS / f"{stem}.txt", article_id=stem, max_bytes=10**7)


def text_article(article_id: str, paragraphs: list[str]) -> Article:
    return Article(
        article_id, Path(f"{article_id}.txt"), article_id, [Block(p) for p in paragraphs]
    )


def test_chosei_death_tolls_are_shown_as_a_difference_of_scope() -> None:
    c = compare(seed(A000), seed(A004))
    assert [d for d in c.differences if d.kind == "count"] == []  # not a disagreement
    diff = next(d for d in c.differences if (d.a, d.b) == ("136", "183"))
    assert diff.kind == "scope"
    assert "killed 136 Koreans" in diff.a_sentence
    assert "killing 183 workers — including 136 forcibly mobilized Koreans" in diff.b_sentence
    i, start, end = diff.b_at
    assert c.b_sentences[i].text[start:end] == "183"


def test_chosei_sentences_are_paired() -> None:
    c = compare(seed(A000), seed(A004))
    pair = next(p for p in c.pairs if any("Chosei" in c.a_sentences[i].text for i in p.a))
    assert "Chosei coal mine disaster" in c.passage("b", pair.b)


def test_names_only_one_side_mentions() -> None:
    c = compare(seed(A000), seed(A004))
    assert "Ukishima Maru" in c.names_only_b
    assert "Horyuji Temple" in c.names_only_a
    assert "Chosei" not in " ".join(c.names_only_a + c.names_only_b)


def test_same_article_with_itself() -> None:
    a = seed(A004)
    c = compare(a, a)
    assert c.similarity == 1.0
    assert not c.only_a and not c.only_b and not c.differences
    assert all(p.a == p.b for p in c.pairs)
    assert len(c.pairs) == len(c.a_sentences)


def test_unrelated_articles() -> None:
    a = seed(A004)
    b = text_article(
        "sport",
        [
            "The striker scored twice as the home side won the cup final on penalties.",
            "Fans celebrated in the rain until the stadium lights went out.",
        ],
    )
    c = compare(a, b)
    assert c.similarity < 0.1
    assert len(c.pairs) <= 1
    assert not c.differences


def test_near_duplicates_find_the_edits() -> None:
    original = seed(A000)
    edited_blocks = [
        Block(b.text.replace("which killed 136 Koreans", "which killed 140 Koreans"))
        for b in original.blocks
    ]
    edited_blocks[2] = Block("A completely new sentence about pandas and bamboo forests.")
    edited = Article("edited", Path("edited.txt"), original.title, edited_blocks)
    c = compare(original, edited)
    assert c.similarity > 0.8
    assert [(d.kind, d.a, d.b) for d in c.differences] == [("count", "136", "140")]
    only_b = [c.b_sentences[j].text for j in c.only_b]
    assert only_b == ["A completely new sentence about pandas and bamboo forests."]
    assert len(c.only_a) == 3  # the three sentences of the replaced paragraph


def test_crossing_pairs_are_allowed() -> None:
    a = text_article(
        "a", ["The flood killed 136 miners in 1942.", "Leaders met in Nara on Tuesday."]
    )
    b = text_article(
        "b", ["Leaders met in Nara on Tuesday.", "The flood killed 183 miners in 1942."]
    )
    c = compare(a, b)
    assert {(p.a, p.b) for p in c.pairs} == {((0,), (1,)), ((1,), (0,))}
    assert [(d.a, d.b) for d in c.differences] == [("136", "183")]


def test_run_of_sentences_pairs_with_one() -> None:
    a = text_article("a", ["Seoul and Tokyo agreed to recover the remains and to study the mine."])
    b = text_article(
        "b", ["Seoul and Tokyo agreed to recover the remains.", "They will study the mine."]
    )
    c = compare(a, b)
    assert [(p.a, p.b) for p in c.pairs] == [((0,), (0, 1))]


def test_empty_bodies() -> None:
    empty = text_article("e", [])
    c = compare(empty, empty)
    assert c.similarity == 1.0 and not c.pairs and not c.differences
    c = compare(empty, seed(A000))
    assert c.similarity == 0.0 and not c.pairs and len(c.only_b) == len(c.b_sentences)


def test_every_sentence_is_in_exactly_one_row() -> None:
    c = compare(seed(A001), seed(A004))
    seen_a = [i for row in rows(c) for i in row.a]
    seen_b = [j for row in rows(c) for j in row.b]
    assert sorted(seen_a) == list(range(len(c.a_sentences)))
    assert sorted(seen_b) == list(range(len(c.b_sentences)))


def test_shared_and_one_sided_terms() -> None:
    c = compare(seed(A000), seed(A004))
    assert "Takaichi" in c.shared_terms
    assert "shuttle" in c.only_a_terms
    assert not set(c.shared_terms) & set(c.only_a_terms + c.only_b_terms)


def test_sentence_splitting_keeps_abbreviations() -> None:
    text = "The disaster dates to Feb. 3, 1942, in the U.S. sense. Mr. Lee agreed. Then he left."
    assert split_sentences(text) == [
        "The disaster dates to Feb. 3, 1942, in the U.S. sense.",
        "Mr. Lee agreed.",
        "Then he left.",
    ]


def test_json_document_shape() -> None:
    doc = compare(seed(A000), seed(A004)).to_json()
    assert {
        "a",
        "b",
        "similarity",
        "pairs",
        "only_a",
        "only_b",
        "shared_terms",
        "differences",
    } <= set(doc)
    assert 0 <= doc["similarity"] <= 1
    assert all({"a", "b", "similarity"} <= set(p) for p in doc["pairs"])
    assert all({"kind", "a", "b"} <= set(d) for d in doc["differences"])


@pytest.mark.slow
def test_very_long_articles_stay_fast() -> None:
    a = seed(A004)
    long_a = Article("la", a.path, a.title, a.blocks * 6)
    long_b = Article("lb", a.path, a.title, list(reversed(a.blocks)) * 6)
    start = time.perf_counter()
    c = compare(long_a, long_b)
    assert time.perf_counter() - start < 20  # a guard against runaway cost, not a benchmark
    assert c.similarity > 0.95


def test_most_similar_from_another_source(seed_index: ArticleIndex) -> None:
    other = most_similar_elsewhere(seed_index, A004)
    assert other is not None and other != A004
    assert seed_index.catalog[other].source != "The Korea Herald"


def test_markdown_article_compares_by_text() -> None:
    md = article_from_text(
        "# Title\n\nThe flood **killed** 136 Koreans in 1942.\n",
        article_id="m",
        path=Path("m.md"),
        markdown=True,
    )
    txt = text_article("t", ["The flood killed 183 Koreans in 1942."])
    assert [(d.a, d.b) for d in compare(md, txt).differences] == [("136", "183")]


def test_shared_terms_do_not_depend_on_the_side() -> None:
    ab, ba = compare(seed(A000), seed(A004)), compare(seed(A004), seed(A000))
    assert ab.shared_terms == ba.shared_terms
    assert ab.only_a_terms == ba.only_b_terms


def test_key_terms_leave_out_noise_words() -> None:
    a = text_article("a", ["We'll see a lot of its rivals and her Mrs Smith there; we'll go."])
    b = text_article("b", ["A different text about budget deficits and currency markets."])
    terms = {t.lower() for t in compare(a, b).only_a_terms}
    assert not terms & {"ll", "lot", "its", "her", "mrs"}


def test_word_level_changes_inside_an_aligned_pair() -> None:
    from tui.compare.comparison import word_changes

    a = "I thought tonight was another step in the right direction."
    b = 'I thought tonight was a step in the right direction."'
    spans_a, spans_b = word_changes(a, b)
    assert [a[s:e] for s, e in spans_a] == ["another", "direction."]
    assert [b[s:e] for s, e in spans_b] == ["a", 'direction."']
    # Passages told apart are not marked word by word.
    assert word_changes("The talks ended early.", "Nobody expected a deal this year.") == ([], [])


def test_the_comparison_marks_changed_words_in_a_pair() -> None:
    from rich.text import Text

    from tui.render.compare_view import WORD_STYLE, mark_words

    a = text_article("a", ["The flood killed 136 miners in the north of the island in 1942."])
    b = text_article("b", ["The flood killed 183 miners in the north of the island in 1942."])
    c = compare(a, b)
    row = rows(c)[0]
    left, right = Text(c.passage("a", row.a)), Text(c.passage("b", row.b))
    mark_words(c, row, left, right, WORD_STYLE)
    assert [left.plain[s.start : s.end] for s in left.spans] == ["136"]
    assert [right.plain[s.start : s.end] for s in right.spans] == ["183"]


def test_long_one_sided_runs_fold_into_one_row() -> None:
    from tui.compare.comparison import folded

    c = compare(seed(A000), seed(A004))
    all_rows = rows(c)
    fewer = folded(all_rows)
    assert len(fewer) < len(all_rows)
    # Every sentence still stands in exactly one row, in the same order.
    assert [i for r in fewer for i in r.a] == [i for r in all_rows for i in r.a]
    assert [j for r in fewer for j in r.b] == [j for r in all_rows for j in r.b]
    runs = [len(r.b) for r in fewer if r.kind == "only_b"]
    assert max(runs) > 3 and all(n == 1 or n > 3 for n in runs)
    assert all(
        r.kind == "pair" or len(r.a) + len(r.b) == 1 or len(r.a) * len(r.b) == 0 for r in fewer
    )
