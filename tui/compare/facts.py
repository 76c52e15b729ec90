"""What a news sentence states: figures, dates and names, read as values that can be compared.

``values_of(text)`` finds money (currency and scale: "£3.5m" = "£3.5 million"), percentages
("5%" = "5 per cent"), counts (digits, number words, "1.4m workers"), ordinals ("third",
"67th"), decades ("1960s"), ranges ("between 16 and 18"), scores and odds ("19-13", "5/4"),
clock times, dates at every precision (day, month, month and year, year, weekday) and names
(people, organisations and places, all-capital ones too). Each value has a canonical ``key``:
two renderings of one value have equal keys, or are ``same()``. Each also carries the words
around it (``context``), which say what the value measures ("killed", "shares", "turnout");
``pair_values`` pairs the values of two passages by what they measure and returns the pairs
whose values differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tui.text.analysis import Tok, common_words, stem_word, tokens
from tui.text.vocabulary import MONTHS, WEEKDAYS

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | {"dozen": 12}
for _t, _w in enumerate(_TENS, 2):
    NUMBER_WORDS[_w] = _t * 10
    for _u in range(1, 10):
        NUMBER_WORDS[f"{_w}-{_UNITS[_u]}"] = _t * 10 + _u
_ORDINAL_UNITS = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_UNITS) if w}
for _t, _w in enumerate(_TENS, 2):
    ORDINAL_WORDS[_w[:-1] + "ieth"] = _t * 10
    for _u in range(1, 10):
        ORDINAL_WORDS[f"{_w}-{_ORDINAL_UNITS[_u]}"] = _t * 10 + _u
SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
    "tn": 1e12, "trillion": 1e12, "hundred": 1e2,
}  # fmt: skip
CURRENCIES = {
    "£": "GBP", "$": "USD", "us$": "USD", "€": "EUR", "¥": "JPY", "₩": "KRW", "a$": "AUD",
    "c$": "CAD", "hk$": "HKD", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yen": "JPY",
    "won": "KRW", "yuan": "CNY", "rupees": "INR", "francs": "CHF", "rand": "ZAR",
}  # fmt: skip
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "president", "prime",
    "minister", "chancellor", "secretary", "senator", "sen", "governor", "gov", "king", "queen",
    "prince", "princess", "pope", "general", "gen", "captain", "capt", "coach", "judge",
    "rep", "lord", "lady", "st", "saint", "deputy", "chairman", "chief", "mp", "qc",
}  # fmt: skip
_CONNECTORS = {"of", "de", "la", "le", "du", "van", "von", "der", "bin", "al", "el", "da", "di"}
# Capitalised words that are not names wherever they stand.
_NOT_NAMES = {
    "the", "a", "an", "i", "i'm", "i’m", "it's", "it’s", "of", "in", "on", "at", "but", "and",
    "or", "if", "he", "she", "it", "we", "they", "you", "this", "that", "these", "those", "his",
    "her", "its", "their", "our", "my", "your", "there", "here", "what", "who", "when", "where",
    "why", "how", "while", "after", "before", "as", "for", "with", "by", "to", "from", "so",
    "yet", "not", "no", "yes", "ok", "gmt", "bst", "utc", "est", "edt", "pst", "kst", "jst",
    "cet", "am", "pm", "tv", "ceo", "mp", "mps", "qc", "dj",
}  # fmt: skip

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SCALE = r"k|thousand|mn|m|million|bn|billion|tn|trillion"
_NUM = rf"(?:{_DIGITS}|(?i:{_WORDNUM})(?:\s+hundred)?)"
_CUR_PREFIX = r"US\$|A\$|C\$|HK\$|\$|£|€|¥|₩"
_CUR_WORD = r"pounds|pound|sterling|dollars|euros|yen|won|yuan|rupees|francs|rand"
_MONTH = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"


_NAME_WORD = r"(?:[A-Z][\w'’.&-]*\w|[A-Z])"
_NAME = re.compile(
    rf"(?<![\w'’-]){_NAME_WORD}(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)?{_NAME_WORD})*"
    r"(?:\s\d{1,3}(?![\w,.%/:-]|[.,]\d))?"  # "Channel 4", "Band Aid 20"
)
_LEAD_IN = re.compile(r"^[\W_]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(—–-]\s*)[\W_]*$")


# --- values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One thing a sentence states: its kind, canonical key, wording, place and context."""

    kind: str  # money percent count ordinal decade range score ratio time date weekday name
    key: tuple[object, ...]
    text: str
    start: int
    end: int
    unit: str = ""  # money: the currency; count: the word counted ("workers")
    # count: the noun counted as written, past describing words, capitalised too ("136
    # forcibly mobilized Koreans": "Koreans"); counts of different nouns measure different things
    counted: str = ""
    context: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    beside: tuple[str, str] = ("", "")  # the nearest lower-case word before and after it
    # The value this one restates in brackets: "$20m (£10.5m)" gives £10.5m the anchor $20m.
    anchor: Value | None = field(default=None, compare=False, hash=False)

    @property
    def group(self) -> str:
        """Values of one group can be paired: money in one currency, dates with dates."""
        if self.kind == "money":
            return f"money:{self.unit}"
        if self.kind in ("date", "month", "year"):
            return "date"
        return self.kind

    @property
    def shown_kind(self) -> str:
        """The kind a reader is shown: the group without its currency ("money", "date")."""
        return self.group.split(":", 1)[0]

    def same(self, other: Value) -> bool:
        """One value however written: equal keys, a date that agrees where both are precise,
        a name that is the other with fewer words ("Smith", "John Smith") or its initials."""
        if self.group != other.group:
            return False
        if self.group == "date":
            a, b = self.key, other.key
            shared = [i for i in range(3) if a[i] is not None and b[i] is not None]
            return bool(shared) and all(a[i] == b[i] for i in shared)
        if self.kind == "name":
            return _same_name(self.key, other.key)
        if self.kind in ("money", "count", "percent"):
            x, y = self.key[0], other.key[0]
            if not isinstance(x, int | float) or not isinstance(y, int | float):
                return False  # a number's key starts with its amount; nothing else compares
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0)
        return self.key == other.key


def _number(text: str) -> float | None:
    t = text.strip().lower().replace(",", "")
    hundred = t.endswith(" hundred")
    if hundred:
        t = t[: -len(" hundred")].strip()
    if t in NUMBER_WORDS:
        n: float = NUMBER_WORDS[t]
    else:
        try:
            n = float(t)
        except ValueError:
            return None
    return n * 100 if hundred else n


def _scaled(num: str | None, scale: str | None) -> float | None:
    if num is None:
        return None
    n = _number(num)
    if n is None:
        return None
    return n * SCALES.get((scale or "").lower(), 1.0)


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    assert digits is not None, text  # the date patterns give a day that starts with digits
    return int(digits.group())


Read = tuple[str, tuple[object, ...], str]  # a value's kind, key and unit


def _read_money(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    if g["cur"]:
        amount = _scaled(g["num"], g["scale"])
        cur = CURRENCIES.get(g["cur"].lower(), g["cur"])
    else:
        amount = _scaled(g["num2"], g["scale2"])
        cur = CURRENCIES.get(g["cur2"].lower(), g["cur2"])
        if g["cur2"].lower() == "won" and not g["num2"][0].isdigit():
            return None  # "two won" is a verb
    return None if amount is None else ("money", (amount,), cur)


def _read_percent(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    n = _number(g["num"])
    return None if n is None else ("percent", (n,), "")


def _read_date(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    if g["iy"]:
        return "date", (int(g["iy"]), int(g["im"]), int(g["id"])), ""
    if g["mon"]:
        y = int(g["y"]) if g["y"] else None
        return "date", (y, _month(g["mon"]), _day(g["d"])), ""
    if g["mon2"]:
        y = int(g["y2"]) if g["y2"] else None
        return "date", (y, _month(g["mon2"]), _day(g["d2"])), ""
    return "date", (int(g["y3"]), _month(g["mon3"]), None), ""


def _read_month(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    return "month", (None, _month(g["mon"] or g["mon2"]), None), ""


def _read_weekday(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    return "weekday", (WEEKDAYS[g["w"].lower()],), ""


def _read_time(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    if g["h3"]:
        return "time", (int(g["h3"]) * 60 + int(g["mi3"]),), ""
    hour = int(g["h"] or g["h2"])
    minute = int(g["mi"] or 0)
    ap = (g["ap"] or g["ap2"] or "").replace(".", "").lower()
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    if not ap and g["h"] and "." in m.group():
        return None  # "3.45" is a decimal, not a time
    return "time", (hour * 60 + minute,), ""


def _read_decade(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    year = int(g["y"]) if g["y"] else 1900 + int(g["yy"])
    return "decade", (year,), ""


def _read_range(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    lo = _scaled(g["lo"] or g["lo2"], g["scale"] or g["scale2"])
    hi = _scaled(g["hi"] or g["hi2"], g["scale"] or g["scale2"])
    if lo is None or hi is None:
        return None
    return "range", (lo, hi), ""


def _read_score(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    return "score", (int(g["a"]), int(g["b"])), ""


def _read_ratio(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    return "ratio", (int(g["a"]), int(g["b"])), ""


def _read_ordinal(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    n = int(g["n"].replace(",", "")) if g["n"] else ORDINAL_WORDS[g["w"].lower()]
    return "ordinal", (n,), ""


def _read_year(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    return "year", (int(g["y"]), None, None), ""


def _read_count(m: re.Match[str]) -> Read | None:
    g = m.groupdict()
    amount = _scaled(g["num"], g["scale"]) if g["num"] else _scaled(g["w"], g["scale2"])
    return None if amount is None else ("count", (amount,), "")


@dataclass(frozen=True)
class FactRule:
    """One kind of value a sentence states: its pattern, and how a match reads as a value (or
    does not). ``needs_digits``: tried only on a sentence with a digit in it."""

    kind: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str]], Read | None]
    needs_digits: bool = False


# The rules, tried in this order: where one found a value, the next do not look.
RULES: list[FactRule] = [
    FactRule(
        "money",
        re.compile(
            rf"(?P<cur>{_CUR_PREFIX})\s?(?P<num>{_DIGITS})(?:\s?(?P<scale>{_SCALE})\b)?"
            rf"|(?<![\w.,])(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE}))?\s(?P<cur2>{_CUR_WORD})\b"
        ),
        _read_money,
    ),
    FactRule(
        "percent",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM})\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)"
        ),
        _read_percent,
    ),
    FactRule(
        "date",
        re.compile(
            rf"\b(?P<d>{_DAY})\s(?:of\s)?(?P<mon>{_MONTH})(?![a-z])(?:,?\s(?P<y>{_YEAR})\b)?"
            rf"|\b(?P<mon2>{_MONTH})\s(?P<d2>{_DAY})(?![\d,]\d)(?!\d)(?:,?\s(?P<y2>{_YEAR})\b)?"
            rf"|\b(?P<mon3>{_MONTH})(?:,?\s(?P<y3>{_YEAR})\b)"
            rf"|\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b"
        ),
        _read_date,
        needs_digits=True,
    ),
    FactRule(
        "month",
        re.compile(
            r"\b(?P<mon>January|February|March|April|June|July|August|September|October|"
            r"November|December)\b(?!\s+\d)"
            r"|\b(?:in|of|since|until|by|from|last|next|early|late|mid|this|that)[\s-]"
            r"(?P<mon2>May)\b(?!\s+\d)"
        ),
        _read_month,
    ),
    FactRule(
        "weekday",
        re.compile(r"\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"),
        _read_weekday,
    ),
    FactRule(
        "time",
        re.compile(
            r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)\s?(?P<ap>[ap]\.?m\.?)?(?![\d%])"
            r"|\b(?P<h2>1[0-2]|0?[1-9])\s?(?P<ap2>[ap]\.?m\.?)(?!\w)"
            r"|\b(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)\s?(?P<tz>GMT|BST|UTC|[ECMP][SD]T|KST|JST)\b"
        ),
        _read_time,
        needs_digits=True,
    ),
    FactRule(
        "decade",
        re.compile(r"(?<![\w£$€])(?P<y>1[6-9]\d0|20[0-9]0)['’]?s\b|['’](?P<yy>\d0)s\b"),
        _read_decade,
        needs_digits=True,
    ),
    FactRule(
        "range",
        re.compile(
            rf"\b(?i:between)\s(?P<lo>{_NUM})\sand\s(?P<hi>{_NUM})(?:\s?(?P<scale>{_SCALE})\b)?"
            rf"|\b(?i:from)\s(?P<lo2>{_NUM})\sto\s(?P<hi2>{_NUM})(?:\s?(?P<scale2>{_SCALE})\b)?"
        ),
        _read_range,
    ),
    FactRule(
        "score",
        re.compile(
            r"(?<![\w.,/£$€-])(?P<a>\d{1,4})\s?[-–]\s?(?P<b>\d{1,4})(?![\w.,/-]|\s?(?:%|per cent))"
        ),
        _read_score,
        needs_digits=True,
    ),
    FactRule(
        "ratio",
        re.compile(r"(?<![\w./])(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\w/]|\.\d)"),
        _read_ratio,
        needs_digits=True,
    ),
    FactRule(
        "ordinal",
        re.compile(
            r"(?<![\d,])\b(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b|\b(?P<w>(?i:"
            + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
            + r"))\b"
        ),
        _read_ordinal,
    ),
    FactRule(
        "year",
        re.compile(rf"(?<![\w£$€.,/-])(?P<y>{_YEAR})(?![\w%]|[.,]\d|\s?(?:{_SCALE})\b)"),
        _read_year,
        needs_digits=True,
    ),
    FactRule(
        "count",
        re.compile(
            rf"(?<![\w.,/£$€:-])(?P<num>{_DIGITS})(?:\s?(?P<scale>{_SCALE})\b)?(?![\w%:/]|[.,]\d)"
            rf"|\b(?P<w>(?i:{_WORDNUM}))(?:\s(?P<scale2>hundred|thousand|million|billion))?\b"
        ),
        _read_count,
    ),
]


def _name_key(words: Sequence[str]) -> tuple[str, ...]:
    out = []
    for word in words:
        w = re.sub(r"['’]s$", "", word).rstrip(".").lower()
        if w in _CONNECTORS or w in TITLES:
            continue
        if len(w) > 3 and w.endswith("s") and not word.isupper():
            w = w[:-1]  # "X-rays" and "X-ray", "Koreans" and "Korean"
        out.append(str(NUMBER_WORDS.get(w, w)))
    return tuple(out)


# Names of one country.
_ALIASES = [
    {"uk", "britain", "great britain", "united kingdom"},
    {"us", "usa", "united state", "america", "united states of america"},
    {"tory", "torie", "conservative", "conservative party", "tory party"},
]


@lru_cache(maxsize=65536)
def _same_name(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    sa, sb = {str(x) for x in a}, {str(x) for x in b}
    ja, jb = " ".join(map(str, a)), " ".join(map(str, b))
    if any(ja in group and jb in group for group in _ALIASES):
        return True
    if not sa or not sb:
        return False
    if sa <= sb or sb <= sa:
        return True
    if "".join(map(str, a)) == "".join(map(str, b)):  # "BBC Two" and "BBC2"
        return True
    for short, long in ((a, b), (b, a)):  # "UN" and "United Nations"
        if len(short) == 1 and len(long) > 1 and str(short[0]) == "".join(str(w)[0] for w in long):
            return True
    return len(a) == len(b) and all(  # "Lib Dems" and "Liberal Democrats"
        len(x) >= 3 and len(y) >= 3 and (x.startswith(y) or y.startswith(x))
        for x, y in zip(map(str, a), map(str, b), strict=True)
    )


def _names(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, tuple[str, ...]]]:
    common = common_words()
    out = []
    for m in _NAME.finditer(text):
        spans = [
            (w.start() + m.start(), w.end() + m.start()) for w in re.finditer(r"\S+", m.group())
        ]
        words = [text[s:e] for s, e in spans]
        # Leading words that are not names ("The", "On", a capital that only starts a sentence).
        while words:
            low = words[0].rstrip(".'’").lower()
            at_start = bool(_SENTENCE_START.search(text[: spans[0][0]]))
            if (
                low in _NOT_NAMES
                or low in MONTHS
                or low in WEEKDAYS
                or low in NUMBER_WORDS
                or low in ORDINAL_WORDS
                or low in _CONNECTORS
                or (at_start and low in common)
            ):
                words, spans = words[1:], spans[1:]
                continue
            break
        while words and words[-1].rstrip(".'’").lower() in _CONNECTORS | _NOT_NAMES:
            words, spans = words[:-1], spans[:-1]
        if not words:
            continue
        if (
            len(words) > 1
            and words[-1].isdigit()
            and any(s < spans[-1][1] and spans[-1][0] < e for s, e in taken)
        ):
            words, spans = words[:-1], spans[:-1]  # the figure after a name is a value of its own
        start, end = spans[0][0], spans[-1][1]
        while end > start and text[end - 1] in ".'’":
            end -= 1
        if any(s < end and start < e for s, e in taken):
            continue
        key = _name_key(text[start:end].split())
        if key:
            out.append((start, end, key))
    return out


def _unit(toks: list[Tok], end: int, text: str) -> str:
    """The word a count counts: the next word after it when that word is lower case."""
    for t in toks:
        if t.start >= end:
            return t.stem if text[t.start].islower() else ""
    return ""


_COUNTED = re.compile(
    r"\s*(?:(?:[a-z]+ly|[a-z]+ed|more|other|new|extra|additional|former|young|local)\s+){0,2}"
    r"(?P<noun>[A-Za-z][a-z]+(?:-[a-z]+)?)\b"
)
_NOT_COUNTED = frozenset(
    {
        "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "the", "a", "an",
        "as", "but", "than", "who", "which", "that", "were", "was", "are", "is", "be", "been",
        "have", "had", "has", "people", "times", "per",
    }
)  # fmt: skip


def _counted(text: str, end: int) -> str:
    """The noun a count counts: the word after the figure, past up to two describing words
    ("forcibly mobilized"); "" when what follows is not a noun of its own ("136 of them",
    "killed 136 in all")."""
    m = _COUNTED.match(text, end)
    if m is None:
        return ""
    noun = m.group("noun").lower()
    if noun in _NOT_COUNTED or noun in NUMBER_WORDS or noun in SCALES:
        return ""
    return m.group("noun")


def _context(
    text: str, toks: list[Tok], start: int, end: int, window: int = 4
) -> tuple[dict[str, float], tuple[str, str]]:
    """Lower-case words near a value, weighted 1/distance: what the value is a figure *of*;
    and the nearest one on each side.

    Capitalised words and figures are left out, so a neighbouring name or number doesn't make
    two values look alike."""
    words = [t for t in toks if text[t.start].islower() and not t.stem[0].isdigit()]
    before = [t for t in words if t.end <= start][-window:]
    after = [t for t in words if t.start >= end][:window]
    weights: dict[str, float] = {}
    for distance, tok in enumerate(reversed(before), 1):
        weights[tok.stem] = max(weights.get(tok.stem, 0.0), 1.0 / distance)
    for distance, tok in enumerate(after, 1):
        weights[tok.stem] = max(weights.get(tok.stem, 0.0), 1.0 / distance)
    beside = (before[-1].stem if before else "", after[0].stem if after else "")
    return weights, beside


def values_of(text: str, toks: list[Tok] | None = None) -> list[Value]:
    """The values a sentence states, in reading order, each with the words around it."""
    toks = tokens(text) if toks is None else toks
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, tuple[object, ...], str]] = []
    digits = any(c.isdigit() for c in text)
    for rule in RULES:
        if not digits and rule.needs_digits:
            continue
        kind = rule.kind
        for m in rule.pattern.finditer(text):
            start, end = m.span("mon2") if kind == "month" and m.group("mon2") else m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            read = rule.read(m)
            if read is None:
                continue
            value_kind, key, unit = read
            if value_kind == "count" and _inside_name(text, start, m):
                continue
            if value_kind == "count" and m.group("w") and not _counts(text, m):
                continue
            if value_kind == "ordinal" and m.group("w") and not _ranks(text, m):
                continue
            taken.append((start, end))
            found.append((start, end, value_kind, key, unit))
    for start, end, key in _names(text, taken):
        found.append((start, end, "name", key, ""))
    found.sort()
    out: list[Value] = []
    for start, end, kind, key, unit in found:
        counted = ""
        if kind == "count":
            unit = _unit(toks, end, text)
            counted = _counted(text, end)
        context, beside = _context(text, toks, start, end)
        anchor = None
        if out and out[-1].kind == kind and re.fullmatch(r"\s*\(\s*", text[out[-1].end : start]):
            anchor = out[-1]
        value = Value(
            kind, key, text[start:end], start, end, unit, counted, context, beside, anchor
        )
        out.append(value)
    return out


_PRONOUN_ONE = re.compile(
    r"(?i:\b(?:no|any|every|each|some|the|this|that|which|anyone|someone|everyone|last|only)"
    r"\s+$)"
)


def _counts(text: str, m: re.Match[str]) -> bool:
    """A number word counts something ("two goals"), unlike "one of them" or "no one"."""
    word = m.group("w").lower()
    after = text[m.end() :].lstrip()
    if word == "one" and (
        _PRONOUN_ONE.search(text[: m.start()])
        or re.match(r"(?i:of|another|who|which|that|day|way|thing|time|is|was|has|will)\b", after)
    ):
        return False
    return bool(re.match(r"[a-z(]", after)) or bool(re.match(r"[A-Z]", after) and word != "one")


def _ranks(text: str, m: re.Match[str]) -> bool:
    """An ordinal word that ranks ("third place", "his fourth novel"), unlike "at first"."""
    before = text[: m.start()].rstrip().lower()
    after = text[m.end() :].lstrip()
    if re.search(r"\b(?:at|for the|first|second)$", before) and not after[:1].isalpha():
        return False
    word = m.group("w").lower()
    if word == "second" and re.match(r"(?:s\b|half|hand|[,.;]|time)", after):
        return word == "second" and after.startswith("time")
    return True


def _inside_name(text: str, start: int, m: re.Match[str]) -> bool:
    """A figure that belongs to a name ("Channel 4", "Band Aid 20", "BBC Two")."""
    if m.group("w") and not m.group("w")[0].isupper():
        return False
    before = text[:start]
    word = re.search(r"([A-Z][\w'’-]*)\s?$", before)
    if not word:
        return False
    low = word.group(1).lower()
    if low in _NOT_NAMES or low in MONTHS or low in WEEKDAYS or low in TITLES:
        return False
    at_start = bool(_SENTENCE_START.search(before[: word.start()]))
    return not (at_start and low in common_words())


# --- pairing --------------------------------------------------------------------------------

# How much nearby wording two values must share to measure the same thing. Names need an
# identical neighbouring word at distance one, or they pair up by accident.
ROLE_MATCH = {"name": 1.0}
ROLE_MATCH_DEFAULT = 0.5
EQUAL_BONUS = 0.5


def affinity(x: Value, y: Value) -> float:
    if x.kind == "name" and not any(p and p == q for p, q in zip(x.beside, y.beside, strict=True)):
        return 0.0  # names stand in one role only beside the same word, on the same side
    score = sum(w * y.context[k] for k, w in x.context.items() if k in y.context)
    if x.kind == y.kind == "count" and x.unit and x.unit == y.unit:
        score += 0.5
    if x.anchor is not None and y.anchor is not None and x.anchor.same(y.anchor):
        score += 1.0  # both restate one value in another unit ("$50,000 (£27,000)")
    return score


def measure(x: Value, y: Value, text: str) -> str:
    """The words both values stand by: what they measure, as written on side A."""
    shared = sorted(
        ((w * y.context[k], k) for k, w in x.context.items() if k in y.context), reverse=True
    )
    if not shared:
        return x.unit
    best = shared[0][1]
    for t in tokens(text):
        if t.stem == best:
            return text[t.start : t.end]
    return best


@dataclass(frozen=True)
class Paired:
    """Two values that measure the same thing and differ (``scope``: two counts of one
    measure that count different things, "killed 136 Koreans" and "killed 183 workers")."""

    a: Value
    b: Value
    a_where: int  # which of the passage's sentences (index into the list given)
    b_where: int
    score: float
    scope: bool = False


def _one_count(v: Value, w: Value) -> bool:
    """``v`` and ``w`` are one figure of one noun ("136 Koreans" and "136 forcibly mobilized
    Koreans")."""
    return v.same(w) and not counts_apart(v, w) and bool(v.counted)


def _scopes(
    gx: list[tuple[int, Value]], gy: list[tuple[int, Value]], found: list[tuple[float, int, int]]
) -> list[Paired]:
    """Differences of scope among counts of different nouns: both stand right after the same
    word ("killed 136 Koreans", "killing 183 workers"), one side also states the other's
    count ("183 workers — including 136 forcibly mobilized Koreans") and the other side does
    not state its figure. Each value in one at most, the closest first."""
    out: list[Paired] = []
    used_x: set[int] = set()
    used_y: set[int] = set()
    for score, ix, iy in sorted(found, key=lambda c: (-c[0], c[1], c[2])):
        (i, x), (j, y) = gx[ix], gy[iy]
        if ix in used_x or iy in used_y or not x.beside[0] or x.beside[0] != y.beside[0]:
            continue
        a_wider = any(_one_count(y, o) for _, o in gx) and not any(x.same(o) for _, o in gy)
        b_wider = any(_one_count(x, o) for _, o in gy) and not any(y.same(o) for _, o in gx)
        if a_wider or b_wider:
            used_x.add(ix)
            used_y.add(iy)
            out.append(Paired(x, y, i, j, score, scope=True))
    return out


def counts_apart(x: Value, y: Value) -> bool:
    """Two counts of different things: each names what it counts, and not the same."""
    return bool(
        x.counted and y.counted and stem_word(x.counted.lower()) != stem_word(y.counted.lower())
    )


def pair_values(
    a: Sequence[Sequence[Value]], b: Sequence[Sequence[Value]], *, near_copy: bool = False
) -> list[Paired]:
    """Pair the values of two passages (each a list of sentences' values) by what they
    measure; return the pairs that differ.

    A value pairs with the other side's value of its group that shares the most nearby words
    (an equal value gets a bonus); a pair is a difference when the two values differ, unless
    either value stands on both sides (a value the other side also states is not disputed).
    In a ``near_copy`` (two sentences nearly identical), one value left unpaired on each side
    pairs on its own. Two counts of different things ("136 Koreans", "183 workers") never pair
    as a difference; standing by the same words, they are returned as a difference of
    ``scope``.

    Names are compared only in a near copy, and a name the other side also mentions is never
    in dispute: in sentences written by different hands, the people and places named differ
    for every reason but disagreement.
    """
    xs = [(i, v) for i, vs in enumerate(a) for v in vs]
    ys = [(j, v) for j, vs in enumerate(b) for v in vs]
    out: list[Paired] = []
    for group in {v.group for _, v in xs} & {v.group for _, v in ys}:
        if group == "name" and not near_copy:
            continue
        gx = [(i, v) for i, v in xs if v.group == group]
        gy = [(j, v) for j, v in ys if v.group == group]
        need = ROLE_MATCH.get(group, ROLE_MATCH_DEFAULT)
        candidates = []
        scopes = []
        for ix, (_, x) in enumerate(gx):
            for iy, (_, y) in enumerate(gy):
                aff = affinity(x, y)
                if counts_apart(x, y):  # not one measure: at most a difference of scope
                    scopes.append((aff, ix, iy))
                    continue
                same = x.same(y)
                if same or aff >= need:
                    candidates.append((aff + (EQUAL_BONUS if same else 0.0), same, ix, iy))
        candidates.sort(key=lambda c: (-c[0], c[2], c[3]))
        used_x: set[int] = set()
        used_y: set[int] = set()
        chosen: list[tuple[int, int, float]] = []
        for score, same, ix, iy in candidates:
            if ix in used_x or iy in used_y:
                continue
            used_x.add(ix)
            used_y.add(iy)
            if not same:
                chosen.append((ix, iy, score))
        if near_copy:
            left_x = [ix for ix in range(len(gx)) if ix not in used_x]
            left_y = [iy for iy in range(len(gy)) if iy not in used_y]
            if len(left_x) == 1 and len(left_y) == 1:
                chosen.append((left_x[0], left_y[0], 0.0))
        for ix, iy, score in chosen:
            (i, x), (j, y) = gx[ix], gy[iy]
            if x.same(y):
                continue
            x_both, y_both = any(x.same(o) for _, o in gy), any(y.same(o) for _, o in gx)
            if x_both or y_both:
                continue  # a value the other side also states is never in dispute
            out.append(Paired(x, y, i, j, score))
        out.extend(_scopes(gx, gy, scopes))
    out.sort(key=lambda p: (p.a_where, p.a.start))
    return out
