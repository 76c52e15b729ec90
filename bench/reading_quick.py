"""The reading checker's scores in a few seconds, for iterating on ingest rules.

    .venv/bin/python bench/reading_quick.py [clean,messy] [title|date|source|lead]

``../shared/tools/check_reading.py`` runs the installed command once per article (about five
minutes); this reads each file in-process with ``tui.ingest.article.load_article`` and scores
it with the checker's own functions, so the figures are the same (the text variants; HTML pages need
the checker). With a second argument it lists the articles that miss that figure. Prints one
JSON line per variant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SET = REPO.parent / "shared" / "corpora" / "news-dev"
MISSED = {
    "title": "title_exact",
    "date": "date_within_1_day",
    "source": "source_correct",
    "lead": "starts_at_lead",
}
FIGURES = (
    "title_exact",
    "date_within_1_day",
    "source_correct",
    "body_precision",
    "body_recall",
    "starts_at_lead",
)


def main() -> None:
    sys.path.insert(0, str(REPO.parent / "shared" / "tools"))
    import check_reading as checker  # type: ignore[import-not-found]

    from tui.ingest.article import load_article

    variants = (sys.argv[1] if len(sys.argv) > 1 else "clean,messy").split(",")
    show = MISSED.get(sys.argv[2]) if len(sys.argv) > 2 else None
    truth: dict[str, Any] = json.loads((SET / "truth.json").read_text(encoding="utf-8"))
    for variant in variants:
        rows = []
        for article_id, true in truth.items():
            path = checker.source_file(SET / variant, variant, article_id)
            try:
                got = load_article(path, article_id=article_id, max_bytes=10_000_000).to_json()
            except Exception as exc:  # scored as nothing read, as the checker does
                got = {"_error": str(exc)}
            row = checker.score_one(got, true, article_id, path.read_text(errors="replace"))
            rows.append(row)
            if show and row.get(show) is False:
                print(f"{variant} {article_id}: {show} missed", file=sys.stderr)
        summary = checker.summarise(rows)
        print(json.dumps({"variant": variant, **{k: summary[k] for k in FIGURES}}))


if __name__ == "__main__":
    main()
