"""The value-versus-effort matrix: which opportunities to do first.

Each opportunity is a point at (effort, value); the quick wins, much value for
little effort, sit in the top left corner. Each label starts with the idea's
rank in :func:`~journeylab.opportunities.prioritise`, which ranks by the same
corners. Labels are placed one by one, most worth doing first, at the first of a fixed list of spots around their point
where they overlap nothing drawn so far: the same input always gives the same
picture, and no label hides another, even when two points coincide.

>>> from journeylab.journey import Journey
>>> from journeylab.opportunities import Opportunity
>>> shop = Journey("Nordlys Home")
>>> shop.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60, effort=2))
>>> figure = opportunity_matrix(shop)
>>> "Quick wins" in [text.get_text() for text in figure.axes[1].texts]
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox, offset_copy

from journeylab.errors import SchemaError, ValidationError
from journeylab.frameworks import framework_names, get_framework
from journeylab.journey import Journey
from journeylab.opportunities import (
    EFFORT_MIDDLE,
    MISSED_GOAL_BOOST,
    QUADRANTS,
    STATUSES,
    VALUE_MIDDLE,
    prioritise,
    quadrant,
)
from journeylab.plots import arguments, layout, style
from journeylab.plots.style import MARGIN, MET, MUTED, OKABE_ITO, RULE, TEXT

__all__ = ["QUADRANTS", "opportunity_matrix"]  # QUADRANTS re-exported from journeylab.opportunities

# The corners and where they split are defined once, with the opportunities they sort.


_STAGE_COLOURS = ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "black")
_STATUS_MARKERS = {"idea": "o", "planned": "s", "doing": "D", "done": "X"}
_RINGS = (7, 12, 18, 26, 36, 48, 62, 80)  # points from the marker to the label, nearest first
_DIRECTIONS = (  # (dx, dy, horizontal alignment, vertical alignment): right, left, above, below, then diagonals
    (1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"), (0, -1, "center", "top"),
    (0.7, 0.7, "left", "bottom"), (0.7, -0.7, "left", "top"), (-0.7, 0.7, "right", "bottom"),
    (-0.7, -0.7, "right", "top"),
)
_LABEL_SIZE, _LABEL_WIDTH = 8.5, 1.55  # points, inches
_HALO = [patheffects.withStroke(linewidth=3, foreground="white")]  # a label stays legible over a line
_ALLOWED = "a Journey, or the table from prioritise(journey) with title, value and effort columns"


@style.styled
def opportunity_matrix(journey_or_priority_table: Journey | pd.DataFrame,
                       actuals: Mapping[str, float] | pd.Series | None = None) -> Figure:
    """Every opportunity at its effort (1-5, across) and value (0-100, up): the quick wins top left.

    Introduced in notebook 07.

    Give a :class:`~journeylab.journey.Journey` or the table from
    :func:`~journeylab.opportunities.prioritise`. Colour says the stage, shape
    the status. The lines at effort 3 and value 50 split the matrix into four
    named corners (:data:`QUADRANTS`). Each label starts with the idea's rank
    in the priority list, which ranks by the same corners (quick wins first,
    then big bets, fill-ins and thankless tasks), so the list and the picture
    agree on what to do first. Give ``actuals`` with a journey to rank as
    ``prioritise(journey, actuals)`` does, the missed goals counted.

    Examples
    --------
    >>> from journeylab.opportunities import Opportunity
    >>> shop = Journey("Nordlys Home")
    >>> shop.add_opportunity("Trust", Opportunity("Ask for reviews", customer_value=70, business_value=60, effort=1))
    >>> figure = opportunity_matrix(shop)
    >>> opportunity_matrix("Ask for reviews")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: journey_or_priority_table: must be a Journey or a table (got 'str'). Allowed: a Journey, or the table from prioritise(journey) with title, value and effort columns.
    """
    table, stages, name = _opportunities(journey_or_priority_table, actuals)
    width, plot_left, plot_width, plot_height = 12.0, MARGIN + 0.75, 8.4, 6.8
    count = len(table)
    subtitle = (f"{count} {'opportunity' if count == 1 else 'opportunities'}{f' of {name}' if name else ''}. "
                "Effort from 1 (a few hours) to 5 (a project); value is the mean of customer and business value. "
                "The number before each idea is its rank in the priority list: the quick wins first, then the big "
                "bets, the fill-ins and the thankless tasks; within a corner, the most value per effort first"
                + (f" (an idea of a stage that misses its goal counts × {MISSED_GOAL_BOOST:g})." if actuals else "."))
    header = layout.Header.make("Value versus effort: what to do first", subtitle, width - 2 * MARGIN)
    figure, page = layout.new_page(width, header.height + plot_height + 0.75)
    header.draw(page)
    axes = layout.inset(figure, plot_left, header.height + 0.1, plot_width, plot_height)
    _quadrants(axes)
    colours = {stage: OKABE_ITO[_STAGE_COLOURS[index % len(_STAGE_COLOURS)]] for index, stage in enumerate(stages)}
    for stage in stages:
        for status in STATUSES:
            rows = table[(table["stage"] == stage) & (table["status"] == status)]
            if len(rows):
                axes.scatter(rows["effort"], rows["value"], s=70, color=colours[stage], marker=_STATUS_MARKERS[status],
                             edgecolor="white", linewidth=1, zorder=4, label=f"{stage} · {status}")
    _place_labels(figure, axes, table)
    if count == 0:
        axes.text(4.25, 25, "No opportunities yet:\nadd them with journey.add_opportunity", ha="center", va="center",
                  color=MUTED, fontstyle="italic", fontsize=10)
    _legend(page, plot_left + plot_width + 0.3, header.height + 0.15, stages, colours, table)
    return figure


def _opportunities(value: Any, actuals: Any) -> tuple[pd.DataFrame, list[str], str]:
    """The opportunities as a table (title, value, effort, stage, status, rank), the stages in order, the name."""
    if isinstance(value, Journey):
        ranked = prioritise(value, actuals)
        return ranked.reset_index(), list(value.stage_names), value.name  # the rank becomes a column
    if not isinstance(value, pd.DataFrame):
        raise ValidationError("journey_or_priority_table", "must be a Journey or a table", value=type(value).__name__,
                              allowed=_ALLOWED)
    if actuals is not None:
        raise ValidationError("actuals", "goes with a Journey: a priority table is ranked already",
                              value=type(actuals).__name__,
                              allowed="opportunity_matrix(journey, actuals=...) or opportunity_matrix(prioritise("
                                      "journey, actuals))")
    for column in ("title", "value", "effort"):
        if column not in value.columns:
            present = ", ".join(str(name) for name in value.columns) or "none"
            raise SchemaError(column, f"the table has no {column} column (its columns are: {present})",
                              allowed=_ALLOWED)
    table = pd.DataFrame({
        "title": value["title"].astype(str).tolist(),
        "value": arguments.numbers(value["value"], "value"),
        "effort": arguments.numbers(value["effort"], "effort"),
        "stage": value["stage"].astype(str).tolist() if "stage" in value.columns else [""] * len(value),
        "status": value["status"].astype(str).tolist() if "status" in value.columns else ["idea"] * len(value),
    })
    if "score" in value.columns:
        table["score"] = arguments.numbers(value["score"], "score")
    for column, low, high in (("value", 0, 100), ("effort", 1, 5)):
        bad = table[~table[column].between(low, high)]
        if len(bad):
            raise ValidationError(f"{column}", f"is out of range for {bad['title'].iloc[0]!r}",
                                  value=float(bad[column].iloc[0]), allowed=f"a number from {low} to {high}")
    unknown = sorted(set(table["status"]) - set(STATUSES))
    if unknown:
        raise ValidationError("status", "is not a status of an opportunity", value=unknown[0], allowed=STATUSES)
    table["rank"] = _ranks(value.index, table)
    return table, _stage_order(list(dict.fromkeys(table["stage"]))), ""


def _ranks(index: pd.Index, table: pd.DataFrame) -> list[int]:
    """The table's own ranks (the index of prioritise), or ranks by prioritise's rule: corner first, then score."""
    if index.name == "rank" and sorted(index) == list(range(1, len(index) + 1)):
        return [int(rank) for rank in index]
    corners = {name: position for position, name in enumerate(QUADRANTS)}
    scores = table["score"] if "score" in table.columns else table["value"] / table["effort"]
    keys = [(corners[quadrant(value, effort)], -score)
            for value, effort, score in zip(table["value"], table["effort"], scores)]
    order = sorted(range(len(keys)), key=keys.__getitem__)  # sorted is stable: equals keep the table's order
    ranks = [0] * len(keys)
    for rank, row in enumerate(order, start=1):
        ranks[row] = rank
    return ranks


def _stage_order(found: list[str]) -> list[str]:
    """The stages of a table in journey order, when one framework has them all; else as found."""
    for key in framework_names():
        names = get_framework(key).stage_names
        if set(found) <= set(names):
            return [stage for stage in names if stage in found]
    return found


def _quadrants(axes: Any) -> None:
    """The two dividing lines, the quick-win corner tinted, and each corner's name and advice."""
    axes.set_xlim(0.4, 5.6)
    axes.set_ylim(-17, 117)  # room above 100 and below 0 for the corner names, clear of any point
    axes.add_patch(Rectangle((0.4, VALUE_MIDDLE), EFFORT_MIDDLE - 0.4, 67, facecolor=style.tint(MET, 0.12),
                             edgecolor="none", zorder=0))
    axes.axvline(EFFORT_MIDDLE, color=MUTED, linewidth=1, linestyle="--", zorder=1)
    axes.axhline(VALUE_MIDDLE, color=MUTED, linewidth=1, linestyle="--", zorder=1)
    for name, (corner, advice) in QUADRANTS.items():
        top, left = corner.startswith("top"), corner.endswith("left")
        x, y = (0.03 if left else 0.97), (0.985 if top else 0.015)
        options = {"transform": axes.transAxes, "ha": "left" if left else "right", "va": "top" if top else "bottom"}
        colour = MET if name == "Quick wins" else MUTED
        # the name and its advice are two texts, the advice nearer the middle, so each has its own box
        axes.text(x, y, name, fontsize=12, fontweight="bold", color=colour, zorder=2, **options)
        offset = offset_copy(axes.transAxes, fig=axes.figure, y=-17 if top else 17, units="points")
        axes.text(x, y, advice, fontsize=8.5, color=colour, fontstyle="italic", zorder=2,
                  **(options | {"transform": offset}))
    axes.set_xticks([1, 2, 3, 4, 5], ["1\nlittle", "2", "3", "4", "5\nmuch"])
    axes.set_yticks([0, 25, 50, 75, 100])
    axes.set_xlabel("Effort", fontsize=10.5)
    axes.set_ylabel("Value (customer and business)", fontsize=10.5)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_color(RULE)


def _short(rank: int, title: str) -> str:
    return "\n".join(layout.shorten(layout.wrap(f"{rank}. {title}", _LABEL_WIDTH, _LABEL_SIZE), 2))


def _place_labels(figure: Figure, axes: Any, table: pd.DataFrame) -> None:
    """Each label at the first spot around its point where it overlaps no other label, marker or corner name."""
    renderer = FigureCanvasAgg(figure).get_renderer()
    area = axes.get_window_extent(renderer)
    taken: list[Bbox] = [text.get_window_extent(renderer) for text in axes.texts]
    radius = 5 * figure.dpi / 72  # half a marker, in pixels
    for x, y in axes.transData.transform(table[["effort", "value"]].to_numpy(dtype=float)):
        taken.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    for _, row in table.sort_values("rank", kind="stable").iterrows():  # the first idea gets the best spot
        label = axes.text(row["effort"], row["value"], _short(row["rank"], row["title"]), fontsize=_LABEL_SIZE,
                          color=TEXT, zorder=5, parse_math=False, path_effects=_HALO)
        best: tuple[float, Bbox, tuple[float, float, str, str]] | None = None  # clash, box, spot
        for ring in _RINGS:
            for dx, dy, horizontal, vertical in _DIRECTIONS:
                spot = (dx * ring, dy * ring, horizontal, vertical)
                _put(label, figure, axes, *spot)
                box = label.get_window_extent(renderer)
                clash = _clash(box, area, taken)
                if best is None or clash < best[0]:
                    best = (clash, box, spot)
                if clash == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None  # there is always a first spot
        _, box, spot = best
        _put(label, figure, axes, *spot)
        shift = spot[:2]
        taken.append(box)
        if max(abs(shift[0]), abs(shift[1])) > _RINGS[0]:  # away from its point: a thin line leads back to it
            end = axes.transData.inverted().transform(
                axes.transData.transform((row["effort"], row["value"])) + [s * figure.dpi / 72 for s in shift])
            axes.add_line(Line2D([row["effort"], end[0]], [row["value"], end[1]], color=MUTED, linewidth=0.6,
                                 zorder=3))


def _put(label: Any, figure: Figure, axes: Any, dx: float, dy: float, horizontal: str, vertical: str) -> None:
    """Move a label ``dx``, ``dy`` points away from its point, aligned so that it grows away from it."""
    label.set(transform=offset_copy(axes.transData, fig=figure, x=dx, y=dy, units="points"), ha=horizontal,
              va=vertical)


def _clash(box: Bbox, area: Bbox, taken: Sequence[Bbox]) -> float:
    """How badly a label box fits: 0 when it is inside the plot and overlaps nothing taken."""
    outside = max(0.0, area.x0 - box.x0) + max(0.0, box.x1 - area.x1) + max(0.0, area.y0 - box.y0) \
        + max(0.0, box.y1 - area.y1)
    padded = box.expanded(1.0, 1.0).padded(2)
    overlap = sum(max(0.0, min(padded.x1, other.x1) - max(padded.x0, other.x0))
                  * max(0.0, min(padded.y1, other.y1) - max(padded.y0, other.y0)) for other in taken)
    return outside * 1000 + overlap


def _legend(page: Any, left: float, top: float, stages: list[str], colours: dict[str, str],
            table: pd.DataFrame) -> None:
    """Stage colours and status shapes, for the stages and statuses that have an opportunity."""
    y = top
    shown = [stage for stage in stages if (table["stage"] == stage).any()]
    if shown and shown != [""]:
        page.text(left, y, "Stage", fontsize=10, fontweight="bold", va="top")
        y += 0.3
        for stage in shown:
            page.plot([left + 0.08], [y + 0.07], marker="o", markersize=8, color=colours[stage], linestyle="none")
            page.text(left + 0.25, y, stage, fontsize=9.5, va="top")
            y += 0.26
        y += 0.2
    statuses = [status for status in STATUSES if (table["status"] == status).any()]
    if statuses:
        page.text(left, y, "Status", fontsize=10, fontweight="bold", va="top")
        y += 0.3
        for status in statuses:
            page.plot([left + 0.08], [y + 0.07], marker=_STATUS_MARKERS[status], markersize=7, color=MUTED,
                      linestyle="none")
            page.text(left + 0.25, y, status, fontsize=9.5, va="top")
            y += 0.26
