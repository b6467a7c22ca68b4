"""Text on a figure's page: measured, wrapped and stacked so that nothing overlaps; numbers as people write them.

A figure of :mod:`journeylab.plots` is built on a page measured in inches from
its top left corner (:func:`new_page`), so text can be wrapped to the room it
has (:func:`wrap`, measured as matplotlib draws it) and blocks of it placed
under each other (:func:`stack`, :class:`Header`).

>>> number(12000), signed(0.25), people(1)
('12,000', '+0.3', '1 person')
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from journeylab.plots.style import MARGIN, MUTED, STYLE, SUBTITLE_SIZE, TEXT, TITLE_SIZE, CourseFigure

__all__ = ["text_width", "wrap", "bullets", "list_or_blank", "shorten", "text_height", "new_page", "inset", "stack",
           "Header", "number", "people", "with_unit", "signed"]

_LINE_EM = 1.34  # height of one line of text, in multiples of the font size (measured)
_CHAR_EM = {"normal": 0.56, "bold": 0.62}  # average letter width, generous so text never spills

_RULER = RendererAgg(1, 1, 100)  # measures text as the figures draw it, at 100 dots per inch


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Inches one line of ``text`` takes at font ``size``, measured as matplotlib draws it."""
    font = FontProperties(family=STYLE["font.family"], size=size, weight=weight)
    return _RULER.get_text_width_height_descent(text, font, ismath=False)[0] / 100


def wrap(text: str, width: float, size: float, weight: str = "normal", **options: Any) -> list[str]:
    """Cut ``text`` into lines that fit ``width`` inches at font ``size``.

    The first guess uses an average letter width; lines of wide letters ("mm",
    "WW") that still do not fit are measured and wrapped shorter.
    """
    chars = max(6, int(width / (size / 72 * _CHAR_EM[weight])))
    while True:
        lines = textwrap.wrap(text, chars, **options) or [""]
        widest = max(text_width(line, size, weight) for line in lines)
        if widest <= width or chars <= 6:
            return lines
        chars = max(6, min(chars - 1, int(chars * width / widest)))


def bullets(items: Sequence[str], width: float, size: float) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines += wrap(item, width, size, initial_indent="•  ", subsequent_indent="    ")
    return lines


def list_or_blank(items: Sequence[str], width: float, size: float, blank: str) -> tuple[list[str], str]:
    """A bulleted list, or a grey prompt when there is nothing yet; with the colour to write it in."""
    return (bullets(items, width, size), TEXT) if items else (wrap(blank, width, size), MUTED)


def shorten(lines: list[str], most: int) -> list[str]:
    """At most ``most`` lines, the last one ending in an ellipsis when text was cut."""
    return lines if len(lines) <= most else lines[: most - 1] + [lines[most - 1].rstrip(" ,;:")[:-1] + "…"]


def text_height(lines: int, size: float) -> float:
    """Inches taken by ``lines`` lines of text at font ``size``."""
    return lines * size * _LINE_EM / 72


def new_page(width: float, page_height: float) -> tuple[Figure, Any]:
    """A figure with one invisible axes over all of it, measured in inches from the top left."""
    figure = CourseFigure(figsize=(width, page_height), dpi=100)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(page_height, 0)
    axes.axis("off")
    return figure, axes


def inset(figure: Figure, left: float, top: float, width: float, inset_height: float) -> Any:
    """An axes placed in inches from the top left of the figure."""
    page_width, page_height = figure.get_size_inches()
    bottom = 1 - (top + inset_height) / page_height
    return figure.add_axes((left / page_width, bottom, width / page_width, inset_height / page_height))


def stack(axes: Any, left: float, middle: float, blocks: Sequence[tuple[list[str], float, dict[str, Any]]]) -> None:
    """Write blocks of lines ``(lines, size, text options)`` under each other, centred on ``middle``."""
    y = middle - sum(text_height(len(lines), size) for lines, size, _ in blocks) / 2
    for lines, size, options in blocks:
        axes.text(left, y, "\n".join(lines), fontsize=size, va="top", **options)
        y += text_height(len(lines), size)


@dataclass
class Header:
    """The title and subtitle every figure starts with, in the one title style."""

    title: list[str]
    subtitle: list[str]

    @classmethod
    def make(cls, title: str, subtitle: str, width: float) -> Header:
        return cls(wrap(title, width, TITLE_SIZE, "bold"), wrap(subtitle, width, SUBTITLE_SIZE) if subtitle else [])

    @property
    def height(self) -> float:
        title = text_height(len(self.title), TITLE_SIZE)
        return 0.3 + title + 0.08 + text_height(len(self.subtitle), SUBTITLE_SIZE) + 0.2

    def draw(self, axes: Any, left: float = MARGIN) -> None:
        axes.figure.headline = " ".join(self.title)
        axes.text(left, 0.3, "\n".join(self.title), fontsize=TITLE_SIZE, fontweight="bold", va="top",
                  parse_math=False)  # a name with "$" in it is text, not a formula
        if self.subtitle:
            top = 0.3 + text_height(len(self.title), TITLE_SIZE) + 0.08
            axes.text(left, top, "\n".join(self.subtitle), fontsize=SUBTITLE_SIZE, color=MUTED, va="top",
                      parse_math=False)


# ----------------------------------------------------------------------------- numbers as text


def number(value: float) -> str:
    """12000 as 12,000 and 2.50 as 2.5, with a real minus sign: how a marketer writes numbers."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def people(value: float) -> str:
    """1 person, 2,000 people."""
    return f"{number(value)} {'person' if value == 1 else 'people'}"


def with_unit(value: float, unit: str) -> str:
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def signed(value: float) -> str:
    """+0.3 for 0.25 (halves round away from zero, as people round), with a real minus sign; 0.0 unsigned."""
    rounded = math.copysign(math.floor(abs(value) * 10 + 0.5) / 10, value)
    if rounded == 0:
        return "0.0"
    return f"{rounded:+.1f}".replace("-", "−")
