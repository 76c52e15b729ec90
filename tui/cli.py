"""The ``briefing`` command: the app, and a command-line twin of every view.

Exit status: 0 on success, 2 for a usage or configuration error, 1 for anything else. Errors
go to stderr as one line; ``--json`` documents go to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tui.backend import open_backend
from tui.search.catalog import IndexError_, IndexWriteError, UpdateReport
from tui.search.port import Backend
from tui.store.config import Config, ConfigError, load_config
from tui.store.errors import Failed
from tui.text.literal import json_text, one_line, shown_path

if TYPE_CHECKING:  # each command imports what it uses: `briefing search --json` stays quick
    from rich.console import Console, Group

    from tui.briefings.briefing import Pane
    from tui.ingest.article import Article


class UsageError(Exception):
    """Exit status 2: the user asked for something that cannot be (unknown id, bad query)."""


def _fail(message: str, status: int) -> NoReturn:
    from rich.console import Console
    from rich.text import Text

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(Text(f"briefing: error: {one_line(message)}"))
    raise SystemExit(status)


# --- shared set-up --------------------------------------------------------------------------


def load_settings(args: argparse.Namespace) -> Config:
    config = load_config(args.config, required=args.config is not None)
    if args.corpus is not None:
        briefings = args.briefings.resolve() if args.briefings else None
        config = config.with_corpus(args.corpus, briefings)
    elif args.briefings is not None:
        config = replace(config, briefings=args.briefings.resolve())
    config.check_paths()
    return config


@contextmanager
def _progress_bar(enabled: bool, label: str = "indexing") -> Iterator[Any]:
    """A Rich progress bar on stderr when it is a terminal; a no-op callback otherwise."""
    if not enabled:  # --json: Rich is not even imported
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    progress = Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),  # a URL or title: literal
        console=console,
        transient=True,
    )
    task = None

    def report(done: int, total: int, message: str) -> None:
        nonlocal task
        if total == 0:
            console.print(Text(message, style="yellow"))
            return
        if task is None:
            progress.start()
            task = progress.add_task("", total=total)
        progress.update(task, completed=done, total=total, description=one_line(message)[-40:])

    try:
        yield report
    finally:
        progress.stop()


def open_index(
    config: Config,
    *,
    rebuild: bool = False,
    progress: bool = True,
    wait: bool = False,
    must_update: bool = False,
    full: bool = False,
) -> tuple[Backend, UpdateReport]:
    """The index, brought up to date with the corpus first (unless another process is
    writing it: then the index as it is, with a notice; ``wait`` waits for that writer).
    When the update cannot be written (a full disk), the last complete index is used, with a
    warning, unless ``must_update`` (``briefing index``): then that is the error."""
    ix = open_backend(config.resolved_index_dir)
    try:
        with _progress_bar(progress) as report:
            result = ix.update(
                config.roots,
                config.patterns,
                config.max_article_bytes,
                rebuild=rebuild,
                progress=report,
                wait=wait,
                full=full,
            )
    except IndexWriteError as exc:
        if must_update or ix.check() is not None:
            raise
        result = UpdateReport()
        result.notices.append(str(exc))
    if result.notices:
        from rich.console import Console
        from rich.text import Text

        err = Console(stderr=True, highlight=False, soft_wrap=True)
        for notice in result.notices:
            err.print(Text(f"briefing: {one_line(notice)}", style="yellow"))
    return ix, result


def _print_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def _out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


# --- sub-commands -----------------------------------------------------------------------------


def cmd_index(args: argparse.Namespace, config: Config) -> int:
    from rich.table import Table
    from rich.text import Text

    _, report = open_index(
        config, rebuild=args.rebuild, full=args.full, wait=True, must_update=True
    )
    if args.json:
        _print_json(report.to_json())
        return 0
    out = _out()
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for name in ("added", "updated", "removed", "unchanged", "skipped"):
        table.add_column(name, justify="right")
    table.add_row(
        str(report.added),
        str(report.updated),
        str(report.removed),
        str(report.unchanged),
        str(len(report.skipped)),
    )
    out.print(table)
    for skipped in report.skipped:
        line = Text(
            f"skipped {shown_path(skipped.path)}: {one_line(skipped.reason)}", style="yellow"
        )
        out.print(line, soft_wrap=True)
    for warning in report.warnings:
        out.print(Text(f"warning: {one_line(warning)}", style="yellow"), soft_wrap=True)
    return 0


def cmd_search(args: argparse.Namespace, config: Config) -> int:
    from tui.search.results import QueryError

    ix, _ = open_index(config, progress=not args.json)
    try:
        result = ix.search(args.query, limit=args.limit)
    except QueryError as exc:
        raise UsageError(f"query {args.query!r}: {exc}") from None
    muted: set[str] = set()
    if config.mute:  # found all the same, marked as what mute: keeps out of view
        from tui.library import muted_ids

        muted = muted_ids(config, ix)[0]
    if args.json:
        doc = result.to_json()
        for hit in doc["results"]:
            hit["muted"] = hit["id"] in muted
        _print_json(doc)
        return 0
    from rich.text import Text

    from tui.render.rich_text import configured_styles, styled

    out = _out()
    styles = configured_styles([], config.highlight)
    out.print(Text.assemble((f"{result.count_text()} for ", "bold"), one_line(args.query)))
    if notice := result.notice():
        out.print(Text(notice, style="italic"))
    if result.suggestion:
        out.print(
            Text.assemble(("did you mean: ", "italic"), (one_line(result.suggestion), "bold"))
        )
    for rank, hit in enumerate(result.hits, 1):
        meta = hit.meta_line()
        head = Text.assemble((f"{rank:>2}. ", "bold"))
        head.append_text(styled(one_line(hit.title), hit.title_spans, styles, base="bold"))
        if hit.id in muted:
            head.append("  (muted)", style="dim")
        out.print(head)
        out.print(Text("    " + one_line(meta), style="dim"))
        snippet = styled(hit.snippet.text, hit.snippet.spans, styles)
        out.print(Text("    ") + snippet)
    return 0


def _article(ix: Backend, config: Config, article_id: str) -> Article:
    from tui.ingest.article import SkipFile
    from tui.library import read_article

    entry = ix.entry(_known(ix, article_id))
    if entry is None:  # known a moment ago: removed since by another run
        raise _unknown(article_id)
    try:
        return read_article(config, entry)
    except SkipFile as exc:
        raise Failed(f"{entry.path}: {exc}") from None


def _known(ix: Backend, article_id: str) -> str:
    """The article's id as the index has it now (an id in an older form resolves too)."""
    known = ix.known_id(article_id)
    if known is None:
        raise _unknown(article_id)
    return known


def _unknown(article_id: str) -> UsageError:
    return UsageError(f"unknown article id {article_id!r} (try: briefing search QUERY)")


def render_article(article: Article, keywords: list[str], config: Config) -> Group:
    from rich.console import Group
    from rich.text import Text

    from tui.render.rich_text import block_text, configured_styles, styled
    from tui.text.highlight import Keyword, find_spans

    styles = configured_styles(keywords, config.highlight)
    kws = [Keyword.of(k) for k in keywords]
    parts: list[Any] = [styled(article.title, find_spans(article.title, kws), styles, base="bold")]
    parts.append(Text(one_line(article.meta_line()), style="dim"))
    for block in article.blocks:
        parts.append(Text(""))
        parts.append(block_text(block, find_spans(block.text, kws), styles))
    for part in parts:  # styled() makes pieces to join (end=""); here each is its own line
        part.end = "\n"
    return Group(*parts)


def cmd_show(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from rich.text import Text

    from tui.library import curated_panes, keywords_for

    ix, _ = open_index(config, progress=not args.json)
    article = _article(ix, config, args.id)
    if args.json:
        _print_json(article.to_json())
        return 0
    panes = curated_panes(config, ix)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for error in (e for pane in panes for e in pane.errors):
        err.print(Text(f"briefing: warning: {one_line(error)}", style="yellow"))
    _out().print(render_article(article, keywords_for(article.id, panes), config))
    return 0


def cmd_briefings(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.library import load_panes

    ix, _ = open_index(config, progress=not args.json)
    panes = load_panes(config, ix)
    errors = [error for pane in panes for error in pane.errors]
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for error in errors:
        err.print(Text(f"briefing: error: {one_line(error)}"))
    if args.json:
        docs = []
        for pane in panes:
            doc = pane.to_json()
            if pane.kind == "topic" and not pane.keywords:  # what the table shows, named so
                doc["key_terms"] = ix.key_terms(pane.article_ids)
            docs.append(doc)
        _print_json(docs)
        return 2 if errors else 0
    out = _out()
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("briefing")
    table.add_column("kind")
    table.add_column("articles", justify="right")
    table.add_column("keywords / key terms")
    for pane in panes:
        terms = pane.keywords or (ix.key_terms(pane.article_ids) if pane.kind == "topic" else [])
        table.add_row(
            Text(one_line(pane.title)),
            pane.kind,
            str(len(pane.article_ids)),
            Text(one_line(", ".join(terms))),
        )
    out.print(table)
    return 2 if errors else 0


def cmd_compare(args: argparse.Namespace, config: Config) -> int:
    from tui.library import corpus_idf
    from tui.render.compare_view import print_comparison

    ix, _ = open_index(config, progress=not args.json)
    a = _article(ix, config, args.id_a)
    b = _article(ix, config, args.id_b)
    return print_comparison(a, b, config, as_json=args.json, corpus_idf=corpus_idf(ix, a, b))


def find_briefing(panes: list[Pane], name: str) -> Pane:
    """A curated briefing by its file name ("history-track") or its title, whole or a unique
    part of it, case aside."""
    curated = [p for p in panes if p.kind == "curated"]
    want = name.casefold().strip()
    for pane in curated:
        stem = pane.path.stem.casefold() if pane.path else ""
        if want in (stem, pane.title.casefold()):
            return pane
    partial = [p for p in curated if want and want in p.title.casefold()]
    if len(partial) == 1:
        return partial[0]
    names = ", ".join(p.path.stem if p.path else p.title for p in curated) or "none"
    what = "several briefings match" if partial else "no briefing named"
    raise UsageError(f"{what} {name!r} (briefings: {one_line(names)})")


def cmd_facts(args: argparse.Namespace, config: Config) -> int:
    from rich.style import Style
    from rich.text import Text

    from tui.library import pane_disputes
    from tui.render.rich_text import styled

    fact_style = Style(bold=True, reverse=True)

    ix, pane = _curated(config, args.briefing, progress=not args.json)
    disputes = pane_disputes(config, ix, pane)
    if args.json:
        _print_json(
            {
                "briefing": pane.title,
                "path": str(pane.path) if pane.path else None,
                "articles": len(pane.article_ids),
                "disputes": [d.to_json() for d in disputes],
            }
        )
        return 0
    out = _out()
    head = Text.assemble((one_line(pane.title), "bold"))
    count = len(disputes)
    head.append(
        f"  {len(pane.article_ids)} articles · "
        f"{count or 'no'} disputed fact{'s' if count != 1 else ''}",
        style="dim",
    )
    out.print(head)
    for dispute in disputes:
        out.print(Text(""))
        out.print(
            Text.assemble(("≠ ", "bold"), (one_line(dispute.measure or dispute.kind), "bold"))
        )
        for group in dispute.values:
            for k, statement in enumerate(group):
                line = Text("  ")
                line.append(f"{one_line(group[0].value) if k == 0 else '':<12}", style="bold")
                line.append(" " + one_line(statement.source or "source unknown"))
                line.append(f" ({statement.article_id})", style="dim")
                out.print(line)
                quote = Text("      “", style="dim")
                sentence = styled(statement.sentence)
                sentence.stylize(fact_style, statement.start, statement.end)
                quote.append_text(sentence)
                quote.append("”", style="dim")
                out.print(quote)
        out.print(
            Text(f"  compare: briefing compare {dispute.pair[0]} {dispute.pair[1]}", style="dim")
        )
    return 0


def _stories(config: Config, *, progress: bool) -> tuple[Backend, Any]:
    from rich.console import Console
    from rich.text import Text

    from tui.library import load_stories, muted_ids

    ix, _ = open_index(config, progress=progress)
    stories = load_stories(ix, muted=muted_ids(config, ix)[0])
    if stories.notice:
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        err.print(Text(f"briefing: {one_line(stories.notice)}", style="yellow"))
    return ix, stories


def _outlets(story: Any) -> str:
    names = [one_line(s) for s in story.sources]
    if story.unknown_sources:
        names.append(f"{story.unknown_sources} of unknown outlet")
    return ", ".join(names)


def cmd_stories(args: argparse.Namespace, config: Config) -> int:
    from rich.table import Table
    from rich.text import Text

    from tui.library import date_span

    if args.min_sources < 1:
        raise UsageError("--min-sources must be 1 or more")
    _ix, stories = _stories(config, progress=not args.json)
    shown = stories.shown(args.min_sources)
    if args.json:
        _print_json({"stories": [s.to_json() for s in shown]})
        return 0
    out = _out()
    if not shown:
        out.print(Text(f"no story told by {args.min_sources} or more sources", style="dim"))
        return 0
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("story")
    table.add_column("headline")
    table.add_column("articles", justify="right")
    table.add_column("sources")
    table.add_column("dates")
    for story in shown:
        table.add_row(
            Text(story.id),
            Text(one_line(story.title)),
            Text(str(len(story.articles))),
            Text(_outlets(story)),
            Text(date_span(story.first, story.last)),
        )
    out.print(table)
    return 0


def cmd_story(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from tui.library import date_span, story_detail

    ix, stories = _stories(config, progress=not args.json)
    story = stories.find(args.id)
    if story is None:
        article = ix.known_id(args.id)  # an article's id names the story it is in
        story = stories.of_article(article) if article else None
    if story is None:
        raise UsageError(f"unknown story id {args.id!r} (briefing stories lists them)")
    detail = story_detail(config, ix, stories, story)
    catalog = ix.catalog
    if args.json:
        doc = story.to_json()
        doc["entries"] = [
            {"id": e.id, "title": e.title, "source": e.source, "date": e.date}
            for e in detail.entries
        ]
        doc["coverage"] = [{"date": d, "sources": o} for d, o in detail.coverage]
        doc["only_one_source"] = [x.to_json() for x in detail.exclusive]
        doc["disputes"] = [d.to_json() for d in detail.disputes]
        doc["problems"] = detail.problems
        _print_json(doc)
        return 0
    out = _out()
    out.print(Text(one_line(story.title), style="bold"))
    out.print(
        Text(
            f"{story.id} · {len(story.articles)} articles · {story.source_count} sources · "
            f"{date_span(story.first, story.last)}",
            style="dim",
        )
    )
    out.print(Text("\nCoverage", style="bold"))
    for day, outlets in detail.coverage:
        out.print(Text(f"  {day or 'undated':<10}  {', '.join(one_line(o) for o in outlets)}"))
    copies = {i: c for c in story.copies for i in c[1:]}
    out.print(Text("\nArticles", style="bold"))
    for e in detail.entries:
        line = Text(f"  {e.date or 'undated':<10}  ")
        line.append(one_line(e.source or "source unknown"), style="bold")
        line.append(f"  {one_line(e.title)}")
        line.append(f"  ({e.id})", style="dim")
        if e.id in copies:
            line.append(f"  same text as {copies[e.id][0]}", style="dim")
        out.print(line)
    if detail.exclusive:
        out.print(Text("\nOnly one source reports", style="bold"))
        for x in detail.exclusive:
            out.print(Text(f"  {one_line(x.source or catalog[x.article_id].title)}", style="bold"))
            if x.names:
                out.print(Text("    names: " + ", ".join(one_line(n) for n in x.names)))
            for sentence in x.sentences:
                out.print(Text(f"    “{one_line(sentence)}”"))
    if detail.disputes:
        out.print(Text("\nSources disagree", style="bold"))
        for d in detail.disputes:
            out.print(Text(f"  ≠ {one_line(d.summary())}"))
    for problem in detail.problems:
        out.print(Text(f"briefing: warning: {one_line(problem)}", style="yellow"))
    return 0


def cmd_unread(args: argparse.Namespace, config: Config) -> int:
    from rich.table import Table
    from rich.text import Text

    from tui.library import muted_ids
    from tui.search.catalog import newest_first
    from tui.store.reading import ReadState, read_state_path

    ix, _ = open_index(config, progress=not args.json)
    read = ReadState(read_state_path(config.resolved_index_dir))
    muted, _ = muted_ids(config, ix)
    catalog = ix.catalog
    ids = newest_first([i for i in catalog if i not in muted and not read.is_read(i)], catalog)
    if args.json:
        _print_json(
            {
                "total": len(ids),
                "articles": [
                    {
                        "id": i,
                        "title": catalog[i].title,
                        "source": catalog[i].source,
                        "date": catalog[i].date,
                    }
                    for i in ids
                ],
            }
        )
        return 0
    out = _out()
    if not ids:
        out.print(Text("nothing unread", style="dim"))
        return 0
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("date", "source", "title", "id"):
        table.add_column(name)
    for i in ids:
        e = catalog[i]
        table.add_row(
            Text(e.date or "—"), Text(one_line(e.source or "—")), Text(one_line(e.title)), Text(i)
        )
    out.print(table)
    out.print(Text(f"{len(ids)} unread", style="dim"))
    return 0


def cmd_mark(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from rich.text import Text

    from tui.store.reading import ReadState, read_state_path

    if args.all == bool(args.ids):
        raise UsageError("name the articles to mark, or --all (with --topic T for one topic)")
    if args.topic and not args.all:
        raise UsageError("--topic goes with --all")
    ix, _ = open_index(config, progress=False)
    catalog = ix.catalog
    if args.all:
        want = args.topic.casefold() if args.topic else None
        ids = [
            i
            for i, e in catalog.items()
            if want is None or any(t.casefold() == want for t in e.topics)
        ]
        if want is not None and not ids:
            topics = sorted({t for e in catalog.values() for t in e.topics}, key=str.casefold)
            raise UsageError(f"no topic {args.topic!r} (topics: {', '.join(topics) or 'none'})")
    else:
        ids = [_known(ix, i) for i in args.ids]
    read = ReadState(read_state_path(config.resolved_index_dir))
    changed = read.mark(ids, read=args.state == "read")
    if read.problem:
        raise Failed(read.problem)
    Console(stderr=True, highlight=False).print(
        Text(f"marked {changed} {args.state} ({len(ids) - changed} already were)")
    )
    return 0


# --- curating and exporting ------------------------------------------------------------


def _curated(config: Config, name: str, *, progress: bool = False) -> tuple[Backend, Pane]:
    """The index and the curated briefing ``name`` names (a usage error when none does)."""
    from tui.library import load_panes

    ix, _ = open_index(config, progress=progress)
    pane = find_briefing(load_panes(config, ix), name)
    return ix, pane


def _changed(path: Path, what: str) -> int:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True, highlight=False).print(Text(f"{shown_path(path)}: {what}"))
    return 0


def _file(pane: Pane) -> Path:
    if pane.path is None:
        raise UsageError(f"{pane.title!r} is not a briefing file")
    return pane.path


def cmd_new(args: argparse.Namespace, config: Config) -> int:
    from tui.briefings.curate import CurateError, keywords_of_query, new_briefing
    from tui.search.results import QueryError

    if config.briefings is None:
        raise UsageError("no briefings folder: set briefings: in config.yaml or pass --briefings")
    ix, _ = open_index(config, progress=False)
    pins = [_known(ix, article_id) for article_id in args.pin or []]
    if args.query:
        try:
            ix.find_ids(args.query, 1)
        except QueryError as exc:
            raise UsageError(f"query does not parse: {exc}") from None
    keywords = args.keyword or (keywords_of_query(args.query) if args.query else [])
    try:
        path = new_briefing(
            config.briefings, args.title, query=args.query, keywords=keywords, articles=pins
        )
    except CurateError as exc:
        raise UsageError(str(exc)) from None
    _print_json({"path": str(path)}) if args.json else print(path)
    return 0


def _apply(ix: Backend, pane: Pane, change: Callable[[Any], bool], said: str) -> int:
    """Make the change to the briefing file (saved only when it changed); say so on stderr."""
    from tui.briefings.curate import CurateError, change_file

    path = _file(pane)
    try:
        done = change_file(path, change, ix.known_id)
    except CurateError as exc:
        raise UsageError(str(exc)) from None
    return _changed(path, said if done else "unchanged")


def cmd_pin(args: argparse.Namespace, config: Config) -> int:
    ix, pane = _curated(config, args.briefing)
    if args.story:
        if args.remove:
            return _apply(ix, pane, lambda bf: bf.unpin_story(args.id), f"unpinned {args.id}")
        from tui.library import load_stories

        story = load_stories(ix).find(args.id)
        if story is None:
            raise UsageError(f"unknown story id {args.id!r} (briefing stories lists them)")
        return _apply(ix, pane, lambda bf: bf.pin_story(story.id), f"pinned story {story.id}")
    if args.remove:  # the id as written, or the article it names now
        written = {args.id, ix.known_id(args.id) or args.id}
        return _apply(ix, pane, lambda bf: bf.unpin(*written), f"unpinned {args.id}")
    article_id = _known(ix, args.id)
    return _apply(ix, pane, lambda bf: bf.pin(article_id), f"pinned {article_id}")


def cmd_keyword(args: argparse.Namespace, config: Config) -> int:
    ix, pane = _curated(config, args.briefing)
    if args.remove:
        return _apply(ix, pane, lambda bf: bf.remove_keyword(args.word), f"removed {args.word!r}")
    return _apply(ix, pane, lambda bf: bf.add_keyword(args.word), f"added keyword {args.word!r}")


def cmd_clip(args: argparse.Namespace, config: Config) -> int:
    from tui.briefings.curate import passage_in

    ix, pane = _curated(config, args.briefing)
    article = _article(ix, config, args.id)
    passage = passage_in(article.text, args.text)
    if passage is None:
        raise UsageError(f"{args.id}: the article does not contain that passage word for word")
    return _apply(
        ix,
        pane,
        lambda bf: bf.clip(article.id, passage),
        f"clipped {len(passage)} characters of {article.id}",
    )


def cmd_edit(args: argparse.Namespace, config: Config) -> int:
    from tui.briefings.curate import BriefingFile, CurateError, edit_in_editor, editor, save_summary

    _, pane = _curated(config, args.briefing)
    try:
        bf = BriefingFile.open(_file(pane))
        status, text = edit_in_editor(bf.body)
        if status != 0:
            raise UsageError(f"{editor()} exited with status {status}; the summary is unchanged")
        said = save_summary(bf, text)
    except CurateError as exc:
        raise UsageError(str(exc)) from None
    return _changed(bf.path, said)


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from rich.text import Text

    from tui.briefings.export import to_html, to_markdown
    from tui.library import briefing_document
    from tui.store.atomic import write_atomic

    ix, pane = _curated(config, args.briefing)
    doc, problems = briefing_document(config, ix, pane)
    err = Console(stderr=True, highlight=False)
    for problem in problems:
        err.print(Text(f"briefing: warning: {one_line(problem)}"))
    text = to_html(doc) if args.format == "html" else to_markdown(doc)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; -o takes the name of a file")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; pass --force to replace it")
    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        raise Failed(f"{out}: not written: {exc.strerror or exc}") from None
    return _changed(out, f"exported {args.format} ({len(doc.sources)} sources)")


def cmd_fetch(args: argparse.Namespace, config: Config) -> int:
    from rich.text import Text

    from tui.feeds.fetch import fetch

    feeds = [f for f in config.feeds if not args.feed or args.feed in (f.name, f.url)]
    if not feeds:
        wanted = f" named {args.feed!r}" if args.feed else ""
        raise UsageError(f"no feed{wanted} in the config: list them under 'feeds:' in config.yaml")
    folder = config.resolved_fetched_dir
    with _progress_bar(not args.json, label="fetching") as report:
        reports = fetch(feeds, folder, limits=config.fetch, progress=report)
    _, update = open_index(config, progress=not args.json, wait=True)
    new = sum(r.new for r in reports)
    unchanged = sum(r.unchanged for r in reports)
    later = sum(r.later for r in reports)
    failed = [f"{r.feed.label}: {r.error}" for r in reports if r.error]
    failed += [f"{r.feed.label}: {line}" for r in reports for line in r.failed]
    # 1 when no feed could be read at all (a cron job notices); the lines say which failed
    status = 1 if reports and all(r.error for r in reports) else 0
    if args.json:
        _print_json(
            {
                "new": new,
                "unchanged": unchanged,
                "later": later,
                "failed": failed,
                "feeds": [r.to_json() for r in reports],
                "folder": shown_path(folder),
                "index": update.to_json(),
            }
        )
        return status
    out = _out()
    summary = f"{new} new · {unchanged} unchanged · {len(failed)} failed"
    if later:
        summary += f" · {later} left for the next fetch"
    out.print(Text(summary, style="bold"))
    for line in failed:
        out.print(Text(f"failed {one_line(line)}", style="yellow"), soft_wrap=True)
    return status


def _config_file(args: argparse.Namespace, config: Config) -> Path:
    """The config file a change is written to: the one read, else ./config.yaml (new)."""
    if config.source is not None:
        return config.source
    if getattr(args, "corpus", None) is not None:
        raise UsageError("feeds are kept in config.yaml: run without --corpus (or --config FILE)")
    return Path("config.yaml").resolve()


def cmd_feeds_import(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from rich.text import Text

    from tui.feeds.opml import OpmlError, read_opml
    from tui.feeds.subscriptions import SubscriptionError, add_feeds

    if args.file is None:
        raise UsageError("feeds import needs the OPML file: briefing feeds import FILE")
    try:
        feeds = read_opml(args.file.read_bytes(), args.file)
    except OSError as exc:
        raise UsageError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    except OpmlError as exc:
        raise UsageError(str(exc)) from None
    target = _config_file(args, config)
    try:
        added, skipped = add_feeds(target, feeds)
    except SubscriptionError as exc:
        raise Failed(str(exc)) from None
    if args.json:
        _print_json(
            {
                "config": str(target),
                "added": [f.url for f in added],
                "skipped": [f.url for f in skipped],
            }
        )
        return 0
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for feed in added:
        err.print(Text(f"added {one_line(feed.label)} ({one_line(feed.url)})"))
    for feed in skipped:
        err.print(
            Text(f"skipped {one_line(feed.url)}: already in {shown_path(target)}", style="dim")
        )
    err.print(Text(f"{len(added)} added, {len(skipped)} skipped · {shown_path(target)}"))
    return 0


def cmd_feeds(args: argparse.Namespace, config: Config) -> int:
    from rich.table import Table
    from rich.text import Text

    if args.action == "import":
        return cmd_feeds_import(args, config)
    if args.action == "export":
        from tui.feeds.opml import write_opml

        sys.stdout.write(write_opml(list(config.feeds)))
        return 0
    if args.file is not None:
        raise UsageError(f"unexpected {args.file}: feeds import FILE, or feeds export")

    from tui.feeds.fetch import status

    rows = status(list(config.feeds), config.resolved_fetched_dir)
    if args.json:
        _print_json(rows)
        return 0
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("feed", "topic", "last fetch", "stored", "last error"):
        table.add_column(name, justify="right" if name == "stored" else "left")
    for row in rows:
        table.add_row(
            Text(one_line(row["feed"])),
            Text(one_line(row["topic"] or "—")),
            row["last_fetch"] or "never",
            str(row["stored"]),
            Text(one_line(row["last_error"] or "—")),
        )
    _out().print(table)
    return 0


def cmd_app(args: argparse.Namespace, config: Config) -> int:
    from tui.app.app import make_app

    make_app(config).run()
    return 0


# --- parsing --------------------------------------------------------------------------------


def _common(default: object) -> argparse.ArgumentParser:
    """The options every command takes; sub-commands use SUPPRESS so they don't reset them."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", type=Path, default=default, help="config file (default: ./config.yaml)"
    )
    common.add_argument(
        "--corpus", type=Path, default=default, help="use this folder of articles instead"
    )
    common.add_argument(
        "--briefings",
        type=Path,
        default=default,
        help="folder of curated briefings (with --corpus: none unless given)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="A terminal reader for news briefings. With no command, opens the app.",
        parents=[_common(None)],
    )
    common = _common(argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", parents=[common], help="bring the index up to date")
    p.add_argument("--rebuild", action="store_true", help="start the index over")
    p.add_argument(
        "--full",
        action="store_true",
        help="compare every file, not only the folders that changed (finds a file "
        "written over in place)",
    )
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", parents=[common], help="ranked results with snippets")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", parents=[common], help="one article, keywords highlighted")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("briefings", parents=[common], help="briefings and topic panes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_briefings)

    p = sub.add_parser("compare", parents=[common], help="two articles side by side")
    p.add_argument("id_a")
    p.add_argument("id_b")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("stories", parents=[common], help="the same event across sources")
    p.add_argument("--min-sources", type=int, default=2, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("story", parents=[common], help="one story: coverage, what differs")
    p.add_argument("id", help="a story id (or an article's: the story it is in)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_story)

    p = sub.add_parser("unread", parents=[common], help="the articles not yet read")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_unread)

    p = sub.add_parser("mark", parents=[common], help="mark articles read or unread")
    p.add_argument("state", choices=["read", "unread"])
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="every article (or one topic's)")
    p.add_argument("--topic", help="with --all: only this topic's articles")
    p.set_defaults(func=cmd_mark)

    p = sub.add_parser("facts", parents=[common], help="the facts a briefing's sources disagree on")
    p.add_argument("briefing", help="the briefing's file name (history-track) or title")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("new", parents=[common], help="a new briefing (from a search)")
    p.add_argument("title")
    p.add_argument("--query", help="the search whose hits the briefing holds")
    p.add_argument("--keyword", action="append", help="a keyword (default: the query's words)")
    p.add_argument("--pin", action="append", metavar="ID", help="an article to pin")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("pin", parents=[common], help="pin an article (or a story) to a briefing")
    p.add_argument("briefing")
    p.add_argument("id")
    p.add_argument("--story", action="store_true", help="ID is a story's: pin all its articles")
    p.add_argument("--remove", action="store_true", help="unpin it")
    p.set_defaults(func=cmd_pin)

    p = sub.add_parser("keyword", parents=[common], help="add a keyword to a briefing")
    p.add_argument("briefing")
    p.add_argument("word")
    p.add_argument("--remove", action="store_true", help="remove it")
    p.set_defaults(func=cmd_keyword)

    p = sub.add_parser("clip", parents=[common], help="keep a passage of an article as a quote")
    p.add_argument("briefing")
    p.add_argument("id")
    p.add_argument("text", help="the passage, word for word as the article has it")
    p.set_defaults(func=cmd_clip)

    p = sub.add_parser("edit", parents=[common], help="edit a briefing's summary in $EDITOR")
    p.add_argument("briefing")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("export", parents=[common], help="a briefing as Markdown or HTML")
    p.add_argument("briefing")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("-o", "--output", help="write to this file (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace the output file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("fetch", parents=[common], help="fetch the feeds' new articles")
    p.add_argument("--feed", help="only the feed with this name or URL")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser(
        "feeds",
        parents=[common],
        help="the feeds, last fetch, counts, errors; import or export OPML",
        description="With no action, the feeds. `feeds import FILE` adds an OPML file's feeds "
        "to config.yaml (folders become topics); `feeds export` prints OPML 2.0.",
    )
    p.add_argument("action", nargs="?", choices=["import", "export"])
    p.add_argument("file", nargs="?", type=Path, help="the OPML file to import")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_feeds)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "limit", 1) < 1:
        parser.error("--limit must be at least 1")
    try:
        config = load_settings(args)
        func = getattr(args, "func", cmd_app)
        return func(args, config)
    except (IndexWriteError, Failed) as exc:  # a full disk, a bad file, a missing library
        _fail(str(exc), 1)
    except (ConfigError, UsageError, IndexError_) as exc:
        _fail(str(exc), 2)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        _fail(f"{type(exc).__name__}: {exc}", 1)


if __name__ == "__main__":
    raise SystemExit(main())
