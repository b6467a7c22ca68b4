"""The one look of every figure in :mod:`journeylab.plots`, and the helpers that draw with it.

A figure is built on a page measured in inches from its top left corner, so
text can be wrapped to the room it has and nothing overlaps. Drawing and saving
both happen inside :func:`course_style`: matplotlib's defaults plus
:data:`STYLE`, whatever a notebook changed before, so the same input gives the
same picture on every computer.

>>> OKABE_ITO["vermillion"]
'#D55E00'
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, Any

import matplotlib
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from journeylab.errors import SchemaError, ValidationError

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # the names matplotlib.rcParams knows

__all__ = ["OKABE_ITO", "STYLE", "course_style"]

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""The Okabe-Ito palette: eight colours that people with any common colour blindness can tell apart."""

MAIN, HIGHLIGHT = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
MET, MISSED = OKABE_ITO["bluish_green"], OKABE_ITO["vermillion"]
TEXT, MUTED, RULE = "#222222", "#666666", "#D0D0D0"

STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same letters on every computer
    "font.size": 10,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": MUTED,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=[MAIN, OKABE_ITO["orange"], MET, HIGHLIGHT, OKABE_ITO["sky_blue"],
                                     OKABE_ITO["reddish_purple"], OKABE_ITO["yellow"], OKABE_ITO["black"]]),
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.frameon": False,
    "legend.fontsize": 9.5,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "journeylab",  # stable ids inside SVG files
    "svg.fonttype": "path",  # letters as shapes: the SVG looks the same without the font installed
}
"""The settings every figure is drawn and saved with, on top of matplotlib's defaults."""

TITLE_SIZE, SUBTITLE_SIZE, MARGIN = 17, 10.5, 0.4  # points, points, inches
_LINE_EM = 1.34  # height of one line of text, in multiples of the font size (measured)
_CHAR_EM = {"normal": 0.56, "bold": 0.62}  # average letter width, generous so text never spills


@contextmanager
def course_style() -> Iterator[None]:
    """Draw with matplotlib's defaults plus :data:`STYLE`, then put the notebook's settings back."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(STYLE)
        yield


def styled(function: Callable[..., Figure]) -> Callable[..., Figure]:
    """Run a plotting function inside :func:`course_style`."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with course_style():
            return function(*args, **kwargs)

    return wrapper


class CourseFigure(Figure):
    """A plain Figure that Jupyter can show by itself: without pyplot nothing else would show it.

    Its text form names the picture, not its size in pixels, so a notebook's
    stored output stays the same when a layout is tuned.
    """

    headline = ""

    def __repr__(self) -> str:
        return f"<Figure: {self.headline}>" if self.headline else super().__repr__()

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        buffer = io.BytesIO()
        with course_style():
            self.savefig(buffer, format="png", dpi=150)
        width, height = self.get_size_inches() * 100
        return buffer.getvalue(), {"width": round(width), "height": round(height)}


# ----------------------------------------------------------------------------- text and page


def tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``amount`` 1 is the colour itself, 0 is white."""
    red, green, blue = (1 - amount * (1 - channel) for channel in to_rgb(color))
    return red, green, blue


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


# ----------------------------------------------------------------------------- numbers


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


# ----------------------------------------------------------------------------- checks


def table(value: Any, argument: str, columns: Sequence[str], allowed: str) -> pd.DataFrame:
    """``value`` as a non-empty DataFrame with ``columns``, or an error naming what is wrong."""
    if not isinstance(value, pd.DataFrame):
        raise ValidationError(argument, "must be a table", value=type(value).__name__, allowed=allowed)
    if len(value) == 0:
        raise ValidationError(argument, "is empty: there are no stages to draw", allowed=allowed)
    for column in columns:
        if column not in value.columns:
            present = ", ".join(str(name) for name in value.columns) or "none"
            problem = f"{argument} has no {column} column (its columns are: {present})"
            raise SchemaError(column, problem, allowed=allowed)
    return value


def numbers(column: pd.Series, name: str) -> np.ndarray:
    """A column as floats (NaN where empty); text or True/False is a SchemaError naming the column."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        raise SchemaError(name, "must hold numbers", value=str(column.dtype), allowed="numbers such as 1200 or 2.5")
    return column.to_numpy(dtype=float, na_value=np.nan)


def model(value: Any, cls: type | tuple[type, ...], argument: str, what: str, example: str) -> None:
    """Refuse anything but the model a plot draws, naming the argument."""
    if not isinstance(value, cls):
        raise ValidationError(argument, f"must be {what}", value=type(value).__name__, allowed=example)
