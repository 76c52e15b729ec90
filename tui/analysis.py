"""The one text analysis used everywhere: indexing, query terms, highlighting and comparison.

Whoosh's ``StemmingAnalyzer`` semantics (regex tokens, lower case, English stop words, Porter
stems), so "summit" in a query finds and highlights "summits" in an article, and the comparison
sees the same words the index sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from whoosh.analysis import STOP_WORDS as _WHOOSH_STOP_WORDS
from whoosh.analysis import Token, Tokenizer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.formats import Positions
from whoosh.lang.porter import stem

# The words the index leaves out ("the", "is", "of" …): Whoosh's list.
STOP_WORDS: frozenset[str] = frozenset(_WHOOSH_STOP_WORDS)

_porter: Callable[[str], str] = stem  # Whoosh has no type hints


class OnePassStemmer(Tokenizer):  # type: ignore[misc]  # Whoosh has no type hints: Any
    """Whoosh's ``StemmingAnalyzer``, token for token, in one generator instead of four.

    The composed analyzer (regex tokenizer, lower case, stop words, Porter stems) spends most of
    its time passing each token through four generators; indexing is bound by that. This does
    the same steps with Whoosh's own pattern, stop list and stemmer, and a test checks that both
    yield identical tokens (text, position, offsets, stopped) on real and random text.

    One addition: a run of Chinese or Japanese characters (written without spaces, so the regex
    sees it as one long "word") becomes overlapping two-character tokens, so a word inside the
    run can be searched and highlighted ("東京" in "東京都で会談").
    """

    def __init__(self, stoplist: frozenset[str] | set[str] = STOP_WORDS, minsize: int = 2) -> None:
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and other.stoplist == self.stoplist
            and other.minsize == self.minsize
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, so not hashable (as in Python)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Any:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stops, minsize = self.stoplist, self.minsize
        if not tokenize:
            matches: Iterable[tuple[str, int, int]] = [(value, 0, len(value))]
        elif _CJK.search(value):
            matches = _pieces(value)
        else:  # the common case, kept to one generator
            matches = ((m.group(), m.start(), m.end()) for m in default_pattern.finditer(value))
        kept = None  # StopFilter's renumbering: kept tokens count on from the first one
        for index, (text, start, end) in enumerate(matches):
            low = text.lower()
            if (len(low) < minsize and not _CJK.match(low)) or low in stops:
                if removestops:
                    continue
                t.stopped = True
                t.text = low
                if positions:
                    t.pos = start_pos + index
            else:
                t.stopped = False
                t.text = stem_word(low)
                kept = start_pos + index if kept is None else kept + 1
                if positions:
                    t.pos = kept
            if keeporiginal:
                t.original = text
            t.boost = 1.0
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _pieces(value: str) -> Iterator[tuple[str, int, int]]:
    """Words as Whoosh's pattern finds them; CJK runs inside them as overlapping bigrams."""
    for m in default_pattern.finditer(value):
        word = m.group()
        if not _CJK.search(word):
            yield word, m.start(), m.end()
            continue
        at = 0
        for run in _CJK.finditer(word):
            if run.start() > at:
                yield word[at : run.start()], m.start() + at, m.start() + run.start()
            text = run.group()
            base = m.start() + run.start()
            if len(text) == 1:
                yield text, base, base + 1
            for k in range(len(text) - 1):
                yield text[k : k + 2], base + k, base + k + 2
            at = run.end()
        if at < len(word):
            yield word[at:], m.start() + at, m.end()


ANALYZER = OnePassStemmer()

# Whoosh's token pattern without its capturing group: ``findall`` gives the words themselves.
_WORDS_FOUND = re.compile(default_pattern.pattern.replace("(\\.?", "(?:\\.?"))


class IndexedPositions(Positions):  # type: ignore[misc]  # Whoosh has no type hints: Any
    """Whoosh's ``Positions`` format (each word's positions in a field, for phrases), byte for
    byte, with our analyzer's words and positions found in one pass for the index.

    Indexing spent most of its time handing each token through the analyzer's generator and
    Whoosh's token object (the position, the boost, the text set on it one by one); for the
    index only each word's positions are wanted. Text with Chinese or Japanese, or another
    analyzer, goes the ordinary way."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        if (
            type(analyzer) is not OnePassStemmer
            or not isinstance(value, str)
            or kwargs.get("start_pos", 0)
            or not kwargs.get("removestops", True)
            or _CJK.search(value)
        ):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        stops, minsize = analyzer.stoplist, analyzer.minsize
        positions: dict[str, list[int]] = {}
        kept = -1  # StopFilter's numbering: kept words count on from the first one's place
        for index, word in enumerate(_WORDS_FOUND.findall(value)):
            low = word.lower()
            if len(low) < minsize or low in stops:
                continue
            kept = index if kept < 0 else kept + 1
            found = positions.get(stem := stem_word(low))
            if found is None:
                positions[stem] = [kept]
            else:
                found.append(kept)
        boost = self.field_boost
        for word, where in positions.items():
            yield word, len(where), float(len(where)) * boost, self.encode(where)


@dataclass(frozen=True, slots=True)
class Tok:
    stem: str
    pos: int
    start: int
    end: int


def tokens(text: str) -> list[Tok]:
    """Stemmed tokens of ``text`` with their positions and character offsets (stop words gone)."""
    return [
        Tok(t.text, t.pos, t.startchar, t.endchar)
        for t in ANALYZER(text, positions=True, chars=True)
    ]


@cache
def common_words() -> frozenset[str]:
    """English words common in lower case (``bench/make_lexicon.py`` from news text): a capital
    at the start of a sentence is not a name, and a word of this list is spelled right."""
    text = resources.files("tui").joinpath("data/common_words.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


def stems(text: str) -> list[str]:
    """Just the stems, for set arithmetic."""
    return [t.text for t in ANALYZER(text)]


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The stem of one lower-case word, as the analyzer would make it."""
    return _porter(word)


# Words too common to be worth listing as key terms (Whoosh's stop list is short): an
# article's in the comparison, a topic's in its pane.
COMMON_WORDS = {
    "about", "above", "after", "again", "against", "all", "also", "although", "among", "another",
    "any", "around", "back", "because", "been", "before", "being", "between", "both", "but",
    "came", "come", "could", "day", "did", "does", "done", "down", "during", "each", "even",
    "ever", "every", "few", "first", "former", "found", "get", "going", "good", "got", "great",
    "had", "has", "having", "her", "here", "him", "his", "how", "however", "into", "its", "just",
    "know", "last", "later", "least", "less", "like", "likely", "made", "make", "many", "more",
    "most", "much", "must", "near", "need", "new", "next", "now", "off", "often", "old", "once",
    "one", "only", "other", "our", "out", "over", "own", "part", "per", "place", "put", "rather",
    "recent", "said", "same", "say", "says", "see", "seen", "set", "several", "she", "should",
    "since", "some", "still", "such", "take", "taken", "than", "them", "then", "there", "these",
    "they", "thing", "think", "those", "though", "three", "through", "time", "told", "too",
    "toward", "towards", "two", "under", "until", "upon", "used", "very", "want", "was", "way",
    "week", "well", "went", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "whose", "why", "would", "year", "years", "yet", "you", "your", "added", "according",
    "mr", "mrs", "ms", "it's", "he", "we", "us", "my", "me", "do", "so", "up", "go", "ll", "ve",
    "re", "don", "didn", "doesn", "isn", "wasn", "won't", "lot", "lots", "bit", "really",
}  # fmt: skip
