"""What cannot be done, said in one line: the exceptions the command line turns into
``briefing: error: …`` with exit status 1 (a usage error is 2: ``cli.UsageError``)."""

from __future__ import annotations


class Failed(Exception):
    """What was asked could not be done (a file unreadable, a disk full, a library missing);
    the message is the one line to show, naming what failed."""
