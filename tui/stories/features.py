"""What an article says that identifies the event it reports, as news is written.

Two outlets telling the same event share its particulars: the people, places and organisations
named and the figures given (``names`` and ``figures``), the distinctive words (``stems``,
weighted by how rare they are in the corpus), and they publish within a day or so of each
other. A wire copy republished shares nearly all of its text: ``sketch`` is a bottom-k sample
of the text's word shingles, so two copies are found without comparing every pair.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass

from tui.text.analysis import STOP_WORDS, common_words, stems

# A run of capitalised words (with "of"/"de" inside: "Bank of Korea"); one capital letter counts
# ("U.S."), so do hyphens and apostrophes inside a word.
_NAME = re.compile(
    r"\b(?:[A-Z][\w'’.-]*\w|[A-Z])(?:\s+(?:of\s+|de\s+)?(?:[A-Z][\w'’.-]*\w|[A-Z]))*"
)
_WORD = re.compile(r"\w+")
SHINGLE = 4  # words per shingle: long enough that two stories of one topic rarely share many
SKETCH = 16  # the smallest shingle hashes kept: the Jaccard estimate of two texts is ±0.12


@dataclass(frozen=True, slots=True)
class Features:
    """An article's particulars: stem counts (title and text), name counts (text) and sketch."""

    stems: Counter[str]
    names: Counter[str]
    sketch: tuple[int, ...]


def names(text: str) -> Counter[str]:
    """The people, places and organisations a text names, lower-cased; a word that is common in
    lower case is dropped from the front of a run (a capital at a sentence's start is not a
    name), and a run of several words also counts as its last word ("Yoon Suk Yeol" is "Yeol"
    later on, "President Lee" is "Lee")."""
    common = common_words()
    found: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        parts = match.group(0).split()
        while parts and parts[0].lower() in common:
            parts = parts[1:]
        parts = [p.strip(".'’") for p in parts]
        parts = [p for p in parts if p]
        if not parts or (len(parts) == 1 and parts[0].lower() in STOP_WORDS):
            continue
        found[" ".join(parts).lower()] += 1
        if len(parts) > 1:
            found[parts[-1].lower()] += 1
    return found


def sketch(text: str) -> tuple[int, ...]:
    """The ``SKETCH`` smallest hashes of the text's word shingles (a stable hash: the same on
    every run and machine), in order; empty for a text too short to tell."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE + SKETCH:
        return ()
    hashes = {
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8", "surrogatepass"))
        for i in range(len(words) - SHINGLE + 1)
    }
    return tuple(sorted(hashes)[:SKETCH])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of shingles two texts have in common, estimated from their sketches."""
    if not a or not b:
        return 0.0
    both = set(a) & set(b)
    smallest = sorted(set(a) | set(b))[:SKETCH]
    return sum(1 for h in smallest if h in both) / len(smallest)


_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])")


def figures(text: str) -> Counter[str]:
    """The figures a text gives, written one way ("1,200" is "1200"), each marked "#"."""
    found: Counter[str] = Counter()
    for m in _FIGURE.finditer(text):
        value = m.group(0).replace(",", "").rstrip(".")
        if len(value) >= 2:  # a lone digit is a count of anything
            found["#" + value] += 1
    return found


def features(title: str, text: str) -> Features:
    return Features(
        stems=Counter(stems(f"{title}\n{text}")),
        names=names(text) + figures(text),
        sketch=sketch(text),
    )
