"""The vocabularies the readers share, one home each: months and weekdays, the wire services
(with where a page names each: a dateline, a credit line, a photo credit) and what a web
address looks like. The readers build their patterns from these tables (``tui.ingest.dates``,
``tui.ingest.outlets``, ``tui.ingest.chrome``, ``tui.compare.facts``, ``tui.text.sentences``)
rather than keep lists of their own that drift apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- the calendar -----------------------------------------------------------------------------

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# How the months are shortened in dates ("Jan.", "Sept 8"), and the number of each.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Every way a month is written, lower case, to its number (May is its own abbreviation).
MONTHS: dict[str, int] = {name: k for k, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS: dict[str, int] = {name: k for k, name in enumerate(WEEKDAY_NAMES)}


# --- the wire services ------------------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    """A news or photo agency: the name shown, the names it signs with (lower case), and where
    a page names it as the maker of what it carries."""

    name: str
    aliases: tuple[str, ...] = ()
    dateline: tuple[str, ...] = ()  # as written in "WASHINGTON (Reuters) -"
    credit: tuple[str, ...] = ()  # as written in a credit line of its own: "— AP"
    photo: tuple[str, ...] = ()  # as written in a photo's credit: "(AFP Photo)", "/ AFP"
    wire: bool = True  # a news service (an outlet); False: photos only (Getty, EPA)


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "AP",
        ("ap", "associated press", "the associated press"),
        dateline=("AP", "The Associated Press", "Associated Press"),
        credit=("AP", "The Associated Press", "Associated Press"),
        photo=("AP",),
    ),
    Agency(
        "AFP",
        ("afp", "agence france-presse", "agence france presse"),
        dateline=("AFP",),
        credit=("AFP",),
        photo=("AFP",),
    ),
    Agency("Reuters", ("reuters",), ("Reuters",), ("Reuters",), ("Reuters",)),
    Agency("Yonhap", ("yonhap",), ("Yonhap",), ("Yonhap",)),
    Agency("Kyodo", ("kyodo",), ("Kyodo",), ("Kyodo",)),
    Agency("UPI", ("upi",), ("UPI",)),
    Agency("Xinhua", ("xinhua",), ("Xinhua",)),
    Agency("dpa", ("dpa",), ("dpa",)),
    Agency("EFE", ("efe",), ("EFE",)),
    Agency("PTI", ("pti",), ("PTI",)),
    Agency("IANS", ("ians",), ("IANS",)),
    Agency("ANI", ("ani",)),
    Agency("PA", ("pa",), photo=("PA",)),
    Agency("Bloomberg", ("bloomberg",), ("Bloomberg",)),
    Agency("Getty", photo=("Getty",), wire=False),
    Agency("EPA", photo=("EPA",), wire=False),
)
# A wire service by any name it signs with, lower case: the name shown.
AGENCY_NAMES: dict[str, str] = {
    alias: agency.name for agency in AGENCIES if agency.wire for alias in agency.aliases
}


def alternation(names: list[str]) -> str:
    """Names as one regex alternative, escaped, in the order given."""
    return "|".join(re.escape(name) for name in names)


def agencies_in(place: str) -> str:
    """The agencies a page names in ``place`` ("dateline", "credit" or "photo"), as a regex
    alternative in the table's order."""
    return alternation([name for agency in AGENCIES for name in getattr(agency, place)])


# --- web addresses ----------------------------------------------------------------------------

# A line that is only a site's address: "www.example.co.uk", "https://example.com/".
ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/?$", re.I)
