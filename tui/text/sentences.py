"""The one sentence splitter: for titles made from a lead, for comparison, for facts."""

from __future__ import annotations

import re

from tui.text.vocabulary import MONTH_ABBREVIATIONS

_ABBREVIATIONS = set(MONTH_ABBREVIATIONS) | {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "st", "no", "vol", "vs", "etc",
    "inc", "corp", "ltd", "co", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.]+)[.!?]$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (abbreviations like "Feb." and initials don't end one)."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        word = _LAST_WORD.search(text, start, m.start() + 1)
        if word and text[m.start()] == ".":
            last = word.group(1).lower()
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]
