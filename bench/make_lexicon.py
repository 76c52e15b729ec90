"""Write tui/data/common_words.txt: English words that are common in lower case.

The fact reader uses it to tell a capital that only starts a sentence ("Officials said…") from
a one-word name ("France coach…"). Made from any plain-text news corpus: a word is listed when
it appears in lower case at least MIN times and more often lower case than capitalised in the
middle of a sentence. Usage: python bench/make_lexicon.py [CORPUS_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpora" / "bbc"
MIN = 3
WORD = re.compile(r"(?<![\w'’-])([A-Za-z][a-z]+(?:['’-][a-z]+)*)\b")


def main() -> None:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        for m in WORD.finditer(text):
            word = m.group(1)
            before = text[max(0, m.start() - 2) : m.start()]
            if word[0].islower():
                lower[word] += 1
            elif before.strip() and not re.search(r"[.!?\"“:]\s*$", before):
                capital[word.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= MIN and n > capital[w])
    out = REPO / "tui" / "data" / "common_words.txt"
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main()
