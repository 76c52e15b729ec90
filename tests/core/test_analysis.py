"""The one-pass analyzer yields exactly what Whoosh's StemmingAnalyzer yields."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StemmingAnalyzer
from whoosh.formats import Positions

from tests.conftest import BBC, SEEDS
from tui.backend.whoosh.analysis import ANALYZER, IndexedPositions

REFERENCE = StemmingAnalyzer()


def tokens(analyzer, text: str, **kw) -> list[tuple]:
    return [
        (t.text, t.pos, t.startchar, t.endchar, t.stopped)
        for t in analyzer(text, positions=True, chars=True, **kw)
    ]


def samples() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if BBC.is_dir():
        files = sorted(BBC.glob("*/*.txt"))[::40]
        texts += [Path(f).read_bytes().decode("utf-8", "replace") for f in files]
    texts.append("The U.S. summits, Lee's gam* wildcard, it's 2026 — a x … café ünïcödé")
    return texts


@pytest.mark.parametrize("options", [{}, {"removestops": False}, {"start_pos": 3, "start_char": 7}])
def test_same_tokens_on_real_text(options: dict) -> None:
    for text in samples():
        assert tokens(ANALYZER, text, **options) == tokens(REFERENCE, text, **options)


NOT_CJK = st.characters(
    codec="utf-8",
    exclude_characters="".join(chr(c) for c in range(0x3040, 0x3100)),
).filter(lambda ch: not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NOT_CJK, max_size=200))
def test_same_tokens_on_random_text(text: str) -> None:
    assert tokens(ANALYZER, text) == tokens(REFERENCE, text)
    assert tokens(ANALYZER, text, removestops=False) == tokens(REFERENCE, text, removestops=False)


def test_cjk_runs_become_bigrams() -> None:
    text = "Lee 東京都で首脳会談 summit"
    got = [
        (t.text, t.pos, text[t.startchar : t.endchar])
        for t in ANALYZER(text, positions=True, chars=True)
    ]
    assert got[0] == ("lee", 0, "Lee")
    assert [g[0] for g in got[1:-1]] == ["東京", "京都", "都で", "で首", "首脳", "脳会", "会談"]
    assert all(g[0] == g[2] for g in got[1:-1])
    assert got[-1] == ("summit", 8, "summit")
    assert [t.text for t in ANALYZER("東")] == ["東"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_offsets_always_point_at_the_token(text: str) -> None:
    for t in ANALYZER(text, positions=True, chars=True, removestops=False):
        assert 0 <= t.startchar < t.endchar <= len(text)


def word_values(fmt: Positions, text: str, **kw) -> list[tuple]:
    return list(fmt.word_values(text, ANALYZER, mode="index", **kw))


def test_indexed_positions_are_whooshs_on_real_text() -> None:
    # What the index stores for a field: each word, its count, weight and encoded positions.
    for boost in (1.0, 2.0):
        ours, whooshs = IndexedPositions(field_boost=boost), Positions(field_boost=boost)
        for text in samples():
            assert word_values(ours, text) == word_values(whooshs, text)
        cjk = "東京都で会談 talks"  # the ordinary way, with its bigrams
        assert word_values(ours, cjk) == word_values(whooshs, cjk)
        assert word_values(ours, "a b the talks", start_pos=4) == word_values(
            whooshs, "a b the talks", start_pos=4
        )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_indexed_positions_are_whooshs_on_random_text(text: str) -> None:
    assert word_values(IndexedPositions(field_boost=2.0), text) == word_values(
        Positions(field_boost=2.0), text
    )


def test_the_word_pattern_and_stop_list_are_whooshs() -> None:
    """tui.text.analysis keeps its own copies (it imports nothing of Whoosh's but the
    stemmer): they must stay the index's."""
    from whoosh.analysis import STOP_WORDS as WHOOSH_STOP_WORDS
    from whoosh.analysis.tokenizers import default_pattern

    from tui.text.analysis import STOP_WORDS, WORD

    assert frozenset(WHOOSH_STOP_WORDS) == STOP_WORDS
    assert (WORD.pattern, WORD.flags) == (default_pattern.pattern, default_pattern.flags)


def test_text_tokens_are_the_analyzers() -> None:
    from tui.text.analysis import tokens as text_tokens

    for text in samples():
        assert [(t.stem, t.pos, t.start, t.end) for t in text_tokens(text)] == [
            (a, b, c, d) for a, b, c, d, _stopped in tokens(REFERENCE, text)
        ]
