"""One path for background jobs that fail: a notification naming the job and the error."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget
from textual.worker import Worker, WorkerState

# What each worker group does, as the user would name it.
JOBS = {
    "index": "Indexing",
    "refresh": "Looking for changed files",
    "stats": "The pane's figures",
    "disputes": "Finding disputed facts",
    "similar": "Finding the most similar article",
    "fetch": "Fetching feeds",
    "export": "Exporting the briefing",
    "search": "Search",
    "compare": "The comparison",
    "stories": "Grouping the stories",
    "browser": "Opening the browser",
    "default": "A background job",
}


def failure_message(job: str, error: BaseException) -> str:
    """What a background job that failed tells the user: which job, and why."""
    return f"{job} failed: {type(error).__name__}: {error}"


def notify_failure(node: App[Any] | Widget, event: Worker.StateChanged) -> None:
    """Call from each ``on_worker_state_changed`` (the message goes to the worker's owner
    only: the app, or the screen that started it)."""
    if event.state == WorkerState.ERROR and event.worker.error is not None:
        job = JOBS.get(event.worker.group, JOBS["default"])
        node.notify(failure_message(job, event.worker.error), severity="error", timeout=8)
