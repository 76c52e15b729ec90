"""The comparison as Rich: the command line's two-column table, summary and differences, and
the sentence texts (differing facts marked) that the app's comparison screen draws too."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui.compare.comparison import Comparison, Difference, Row, compare, folded, rows, word_changes
from tui.ingest.article import Article
from tui.render.rich_text import styled
from tui.store.config import Config
from tui.text.highlight import Keyword, find_spans
from tui.text.literal import json_text, one_line
from tui.text.provenance import meta_line

DIFF_STYLE = Style(color="black", bgcolor="#f94144", bold=True)
WORD_STYLE = Style(underline=True, italic=True)  # words changed inside an aligned pair


def mark_words(comparison: Comparison, row: Row, left: Text, right: Text, style: Style) -> None:
    """Underline the words an aligned pair changes, on both sides."""
    if row.kind != "pair" or row.similarity >= 0.999:
        return
    spans_a, spans_b = word_changes(comparison.passage("a", row.a), comparison.passage("b", row.b))
    for start, end in spans_a:
        left.stylize(style, start, end)
    for start, end in spans_b:
        right.stylize(style, start, end)


FactSpans = dict[int, list[tuple[int, int]]]  # sentence index -> (start, end) of each fact


def fact_line(diff: Difference, value_style: Style | str = "bold") -> Text:
    """One differing fact on one line, literal: "≠ killed  A 136 · B 183"; a difference of
    scope says what each side counts: "⊂ scope: killed  A 136 Koreans · B 183 workers"."""
    scope = diff.kind == "scope"
    text = Text("⊂ scope: " if scope else "≠ ", style="bold")
    text.append(one_line(diff.measure or ("" if scope else diff.kind)), style="italic")
    for side, value, of in (("A", diff.a, diff.a_value), ("B", diff.b, diff.b_value)):
        text.append(f"  {'·  ' if side == 'B' else ''}{side} ", style="dim")
        text.append(one_line(value), style=value_style)
        if scope and of is not None and of.counted:
            text.append(" " + one_line(of.counted))
    if scope:
        text.append("  (counts different things, not a dispute)", style="dim")
    return text


def fact_spans(comparison: Comparison, side: str) -> FactSpans:
    """Where the differing facts stand, per sentence index of one side."""
    out: FactSpans = {}
    for diff in comparison.differences:
        index, start, end = diff.a_at if side == "a" else diff.b_at
        out.setdefault(index, []).append((start, end))
    return out


def sentence_text(
    comparison: Comparison,
    side: str,
    indices: tuple[int, ...],
    marks: FactSpans,
    *,
    diff_style: Style = DIFF_STYLE,
    keywords: Iterable[Keyword] = (),
    search_stems: Iterable[str] = (),
    styles: dict[str, Style] | None = None,
) -> Text:
    """A run of sentences of one side, keywords and search terms highlighted, facts marked."""
    sentences = comparison.a_sentences if side == "a" else comparison.b_sentences
    kws, stems = list(keywords), frozenset(search_stems)
    out = Text()
    for k, index in enumerate(indices):
        if k:
            out.append(" ")
        sentence = sentences[index].text
        spans = find_spans(sentence, kws, stems) if kws or stems else ()
        piece = styled(sentence, spans, styles)
        for start, end in marks.get(index, []):
            piece.stylize(diff_style, start, end)
        out.append_text(piece)
    return out


def side_meta(article: Article) -> str:
    """Source · date under a side's title (``source unknown`` said, as the sides are compared)."""
    date = article.date.isoformat() if article.date else None
    return one_line(
        meta_line(article.source, date, article.inferred, unknown_source="source unknown")
    )


def print_comparison(
    a: Article,
    b: Article,
    config: Config,
    *,
    as_json: bool = False,
    out: Callable[[], Console] | None = None,
    corpus_idf: Callable[[str], float] | None = None,
) -> int:
    comparison = compare(a, b, corpus_idf=corpus_idf)
    if as_json:
        sys.stdout.write(json_text(comparison.to_json()) + "\n")
        return 0
    console = out() if out else Console(highlight=False)
    if comparison.notice:
        console.print(Text(comparison.notice, style="italic yellow"))
    console.print(
        Text.assemble(
            ("similarity ", "bold"),
            f"{comparison.similarity:.0%}",  # as the app shows it
            ("   pairs ", "bold"),
            str(len(comparison.pairs)),
            ("   only A ", "bold"),
            str(len(comparison.only_a)),
            ("   only B ", "bold"),
            str(len(comparison.only_b)),
        )
    )
    for name, terms in (
        ("shared", comparison.shared_terms),
        ("only A", comparison.only_a_terms),
        ("only B", comparison.only_b_terms),
    ):
        console.print(Text.assemble((f"{name}: ", "bold"), one_line(", ".join(terms))))
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column(
        Text("A  ") + styled(one_line(a.title), base="bold") + Text(f"\n{side_meta(a)}")
    )
    table.add_column(
        Text("B  ") + styled(one_line(b.title), base="bold") + Text(f"\n{side_meta(b)}")
    )
    marks_a, marks_b = fact_spans(comparison, "a"), fact_spans(comparison, "b")
    all_rows = folded(rows(comparison))
    row_of = {i: number for number, row in enumerate(all_rows, 1) for i in row.a}
    if comparison.differences:  # the facts lead, each with the row that shows it
        console.print(Text("Facts that differ", style="bold underline"))
        for diff in comparison.differences:
            line = fact_line(diff, DIFF_STYLE)
            line.append(f"   row {row_of.get(diff.a_at[0], '?')}", style="dim")
            console.print(line)
    for number, row in enumerate(all_rows, 1):
        left = sentence_text(comparison, "a", row.a, marks_a) if row.a else Text("")
        right = sentence_text(comparison, "b", row.b, marks_b) if row.b else Text("")
        mark_words(comparison, row, left, right, WORD_STYLE)
        many = f"{len(row.a) + len(row.b)} sentences " if len(row.a) + len(row.b) > 1 else ""
        if row.kind == "only_a":
            left.stylize("green")
            right = Text(f"{many}only in A", style="dim italic")
        elif row.kind == "only_b":
            right.stylize("cyan")
            left = Text(f"{many}only in B", style="dim italic")
        table.add_row(str(number), left, right)
    console.print(table)
    for side, names in (("A", comparison.names_only_a), ("B", comparison.names_only_b)):
        if names:
            console.print(
                Text.assemble((f"names only in {side}: ", "bold"), one_line(", ".join(names)))
            )
    return 0
