"""Who published an article, from what the page says of itself: never from whom it quotes.

The outlet is the one field a comparison of sources cannot have wrong, so only declarations
count: a site name in the title's tail (" | National Post"), an agency dateline or credit
("WASHINGTON (Reuters) -", "— AP", "Y.Nakamura--AFP"), a copyright or contact trailer, the
article's URL. A quoted agency ("told AFP news agency", "according to Reuters") is a source the
article cites, not the outlet, and is never taken.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tui.text.vocabulary import ADDRESS, AGENCY_NAMES, agencies_in

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
_DOMAIN = ADDRESS
_TAIL_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|:|·|•|«|»)\s+")


def _looks_like_outlet(name: str, *, loose: bool = False) -> bool:
    """A short proper name that reads as a publication (not a person or a topic).

    ``loose`` is for a tail after a pipe (" | Vanity Fair"): pipes separate a page title from
    its site, so any short Title Case name is taken; after a dash the name must look like a
    publication ("The Root", "Chicago Sun-Times", "MarketWatch", "News18", "ABC13 Houston").
    """
    words = name.split()
    if words and name.endswith(".") and len(words[-1]) <= 4:
        name, words = name[:-1], [*words[:-1], words[-1][:-1]]  # "24/7 Wall St."
    if not (1 <= len(words) <= 6) or len(name) > 50 or name.endswith((".", "?", "!", "…")):
        return False
    if _DOMAIN.match(name):
        return True
    if not (name[:1].isupper() or name[:1].isdigit()) or "," in name:
        return False  # "Middletown, NY" is a place
    if name.lower() in _SECTIONS:
        return False
    capitalised = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words)
    parts = {p.lower().strip(".,'’()") for w in words for p in re.split(r"[-/]", w)}
    if (parts & _OUTLET_WORDS and capitalised) or name.lower() in AGENCY_NAMES:
        return True
    if capitalised and any(w.lower().endswith(tuple(_OUTLET_WORDS)) and len(w) > 5 for w in words):
        return True  # Businessweek, Gothamist-like compounds of an outlet word
    if _CALL_SIGN.fullmatch(name):
        return True  # a US station by its call letters: "- KESQ", "| WSVN"
    if len(words) == 1 and name.isupper() and name.isalpha() and name.lower() not in _BROADCASTERS:
        return loose  # "- TUC", "- NHS": who is quoted in a headline, unless after a pipe
    brand = [w for w in words if (w.isupper() and len(w) >= 2) or _BRAND.search(w)]
    if brand and capitalised:
        return True  # MarketWatch, CNN, News18, ABC13 Houston, HuffPost UK
    if words[0] == "The" and 2 <= len(words) <= 4 and capitalised:
        return True  # The Root, The Week, The Tico Times
    return loose and capitalised and len(words) <= 5


_CALL_SIGN = re.compile(r"[KW][A-Z]{3}(?:-(?:TV|FM|AM|DT))?")
_BRAND = re.compile(r"^[A-Za-z]+[A-Z0-9][A-Za-z0-9]*$|\d")  # inner capital or a digit
_SMALL = {"of", "the", "and", "for", "on", "in", "&", "de", "la", "a"}
_BROADCASTERS = {
    "cnn", "bbc", "npr", "abc", "cbs", "nbc", "pbs", "cnbc", "msnbc", "rte", "cbc", "itv", "sky",
    "rnz", "sbs", "nhk", "kbs", "dw", "afp", "ap", "upi", "wired", "time", "ndtv", "wsvn",
}  # fmt: skip
# Section names that sit between a headline and the site: never an outlet.
_SECTIONS = {
    "news", "latest news", "breaking news", "world", "world news", "politics", "sport", "sports",
    "business", "opinion", "home", "local", "local news", "us", "uk", "u.s.", "entertainment",
    "lifestyle", "health", "science", "tech", "technology", "culture", "travel", "money",
    "video", "videos", "live", "update", "updates", "analysis", "features", "national",
    "international", "top stories", "nation", "crime", "weather", "education", "economy",
}  # fmt: skip


def split_title(raw: str) -> tuple[str, str | None]:
    """``(headline, outlet)`` from a page title with a site tail, e.g.
    "Macron condemns border controls | National Post" → ("Macron condemns border controls",
    "National Post"). Section pieces ("… | World | News | Express.co.uk", "Update | …") are
    dropped. The outlet is None when no piece reads as a site name: "UK heading wrong way -
    Howard" stays whole."""
    title = " ".join(raw.split())
    title = re.sub(r"\s+(?:\||::|:|–|—|-|·|•)$", "", title)  # a separator left without its site
    seps = list(_TAIL_SEPARATORS.finditer(title))
    if not seps:
        return _leading_site(title)
    pieces, cuts, at = [], [], 0
    for m in seps:
        pieces.append(title[at : m.start()])
        cuts.append(m.group().strip())
        at = m.end()
    pieces.append(title[at:])
    # The site: a domain piece if there is one, else the rightmost piece that reads as a
    # site name on its own, else one that a pipe makes a site name (loosely): "… | WSVN
    # 7News | Miami News, Weather | Fort Lauderdale" is WSVN 7News.
    order = [k for k in range(len(pieces) - 1, 0, -1) if _DOMAIN.match(pieces[k].strip())]
    order += [k for k in range(len(pieces) - 1, 0, -1) if k not in order]
    strict = [k for k in order if _looks_like_outlet(pieces[k].strip())]
    loose = [k for k in order if cuts[k - 1] in ("|", "::", "•", "·")]
    found = [k for k in loose if _looks_like_outlet(pieces[k].strip(), loose=True)]
    if not strict and not found:
        return _leading_site(title)
    k = (strict or found)[0]
    head_pieces = pieces[:k]
    # The headline: the longest piece before the site; short pieces are sections or kickers.
    longest = max(head_pieces, key=lambda p: len(p.split()))
    if len(longest.split()) < 2:
        return title, None
    if len(head_pieces) > 1 and all(len(p.split()) > 4 for p in head_pieces):
        longest = " - ".join(head_pieces)  # a dash inside the headline itself
    return longest.strip(), outlet_name(pieces[k].strip())


def _leading_site(title: str) -> tuple[str, str | None]:
    """ "The Space Review: Seeking a bigger role" → ("Seeking a …", "The Space Review")."""
    for sep in (": ", " - ", " | "):
        first, found, rest = title.partition(sep)
        if found and _looks_like_outlet(first) and len(rest.split()) >= 3:
            if sep == ": " and not (set(first.lower().split()) & _OUTLET_WORDS):
                continue  # "Ebola: Healthcare worker …" is a kicker, not a site
            return rest.strip(), outlet_name(first)
    return title, None


def outlet_name(name: str) -> str:
    """A site name as the outlet: a domain becomes its known outlet, or stays as written."""
    name = name.strip()
    if m := _DOMAIN.match(name):
        domain = m.group(1).lower()
        return DOMAINS.get(domain, name)
    if _CALL_SIGN.fullmatch(name):
        return name.split("-")[0]  # "WSVN-TV" is WSVN
    return AGENCY_NAMES.get(name.lower(), _edition_dropped(name))


# A word a site adds after its name for its web edition, or the section a page is in: "Daily
# Mail Online", "HuffPost UK Politics". Only after two words or more: "Mail Online" and "The
# Next Web" are names; "News" never ("Sky News", "Fox News").
_EDITION = {"online"}


def _edition_dropped(name: str) -> str:
    """The outlet without a last word naming its web edition or one section ("Daily Mail
    Online" is the Daily Mail; "HuffPost UK Politics" is HuffPost UK), when two words are
    left."""
    words = name.split()
    last = words[-1].lower() if len(words) > 2 else ""
    if last in _EDITION or (last in _SECTIONS and last != "news"):
        return " ".join(words[:-1])
    return name


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
    rf"^[A-Z][\w .,'’-]{{1,60}}?\((?P<agency>{agencies_in('dateline')})\)\s*[-–—]"
)
# "Y.Nakamura--AFP" (a wire byline on its own line), "— AP", "-- Reuters"
_WIRE_BYLINE = re.compile(r"^(?:[A-Z][\w.' -]{0,40}?)?\s?--\s?(?P<code>[A-Z]{2,6})$")
_CREDIT = re.compile(rf"^[-–—]+\s*(?P<agency>{agencies_in('credit')})\s*$")
_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<name>[A-Z][^.,;|]{1,60}?|[a-z0-9-]+\.(?:com|co\.uk|ie|net|org|online))"
    r"(?:,?\s*(?:Inc|Ltd|LLC|plc|Limited|Corp)\.?)?[.,]?\s*(?:All rights reserved.*)?$",
    re.I,
)


def _agency(name: str) -> str:
    return AGENCY_NAMES.get(name.lower(), name)


def from_dateline(line: str) -> str | None:
    """The agency that signs a dateline or a credit line."""
    if m := _DATELINE.match(line.strip()):
        return _agency(m.group("agency"))
    return from_credit(line)


def from_credit(line: str) -> str | None:
    """A credit line that is only an agency ("— AP", "-- Reuters")."""
    if m := _CREDIT.match(line.strip()):
        return _agency(m.group("agency"))
    return None


def from_wire_byline(line: str) -> str | None:
    """``Y.Nakamura--AFP``: the code after ``--`` when it is a known agency."""
    if m := _WIRE_BYLINE.match(line.strip()):
        return AGENCY_NAMES.get(m.group("code").lower())
    return None


def from_copyright(line: str) -> str | None:
    """ "Copyright 2020 The Associated Press. All rights reserved." → "AP"."""
    line = " ".join(line.split())
    if len(line) > 160:  # only its first sentence: "© 2022, X.com. This article is the …"
        line = re.split(r"(?<=\.)\s+(?=[A-Z])", line, maxsplit=1)[0]
        if len(line) > 160:
            return None
    m = _COPYRIGHT.match(line)
    if not m:
        return None
    name = m.group("name").strip(" .,")
    if name.lower() in AGENCY_NAMES:
        return AGENCY_NAMES[name.lower()]
    if _CORPORATE.search(name) or _CORPORATE.search(line[m.end("name") :]):
        return None  # "Scripps Media", "STATS LLC": the owner, not the outlet
    return outlet_name(name) if _is_title(name) else None  # not "New York Public Radio"


# Words of a company's name or legal form: a name with one is an owner, not the outlet.
_COMPANY_WORDS = (
    r"media|group|inc|llc|ltd|limited|company|corp|corporation|communications|networks?|"
    r"holdings|publications|publishing|enterprises|ventures|digital|plc|partners|dac"
)
_CORPORATE = re.compile(rf"\b(?:{_COMPANY_WORDS}|\d{{4}})\b|\bL\.P\b", re.I)


def from_contact(line: str) -> str | None:
    """An e-mail or site trailer of a known outlet ("khnews@heraldcorp.com")."""
    line = line.strip()
    domain = line.rsplit("@", 1)[1] if "@" in line and " " not in line else line
    if m := _DOMAIN.match(domain):
        return DOMAINS.get(m.group(1).lower())
    return None


# A name as pages write their own: capitalised words or a domain ("Boston.com", "KentNews.Online"),
# with small joining words inside ("Trinidad and Tobago Guardian").
_WORD = r"(?:[A-Z0-9][\w&'’.-]*\w|[A-Z0-9])"
_NAME = rf"(?:[Tt]he\s+)?{_WORD}(?:\s+(?:(?:and|of|&|de|la)\s+)?{_WORD}){{0,4}}"
_SITE = r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|ie|net|org|online|[a-z]{2})\b"
_N = rf"(?P<n>{_NAME}|{_SITE})"
_N_SHORTEST = rf"(?P<n>{_NAME}?|{_SITE})"  # as few words as let the rest match: not "X SKIP AD"


@dataclass(frozen=True)
class SelfName:
    """One way a page names itself. ``words``: lower case, a line needs one of them for the
    pattern to be tried. ``site_only``: what only a site says of itself ("Gothamist is funded
    by", "Le Monde with AFP", "your Forbes account"), never of a writer as well ("Follow Jane Doe
    on", "More from Jane Doe", "Subscribe to Jane Doe's newsletter"). ``logo``: "X Logo", "X
    homepage", page furniture that names partners and owners too."""

    words: tuple[str, ...]
    pattern: str
    site_only: bool = False
    logo: bool = False
    rx: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rx", re.compile(self.pattern))


# Where a page names itself: "Follow Boston.com on Twitter", "More from WIRED", "Search
# DailyHerald.com", "Advertise with Yonhap News Agency", "About Channel 4 News", "the Belfast Live
# homepage", "download the Yahoo News app", "your Forbes account", "CityLab is a production of …".
# Each with the words (lower case) a line needs for it to be tried: a line with none of them
# is not, which keeps reading an article's own lines cheap (a pattern that begins with a name
# tries every position of a line).
_SELF_NAMES = [
    SelfName(("follow",), rf"(?i:\bfollow)\s+@?{_N}(?=\s+(?i:on|online)\b|\s*$)"),
    SelfName(
        ("more from", "latest from", "best of", "want more"),
        rf"(?i:\bmore from|\bthe latest from|\bbest of|\bwant more)\s+{_N}"
        r"(?=\s*[?!.]?\s*$|\s*[?!])",
    ),
    SelfName(("search",), rf"^(?:\(BUTTON\)\s*)?(?i:search)\s+{_N}(?=\s*$|\s+for\b)"),
    SelfName(("more ways to search",), rf"(?i:\bmore ways to search)\s+{_N}"),
    SelfName(("advertise",), rf"(?i:\badvertise (?:with|in|on))\s+{_N}\s*$", site_only=True),
    SelfName(
        ("subscribe to", "sign up"),
        rf"(?i:\bsubscribe to|\bsign up (?:for|to))\s+{_N}(?:['’]s)?"
        r"(?=\s+(?i:daily|newsletter)|\s*$)",
    ),
    SelfName(("about",), rf"^(?i:about)\s+{_N}\s*$"),
    SelfName(
        ("homepage", "home page", "logo"), rf"{_N}\s+(?i:homepage|home page|logo)\b", logo=True
    ),
    SelfName((" app",), rf"(?i:\bthe)\s+{_N}\s+(?i:app)\b", site_only=True),
    SelfName(("account",), rf"(?i:\byour)\s+{_N}\s+(?i:account)\b", site_only=True),
    SelfName(("skip to",), rf"(?i:skip to)\s+{_N}\s+(?i:navigation)", site_only=True),
    SelfName(("newsletter",), rf"^{_N}\s+(?i:newsletters?)(?:\s+(?i:sign ?up))?\s*$"),
    SelfName(
        ("is a production", "is a division", "is a leading", "is a registered", "is where"),
        rf"{_N}\s+(?i:is a (?:production|division|leading|registered)|is where)",
        site_only=True,
    ),
    SelfName(
        ("news from", "updates from", "stories from", "headlines from", "alerts from"),
        rf"(?i:\b(?:news|updates|stories|headlines|alerts) from)\s+{_N}"
        r"(?=\s*[:,.!?]|\s+(?i:directly|straight|to your|in your)\b|\s*$)",
    ),
    SelfName(
        ("subscription to",),
        rf"(?i:\bsubscription to)\s+{_N}(?=\s*[,.!?]|\s+(?i:you|today|and get)\b|\s*$)",
    ),
    SelfName(
        ("back to", "continue to", "return to"),
        rf"^(?i:back to|continue to|return to)\s+{_N_SHORTEST}"
        r"(?:\s+(?i:top page|home ?page|skip ad))?\s*$",
    ),
    SelfName(
        (" is published by", " is funded by", " is owned by", " is produced by"),
        rf"^{_N}\s+(?i:is (?:published|funded|owned|produced) by)\b",
        site_only=True,
    ),
    SelfName(  # what it is: "Gothamist is a website about …", "X is the leading news agency …"
        (" is a ", "leading"),
        rf"^{_N}\s+(?i:is a (?:website|news site|news website|newspaper)|is (?:the|a) (?:\S+ )?"
        r"leading)\b",
        site_only=True,
    ),
    SelfName(("delivered to",), rf"(?i:\b(?:get|have))\s+{_N}\s+(?i:delivered to)\b"),
    SelfName(
        (
            "stay connected with",
            "stay up to date with",
            "stay in touch with",
            "stay informed with",
        ),
        rf"(?i:\bstay (?:connected|up to date|in touch|informed) with)\s+{_N}(?=\s*$|\s+for\b)",
    ),
    SelfName(("fcc public",), rf"^{_N}\s+(?i:FCC public (?:inspection )?file)\b", site_only=True),
    SelfName(  # a writer's note: "Jane Doe is a staff writer at CityLab.", "… is the editor and
        # publisher of The Space Review"
        ("writer", "reporter", "editor", "correspondent", "columnist", "publisher"),
        r"(?i:\bis (?:an?|the) (?:staff |senior |contributing |political |chief )?(?:writer|"
        r"reporter|editor|correspondent|columnist|publisher)(?: and (?:editor|publisher))? "
        rf"(?:at|for|with|of))\s+{_N}(?=\s*[.,;]|\s*$)",
    ),
    SelfName(  # "By Politics.co.uk staff"
        ("staff",), rf"^(?i:by)\s+{_N}\s+(?i:staff)\s*$", site_only=True
    ),
    SelfName(("more about",), rf"^(?i:more about)\s+{_N}\s*$"),
    SelfName(  # its comment policy
        ("moderates comments",), rf"^{_N}\s+(?i:moderates comments)\b", site_only=True
    ),
    SelfName(  # its feeds' link titles
        ("feed",), rf"^#?{_N}\s+»\s+(?i:(?:comments )?feed)\b", site_only=True
    ),
    SelfName(  # "How do I whitelist Observer?"
        ("whitelist",), rf"(?i:\bwhitelist)\s+{_N}", site_only=True
    ),
    SelfName(  # a story's credit: "Le Monde with AFP"
        (" with ",),
        rf"^{_N}\s+(?i:with)\s+(?:AFP|AP|Reuters|(?i:agencies))\s*$",
        site_only=True,
    ),
    SelfName(  # its address and motto: "DominicanToday.com - The Dominican Republic News Source"
        (" - ", " – ", " | "),
        rf"^(?P<n>(?i:{_SITE}))\s+[-–|]\s+(?:The|Your)\s",
        site_only=True,
    ),
    SelfName(  # "KESQ Breaking News Email Alerts"
        ("alerts",),
        rf"^{_N_SHORTEST}\s+(?i:(?:breaking news\s+)?(?:e-?mail|news)\s+alerts)\s*$",
        site_only=True,
    ),
    SelfName(("has learned", "can reveal"), rf"(?i:\bthe)\s+{_N}\s+(?i:has learned|can reveal)\b"),
    SelfName(
        ("join the",),
        rf"(?i:\bjoin the)\s+{_N_SHORTEST}\s+(?i:whatsapp|facebook|community|team)\b",
    ),
]

_SELF_ANY = re.compile("|".join(re.escape(w) for rule in _SELF_NAMES for w in rule.words))
_LOGO = {n for n, rule in enumerate(_SELF_NAMES) if rule.logo}
_SITE_ONLY = {n for n, rule in enumerate(_SELF_NAMES) if rule.site_only}
_HOLDER = re.compile(  # (a "®" before the year is a "©" mistyped: "® 2020 The Week …")
    r"(?:©|®(?=\s*\d{4})|\b(?i:copyright)\b|\((?i:c)\))\s*(?:©\s*)?(?:(?i:copyright)\s*(?:©\s*)?)?"
    r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\.?\s*,?\s*)?"
    rf"(?P<n>{_NAME}|{_SITE})"
)
# "Jamaica Observer, 2022 © All Rights Reserved": the holder before the sign.
_HOLDER_FIRST = re.compile(
    rf"^(?P<n>{_NAME}|{_SITE}),?\s*(?:\d{{4}}\s*)?(?:©|\((?i:c)\)|\.?\s*(?i:all rights reserved))"
)  # or without the sign: "The Japan Times LTD. All rights reserved."
# What a company adds to its name: "Forbes Media LLC" is the owner of Forbes.
_COMPANY_FORM = re.compile(rf"(?:\s+(?:{_COMPANY_WORDS}|co|l\.?p|ag|sa|gmbh|pty)\.?)+$", re.I)
_NOT_SITES = {
    "us", "me", "menu", "search", "more", "home", "subscribe", "newsletter", "newsletters",
    "sign in", "log in", "our", "all", "this", "twitter", "facebook", "instagram", "linkedin",
    "youtube", "google", "apple", "cookie", "privacy", "all rights reserved", "rights reserved",
    "all rights", "copyright", "developed", "top", "top of page", "the top", "school",
}  # fmt: skip


def _key(name: str) -> str:
    """One key for "The Irish Times", "IRISH TIMES" and "IrishTimes" (and "Boston.com" and
    "Boston", which a page writes for the same site; "WSVN-TV" and "WSVN"; "TheRoot" and "The
    Root")."""
    if _CALL_SIGN.fullmatch(name):
        return name[:4].lower()
    low = re.sub(r"^the\s+", "", re.sub(r"^The(?=[A-Z][a-z])", "", name).lower())
    if _DOMAIN.match(low):
        stem = low.rsplit(".", 1)[0] if not low.endswith(".co.uk") else low[: -len(".co.uk")]
        low = stem if len(re.sub(r"[^a-z0-9]", "", stem)) >= 3 else low  # "NJ.com" stays whole
    return re.sub(r"[^a-z0-9]", "", low)


# A site's own address or e-mail domain anywhere on the page: "advertising@jamaicaobserver.com",
# "www.miamitodaynews.com" (the name before the suffix; "www." and sub-domains dropped).
_ADDRESS = re.compile(
    r"(?:@|\b(?:https?://)?(?:www\.))([a-z0-9-]+)\.(?:co\.uk|com\.au|co\.nz|co\.za|com|co|net|org|"
    r"online|news|ie|in|ca|au|uk|nz|tt|jm)\b",
    re.I,
)
# Words of a broadcaster's or owner's name: "New York Public Radio" owns Gothamist.
_OWNER_WORDS = {"radio", "television", "broadcasting", "network", "networks", "public", "tv"}


def _is_title(name: str) -> bool:
    """A publication's own name ("Kaieteur News", "The Intercept", "KentNews.Online"), not an
    owner's ("New York Public Radio", "Penske Business Media") nor two titles of one company
    ("Daily Record and Sunday Mail")."""
    if _CALL_SIGN.fullmatch(name):
        return True  # a station's call letters are its own name
    if _CORPORATE.search(name) or not _looks_like_outlet(name):
        return False
    return not _two_titles(name) and not _words(name) & _OWNER_WORDS


def _words(name: str) -> set[str]:
    return {w.lower().strip(",'’") for w in re.split(r"[\s.-]+", name) if w}


def _two_titles(name: str) -> bool:
    """ "Daily Record and Sunday Mail": the company that publishes both, not one outlet
    ("Trinidad and Tobago Guardian" is one)."""
    halves = re.split(r"\s+(?:and|&)\s+", name)
    return len(halves) > 1 and all(_words(h) & _OUTLET_WORDS for h in halves)


_LEGAL_FORM = re.compile(r",?\s*(?:Inc|LLC|Ltd|Limited|plc|Corp|L\.?P|GmbH|AG|SA|Pty)\b\.?", re.I)
_COMPANY_ONLY = re.compile(rf"(?:the\s+)?(?:{_COMPANY_WORDS})", re.I)  # "About the Company"
_COPYRIGHT_WORD = re.compile(r"^(?:copyright\b\s*)+|(?:\s*\bcopyright)+$", re.I)
_PAGE_PART = re.compile(r"\b(?:logo|header|footer|icon|image|button|menu)\b", re.I)


def _weight(found: Counter[str]) -> int:
    """How strongly a page names itself: self-references and copyright lines count double (a
    few of each: a menu can repeat a self-reference), a masthead line or an owner's name
    ("Forbes Media LLC" for Forbes) once."""
    return (
        2 * min(found["self"], 3)
        + 2 * min(found["copyright"], 2)
        + found["masthead"]
        + min(found["line"], 1)
        + min(found["owner"], 1)
        + found["address"]
    )


def _fold_short_keys(kinds: dict[str, Counter[str]]) -> None:
    """A page writes its name short and long ("Examiner" / "Washington Examiner"): a key that
    begins or ends exactly one longer key, the name of a copyright line or of the page's own
    address ("Herald" / "Boston Herald" beside bostonherald.com), counts for it (its
    spelling does not: the formal name is the longer one). A longer name found only in
    self-references or mastheads ("POLITICO Live", "Global News Home") takes nothing."""
    # Each key under its beginnings and endings, so a page of many names is read in time in
    # proportion to it (comparing every key with every other took minutes on 30,000).
    beginning: dict[str, set[str]] = {}
    ending: dict[str, set[str]] = {}
    for k in kinds:
        for n in range(5, len(k)):
            beginning.setdefault(k[:n], set()).add(k)
            ending.setdefault(k[-n:], set()).add(k)
    for key in sorted(kinds, key=len):
        if len(key) < 5:
            continue
        longer = beginning.get(key, set()) | ending.get(key, set())  # each longer than key
        if len(longer) == 1:
            (k,) = longer
            if kinds[k]["copyright"] or kinds[k]["address"]:
                kinds[k].update(kinds.pop(key))


def _fold_initials(
    kinds: dict[str, Counter[str]], spellings: dict[str, Counter[str]], ways: dict[str, set[int]]
) -> None:
    """A page writes its name by its initials too ("By TOI staff" beside "Join The Times of
    Israel Community"): a name in capitals that is the initials of exactly one other name
    found on the page counts for it, with the ways it is said."""
    by_initials: dict[str, set[str]] = {}
    for key in kinds:
        for name in spellings[key]:
            if initials := _initials(name):
                by_initials.setdefault(initials, set()).add(key)
    for key in list(kinds):
        if not any(n.isupper() and n.isalpha() and 2 <= len(n) <= 5 for n in spellings[key]):
            continue
        longer = [k for k in by_initials.get(key, ()) if k != key and k in kinds]
        if len(longer) == 1:
            kinds[longer[0]].update(kinds.pop(key))
            ways.setdefault(longer[0], set()).update(ways.pop(key, set()))


def _initials(name: str) -> str:
    """ "The Times of Israel" → "toi"."""
    words = re.findall(r"[A-Za-z0-9]+", name)
    if words and words[0].lower() == "the":
        words = words[1:]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def from_page(lines: list[str]) -> str | None:
    """The outlet of a whole-page dump, from how the page names itself.

    The kinds of evidence: the holder of a copyright line (not a company: "Forbes Media LLC"
    and "MGN Limited" are owners; an owner whose name begins with a name found otherwise
    supports it), a self-reference ("Follow X on", "More from X", "Search X", "About X", "X
    homepage" …), a masthead (a short name among the first lines) and the site's own address
    (e-mail or web, which only supports a name found otherwise). The name with the most
    evidence is taken when two kinds agree on it, or when the page says it plainly: a
    publication's name in self-references of two kinds ("Follow X on", "More from X"), or a
    copyright line whose holder is a publication's own name ("© 2022 Kaieteur News"). A holder
    that is a company ("BuzzFeed, Inc.") or a broadcaster's owner ("New York Public Radio" for
    Gothamist) is not enough alone, nor is a byline's "Follow Jane Doe on Twitter" or a menu's
    section names. When two names have the same evidence, a publication's name is taken over
    a person's or an owner's, else the outlet is not known. The page's own spelling variants
    ("WIRED", "Wired", "Boston.com", "Boston") count together.
    """
    nonblank = [x.strip().lstrip("*+-•").strip() for x in lines if x.strip()]
    kinds: dict[str, Counter[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    owners: list[str] = []
    companies: set[str] = set()  # names a copyright line gives with a legal form
    ways: dict[str, set[int]] = {}  # the kinds of self-reference each name has

    def add(name: str, kind: str) -> str | None:
        """Count ``name`` as ``kind`` of evidence; its key, or None when it is no name."""
        name = _COPYRIGHT_WORD.sub("", " ".join(name.split())).strip(" .,:;|'’-")
        name = re.sub(r"['’]s$", "", name)
        name = re.sub(r"^the\s", "The ", name)  # "Follow the Boston Herald on Twitter"
        key = _key(name)
        if (
            len(key) < 3
            or key.isdigit()
            or _PAGE_PART.search(name)
            or name.lower() in _NOT_SITES
            or _COMPANY_ONLY.fullmatch(name)
            or name.lower() in _SECTIONS
            or name.lower() in AGENCY_NAMES
            or len(name.split()) > 6
            or len(name) > 45
            or re.search(r"\d{4}", name)
            or _two_titles(name)  # "Daily Record and Sunday Mail": the company, never a candidate
        ):
            return None
        kinds.setdefault(key, Counter())[kind] += 1
        # The spelling a copyright line gives is the page's formal one.
        spellings.setdefault(key, Counter())[name] += 100 if kind == "copyright" else 1
        return key

    def holder(name: str, after: str = "") -> None:
        name = " ".join(name.split()).strip(" .,")
        name = re.sub(r"\s+\d{4}$", "", name)  # "© Telegraph Media Group Limited 2022"
        if not _CORPORATE.search(name):  # ", Inc." after the name is only its form
            key = add(name, "copyright")
            if key and _LEGAL_FORM.match(after):
                companies.add(key)  # "© 2023 BuzzFeed, Inc.": a company holds it
        elif (bare := _COMPANY_FORM.sub("", name)) != name and len(_key(bare)) >= 3:
            owners.append(bare)

    for line in nonblank:
        low = line.lower()
        for number, rule in enumerate(_SELF_NAMES if _SELF_ANY.search(low) else ()):
            if not any(word in low for word in rule.words):
                continue
            for m in rule.rx.finditer(line):
                if key := add(m.group("n"), "self"):
                    ways.setdefault(key, set()).add(number)
                    if _DOMAIN.match(m.group("n")):  # the site's address, as it writes it
                        kinds[key]["address"] = 1
        if not ("©" in line or "copyright" in low or "(c)" in low or "rights reserved" in low):
            continue  # no copyright line (each holder pattern needs one of these)
        if len(line) < 200 or "©" in line or "rights reserved" in low:
            for m in _HOLDER.finditer(line[:400]):
                holder(m.group("n"), line[m.end() :])
            if first := _HOLDER_FIRST.match(line):
                holder(first.group("n"))
    alone: dict[str, str] = {}  # names standing alone further down, by key
    for number, line in enumerate(nonblank):
        words = line.split()
        if len(words) > 10:
            continue
        if len(words) % 2 == 0 and words[: len(words) // 2] == words[len(words) // 2 :]:
            line = " ".join(words[: len(words) // 2])  # a logo's text and its alt text
        if number < 15:
            shouted = line.isupper() and line.isalpha() and len(line) >= 3  # "WIRED", "KESQ"
            if len(line.split()) <= 5 and (_looks_like_outlet(line) or shouted):
                add(line, "masthead")
        elif len(line.split()) <= 5 and line[:1].isupper():
            alone[_key(line)] = line  # a footer's logo, or a byline's name

    def support(given: str, kind: str, shortest: int) -> None:
        """An owner's name or the site's address supports a name already found, the same or
        beginning it ("forbes" for "Forbes Media"), never standing alone."""
        if given in kinds:
            kinds[given][kind] = 1
        for n in range(shortest, len(given)):  # the names it begins with (not every name:
            if (known := given[:n]) in kinds:  # a page of many addresses and names)
                kinds[known][kind] = 1

    addresses = {m.group(1).lower() for line in nonblank for m in _ADDRESS.finditer(line)}
    for owner in owners:  # a company named for the site ("© 2020 Stuff Limited", stuff.co.nz)
        if _key(owner) in addresses:
            add(owner, "owner")
    for label in addresses if kinds else ():
        support(label, "address", 5)
        support(label.removeprefix("the"), "address", 5)  # theatlantic.com for The Atlantic
    for owner in owners:
        support(_key(owner), "owner", 4)
    # A name standing alone (a footer's logo) supports a copyright holder or owner of that
    # name ("Mashable" beside "© 2020 Mashable, Inc."), and a self-reference when it reads as
    # a publication's (not "Jane Doe" under "Follow Jane Doe").
    for key, line in alone.items():
        found = kinds.get(key)
        if found and (
            found["copyright"] or found["owner"] or (found["self"] and _looks_like_outlet(line))
        ):
            found["line"] = 1
    _fold_short_keys(kinds)
    _fold_initials(kinds, spellings, ways)

    def spelled(key: str) -> str:
        """The most given spelling; of equals, one of several words, then one written apart
        ("The Root", not "TheRoot"), then the shortest."""

        def rank(kv: tuple[str, int]) -> tuple[int, bool, bool, int]:
            words = re.sub(r"^the\s+", "", kv[0], flags=re.I)  # "The Quanta Newsletter"
            return kv[1], " " in words, not re.match(r"The[A-Z]", kv[0]), -len(kv[0])

        return max(spellings[key].items(), key=rank)[0]

    ranked = sorted(((_weight(found), key) for key, found in kinds.items()), reverse=True)
    if not ranked:
        return None
    top = [key for weight, key in ranked if weight == ranked[0][0]]

    def said(key: str) -> set[int]:
        """The ways the page names ``key`` in words of its own (a logo's alt text is not one)."""
        return ways.get(key, set()) - _LOGO

    if len(top) > 1:  # the same weight: the name more kinds of evidence agree on
        top = _most(top, lambda key: len(kinds[key]))
    held = [key for key in top if kinds[key]["copyright"] and key not in companies]
    if len(top) > 1 and len(held) == 1:  # and of those, the page's copyright holder
        top = held  # ("© 2020 National Post, a division of …" beside a "Postmedia Logo")
    if len(top) > 1:  # or the one that names itself in more ways ("Follow X" and "the X has
        top = _most(top, lambda key: len(said(key)))  # learned", not one newsletter box)
    if len(top) > 1:  # the same evidence for two names: only a publication's name among
        top = [key for key in top if _looks_like_outlet(spelled(key))]  # people and sections
        if len(top) > 1:  # a newspaper's title rather than its owner's name ("Postmedia")
            top = [key for key in top if _is_title(spelled(key))]
        if len(top) != 1:
            return None  # two names with the same evidence: not known
    key = top[0]
    found = kinds[key]
    name = spelled(key)
    # Said plainly: self-references of two kinds ("Follow X on", "More from X") to a name
    # that reads as a publication's, or to any name when one is what only a site says
    # ("Follow Le Monde", "Le Monde with AFP").
    plain = (
        found["self"] >= 2
        and len(ways.get(key, ())) >= 2
        and (_looks_like_outlet(name) or bool(said(key) & _SITE_ONLY))
    )
    # An owner's name supports a name the page gives more than once, as its masthead or in
    # words of its own ("More from X"); one "Nexstar Logo" in a footer beside "© Nexstar
    # Inc." is the owner again, not the outlet.
    weak_owner = found["owner"] and found["self"] < 2 and not found["masthead"] and not said(key)
    # A name standing alone at the top and again further down is one kind of evidence.
    agreeing = (
        len(found) - (1 if weak_owner else 0) - (1 if found["masthead"] and found["line"] else 0)
    )
    # A copyright line alone names the page when its holder is a newspaper's or news site's
    # title ("© 2022 Kaieteur News"), not a company or a broadcaster's owner.
    titled = set(found) == {"copyright"} and key not in companies and _is_title(name)
    if (agreeing < 2 and not plain and not titled) or _two_titles(name):
        return None
    return outlet_name(name)


def _most(keys: list[str], measure: Callable[[str], int]) -> list[str]:
    """Those of ``keys`` with the highest ``measure``."""
    best = max(measure(key) for key in keys)
    return [key for key in keys if measure(key) == best]


def names_a_site(name: str) -> bool:
    """True when ``name`` is a site's address ("Boston.com") or has a word that outlet names
    are made of ("Quanta Magazine"): a publication's name for sure, not a short headline."""
    name = " ".join(name.split())
    return bool(_DOMAIN.match(name)) or bool({w.lower() for w in name.split()} & _OUTLET_WORDS)


def looks_like_outlet(name: str) -> bool:
    """True when ``name`` reads as a publication's name (for telling mastheads from titles)."""
    return _looks_like_outlet(" ".join(name.split()))
