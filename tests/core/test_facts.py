"""Facts: what a sentence states (each kind, each equivalence), pairing, a briefing's disputes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DISPUTE, SEEDS
from tui.compare.comparison import compare
from tui.compare.disputes import disputed_facts
from tui.compare.facts import Value, pair_values, values_of
from tui.ingest.article import Article, Block, load_article


def one(text: str, kind: str) -> Value:
    found = [v for v in values_of(text) if v.kind == kind]
    assert len(found) == 1, [(v.kind, v.text) for v in values_of(text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "written", "key"),
    [
        ("The club was sold for £17m last year.", "money", "£17m", (17e6,)),
        ("It cost £15.8m to build.", "money", "£15.8m", (15.8e6,)),
        ("A deal worth $1.5bn was signed.", "money", "$1.5bn", (1.5e9,)),
        ("They paid 300 million euros for it.", "money", "300 million euros", (3e8,)),
        ("Sales rose 5.5% in March.", "percent", "5.5%", (5.5,)),
        ("Turnout fell by five per cent overall.", "percent", "five per cent", (5.0,)),
        ("Up to 1.4m workers could strike.", "count", "1.4m", (1.4e6,)),
        ("Some 1,000 people were there.", "count", "1,000", (1000.0,)),
        ("The fire killed three people.", "count", "three", (3.0,)),
        ("It was his third novel.", "ordinal", "third", (3,)),
        ("He won his 67th cap.", "ordinal", "67th", (67,)),
        ("Music of the 1960s returned.", "decade", "1960s", (1960,)),
        ("Prices went up in the '70s again.", "decade", "'70s", (1970,)),
        ("Between 16 and 18 boats sank.", "range", "Between 16 and 18", (16.0, 18.0)),
        ("Ireland won 19-13 in Dublin.", "score", "19-13", (19, 13)),
        ("She is now the 5/4 favourite.", "ratio", "5/4", (5, 4)),
        ("The Budget is at 1230 GMT today.", "time", "1230 GMT", (750,)),
        ("Talks began on 12 March 2005 in Seoul.", "date", "12 March 2005", (2005, 3, 12)),
        ("The flood came on Feb. 3, 1942, at night.", "date", "Feb. 3, 1942", (1942, 2, 3)),
        ("It opened in March 2005 to crowds.", "date", "March 2005", (2005, 3, None)),
        ("The plan was dropped in January after talks.", "month", "January", (None, 1, None)),
        ("Results are due on Wednesday morning.", "weekday", "Wednesday", (2,)),
        ("Labour came to power in 1997 with a majority.", "year", "1997", (1997, None, None)),
    ],
)
def test_each_kind_of_fact_is_read(text: str, kind: str, written: str, key: tuple) -> None:
    value = one(text, kind)
    assert value.text == written
    assert value.key == key


def test_names_full_all_capital_and_starting_a_sentence() -> None:
    names = [v.text for v in values_of("France coach Bernard Laporte said the US and UK agreed.")]
    assert names == ["France", "Bernard Laporte", "US", "UK"]
    # A capital that only starts the sentence is not a name; "I'm" and "It's" never are.
    assert [v.kind for v in values_of("Officials said I'm sure It's over.")] == []
    # A figure inside a name is not a count.
    assert [v.text for v in values_of("Viewers of Channel 4 and BBC Two rose.")] == [
        "Channel 4",
        "BBC Two",
    ]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Prices rose 5% last year.", "Prices rose 5 per cent last year.", "percent"),
        ("The bid is worth £2bn in all.", "The bid is worth £2 billion in all.", "money"),
        ("It cost £3.5m to make.", "It cost £3.5 million to make.", "money"),
        ("About 1,000 people came.", "About 1000 people came.", "count"),
        ("The blast killed three people.", "The blast killed 3 people.", "count"),
        ("Mr Smith resigned on Monday.", "Smith resigned on Monday.", "name"),
        ("The vote is on 12 March.", "The vote is on March 12.", "date"),
        ("The UN agreed.", "The United Nations agreed.", "name"),
        ("He left the Lib Dems.", "He left the Liberal Democrats.", "name"),
        ("The rise came in 2003.", "The rise came in September 2003.", "date"),
    ],
)
def test_equivalent_renderings_are_the_same_value(a: str, b: str, kind: str) -> None:
    kinds = {"date": ("date", "year", "month")}.get(kind, (kind,))
    x = next(v for v in values_of(a) if v.kind in kinds)
    y = next(v for v in values_of(b) if v.kind in kinds)
    assert x.same(y) and y.same(x)
    assert pair_values([values_of(a)], [values_of(b)], near_copy=True) == []


@pytest.mark.parametrize(
    ("a", "b", "pair"),
    [
        ("The fee was £17m.", "The fee was £19m.", ("£17m", "£19m")),
        ("It is worth £15.8m now.", "It is worth £15 million now.", ("£15.8m", "£15 million")),
        ("Shares fell 5% on Monday.", "Shares fell 7% on Monday.", ("5%", "7%")),
        ("The plan was dropped in January.", "The plan was dropped in July.", ("January", "July")),
        ("It opened in March 2005.", "It opened in March 2006.", ("March 2005", "March 2006")),
        ("It was the third time.", "It was the fourth time.", ("third", "fourth")),
        ("Music of the 1960s returned.", "Music of the 1970s returned.", ("1960s", "1970s")),
        ("John Smith won the seat.", "John Brown won the seat.", ("John Smith", "John Brown")),
        ("France coach Bernard Laporte spoke.", "Spain coach Bernard Laporte spoke.",
         ("France", "Spain")),
        ("Talks in the US stalled.", "Talks in the UK stalled.", ("US", "UK")),
        ("They meet on Tuesday.", "They meet on Thursday.", ("Tuesday", "Thursday")),
        ("Between 16 and 18 boats sank.", "Between 16 and 20 boats sank.",
         ("Between 16 and 18", "Between 16 and 20")),
    ],
)  # fmt: skip
def test_a_changed_value_pairs_with_its_counterpart(a: str, b: str, pair: tuple) -> None:
    found = pair_values([values_of(a)], [values_of(b)], near_copy=True)
    assert [(p.a.text, p.b.text) for p in found] == [pair]


def test_several_figures_pair_by_what_they_measure() -> None:
    a = "The flood killed 136 miners and injured 40 rescuers."
    b = "The flood injured 52 rescuers and killed 136 miners."
    found = pair_values([values_of(a)], [values_of(b)])
    assert [(p.a.text, p.b.text) for p in found] == [("40", "52")]


def test_a_converted_amount_follows_its_anchor() -> None:
    a = "The tapes were valued at up to $50,000 (£27,000) by the auction house."
    b = "The tapes are valued at $50,000 (£29,000), the house said."
    found = pair_values([values_of(a)], [values_of(b)])
    assert [(p.a.text, p.b.text) for p in found] == [("£27,000", "£29,000")]


def test_names_in_sentences_told_apart_are_not_disputes() -> None:
    a = Article("a", Path("a"), "a", [Block("Mr Blair told the BBC the talks were over.")])
    b = Article("b", Path("b"), "b", [Block("Mr Prescott told reporters the talks had ended.")])
    assert [d for d in compare(a, b).differences if d.kind == "name"] == []


def seed(stem: str) -> Article:
    return load_article(SEEDS / f"{stem}.txt", article_id=stem, max_bytes=10**7)


A000, A001, A004 = "000_0b9c162a2c952b4e", "001_bfeed5d58f9e5359", "004_418a29abe9d5b535"


def test_the_seeds_chosei_tolls_are_a_difference_of_scope_not_a_dispute() -> None:
    """000: the flood "killed 136 Koreans"; 004: it killed "183 workers — including 136
    forcibly mobilized Koreans". Two counts of different things, and 004 states 136 too."""
    assert disputed_facts([seed(A004), seed(A000), seed(A001)]) == []
    c = compare(seed(A000), seed(A004))
    [scope] = [d for d in c.differences if d.kind == "scope"]
    assert (scope.a, scope.b, scope.measure) == ("136", "183", "killed")
    assert scope.a_value is not None and scope.a_value.counted == "Koreans"
    assert scope.b_value is not None and scope.b_value.counted == "workers"
    assert [d for d in c.differences if d.kind == "count"] == []


def test_what_a_count_counts() -> None:
    text = "It killed 183 workers — including 136 forcibly mobilized Koreans, and 40 of them."
    assert [(v.text, v.counted) for v in values_of(text) if v.kind == "count"] == [
        ("183", "workers"),
        ("136", "Koreans"),
        ("40", ""),  # "of them": not a noun of its own
    ]


def test_a_value_the_other_source_also_states_is_never_in_dispute() -> None:
    a = "The fire destroyed 12 homes and damaged 30 more, the council said."
    b = "The fire destroyed 30 homes, the council said."
    assert pair_values([values_of(a)], [values_of(b)]) == []
    # Counts of different things stand by one word: at most a difference of scope.
    a = "The storm killed 9 fishermen on Friday."
    b = "The storm killed 14 sailors — including 9 fishermen — on Friday."
    [found] = pair_values([values_of(a)], [values_of(b)])
    assert found.scope and (found.a.text, found.b.text) == ("9", "14")
    b = "The storm killed 14 people — including 9 fishermen — on Friday."  # people: anyone
    assert pair_values([values_of(a)], [values_of(b)]) == []


def test_a_real_dispute_names_each_value_and_its_source() -> None:
    articles = [
        load_article(DISPUTE / "articles" / f"{stem}.txt", article_id=stem, max_bytes=10**7)
        for stem in ("gazette-ferry", "times-ferry")
    ]
    [d] = disputed_facts(articles)
    by_value = {group[0].value: {s.source for s in group} for group in d.values}
    assert by_value == {"312": {"Harbour Gazette"}, "320": {"Island Times"}}
    assert d.measure == "passengers" and d.pair == ("gazette-ferry", "times-ferry")
    statement = d.values[0][0]
    assert statement.sentence[statement.start : statement.end] == statement.value
    assert "Harbour Gazette" in d.summary()


def test_one_dispute_across_three_sources() -> None:
    def article(aid: str, source: str, toll: str) -> Article:
        return Article(
            aid,
            Path(aid),
            "Mine flood",
            [
                Block(f"The mine flood in 1942 killed {toll} workers, officials said."),
                Block("Seoul and Tokyo agreed to search for the remains together."),
            ],
            source=source,
        )

    a, b, c = (
        article("a", "Herald", "183"),
        article("b", "Daily", "136"),
        article("c", "Post", "183"),
    )
    [dispute] = disputed_facts([a, b, c])
    by_value = {g[0].value: sorted(s.source or "" for s in g) for g in dispute.values}
    assert by_value == {"183": ["Herald", "Post"], "136": ["Daily"]}
    assert dispute.sources == 3
    # Articles on other stories are not compared at all.
    other = Article("d", Path("d"), "Cup", [Block("The striker scored 3 goals in the final.")])
    assert disputed_facts([a, other]) == []


def text_article(aid: str, paragraphs: list[str]) -> Article:
    return Article(aid, Path(aid), aid, [Block(p) for p in paragraphs])


def test_a_figure_of_a_rewritten_sentence_pairs_across_sentences() -> None:
    a = text_article(
        "a",
        [
            "Andrea Levy won the novel award on Tuesday for her book Small Island.",
            "The book has already won the Orange Prize, and Levy is now 5/4 favourite "
            "for the Whitbread.",
        ],
    )
    b = text_article(
        "b",
        [
            "Andrea Levy won the novel award on Tuesday for her book Small Island.",
            "Bookmaker William Hill has placed Levy's novel as the 6/4 favourite to win.",
            "The judges were full of praise for her writing.",
        ],
    )
    c = compare(a, b)
    assert [(d.a, d.b, d.measure) for d in c.differences] == [("5/4", "6/4", "favourite")]


def test_dates_of_sentences_written_apart_are_not_paired() -> None:
    a = text_article("a", ["Mr Blair told Mr Brown in November 2003 that he would stand down."])
    b = text_article("b", ["Mr Blair first promised Mr Brown the job in 1997, the book says."])
    assert compare(a, b).differences == []


def test_disputed_facts_stop_when_asked() -> None:
    import threading

    import pytest

    from tui.store.background import Cancelled

    stop = threading.Event()
    stop.set()
    articles = [
        load_article(DISPUTE / "articles" / f"{stem}.txt", article_id=stem, max_bytes=10**7)
        for stem in ("gazette-ferry", "times-ferry")
    ]
    with pytest.raises(Cancelled):
        disputed_facts(articles, stop=stop)
    assert disputed_facts(articles, stop=threading.Event())
