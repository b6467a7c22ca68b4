"""The one look of every figure in :mod:`journeylab.plots`: colours, fonts and sizes.

Drawing and saving both happen inside :func:`course_style`: matplotlib's defaults plus
:data:`STYLE`, whatever a notebook changed before, so the same input gives the
same picture on every computer. Placing text on a page is
:mod:`~journeylab.plots.layout`'s; checking what a plot is given is
:mod:`~journeylab.plots.arguments`'.

>>> OKABE_ITO["vermillion"]
'#D55E00'
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Any

import matplotlib
from cycler import cycler
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

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
SHOWN_DPI = 150  # a figure shown in Jupyter: drawn at 150 dots per inch, shown 100 to the inch (sharp on any screen)


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
    _last_png: tuple[float, bytes] | None = None  # (dpi, bytes) of the PNG drawn last: see png()

    def __repr__(self) -> str:
        return f"<Figure: {self.headline}>" if self.headline else super().__repr__()

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        width, height = self.get_size_inches() * 100
        return self.png(SHOWN_DPI), {"width": round(width), "height": round(height)}

    def png(self, dpi: float = SHOWN_DPI) -> bytes:
        """The figure as PNG bytes at ``dpi``, drawn only if it changed since the last PNG at that dpi.

        Showing a figure and exporting it as PNG (``to_buy`` and then
        ``export(to_buy, ...)``), or the other way round, draws it once: the
        second gets the same bytes. Any change to the figure since (a title, a
        size, a new line) marks it stale, and it is drawn afresh.
        """
        if self._last_png is not None and self._last_png[0] == dpi and not self.stale:
            return self._last_png[1]
        buffer = io.BytesIO()
        with course_style():
            self.savefig(buffer, format="png", dpi=dpi)
        self._last_png = (dpi, buffer.getvalue())
        # every artist was drawn just now; from here a change to any of them marks the figure stale again
        self.stale = False
        return self._last_png[1]


# ----------------------------------------------------------------------------- colour


def tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``amount`` 1 is the colour itself, 0 is white."""
    red, green, blue = (1 - amount * (1 - channel) for channel in to_rgb(color))
    return red, green, blue
