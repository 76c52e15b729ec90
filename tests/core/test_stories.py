"""Stories in the core: the grouping rules on small fixtures, incremental placement, ids that
stay (a restart, a rebuild, a damaged file), wire copies as one account, and the command line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import write
from tests.core.test_cli import run
from tui.search.catalog import Entry
from tui.stories.features import Features, features, names, resemblance, sketch
from tui.stories.grouping import Grouping, story_id
from tui.stories.kept import bring_up_to_date, grouping_path, load_grouping, save_grouping
from tui.stories.story import build_stories, headline

# Three events, two outlets each, all on one topic (trade with one country), published over
# three days: topic is not story.
EVENTS = {
    "tariff": (
        "2026-03-02",
        "Ministers in Ottawa announced a 25 per cent tariff on Brazilian steel on Monday. "
        "Trade Minister Claire Dubois said the tariff on Brazilian steel would start in April. "
        "Brazil's ambassador Rafael Souza called the steel tariff unfair to Sao Paulo mills.",
    ),
    "strike": (
        "2026-03-03",
        "Dock workers at the Port of Santos walked out on Tuesday, halting coffee exports. "
        "The union leader Marta Lima said the Santos strike would last until wages rise. "
        "Coffee traders in Santos warned that shipments to Hamburg were already late.",
    ),
    "summit": (
        "2026-03-04",
        "President Luiz Almeida met Chancellor Greta Vogel in Berlin on Wednesday to sign a "
        "hydrogen accord. Almeida and Vogel said the Berlin hydrogen accord covers ten plants. "
        "Vogel told reporters in Berlin the accord was worth 2 billion euros.",
    ),
}
TOPIC = (
    " Trade between the two countries has grown for a decade, officials say, and exporters "
    "watch every change in policy closely. Analysts expect more talks on trade this year."
)


def retold(text: str, outlet: int) -> str:
    """Another outlet's telling: the same particulars, in another order and other words."""
    sentences = [s.strip() for s in text.split(". ") if s.strip()]
    if outlet:
        sentences = sentences[::-1]
    return ". ".join(sentences) + (TOPIC if outlet else " Observers said more would follow.")


def corpus() -> list[tuple[str, str | None, Features]]:
    rows: list[tuple[str, str | None, Features]] = []
    for event, (day, text) in EVENTS.items():
        for outlet in (0, 1):
            body = retold(text, outlet)
            rows.append((f"{event}-{outlet}", day, features(f"{event} news", body)))
    return rows


def grouped(g: Grouping) -> set[frozenset[str]]:
    return {frozenset(v) for v in g.stories().values() if len(v) > 1}


def test_names_are_people_places_and_organisations_not_sentence_starts() -> None:
    found = names("The talks began. President Lee Jae Myung met Sanae Takaichi in Nara.")
    assert "lee jae myung" in found and "myung" in found and "nara" in found
    assert "the" not in found and "the talks" not in found


def test_sketches_find_copies_and_only_copies() -> None:
    text = " ".join(f"word{i} filler{i % 7}" for i in range(120))
    copy = "Reuters reports: " + text + " Additional reporting by staff."
    other = " ".join(f"other{i} filler{i % 5}" for i in range(120))
    assert resemblance(sketch(text), sketch(copy)) >= 0.8
    assert resemblance(sketch(text), sketch(other)) == 0.0
    assert sketch("too short") == ()


def test_each_event_is_one_story_and_topic_is_not_story() -> None:
    g = Grouping()
    g.place(corpus())
    assert grouped(g) == {
        frozenset({"tariff-0", "tariff-1"}),
        frozenset({"strike-0", "strike-1"}),
        frozenset({"summit-0", "summit-1"}),
    }


def test_days_apart_are_not_one_event() -> None:
    rows = corpus()
    moved = [
        (i, "2026-05-20" if i == "tariff-1" else d, f) for i, d, f in rows
    ]  # the same words, published months later: not this event
    g = Grouping()
    g.place(moved)
    assert frozenset({"tariff-0", "tariff-1"}) not in grouped(g)


def test_undated_titleless_articles_group_by_their_text() -> None:
    rows = [
        (i, None, features("", retold(EVENTS[i.split("-")[0]][1], int(i[-1]))))
        for i, _, _ in corpus()
    ]
    g = Grouping()
    g.place(rows)
    assert frozenset({"strike-0", "strike-1"}) in grouped(g)


def test_placing_one_by_one_keeps_every_story_and_its_id() -> None:
    whole = Grouping()
    whole.place(corpus())
    one_by_one = Grouping()
    for row in corpus():
        one_by_one.place([row])
    assert grouped(one_by_one) == grouped(whole)
    before = {a: one_by_one.story_of(a) for a in one_by_one.members}
    one_by_one.place([row for row in corpus()])  # already placed: nothing moves
    assert {a: one_by_one.story_of(a) for a in one_by_one.members} == before
    # a third outlet arrives later and joins the story, whose id stays
    late = features("tariff", retold(EVENTS["tariff"][1], 0) + " Canada's steel tariff, again.")
    sid = one_by_one.story_of("tariff-0")
    one_by_one.place([("tariff-late", "2026-03-03", late)])
    assert one_by_one.story_of("tariff-late") == sid == one_by_one.story_of("tariff-1")


def test_story_ids_come_from_the_founding_article() -> None:
    g = Grouping()
    g.place(corpus())
    sid = g.story_of("tariff-0")
    assert sid in (story_id("tariff-0"), story_id("tariff-1"))
    assert g.resolve(sid) == sid


def test_wire_copies_are_one_account_carried_by_several_outlets() -> None:
    day, text = EVENTS["strike"]
    long_text = (text + " ") * 4
    rows = [
        (f"copy-{k}", day, features("Santos strike", f"({k}) " + long_text)) for k in range(500)
    ]
    g = Grouping()
    g.place(rows)
    assert len(g.accounts) == 1  # 500 copies: one account, no pairwise work
    catalog = {
        i: Entry(id=i, path=i, stamp="", title="Santos strike", source=f"Outlet {k % 7}", date=day)
        for k, (i, _, _) in enumerate(rows)
    }
    (story,) = build_stories(g, catalog)
    assert len(story.articles) == 500 and len(story.copies) == 1
    assert len(story.sources) == 7


def test_removed_articles_are_forgotten_and_their_story_goes() -> None:
    g = Grouping()
    g.place(corpus())
    g.remove(["summit-0", "summit-1"])
    assert "summit-0" not in g.members
    assert frozenset({"summit-0", "summit-1"}) not in grouped(g)
    assert all(v for v in g.stories().values())


def test_a_headline_is_the_title_the_others_echo() -> None:
    def entry(i: str, title: str) -> Entry:
        return Entry(id=i, path=i, stamp="", title=title)

    titles = [
        entry("a", "Opinion: why this matters"),
        entry("b", "Dock strike halts Santos coffee exports"),
        entry("c", "Santos dock strike: coffee exports halted"),
    ]
    assert headline(titles) in {titles[1].title, titles[2].title}


def catalog_of(rows: list[tuple[str, str | None, str, str]]) -> dict[str, Entry]:
    return {
        i: Entry(id=i, path=i, stamp=i, title=t, date=d, source=f"Outlet {i[-1]}")
        for i, d, t, _ in rows
    }


def test_kept_beside_the_index_survives_a_restart_and_a_damaged_file(tmp_path: Path) -> None:
    rows = [
        (i, d, f"{i.split('-')[0]} news", retold(EVENTS[i.split("-")[0]][1], int(i[-1])))
        for i, d, _ in corpus()
    ]
    texts = {i: (t, x) for i, _, t, x in rows}
    catalog = catalog_of(rows)
    path = grouping_path(tmp_path / "index")
    assert path.parent == tmp_path and path.name == "index.stories.json"
    g, problem = load_grouping(path)
    assert problem is None and not g.members
    assert bring_up_to_date(g, catalog, lambda ids: {i: texts[i] for i in ids}) == 6
    assert save_grouping(g, path)
    again, problem = load_grouping(path)
    assert problem is None
    assert again.stories() == g.stories()
    assert bring_up_to_date(again, catalog, lambda ids: {}) == 0  # nothing new: nothing read
    path.write_text("{not json", encoding="utf-8")
    made, problem = load_grouping(path)
    assert problem is not None and str(path) in problem
    bring_up_to_date(made, catalog, lambda ids: {i: texts[i] for i in ids})
    assert {frozenset(v) for v in made.stories().values()} == {
        frozenset(v) for v in g.stories().values()
    }  # made again from the articles: the same stories, the same ids
    assert set(made.stories()) == set(g.stories())


def test_an_article_whose_text_cannot_be_had_is_placed_on_its_title(tmp_path: Path) -> None:
    rows = [(i, d, "x", "") for i, d, _ in corpus()]
    g = Grouping()
    assert bring_up_to_date(g, catalog_of(rows), lambda ids: {}) == 6
    assert len(g.members) == 6


def written_corpus(folder: Path) -> Path:
    """The three events as Markdown files with front matter: a corpus for the command line."""
    for i, day, _ in corpus():
        event, outlet = i.split("-")
        write(
            folder / f"{i}.md",
            f"---\ntitle: {event} news {outlet}\ndate: {day}\nsource: Outlet {outlet}\n---\n"
            + retold(EVENTS[event][1], int(outlet)),
        )
    return folder


def test_the_command_line_lists_and_shows_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus_dir = written_corpus(tmp_path / "news")
    code, out, _ = run(capsys, "--corpus", str(corpus_dir), "stories", "--json")
    assert code == 0
    doc = json.loads(out)
    assert {frozenset(s["articles"]) for s in doc["stories"]} == {
        frozenset({"tariff-0", "tariff-1"}),
        frozenset({"strike-0", "strike-1"}),
        frozenset({"summit-0", "summit-1"}),
    }
    first = doc["stories"][0]
    assert set(first) >= {"id", "title", "articles", "sources", "first", "last"}
    assert first["first"] == "2026-03-04"  # newest first
    code, out, _ = run(capsys, "--corpus", str(corpus_dir), "story", first["id"], "--json")
    assert code == 0
    story = json.loads(out)
    assert story["id"] == first["id"] and story["coverage"]
    code, out, _ = run(capsys, "--corpus", str(corpus_dir), "story", "tariff-1")
    assert code == 0 and "tariff news" in out and "Coverage" in out
    code, _, err = run(capsys, "--corpus", str(corpus_dir), "story", "nosuchstory")
    assert code == 2 and "unknown story id" in err
    code, out, _ = run(
        capsys, "--corpus", str(corpus_dir), "stories", "--min-sources", "3", "--json"
    )
    assert json.loads(out) == {"stories": []}


def test_the_seeds_give_one_story_for_the_nara_visit(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--corpus", str(seeds), "stories", "--json")
    assert code == 0
    stories = json.loads(out)["stories"]
    nara = {"000_0b9c162a2c952b4e", "001_bfeed5d58f9e5359", "004_418a29abe9d5b535"}
    assert [set(s["articles"]) for s in stories] == [nara]  # Tokyo (002), Andong (003) apart


def test_counts_are_counters() -> None:
    f = features("T", "Alpha Beta met Gamma. Alpha Beta left.")
    assert isinstance(f.stems, Counter) and f.names["alpha beta"] == 2


def test_a_briefing_pins_a_story_by_id_and_says_when_it_is_unknown(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefings = tmp_path / "briefings"
    write(briefings / "nara.md", "---\ntitle: Nara  # the visit\n---\nSummary.\n")
    args = ["--corpus", str(seeds), "--briefings", str(briefings)]
    code, out, _ = run(capsys, *args, "stories", "--json")
    (story,) = json.loads(out)["stories"]
    code, _, _ = run(capsys, *args, "pin", "nara", story["id"], "--story")
    assert code == 0
    text = (briefings / "nara.md").read_text(encoding="utf-8")
    assert story["id"] in text and "# the visit" in text
    code, out, err = run(capsys, *args, "briefings", "--json")
    assert code == 0, err
    nara = next(p for p in json.loads(out) if p["title"] == "Nara")
    assert nara["stories"] == [story["id"]] and nara["count"] == 3
    code, _, err = run(capsys, *args, "pin", "nara", "s000000000", "--story")
    assert code == 2 and "unknown story id" in err
    write(briefings / "nara.md", "---\ntitle: Nara\nstories: [s000000000]\n---\n")
    code, _, err = run(capsys, *args, "briefings", "--json")
    assert code == 2 and "nara.md:3: unknown story id 's000000000'" in err


def test_story_ids_survive_a_rebuild_of_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus_dir = written_corpus(tmp_path / "news")
    args = ["--corpus", str(corpus_dir)]
    _, out, _ = run(capsys, *args, "stories", "--json")
    before = {s["id"]: set(s["articles"]) for s in json.loads(out)["stories"]}
    assert run(capsys, *args, "index", "--rebuild")[0] == 0
    _, out, _ = run(capsys, *args, "stories", "--json")
    assert {s["id"]: set(s["articles"]) for s in json.loads(out)["stories"]} == before
    # a new outlet's article a day later joins its story; no id changes
    write(
        corpus_dir / "strike-2.md",
        "---\ntitle: Santos strike goes on\ndate: 2026-03-04\nsource: Outlet 2\n---\n"
        + retold(EVENTS["strike"][1], 0),
    )
    _, out, _ = run(capsys, *args, "stories", "--json")
    after = {s["id"]: set(s["articles"]) for s in json.loads(out)["stories"]}
    assert set(after) == set(before)
    assert any("strike-2" in v and "strike-0" in v for v in after.values())


def test_a_story_shows_what_one_source_alone_reports_and_what_they_dispute(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus_dir = tmp_path / "news"
    common = (
        "A landslide struck the village of Oberwald in the Goms valley on Sunday. "
        "Rescuers from Brig searched the ruins of the Oberwald school through the night. "
    )
    write(
        corpus_dir / "a.md",
        "---\ntitle: Landslide hits Oberwald\ndate: 2026-06-07\nsource: Alpine Post\n---\n"
        + common
        + "The landslide killed 12 people, the canton police said on Monday.",
    )
    write(
        corpus_dir / "b.md",
        "---\ntitle: Oberwald landslide toll rises\ndate: 2026-06-07\nsource: Valley Times\n---\n"
        + common
        + "The landslide killed 15 people, the canton police said on Monday. "
        + "Mayor Anna Imboden asked the Federal Council for emergency funds to rebuild the road.",
    )
    code, out, err = run(capsys, "--corpus", str(corpus_dir), "story", "a", "--json")
    assert code == 0, err
    story = json.loads(out)
    assert set(story["articles"]) == {"a", "b"}
    assert story["coverage"] == [{"date": "2026-06-07", "sources": ["Alpine Post", "Valley Times"]}]
    only = {x["source"]: x for x in story["only_one_source"]}
    assert "Valley Times" in only
    assert any("Imboden" in s for s in only["Valley Times"]["sentences"])
    values = {group["value"] for d in story["disputes"] for group in d["values"]}
    assert {"12", "15"} <= values


def test_one_unreadable_article_never_stops_the_grouping() -> None:
    rows = [
        (i, d, f"{i.split('-')[0]} news", retold(EVENTS[i.split("-")[0]][1], int(i[-1])))
        for i, d, _ in corpus()
    ]
    texts = {i: (t, x) for i, _, t, x in rows}

    def reading(ids: list[str]) -> dict[str, tuple[str, str]]:
        if "summit-1" in ids:
            raise OSError("a damaged stored document")
        return {i: texts[i] for i in ids}

    g = Grouping()
    assert bring_up_to_date(g, catalog_of(rows), reading) == 6
    assert len(g.members) == 6  # the unreadable one too, on its title
    assert frozenset({"tariff-0", "tariff-1"}) in grouped(g)
