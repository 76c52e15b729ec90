"""The words of a query: the question words that frame it, the query run while a word is
still being typed, and how far apart two spellings are."""

from __future__ import annotations

import re


def slips(a: str, b: str) -> int:
    """How many slips of the hand turn ``a`` into ``b``: letters dropped, added, replaced, or
    two neighbours swapped (the optimal-string-alignment distance)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


# From four letters on: a shorter prefix expands to hundreds of index terms (slow, and noise).
_LAST_WORD = re.compile(r"(?:(?<=^)|(?<=[\s(]))([^\W\d_]{4,})$")


def live_query(text: str) -> str:
    """The query to run while the user is still typing: an unfinished last word also matches
    as a prefix ("minis" finds "minister") once it has four letters. Quoted phrases and field
    values stay as typed."""
    if text.count('"') % 2 or text.endswith((" ", ")", '"')):
        return text
    m = _LAST_WORD.search(text)
    if not m or m.group(1) in ("AND", "OR", "NOT", "TO"):
        return text
    word = m.group(1)
    return f"{text[: m.start(1)]}({word} OR {word}*)"


# Words that frame a question but say nothing of what is sought ("why did the talks stall").
# Whoosh's stop list already drops "the", "is", "of" …; these are dropped from free text too,
# unless nothing else is left.
QUESTION_WORDS = frozenset(
    {
        "who", "whom", "whose", "what", "which", "why", "how", "when", "where", "did", "does",
        "do", "was", "were", "has", "had", "been", "being", "there", "their", "they", "them",
        "would", "could", "should", "about", "tell", "me", "any", "some", "much", "many",
        "happened", "news", "article", "articles", "story", "stories",
    }
)  # fmt: skip
