"""Reading real articles: web pages, clipped Markdown, scraped text and whole-page dumps.

Each rule on small fixtures written here (the news-dev pages are scored by
``../shared/tools/check_reading.py``, not copied): titles without site tails, dates from
publication lines and the lead, outlets only from what a page declares, provenance.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import BBC, needs_bbc, write
from tui.cli import main
from tui.ingest import chrome, dates, outlets
from tui.ingest.article import SkipFile, article_from_text, load_article

LIMIT = 5_000_000


def text_article(text: str, name: str = "a.txt"):
    return article_from_text(text, article_id="a", path=Path(name))


# --- titles and their site tails -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "outlet"),
    [
        ("Macron condemns border controls | National Post", "Macron condemns border controls", "National Post"),
        ("Talks stall again - The New York Times", "Talks stall again", "The New York Times"),
        ("Storm hits coast | World | News | Express.co.uk", "Storm hits coast", "Express.co.uk"),
        ("Yields slide as auction week begins - MarketWatch", "Yields slide as auction week begins", "MarketWatch"),
        ("Gaza toll rises : NPR", "Gaza toll rises", "NPR"),
        ("Update | Crash victims identified | News | Jamaica Gleaner", "Crash victims identified", "Jamaica Gleaner"),
        ("Rockland declares emergency - News - recordonline.com - Middletown, NY", "Rockland declares emergency", "recordonline.com"),
        ("Coronavirus: what we know - BBC News", "Coronavirus: what we know", "BBC News"),
        ("The Space Review: Seeking a bigger role for a big rocket", "Seeking a bigger role for a big rocket", "The Space Review"),
        # Not site names: the title stays whole and no outlet is invented.
        ("UK heading wrong way - Howard", "UK heading wrong way - Howard", None),
        ("Ebola: Healthcare worker in Glasgow contracts Ebola", "Ebola: Healthcare worker in Glasgow contracts Ebola", None),
        ("Brown hits back in Blair rift row", "Brown hits back in Blair rift row", None),
        ("Job cuts 'false economy' - TUC", "Job cuts 'false economy' - TUC", None),  # BBC: who said it
        ("Storm hits the coast - CNN", "Storm hits the coast", "CNN"),
        ("The 4 Stocks That Slimmed the DJIA - Home Depot (NYSE:HD) - 24/7 Wall St.", "The 4 Stocks That Slimmed the DJIA", "24/7 Wall St."),
        ("Sharpton speaks - Middletown, NY", "Sharpton speaks - Middletown, NY", None),
    ],
)  # fmt: skip
def test_split_title(raw: str, title: str, outlet: str | None) -> None:
    assert outlets.split_title(raw) == (title, outlet)


def test_a_scraped_title_loses_its_tail_which_becomes_the_inferred_outlet() -> None:
    a = text_article("Macron condemns border controls | National Post\n\nPARIS — Macron spoke.\n")
    assert a.title == "Macron condemns border controls"
    assert a.source == "National Post"
    assert a.provenance == {"title": "title", "source": "title"}
    assert a.inferred == ["source"]
    assert a.meta_line() == "~National Post · a"


# --- outlets: declared, never quoted --------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "The minister was optimistic, an aide told AFP news agency on Monday.",
        "The plan will cost more, according to Reuters, which saw the documents.",
        "Reuters reported that the talks had stalled. The Associated Press said the same.",
        "“We will see,” he told AFP.",
    ],
)
def test_a_quoted_agency_is_never_the_outlet(body: str) -> None:
    a = text_article(f"Talks stall in Geneva\n\n{body}\n\nMore text follows here.\n")
    assert a.source is None


@pytest.mark.parametrize(
    ("text", "outlet", "origin"),
    [
        ("Talks stall\n\nGENEVA (Reuters) - The talks stalled.\n", "Reuters", "dateline"),
        ("Talks stall\n\nNEW YORK, Nov 19 (Reuters) - Stocks fell.\n", "Reuters", "dateline"),
        ("Talks stall\n\nThe talks stalled.\n\nY.Nakamura--AFP\n", "AFP", "byline"),
        ("Talks stall\n\nThe talks stalled.\n\n— AP\n", "AP", "byline"),
        (
            "Talks stall\n\nThe talks stalled.\n\n"
            "Copyright 2020 The Associated Press. All rights reserved.\n",
            "AP",
            "trailer",
        ),
        (
            "Talks stall\n\nThe talks stalled.\n\nkhnews@heraldcorp.com\n",
            "The Korea Herald",
            "trailer",
        ),
    ],
)
def test_outlets_from_datelines_bylines_and_trailers(text: str, outlet: str, origin: str) -> None:
    a = text_article(text)
    assert (a.source, a.provenance["source"]) == (outlet, origin)
    assert "source" in a.inferred
    assert "Copyright" not in a.text and "--AFP" not in a.text and "— AP" not in a.text


def test_a_long_title_ending_in_a_site_name_is_the_page_title() -> None:
    # Two sentences, or longer than a headline usually is: the site's name after it says
    # this line is the page's title, not the lead.
    a = text_article(
        "Workers return to the office. Some members of Congress say they shouldn't be."
        " - The Harbour Gazette\n\nWith cases rising, members of Congress are challenging the"
        " orders.\n\nMore text follows here.\n"
    )
    assert a.title == (
        "Workers return to the office. Some members of Congress say they shouldn't be."
    )
    assert (a.source, a.provenance["source"]) == ("The Harbour Gazette", "title")
    assert a.text.startswith("With cases rising")
    # Without a site's name, a sentence on top is the lead, not a title.
    b = text_article(
        "Workers return to the office. Some say they shouldn't be.\n\nMore text here.\n"
    )
    assert b.source is None and b.provenance["title"] == "text"


def test_a_long_copyright_trailer_names_the_site_its_first_sentence_holds() -> None:
    a = text_article(
        "Talks stall\n\nThe talks stalled.\n\n"
        "© 2022, HarbourGazette.com. This article is the copyrighted property of Harbour"
        " Gazette. Written permission must be obtained before reprint in online or print"
        " media. REPRINTING CONTENT WITHOUT PERMISSION IS THEFT AND PUNISHABLE BY LAW.\n"
    )
    assert (a.source, a.provenance["source"]) == ("HarbourGazette.com", "trailer")
    assert "copyrighted property" not in a.text


def test_an_extracted_article_that_names_its_site_in_its_own_lines() -> None:
    # Extracted text keeps a page's promotion lines at times: the site's address in a
    # sign-up prompt, or its app beside "follow us".
    a = text_article(
        "Feds announce a bust in Mass.\n\nFederal prosecutors announced charges.\n\n"
        "Stay up to date on all the latest news from HarbourGazette.com\n\n"
        "The charges were filed on Tuesday.\n"
    )
    assert (a.source, a.provenance["source"]) == ("HarbourGazette.com", "text")
    assert "source" in a.inferred
    # One self-reference to a name that is not an address is not enough.
    b = text_article(
        "Feds announce a bust in Mass.\n\nFederal prosecutors announced charges.\n\n"
        "Stay up to date on all the latest news from Harbour Gazette\n\n"
        "The charges were filed on Tuesday.\n"
    )
    assert b.source is None


def test_a_parent_company_copyright_is_not_the_outlet() -> None:
    a = text_article(
        "Voters pass increase\n\nThe measure passed.\n\n"
        "Copyright 2023 Nexstar Media Inc. All rights reserved.\n"
    )
    assert a.source is None


@needs_bbc
def test_bbc_business_491_is_not_labelled_afp() -> None:
    a = load_article(BBC / "business" / "491.txt", article_id="business/491", max_bytes=LIMIT)
    assert "told AFP" in a.text
    assert a.source != "AFP"


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published 7:07 PM EST Nov 19, 2019", dt.date(2019, 11, 19)),
        ("By Paul Ausick December 29, 2014 4:08 pm EST", dt.date(2014, 12, 29)),
        ("Updated: 9 November 2023", dt.date(2023, 11, 9)),
        ("Mon., March 23, 2020timer5 min. read", dt.date(2020, 3, 23)),
        ("Posted at 2013-12-30T14:42:01-0700", dt.date(2013, 12, 30)),
        ("12/30/2019 05:03 AM EST", dt.date(2019, 12, 30)),
        ("Published: 28 Apr, 2020 CET. Updated: Tue 29 Apr 2020 08:11 CET", dt.date(2020, 4, 28)),
        ("Written by Miami Today on November 7, 2023", dt.date(2023, 11, 7)),
        # Not publication lines: a sentence, an ambiguous day/month, an impossible day.
        ("Correction, Nov. 15, 2019: This article originally misidentified the publisher of the novel", None),
        ("08/11/2023 | 20:26 PM", None),
        ("February 30, 2020", None),
    ],
)  # fmt: skip
def test_publication_lines(line: str, date: dt.date | None) -> None:
    got = dates.publication_line(line)
    assert (got[0] if got else None) == date


def test_published_wins_over_updated() -> None:
    lines = ["Updated April 22, 2020", "Some chrome", "Posted April 21, 2020"]
    assert dates.from_lines(lines) == (dt.date(2020, 4, 21), 2)
    assert dates.from_lines(["Updated April 22, 2020"]) == (dt.date(2020, 4, 22), 0)


def test_lead_dates_only_where_they_name_the_day_of_writing() -> None:
    assert dates.from_lead(["Lee arrived in Nara on January 13, 2026, to begin talks."]) == (
        dt.date(2026, 1, 13)
    )
    tomorrow = ["Lee and Takaichi meet starting tomorrow.", "The summit, set for May 19–20, 2026."]
    assert dates.from_lead(tomorrow) == dt.date(2026, 5, 18)
    caption = ["Refugees at the Rafah crossing on November 1, 2023. (AP Photo/X)"]
    assert dates.from_lead(caption) is None
    past = ["The fund grew fast.", "It was founded on March 3, 2019, in Geneva."]
    assert dates.from_lead(past) is None  # a date further down is an earlier event


def test_a_future_date_is_never_taken() -> None:
    assert dates.publication_line("Published January 1, 2099") is None


# --- whole-page dumps -----------------------------------------------------------------------------

ARTICLE = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs.",
    "Engineers found cracks in two of the main supports last month, officials said.",
    "Drivers will be sent through the tunnel, which adds about ten minutes to the trip.",
    "The repairs are expected to take eight months and cost about 4 million euros.",
]


def page_dump(article: list[str]) -> str:
    top = [
        "   skip to content",
        "   [ ]",
        "     * News",
        "     * Sport",
        "     * Weather",
        "     * (BUTTON) More",
        "   We use cookies to improve your experience. Accept all cookies",
        "Harbour Gazette",
        "",
        "Council votes to close harbour bridge for repairs",
        "",
        "   By Ana Ruiz",
        "   Published 9:15 AM March 3, 2020",
        "     * Facebook icon",
        "     * Twitter icon",
        "",
    ]
    bottom = [
        "",
        "Related stories",
        "     * Ferry timetable changes",
        "     * New tram line opens",
        "   Follow Harbour Gazette on Twitter",
        "   © 2020 Harbour Gazette. All rights reserved.",
        "   Sign up for the Harbour Gazette newsletter ____________________ (BUTTON) Subscribe",
    ]
    return "\n".join(top + [f"   {p}\n" for p in article] + bottom) + "\n"


def test_a_whole_page_dump_is_cut_to_its_article() -> None:
    a = text_article(page_dump(ARTICLE))
    assert a.title == "Council votes to close harbour bridge for repairs"
    assert a.date == dt.date(2020, 3, 3) and a.provenance["date"] == "byline"
    assert a.source == "Harbour Gazette" and "source" in a.inferred
    assert [b.text for b in a.blocks] == ARTICLE
    assert a.byline is None or "Ana Ruiz" in a.byline


SENTENCE = st.lists(
    st.sampled_from(
        ["council", "bridge", "harbour", "repairs", "voted", "engineers", "drivers", "tunnel",
         "officials", "said", "weeks", "costs", "the", "a", "of", "and", "to", "in", "on"]
    ),
    min_size=10,
    max_size=30,
).map(lambda ws: (" ".join(ws)).capitalize() + ".")  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE, min_size=2, max_size=8))
@example(["Council " + "council " * 8 + "council.", "Council " + "council " * 9 + "council."])
def test_cleaning_a_dump_never_drops_a_paragraph_of_the_article(paragraphs: list[str]) -> None:
    a = text_article(page_dump(paragraphs))
    kept = [b.text for b in a.blocks]
    for paragraph in dict.fromkeys(paragraphs):  # a repeated paragraph is kept once
        assert paragraph in kept


def dump_with(top: list[str], bottom: list[str]) -> list[str]:
    return [*top, "Council votes to close harbour bridge for repairs", *ARTICLE, *bottom]


def test_a_related_storys_byline_date_is_not_the_articles() -> None:
    # The article's byline gives no date ("16 hours ago"); the run of text goes on into related
    # stories, each with its writer's byline and date: none of those dates is the article's.
    related = [
        "",
        "Related Content",
        "",
        "Ferry timetable changes after the bridge closes",
        "   By Jimmy Maas | Harbour Gazette • Jul 27, 2020",
        "   The ferry company will add two crossings a day while the bridge is closed for work.",
    ]
    text = page_dump([*ARTICLE, *related]).replace(
        "   By Ana Ruiz\n   Published 9:15 AM March 3, 2020",
        "   By Ana Ruiz | Harbour Gazette • 16 hours ago",
    )
    a = text_article(text)
    assert a.text.startswith(ARTICLE[0])
    assert a.date is None
    # The same line under the article's own writer is the article's date.
    own = text_article(text.replace("By Jimmy Maas", "By Ana Ruiz"))
    assert own.date == dt.date(2020, 7, 27)


def test_what_follows_an_article_is_cut_at_a_list_of_other_stories() -> None:
    after = ["Posted July 9, 2020", "", "* Related stories", "By Jane Doe • Jul 27, 2020"]
    assert chrome.before_other_stories(after) == ["Posted July 9, 2020", ""]
    assert chrome.before_other_stories(["Read more: the bridge's history"]) == [
        "Read more: the bridge's history"
    ]  # a teaser, not a list's heading


def test_a_dump_outlet_needs_two_kinds_of_the_pages_own_evidence() -> None:
    masthead, footer = (
        ["* News", "Harbour Gazette"],
        ["© 2020 Harbour Gazette. All rights reserved."],
    )
    assert outlets.from_page(dump_with(masthead, footer)) == "Harbour Gazette"
    follow = ["Follow Harbour Gazette on Twitter"]
    assert outlets.from_page(dump_with(["* News"], [*follow, *footer])) == "Harbour Gazette"
    # One kind alone is not enough: a masthead-like line or a "Follow X".
    assert outlets.from_page(dump_with(masthead, [])) is None
    assert outlets.from_page(dump_with(["* News"], follow * 3)) is None


def test_a_dump_outlet_from_a_copyright_line_alone_only_when_it_holds_a_title() -> None:
    # A publication's own name holding the copyright is the page's outlet …
    for footer, outlet in (
        ("© 2020 Harbour Gazette. All rights reserved.", "Harbour Gazette"),
        ("Copyright © The Harbour Intercept. All Rights Reserved.", "The Harbour Intercept"),
        ("© 2023 Copyright HarbourNews.Online", "HarbourNews.Online"),
        ("© 2021 WXYZ-TV", "WXYZ"),  # a station by its call letters
    ):
        assert outlets.from_page(dump_with(["* News"], [footer])) == outlet, footer
    # … not a company, a broadcaster's owner, or a company holding two titles.
    for footer in (
        "© 2023 BuzzFeed, Inc.",
        "© 2020 Bay Area Public Radio",
        "© 2021 Harbour Daily Record and Sunday Mail",
        "© 2020 Harbour Media Group",
    ):
        assert outlets.from_page(dump_with(["* News"], [footer])) is None, footer


def test_a_dump_outlet_supported_by_the_sites_own_address() -> None:
    # Its e-mail or web address supports a name found once; alone, an address names nobody.
    about = ["About Harbour Gazette"]
    assert outlets.from_page(dump_with(["* News"], about)) is None
    mail = ["Letters: editor@harbourgazette.com"]
    assert outlets.from_page(dump_with(["* News"], [*about, *mail])) == "Harbour Gazette"
    assert outlets.from_page(dump_with(["* News"], ["www.harbourgazette.com"])) is None
    # The page's short name counts for the long one its address gives.
    short = ["About The Gazette", "Gazette Newsletters", "Follow Harbour Gazette on X"]
    lines = dump_with(["* News"], [*ARTICLE * 3, *short, "www.harbourgazette.com"])
    assert outlets.from_page(lines) == "Harbour Gazette"


def test_a_dump_outlet_from_two_kinds_of_self_reference_or_a_long_footer() -> None:
    said = ["Harbour Gazette homepage", "Follow HarbourGazette"]
    assert outlets.from_page(dump_with(["* News"], said)) == "Harbour Gazette"
    # A footer line of any length names its holder; a logo's doubled text is one masthead.
    footer = "© 2020 Harbour Gazette, a division of Bay Network Inc. " + "Terms. " * 40
    lines = dump_with(["Harbour Gazette Harbour Gazette"], [footer])
    assert outlets.from_page(lines) == "Harbour Gazette"
    # The same evidence for a publication and its owner's brand: the publication.
    tie = dump_with(["Harbour Gazette"], ["© 2020 Harbour Gazette", "About Bay Radio", "Bay Radio"])
    assert outlets.from_page(tie) == "Harbour Gazette"


@pytest.mark.parametrize(
    "line",
    [
        "Back to Harbour Gazette",
        "Continue to Harbour Gazette SKIP AD",
        "Return to Harbour Gazette top page",
        "Harbour Gazette is funded by sponsors and member donations",
        "Harbour Gazette is published by The Bay Group, a Holdings Company.",
        "Harbour Gazette is the region's leading independent news site.",
        "Get Harbour Gazette delivered to your inbox",
        "Stay connected with Harbour Gazette",
        "Harbour Gazette FCC Public File",
        "Jane Doe is a staff writer at Harbour Gazette.",
        "By Harbour Gazette staff",
        "More about Harbour Gazette",
        "A coroner is investigating, the Harbour Gazette has learned.",
        "Join the Harbour Gazette WhatsApp community!",
    ],
)
def test_more_ways_a_page_names_itself(line: str) -> None:
    follow = ["Follow Harbour Gazette on Twitter"]
    assert outlets.from_page(dump_with(["* News"], follow)) is None  # one way alone
    assert outlets.from_page(dump_with(["* News"], [*follow, line])) == "Harbour Gazette"


def test_a_company_of_two_titles_is_never_the_outlet_nor_hides_one() -> None:
    company = ["Paper Subscription to the Harbour Gazette and Sunday Chronicle"] * 3
    company.append("© Harbour Gazette and Sunday Chronicle")
    said = ["Follow Harbour Gazette on X", "Join the Harbour Gazette WhatsApp community!"]
    assert outlets.from_page(dump_with(["* News"], company)) is None
    assert outlets.from_page(dump_with(["* News"], [*company, *said])) == "Harbour Gazette"


def test_a_footer_without_the_copyright_sign_names_its_holder() -> None:
    owner = ["Return to Harbour Gazette top page", "Harbour Gazette LTD. All rights reserved."]
    assert outlets.from_page(dump_with(["* News"], owner)) == "Harbour Gazette"
    assert outlets.from_page(dump_with(["* News"], owner[1:])) is None  # an owner alone


def test_one_site_written_two_ways_is_one_name() -> None:
    # A station with and without "-TV", "TheRoot" and "The Root": the same evidence.
    station = ["© 2021 WKRN-TV", "WKRN FCC Public File"]
    assert outlets.from_page(dump_with(["* News"], station)) == "WKRN"
    root = ["Follow TheHarbour on Twitter", "About The Harbour"]
    assert outlets.from_page(dump_with(["* News"], root)) == "The Harbour"
    # Quoting a reporter of another paper is one way, not enough.
    quoted = ["Jane Doe is a reporter for the Bay Chronicle."]
    assert outlets.from_page(dump_with(["* News"], quoted)) is None


def test_a_site_that_names_itself_outranks_a_wire_credit_in_its_footer() -> None:
    top = ["* News", "* Sport", "* Weather", "Harbour Gazette"]
    body = ["Council votes to close harbour bridge for repairs", *ARTICLE]
    bottom = ["© 2020 Reuters", "Follow Harbour Gazette on X", "© 2020 Harbour Gazette"]
    article = text_article("\n\n".join([*top, *body, *bottom]))
    assert article.source == "Harbour Gazette"


def test_a_dump_outlet_is_spelled_as_the_page_spells_it() -> None:
    lines = dump_with(["WIRED"], ["More from Wired", "(BUTTON) More From WIRED"])
    assert outlets.from_page(lines) == "WIRED"
    # A legal form after a comma is only the form of the name; a company in the name is an owner.
    lines = dump_with(["* Markets"], ["Search MarketWatch", "Copyright © 2020 MarketWatch, Inc."])
    assert outlets.from_page(lines) == "MarketWatch"
    lines = dump_with(["* News"], ["About Forbes Media", "© 2020 Forbes Media LLC."])
    assert outlets.from_page(lines) is None


def test_a_dump_outlet_is_not_known_when_the_page_names_someone_else_more() -> None:
    # The author's "Follow … on" links and an owner named in every footer line outweigh a
    # masthead and one copyright line: no name is taken rather than a wrong one.
    author = ["Follow Jane Doe on Twitter", "Follow Jane Doe on Facebook", "More from Jane Doe"]
    lines = dump_with(["Harbour Gazette"], [*author, "© 2020 Harbour Gazette"])
    assert outlets.from_page(lines) is None
    said = ["Follow Harbour Gazette on X", "Follow Bay Chronicle on X", "Bay Chronicle"]
    tie = dump_with(["Harbour Gazette"], said)  # a short page: "Bay Chronicle" is among its
    assert outlets.from_page(tie) is None  # first lines too, as much evidence as the site
    # The same weight and kinds of evidence: the page's copyright holder, then the name the
    # page gives in more ways of its own.
    held = ["© Harbour Gazette", "Follow Bay Chronicle on X", "Bay Chronicle"]
    assert outlets.from_page(dump_with(["Harbour Gazette"], held)) == "Harbour Gazette"
    ways = ["Sign up for Bay Chronicle newsletter", "Sign up for Bay Chronicle newsletter"]
    ways += ["Follow Harbour Gazette on X", "the Harbour Gazette has learned that"]
    assert outlets.from_page(dump_with(["* News"], ways)) == "Harbour Gazette"
    won = dump_with(["Harbour Gazette"], ["© Harbour Gazette", "Follow Bay Radio on X"])
    assert outlets.from_page(won) == "Harbour Gazette"


def test_chrome_lines_are_recognised() -> None:
    for line in (
        "* Home",
        "(BUTTON) Close",
        "Accept all cookies",
        "Advertisement",
        "Share this article",
    ):
        assert chrome.is_chrome(line), line
    assert not chrome.is_chrome(ARTICLE[0])


# --- web pages ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Council votes to close harbour bridge | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="Council votes to close harbour bridge">
<meta property="article:published_time" content="2020-03-03T09:15:00Z">
<meta name="author" content="Ana Ruiz">
<link rel="canonical" href="https://harbourgazette.example/2020/03/03/bridge">
<script>var tracking = "[bold]not text[/bold]";</script>
<style>p { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Council votes to close harbour bridge</h1>
<p>The city council voted on Tuesday to close the old harbour bridge for repairs, a decision
that will reroute thousands of drivers through the tunnel for most of the year.</p>
<h2>Cracks in the supports</h2>
<p>Engineers found cracks in two of the main supports last month, officials said, and
recommended that the bridge be closed before the summer season begins.</p>
<blockquote><p>We cannot take any risk with a bridge this old, the mayor said at the meeting.</p></blockquote>
<ul><li>Repairs will take about eight months.</li><li>They will cost about 4 million euros.</li></ul>
<p>Drivers will be sent through the tunnel, which adds about ten minutes to the trip, and a
ferry will run every half hour for cyclists and people on foot [bold]literally[/bold].</p>
</article>
<footer>© 2020 Harbour Gazette. All rights reserved.</footer>
</body></html>
"""


def test_a_web_page_gives_title_date_outlet_author_url_and_blocks(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.html", PAGE)
    a = load_article(path, article_id="bridge", max_bytes=LIMIT)
    assert a.title == "Council votes to close harbour bridge"
    assert a.date == dt.date(2020, 3, 3)
    assert a.source == "Harbour Gazette"
    assert a.byline == "Ana Ruiz"
    assert a.url == "https://harbourgazette.example/2020/03/03/bridge"
    assert a.provenance == {"title": "page", "date": "page", "source": "page"}
    assert a.inferred == []
    kinds = [(b.kind, b.text[:20]) for b in a.blocks]
    assert ("h", "Cracks in the suppor") in kinds
    assert ("quote", "We cannot take any r") in kinds
    assert ("li", "Repairs will take ab") in kinds
    assert a.blocks[0].text.startswith("The city council voted")  # the headline is not repeated
    assert "[bold]literally[/bold]" in a.text  # literal, not markup
    assert "tracking" not in a.text and "Home" not in a.text and "©" not in a.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><head><script>var x = 1;</script><style>p{}</style></head><body></body></html>",
         "no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("", "empty file"),
    ],
)  # fmt: skip
def test_hostile_pages_are_skipped_with_a_reason(
    tmp_path: Path, content: str | bytes, reason: str
) -> None:
    path = write(tmp_path / "page.html", content)
    with pytest.raises(SkipFile, match=reason):
        load_article(path, article_id="p", max_bytes=LIMIT)


def test_broken_markup_and_a_charset_that_lies_are_read(tmp_path: Path) -> None:
    broken = PAGE.replace("</p>", "").replace("</article>", "<div><span>")
    a = load_article(write(tmp_path / "b.html", broken), article_id="b", max_bytes=LIMIT)
    assert "Engineers found cracks" in a.text
    lying = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "4 million euros", "4 million € — café"
    )
    a = load_article(write(tmp_path / "c.html", lying.encode()), article_id="c", max_bytes=LIMIT)
    assert "Engineers found cracks" in a.text


def test_a_huge_page_is_skipped_by_the_size_limit(tmp_path: Path) -> None:
    path = write(
        tmp_path / "huge.html", "<html><body>" + "<p>word </p>" * 200_000 + "</body></html>"
    )
    with pytest.raises(SkipFile, match="larger than the limit"):
        load_article(path, article_id="h", max_bytes=1_000_000)


# --- Markdown from web clippers ---------------------------------------------------------------


def test_web_clipper_front_matter_maps_to_ours() -> None:
    clipped = (
        "---\n"
        'title: "Talks stall in Geneva"\n'
        "source: https://www.reuters.com/world/talks-stall\n"
        "author:\n  - Ana Ruiz\n  - Li Wei\n"
        "published: 2024-05-02\n"
        "created: 2024-05-03\n"
        "description: Clipped for the briefing\n"
        "tags: [clippings, diplomacy]\n"
        "---\n\nThe talks stalled on Thursday.\n"
    )
    a = article_from_text(clipped, article_id="c", path=Path("c.md"), markdown=True)
    assert a.title == "Talks stall in Geneva"
    assert a.url == "https://www.reuters.com/world/talks-stall"
    assert a.source == "Reuters"  # the known outlet of the clipped page's address
    assert a.byline == "Ana Ruiz, Li Wei"
    assert a.date == dt.date(2024, 5, 2)  # published wins over created
    assert a.topics == ("clippings", "diplomacy")
    assert a.warnings == []
    assert a.provenance == {"title": "metadata", "date": "metadata", "source": "metadata"}
    site = article_from_text(
        "---\nsite: Harbour Gazette\n---\n# Bridge\n\nText.\n",
        article_id="s",
        path=Path("s.md"),
        markdown=True,
    )
    assert site.source == "Harbour Gazette"


# --- provenance on the command line ----------------------------------------------------------------


def test_show_json_says_where_each_value_came_from(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "bridge.html", PAGE)
    write(
        corpus / "talks.txt",
        "Talks stall | Geneva Times\n\nGENEVA (Reuters) - The talks stalled.\n",
    )
    for article_id, provenance, inferred in (
        ("bridge", {"title": "page", "date": "page", "source": "page"}, []),
        ("talks", {"title": "title", "source": "title"}, ["source"]),
    ):
        assert main(["show", article_id, "--json", "--corpus", str(corpus)]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["provenance"] == provenance and doc["inferred"] == inferred
    main(["show", "talks", "--corpus", str(corpus)])
    assert "~Geneva Times" in capsys.readouterr().out


# --- what stands above the lead ---------------------------------------------------------------

LEAD = "The council voted on Tuesday to close the old harbour bridge for eight months of repairs."
SECOND = "Engineers found cracks in two of the main supports last month, officials said on Monday."


@pytest.mark.parametrize(
    "above",
    [
        ["Council votes to close harbour bridge"],  # the headline again
        ["Transport"],  # a kicker
        ["By Ana Ruiz", "ana.ruiz@harbourgazette.example"],
        ["Gary B. Graves, AP Sports Writer", "Updated"],
        ["Published 9:15 AM March 3, 2020"],
        [
            "Cars queue at the bridge on Monday.",
            "Photo: Ana Ruiz/Harbour Gazette",
        ],  # caption, credit
        ["A short summary of the vote.", "FILE - The bridge in 2019, in a file photo."],
        ["Stay up to date on all the latest news from the Harbour Gazette"],
    ],
)
def test_what_stands_above_the_lead_is_dropped(above: list[str]) -> None:
    text = "Council votes to close harbour bridge\n\n" + "\n\n".join([*above, LEAD, SECOND]) + "\n"
    a = text_article(text)
    assert [b.text for b in a.blocks] == [LEAD, SECOND]


def test_a_standfirst_the_article_repeats_is_dropped_once() -> None:
    standfirst = "Drivers face a detour of ten minutes while the bridge is closed."
    a = text_article(
        "Bridge to close\n\n" + "\n\n".join([standfirst, LEAD, SECOND, standfirst]) + "\n"
    )
    assert [b.text for b in a.blocks] == [LEAD, SECOND, standfirst]


def test_the_lead_itself_is_never_dropped() -> None:
    a = text_article("Bridge to close\n\n" + LEAD + "\n")
    assert [b.text for b in a.blocks] == [LEAD]


def test_a_caption_above_the_lead_goes_with_its_credit_or_its_double() -> None:
    caption = "Cars queue at the harbour bridge on Monday. (Ana Ruiz)"
    credited = "Cars queue at the harbour bridge on Monday."
    for above in ([credited, "April P. Bernard"], [caption, caption]):
        a = text_article("Bridge to close\n\n" + "\n\n".join([*above, LEAD, SECOND]) + "\n")
        assert [b.text for b in a.blocks] == [LEAD, SECOND]


def test_a_site_name_with_a_slogan_keeps_the_name(tmp_path: Path) -> None:
    page = PAGE.replace(
        'content="Harbour Gazette">', 'content="Harbour Gazette | News, Weather, Sports">'
    )
    a = load_article(write(tmp_path / "p.html", page), article_id="p", max_bytes=LIMIT)
    assert a.source == "Harbour Gazette"


def test_one_meta_line_for_every_view_marks_what_was_inferred() -> None:
    """The line under a title is built in one place: search results, the reader, the palette
    and both sides of a comparison show an inferred value with ``~``."""
    from dataclasses import replace

    from tui.render.compare_view import side_meta
    from tui.text.provenance import meta_line

    assert meta_line("AFP", "2026-01-12", ["date"], "by Jo Kim", None, "x1") == (
        "AFP · ~2026-01-12 · by Jo Kim · x1"
    )
    assert meta_line(None, None, (), "x1") == "x1"
    assert meta_line(None, "2026-01-12", (), unknown_source="source unknown") == (
        "source unknown · 2026-01-12"
    )
    text = "Talks\n\nSEOUL (Reuters) - The leaders met on Tuesday.\n"
    article = article_from_text(text, article_id="x1", path=Path("x1.txt"))
    assert article.source == "Reuters" and "source" in article.inferred
    assert side_meta(article).startswith("~Reuters")
    assert article.meta_line().startswith("~Reuters")
    declared = replace(article, provenance={"source": "metadata"})
    assert side_meta(declared).startswith("Reuters")


def test_a_dump_outlet_from_how_footers_write_copyright() -> None:
    # "© Copyright 2022 X" and "X, 2022 © All Rights Reserved" name the same holder as "© X".
    follow = ["Follow Harbour Gazette on Twitter"]
    for footer in (
        "© Copyright 2022 Harbour Gazette",
        "Harbour Gazette, 2022 © All Rights Reserved",
        "Copyright © 2022 Harbour Gazette Copyright",
    ):
        assert outlets.from_page(dump_with(["* News"], [*follow, footer])) == "Harbour Gazette"
    # "All Rights Reserved" is never a name.
    assert outlets.from_page(dump_with(["* News"], ["© 2022 All Rights Reserved"])) is None


def test_a_dump_outlet_supported_by_its_owners_name_and_its_long_name() -> None:
    # The owner "Harbour Gazette Media LLC" supports a name the page gives twice …
    owner = ["© 2020 Harbour Gazette Media LLC"]
    twice = ["Follow Harbour Gazette on Twitter", "More from Harbour Gazette"]
    assert outlets.from_page(dump_with(["* News"], [*twice, *owner])) == "Harbour Gazette"
    # … but not a name seen once, like the owner's logo in the footer.
    logo = ["Nexstar Logo", "© 1998 - 2020 Nexstar Inc. | All Rights Reserved."]
    assert outlets.from_page(dump_with(["* News"], logo)) is None
    # A short name counts for the long one of the copyright line, spelled as that line has it.
    lines = dump_with(["* News"], ["Follow Gazette on Twitter", "© 2020 Harbour Gazette"])
    assert outlets.from_page(lines) == "Harbour Gazette"


def test_a_dump_outlet_said_plainly_in_self_references_of_two_kinds() -> None:
    said = [
        "Follow Harbour Gazette on Twitter",
        "More from Harbour Gazette",
        "Search Harbour Gazette",
    ]
    assert outlets.from_page(dump_with(["* News"], said)) == "Harbour Gazette"
    # A person's name is not a publication's, however often it is followed.
    person = ["Follow Jane Doe on Twitter", "More from Jane Doe", "Search Jane Doe"]
    assert outlets.from_page(dump_with(["* News"], person)) is None


# --- where a whole-page dump's article starts ------------------------------------------------

TOP = [
    "   skip to content",
    "   [ ]",
    *[f"     * {section}" for section in ("News", "Sport", "Weather", "Business", "Travel")],
    "     * (BUTTON) More",
    "   We use cookies to improve your experience. Accept all cookies",
    "",
]
HEADLINE = "Council votes to close harbour bridge for repairs"


def lynx_dump(head: list[str], article: list[str] = ARTICLE) -> str:
    """A text browser's dump: chrome, then ``head`` as given (flush left = a heading), then
    the article's paragraphs indented."""
    bottom = [
        "",
        "Related stories",
        "     * Ferry timetable changes",
        "     * New tram line opens",
        "   © 2020 Harbour Gazette. All rights reserved.",
    ]
    return "\n".join([*TOP, *head, "", *[f"   {p}\n" for p in article], *bottom]) + "\n"


def body_of(text: str) -> list[str]:
    return [b.text for b in text_article(text).blocks]


def test_a_flush_left_heading_is_the_headline_over_a_teaser_that_shares_more_words() -> None:
    teaser = "   Harbour bridge repairs: drivers sent through the tunnel for eight months"
    a = text_article(lynx_dump([HEADLINE, "", "   Related:", teaser]))
    assert a.title == HEADLINE
    # Without headings (nothing indented), the nearer teaser still wins: the rule needs the layout.
    flat = "\n".join(x.strip() for x in lynx_dump([HEADLINE, "", "Related:", teaser]).split("\n"))
    assert text_article(flat).title != HEADLINE


def test_a_flush_left_standfirst_is_not_the_lead() -> None:
    standfirst = "Drivers face months of detours as the old bridge is made safe again."
    assert body_of(lynx_dump([HEADLINE, "", standfirst])) == ARTICLE
    # No headline above: the heading that opens the article is its headline.
    a = text_article(lynx_dump(["", HEADLINE]))
    assert a.title == HEADLINE and [b.text for b in a.blocks] == ARTICLE


def test_furniture_above_the_lead_is_dropped() -> None:
    for furniture in (
        "We use your sign-up to provide content in ways you've consented to and improve our "
        "understanding of you.",
        "FILE - In this June 20, 2020, file photo, the old harbour bridge is seen from the ferry.",
        "This image released by the city shows the cracks in one of the bridge's supports.",
        "Ana Ruiz, left, and the mayor walk on the bridge on Monday.",
        "NewsNews Based on facts, either observed and verified directly by the reporter.",
        "The opinions in this section are those of the author.",
        "The mayor on the bridge. The mayor on the bridge. City of Harbour",  # a caption twice
        "Engineers inspect the supports (CITY PHOTO)",
        "Crime and Public Safety |",
    ):
        assert body_of(lynx_dump([HEADLINE], [furniture, *ARTICLE])) == ARTICLE, furniture


def test_a_stamp_or_a_dateline_shows_where_the_lead_starts() -> None:
    standfirst = "Drivers face months of detours."
    for marker in ("Updated: 9.45pm", "Published 11/8/2023 10:46 PM"):
        assert body_of(lynx_dump([HEADLINE], [standfirst, marker, *ARTICLE])) == ARTICLE
    lead = "HARBOUR CITY, Kent -- The city council voted on Tuesday to close the old bridge."
    assert body_of(lynx_dump([HEADLINE], [standfirst, lead, *ARTICLE[1:]])) == [
        lead,
        *ARTICLE[1:],
    ]
    # A short lead that opens with its dateline is kept, even under eight words.
    short = "HARBOUR CITY -- Here we go again."
    assert body_of(lynx_dump([HEADLINE, "", f"   {short}"]))[0] == short
    # A date under a quoted post is no stamp: the lead above it stays.
    tweet = ["Bridge closes at noon.", "— Harbour Police (@harbourpd) March 3, 2020"]
    assert body_of(lynx_dump([HEADLINE], [ARTICLE[0], *tweet, *ARTICLE[1:]]))[0] == ARTICLE[0]


def test_a_photo_credit_line_ends_the_caption_and_standfirst_above_the_lead() -> None:
    head = ["Drivers face months of detours.", "The old bridge at dusk", "Photograph: Ana Ruiz/AP"]
    assert body_of(lynx_dump([HEADLINE], [*head, *ARTICLE])) == ARTICLE
    # A caption that carries its own credit ends nothing: the lead above it is kept.
    caption = "REPAIRS: Engineers at work on the bridge [GETTY]"
    assert body_of(lynx_dump([HEADLINE], [ARTICLE[0], caption, *ARTICLE[1:]]))[0] == ARTICLE[0]
    assert body_of(lynx_dump([HEADLINE], [caption, *ARTICLE])) == ARTICLE  # above it: dropped


def test_a_page_title_that_is_only_its_site_name_gives_the_outlet_not_the_headline() -> None:
    text = "\n\n".join(["Harbour Gazette", "transport\n" + HEADLINE, *ARTICLE])
    a = text_article(text)
    assert (a.title, a.source, a.provenance["source"]) == (HEADLINE, "Harbour Gazette", "title")
    assert a.text.split("\n\n") == ARTICLE
    # A short headline with an outlet's word, followed by its lead, is the headline.
    short = text_article("\n\n".join(["Fake News Returns", *ARTICLE]))
    assert (short.title, short.source) == ("Fake News Returns", None)


def test_what_follows_the_article_on_its_page_is_not_its_text() -> None:
    tail = [
        "Jane Doe is a staff writer at the Harbour Gazette. Follow her on Twitter @janedoe.",
        "Have something to add to this story? Share it in the comments.",
        "Like Harbour Gazette on Facebook. Follow us on Twitter.",
        "Tagged: Bridges, harbour, city council, Transport, Repairs, Engineering",
        "You must be logged in to post a comment.",
    ]
    assert chrome.tail_start([*ARTICLE, *tail]) == len(ARTICLE)
    assert body_of(lynx_dump([HEADLINE], [*ARTICLE, *tail])) == ARTICLE
    assert text_article("\n\n".join([HEADLINE, *ARTICLE, *tail])).text.split("\n\n") == ARTICLE
    # The article's own last paragraphs stay: a team sheet, a link at the end of a long
    # paragraph, a quoted appeal, a fund to give to; and its first paragraph always.
    own = [
        "Harbour: Ana Ruiz (Port), Jo Lee (Quay), Sam Ng (Bay), Kim Ito (Dock), Al Roe (Pier)",
        "The bridge opened in 1931 and was last repaired in 1989. For the full timetable of "
        "the works and the diversions, click here.",
        '"Anyone who saw the crack is urged to call us on 101," a spokesman said.',
        "To donate to the engineers' fund, please visit the council's website.",
    ]
    for last in own:
        assert chrome.tail_start([*ARTICLE, last]) == len(ARTICLE) + 1, last
    assert chrome.tail_start(tail) == 1


def test_a_heading_below_a_caption_is_the_headline_not_an_images_label_above() -> None:
    label = " " * 120 + "Old harbour bridge"  # an image's label, set far right
    head = [
        label,
        "",
        "   The old harbour bridge at dusk, with two cranes beside it.",
        "",
        HEADLINE,  # flush left: the page's heading
        "",
        "by Ana Ruiz",
        "",
    ]
    text = "\n".join([*TOP, *head, *[f"   {p}\n" for p in ARTICLE]]) + "\n"
    a = text_article(text)
    assert (a.title, a.provenance["title"]) == (HEADLINE, "title")
    assert a.text.split("\n\n") == ARTICLE
    # A label the page repeats (a series' name set as a heading) is not the headline.
    series = "Harbour bridge works explained"
    repeated = [label, "", head[2], "", series, "", HEADLINE, "", "by Ana Ruiz", ""]
    text = "\n".join([*TOP, *repeated, *[f"   {p}\n" for p in ARTICLE], series]) + "\n"
    assert text_article(text).title == HEADLINE


def test_a_pull_quote_repeats_one_earlier_paragraph_not_words_spread_over_several() -> None:
    said = '"The old bridge will be closed until the repairs are done," the mayor said.'
    paras = [ARTICLE[0], said, ARTICLE[1], ARTICLE[2]]
    quote = '"The old bridge will be closed until the repairs are done"'
    text = "\n\n".join([HEADLINE, *paras[:2], quote, *paras[2:]])
    assert text_article(text).text.split("\n\n") == paras  # its words all in one: dropped
    spread = '"Engineers found the bridge adds ten minutes"'  # in ARTICLE[1] and ARTICLE[2]
    text = "\n\n".join([HEADLINE, *paras, spread, ARTICLE[3]])
    assert spread in text_article(text).text.split("\n\n")


def test_gallery_captions_with_their_photographers_credit_stand_above_the_lead() -> None:
    # Each caption repeats the lead's sentences and ends in "(Photographer / Outlet)": long,
    # and two of them, above a lead that opens with its dateline.
    said = " ".join(ARTICLE[1:3])
    credit = "(Ana Ruiz / Harbour Gazette)"
    caption = f"Engineers inspect the old harbour bridge on Sunday. {said} {credit}"
    long_caption = f"Engineers on the bridge. {said} {said} {said} {credit}"
    lead = f"HARBOUR CITY — {ARTICLE[0]}"
    article = [caption, long_caption, lead, *ARTICLE[1:]]
    assert body_of(lynx_dump([HEADLINE], article)) == [lead, *ARTICLE[1:]]
    # A paragraph of the article that ends in a parenthesis is no caption: it stays.
    own = f"{ARTICLE[0]} {said} {said} {said} (the bridge opened in 1931)"
    assert body_of(lynx_dump([HEADLINE], [own, lead, *ARTICLE[1:]]))[0] == own


def test_an_images_doubled_text_and_its_credit_stand_above_the_lead() -> None:
    alt = 'The old bridge at dusk, with a crane, a barge and a sign saying "closed for repairs."'
    head = [f"{alt} {alt}", "The bridge in 1987.", "Photo illustration by Ana Ruiz."]
    assert body_of(lynx_dump([HEADLINE], [*head, *ARTICLE])) == ARTICLE
    # An account menu is page chrome, never the headline.
    assert chrome.is_chrome("Settings Log out")
    assert not chrome.headline_like("Settings Log out")


def test_a_dump_outlet_from_more_ways_pages_name_themselves() -> None:
    for said in (
        ["News updates from Harbour Gazette: ferry strike ends", "About Harbour Gazette"],
        ["Get the latest news from Harbour Gazette directly to your inbox", "Search Harbour Gazette"],
        ["Did you know with a Digital Subscription to Harbour Gazette, you can read more",
         "More from Harbour Gazette"],
    ):  # fmt: skip
        lines = dump_with(["* News"], [*ARTICLE * 3, *said])
        assert outlets.from_page(lines) == "Harbour Gazette", said
    # An owner supports a name the page gives in words of its own, not one from a logo.
    owned = ["More from The Gazette", "© Gazette Media Group Limited 2022"]
    assert outlets.from_page(dump_with(["* News"], [*ARTICLE * 3, *owned])) == "The Gazette"
    logo = ["Gazette Logo", "© Gazette Media Group Limited 2022"]
    assert outlets.from_page(dump_with(["* News"], [*ARTICLE * 3, *logo])) is None
    # A company of two titles is not the outlet, however often the page names it.
    both = [
        "Subscribe to Harbour Record and Sunday Gazette",
        "© 2023 Harbour Record and Sunday Gazette",
    ]
    assert outlets.from_page(dump_with(["* News"], [*ARTICLE * 3, *both])) is None


def far_down(lines: list[str]) -> list[str]:
    """A page with ``lines`` below the article, past the first lines a masthead stands in."""
    return dump_with(["* News"], [*ARTICLE * 3, *lines])


def test_a_name_standing_alone_in_a_footer_supports_what_the_page_says_of_itself() -> None:
    stay = ["Stay connected with Harbour Gazette", "Stay up to date with Harbour Gazette for"]
    assert outlets.from_page(far_down(stay)) is None  # one way of saying it, twice
    assert outlets.from_page(far_down([*stay, "Harbour Gazette"])) == "Harbour Gazette"
    # A company's copyright line, and its name as the footer's logo.
    held = ["© 2020 Quayside, Inc. All Rights Reserved."]
    assert outlets.from_page(far_down(held)) is None
    assert outlets.from_page(far_down(["Quayside", *held])) == "Quayside"
    # A writer's name under "Follow …" is a person, not a publication; menu lines are nothing.
    assert outlets.from_page(far_down(["Follow Jane Doe on Twitter", "Jane Doe"])) is None
    assert outlets.from_page(far_down(["Nation & World", "Pacific Magazine"] * 4)) is None
    # A company named for the site, with the site's address and its logo.
    owner = ["newstips@quayside.co.nz, or call us", "© 2020 Quayside Limited"]
    assert outlets.from_page(far_down(owner)) is None  # an owner and an address: not enough
    assert outlets.from_page(far_down(["Quayside", *owner])) == "Quayside"


def test_what_only_a_site_says_of_itself_names_it_with_any_name() -> None:
    # "Le Rivage" does not read as a publication's name, but only a site is credited "with AFP",
    # is a website, moderates comments or is funded by sponsors.
    for said, name in (
        (["Follow Le Rivage", "Le Rivage with AFP"], "Le Rivage"),
        (["Quayvine is funded by sponsors", "Quayvine is a website about the harbour"], "Quayvine"),
        (["Get Quayvine delivered to your inbox", "Quayvine moderates comments."], "Quayvine"),
    ):
        assert outlets.from_page(far_down(said)) == name, said
        assert outlets.from_page(far_down(said[:1])) is None, said  # one way alone
    # What is said of people too is not enough for a name that is not a publication's.
    assert outlets.from_page(far_down(["Follow Jane Doe on X", "More from Jane Doe"])) is None
    feeds = ["#Harbour Gazette » Feed Harbour Gazette » Comments Feed alternate"]
    assert outlets.from_page(dump_with([*feeds, "Harbour Gazette"], [])) == "Harbour Gazette"
    ads = ["How Do I Whitelist Quayside Observer?", "About Quayside Observer"]
    assert outlets.from_page(far_down(ads)) == "Quayside Observer"
    writer = [
        "Ana Ruiz (ana@theharbourreview.com) is the editor and publisher of The Harbour Review."
    ]
    assert outlets.from_page(far_down(writer)) == "The Harbour Review"
    alerts = ["KXYZ Breaking News Email Alerts", "KXYZ-TV FCC Public File"]
    assert outlets.from_page(far_down(alerts)) == "KXYZ"
    motto = ["HarbourGazette.com - The Harbour's News Source in English"]
    assert outlets.from_page(far_down(motto)) == "HarbourGazette.com"
    assert outlets.from_page(far_down(["Home - The Harbour's News Source"])) is None


def test_each_way_a_page_names_itself_is_a_whole_record() -> None:
    # Each rule carries its pattern, the words that let a line try it and what it means: a
    # rule's words must be lower case (lines are matched lowered) and its pattern name a group.
    for rule in outlets._SELF_NAMES:
        assert rule.words and all(word == word.lower() for word in rule.words), rule
        assert "n" in rule.rx.groupindex, rule
    assert sum(rule.site_only for rule in outlets._SELF_NAMES) == len(outlets._SITE_ONLY) > 10


def test_a_page_names_itself_by_initials_and_short_addresses() -> None:
    staff = ["By HBG staff", "By AP and HBG staff", "By HBG staff"]
    join = ["Join The Harbour Bay Gazette Community!"]
    assert outlets.from_page(far_down(staff)) is None
    assert outlets.from_page(far_down([*staff, *join])) == "Harbour Bay Gazette"
    # Initials that fit two names on the page count for neither.
    other = ["Join The Hill Bay Gazette Community!"]
    assert outlets.from_page(far_down([*staff, *join, *other])) is None
    # A two-letter site keeps its whole address as its name.
    assert outlets.from_page(far_down(["Search HG.com", "Best of HG.com"])) == "HG.com"
    # "®" before a year is a mistyped "©": the company holding it supports the name.
    week = ["More about The Quay", "® 2020 The Quay Publications Inc., All rights reserved."]
    assert outlets.from_page(far_down(week)) == "The Quay"
    mark = "Quay® and its logo are marks of Quay Publications Inc. All rights reserved."
    assert outlets.from_page(far_down(["More about The Quay", mark])) is None  # no year: a mark


def test_a_title_tail_that_reads_as_a_site_beats_a_place_after_a_pipe() -> None:
    title = "Two hurt in crash on I-95 | WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale"
    assert outlets.split_title(title) == ("Two hurt in crash on I-95", "WSVN 7News")
    assert outlets.split_title("Oscar picks | Vanity Fair") == ("Oscar picks", "Vanity Fair")


def test_a_screenshot_caption_is_never_the_headline() -> None:
    # The page's only headline-like line above the article is an image's caption.
    text = page_dump(ARTICLE).replace(
        "Council votes to close harbour bridge for repairs",
        "Screenshot from the council vote to close the harbour bridge",
    )
    a = text_article(text)
    assert a.title is not None and not a.title.startswith("Screenshot")
    assert a.provenance["title"] == "text"  # made from the lead, and shown as inferred
    assert [b.text for b in a.blocks] == ARTICLE
