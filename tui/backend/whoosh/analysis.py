"""The index's analyzer: ``tui.text.analysis`` as Whoosh's analyzer and positions format.

Whoosh's composed ``StemmingAnalyzer`` (regex tokenizer, lower case, stop words, Porter stems)
spends most of its time passing each token through four generators; indexing is bound by that.
``OnePassStemmer`` yields the same tokens from ``tui.text.analysis.words`` in one generator
(a test checks both are identical on real and random text), and ``IndexedPositions`` finds a
field's words and positions in one pass for the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Positions

from tui.text.analysis import _CJK, MIN_WORD, STOP_WORDS, WORD, stem_word, words


class OnePassStemmer(Tokenizer):
    """Whoosh's ``StemmingAnalyzer``, token for token, in one generator instead of four (with
    Chinese and Japanese runs as bigrams: ``tui.text.analysis.words``)."""

    def __init__(
        self, stoplist: frozenset[str] | set[str] = STOP_WORDS, minsize: int = MIN_WORD
    ) -> None:
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
        for word in words(value, removestops=removestops, start_pos=start_pos, tokenize=tokenize):
            t.stopped = word.stopped
            t.text = word.text
            if positions:
                t.pos = word.pos
            if keeporiginal:
                t.original = word.original
            t.boost = 1.0
            if chars:
                t.startchar = start_char + word.start
                t.endchar = start_char + word.end
            yield t


ANALYZER = OnePassStemmer()

# The word pattern without its capturing group: ``findall`` gives the words themselves.
_WORDS_FOUND = re.compile(WORD.pattern.replace("(\\.?", "(?:\\.?"))


class IndexedPositions(Positions):
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
        stops, minsize = STOP_WORDS, MIN_WORD
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
