"""Briefings: front matter validated with file:line errors, panes resolved against the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BRIEFINGS, write
from tui.backend.whoosh.index import ArticleIndex
from tui.briefings.briefing import build_panes, load_briefings, parse_briefing, resolve
from tui.store.config import Config

A000, A001, A004 = "000_0b9c162a2c952b4e", "001_bfeed5d58f9e5359", "004_418a29abe9d5b535"


def test_the_bundled_briefings_load_cleanly(seed_index: ArticleIndex) -> None:
    briefings = load_briefings(BRIEFINGS)
    assert len(briefings) >= 3
    orders = [b.order if b.order is not None else 0 for b in briefings]  # 0: no order given
    assert orders == sorted(orders)
    panes = build_panes(briefings, seed_index)
    for pane in panes:
        assert pane.errors == [], pane.errors
    first = panes[0]
    assert first.title == "Korea–Japan shuttle diplomacy"
    assert "Takaichi" in first.keywords and first.compare
    assert first.summary.strip().startswith("President **Lee Jae Myung**")


def test_pinned_articles_come_first_then_query_hits(
    seed_index: ArticleIndex, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "b.md",
        f"---\ntitle: T\nquery: Chosei\narticles: [{A001}, {A004}]\n---\nSummary\n",
    )
    pane = resolve(parse_briefing(path.read_text(), path), seed_index)
    assert pane.article_ids == [A001, A004, A000]  # 000 mentions Chosei too; no duplicates


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("title: T\ncolour: red\n", 3, "unknown key 'colour'"),
        ("title: T\nkeywords: {a: b}\n", 3, "keywords must be a list of strings"),
        ("title: T\ncompare: [[a]]\n", 3, "compare must be a list of [id, id] pairs"),
        ("title: T\norder: first\n", 3, "order must be a whole number"),
        ("title: T\nquery: (Chosei\n", 3, "query does not parse"),
        ("title: [unclosed\n", 2, "front matter is not valid YAML"),
        ("keywords: [a]\n", 1, "title is required"),
    ],
)
def test_errors_name_the_file_and_line(tmp_path: Path, front: str, line: int, message: str) -> None:
    path = write(tmp_path / "bad.md", f"---\n{front}---\nSummary.\n")
    b = parse_briefing(path.read_text(), path)
    matching = [e for e in b.errors if message in e]
    assert matching, b.errors
    if line > 1:
        assert matching[0].startswith(f"{path}:{line}:")


def test_no_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.md", "# Just markdown\n")
    assert "no front matter" in parse_briefing(path.read_text(), path).errors[0]


def test_unknown_ids_are_errors_but_the_rest_resolves(
    seed_index: ArticleIndex, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "b.md",
        f"---\ntitle: T\narticles: [nope, {A004}]\ncompare: [[{A000}, gone]]\n---\n",
    )
    pane = resolve(parse_briefing(path.read_text(), path), seed_index)
    assert pane.article_ids == [A004]
    assert f"{path}:3: unknown article id 'nope'" in pane.errors
    assert f"{path}:4: unknown article id 'gone'" in pane.errors
    assert pane.compare == []


def test_one_broken_file_never_hides_the_others(seed_index: ArticleIndex, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: Good\nquery: Nara\n---\nok\n")
    write(tmp_path / "b.md", "---\ntitle: [broken\n---\n")
    write(tmp_path / "c.md", b"\xff\xfe\x00\x00garbage")
    titles = {p.title: p for p in build_panes(load_briefings(tmp_path), seed_index)}
    assert titles["Good"].article_ids and not titles["Good"].errors
    assert titles["b"].errors and titles["c"].errors
    assert "All articles" in titles


def test_duplicate_titles_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "one.md", "---\ntitle: Same\n---\n")
    write(tmp_path / "two.md", "---\ntitle: same\n---\n")
    briefings = load_briefings(tmp_path)
    errors = [e for b in briefings for e in b.errors]
    assert len(errors) == 1 and "same title as" in errors[0] and "one.md" in errors[0]


def test_topic_panes_for_sub_folders_without_a_briefing(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write(corpus / "sport" / "1.txt", "Claxton wins hurdles\n\nClaxton won the hurdles final.\n")
    write(corpus / "sport" / "2.txt", "Hurdles again\n\nAnother hurdles race for Claxton.\n")
    write(corpus / "tech" / "1.txt", "Chip news\n\nA new processor chip.\n")
    write(tmp_path / "b" / "tech.md", "---\ntitle: Tech\nquery: topic:tech\n---\n")
    config = Config(corpus=(corpus,), index_dir=tmp_path / "ix")
    ix = ArticleIndex(config.resolved_index_dir)
    ix.update(config.corpus, config.patterns, config.max_article_bytes)
    panes = build_panes(load_briefings(tmp_path / "b"), ix)
    assert [(p.title, p.kind, len(p.article_ids)) for p in panes] == [
        ("Tech", "curated", 1),
        ("sport", "topic", 2),
        ("All articles", "all", 3),
    ]
