"""Make a large corpus by replicating the BBC corpus with new ids (outside the repository).

Usage: python bench/make_corpus.py TARGET_DIR [COUNT] [BBC_DIR]
Writes COUNT articles (default 100,000) as TARGET/<topic>/<copy>-<name>.txt; the topic folders
stay the BBC's five. Each copy gets its number in its first paragraph so copies differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    bbc = Path(sys.argv[3]) if len(sys.argv) > 3 else REPO.parent / "shared" / "corpora" / "bbc"
    if REPO in target.resolve().parents:
        raise SystemExit("make the corpus outside the repository")
    sources = sorted(bbc.glob("*/*.txt"))
    written = 0
    copy = 0
    while written < count:
        for source in sources:
            if written >= count:
                break
            data = source.read_bytes()
            title, _, rest = data.partition(b"\n")
            out = target / source.parent.name / f"c{copy:03}-{source.name}"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(title + f" ({copy})\n".encode() + f"Copy {copy}. ".encode() + rest)
            written += 1
        copy += 1
    print(f"{written} articles in {target}")


if __name__ == "__main__":
    main()
