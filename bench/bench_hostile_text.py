"""Reading a huge or hostile page: time should grow in proportion to the page.

A hostile or merely huge page dump can name thousands of sites ("Follow X on Twitter",
addresses, copyright lines, "By XYZ staff"). Finding the page's outlet once compared every
name with every other (30,000 names: 42 s; 16,000 names with addresses and owners: 81 s), and
keeping a text's paragraphs compared each with every earlier one (300,000 short lines: 333 s).
This reads pages of 2,000, 8,000 and 32,000 lines of names each way (``outlets``), and whole
texts of 10,000 and 40,000 short lines (``text``), and prints the seconds and the ratio of the
largest to the smallest per line (about 1 when the time is in proportion).

Usage: python bench/bench_hostile_text.py
"""

from __future__ import annotations

import json
import random
import string
import time

from tui.ingest import outlets
from tui.ingest.text import parse_text


def page(n: int, rng: random.Random) -> list[str]:
    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=7))

    lines = [f"Follow {word().title()} {word().title()} Times on Twitter" for _ in range(n)]
    lines += [f"By {''.join(rng.choices(string.ascii_uppercase, k=3))} staff" for _ in range(n)]
    lines += [f"Contact: news@{word()}.com or www.{word()}.com" for _ in range(n)]
    lines += [f"© 2020 {word().title()} Media Limited. All rights reserved." for _ in range(n)]
    return lines


def main() -> None:
    rng = random.Random(1)
    seconds: dict[str, float] = {}
    for n in (2_000, 8_000, 32_000):
        lines = page(n, rng)
        t0 = time.perf_counter()
        outlets.from_page(lines)
        seconds[str(n)] = round(time.perf_counter() - t0, 3)
    per_line = seconds["32000"] / 32_000 / (seconds["2000"] / 2_000)
    text: dict[str, float] = {}
    for n in (10_000, 40_000):
        words = (" ".join(rng.choices(string.ascii_lowercase, k=6)).title() for _ in range(n))
        t0 = time.perf_counter()
        parse_text("\n".join(f"   {w}" for w in words))
        text[str(n)] = round(time.perf_counter() - t0, 3)
    per_text_line = text["40000"] / 40_000 / (text["10000"] / 10_000)
    print(
        json.dumps(
            {
                "outlets_seconds": seconds,
                "outlets_per_line_32000_vs_2000": round(per_line, 2),
                "text_seconds": text,
                "text_per_line_40000_vs_10000": round(per_text_line, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
