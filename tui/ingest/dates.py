"""Publication dates read from the text of a page, when no metadata declares one.

Two places are trusted, in this order:

1. A publication line: a short line that is a date with at most a few words around it
   ("Published 7:07 PM EST Nov 19, 2019", "By Paul Ausick December 29, 2014 4:08 pm EST",
   "Updated: 9 November 2023"). A "Published"/"Posted" line wins over an "Updated" one. A date
   inside a sentence (a caption, a correction, a quote) is not a publication line.
2. The lead: the first full date in the first paragraph, moved by the words around it
   ("starting tomorrow … May 19–20, 2026" was written on 2026-05-18).

Numeric dates that could be day/month or month/day (08/11/2023) are not guessed, and a date
later than today is not taken: a missing date is better than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tui.text.vocabulary import MONTH_ABBREVIATIONS, MONTHS

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    # January 13, 2026 · Jan. 13 2026 · Sept. 8, 2020 · May 19–20, 2026 (the first day)
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}(?:\s*[-–]\s*[0-3]?\d)?(?:,\s*|\s+){_YEAR}", re.I),
    # 13 January 2026 · 3 NOV 2023 · 28 Apr, 2020 · Tue 28 Apr 2020
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),
    # 2026-01-13 (also 2013-12-30T14:42:01)
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    # 12/30/2019 or 30/12/2019: only when one part cannot be a month
    re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])"),
]
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?"
    r"|\b(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|IST|AEST|AEDT|ET|PT|HKT|JST|KST|SGT)\b"
    r"|[+-]\d\d:?\d\d\b|\bT\d",
    re.I,
)
_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|first|modified|date|on|at|by|and|in|de|the|am|pm|"
    r"edt|est|min|mins|minute|minutes|read|timer\d*|comments?|add|comment)\b",
    re.I,
)
_UPDATED = re.compile(r"(?:updated|modified|last updated)", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|first published)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MAX_OTHER_WORDS = 6  # words a publication line may hold besides the date (a byline, a label)


# Every full date has a four-digit year: text without one is passed over before the patterns
# (each tries at every word boundary) run; that check was a quarter of reading a plain article.
_YEAR_ANYWHERE = re.compile(r"(?:19|20)\d\d(?!\d)")


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every unambiguous full date in ``text`` with its span, in order."""
    found: list[tuple[dt.date, int, int]] = []
    if not _YEAR_ANYWHERE.search(text):
        return found
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for _, s, e in found):
                continue
            date = _to_date(m)
            if date is not None:
                found.append((date, m.start(), m.end()))
    found.sort(key=lambda x: x[1])
    return found


def _to_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    try:
        if groups.get("month"):
            month = _month_key(groups["month"])
            return _checked(year, month, int(groups["day"])) if month else None
        if groups.get("mon"):
            return _checked(year, int(groups["mon"]), int(groups["day"]))
        a, b = int(groups["a"]), int(groups["b"])
    except (KeyError, ValueError):
        return None
    if a > 12 >= b:
        return _checked(year, b, a)
    if b > 12 >= a:
        return _checked(year, a, b)
    return None  # 08/11/2023: 8 November or August 11? Not guessed.


def _checked(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if date <= dt.date.today() + dt.timedelta(days=1) else None


def _month_key(name: str) -> int | None:
    key = name.lower().rstrip(".")
    return MONTH_ABBREVIATIONS.get(key[:4]) or MONTHS.get(key[:3])


def publication_line(line: str) -> tuple[dt.date, bool] | None:
    """``(date, is_update)`` when ``line`` is a date line, else None."""
    if len(line) > 200:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    published = _PUBLISHED.search(line)
    updated = _UPDATED.search(line)
    first, start, end = dates[0]
    if published and updated and updated.start() < published.start() and len(dates) > 1:
        first, start, end = dates[1]  # "Updated … Published …": take the published one
    rest = line[:start] + " " + line[end:]
    for _, s, e in dates[1:]:
        rest = rest.replace(line[s:e], " ")
    rest = _FILLER.sub(" ", _TIME.sub(" ", rest))
    if len(_WORD.findall(rest)) > MAX_OTHER_WORDS:
        return None
    is_update = updated is not None and updated.start() < start and not published
    return first, is_update


def from_lines(lines: list[str], start: int = 0) -> tuple[dt.date, int] | None:
    """The publication date from the first publication line at or after ``start`` (an
    "Updated" line only when no other is found), with the line's index."""
    update: tuple[dt.date, int] | None = None
    for i in range(start, len(lines)):
        got = publication_line(lines[i])
        if got is None:
            continue
        date, is_update = got
        if not is_update:
            return date, i
        update = update or (date, i)
    return update


_RELATIVE = (
    (re.compile(r"\btomorrow\b", re.I), -1),
    (re.compile(r"\byesterday\b", re.I), 1),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


_CAPTION = re.compile(
    r"\b(?:photo|photograph|pictured|file|image|getty|shutterstock|reuters/|ap/)\b|\(AP\)|/",
    re.I,
)


def from_lead(paragraphs: list[str]) -> dt.date | None:
    """The date the lead gives for its own story, or None.

    On real pages most dates in the first paragraphs belong to captions ("… at the Rafah
    crossing on November 1, 2023") or to earlier events, so only two shapes are taken: a full
    date in the first sentence of the article ("President Lee arrived in Nara on January 13,
    2026, to begin …"), and a full date that a "tomorrow" or "yesterday" before it ties to the
    day of writing ("… starting tomorrow. … The summit, scheduled for May 19–20, 2026 …" was
    written on 2026-05-18). Caption-like sentences are passed over.
    """
    before = ""
    first_sentence = True
    for paragraph in paragraphs[:3]:
        for sentence in _SENTENCE.split(paragraph):
            dates = find_dates(sentence)
            if dates and not _CAPTION.search(sentence):
                date = dates[0][0]
                context = before + " " + sentence[: dates[0][1]]
                for pattern, shift in _RELATIVE:
                    if pattern.search(context):
                        return date + dt.timedelta(days=shift)
                if first_sentence:
                    return date
            before += " " + sentence
            first_sentence = False
    return None


def declared_date(value: Any) -> dt.date | None:
    """A real calendar date from a metadata value, or None (``2024-02-30``, hour 25 …)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) > 10:
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None
