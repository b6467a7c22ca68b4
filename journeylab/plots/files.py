"""Saving a figure to a file: PNG, SVG or PDF, the same bytes every time; a journey also as an HTML page.

>>> EXPORT_FORMATS
('png', 'svg', 'pdf')
"""

from __future__ import annotations

import os
from pathlib import Path

from matplotlib.figure import Figure

from journeylab.errors import ValidationError
from journeylab.journey import Journey
from journeylab.plots.style import course_style
from journeylab.storage import atomic_file

__all__ = ["EXPORT_FORMATS", "export"]

EXPORT_FORMATS = ("png", "svg", "pdf")
"""The file formats :func:`export` writes."""

_NO_DATES = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}  # a date would change every export


def export(figure: Figure, path: str | os.PathLike[str], format: str | None = None, *, dpi: int = 150) -> Path:
    """Save a figure as PNG, SVG or PDF and return where it went.

    Introduced in notebook 07. (A whole journey is shared as an HTML page with
    :func:`journeylab.page.export_page`, which sits above the plots.)

    The format comes from ``format`` or else from the file name's ending; a name
    without an ending gets one. Files carry no date, so exporting the same
    figure twice gives identical files (handy for version control). The file is
    written to a temporary name in the same folder first and then renamed, so a
    crash never leaves half a picture.

    Parameters
    ----------
    figure:
        Any figure from :mod:`journeylab.plots`.
    path:
        Where to save it, e.g. ``"my_journey.pdf"``; missing folders are made.
    format:
        ``"png"``, ``"svg"`` or ``"pdf"``; leave it out to use the file name's ending.
    dpi:
        Dots per inch of a PNG: 150 is sharp on screen and on paper.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from journeylab.plots import hourglass
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export(hourglass(), folder / "hourglass", format="svg").name
    'hourglass.svg'
    >>> export(hourglass(), folder / "hourglass.jpg")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: format: is not a format export can write (got 'jpg'). Allowed: png, svg, pdf.
    """
    if isinstance(figure, Journey):
        raise ValidationError("figure", "is a journey, not a picture", value="Journey",
                              allowed="jl.page.export_page(journey, 'journey.html') for the shareable page, "
                                      "or export(jl.plots.journey_map(journey), 'map.png') for a picture")
    if not isinstance(figure, Figure):
        raise ValidationError("figure", "must be a figure from journeylab.plots", value=type(figure).__name__,
                              allowed="a figure such as hourglass() or journey_map(journey)")
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    chosen = suffix if format is None else format
    if not chosen:
        raise ValidationError("format", "cannot be told from a file name without an ending", value=str(path),
                              allowed=EXPORT_FORMATS)
    if not isinstance(chosen, str) or chosen.strip().lower().lstrip(".") not in EXPORT_FORMATS:
        raise ValidationError("format", "is not a format export can write", value=chosen, allowed=EXPORT_FORMATS)
    chosen = chosen.strip().lower().lstrip(".")
    if not suffix:
        path = path.with_name(f"{path.name}.{chosen}")
    elif suffix in EXPORT_FORMATS and suffix != chosen:
        raise ValidationError("format", f"does not match the file name {path.name}", value=format,
                              allowed=EXPORT_FORMATS)
    with atomic_file(path, binary=True) as file, course_style():
        figure.savefig(file, format=chosen, dpi=dpi, metadata=_NO_DATES[chosen])
    return path
