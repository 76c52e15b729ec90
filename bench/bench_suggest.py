""" "Did you mean" on the BBC corpus: does it fix real typos, and leave real questions alone?

Prints one JSON object. Usage: python bench/bench_suggest.py [BBC_DIR]

Three lists, none used to choose the rules (a word is corrected only when the index does not
know it and it is not a stop, question or common English word; one slip in a word of up to
five letters, two in a longer one):
- people's typos: common English misspellings (Wikipedia's list of common misspellings) of
  words the corpus uses; a hit is a suggestion with the intended word ("found as typed": no
  suggestion, as the typo has a stem the index knows and the search finds that);
- slips: one letter dropped, doubled, swapped with the next or replaced, in names and rarer
  words of the corpus (seeded); a hit as above;
- questions: the judged questions of bench_search.py and the README's own examples, every word
  spelled right; any suggestion there is a false one.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from bench_search import QUESTIONS
from common import percentile

from tui.backend.whoosh.index import ArticleIndex
from tui.text.analysis import stem_word

REPO = Path(__file__).resolve().parent.parent
BBC = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpora" / "bbc"

# (typed, meant): misspellings people make, from Wikipedia's list of common misspellings.
TYPOS = [
    ("goverment", "government"), ("parliment", "parliament"), ("recieve", "receive"),
    ("untill", "until"), ("occured", "occurred"), ("begining", "beginning"),
    ("seperate", "separate"), ("definately", "definitely"), ("accomodation", "accommodation"),
    ("tommorow", "tomorrow"), ("foriegn", "foreign"), ("enviroment", "environment"),
    ("beleive", "believe"), ("comittee", "committee"), ("sucessful", "successful"),
    ("buisness", "business"), ("calender", "calendar"), ("collegue", "colleague"),
    ("concious", "conscious"), ("embarass", "embarrass"), ("existance", "existence"),
    ("goverments", "governments"), ("independant", "independent"), ("millenium", "millennium"),
    ("neccessary", "necessary"), ("occassion", "occasion"), ("persistant", "persistent"),
    ("posession", "possession"), ("prefered", "preferred"), ("publically", "publicly"),
    ("reccomend", "recommend"), ("refered", "referred"), ("relevent", "relevant"),
    ("succesful", "successful"), ("supercede", "supersede"), ("tendancy", "tendency"),
    ("thier", "their"), ("truely", "truly"), ("wierd", "weird"), ("acheive", "achieve"),
    ("agressive", "aggressive"), ("apparantly", "apparently"), ("arguement", "argument"),
    ("camapign", "campaign"), ("cheif", "chief"), ("comercial", "commercial"),
    ("competetion", "competition"), ("critisism", "criticism"), ("decison", "decision"),
    ("economoy", "economy"), ("elecion", "election"), ("finacial", "financial"),
    ("goverment's", "government's"), ("immediatly", "immediately"), ("intrest", "interest"),
    ("knowlege", "knowledge"), ("medecine", "medicine"), ("minsiter", "minister"),
    ("oppurtunity", "opportunity"), ("playstaion", "playstation"), ("premiership", "premiership"),
    ("recomend", "recommend"), ("resturant", "restaurant"), ("secretery", "secretary"),
    ("technolgy", "technology"), ("televison", "television"), ("tournamant", "tournament"),
]  # fmt: skip
README = ["why did the talks stall", "Lee Takaichi Nara summit seafood ban"]
SLIPS = 150


def slip(word: str, rng: random.Random) -> str:
    """One slip of the hand: a letter dropped, doubled, swapped with the next or replaced."""
    i = rng.randrange(1, len(word) - 1)  # the first letter is rarely the slip
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    letter = rng.choice([c for c in "aeioulnrst" if c != word[i]])
    return word[:i] + letter + word[i + 1 :]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ix = ArticleIndex(Path(tmp) / "ix")
        ix.update([BBC], ["*.txt"], 5_000_000)
        with ix.reading() as searcher:
            reader = searcher.reader()
            known = {w for w in ix.spelling.values() if len(w) >= 6}
            known_stems = {stem_word(w) for w in known}
            # Rarer words and names of the corpus: in 2 to 20 articles.
            rare = sorted(
                w
                for w in known
                if w.isalpha() and 2 <= reader.doc_frequency("body", stem_word(w)) <= 20
            )
        rng = random.Random(7)
        slips: list[tuple[str, str]] = []
        for word in rng.sample(rare, len(rare)):
            typed = slip(word, rng)
            if stem_word(typed) not in known_stems and typed != word:
                slips.append((typed, word))
            if len(slips) == SLIPS:
                break
        typos = [(t, m) for t, m in TYPOS if stem_word(m.lower()) in known_stems or m in known]
        times: list[float] = []

        def suggested(text: str) -> str | None:
            start = time.perf_counter()
            found = ix.search(text, limit=10).suggestion
            times.append(time.perf_counter() - start)
            return found

        def fixed(cases: list[tuple[str, str]]) -> dict[str, object]:
            """How many typos "did you mean" fixes, gets wrong or leaves; a typo whose stem the
            index knows ("occured": "occur") is searched as typed and offered nothing."""
            right, wrong, as_typed, misses = 0, 0, 0, []
            for typed, meant in cases:
                got = suggested(typed)
                if got is not None and stem_word(got.lower()) == stem_word(meant.lower()):
                    right += 1
                    continue
                if got is not None:
                    wrong += 1
                elif ix.search(typed).total:
                    as_typed += 1
                misses.append([typed, meant, got])
            offered = right + wrong
            return {
                "cases": len(cases),
                "fixed": right,
                "rate": round(right / len(cases), 3),
                "wrong": wrong,
                "precision": round(right / offered, 3) if offered else None,
                "found_as_typed": as_typed,
                "misses": misses[:15],
            }

        questions = [q for q, _ in QUESTIONS] + README
        false = [[q, s] for q in questions if (s := suggested(q)) is not None]
        print(
            json.dumps(
                {
                    "people's typos": fixed(typos),
                    "slips": fixed(slips),
                    "questions": {
                        "cases": len(questions),
                        "suggested": len(false),
                        "false_suggestions": false,
                    },
                    "search_ms_p50": round(percentile(times, 50) * 1000, 1),
                    "search_ms_p95": round(percentile(times, 95) * 1000, 1),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
