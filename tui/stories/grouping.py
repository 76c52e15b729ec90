"""Grouping articles into stories: incremental, precision first, ids that stay.

The rules, in the order they apply to each new article:

1. **One account.** An article whose text is mostly another's (a wire copy republished, the
   same page saved twice: shingle resemblance ``COPY``) joins that article's *account*: one
   account, several outlets carrying it. Only accounts are compared from here on.
2. **Reciprocal best match.** Each account's score with another is the cosine of their
   distinctive words plus the cosine of the particulars they give (people, places,
   organisations; figures),
   counted only between accounts published within ``WINDOW_DAYS`` of each other (an undated
   one may match any day). Two accounts that are each other's best match, at ``LINK`` or
   more, report the same event: many pairs on one topic are alike, but an outlet writing about
   an event is most like another outlet writing about that same event. A best match within
   ``TIE`` of the other's own best is a tie (three outlets on one event: each is the best
   match of another), and links too.
3. **Close to all.** A new account whose best match is in a story, and that is within
   ``CLOSE`` of each of the story's accounts as they are of one another, joins it (the third
   and later outlets on an event: complete-link, so one close member is not enough).
4. **Unmistakable.** A pair scoring ``STRONG`` or more is joined whatever else is near.

A new article joins the story of the accounts it links to, or starts one: nothing placed
before is regrouped. A story's id comes from the article that founded it and is kept (with
the grouping) beside the index, so it survives a restart and a rebuild of the index; when
a new article links two stories, the older id stays and the other one becomes its alias.

The settings were chosen on half of ``stories-dev`` and checked on the other half; the
figures are in ``docs/stories.md``.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from tui.stories.features import Features, resemblance
from tui.text.analysis import common_words, stem_word

WINDOW_DAYS = 1  # the same event is published within a day or so by every outlet
LINK = 0.15  # a reciprocal best match must score at least this (words + particulars, 0..2)
STRONG = 1.0  # above the best different-event pair of the tuning half (0.61) by a margin
TIE = 0.98  # a best match within 2% of another's best is a tie: the scores cannot tell them apart
CLOSE = 0.85  # a third account joins a story when it is this close to each of its accounts
COPY = 0.5  # half the shingles shared: one text, whatever was trimmed or added around it
KEEP_STEMS = 300  # an account keeps its most distinctive words ...
KEEP_NAMES = 100  # ... and names (the rest weigh little in a cosine; memory stays bounded)
CROWD = 100  # a word more accounts carry than this (or 1%) is passed over in scoring
BACKGROUND = 60  # ordinary news articles counted besides the corpus (see _weights)
FORMAT = 1


@cache
def _common_stems() -> frozenset[str]:
    return frozenset(stem_word(w) for w in common_words()) | common_words()


def story_id(founder: str) -> str:
    """A story's id, from the id of the article that founded it: the same on every machine."""
    return "s" + hashlib.sha1(founder.encode("utf-8", "surrogatepass")).hexdigest()[:9]


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass(slots=True)
class Account:
    """One text, however many outlets carry it: its first article's id, day and weights."""

    id: str
    story: str
    day: int | None
    stems: dict[str, float]
    names: dict[str, float]
    sketch: tuple[int, ...]
    best: float = 0.0  # the best score with any other account so far ...
    partner: str | None = None  # ... and which account that is

    def to_json(self) -> list[Any]:
        return [
            self.story,
            self.day,
            {k: round(v, 5) for k, v in self.stems.items()},
            {k: round(v, 5) for k, v in self.names.items()},
            list(self.sketch),
            round(self.best, 5),
            self.partner,
        ]

    @classmethod
    def from_json(cls, key: str, row: list[Any]) -> Account:
        story, day, stems_, names_, sketch_, best, partner = row
        return cls(key, story, day, stems_, names_, tuple(sketch_), best, partner)


@dataclass
class Grouping:
    """Every article's account and every account's story, and what placing needs to go on."""

    documents: int = 0  # articles counted in the frequencies below
    stem_df: Counter[str] = field(default_factory=Counter)
    name_df: Counter[str] = field(default_factory=Counter)
    members: dict[str, str] = field(default_factory=dict)  # article id -> account id
    accounts: dict[str, Account] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # a merged story id -> its story
    _postings: dict[str, dict[str, list[tuple[str, float]]]] | None = None
    _sketches: dict[int, list[str]] | None = None

    # --- what it holds ----------------------------------------------------------------------

    def stories(self) -> dict[str, list[str]]:
        """Each story's article ids (in the order they were placed)."""
        of_account: dict[str, list[str]] = defaultdict(list)
        for article, key in self.members.items():
            of_account[key].append(article)
        out: dict[str, list[str]] = defaultdict(list)
        for account in self.accounts.values():
            out[account.story].extend(of_account.get(account.id, []))
        return {k: v for k, v in out.items() if v}

    def story_of(self, article_id: str) -> str | None:
        account = self.members.get(article_id)
        return self.accounts[account].story if account in self.accounts else None

    def resolve(self, story: str) -> str:
        """The id a story has now (a story merged into another answers to the other's id)."""
        seen = set()
        while story in self.aliases and story not in seen:
            seen.add(story)
            story = self.aliases[story]
        return story

    # --- placing and removing -----------------------------------------------------------------

    def place(self, batch: Iterable[tuple[str, str | None, Features]]) -> None:
        """Place new articles (id, ISO date or None, features); an id already placed is left
        where it is. Nothing placed before moves, except that two stories a new article links
        are one from then on."""
        fresh = sorted(
            ((i, _day(d), f) for i, d, f in batch if i not in self.members),
            key=lambda row: (row[1] if row[1] is not None else math.inf, row[0]),
        )
        if not fresh:
            return
        self.documents += len(fresh)
        for _, _, f in fresh:
            self.stem_df.update(f.stems.keys())
            self.name_df.update(f.names.keys())
        sketches = self._sketch_index()
        self._postings_index()  # made from the accounts before this batch, then added to
        new: list[Account] = []
        for article, day, f in fresh:
            same = self._copy_of(f.sketch, sketches)
            if same is not None:
                self.members[article] = same
                continue
            account = Account(
                article,
                story_id(article),
                day,
                self._weights(f.stems, self.stem_df, KEEP_STEMS),
                self._weights(f.names, self.name_df, KEEP_NAMES),
                f.sketch,
            )
            self.accounts[article] = account
            self.members[article] = article
            for h in f.sketch:
                sketches[h].append(article)
            self._post(account)
            new.append(account)
        links: list[tuple[str, str]] = []
        touched = {a.id: a for a in new}
        scored: dict[str, dict[str, float]] = {}
        for account in new:
            scored[account.id] = self._scores(account)
            for other, score in scored[account.id].items():
                if score >= STRONG:
                    links.append((account.id, other))
                mine = self.accounts[other]
                for a, b in ((account, mine), (mine, account)):
                    if score > a.best or (
                        score == a.best and a.partner is not None and b.id < a.partner
                    ):
                        a.best, a.partner = score, b.id
                        touched[a.id] = a
        for account in touched.values():  # its best match is (nearly) the other's best too
            partner = self.accounts.get(account.partner or "")
            if partner is not None and account.best >= LINK and account.best >= TIE * partner.best:
                links.append((account.id, partner.id))
        groups, founded = self._groups()
        for x, y in links:
            self._join(x, y, groups, founded)
        links = []
        for account in new:  # as close to each of a story's accounts as they are to each other
            partner = self.accounts.get(account.partner or "")
            if partner is None or partner.story == account.story or account.best < LINK:
                continue
            members = groups[partner.story]
            if len(members) < 2:
                continue
            scores = scored[account.id]
            bar = CLOSE * min(m.best for m in members)
            if all(scores.get(m.id, 0.0) >= bar for m in members):
                links.append((account.id, partner.id))
        for x, y in links:
            self._join(x, y, groups, founded)

    def remove(self, article_ids: Iterable[str]) -> None:
        """Forget articles (deleted from the corpus); an account none carries is dropped, and a
        story left without articles is gone."""
        gone = set()
        for article in article_ids:
            key = self.members.pop(article, None)
            if key is not None:
                gone.add(key)
        if not gone:
            return
        carried = set(self.members.values())
        dropped = {a for a in gone if a not in carried}
        for key in dropped:
            del self.accounts[key]
        if dropped:
            for account in self.accounts.values():
                if account.partner in dropped:
                    account.best, account.partner = 0.0, None
            self._postings = self._sketches = None

    # --- the rules' arithmetic ---------------------------------------------------------------

    def _weights(self, counts: Counter[str], df: Counter[str], keep: int) -> dict[str, float]:
        """Sublinear term frequency times rarity, as a unit vector, its ``keep`` largest kept.

        Rarity counts ``BACKGROUND`` articles of ordinary news besides the corpus, in which a
        word common in lower case (``text.analysis.common_words``) is in a third: a word every
        story uses is not what tells one event from another, even in a corpus of five."""
        n = self.documents + BACKGROUND
        common = _common_stems()
        weights = {
            t: (1 + math.log(c))
            * math.log((n + 1) / (df[t] + (BACKGROUND / 3 if t in common else 0) + 0.5))
            for t, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        return {t: w / norm for t, w in top if w > 0}

    def _sketch_index(self) -> dict[int, list[str]]:
        if self._sketches is None:
            self._sketches = defaultdict(list)
            for account in self.accounts.values():
                for h in account.sketch:
                    self._sketches[h].append(account.id)
        return self._sketches

    def _copy_of(self, sketch: Sequence[int], sketches: dict[int, list[str]]) -> str | None:
        shared: Counter[str] = Counter()
        for h in sketch:
            shared.update(sketches.get(h, ()))
        best, best_score = None, COPY
        for candidate, count in shared.most_common(8):
            if count < COPY * len(sketch) / 2:
                break
            score = resemblance(tuple(sketch), self.accounts[candidate].sketch)
            if score >= best_score:
                best, best_score = candidate, score
        return best

    def _postings_index(self) -> dict[str, dict[str, list[tuple[str, float]]]]:
        if self._postings is None:
            self._postings = {"stems": defaultdict(list), "names": defaultdict(list)}
            for account in self.accounts.values():
                self._post(account)
        return self._postings

    def _post(self, account: Account) -> None:
        postings = self._postings
        assert postings is not None
        for kind, vector in (("stems", account.stems), ("names", account.names)):
            for term, weight in vector.items():
                postings[kind][term].append((account.id, weight))

    def _scores(self, account: Account) -> dict[str, float]:
        """Words plus names, with every account of a near enough day. A word carried by a
        great many accounts is passed over (it weighs little: it is common)."""
        postings = self._postings_index()
        crowd = max(CROWD, len(self.accounts) // 100)
        total: dict[str, float] = defaultdict(float)
        for kind, vector in (("stems", account.stems), ("names", account.names)):
            for term, weight in vector.items():
                rows = postings[kind].get(term, ())
                if len(rows) > crowd:
                    continue
                for other, w in rows:
                    total[other] += weight * w
        total.pop(account.id, None)
        if account.day is None:
            return dict(total)
        out = {}
        for other, score in total.items():
            day = self.accounts[other].day
            if day is None or abs(day - account.day) <= WINDOW_DAYS:
                out[other] = score
        return out

    def _groups(self) -> tuple[dict[str, list[Account]], dict[str, tuple[float, str]]]:
        """Each story's accounts, and when it began (its first account's day, then its id):
        made once a batch, then kept by ``_join``, so that a join never walks every account."""
        groups: dict[str, list[Account]] = defaultdict(list)
        founded: dict[str, tuple[float, str]] = {}
        for account in self.accounts.values():
            groups[account.story].append(account)
            k = (account.day if account.day is not None else math.inf, account.id)
            if account.story not in founded or k < founded[account.story]:
                founded[account.story] = k
        return groups, founded

    def _join(
        self,
        a: str,
        b: str,
        groups: dict[str, list[Account]],
        founded: dict[str, tuple[float, str]],
    ) -> None:
        """One story from the two these accounts are in: the older story's id stays, the other
        becomes its alias (``resolve`` follows a chain of them)."""
        sa, sb = self.accounts[a].story, self.accounts[b].story
        if sa == sb:
            return
        keep, drop = sorted((sa, sb), key=lambda s: founded[s])
        moved = groups.pop(drop)
        for account in moved:
            account.story = keep
        groups[keep].extend(moved)
        founded[keep] = min(founded[keep], founded.pop(drop))
        self.aliases[drop] = keep

    # --- kept beside the index ---------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "documents": self.documents,
            "stem_df": dict(self.stem_df),
            "name_df": dict(self.name_df),
            "members": self.members,
            "accounts": {k: a.to_json() for k, a in self.accounts.items()},
            "aliases": self.aliases,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Grouping:
        """A grouping as it was saved (``ValueError`` for one that is not, or of another
        format: it is then made again from the articles)."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a grouping of this format")
        try:
            accounts = {k: Account.from_json(k, row) for k, row in data["accounts"].items()}
            grouping = cls(
                documents=int(data["documents"]),
                stem_df=Counter(data["stem_df"]),
                name_df=Counter(data["name_df"]),
                members=dict(data["members"]),
                accounts=accounts,
                aliases=dict(data["aliases"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"damaged grouping: {exc}") from exc
        if any(a not in grouping.accounts for a in grouping.members.values()):
            raise ValueError("damaged grouping: an article of no account")
        return grouping
