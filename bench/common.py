"""What the benchmark scripts share (each is run as ``python bench/NAME.py``, so this folder is
on the import path)."""

from __future__ import annotations


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile of ``values`` by the nearest rank (the figures in the notes)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
