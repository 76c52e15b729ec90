"""Files the program writes keep the user's modes: an atomic replace keeps the file's mode, a
new file follows the umask, a symbolic link is written through."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BRIEFINGS, SEEDS, write
from tui.cli import main
from tui.store.atomic import current_umask, write_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_umask_is_read_without_being_changed(umask_022: None) -> None:
    assert current_umask() == 0o022
    os.umask(0o027)
    assert current_umask() == 0o027


def test_an_atomic_replace_keeps_the_files_mode(tmp_path: Path, umask_022: None) -> None:
    path = write(tmp_path / "b.md", "old")
    for wanted in (0o644, 0o664, 0o600):
        path.chmod(wanted)
        write_atomic(path, b"new")
        assert mode(path) == wanted and path.read_bytes() == b"new"


def test_a_new_file_follows_the_umask(tmp_path: Path, umask_022: None) -> None:
    write_atomic(tmp_path / "a", b"x")
    assert mode(tmp_path / "a") == 0o644
    os.umask(0o077)
    write_atomic(tmp_path / "b", b"x")
    assert mode(tmp_path / "b") == 0o600


def test_a_symlinked_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = write(tmp_path / "real" / "b.md", "old")
    link = tmp_path / "b.md"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_curating_and_exporting_keep_modes_on_the_command_line(
    tmp_path: Path, capsys, umask_022: None
) -> None:
    seeds, briefings = tmp_path / "seeds", tmp_path / "briefings"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(BRIEFINGS, briefings)
    path = briefings / "history-track.md"
    path.chmod(0o644)
    args = ["--corpus", str(seeds), "--briefings", str(briefings)]
    assert main(["keyword", "history-track", "Ube", *args]) == 0
    assert main(["pin", "history-track", "003_ff72b68d716462b9", *args]) == 0
    assert mode(path) == 0o644
    out = tmp_path / "out.html"
    assert main(["export", "history-track", "--format", "html", "-o", str(out), *args]) == 0
    assert mode(out) == 0o644
    capsys.readouterr()
