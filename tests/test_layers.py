"""The core is plain Python: importing it (and the CLI) never loads Textual."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

DOMAIN = [
    "tui.articles",
    "tui.analysis",
    "tui.briefings",
    "tui.config",
    "tui.corpus",
    "tui.highlight",
    "tui.index",
    "tui.literal",
    "tui.locations",
    "tui.search",
    "tui.rich_text",
    "tui.cli",
    "tui.compare",
    "tui.facts",
    "tui.disputes",
    "tui.curate",
    "tui.export",
    "tui.compare_view",
    "tui.library",
    "tui.state",
    "tui.background",
    "tui.atomic",
    "tui.feeds",
    "tui.sentences",
    "tui.yaml_safe",
    "tui.ingest.chrome",
    "tui.ingest.dates",
    "tui.ingest.html",
    "tui.ingest.outlets",
]


def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in DOMAIN)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"
