"""One path for background jobs that fail: a notification naming the job and the error."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from tui.background import JOBS, failure_message


def notify_failure(node: DOMNode, event: Worker.StateChanged) -> None:
    """Call from each ``on_worker_state_changed`` (the message goes to the worker's owner
    only: the app, or the screen that started it)."""
    if event.state == WorkerState.ERROR and event.worker.error is not None:
        job = JOBS.get(event.worker.group, JOBS["default"])
        node.notify(failure_message(job, event.worker.error), severity="error", timeout=8)
