"""A footer that shows as many keys as fit, whole: never one cut in the middle of a word."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer

# A key's cells beside its text: one before the key, one between key and words, one after.
_KEY_PADDING = 3
_PALETTE_ROOM = 14  # "^p palette" at the right, with its border


class FittingFooter(Footer):
    """Textual's footer, with the keys that would not fit whole left out, from the last (a
    screen lists its most needed keys first); ``?`` lists every key anyway."""

    _width = 0

    def compose(self) -> ComposeResult:
        width = self._width = self.size.width
        pieces: list[Widget] = list(super().compose())
        room = width - _PALETTE_ROOM
        for piece in pieces:
            key = getattr(piece, "key_display", None)
            if width and key is not None and not piece.has_class("-command-palette"):
                needed = len(key) + len(getattr(piece, "description", "")) + _KEY_PADDING
                if needed > room:
                    continue
                room -= needed
            yield piece

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self.call_after_refresh(self.recompose)
