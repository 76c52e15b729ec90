"""Split news-dev into two fixed halves by article id (the MD5 of the id: even A, odd B), so that
reading rules are written on one half and judged on the other.

Usage: python bench/reading_halves.py TARGET_DIR [NEWS_DEV]
Writes TARGET/A and TARGET/B, each with the variant folders (clean/, messy/, html/) holding that
half's files and its own truth.json; score each with
    python3 ../shared/tools/check_reading.py --checkout . --set TARGET/A   (then TARGET/B)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def half_of(article_id: str) -> str:
    return "A" if int(hashlib.md5(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def main() -> None:
    target = Path(sys.argv[1])
    source = (
        Path(sys.argv[2]) if len(sys.argv) > 2 else REPO.parent / "shared" / "corpora" / "news-dev"
    )
    if REPO in target.resolve().parents or target.resolve() == REPO:
        raise SystemExit("write the halves outside the repository")
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    items = truth.items() if isinstance(truth, dict) else ((t["id"], t) for t in truth)
    halves: dict[str, dict[str, object]] = {"A": {}, "B": {}}
    for article_id, row in items:
        halves[half_of(article_id)][article_id] = row
    for half, rows in halves.items():
        root = target / half
        for variant in ("clean", "messy", "html"):
            folder = source / variant
            if not folder.is_dir():
                continue
            (root / variant).mkdir(parents=True, exist_ok=True)
            for path in folder.iterdir():
                if path.stem.split(".")[0] in rows or path.stem in rows:
                    shutil.copy2(path, root / variant / path.name)
        out = rows if isinstance(truth, dict) else list(rows.values())
        (root / "truth.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
        print(f"{half}: {len(rows)} pages")


if __name__ == "__main__":
    main()
