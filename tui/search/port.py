"""The interface a search backend answers: written from what the app, the command line and the
core call on an index. ``tui.backend.open_backend`` gives one (today Whoosh's,
``tui.backend.whoosh``); ``tests/core/test_backend_contract.py`` is the suite any backend must
pass."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from tui.search.catalog import Entry, Listing, Progress, UpdateReport
from tui.search.results import RANKING, Ranking, SearchResult
from tui.store.background import StopSignal
from tui.store.corpus import Skipped


class Backend(Protocol):
    """One corpus's index: brought up to date with the corpus, searched, and read."""

    directory: Path
    skipped: list[Skipped]  # what the last update passed over, with the reasons

    # --- the catalog and updates -----------------------------------------------------------

    @property
    def catalog(self) -> dict[str, Entry]:
        """Every indexed article's metadata, by id (no text)."""
        ...

    def update(
        self,
        roots: tuple[Path, ...] | list[Path],
        patterns: tuple[str, ...] | list[str],
        max_bytes: int,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        procs: int | None = None,
        stop: StopSignal | None = None,
        wait: bool = True,
        full: bool = False,
    ) -> UpdateReport:
        """Bring the index in line with the corpus (raises ``IndexWriteError`` when the update
        cannot be written: the last complete index stays). Unless ``full``, a corpus whose
        folders have not changed since the last scan is not walked again."""
        ...

    def refresh(self) -> bool:
        """Pick up what another process committed; True when something changed."""
        ...

    def check(self) -> str | None:
        """Why the index on disk cannot be used as it is, or None."""
        ...

    def close(self) -> None: ...

    def listing(self) -> Listing:
        """Every article id newest first, and each topic's (without reading the catalog)."""
        ...

    def entry(self, article_id: str) -> Entry | None:
        """One article's catalog row (without reading the whole catalog)."""
        ...

    def article_count(self) -> int:
        """How many articles the index holds."""
        ...

    def known_id(self, article_id: str) -> str | None:
        """The id an article has now (an id written in an older form resolves too)."""
        ...

    def warnings(self) -> list[str]:
        """What reading the corpus found wrong, one line each."""
        ...

    # --- searching and reading -------------------------------------------------------------

    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        live: bool = False,
        ranking: Ranking = RANKING,
        order: str = "relevance",
        stop: StopSignal | None = None,
    ) -> SearchResult:
        """A query in the search language: ranked hits with snippets, totals, "did you mean"
        (``QueryError`` for a query that cannot run)."""
        ...

    def find_ids(self, text: str, limit: int) -> list[str]:
        """The ids ``search`` would rank first, without snippets."""
        ...

    def more_like(self, article_id: str, limit: int = 10) -> list[tuple[str, float]]:
        """The articles most like one, best first, with their scores."""
        ...

    def stored_text(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Each article's title and text as the index keeps them (no file read)."""
        ...

    def key_terms(self, ids: list[str], count: int = 8) -> list[str]:
        """The words that set these articles apart from the rest, as written."""
        ...

    def document_frequencies(self, stems: Iterable[str]) -> tuple[int, dict[str, int]]:
        """How many articles there are, and how many have each of these stems."""
        ...
