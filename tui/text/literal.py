"""The literal-text rule: article text is data, never instructions to a terminal or to Rich.

Control characters (ANSI escape sequences included) are replaced by their visible Unicode
"control pictures" at ingest time, so an article containing ``\\x1b[2J`` shows ``␛[2J``.
Rich markup needs no escaping here because article text only ever reaches Rich as ``Text``.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import unicodedata
from typing import Any

# C0 controls except tab and newline, DEL, and the C1 range.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Bidi overrides and isolates can reorder the rest of a terminal line; show them, don't apply.
# Lone surrogates (from file names that are not UTF-8) cannot be written to a terminal at all.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def make_literal(text: str) -> str:
    """Return ``text`` with every control character made visible and inert."""
    text = _CONTROL.sub(_picture, text)
    text = _BIDI.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) so a value fits one line of a table."""
    return " ".join(make_literal(text).split())


def short(text: str, width: int = 40) -> str:
    """``text`` on one line, cut at a word boundary to fit ``width`` ("Fire at a coal mine
    in…"); a single word longer than that is cut inside it."""
    line = one_line(text)
    if len(line) <= width:
        return line
    cut = textwrap.shorten(line, width, placeholder="…")
    return cut if cut != "…" else line[: width - 1] + "…"


def shown_path(path: object) -> str:
    """A path as text that can always be shown and stored: bytes that are not UTF-8 become
    U+FFFD and control characters become visible."""
    raw = os.fsencode(str(path)) if not isinstance(path, bytes) else path
    return make_literal(raw.decode("utf-8", errors="replace"))


# In JSON strings: DEL, C1 controls, bidi overrides and lone surrogates are written as \u
# escapes (json.dumps already escapes C0), so a terminal showing the output never acts on
# them; the values are unchanged. Outside strings JSON has only ASCII punctuation and space.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(data: Any) -> str:
    """``data`` as indented JSON that is safe to print: see ``_JSON_UNSAFE``."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
