"""Bytes to text: reading a file within a size limit, and decoding whatever it holds."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from tui.ingest.parsed import SkipFile
from tui.text.literal import make_literal


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252; never fails.

    Raises ``SkipFile`` for what is not text at all.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise SkipFile("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    head = text[:4096]
    if len(_BINARY_CONTROLS.findall(head)) > max(8, len(head) // 10):
        raise SkipFile("binary file (mostly control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return make_literal(text).replace("\t", " ")


_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def unreadable(exc: BaseException) -> str:
    """The reason shown for a file whose reading failed in a way we did not foresee."""
    if isinstance(exc, RecursionError):
        return "cannot be read: nested too deeply"
    if isinstance(exc, MemoryError):
        return "cannot be read: too large to hold in memory"
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"cannot be read ({type(exc).__name__}{': ' + detail if detail else ''})"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file that may be an article, or say why it cannot be one."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"larger than the limit ({size:,} > {max_bytes:,} bytes)")
        with path.open("rb") as handle:
            data = handle.read(min(max_bytes, size + 65536) + 1)  # read(n) allocates n bytes
    except FileNotFoundError:
        raise SkipFile("file disappeared before it could be read") from None
    except IsADirectoryError:
        raise SkipFile("not a regular file") from None
    except OSError as exc:
        raise SkipFile(f"unreadable: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise SkipFile(f"larger than the limit (> {max_bytes:,} bytes)")
    if not data.strip():
        raise SkipFile("empty file")
    return data
