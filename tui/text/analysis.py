"""The one text analysis used everywhere: indexing, query terms, highlighting and comparison.

Whoosh's ``StemmingAnalyzer`` semantics (regex tokens, lower case, English stop words, Porter
stems), so "summit" in a query finds and highlights "summits" in an article, and the comparison
sees the same words the index sees. Plain Python: the index's analyzer (``tui.backend.whoosh.
analysis``) is built on ``words`` here, and a test keeps the pattern and the stop list equal to
Whoosh's. The one thing taken from Whoosh is its Porter stemmer, which differs from the
reference one on a few hundred English words: the stems every reader computes must be the
index's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from whoosh.lang.porter import stem  # the index's stemmer (see above); nothing else of Whoosh

# The words the index leaves out ("the", "is", "of" …): Whoosh's list, as the index has it.
STOP_WORDS: frozenset[str] = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
        "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us",
        "we", "when", "will", "with", "yet", "you", "your",
    }
)  # fmt: skip
# What a word is: Whoosh's default tokenizer pattern (letters, digits, ``*``; a dot inside).
WORD = re.compile(r"[\w\*]+(\.?[\w\*]+)*", re.UNICODE)
MIN_WORD = 2  # shorter words are left out, as by Whoosh's StopFilter

_porter: Callable[[str], str] = stem  # Whoosh has no type hints


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text as the analysis sees it: its index term (the stem; the lower-cased
    word when ``stopped``), its position (the kept words counted on from the first kept one's
    place), its characters, and whether it is a stop word."""

    text: str
    pos: int
    start: int
    end: int
    stopped: bool
    original: str


def words(
    value: str, *, removestops: bool = True, start_pos: int = 0, tokenize: bool = True
) -> Iterator[Word]:
    """The words of ``value``, as Whoosh's StemmingAnalyzer yields them, token for token; a run
    of Chinese or Japanese characters (written without spaces) becomes overlapping bigrams, so
    a word inside it can be found ("東京" in "東京都で会談")."""
    if not tokenize:
        matches: Iterable[tuple[str, int, int]] = [(value, 0, len(value))]
    elif _CJK.search(value):
        matches = _pieces(value)
    else:  # the common case, kept to one generator
        matches = ((m.group(), m.start(), m.end()) for m in WORD.finditer(value))
    kept = None  # StopFilter's renumbering: kept tokens count on from the first one
    for index, (text, start, end) in enumerate(matches):
        low = text.lower()
        if (len(low) < MIN_WORD and not _CJK.match(low)) or low in STOP_WORDS:
            if removestops:
                continue
            yield Word(low, start_pos + index, start, end, True, text)
        else:
            kept = start_pos + index if kept is None else kept + 1
            yield Word(stem_word(low), kept, start, end, False, text)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _pieces(value: str) -> Iterator[tuple[str, int, int]]:
    """Words as Whoosh's pattern finds them; CJK runs inside them as overlapping bigrams."""
    for m in WORD.finditer(value):
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


@dataclass(frozen=True, slots=True)
class Tok:
    stem: str
    pos: int
    start: int
    end: int


def tokens(text: str) -> list[Tok]:
    """Stemmed tokens of ``text`` with their positions and character offsets (stop words gone)."""
    return [Tok(w.text, w.pos, w.start, w.end) for w in words(text)]


@cache
def common_words() -> frozenset[str]:
    """English words common in lower case (``bench/make_lexicon.py`` from news text): a capital
    at the start of a sentence is not a name, and a word of this list is spelled right."""
    text = resources.files("tui").joinpath("data/common_words.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


def stems(text: str) -> list[str]:
    """Just the stems, for set arithmetic."""
    return [w.text for w in words(text)]


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
