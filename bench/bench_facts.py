"""Evaluate the differing facts: controlled pairs made from real BBC articles, and real pairs.

Prints one JSON object. Usage: python bench/bench_facts.py [BBC_DIR] [--pairs N] [--seed S]

Controlled pairs: for N real BBC articles (seeded choice), a second version is written with
recorded edits: fact edits of every kind the issue names (money, percent, count, number word,
ordinal, decade, range, score, day date, month, month and year, year, weekday, person, name
sharing a word, all-capital name, one-word name starting a sentence), equivalent rewritings
that are not changes (5% -> 5 per cent, £2bn -> £2 billion, 1,000 -> 1000, three -> 3,
Mr Smith -> Smith, 12 March -> March 12), and a dropped, an added, a moved and a reworded
sentence. Four in ten fact edits stand in a sentence that is also reworded (a lead-in, words
swapped: "said" -> "stated", "more than" -> "over"). The edits are found and made by this
script's own patterns, not the product's.

A reported difference is right when it stands in the edited sentence and its two values
overlap the edit's old and new text. Printed: precision and recall overall and per kind, false
positives per pair, equivalent rewritings reported, the share of unchanged sentences paired
with their original, compare time; the same for a difflib baseline (sentences diffed, numbers
of each changed sentence paired in order).

Real pairs: bench/facts_real_pairs.yaml lists BBC same-story pairs with the differing facts
read and written down by hand; precision and recall on them, for both systems.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tui.backend.whoosh.index import ArticleIndex
from tui.compare.comparison import compare
from tui.compare.disputes import disputed_facts
from tui.ingest.article import Article, Block, load_article
from tui.text.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
MONTH = "|".join(MONTHS)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
]  # fmt: skip
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
CAPS = ["US", "UK", "EU", "UN", "BBC", "IMF", "ITV", "FA", "WTO", "BT", "RFU", "CBI"]
STARTERS = [
    "England", "France", "Wales", "Scotland", "Ireland", "Italy", "Spain", "Germany", "China",
    "Japan", "India", "Russia", "Britain", "America", "Europe", "Iraq", "Iran", "Microsoft",
    "Google", "Apple", "Sony", "Labour", "Chelsea", "Arsenal", "Liverpool", "Nasa", "Yukos",
]  # fmt: skip
REWORDED_SHARE = 0.4  # of fact edits made in a sentence that is also reworded
SURNAMES = ["Hartley", "Okafor", "Lindqvist", "Moreau", "Castellano", "Whitcombe", "Brennan"]


def bump(number: str, rng: random.Random) -> str:
    """A different number written the same way ("1,200" -> "1,450", "3.5" -> "4.5")."""
    plain = number.replace(",", "")
    if "." in plain:
        whole, frac = plain.split(".")
        return f"{int(whole) + rng.choice([1, 2, 3])}.{frac}"
    n = int(plain)
    new = n * 2 if n < 5 else n + max(1, round(n * rng.choice([0.1, 0.2, 0.3])))
    if new == n:
        new += 1
    return f"{new:,}" if "," in number else str(new)


def other(options: list[str], current: str, rng: random.Random) -> str:
    return rng.choice([o for o in options if o.lower() != current.lower()])


@dataclass
class Edit:
    kind: str
    pattern: re.Pattern[str]
    make: Callable[..., Any]  # (match, rng) -> (old text, new text) or None


def _money(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    return m.group(), m.group(1) + bump(m.group(2), rng) + (m.group(3) or "")


def _simple(group: int) -> Callable[..., Any]:
    def make(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
        s, e = m.span(group)
        text = m.group()
        off = m.start()
        return text, text[: s - off] + bump(m.group(group), rng) + text[e - off :]

    return make


def _swap(options: list[str], group: int = 1) -> Callable[..., Any]:
    def make(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
        s, e = m.span(group)
        text, off = m.group(), m.start()
        new = other(options, m.group(group), rng)
        if m.group(group)[0].isupper():
            new = new[0].upper() + new[1:]
        return text, text[: s - off] + new + text[e - off :]

    return make


def _ordinal_digits(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    n = int(m.group(1)) + rng.choice([1, 2])
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return m.group(), f"{n}{suffix}"


def _decade(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    return m.group(), f"{int(m.group(1)) + rng.choice([-10, 10])}s"


def _day(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    text, off = m.group(), m.start()
    g = 1 if m.group(1) else 4
    day = int(m.group(g))
    new = day + rng.choice([1, 2, 3]) if day < 26 else day - rng.choice([2, 3, 4])
    s, e = m.span(g)
    return text, text[: s - off] + str(new) + text[e - off :]


def _year(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    text, off = m.group(), m.start()
    s, e = m.span(2)
    return text, text[: s - off] + str(int(m.group(2)) + rng.choice([-2, -1, 1, 2])) + text[
        e - off :
    ]


def _person(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    return m.group(), f"{m.group(1)} {other(SURNAMES, m.group(2), rng)}"


EDITS = [
    Edit("money", re.compile(r"([£$€])(\d+(?:\.\d+)?)((?:m|bn| million| billion)\b)?"), _money),
    Edit("percent", re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:%| per cent)"), _simple(1)),
    Edit(
        "count",
        re.compile(r"(?<![\w£$€.,-])(\d{1,3}(?:,\d{3})+|\d{1,3})\s(?!per\b)[a-z]{3,}"),
        _simple(1),
    ),
    Edit(
        "number word",
        re.compile(rf"(?<![\w-])({'|'.join(WORDS)})\s(?!of\b)[a-z]{{3,}}"),
        _swap(WORDS),
    ),
    Edit(
        "ordinal",
        re.compile(rf"(?<!at )\b({'|'.join(ORDINALS[2:])})\s[a-z]{{3,}}"),
        _swap(ORDINALS[2:]),
    ),
    Edit(
        "ordinal",
        re.compile(r"(?<![\d,])\b(\d{1,2})(?:st|nd|rd|th)\b(?! (?:" + MONTH + "))"),
        _ordinal_digits,
    ),
    Edit("decade", re.compile(r"\b(19[2-9]0)s\b"), _decade),
    Edit("range", re.compile(r"\b(?:between (\d+) and|from (?:\d+) to) (\d+)\b"), _simple(2)),
    Edit("score", re.compile(r"(?<![\w.-])(\d{1,2})-(\d{1,2})(?![\w.-])"), _simple(2)),
    Edit(
        "day date",
        re.compile(rf"\b(\d{{1,2}}) ({MONTH})\b|\b(({MONTH}) (\d{{1,2}}))\b(?!\d)"),
        lambda m, rng: _day(m, rng) if m.group(1) else _month_day(m, rng),
    ),
    Edit(
        "month",
        re.compile(rf"\b(?:in|since|until|by|from|last|early|late) ({MONTH})\b(?! \d)"),
        _swap(MONTHS),
    ),
    Edit("month and year", re.compile(rf"\b({MONTH}) ((?:19|20)\d\d)\b"), _swap(MONTHS)),
    Edit("year", re.compile(r"\b(in|since|until|by|from) ((?:19[5-9]|20[01])\d)\b(?!s)"), _year),
    Edit(
        "weekday", re.compile(rf"\b(?:on|last|next|this) ({'|'.join(WEEKDAYS)})\b"), _swap(WEEKDAYS)
    ),
    Edit("person", re.compile(r"\b(Mr|Mrs|Ms) ([A-Z][a-z]{3,})\b"), _person),
    Edit(
        "name sharing a word",
        re.compile(r"(?<=[a-z,] )(?!The |An? )([A-Z][a-z]{2,}) ([A-Z][a-z]{3,})\b(?! [A-Z])"),
        _person,
    ),
    Edit("all-capital name", re.compile(rf"\b({'|'.join(CAPS)})\b"), _swap(CAPS)),
    Edit(
        "one-word name starting a sentence",
        re.compile(rf"^({'|'.join(STARTERS)})(?= [a-z])"),
        _swap(STARTERS),
    ),
]


def _month_day(m: re.Match[str], rng: random.Random) -> tuple[str, str]:
    text = m.group()
    day = int(m.group(5))
    new = day + rng.choice([1, 2, 3]) if day < 26 else day - rng.choice([2, 3, 4])
    return text, f"{m.group(4)} {new}"


EQUIVALENTS = [
    (
        "5% = 5 per cent",
        re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)%"),
        lambda m: f"{m.group(1)} per cent",
    ),
    (
        "£2bn = £2 billion",
        re.compile(r"([£$€]\d+(?:\.\d+)?)(m|bn)\b"),
        lambda m: m.group(1) + (" million" if m.group(2) == "m" else " billion"),
    ),
    (
        "1,000 = 1000",
        re.compile(r"(?<![\d,.£$€])(\d{1,3}),(\d{3})(?![\d,])"),
        lambda m: m.group(1) + m.group(2),
    ),
    (
        "three = 3",
        re.compile(rf"\b({'|'.join(WORDS)})(?= (?!of\b)[a-z]{{3,}})"),
        lambda m: str(WORDS.index(m.group(1)) + 2),
    ),
    ("Mr Smith = Smith", re.compile(r"\b(?:Mr|Mrs|Ms) ([A-Z][a-z]{3,})\b"), lambda m: m.group(1)),
    (
        "12 March = March 12",
        re.compile(rf"\b(\d{{1,2}}) ({MONTH})\b"),
        lambda m: f"{m.group(2)} {m.group(1)}",
    ),
]


REWORDINGS = [
    (r"\bsaid\b", "stated"), (r"\bsays\b", "states"), (r"\bwill\b", "is set to"),
    (r"\bmore than\b", "over"), (r"\babout\b", "around"), (r"\bhas been\b", "was"),
    (r"\balso\b", "as well"), (r"\bbut\b", "though"), (r"\bbecause\b", "as"),
    (r"\bhowever\b", "though"), (r"\bannounced\b", "revealed"), (r"\bshowed\b", "revealed"),
]  # fmt: skip


def reword(text: str) -> str:
    """The sentence told another way, facts untouched: a lead-in, and some words swapped."""
    out = text
    for pattern, new in REWORDINGS:
        out = re.sub(pattern, new, out, count=1)
    out = re.sub(
        r"^(The|It|He|She|They|This|A|An|In|On) ",
        lambda m: f"According to reports, {m.group(1).lower()} ",
        out,
    )
    return out if out != text else "Meanwhile, " + text


@dataclass
class Change:
    kind: str
    sentence: str  # side A's sentence
    old: str
    new: str


@dataclass
class Case:
    a: Article
    b: Article
    changes: list[Change]
    equivalents: list[Change]
    unchanged: list[str]  # sentences B keeps word for word


def make_case(
    article: Article, filler: list[str], rng: random.Random, kind_order: list[Edit]
) -> Case | None:
    blocks = [split_sentences(b.text) for b in article.blocks]
    where = [(bi, si) for bi, block in enumerate(blocks) for si in range(len(block))]
    if len(where) < 8:
        return None
    new_blocks = [list(b) for b in blocks]
    touched: set[tuple[int, int]] = set()
    changes: list[Change] = []
    for edit in kind_order:
        if len(changes) >= 3:
            break
        spots = [w for w in where if w not in touched]
        rng.shuffle(spots)
        for bi, si in spots:
            text = blocks[bi][si]
            matches = list(edit.pattern.finditer(text))
            if not matches:
                continue
            m = rng.choice(matches)
            old, new = edit.make(m, rng)
            if old == new:
                continue
            edited = text[: m.start()] + new + text[m.end() :]
            if rng.random() < REWORDED_SHARE:  # the edited sentence is also told another way
                edited = reword(edited)
            new_blocks[bi][si] = edited
            touched.add((bi, si))
            changes.append(Change(edit.kind, text, old, new))
            break
    equivalents: list[Change] = []
    order = list(EQUIVALENTS)
    rng.shuffle(order)
    for name, pattern, make in order:
        if len(equivalents) >= 2:
            break
        for bi, si in [w for w in where if w not in touched]:
            text = blocks[bi][si]
            found = pattern.search(text)
            if found:
                new = make(found)
                new_blocks[bi][si] = text[: found.start()] + new + text[found.end() :]
                touched.add((bi, si))
                equivalents.append(Change(name, text, m.group(), new))
                break
    free = [w for w in where if w not in touched]
    rng.shuffle(free)
    if len(free) < 4:
        return None
    (db, ds), (mb, ms), (rb, rs) = free[0], free[1], free[2]
    moved = new_blocks[mb][ms]
    new_blocks[rb][rs] = reword(new_blocks[rb][rs])
    new_blocks[db][ds] = ""
    new_blocks[mb][ms] = ""
    target = rng.randrange(len(new_blocks))
    new_blocks[target].insert(0, moved)
    new_blocks[rng.randrange(len(new_blocks))].append(rng.choice(filler))
    b_blocks = [Block(" ".join(s for s in block if s)) for block in new_blocks]
    b = Article(article.id + "-b", article.path, article.title, [x for x in b_blocks if x.text])
    kept = {
        blocks[bi][si]
        for bi, si in where
        if (bi, si) not in touched and (bi, si) not in {(db, ds), (rb, rs)}
    }
    return Case(article, b, changes, equivalents, sorted(kept))


def overlap(x: str, y: str) -> bool:
    x, y = " ".join(x.split()), " ".join(y.split())
    return bool(x and y) and (x in y or y in x)


def cores(old: str, new: str) -> tuple[str, str]:
    """What an edit changed: "4 show" -> "8 show" changed "4" to "8"."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    while start > 0 and old[start - 1].isalnum():
        start -= 1  # whole words and figures
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    while end > 0 and old[len(old) - end].isalnum():
        end -= 1
    return old[start : len(old) - end], new[start : len(new) - end]


def hits(r: Reported, c: Change) -> bool:
    """The report is this edit: its values overlap what the edit changed."""
    if r.a_sentence != c.sentence:
        return False
    if overlap(r.a, c.old) and overlap(r.b, c.new):
        return True
    old, new = cores(c.old, c.new)
    return overlap(r.a, old) and overlap(r.b, new)


@dataclass
class Reported:
    kind: str
    a: str
    b: str
    a_sentence: str


def difflib_baseline(a: Article, b: Article) -> list[Reported]:
    sa = [s for block in a.blocks for s in split_sentences(block.text)]
    sb = [s for block in b.blocks for s in split_sentences(block.text)]
    out: list[Reported] = []
    number = re.compile(r"\d[\d,.]*\d|\d")
    sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        for x, y in zip(sa[i1:i2], sb[j1:j2], strict=False):
            na, nb = number.findall(x), number.findall(y)
            only_a = [n for n in na if n not in nb]
            only_b = [n for n in nb if n not in na]
            for p, q in zip(only_a, only_b, strict=False):
                out.append(Reported("number", p, q, x))
    return out


def product(a: Article, b: Article) -> list[Reported]:
    """What the product reports as differing: a difference of scope (two counts of different
    things, "136 Koreans" and "183 workers") is shown as such and never disputed, so it is
    not a claim that the sources disagree."""
    return [
        Reported(d.kind, d.a, d.b, d.a_sentence)
        for d in compare(a, b).differences
        if d.kind != "scope"
    ]


System = Callable[..., Any]  # (article a, article b) -> the facts it reports


def score_controlled(cases: list[Case], system: System) -> dict[str, object]:
    per_kind: dict[str, list[int]] = {}
    tp = fp = equivalent_reported = 0
    fp_examples: list[list[str]] = []
    for case in cases:
        reported = system(case.a, case.b)
        hit: set[int] = set()
        for r in reported:
            match = next(
                (k for k, c in enumerate(case.changes) if hits(r, c)),
                None,
            )
            if match is None:
                fp += 1
                if any(
                    r.a_sentence == e.sentence and overlap(r.a, e.old) for e in case.equivalents
                ):
                    equivalent_reported += 1
                if len(fp_examples) < 25:
                    fp_examples.append([r.kind, r.a, r.b, r.a_sentence[:160]])
            else:
                tp += 1
                hit.add(match)
        for k, c in enumerate(case.changes):
            per_kind.setdefault(c.kind, [0, 0])
            per_kind[c.kind][1] += 1
            per_kind[c.kind][0] += k in hit
    found = sum(v[0] for v in per_kind.values())
    total = sum(v[1] for v in per_kind.values())
    return {
        "precision": round(tp / max(1, tp + fp), 3),
        "recall": round(found / max(1, total), 3),
        "false_positives_per_pair": round(fp / max(1, len(cases)), 3),
        "equivalents_reported": equivalent_reported,
        "recall_by_kind": {
            k: f"{v[0]}/{v[1]} = {v[0] / v[1]:.2f}" for k, v in sorted(per_kind.items())
        },
        "false_positive_examples": fp_examples,
    }


def score_real(pairs: list[dict[str, Any]], bbc: Path, system: System) -> dict[str, object]:
    tp = fp = found = total = 0
    details = []
    for pair in pairs:
        a, b = (load(bbc, str(pair[k])) for k in ("a", "b"))
        gold = [tuple(x) for x in pair.get("facts") or []]
        reported = system(a, b)
        hit: set[int] = set()
        wrong = []
        for r in reported:
            k = next(
                (k for k, g in enumerate(gold) if overlap(r.a, g[0]) and overlap(r.b, g[1])), None
            )
            if k is None:
                fp += 1
                wrong.append([r.a, r.b])
            else:
                tp += 1
                hit.add(k)
        found += len(hit)
        total += len(gold)
        details.append(
            {
                "pair": f"{pair['a']} {pair['b']}",
                "gold": len(gold),
                "found": len(hit),
                "wrong": wrong,
            }
        )
    return {
        "precision": round(tp / max(1, tp + fp), 3),
        "recall": round(found / max(1, total), 3),
        "facts": total,
        "false_positives": fp,
        "pairs": details,
    }


def load(bbc: Path, article_id: str) -> Article:
    topic, name = article_id.split("/")
    return load_article(bbc / topic / f"{name}.txt", article_id=article_id, max_bytes=5_000_000)


def alignment(cases: list[Case]) -> float:
    kept = good = 0
    for case in cases:
        c = compare(case.a, case.b)
        for p in c.pairs:
            a_texts = {c.a_sentences[i].text for i in p.a}
            b_texts = {c.b_sentences[j].text for j in p.b}
            good += len(a_texts & b_texts & set(case.unchanged))
        kept += sum(1 for s in case.unchanged if any(s == x.text for x in c.b_sentences))
    return round(good / max(1, kept), 4)


def briefing_timing(bbc: Path) -> dict[str, object]:
    """Disputed facts of a 20-article briefing: one story's articles and its neighbours."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        ix = ArticleIndex(Path(tmp) / "index")
        ix.update([bbc], ["*.txt"], 5_000_000)
        ids = ["politics/252"] + [i for i, _ in ix.more_like("politics/252", limit=19)]
        paths = {i: Path(ix.catalog[i].path) for i in ids}
    articles = [load_article(paths[i], article_id=i, max_bytes=5_000_000) for i in ids]
    times = []
    disputes = []
    for _ in range(5):
        t0 = time.perf_counter()
        disputes = disputed_facts(articles)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "articles": len(articles),
        "ms_p50": round(statistics.median(times), 1),
        "ms_max": round(max(times), 1),
        "disputes": len(disputes),
        "examples": [d.summary()[:160] for d in disputes[:8]],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("bbc", nargs="?", default=str(REPO.parent / "shared" / "corpora" / "bbc"))
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    bbc = Path(args.bbc)
    rng = random.Random(args.seed)
    paths = sorted(bbc.glob("*/*.txt"))
    rng.shuffle(paths)
    articles = []
    for p in paths:
        try:
            articles.append(
                load_article(p, article_id=f"{p.parent.name}/{p.stem}", max_bytes=5_000_000)
            )
        except Exception:
            continue
        if len(articles) >= args.pairs * 2:
            break
    filler = [s for a in articles[args.pairs :] for b in a.blocks for s in split_sentences(b.text)]
    cases = []
    for n, article in enumerate(articles[: args.pairs]):
        order = EDITS[n % len(EDITS) :] + EDITS[: n % len(EDITS)]
        case = make_case(article, filler, rng, order)
        if case is not None:
            cases.append(case)
    kinds = Counter(c.kind for case in cases for c in case.changes)
    times = []
    for case in cases:
        t0 = time.perf_counter()
        compare(case.a, case.b)
        times.append((time.perf_counter() - t0) * 1000)
    real = yaml.safe_load((REPO / "bench" / "facts_real_pairs.yaml").read_text(encoding="utf-8"))
    figures = {
        "controlled_pairs": len(cases),
        "edits_by_kind": dict(sorted(kinds.items())),
        "equivalent_rewritings": sum(len(c.equivalents) for c in cases),
        "controlled": score_controlled(cases, product),
        "controlled_difflib": score_controlled(cases, difflib_baseline),
        "unchanged_sentences_paired_with_original": alignment(cases),
        "compare_ms_p50": round(statistics.median(times), 1),
        "compare_ms_p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 1),
        "real": score_real(real["pairs"], bbc, product),
        "real_difflib": score_real(real["pairs"], bbc, difflib_baseline),
        "briefing_of_20": briefing_timing(bbc),
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
