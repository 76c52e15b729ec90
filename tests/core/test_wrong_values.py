"""Precision first: the kinds of wrong outlet seen on pages nobody tuned to, each on a small
page written for it (tests/fixtures/wrong_values/): an owner company, an outlet the story
quotes, an organisation it names, a number glued to an agency, a wire story on a local page.
A wrong outlet is worse than none."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tui.ingest.article import load_article
from tui.ingest.outlets import outlet_name

PAGES = FIXTURES / "wrong_values"


def outlet(name: str) -> str | None:
    return load_article(PAGES / f"{name}.txt", article_id=name, max_bytes=1_000_000).source


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("owner", "Riverside Gazette"),  # the masthead, not "Northern Media Group plc"
        ("owner2", None),  # only the owner's copyright: no outlet rather than the owner
        ("owner3", None),  # "- Gannett" in the title and a copyright: a publisher group
        ("quoted", None),  # The Guardian, the Financial Times and Reuters are quoted
        ("quoted2", None),  # an outlet the story names, even on a line of its own
        ("org", None),  # The Trussell Trust is the story's subject; the BBC is quoted
        ("glued", "Reuters"),  # "0 Reuters" (a share count glued on) is Reuters, not "0 Reuters"
        ("wire", "Valley Herald"),  # an AP story on the Valley Herald's page is the Herald's
    ],
)
def test_the_outlet_is_the_page_s_own_or_none(page: str, expected: str | None) -> None:
    assert outlet(page) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HuffPost UK Politics", "HuffPost UK"),  # a section after the name
        ("Daily Mail Online", "Daily Mail"),  # the web edition
        ("Mail Online", "Mail Online"),  # two words: a name
        ("The Next Web", "The Next Web"),
        ("Sky News", "Sky News"),
        ("Fox News Politics", "Fox News"),
        ("BBC News", "BBC News"),
    ],
)
def test_a_site_tail_s_edition_or_section_word_is_not_the_outlet(name: str, expected: str) -> None:
    assert outlet_name(name) == expected
