"""Saving a figure to a file: PNG, SVG or PDF, the same bytes every time; a PDF on a true paper size.

A PDF is as big as its figure unless ``paper`` is given: then the page is that
sheet in landscape (A3 is 420 × 297 mm) and the figure is scaled to fit it,
centred, so "print on A3" means what it says and a print shop's "actual size"
gives the same sheet.

>>> EXPORT_FORMATS, sorted(PAPER_SIZES)
(('png', 'svg', 'pdf'), ['A3', 'A4', 'Letter'])
"""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path
from typing import IO, Any

from matplotlib.figure import Figure

from journeylab.errors import ValidationError
from journeylab.journey import Journey
from journeylab.plots.style import CourseFigure, course_style
from journeylab.storage import atomic_file

__all__ = ["EXPORT_FORMATS", "PAPER_SIZES", "export", "figure_svg"]

EXPORT_FORMATS = ("png", "svg", "pdf")
"""The file formats :func:`export` writes."""

PAPER_SIZES = {"A3": (420.0, 297.0), "A4": (297.0, 210.0), "Letter": (279.4, 215.9)}
"""Sheets a PDF can be made for, as (width, height) in millimetres, landscape."""

_MM_PER_INCH = 25.4
_NO_DATES = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}  # a date would change every export


def export(figure: Figure, path: str | os.PathLike[str], format: str | None = None, *, dpi: int = 150,
           paper: str | None = None) -> Path:
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
    paper:
        For a PDF: ``"A3"``, ``"A4"`` or ``"Letter"`` makes the page that sheet,
        landscape, with the figure scaled to fit; leave it out for a page the
        size of the figure.

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
    >>> export(hourglass(), folder / "hourglass.pdf", paper="A5")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: paper: is not a sheet export knows (got 'A5'). Allowed: A3, A4, Letter.
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
    sheet = _paper(paper, chosen)
    with atomic_file(path, binary=True) as file, course_style():
        if chosen == "png" and isinstance(figure, CourseFigure):
            file.write(figure.png(dpi))  # drawn once for the notebook and the file, whichever comes first
        elif sheet is None:
            figure.savefig(file, format=chosen, dpi=dpi, metadata=_NO_DATES[chosen])
        else:
            _pdf_on_sheet(figure, file, sheet)
    return path


def figure_svg(figure: Figure) -> str:
    """The figure as SVG text, the same text :func:`export` writes to an .svg file (the page embeds it)."""
    buffer = io.StringIO()
    with course_style():
        figure.savefig(buffer, format="svg", metadata=_NO_DATES["svg"])
    return buffer.getvalue()


def _paper(paper: Any, chosen: str) -> tuple[float, float] | None:
    """The sheet's (width, height) in inches, or None for a page the size of the figure."""
    if paper is None:
        return None
    names = {name.casefold(): name for name in PAPER_SIZES}
    if not isinstance(paper, str) or paper.strip().casefold() not in names:
        raise ValidationError("paper", "is not a sheet export knows", value=paper, allowed=list(PAPER_SIZES))
    if chosen != "pdf":
        raise ValidationError("paper", f"applies to a PDF only, not a {chosen.upper()}", value=paper,
                              allowed="leave paper out, or export to a .pdf file")
    width, height = PAPER_SIZES[names[paper.strip().casefold()]]
    return width / _MM_PER_INCH, height / _MM_PER_INCH


@cache
def _sheet_pdf() -> Any:
    """The PDF file class whose page is a given sheet; made on first use, since matplotlib's PDF backend
    (and the fontTools it loads) takes about 0.3 s to import and most figures are never printed."""
    from matplotlib.backends.backend_pdf import Op, PdfFile

    class SheetPdf(PdfFile):
        """A PDF whose page is a given sheet, the drawing scaled by ``scale`` and moved by ``shift`` (points)."""

        def __init__(self, file: IO[bytes], sheet: tuple[float, float], scale: float,
                     shift: tuple[float, float]) -> None:
            super().__init__(file, metadata=_NO_DATES["pdf"])
            self._sheet, self._scale, self._shift = sheet, scale, shift

        def newPage(self, width: float, height: float) -> None:  # matplotlib calls it by this name
            super().newPage(*self._sheet)
            self.output(self._scale, 0, 0, self._scale, *self._shift, Op.concat_matrix)  # every later mark is scaled

    return SheetPdf


def _pdf_on_sheet(figure: Figure, file: IO[bytes], sheet: tuple[float, float]) -> None:
    """Write ``figure`` as a one-page PDF on ``sheet`` (inches), scaled to fit and centred.

    matplotlib's own ``print_pdf`` makes the page the figure's size; this is the
    same few steps with the page set to the sheet and one transformation in front.
    """
    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.backends.backend_pdf import RendererPdf

    width, height = figure.get_size_inches()
    scale = min(sheet[0] / width, sheet[1] / height)
    shift = (72 * (sheet[0] - width * scale) / 2, 72 * (sheet[1] - height * scale) / 2)
    dpi = figure.dpi
    figure.dpi = 72  # there are 72 PDF points to an inch, as in print_pdf
    pdf = _sheet_pdf()(file, sheet, scale, shift)
    try:
        pdf.newPage(width, height)
        renderer = MixedModeRenderer(figure, width, height, dpi, RendererPdf(pdf, dpi, height, width))
        figure.draw(renderer)  # type: ignore[arg-type]  # a MixedModeRenderer stands in for one, as in print_pdf
        renderer.finalize()
        pdf.finalize()
    finally:
        pdf.close()
        figure.dpi = dpi
