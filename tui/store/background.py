"""Background work that a user can walk away from, and how it is told to stop.

Work that can stop half-way (indexing, disputed facts) takes a ``StopSignal`` (a
``threading.Event``, or ``WhenCancelled`` over a Textual worker) and raises ``Cancelled`` when
it is set: a cancel never looks like a Ctrl-C (``KeyboardInterrupt``), which stays the user's.

A Whoosh search or a comparison cannot be interrupted half-way. Run in Textual's thread worker
directly, a slow one kept the process alive after the user quit (the executor waits for its
threads), so ``q`` left a blank terminal for as long as the search took. ``abandonable`` runs
the work in a daemon thread and returns as soon as the worker is cancelled; the daemon thread
finishes (or dies with the process) on its own, and its result is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")

POLL_S = 0.02


class Cancelled(Exception):
    """The work stopped because its caller asked it to."""


class Abandoned(Cancelled):
    """The caller stopped waiting (the worker was cancelled or the app is closing)."""


class StopSignal(Protocol):
    """What asks work to stop: ``threading.Event`` is one."""

    def is_set(self) -> bool: ...


class _Cancellable(Protocol):
    @property
    def is_cancelled(self) -> bool: ...


class WhenCancelled:
    """The stop signal of a Textual worker (set once the worker is cancelled)."""

    def __init__(self, worker: _Cancellable) -> None:
        self.worker = worker

    def is_set(self) -> bool:
        return self.worker.is_cancelled


def raise_if_set(stop: StopSignal | None) -> None:
    """Raise ``Cancelled`` when ``stop`` is set: the check work makes between its steps."""
    if stop is not None and stop.is_set():
        raise Cancelled


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: list[T] = []  # its one value, once work() returned
        self.error: BaseException | None = None
        self.done = threading.Event()


def abandonable(work: Callable[[], T], stop: StopSignal) -> T:
    """Run ``work`` and return its result or raise its exception; raise ``Abandoned`` as soon
    as ``stop`` is set, without waiting for ``work`` to finish."""
    outcome: _Outcome[T] = _Outcome()

    def run() -> None:
        try:
            outcome.value.append(work())
        except BaseException as exc:  # handed to the caller, who decides
            outcome.error = exc
        finally:
            outcome.done.set()

    threading.Thread(target=run, name="briefing-background", daemon=True).start()
    while not outcome.done.wait(POLL_S):
        if stop.is_set():
            raise Abandoned
    if outcome.error is not None:
        raise outcome.error
    return outcome.value[0]
