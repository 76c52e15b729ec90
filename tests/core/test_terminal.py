"""tui.app.terminal: telling a live terminal from one that has hung up."""

from __future__ import annotations

import os

from tui.app.terminal import hung_up, is_terminal


def test_a_pty_is_live_until_its_other_end_closes() -> None:
    master, slave = os.openpty()
    try:
        assert is_terminal(slave)
        assert not hung_up(slave)
        os.close(master)  # what tmux does when its session is killed, sshd when SSH drops
        assert hung_up(slave)
    finally:
        os.close(slave)


def test_a_closed_descriptor_counts_as_gone_and_a_pipe_is_no_terminal() -> None:
    read, write = os.pipe()
    assert not is_terminal(read)
    os.close(read)
    os.close(write)
    assert hung_up(read)
    assert not is_terminal(read)
