"""The journey map: stages as columns, lanes as rows, and the emotion curve.

The rows are a list, :data:`JOURNEY_MAP_LANES`; a new lane (thinking,
backstage, opportunities ...) is one more :class:`MapLane` in that list.

>>> [lane.title for lane in JOURNEY_MAP_LANES]
['Touchpoints: where, and what the customer does', 'Customer questions', 'How the customer feels', 'Pain points']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from journeylab.journey import Journey
from journeylab.plots import style
from journeylab.plots.style import HIGHLIGHT, MAIN, MARGIN, MET, MUTED, OKABE_ITO, RULE, TEXT

__all__ = ["MapLane", "EmotionLane", "JOURNEY_MAP_LANES", "journey_map"]


@dataclass(frozen=True)
class MapLane:
    """One row of the journey map: a title and, for each stage, the items its cell lists.

    ``items(journey, stage)`` returns ``(heading, text)`` pairs; the heading is
    printed in bold above the text and may be empty. Add a lane by adding a
    :class:`MapLane` to the list given to :func:`journey_map`.
    """

    title: str
    items: Callable[[Journey, str], list[tuple[str, str]]]
    colour: str = MAIN


@dataclass(frozen=True)
class EmotionLane:
    """The row with the emotion curve: per stage the mean emotion of its touchpoints, -2 to +2."""

    title: str = "How the customer feels"


def _touchpoint_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    return [(tp.channel, tp.customer_action) for tp in journey.touchpoints(stage)]


def _question_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    questions = dict.fromkeys(tp.customer_question for tp in journey.touchpoints(stage) if tp.customer_question)
    return [("", question) for question in questions]


def _pain_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    return [(tp.channel, tp.pain_point) for tp in journey.touchpoints(stage) if tp.pain_point]


JOURNEY_MAP_LANES: tuple[MapLane | EmotionLane, ...] = (
    MapLane("Touchpoints: where, and what the customer does", _touchpoint_items, MAIN),
    MapLane("Customer questions", _question_items, OKABE_ITO["sky_blue"]),
    EmotionLane(),
    MapLane("Pain points", _pain_items, HIGHLIGHT),
)
"""The rows of the journey map, top to bottom."""

_EMOTION_LABELS = {2: "+2 delighted", 1: "+1", 0: "0 neutral", -1: "−1", -2: "−2 frustrated"}
_WIDTH, _LABEL_WIDTH, _PAD, _STAGE_ROW, _EMOTION_ROW = 16.5, 1.9, 0.08, 0.45, 2.1  # inches
_HEADING, _BODY = 9, 8.5  # font sizes in a cell


def _mean_emotions(journey: Journey) -> list[float]:
    """Per stage the mean emotion of its touchpoints; NaN for a stage without any."""
    return [
        float(np.mean([tp.emotion for tp in journey.touchpoints(stage)])) if journey.touchpoints(stage) else math.nan
        for stage in journey.stage_names
    ]


def _item_height(heading: list[str], text: list[str]) -> float:
    return style.text_height(len(heading), _HEADING) + style.text_height(len(text), _BODY) + 2 * _PAD


@style.styled
def journey_map(journey: Journey, lanes: Sequence[MapLane | EmotionLane] = JOURNEY_MAP_LANES) -> Figure:
    """The journey on one landscape page: stages as columns, lanes as rows, and the emotion curve.

    Introduced in notebook 06.

    The lanes are :data:`JOURNEY_MAP_LANES`: touchpoints (channel and what the
    customer does), customer questions, how the customer feels and pain
    points. The emotion curve joins, per stage, the mean emotion of its
    touchpoints; a stage without touchpoints is left as a gap, not drawn as
    neutral, because nothing is known about it yet. Long texts wrap inside
    their column, and the page grows taller to fit them.

    Parameters
    ----------
    journey:
        The journey to draw; its persona, if any, is named in the title.
    lanes:
        The rows, top to bottom: :class:`MapLane` and :class:`EmotionLane` objects.

    Examples
    --------
    >>> from journeylab.journey import Touchpoint
    >>> shop = Journey("Nordlys Home")
    >>> shop.add_touchpoint("Know", Touchpoint("Instagram", "Sees a reel", emotion=1))
    >>> figure = journey_map(shop)
    >>> journey_map("Nordlys Home")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: journey: must be a Journey (got 'str'). Allowed: a Journey, such as Journey("Nordlys Home").
    """
    style.model(journey, Journey, "journey", "a Journey", 'a Journey, such as Journey("Nordlys Home")')
    for index, lane in enumerate(lanes):
        style.model(lane, (MapLane, EmotionLane), f"lanes[{index}]", "a lane", "a MapLane or an EmotionLane")
    stages = journey.stage_names
    column = (_WIDTH - 2 * MARGIN - _LABEL_WIDTH) / len(stages)
    first_left = MARGIN + _LABEL_WIDTH
    header = _header(journey)
    cells: list[Any] = []  # per lane: None for the curve, else per stage [(heading lines, text lines)]
    heights = []
    for lane in lanes:
        if isinstance(lane, EmotionLane):
            cells.append(None)
            heights.append(_EMOTION_ROW)
            continue
        text_width = column - 4 * _PAD
        lane_cells = [
            [(style.wrap(heading, text_width, _HEADING, "bold") if heading else [],
              style.wrap(text, text_width, _BODY) if text else [])
             for heading, text in lane.items(journey, stage)]
            for stage in stages
        ]
        cell_heights = [sum(_item_height(*item) + 0.06 for item in items) + _PAD for items in lane_cells]
        title_height = style.text_height(len(style.wrap(lane.title, _LABEL_WIDTH - 0.15, 10, "bold")), 10) + 0.2
        cells.append(lane_cells)
        heights.append(max([0.55, title_height, *cell_heights]))
    top = header.height + 0.05
    figure, page = style.new_page(_WIDTH, top + _STAGE_ROW + sum(heights) + 0.3)
    header.draw(page)
    for index, stage in enumerate(stages):
        left = first_left + index * column
        page.add_patch(FancyBboxPatch((left + _PAD, top + 0.04), column - 2 * _PAD, _STAGE_ROW - 0.1,
                                      boxstyle="round,pad=0,rounding_size=0.06", facecolor=MAIN, edgecolor="none"))
        page.text(left + column / 2, top + _STAGE_ROW / 2 - 0.01, stage, fontsize=12, fontweight="bold",
                  color="white", ha="center", va="center")
    y = top + _STAGE_ROW
    for number, (lane, lane_cells, lane_height) in enumerate(zip(lanes, cells, heights)):
        if number % 2 == 0:
            page.add_patch(Rectangle((MARGIN, y), _WIDTH - 2 * MARGIN, lane_height, facecolor="#F5F5F5",
                                     edgecolor="none", zorder=0))
        room = _LABEL_WIDTH - (0.15 if lane_cells is not None else 1.05)  # the curve's scale needs room too
        page.text(MARGIN + 0.08, y + 0.1, "\n".join(style.wrap(lane.title, room, 10, "bold")), fontsize=10,
                  fontweight="bold", va="top")
        if lane_cells is None:
            _emotion_curve(figure, journey, first_left, y, column * len(stages), lane_height)
        else:
            for index, items in enumerate(lane_cells):
                _cell(page, lane, items, first_left + index * column + _PAD, y + _PAD, column - 2 * _PAD)
        y += lane_height
    for index in range(len(stages) + 1):
        x = first_left + index * column
        page.plot([x, x], [top + _STAGE_ROW, y], color=RULE, linewidth=0.8, zorder=0.5)
    return figure


def _header(journey: Journey) -> style.Header:
    persona = journey.persona
    title = f"Customer journey map: {journey.name}"
    if persona is not None:
        title += f", for {persona.name}" + (f" ({persona.age})" if persona.age is not None else "")
    count = sum(len(journey.touchpoints(stage)) for stage in journey.stage_names)
    subtitle = f"Stages of the {journey.framework.title} from left to right; {count} touchpoints."
    if persona is not None and persona.role:
        subtitle += f" {persona.name}: {persona.role}."
    subtitle += " The curve is how the customer feels, from −2 (frustrated) to +2 (delighted)."
    return style.Header.make(title, subtitle, _WIDTH - 2 * MARGIN)


def _cell(page: Any, lane: MapLane, items: list[tuple[list[str], list[str]]], left: float, top: float,
          width: float) -> None:
    """One stage of a text lane: each item on its own small card, or a dash when there is none."""
    if not items:
        page.text(left + width / 2, top + 0.12, "–", color=MUTED, ha="center", va="top")
    for heading, text in items:
        item_height = _item_height(heading, text)
        page.add_patch(FancyBboxPatch((left, top), width, item_height, boxstyle="round,pad=0,rounding_size=0.05",
                                      facecolor="white", edgecolor=style.tint(lane.colour, 0.6), linewidth=1))
        page.add_patch(Rectangle((left, top + 0.03), 0.045, item_height - 0.06, facecolor=lane.colour,
                                 edgecolor="none"))
        if heading:
            page.text(left + 2 * _PAD, top + _PAD, "\n".join(heading), fontsize=_HEADING, fontweight="bold", va="top")
        if text:
            page.text(left + 2 * _PAD, top + _PAD + style.text_height(len(heading), _HEADING), "\n".join(text),
                      fontsize=_BODY, va="top")
        top += item_height + 0.06


def _emotion_curve(figure: Figure, journey: Journey, left: float, top: float, width: float, height: float) -> None:
    """The mean emotion per stage on a -2..+2 scale; a stage without touchpoints is a gap in the line."""
    axes = style.inset(figure, left, top + 0.12, width, height - 0.24)
    means = _mean_emotions(journey)
    positions = np.arange(len(means)) + 0.5
    axes.set_xlim(0, len(means))
    axes.set_ylim(-3.0, 3.0)  # room for the value labels above +2 and below -2
    axes.set_facecolor("none")
    axes.axhspan(0, 3.0, color=style.tint(MET, 0.08), zorder=0)
    axes.axhspan(-3.0, 0, color=style.tint(HIGHLIGHT, 0.08), zorder=0)
    axes.axhline(0, color=MUTED, linewidth=0.9, linestyle="--", zorder=1)
    axes.plot(positions, means, color=MAIN, linewidth=2.5, marker="o", markersize=8, zorder=3, label="emotion curve")
    for index, (x, value) in enumerate(zip(positions, means)):
        if math.isnan(value):
            axes.text(x, 0.25, "no touchpoints yet", fontsize=8.5, color=MUTED, fontstyle="italic", ha="center")
            continue
        neighbours = [means[i] for i in (index - 1, index + 1) if 0 <= i < len(means) and not math.isnan(means[i])]
        below = any(value < other for other in neighbours)  # under a point the curve leaves upwards
        axes.text(x, value + (-0.5 if below else 0.5), style.signed(value), fontsize=9, fontweight="bold",
                  ha="center", va="center", color=MAIN, zorder=4,
                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    axes.set_yticks(list(_EMOTION_LABELS), list(_EMOTION_LABELS.values()), fontsize=8.5)
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    axes.tick_params(axis="y", length=0, colors=TEXT)
