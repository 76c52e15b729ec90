"""UI choices remembered between runs (the theme), kept in the user's state folder.

Never written into config.yaml: nothing the user wrote is ever modified.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.store.atomic import write_atomic
from tui.store.locations import state_file


def load_state(path: Path | None = None) -> dict[str, Any]:
    target = path or state_file()
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(values: dict[str, Any], path: Path | None = None) -> bool:
    """Merge ``values`` into the state file; False (and no crash) when it cannot be written."""
    target = path or state_file()
    data = load_state(target)
    data.update(values)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(data).encode("utf-8"))
    except OSError:
        return False
    return True
