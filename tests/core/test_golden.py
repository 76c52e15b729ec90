"""Golden outputs: what reading gives for every seed and for one small page per rule (title,
date, outlet, byline, provenance, warnings, and every block), saved in tests/fixtures/golden and
compared here. A change of reading shows as a diff to review, like a snapshot's:

    .venv/bin/python -m pytest tests/core/test_golden.py --update-golden

The promise of a reading change, "identical on every BBC, seed and news-dev file", is the opt-in
test at the end (``BRIEFING_GOLDEN_CORPORA=1``, with ../shared/corpora present): a hash of the
same outputs for each of those files, kept in tests/fixtures/golden/corpora.json.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BBC, FIXTURES, REPO, SEEDS
from tui.ingest.article import Article, load_article

GOLDEN = FIXTURES / "golden"
PAGES = FIXTURES / "pages"
NEWS_DEV = REPO.parent / "shared" / "corpora" / "news-dev"
ARTICLE_SUFFIXES = (".txt", ".md", ".html")


def reading(path: Path) -> dict[str, Any]:
    """Everything reading gives for one file, as plain data."""
    article: Article = load_article(path, article_id=path.stem, max_bytes=5_000_000)
    return {
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "byline": article.byline,
        "url": article.url,
        "topics": list(article.topics),
        "provenance": dict(sorted(article.provenance.items())),
        "inferred": article.inferred,
        "warnings": [w.replace(str(path.parent), "<folder>") for w in article.warnings],
        "blocks": [[b.kind, b.text] for b in article.blocks],
    }


def cases() -> list[Path]:
    return sorted(
        p for folder in (SEEDS, PAGES) for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES
    )


@pytest.mark.parametrize("path", cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reading_gives_its_golden_output(path: Path, request: pytest.FixtureRequest) -> None:
    got = reading(path)
    golden = GOLDEN / f"{path.parent.name}--{path.name}.json"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden output for {path.name}: run with --update-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def corpus_files() -> list[tuple[str, Path]]:
    files = [(f"bbc/{p.relative_to(BBC)}", p) for p in sorted(BBC.rglob("*.txt"))]
    for variant in ("clean", "messy", "html"):
        folder = NEWS_DEV / variant
        files += [(f"news-dev/{variant}/{p.name}", p) for p in sorted(folder.glob("*.*"))]
    return [(name, p) for name, p in files if p.suffix in ARTICLE_SUFFIXES]


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:16]


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("BRIEFING_GOLDEN_CORPORA") or not BBC.is_dir() or not NEWS_DEV.is_dir(),
    reason="opt-in: BRIEFING_GOLDEN_CORPORA=1 and ../shared/corpora",
)
def test_every_bbc_and_news_dev_file_reads_as_before(request: pytest.FixtureRequest) -> None:
    """Reading is unchanged on the 2,225 BBC files and the news-dev pages (all three
    variants): the same title, date, outlet, provenance and body, file for file."""
    got = {}
    for name, path in corpus_files():
        try:
            got[name] = digest(reading(path))
        except Exception as exc:  # a file reading skips (empty, binary): its reason
            got[name] = f"skipped: {exc}"
    golden = GOLDEN / "corpora.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(got, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    before = json.loads(golden.read_text(encoding="utf-8"))
    changed = sorted(name for name in got if got[name] != before.get(name))
    assert not changed, f"{len(changed)} files read differently: {changed[:20]}"
