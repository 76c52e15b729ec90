"""Background work that a user can walk away from.

A Whoosh search or a comparison cannot be interrupted half-way. Run in Textual's thread worker
directly, a slow one kept the process alive after the user quit (the executor waits for its
threads), so ``q`` left a blank terminal for as long as the search took. ``abandonable`` runs
the work in a daemon thread and returns as soon as the worker is cancelled; the daemon thread
finishes (or dies with the process) on its own, and its result is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

POLL_S = 0.02


class Abandoned(Exception):
    """The caller stopped waiting (the worker was cancelled or the app is closing)."""


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()


def abandonable(work: Callable[[], T], cancelled: Callable[[], bool]) -> T:
    """Run ``work`` and return its result or raise its exception; raise ``Abandoned`` as soon
    as ``cancelled()`` is true, without waiting for ``work`` to finish."""
    outcome: _Outcome[T] = _Outcome()

    def run() -> None:
        try:
            outcome.value = work()
        except BaseException as exc:  # handed to the caller, who decides
            outcome.error = exc
        finally:
            outcome.done.set()

    threading.Thread(target=run, name="briefing-background", daemon=True).start()
    while not outcome.done.wait(POLL_S):
        if cancelled():
            raise Abandoned
    if outcome.error is not None:
        raise outcome.error
    return outcome.value  # type: ignore[return-value]  # set when done without an error
