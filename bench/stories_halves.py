"""Split stories-dev into the two halves the stories rules were chosen on (A) and checked on (B).

Usage: python bench/stories_halves.py TARGET_DIR [STORIES_DEV]
Writes TARGET/A and TARGET/B, each with corpus/, truth.json and meta.json, by the MD5 of each
story's label (even: A, odd: B); score each with
    python3 ../shared/tools/check_stories.py --checkout . --set TARGET/A   (then TARGET/B)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    target = Path(sys.argv[1])
    source = (
        Path(sys.argv[2])
        if len(sys.argv) > 2
        else REPO.parent / "shared" / "corpora" / "stories-dev"
    )
    if REPO in target.resolve().parents or target.resolve() == REPO:
        raise SystemExit("write the halves outside the repository")
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    meta_path = source / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    files = {p.stem: p for p in (source / "corpus").iterdir() if p.is_file()}
    for half in ("A", "B"):
        (target / half / "corpus").mkdir(parents=True, exist_ok=True)
    halves: dict[str, dict[str, str]] = {"A": {}, "B": {}}
    for article, story in truth.items():
        half = "A" if int(hashlib.md5(story.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"
        halves[half][article] = story
        if article in files:
            shutil.copy2(files[article], target / half / "corpus" / files[article].name)
    for half, part in halves.items():
        (target / half / "truth.json").write_text(json.dumps(part, indent=1), encoding="utf-8")
        kept = {k: v for k, v in meta.items() if k in part}
        (target / half / "meta.json").write_text(json.dumps(kept, indent=1), encoding="utf-8")
        print(f"{half}: {len(part)} articles in {len(set(part.values()))} stories")


if __name__ == "__main__":
    main()
