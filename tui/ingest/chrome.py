"""Whole-page text dumps: find the article among the page's chrome.

A page saved as text (a browser's "save as text", ``lynx -dump``) holds menus, share buttons,
cookie banners, related headlines and footers around the article. Pages are built the same way
everywhere: the article is the one long run of sentence-like paragraphs, its headline the
nearest headline-like line above it (past the byline and the date), and the chrome is lists of
links, form widgets and short lines. ``find_article`` keeps that run whole (a short line inside
it is a sub-heading, kept) and drops only what matches chrome outright, so no sentence of the
article is lost.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from tui.ingest import dates
from tui.ingest.outlets import looks_like_outlet
from tui.text.analysis import stem_word
from tui.text.vocabulary import agencies_in

_BULLET = re.compile(r"^(?:[*+•◦▪·o]|\d{1,2}\.)\s+")
_FORM = re.compile(r"\(BUTTON\)|\[\s?[xX]?\s?\]|_{4,}|^IFRAME:|\(IMAGE\)|\[INLINE\]")
_CHROME_PHRASES = re.compile(
    r"^(?:advertisement|advertisements|ad|sponsored|skip to (?:main )?content|skip to navigation|"
    r"share(?: this)?(?: article| story)?|print|email|e-mail|comments?|tweet|facebook|twitter|"
    r"linkedin|whatsapp|reddit|pinterest|flipboard|menu|search|close|open|log ?in|sign ?in|"
    r"log ?out|sign ?out|settings|my account|"
    r"sign ?up|subscribe|register|home|more|next|previous|back to top|top|related|trending|"
    r"most (?:read|popular|viewed)|read more|see more|show more|load more|you may also like|"
    r"recommended(?: for you)?|more from [\w ]+|latest(?: news)?|editor'?s picks)\b[^.]{0,40}$"
    r"|\b(?:cookies?|consent|privacy policy|terms of (?:use|service)|all rights reserved|"
    r"javascript|newsletter|sign up for|subscribe to|accessibility|ad ?choices|"
    r"your (?:browser|inbox)|©|copyright)\b"
    r"|^(?:photo|image|picture|video|credit|caption|source|file photo|getty images|shutterstock)"
    r"\s*[:|/]"
    rf"|\((?:{agencies_in('photo')}) (?:Photo|Images?)[^)]*\)\s*$"
    r"|^[^.|]{1,60}\s\|$",  # a breadcrumb's piece: "Crime and Public Safety |"
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_BY = r"^(?:by|written by|words by|story by|reporting by)\s+"
_BYLINE = re.compile(_BY + r"\S", re.I)
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@functools.lru_cache(maxsize=1024)  # the same paragraphs are counted by several rules
def words(line: str) -> int:
    return len(_WORDS.findall(line))


def is_chrome(line: str) -> bool:
    """A line that is page furniture whatever surrounds it."""
    s = line.strip()
    if not s:
        return False
    if _FORM.search(s):
        return True
    if _BULLET.match(s) and words(s) <= 12 and not _SENTENCE_END.search(s):
        return True
    return words(s) <= 40 and bool(_CHROME_PHRASES.search(s))


# The heading of a list of other stories: what follows it is theirs (bylines, dates, captions).
_OTHER_STORIES = re.compile(
    r"^(?:related(?: content| stories| articles| news| coverage)?|more (?:stories|news|from)\b.*|"
    r"you (?:may|might) also like|recommended(?: for you| stories)?|read (?:more|next)|"
    r"most (?:read|popular|viewed)|trending(?: now)?|latest (?:news|stories)|top stories|"
    r"also (?:read|see)|see also|more on this (?:story|topic))\s*:?$",
    re.I,
)


def before_other_stories(lines: list[str]) -> list[str]:
    """``lines`` (what follows an article) up to the heading of a list of other stories."""
    for i, line in enumerate(lines):
        if _OTHER_STORIES.match(line.strip().lstrip("*+-•#").strip()):
            return lines[:i]
    return lines


def is_text(line: str) -> bool:
    """A sentence-like paragraph: what articles are made of."""
    s = line.strip()
    n = words(s)
    if n < 8 or is_chrome(s) or _BULLET.match(s):
        return False
    return bool(_SENTENCE_END.search(s)) or n >= 20


def looks_like_dump(lines: list[str]) -> bool:
    """Whole-page text rather than an article: much chrome, or lynx's form widgets."""
    nonblank = [x for x in lines if x.strip()]
    if len(nonblank) < 15:
        return False
    chrome = sum(1 for x in nonblank if is_chrome(x))
    forms = sum(1 for x in nonblank if _FORM.search(x))
    return forms >= 2 or chrome >= max(6, len(nonblank) // 6)


def headline_like(line: str) -> bool:
    s = line.strip()
    n = words(s)
    return (
        3 <= n <= 30
        and len(s) <= 220
        and not _SENTENCE_END.search(s.rstrip("?!"))
        and not is_chrome(s)
        and not _BYLINE.match(s)
        and dates.publication_line(s) is None
        and (s[:1].isupper() or s[:1].isdigit() or s[:1] in "'‘\"“")
    )


@dataclass
class Found:
    """The article inside a page: its headline, its paragraphs and the lines around them."""

    title: str | None
    body: list[str]
    before: list[str] = field(default_factory=list)  # bylines, dates: headline to article
    after: list[str] = field(default_factory=list)  # footers, credits, related links
    above: list[str] = field(default_factory=list)  # the lines just above the headline


def _best_run(lines: list[str]) -> tuple[int, int] | None:
    """The run of lines (first, last) with the most article text against chrome (Kadane).

    A stretch of several lines that are not article text (a related-stories block, a row of
    deals, a newsletter box) ends a run: an article does not continue past one.
    """
    best: tuple[float, int, int] | None = None
    total, start, gap = 0.0, 0, 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            gain = 0.0
        elif is_text(s):
            gain, gap = float(words(s)), 0
        else:
            gap += 1
            gain = -8.0 if is_chrome(s) else (-3.0 if words(s) < 4 else -2.0)
        if total <= 0 or gap >= GAP_LINES:
            total, start = 0.0, i
            if gap >= GAP_LINES:
                continue
        total += gain
        if gain > 0 and (best is None or total > best[0]):
            best = (total, start, i)
    if best is None:
        return None
    _, first, last = best
    while first <= last and not is_text(lines[first]):
        first += 1
    return first, last


GAP_LINES = 20  # non-article lines in a row (a related block, a deals row) end an article


_CAPTION = re.compile(
    r"\((?:image|photo|picture|credit|file)[^)]*\)|/\s*(?:getty|ap|afp|reuters|epa)\b|"
    r"^(?:photo|image|photograph|photographer|picture|screenshot|credit|watch|video|listen)\b",
    re.I,
)
_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "is", "are", "was", "were",
    "at", "by", "with", "from", "as", "its", "it", "this", "that", "be", "has", "have", "after",
    "over", "into", "says", "said", "new",
}  # fmt: skip


def _not_a_headline(line: str) -> bool:
    """A masthead ("The Denver Post"), a shouted label ("CITY OF COACHELLA"), a credit
    ("Pat Greenhouse / The Boston Globe") or a newsletter box line."""
    return (
        looks_like_outlet(line)
        or (line.isupper() and words(line) >= 2)
        or " / " in line
        or bool(re.search(r"\bnewsletters?\b|\bsubscri", line, re.I))
    )


def _content(text: str) -> set[str]:
    """Content words as stems ("jobs" and "job" are one), for comparing a line with the lead."""
    return {
        stem_word(w)
        for w in (x.lower() for x in _WORDS.findall(text))
        if w not in _STOP and len(w) > 2
    }


HEADING_BONUS = 0.5  # a headline-like line set as a heading is likelier the article's own


def _headings(lines: list[str]) -> set[int]:
    """The lines a text browser's dump sets as headings: where paragraphs are indented (lynx,
    w3m), headings stand flush left. Empty when the dump is not laid out that way."""
    nonblank = [i for i, x in enumerate(lines) if x.strip()]
    flush = {i for i in nonblank if not lines[i][:1].isspace()}
    if not flush or len(flush) * 2 > len(nonblank):
        return set()
    return flush


def find_article(lines: list[str]) -> Found:
    """Split a whole-page dump into headline, article paragraphs and what surrounds them.
    ``lines`` are as the dump has them, indented or not (indentation tells headings)."""
    clean = [x.strip() for x in lines]
    headings = _headings(lines)
    run = _best_run(clean)
    if run is None:
        return Found(None, [x for x in clean if x and not is_chrome(x)])
    first, last = run
    above = next((i for i in range(first - 1, max(-1, first - 3), -1) if clean[i]), None)
    if above is not None and _DATELINE_LEAD.match(clean[above]):
        first = above  # a short lead that opens with its dateline: "GREEN BAY, Wis. -- Here we go"
    # The headline: of the headline-like lines above the run, the one whose words the lead
    # repeats most (a caption, a teaser or a section label shares few), nearer lines first.
    lead_words = _content(" ".join([x for x in clean[first : last + 1] if is_text(x)][:4]))
    title, title_at, best = None, first, 0.0
    for i in range(first - 1, max(-1, first - 80), -1):
        s = clean[i]
        if not headline_like(s) or _CAPTION.search(s) or _not_a_headline(s):
            continue
        mine = _content(s)
        if len(mine) < 2:
            continue
        shared = len(mine & lead_words) / len(mine)
        score = shared + (HEADING_BONUS if shared and i in headings else 0) - (first - i) / 400
        if score > best:
            title, title_at, best = s, i, score
    if best < 0.25:
        title, title_at = None, first
    start = _after_photo_credit(clean, first, last)
    # Where headings stand flush left, a flush paragraph before the first indented one is the
    # headline (when none was found above) or the standfirst set as a heading: not the lead.
    while start < last and (start in headings or not clean[start]):
        if not any(i not in headings and is_text(clean[i]) for i in range(start + 1, last + 1)):
            break
        if title is None and headline_like(clean[start]) and not _not_a_headline(clean[start]):
            title, title_at = clean[start], start
        start += 1
    # A heading among the run's first lines, below a caption set in (an image's label above
    # it was taken for the headline): the heading is the headline, and the article starts
    # below it.
    if headings and title_at not in headings:
        for i in [i for i in range(start, min(last, start + 8)) if clean[i]][:4]:
            s = clean[i]
            if (
                i in headings
                and headline_like(s)
                and not _not_a_headline(s)
                and clean.count(s) == 1  # not a label the page repeats ("… — explained")
            ):
                if all(words(x) <= 45 for x in clean[start:i]):
                    title, title_at, start = s, i, i + 1
                break
    span = clean[start : last + 1]
    body = []
    for k, s in enumerate(span):
        if not s or is_chrome(s) or _BYLINE.match(s) or dates.publication_line(s) is not None:
            continue
        if not is_text(s) and not _subheading(s, span[k + 1 :]) and not _DATELINE_LEAD.match(s):
            continue  # a label, a caption fragment, a teaser headline inside the run
        body.append(s)
    # The article's own date stamps, not another story's: a byline of someone else with its
    # date ("By Jimmy Maas | KUT • Jul 27, 2020" under "By Nathan Bernier | KUT • 16 hours
    # ago") stamps a related story listed in the run.
    author = next((_author(x) for x in clean[title_at:start] if _BYLINE.match(x)), None)
    stamps = [
        s
        for s in span
        if s
        and dates.publication_line(s) is not None
        and not (author and _BYLINE.match(s) and _author(s) != author)
    ]
    return Found(
        title,
        body,
        clean[title_at:start] + stamps,
        clean[last + 1 :],
        clean[max(0, title_at - 30) : title_at],
    )


def _author(byline: str) -> str:
    """The name a byline gives: "By Jimmy Maas | KUT • Jul 27, 2020" → "jimmy maas"."""
    name = re.sub(_BY, "", byline, flags=re.I)
    return re.split(r"\s*[|•·,]\s*|\s+(?:on|at|-|–|—)\s+", name.strip(), maxsplit=1)[0].lower()


def _after_photo_credit(lines: list[str], first: int, last: int) -> int:
    """Where the article starts when a photo credit stands among its first lines: the caption
    and a one-sentence standfirst above the credit are not the lead ("Meta is about to …" /
    "Rolls of dollars on a blue background" / "Photograph: Jane Doe/Getty Images")."""
    seen = 0
    for i in range(first, last + 1):
        s = lines[i]
        if not s:
            continue
        if words(s) <= 10 and _CREDIT_LINE.search(s):  # a credit line of its own
            return i + 1
        seen += 1
        if seen > 6 or words(s) > 45:
            break  # a real paragraph came first: the credit belongs to a photo inside
    return first


_DATELINE_LEAD = re.compile(
    r"^[A-Z]{2}[A-Z.'’ -]{1,30}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)]{1,30}\)\s*)?"
    r"(?:—|–|--|-)\s*\S"
)
_STAMP_LINE = re.compile(r"^(?:last )?(?:updated|published|posted)\b:?[\w\s:,./|-]{0,40}$", re.I)
_DOUBLED_HEAD = re.compile(r"^(.{20,}?[.!?][\"”’')\]]*)\s*\1")  # 'saying "out of print."
_CREDIT_LINE = re.compile(
    r"getty images|/getty|\(credits?:|file photo|contributed image|^photo:|^image:|^credit:|"
    rf"/\s?(?:{agencies_in('photo')})\b|\bphotograph(?:er)?:|^staff (?:reporter|writer)|"
    r"staff (?:reporter|writer)$|^you are here$|\bphoto(?:graph)? (?:illustration )?by\b|"
    r"\bphoto illustration\b|\bfile photo$|\((?:[A-Z]+ )?photo\)$",
    re.I,
)
# A caption's last words: its photographer and outlet ("(Ruth Fremson / The New York Times)").
_CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*[A-Z][^()]{1,40}\)$"
)
_EMAIL_LINE = re.compile(r"^\S+@\S+\.\w+$")
_CAPTION_CUE = re.compile(
    r"\b(?:photo|pictured|shows?|image|file|seen|poses?|posed|left|right|centre|center|on "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|\([^)]*\)\s*$",
    re.I,
)
_CREDIT_NAME = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*$")  # "April P. Bernard"
_CONSENT = re.compile(
    r"\b(?:consent(?:ed)?|privacy notice|personal non-commercial use|your sign-up|"
    r"the information you provide)\b",
    re.I,
)
# Above a lead, what only a photo's caption says: "FILE - In this June 20 file photo",
# "This image released by Paramount shows", "Jane Doe, left, rallies", "Photo illustration".
_CAPTION_HEAD = re.compile(
    r"^\W*FILE\s*[-–—]|\bfile (?:photo|image)\b|\b(?:image|photo|picture) (?:released|provided)"
    r" by\b|\bcover image\b|\bphoto illustration\b|\bphoto by\b|, (?:left|right|centre|center),|"
    r"\bthis (?:\w+ )?(?:photo|image|picture) shows\b|"
    r"\[(?:[a-z]+/)?(?:getty|ap|pa|reuters|afp|epa)\b[^\]]*\]$",  # "… [GETTY]", "[AFP/GETTY]"
    re.I,
)
# A label with its tooltip run on ("NewsNews Based on facts, …", "AnalysisAnalysis Based on"),
# or the disclaimer of a comment section.
_LABEL_HEAD = re.compile(
    r"^([A-Z][a-z]{2,})\1\b|\b(?:opinions|views)\b.{0,60}\bare (?:those|solely those) of the"
    r" (?:author|writer)",
)
_PROMPT = re.compile(r"^(?:stay up to date|get the latest|sign up|subscribe)\b", re.I)
_STAFF = re.compile(
    r"\b(?:staff |sports |senior |political |chief )?(?:writer|reporter|correspondent|editor)s?$",
    re.I,
)


@functools.lru_cache(maxsize=1024)
def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _opens(paragraph: str, norm: str) -> bool:
    """Whether ``paragraph``'s first sentences say ``norm`` (a standfirst the lead repeats),
    not only its first words (the same words running on in one sentence)."""
    if not _norm(paragraph).startswith(norm):
        return False
    said = ""
    for sentence in re.split(r"(?<=[.!?…])\s+", paragraph.strip()):
        said = f"{said} {_norm(sentence)}".strip()
        if len(said) >= len(norm):
            return said == norm
    return False


class _Norms:
    """The paragraphs' normalised words, each worked out when first asked for (an article's
    later paragraphs are only compared when one of the same length is asked about)."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self.done: dict[int, str] = {}

    def __getitem__(self, k: int) -> str:
        if k not in self.done:
            self.done[k] = _norm(self.paragraphs[k])
        return self.done[k]

    def span(self, start: int, stop: int) -> range:
        return range(start, min(stop, len(self.paragraphs)))

    def later(self, n: int, norm: str) -> bool:
        """Whether a paragraph after the ``n``-th says ``norm`` again (its length, punctuation
        and spaces aside, is near the raw paragraph's)."""
        size = len(self.paragraphs[n])
        return any(
            abs(len(self.paragraphs[k]) - size) <= size // 3 + 10 and self[k] == norm
            for k in range(n + 1, len(self.paragraphs))
        )


def _subheading(line: str, rest: list[str]) -> bool:
    """A short heading inside an article: headline-like, and text follows it at once."""
    following = next((x for x in rest if x.strip()), "")
    return (
        words(line) <= 12
        and headline_like(line)
        and not _CAPTION.search(line)
        and is_text(following)
    ) or (words(line) >= 5 and bool(_SENTENCE_END.search(line)))


def _repeats_headline(norm: str, head: str) -> bool:
    """The headline again, alone or with its byline run on ("Headline by Jeff Foust …")."""
    if not head:
        return False
    heads = len(head.split())
    return norm == head or (
        norm.startswith(head) and heads >= 4 and len(norm.split()) <= heads + 15
    )


def head_to_drop(paragraphs: list[str], title: str | None) -> int:
    """How many leading paragraphs are not the article yet: the headline again (alone or with
    its byline), a kicker or section label, bylines, a reporter's e-mail, a date stamp, a photo
    credit or caption credit, a newsletter box. The lead itself is never dropped: the first
    paragraph that is none of these ends the count."""
    head = _norm(title) if title else ""
    n = 0
    # A photo credit among the first paragraphs ends what stands above the lead: the caption
    # and any one-sentence standfirst before it go with it. A gallery's captions each end in
    # their photographer's credit and may run long: each of the first few is dropped.
    for k in range(min(3, len(paragraphs) - 1)):
        s = paragraphs[k].strip()
        gallery = _gallery_caption(s)
        if gallery or (words(s) <= 60 and _CREDIT_LINE.search(s)):
            if all(_above_lead(p) for p in paragraphs[:k]):
                n = k + 1
            if not gallery:
                break
    n = _past_header(paragraphs, n)
    norms = _Norms(paragraphs)
    while n < min(6, len(paragraphs) - 1):
        s = paragraphs[n].strip()
        norm = norms[n]
        after = paragraphs[n + 1].strip()
        w = words(s)
        if (
            n + 2 < len(paragraphs)
            and w <= 80
            and (
                (norms[n + 1] == norm and bool(_CAPTION_CUE.search(s)))  # a caption shown twice
                or (_CREDIT_NAME.match(after) and _SENTENCE_END.search(s))  # caption, photographer
            )
        ):
            n += 2
            continue
        if (
            _repeats_headline(norm, head)
            or (w <= 3 and not _SENTENCE_END.search(s))
            or (w <= 12 and _BYLINE.match(s))
            or (w <= 10 and _STAFF.search(s))
            or (w <= 20 and _PROMPT.search(s))
            or (w <= 80 and _CONSENT.search(s))
            or (w <= 80 and _CAPTION_HEAD.search(s))
            or (w <= 40 and _LABEL_HEAD.search(s))
            or (w <= 100 and _DOUBLED_HEAD.match(s))  # a caption and its alt text
            or (w <= 60 and norms.later(n, norm))  # a standfirst the article repeats
            or (w >= 8 and any(_opens(paragraphs[k], norm) for k in norms.span(n + 1, n + 4)))
            or _EMAIL_LINE.match(s)
            or dates.publication_line(s) is not None
            or _STAMP_LINE.match(s)
            or (w <= 25 and _CREDIT_LINE.search(s))
            or is_chrome(s)
        ):
            n += 1
            continue
        break
    return _past_header(paragraphs, n)


def _above_lead(paragraph: str) -> bool:
    """A paragraph that may stand above a photo's credit without being the lead: a short one
    (a caption, a standfirst), an image's text and its alt text, another credited caption."""
    return bool(
        words(paragraph) <= 45 or _DOUBLED_HEAD.match(paragraph) or _gallery_caption(paragraph)
    )


def _gallery_caption(paragraph: str) -> bool:
    """A caption, however long, that ends in its photographer's credit ("… (Ruth Fremson / The
    New York Times)")."""
    return words(paragraph) <= 100 and bool(_CAPTION_CREDIT.search(paragraph.strip()))


# What follows an article on its page, however it is laid out: the comment section's rules and
# prompts, calls to follow, download, write in or donate, a media player's keys, a writer's
# note ("Jane Doe is a reporter at …"), the article's tags.
_TAIL = re.compile(
    r"\bcomments?\b[^.]{0,80}\b(?:moderat\w*|polic(?:y|ies)|guidelines|civil|abusive|threads?)\b"
    r"|\bcommunity (?:guidelines|policies|standards|rules)\b"
    r"|^leave a (?:reply|comment)\b|\blogged in to (?:post|comment)\b|\bcomment form\b"
    r"|\bshare it in the comments\b|^(?:start|join) the (?:conversation|discussion)\b"
    r"|^(?:like|follow) (?:us|[\w.'’ ]{1,40}) on (?:facebook|twitter|instagram)\b"
    r"|\bdownload (?:the|our) [\w.'’ ]{1,40}app\b|\bwith the [\w.'’ ]{1,40} app\.?$"
    r"|\bapp store\b|\bgoogle play\b|\bpress (?:spacebar|esc)\b|^[^.]{0,80}\bclick here\.?$"
    r"|\b(?:e-?mail|contact) us at\b|\[email protected\]"
    r"|\bsupport (?:us|our journalism)\b|\bpaypal\b"
    r"|^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} is an? (?:[\w-]+ ){0,3}(?:writer|reporter|editor|"
    r"correspondent|columnist|economist|contributor|producer)\b"
    r"|\bfollow (?:him|her|them) on twitter\b",
    re.I,
)


def tail_start(paragraphs: list[str]) -> int:
    """Where what follows the article begins: the last paragraphs while each is page furniture
    (a comment section's rules, "Follow us on Facebook", "download the app", a writer's note,
    a list of tags). The first paragraph is always kept."""
    end = len(paragraphs)
    while end > 1:
        s = paragraphs[end - 1].strip()
        if not (words(s) <= 60 and (_TAIL.search(s) or _LABEL_HEAD.search(s) or _tags(s))):
            break
        end -= 1
    return end


def _tags(paragraph: str) -> bool:
    """A list of tags: five or more short names, by commas or bars, and no sentence."""
    items = re.split(r"\s*[,|]\s*", paragraph)
    return (
        len(items) >= 5
        and "(" not in paragraph  # "Julien Bonnaire (Biarritz), …": a team, not tags
        and all(1 <= words(x) <= 5 for x in items)
        and not _SENTENCE_END.search(paragraph)
    )


def _past_header(paragraphs: list[str], n: int) -> int:
    """Past the header's last short paragraphs when what follows shows where the article
    starts: a stamp ("Updated: 9.45pm", "Published …") ends the header, and a paragraph that
    opens with a dateline ("VATICAN CITY—", "HOUSTON, Texas --") is the lead. What stands
    above either (a standfirst, a caption) is not the lead."""
    for k in range(n, min(n + 3, len(paragraphs) - 1)):
        s = paragraphs[k].strip()
        if k > n and _DATELINE_LEAD.match(s):
            return k if all(_above_lead(p) for p in paragraphs[n:k]) else n
        if k > n and _STAMP_LINE.match(s):  # not any date: "— Jane Doe (@jd) May 1, 2020"
            return k + 1 if all(_above_lead(p) for p in paragraphs[n:k]) else n
        if not _above_lead(s):
            break
    return n
