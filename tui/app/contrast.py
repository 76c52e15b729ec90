"""Every text the app draws is readable: at least 4.5:1 against what it is drawn on.

Textual's themes and our own colours (keyword hues from config.yaml, the theme's accent as a
title colour) meet on backgrounds nobody chose them for: orange on light grey is 1.5:1. The
same answer terminals give (VS Code's ``terminal.integrated.minimumContrastRatio``, kitty's
and iTerm2's minimum contrast) is applied to every line the app draws, as a Textual line
filter: a colour that falls short is moved towards black or white, keeping its hue, just far
enough to reach the ratio. Lines and blocks (borders, scrollbars) are not text and are left
as the theme draws them.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

MINIMUM = 4.5  # WCAG AA for text


def _channel(v: float) -> float:
    v /= 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = rgb
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


@lru_cache(maxsize=4096)
def readable(
    fg: tuple[int, int, int], bg: tuple[int, int, int], minimum: float = MINIMUM
) -> tuple[int, int, int]:
    """``fg``, or the colour nearest to it towards black or white that reaches ``minimum``
    against ``bg`` (the end with more room first; the best of both when neither reaches)."""
    if ratio(fg, bg) >= minimum:
        return fg
    white, black = (255, 255, 255), (0, 0, 0)
    ends = sorted((white, black), key=lambda end: -ratio(end, bg))
    for end in ends:
        if ratio(end, bg) < minimum:
            continue
        low, high = 0.0, 1.0
        for _ in range(12):  # the smallest step towards the end that is enough
            mid = (low + high) / 2
            if ratio(_mix(fg, end, mid), bg) >= minimum:
                high = mid
            else:
                low = mid
        return _mix(fg, end, high)
    return ends[0]


def _rgb(color: RichColor | None) -> tuple[int, int, int] | None:
    if color is None or color.is_default:
        return None
    t = color.get_truecolor()
    return (t.red, t.green, t.blue)


@lru_cache(maxsize=8192)
def _readable_style(style: Style, background: tuple[int, int, int]) -> Style:
    fg, bg = _rgb(style.color), _rgb(style.bgcolor) or background
    if style.reverse:  # what shows as text is the background colour
        fg, bg = bg, fg
    if fg is None or bg is None:
        return style
    better = readable(fg, bg)
    if better == fg:
        return style
    colour = RichColor.from_rgb(*better)
    return style + (Style(bgcolor=colour) if style.reverse else Style(color=colour))


def _is_text(text: str) -> bool:
    """Anything but spaces, box drawing and block elements (U+2500–U+259F)."""
    return any(not c.isspace() and not 0x2500 <= ord(c) <= 0x259F for c in text)


class MinimumContrast(LineFilter):
    """A line filter that lifts every text colour to ``MINIMUM`` against its background."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        base = (background.r, background.g, background.b)
        out: list[Segment] = []
        for segment in segments:
            style = segment.style
            if style is None or segment.control or not _is_text(segment.text):
                out.append(segment)
                continue
            fixed = _readable_style(style, base)
            out.append(segment if fixed is style else Segment(segment.text, fixed))
        return out
