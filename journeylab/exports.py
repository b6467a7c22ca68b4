"""Everything a journey is taken home as, in one folder per journey, with the map drawn once.

After a workshop a participant takes home the map (PNG, SVG, PDF on A3), the
page to share (HTML), the plan (CSV, Markdown) and the journey itself (JSON).
:func:`journey_files` is the one place that names those files, so the journey
builder's export buttons and notebook 07 write the same names into the same
folder: ``<folder>/<journey name>/map.png`` and so on. :func:`export_journey`
writes them all from one drawing of the map: drawing it is the slow part, and
every format (and the page, which embeds the SVG) is a view of the same picture.

>>> from journeylab.journey import Journey
>>> files = journey_files(Journey("Nordlys Home"), "my_journey")
>>> files.folder.as_posix(), files.map_pdf.name, files.plan_csv.name
('my_journey/nordlys_home', 'map.pdf', 'plan.csv')
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from journeylab.errors import ValidationError
from journeylab.journey import Journey
from journeylab.page import checked_actuals, page_text
from journeylab.personas import EmpathyMap
from journeylab.plots.files import export, figure_svg
from journeylab.plots.maps import journey_map as draw_journey_map
from journeylab.plots.matrix import opportunity_matrix
from journeylab.plots.people import empathy_map as draw_empathy_map
from journeylab.plots.people import persona_card
from journeylab.storage import atomic_file, atomic_write

__all__ = ["MAP_PAPER", "JourneyFiles", "ExportedJourney", "journey_files", "journey_slug", "export_journey"]

MAP_PAPER = "A3"
"""The sheet the PDF map is made for: A3 landscape, 420 × 297 mm."""


def journey_slug(name: str) -> str:
    """The folder name of a journey: 'Nordlys Home & Co.' gives 'nordlys_home_co' (letters of any language stay).

    >>> journey_slug("Café Løvstræde"), journey_slug("   ")
    ('café_løvstræde', 'journey')
    """
    return "_".join(re.findall(r"\w+", str(name).casefold())) or "journey"


@dataclass(frozen=True)
class JourneyFiles:
    """Where each export of one journey goes: one folder, short fixed names."""

    folder: Path
    map_png: Path
    map_svg: Path
    map_pdf: Path
    page: Path
    plan_csv: Path
    plan_md: Path
    journey_json: Path
    matrix_png: Path
    persona_card_png: Path
    empathy_map_png: Path

    def for_format(self, fmt: str) -> Path:
        """The file the builder's export button for ``fmt`` (png, svg, pdf, html, csv, md, json) writes."""
        by_format = {"png": self.map_png, "svg": self.map_svg, "pdf": self.map_pdf, "html": self.page,
                     "csv": self.plan_csv, "md": self.plan_md, "json": self.journey_json}
        if fmt not in by_format:
            raise ValidationError("format", "is not a format a journey is exported as", value=fmt,
                                  allowed=list(by_format))
        return by_format[fmt]


def journey_files(journey: Journey | str, folder: str | os.PathLike[str] = "my_journey") -> JourneyFiles:
    """The file names of a journey's exports: ``<folder>/<journey name>/map.png``, ``page.html``, ``plan.csv`` ...

    Introduced in notebook 07. ``journey`` may also be just the name the folder is called after.
    """
    name = journey.name if isinstance(journey, Journey) else journey
    if not isinstance(name, str):
        raise ValidationError("journey", "must be a Journey or its name", value=type(journey).__name__,
                              allowed='a Journey, such as Journey("Nordlys Home"), or a name')
    place = Path(folder) / journey_slug(name)
    return JourneyFiles(place, place / "map.png", place / "map.svg", place / "map.pdf", place / "page.html",
                        place / "plan.csv", place / "plan.md", place / "journey.json", place / "matrix.png",
                        place / "persona_card.png", place / "empathy_map.png")


@dataclass(frozen=True)
class ExportedJourney:
    """What :func:`export_journey` wrote, and the map it drew: shown in a notebook, it is the map and the list.

    ``journey_map`` and ``matrix`` are the figures behind ``map.png`` and
    ``matrix.png``: showing them does not draw them again.
    """

    files: JourneyFiles
    written: tuple[Path, ...]
    journey_map: Figure
    matrix: Figure
    _png: bytes

    def __iter__(self):
        return iter(self.written)

    def __repr__(self) -> str:
        lines = [f"Written to the folder {self.files.folder.as_posix()}:"]
        return "\n".join(lines + [f"   {path.name}" for path in self.written])

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The map as the PNG file already written (no drawing again), and the list of files as text."""
        return {"image/png": self._png, "text/plain": repr(self)}


def export_journey(journey: Journey, folder: str | os.PathLike[str] = "my_journey", *,
                   actuals: Mapping[str, float] | pd.Series | None = None, empathy_map: EmpathyMap | None = None,
                   journey_map: Figure | None = None) -> ExportedJourney:
    """Write the map, the page, the plan and the journey into the journey's own folder; draw the map once.

    Introduced in notebook 07.

    The map is drawn once (or taken from ``journey_map`` when you drew it
    already) and that one picture becomes ``map.png``, ``map.svg``,
    ``map.pdf`` (on an A3 landscape sheet, 420 × 297 mm) and the map inside
    ``page.html``. The plan goes to ``plan.csv`` and ``plan.md``, the journey
    to ``journey.json`` (the builder opens it again), the value-effort matrix
    (with the ``actuals``, ranked as the page ranks) to ``matrix.png``, and the
    persona card and the empathy map, when there are any, to
    ``persona_card.png`` and ``empathy_map.png``. Every file is written
    atomically: a crash leaves the previous file, never half a new one.

    Parameters
    ----------
    journey:
        The journey to take home.
    folder:
        The folder that holds one folder per journey (``my_journey`` by default).
    actuals:
        Measured KPI value per stage, e.g. ``{"Buy": 2.1}``: the page then says which goals are met.
    empathy_map:
        The empathy map to go along, if any.
    journey_map:
        The map of this journey if you drew it already (``jl.plots.journey_map(journey)``).

    Examples
    --------
    >>> export_journey("Nordlys Home", "my_journey")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: journey: must be a Journey (got 'str'). Allowed: a Journey, such as Journey("Nordlys Home").
    """
    if not isinstance(journey, Journey):
        raise ValidationError("journey", "must be a Journey", value=type(journey).__name__,
                              allowed='a Journey, such as Journey("Nordlys Home")')
    if journey_map is not None and not isinstance(journey_map, Figure):
        raise ValidationError("journey_map", "must be the journey map figure", value=type(journey_map).__name__,
                              allowed="jl.plots.journey_map(journey), or leave it out")
    if empathy_map is not None and not isinstance(empathy_map, EmpathyMap):
        raise ValidationError("empathy_map", "must be an EmpathyMap", value=type(empathy_map).__name__,
                              allowed="an EmpathyMap, e.g. empathy_builder.empathy_map, or leave it out")
    files = journey_files(journey, folder)
    measured = checked_actuals(journey, actuals)  # a wrong number stops the export before anything is written
    figure = draw_journey_map(journey) if journey_map is None else journey_map
    png = export(figure, files.map_png).read_bytes()
    svg = figure_svg(figure)
    with atomic_file(files.map_svg) as file:
        file.write(svg)
    export(figure, files.map_pdf, paper=MAP_PAPER)
    page = page_text(journey, measured, map_svg=svg)
    matrix = opportunity_matrix(journey, actuals=measured)  # ranked as the page ranks
    written = [files.map_png, files.map_svg, files.map_pdf, atomic_write(files.page, page),
               journey.to_csv(files.plan_csv), atomic_write(files.plan_md, journey.to_markdown()),
               journey.save(files.journey_json), export(matrix, files.matrix_png)]
    if journey.persona is not None:
        written.append(export(persona_card(journey.persona), files.persona_card_png))
    if empathy_map is not None:
        written.append(export(draw_empathy_map(empathy_map), files.empathy_map_png))
    return ExportedJourney(files, tuple(written), journey_map=figure, matrix=matrix, _png=png)
