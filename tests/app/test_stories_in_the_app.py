"""Stories in the app: the Stories section, a story's view, other sources from the reader,
side by side in one key, and pinning a story to a briefing (Pilot, on the seeds)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.app_support import screen_text, settle, settled
from tests.conftest import write
from tui.app.screens.compare import CompareScreen
from tui.app.screens.prompt import ChoiceScreen
from tui.app.screens.stories import StoriesScreen, StoryScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader

A000, A001, A004 = "000_0b9c162a2c952b4e", "001_bfeed5d58f9e5359", "004_418a29abe9d5b535"


async def test_the_stories_section_lists_the_nara_visit_and_opens_it(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        listed = app.screen.query_one("#stories-list", OptionList)
        assert listed.option_count == 1  # the Nara visit; Tokyo and Andong stand alone
        text = screen_text(app)
        assert "3 sources" in text or "2 sources" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        story = app.screen.detail.story
        assert sorted(story.articles) == sorted([A000, A001, A004])
        shown = screen_text(app)
        assert "Coverage" in shown and "The Korea Herald" in shown and "AFP" in shown
        # any two of its sources side by side, in one key
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.a.id != app.screen.b.id
        assert {app.screen.a.id, app.screen.b.id} <= {A000, A001, A004}


async def test_other_sources_from_the_reader(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.open_article(A001)
        await settle(pilot)
        assert app.query_one(Reader).article is not None
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert A001 in app.screen.detail.story.articles
        # enter on an article of the story opens it in the reader, back on the main screen
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        reader = app.query_one(Reader)
        assert app.stories is not None
        story = app.stories.of_article(A001)
        assert story is not None
        assert reader.article is not None and reader.article.id in story.articles


async def test_an_article_alone_says_no_other_source(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.open_article("003_ff72b68d716462b9")  # Andong, months later: a story of its own
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert app.screen is app.main
        assert any("No other source" in str(n.message) for n in app._notifications)


async def test_a_briefing_pins_a_story(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        app.open_story(article_id=A000)
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        sid = app.screen.detail.story.id
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # the first briefing
        await settle(pilot)
        files = [p for p in app.panes if p.kind == "curated"]
        pinned = next(p for p in files if sid in p.stories)
        assert pinned.path is not None and sid in pinned.path.read_text(encoding="utf-8")
        assert {A000, A001, A004} <= set(pinned.article_ids)
        assert not [e for e in pinned.errors if "story" in e]


async def test_a_story_of_500_copies_opens_as_one_account(tmp_path: Path) -> None:
    corpus = tmp_path / "wire"
    body = (
        "Dock workers at the Port of Santos walked out on Tuesday, halting coffee exports. "
        "The union leader Marta Lima said the strike would last until wages rise. "
        "Coffee traders in Santos warned that shipments to Hamburg were already late. "
    ) * 3
    for k in range(500):
        write(
            corpus / f"copy{k:03}.md",
            f"---\ntitle: Santos dock strike\ndate: 2026-03-03\nsource: Paper {k}\n---\n{body}",
        )
    async with settled(tmp_path, corpus=corpus) as (app, pilot):
        app.open_story(article_id="copy000")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        detail = app.screen.detail
        assert len(detail.story.articles) == 500
        assert detail.read == ["copy000"]  # one account: read and compared once
        assert len(detail.story.copies) == 1
        await pilot.press("j", "j", "j")  # the list moves (500 rows drawn lazily)
        await pilot.pause()
        articles = app.screen.query_one("#story-articles", OptionList)
        assert articles.highlighted == 3


async def test_other_sources_from_the_article_list(tmp_path: Path) -> None:
    async with settled(tmp_path) as (app, pilot):
        table = app.query_one(ArticleList)
        table.focus()
        await pilot.pause()
        seen: list[str | None] = []
        while table.current_id != A004 and len(seen) < 5:  # down the list to the Herald's
            seen.append(table.current_id)
            await pilot.press("j")
            await pilot.pause()
        assert table.current_id == A004
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert A004 in app.screen.detail.story.articles
