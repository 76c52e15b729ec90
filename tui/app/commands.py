"""App commands for the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Provider

from tui.text.literal import one_line, short
from tui.text.provenance import meta_line

if TYPE_CHECKING:
    from tui.app.app import BriefingApp


class BriefingCommands(Provider):
    """Open a briefing or an article, compare, search, rebuild the index."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("BriefingApp", self.app)
        commands: list[tuple[str, Callable[[], object], str]] = []
        for index, pane in enumerate(app.panes):
            commands.append(
                (
                    f"Open briefing: {one_line(pane.title)}",
                    partial(app.open_pane, index),
                    f"{len(pane.article_ids)} articles",
                )
            )
            for a, b in pane.compare:
                if app.ix is not None and a in app.ix.catalog and b in app.ix.catalog:
                    title_a = short(app.ix.catalog[a].title)
                    title_b = short(app.ix.catalog[b].title)
                    commands.append(
                        (
                            f"Compare: {title_a} ⇄ {title_b}",
                            partial(app.open_compare, a, b),
                            f"suggested by {one_line(pane.title)}",
                        )
                    )
        if app.current_article is not None:
            commands.append(
                (
                    "Compare the open article with the most similar from another source",
                    partial(app.compare_with_similar, app.current_article),
                    "uses the index's more-like-this",
                )
            )
        commands.append(("Search the full text", app.action_search, "/ (then ctrl+b: a briefing)"))
        commands.append(
            ("Stories: every event told by two or more sources", app.action_stories, "t")
        )
        commands.append(("Feeds: unread, last fetch, errors; add or remove", app.action_feeds, "F"))
        commands.append(("Next unread article", app.main.action_next_unread, "u"))
        commands.append(("Mark this pane read", app.main.action_mark_pane_read, "A"))
        commands.append(
            ("Only unread articles in the list (or all again)", app.main.action_only_unread, "l")
        )
        if app.undo_steps:
            commands.append(
                ("Undo the last change to a briefing", app.undo, f"ctrl+z: {app.undo_steps[-1][3]}")
            )
        if app.current_article is not None:
            commands.append(
                (
                    "Other sources on the open article's story",
                    partial(app.open_story, article_id=app.current_article),
                    "T",
                )
            )
        current = app.panes[app.current_pane] if app.panes else None
        if current is not None and current.kind == "curated" and current.path is not None:
            name = one_line(current.title)
            commands += [
                ("Export this briefing as Markdown", partial(app.export_briefing, "md"), name),
                ("Export this briefing as HTML", partial(app.export_briefing, "html"), name),
                ("Edit this briefing's summary", app.edit_summary, "e: in $EDITOR"),
                ("Add a keyword to this briefing", app.add_keyword, name),
                ("Remove a keyword from this briefing", app.remove_keyword, name),
                ("Rename this briefing", app.rename_briefing, name),
                ("Unpin the article here from this briefing", app.main.action_unpin, "P"),
                ("Delete this briefing (to the trash)", app.delete_briefing, name),
                ("Remove a clipping from this briefing", app.remove_clipping, name),
            ]
        commands.append(("Rebuild the index", app.action_rebuild_index, "start the index over"))
        commands.append(("Fetch feeds", app.action_fetch_feeds, "r: the feeds' new articles"))
        if app.ix is not None:
            for entry in app.ix.catalog.values():
                commands.append(
                    (
                        f"Open article: {one_line(entry.title)}",
                        partial(app.open_article, entry.id),
                        meta_line(entry.source, entry.date, entry.inferred, entry.id),
                    )
                )
        return commands

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for text, callback, help_text in self._commands():
            if not text.startswith("Open article: "):
                yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
