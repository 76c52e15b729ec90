"""Who published an article, from what the page says of itself: never from whom it quotes.

The outlet is the one field a comparison of sources cannot have wrong, so only declarations
count: a site name in the title's tail (" | National Post"), an agency dateline or credit
("WASHINGTON (Reuters) -", "— AP", "Y.Nakamura--AFP"), a copyright or contact trailer, the
article's URL. A quoted agency ("told AFP news agency", "according to Reuters") is a source the
article cites, not the outlet, and is never taken.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Wire services by the names and codes they sign with.
AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "upi": "UPI",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "xinhua": "Xinhua",
    "dpa": "dpa",
    "efe": "EFE",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "pa": "PA",
    "bloomberg": "Bloomberg",
}

# Outlets known by the domain of their site or e-mail addresses.
DOMAINS = {
    "heraldcorp.com": "The Korea Herald",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "yna.co.kr": "Yonhap",
    "afp.com": "AFP",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "ap.org": "AP",
    "kyodonews.jp": "Kyodo",
    "japantimes.co.jp": "The Japan Times",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nhk.or.jp": "NHK",
    "joongang.co.kr": "JoongAng Daily",
    "chosun.com": "The Chosun Ilbo",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "cnn.com": "CNN",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "aljazeera.com": "Al Jazeera",
    "npr.org": "NPR",
}

# Words that outlet names are made of: a title tail with one of these is a site name.
_OUTLET_WORDS = {
    "news", "times", "post", "herald", "journal", "observer", "tribune", "guardian", "telegraph",
    "daily", "gazette", "express", "mail", "online", "tv", "radio", "channel", "network",
    "today", "magazine", "press", "review", "chronicle", "standard", "independent", "insider",
    "wire", "week", "weekly", "star", "sun", "mirror", "economist", "bulletin", "courier",
    "record", "register", "dispatch", "sentinel", "examiner", "inquirer", "enquirer", "monitor",
    "reporter", "report", "globe", "nation", "citizen", "leader", "voice", "live", "media",
    "broadcasting", "agency", "newspaper", "digest", "beacon", "argus", "advocate", "bee",
    "journal-constitution", "free", "business", "politico", "wired", "atlantic", "republic",
    "statesman", "pioneer", "hindu", "mint", "scotsman", "newsweek", "newsday",
}  # fmt: skip
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/?$", re.I)
_TAIL_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|«|»)\s+")


def _looks_like_outlet(name: str) -> bool:
    """A short proper name that reads as a publication (not a person or a topic)."""
    words = name.split()
    if not (1 <= len(words) <= 6) or len(name) > 50 or name.endswith((".", "?", "!")):
        return False
    if _DOMAIN.match(name):
        return True
    lowered = {w.lower().strip(".,'’") for w in words}
    if lowered & _OUTLET_WORDS or name.lower() in AGENCIES:
        return name[:1].isupper() or name[:1].isdigit()
    if len(words) == 1:  # "MarketWatch", "CNN", "NPR": capitals inside or all capitals
        word = words[0]
        return (word.isupper() and len(word) >= 2) or any(c.isupper() for c in word[1:])
    return False


def split_title(raw: str) -> tuple[str, str | None]:
    """``(headline, outlet)`` from a page title with a site tail, e.g.
    "Macron condemns border controls | National Post" → ("Macron condemns border controls",
    "National Post"). Section tails between ("… | World | News | Express.co.uk") are dropped.
    The outlet is None when the tail does not read as a site name: "UK heading wrong way -
    Howard" stays whole."""
    title = " ".join(raw.split())
    pieces = _TAIL_SEPARATORS.split(title)
    if len(pieces) < 2:
        return title, None
    head = pieces[0]
    tail = pieces[-1].strip()
    if not _looks_like_outlet(tail) or len(head.split()) < 3:
        # A leading site name ("BBC News - Headline") is the other common shape.
        first = pieces[0].strip()
        rest = " ".join(pieces[1:])
        if len(pieces) == 2 and _looks_like_outlet(first) and len(rest.split()) >= 3:
            return rest, outlet_name(first)
        return title, None
    middle = pieces[1:-1]  # sections: short pieces between the headline and the site
    if any(len(p.split()) > 4 for p in middle):
        head = " - ".join(pieces[:-1])
    return head.strip(), outlet_name(tail)


def outlet_name(name: str) -> str:
    """A site name as the outlet: a domain becomes its known outlet, or stays as written."""
    name = name.strip()
    if m := _DOMAIN.match(name):
        domain = m.group(1).lower()
        return DOMAINS.get(domain, name)
    return AGENCIES.get(name.lower(), name)


def from_url(url: str | None) -> str | None:
    """The outlet of a known site, from the article's address."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.lower().removeprefix("www.")
    for domain, outlet in DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return outlet
    return None


# "WASHINGTON (Reuters) -", "NEW YORK, Nov 19 (Reuters) -", "SEOUL, Jan. 12 (Yonhap) --"
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'’-]{1,60}?\((?P<agency>AP|AFP|Reuters|Yonhap|Kyodo|UPI|Xinhua|dpa|EFE|PTI|"
    r"IANS|Bloomberg|The Associated Press|Associated Press)\)\s*[-–—]"
)
# "Y.Nakamura--AFP" (a wire byline on its own line), "— AP", "-- Reuters"
_WIRE_BYLINE = re.compile(r"^(?:[A-Z][\w.' -]{0,40}?)?\s?--\s?(?P<code>[A-Z]{2,6})$")
_CREDIT = re.compile(
    r"^[-–—]+\s*(?P<agency>AP|AFP|Reuters|The Associated Press|Associated Press|Yonhap|Kyodo)\s*$"
)
_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<name>[A-Z][^.,;|]{1,60}?)"
    r"(?:,?\s*(?:Inc|Ltd|LLC|plc|Limited|Corp)\.?)?[.,]?\s*(?:All rights reserved.*)?$",
    re.I,
)


def from_dateline(line: str) -> str | None:
    """The agency that signs a dateline or a credit line."""
    line = line.strip()
    if m := _DATELINE.match(line):
        return AGENCIES.get(m.group("agency").lower(), m.group("agency"))
    if m := _CREDIT.match(line):
        return AGENCIES.get(m.group("agency").lower(), m.group("agency"))
    return None


def from_wire_byline(line: str) -> str | None:
    """``Y.Nakamura--AFP``: the code after ``--`` when it is a known agency."""
    if m := _WIRE_BYLINE.match(line.strip()):
        return AGENCIES.get(m.group("code").lower())
    return None


def from_copyright(line: str) -> str | None:
    """ "Copyright 2020 The Associated Press. All rights reserved." → "AP"."""
    line = " ".join(line.split())
    if len(line) > 160:
        return None
    m = _COPYRIGHT.match(line)
    if not m:
        return None
    name = m.group("name").strip(" .,")
    if name.lower() in AGENCIES:
        return AGENCIES[name.lower()]
    return name if _looks_like_outlet(name) else None


def from_contact(line: str) -> str | None:
    """An e-mail or site trailer of a known outlet ("khnews@heraldcorp.com")."""
    line = line.strip()
    domain = line.rsplit("@", 1)[1] if "@" in line and " " not in line else line
    if m := _DOMAIN.match(domain):
        return DOMAINS.get(m.group(1).lower())
    return None
