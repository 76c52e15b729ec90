"""Whether the terminal the app runs in is still there.

When a terminal closes (an SSH connection drops, a tmux session is killed), the kernel sends
SIGHUP to the session's leader. Under `make run` that leader is make, which waits for its
child instead of passing the signal on, so the app would keep running with no terminal, its
input thread spinning on end-of-file. A hung-up terminal reports POLLHUP on its file
descriptor; the app polls for that and quits.
"""

from __future__ import annotations

import os
import select

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def is_terminal(fd: int) -> bool:
    """True when fd is an open terminal (so there is something that can go away)."""
    try:
        return os.isatty(fd)
    except OSError:
        return False


def hung_up(fd: int) -> bool:
    """True when the terminal on fd has hung up or the descriptor is no longer valid."""
    poller = select.poll()
    try:
        poller.register(fd, select.POLLIN)
    except (OSError, ValueError):
        return True
    return any(mask & _GONE for _fd, mask in poller.poll(0))
