"""One way to write a file the program owns: a reader sees the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it (``/proc``); else
    set and put back at once, under a lock so that no thread of ours sees the moment between."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (or its pieces, in order) to a hidden temporary file beside ``path``,
    fsync it, and rename it over ``path``. Killed half-way, nothing but the temporary file
    (which scans skip) is left.

    The file keeps the mode it had (a ``-rw-r--r--`` briefing stays so); a new file gets the
    mode the umask gives any new file (``tempfile`` would make it ``-rw-------``). A symbolic
    link is written through: its target is replaced and the link stays a link.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a new file ``folder/stem.suffix`` (``stem-2``, ``stem-3``… when the
    name is taken), never over a file that is there, even one made meanwhile; the file is whole
    or absent. Its mode follows the umask. Returns the path written."""
    n = 1
    while True:
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o666 & ~current_umask())
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.link(tmp, path)  # fails when the name is taken: nothing is replaced
        except FileExistsError:
            n += 1
            continue
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return path
