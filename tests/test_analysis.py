"""The one-pass analyzer yields exactly what Whoosh's StemmingAnalyzer yields."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StemmingAnalyzer

from tests.conftest import BBC, SEEDS
from tui.analysis import ANALYZER

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
    texts.append("The U.S. summits, Lee's gam* wildcard, it's 2026 — a x … 東京 café")
    return texts


@pytest.mark.parametrize("options", [{}, {"removestops": False}, {"start_pos": 3, "start_char": 7}])
def test_same_tokens_on_real_text(options: dict) -> None:
    for text in samples():
        assert tokens(ANALYZER, text, **options) == tokens(REFERENCE, text, **options)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_same_tokens_on_random_text(text: str) -> None:
    assert tokens(ANALYZER, text) == tokens(REFERENCE, text)
    assert tokens(ANALYZER, text, removestops=False) == tokens(REFERENCE, text, removestops=False)
