"""Ingest: every seed's metadata and cleaning, decoding, Markdown and sidecar overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import BBC, SEEDS, needs_bbc, write
from tui.ingest.article import SkipFile, decode, headline_from_lead, load_article

LIMIT = 5_000_000


def seed(stem: str):
    return load_article(SEEDS / f"{stem}.txt", article_id=stem, max_bytes=LIMIT)


def test_seed_000_title_from_lead_and_date_inferred_from_it() -> None:
    a = seed("000_0b9c162a2c952b4e")
    assert a.title == (
        "President Lee Jae Myung arrived in Japan's Nara Prefecture on January 13, 2026, to begin…"
    )
    assert len(a.title) <= 90
    assert a.date == dt.date(2026, 1, 13) and a.source is None
    assert a.provenance == {"title": "text", "date": "text"}
    assert a.inferred == ["date", "title"]
    assert a.meta_line().startswith("~2026-01-13")
    assert len(a.blocks) == 6
    assert "killed 136 Koreans" in a.text


def test_seed_001_headline_list_dropped_title_byline_source() -> None:
    a = seed("001_bfeed5d58f9e5359")
    assert a.title == "Fresh from China, South Korea president to visit Japan"
    assert a.byline == "Y.Nakamura"
    assert a.source == "AFP"  # declared by the curator's sidecar: "told AFP" is never read
    assert a.provenance["source"] == "metadata" and a.inferred == []
    assert "Venezuela says in talks" not in a.text
    assert "Procession of Christ's icon" not in a.text
    assert "AMWN" not in a.text
    assert a.blocks[0].text.startswith("South Korea's President Lee Jae Myung will travel")
    assert [b.text for b in a.blocks if b.kind == "h"] == ["Dark past"]


def test_seed_002_caption_and_trailers_removed() -> None:
    a = seed("002_21ce68d235c2718f")
    assert a.title.startswith("President Lee Jae Myung was set to embark on a key diplomatic trip")
    assert a.title.endswith("…") and len(a.title) <= 90
    assert "(Yonhap) President" not in a.text
    assert "khnews@heraldcorp.com" not in a.text
    assert "AloJapan.com" not in a.text
    assert a.source == "The Korea Herald"
    assert a.provenance["source"] == "trailer"  # khnews@heraldcorp.com: read, so inferred
    assert "source" in a.inferred


def test_seed_003_citations_and_pull_quote_removed() -> None:
    a = seed("003_ff72b68d716462b9")
    assert a.title.startswith("South Korean President Lee Jae Myung and Japanese Prime Minister")
    assert "[1]" not in a.text and "[5]" not in a.text
    assert a.text.count("focuses on a concept known as") == 1
    assert a.text.rstrip() == a.text  # trailing blank lines gone
    # "… summit starting tomorrow." then "The summit, scheduled for May 19–20, 2026": the day before
    assert a.date == dt.date(2026, 5, 18) and a.provenance["date"] == "text"


def test_seed_004_date_line_gives_date_and_title() -> None:
    a = seed("004_418a29abe9d5b535")
    assert a.title == (
        "Seoul eyes humanitarian cooperation on historical issues, including joint probe into "
        "Chosei coal mine accident"
    )
    assert a.date == dt.date(2026, 1, 12) and a.provenance["date"] == "page"
    assert a.source == "The Korea Herald" and a.provenance["source"] == "metadata"
    assert "date 2026-01-12" not in a.text
    assert "killing 183 workers — including 136 forcibly mobilized Koreans" in a.text
    headings = [b.text for b in a.blocks if b.kind == "h"]
    assert "Seoul's CPTPP bid in focus" in headings


def test_the_users_file_is_never_changed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "-\nnav one\n-\nnav two\nTitle here\nBody text [1].\n")
    before = path.read_bytes()
    load_article(path, article_id="a", max_bytes=LIMIT)
    assert path.read_bytes() == before


def test_headline_from_lead_cuts_at_a_word() -> None:
    lead = "word " * 40 + "end."
    title = headline_from_lead(lead)
    assert len(title) <= 90 and title.endswith("…") and "wor…" not in title


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),
        ("café".encode("utf-16"), "café"),
        (b"caf\xe9 \x93quoted\x94", "café “quoted”"),
        (b"a\r\nb\rc", "a\nb\nc"),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_control_characters_made_visible() -> None:
    assert decode(b"x\x1b[2Jy\x07") == "x\u241b[2Jy\u2407"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n\n\t ", "empty"), (b"PK\x00\x03\x04binary", "binary")],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    with pytest.raises(SkipFile, match=reason):
        load_article(path, article_id="bad", max_bytes=LIMIT)


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 200)
    with pytest.raises(SkipFile, match="larger than the limit"):
        load_article(path, article_id="big", max_bytes=100)


def test_markdown_front_matter_and_syntax(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.md",
        "---\ntitle: Curated title\ndate: 2026-02-03\nsource: Kyodo\ntopics: [diplomacy]\n---\n"
        "# Heading one\n\nSome **bold** and *italic* text.\n\n- item one\n- item two\n",
    )
    a = load_article(path, article_id="m", max_bytes=LIMIT)
    assert a.title == "Curated title"
    assert a.date == dt.date(2026, 2, 3) and a.source == "Kyodo" and a.topics == ("diplomacy",)
    assert "**" not in a.text and "# " not in a.text
    para = next(b for b in a.blocks if b.text.startswith("Some"))
    assert (5, 9, "bold") in para.emphasis
    assert [b.kind for b in a.blocks if b.text.startswith("item")] == ["li", "li"]


def test_sidecar_overrides_inferred_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "date 2026-01-01 Inferred title\n\nBody.\n")
    write(tmp_path / "a.yaml", "title: From sidecar\nsource: Reuters\nurl: https://x.test/a\n")
    a = load_article(path, article_id="a", max_bytes=LIMIT)
    assert (a.title, a.source, a.url) == ("From sidecar", "Reuters", "https://x.test/a")
    assert a.date == dt.date(2026, 1, 1)


def test_broken_sidecar_is_a_warning_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Title line\n\nBody.\n")
    write(tmp_path / "a.yaml", "title: ok\nsource: [unclosed\n")
    a = load_article(path, article_id="a", max_bytes=LIMIT)
    assert a.title == "Title line"
    assert any("a.yaml:" in w and "not valid YAML" in w for w in a.warnings)


@needs_bbc
@pytest.mark.parametrize(
    ("rel", "title"),
    [
        ("sport/001.txt", "Claxton hunting first major medal"),
        ("business/001.txt", "Ad sales boost Time Warner profit"),
        ("tech/001.txt", "Ink helps drive democracy in Asia"),
        ("politics/001.txt", "Labour plans maternity pay rise"),
        ("entertainment/001.txt", "Gallery unveils interactive tree"),
    ],
)
def test_bbc_titles(rel: str, title: str) -> None:
    a = load_article(BBC / rel, article_id=rel[:-4], topics=(rel.split("/")[0],), max_bytes=LIMIT)
    assert a.title == title
    assert a.topic == rel.split("/")[0]
    assert a.blocks and title not in a.blocks[0].text


@needs_bbc
def test_bbc_file_that_is_not_utf8_is_read() -> None:
    a = load_article(BBC / "sport/199.txt", article_id="sport/199", max_bytes=LIMIT)
    assert a.title and "\ufffd" not in a.text


def test_a_title_from_the_lead_is_not_cut_at_an_abbreviation() -> None:
    # The one sentence splitter (shared with the comparison) knows "Feb." ends no sentence.
    assert headline_from_lead("The ship sank on Feb. 3, 1942, with all hands. Help came.") == (
        "The ship sank on Feb. 3, 1942, with all hands"
    )
