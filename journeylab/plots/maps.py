"""The journey map: stages as columns, lanes as rows, and the emotion curve.

The rows are a list, :data:`JOURNEY_MAP_LANES`; a new lane is one more
:class:`MapLane` in that list. The practitioner's lanes (stage goal, thinking,
feeling, backstage, opportunities) are *optional*: a journey that has nothing
in one of them is drawn without it, so a learner's first map stays compact.

>>> [lane.title for lane in JOURNEY_MAP_LANES]  # doctest: +NORMALIZE_WHITESPACE
['Stage goal', 'Touchpoints: where, and what the customer does', 'Customer questions',
 'How the customer feels', 'Thinking', 'Feeling', 'Pain points', 'Backstage', 'Opportunities']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from journeylab.feelings import SPREAD, stage_feelings
from journeylab.journey import Journey, StageGoal
from journeylab.plots import arguments, layout, style
from journeylab.plots.style import HIGHLIGHT, MAIN, MARGIN, MET, MUTED, OKABE_ITO, RULE, TEXT

__all__ = ["MapLane", "EmotionLane", "JOURNEY_MAP_LANES", "journey_map", "goal_target"]


@dataclass(frozen=True)
class MapLane:
    """One row of the journey map: a title and, for each stage, the items its cell lists.

    ``items(journey, stage)`` returns ``(heading, text)`` pairs; the heading is
    printed in bold above the text and may be empty. Add a lane by adding a
    :class:`MapLane` to the list given to :func:`journey_map`.

    ``hint`` is a short grey line under the title (what the lane's shorthand
    means). An ``optional`` lane is left out when no stage has an item in it.
    ``most_lines`` caps each item's text at that many lines, ending in "…", so
    one long note cannot push the map off its page.
    """

    title: str
    items: Callable[[Journey, str], list[tuple[str, str]]]
    colour: str = MAIN
    hint: str = ""
    optional: bool = False
    most_lines: int | None = None


@dataclass(frozen=True)
class EmotionLane:
    """The row with the emotion curve: every touchpoint's feeling, -2 to +2, and each stage's mean."""

    title: str = "How the customer feels"
    hint: str = "a dot per touchpoint;\ngrey bar: the mean of a stage's dots"


def _touchpoint_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    return [(tp.channel, tp.customer_action) for tp in journey.touchpoints(stage)]


def _question_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    questions = dict.fromkeys(tp.customer_question for tp in journey.touchpoints(stage) if tp.customer_question)
    return [("", question) for question in questions]


def _pain_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    return [(tp.channel, tp.pain_point) for tp in journey.touchpoints(stage) if tp.pain_point]


def _goal_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    goal = journey.goal(stage)
    return [] if goal is None else [(goal.goal, goal_target(goal))]


def _thinking_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    thinking = journey.notes(stage).thinking
    return [("", f"“{thinking}”")] if thinking else []


def _feeling_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    feeling = journey.notes(stage).feeling
    return [("", feeling)] if feeling else []


def _backstage_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    backstage = journey.notes(stage).backstage
    return [("", "\n".join(f"• {item}" for item in backstage))] if backstage else []


def _opportunity_items(journey: Journey, stage: str) -> list[tuple[str, str]]:
    return [(item.title, f"V {item.value:g} · E {item.effort} · {item.status}") for item in journey.opportunities(stage)]


def goal_target(goal: StageGoal) -> str:
    """A stage goal's KPI and target in one line: "Conversion rate ≥ 3%", or "≤" when lower is better.

    >>> goal_target(StageGoal("Keep customers", kpi="Churn rate", target=5, better="lower"))
    'Churn rate ≤ 5%'
    """
    sign = "≥" if goal.better == "higher" else "≤"
    return f"{goal.kpi} {sign} {layout.with_unit(goal.target, goal.unit)}"


JOURNEY_MAP_LANES: tuple[MapLane | EmotionLane, ...] = (
    MapLane("Stage goal", _goal_items, OKABE_ITO["orange"], hint="and the KPI target that says it is met",
            optional=True),
    MapLane("Touchpoints: where, and what the customer does", _touchpoint_items, MAIN),
    MapLane("Customer questions", _question_items, OKABE_ITO["sky_blue"]),
    EmotionLane(),
    MapLane("Thinking", _thinking_items, OKABE_ITO["reddish_purple"], hint="what goes through their mind",
            optional=True, most_lines=5),
    MapLane("Feeling", _feeling_items, OKABE_ITO["reddish_purple"], hint="in their own words", optional=True,
            most_lines=5),
    MapLane("Pain points", _pain_items, HIGHLIGHT),
    MapLane("Backstage", _backstage_items, MUTED, hint="processes and systems the customer never sees",
            optional=True, most_lines=8),
    MapLane("Opportunities", _opportunity_items, MET, hint="V: value, 0-100\nE: effort, 1-5\nthen the status",
            optional=True, most_lines=4),
)
"""The rows of the journey map, top to bottom; the optional ones appear only when they have content."""

_EMOTION_LABELS = {2: "+2 delighted", 1: "+1", 0: "0 neutral", -1: "−1", -2: "−2 frustrated"}
_LABEL_WIDTH, _PAD, _STAGE_ROW = 1.9, 0.08, 0.45  # inches
_EMOTION_ROW, _EMOTION_ROW_SHORT = 2.1, 1.7  # inches; the curve gets less height on a map with many lanes
_WIDTHS = (16.5, 18.0, 19.5, 21.0)  # page widths tried, narrowest first: A3 landscape is 16.5 inches wide
_LANDSCAPE = 2**-0.5  # height / width of a landscape A4 or A3 page
_HEADING, _BODY, _HINT = 9, 8.5, 8  # font sizes in a cell and under a lane's title
_GAP = 0.06  # inches between two items of a cell
_MEAN_OVERHANG = 0.08  # columns the stage-mean bar reaches beyond its first and last dot


def _item_height(heading: list[str], text: list[str]) -> float:
    return layout.text_height(len(heading), _HEADING) + layout.text_height(len(text), _BODY) + 2 * _PAD


@style.styled
def journey_map(journey: Journey, lanes: Sequence[MapLane | EmotionLane] = JOURNEY_MAP_LANES) -> Figure:
    """The journey on one landscape page: stages as columns, lanes as rows, and the emotion curve.

    Introduced in notebook 06; the practitioner's lanes in notebook 07.

    The lanes are :data:`JOURNEY_MAP_LANES`: touchpoints (channel and what the
    customer does), customer questions, how the customer feels and pain
    points. The emotion curve has a dot for every touchpoint at its own
    feeling, in the order the touchpoint lane lists them, and, in a stage with
    several, a grey bar at their mean: a single frustrated moment shows even
    where the stage is fine on average, and it is named under its dot. The points come from
    :func:`journeylab.feelings.stage_feelings`. A stage without touchpoints
    is left as a gap, not drawn as neutral, because nothing is known about it yet. Long texts wrap inside
    their column, and the page grows taller to fit them; when it would grow
    taller than a landscape page, it gets wider instead (up to 21 inches), so
    it still prints on one page with every text legible.

    A journey with stage goals, notes (:class:`~journeylab.journey.StageNotes`:
    thinking, feeling, backstage) or opportunities gets a lane for each of
    them: the goal with its KPI target on top ("Conversion rate ≥ 3%"), the
    notes under the curve and the opportunities at the bottom ("V 70 · E 2",
    value and effort). A lane that is empty in every stage is left out.

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
    arguments.model(journey, Journey, "journey", "a Journey", 'a Journey, such as Journey("Nordlys Home")')
    for index, lane in enumerate(lanes):
        arguments.model(lane, (MapLane, EmotionLane), f"lanes[{index}]", "a lane", "a MapLane or an EmotionLane")
    for width in _WIDTHS:  # a tall map gets a wider page, so it still prints on one landscape page
        plan = _Plan.make(journey, lanes, width)
        if plan.height <= width * _LANDSCAPE:
            break
    stages, column, first_left, top = journey.stage_names, plan.column, MARGIN + _LABEL_WIDTH, plan.header.height + 0.05
    figure, page = layout.new_page(plan.width, plan.height)
    plan.header.draw(page)
    for index, stage in enumerate(stages):
        left = first_left + index * column
        page.add_patch(FancyBboxPatch((left + _PAD, top + 0.04), column - 2 * _PAD, _STAGE_ROW - 0.1,
                                      boxstyle="round,pad=0,rounding_size=0.06", facecolor=MAIN, edgecolor="none"))
        page.text(left + column / 2, top + _STAGE_ROW / 2 - 0.01, stage, fontsize=12, fontweight="bold",
                  color="white", ha="center", va="center")
    y = top + _STAGE_ROW
    for number, (lane, lane_cells, lane_height) in enumerate(plan.rows):
        if number % 2 == 0:
            page.add_patch(Rectangle((MARGIN, y), plan.width - 2 * MARGIN, lane_height, facecolor="#F5F5F5",
                                     edgecolor="none", zorder=0))
        _lane_title(page, lane, y, cell=lane_cells is not None)
        if isinstance(lane, EmotionLane):  # the one lane without cells
            _emotion_curve(figure, journey, first_left, y, column * len(stages), lane_height)
        else:
            for index, cell in enumerate(lane_cells):
                _cell(page, lane, cell, first_left + index * column + _PAD, y + _PAD, column - 2 * _PAD)
        y += lane_height
    for index in range(len(stages) + 1):
        x = first_left + index * column
        page.plot([x, x], [top + _STAGE_ROW, y], color=RULE, linewidth=0.8, zorder=0.5)
    return figure


@dataclass
class _Plan:
    """Where everything goes on a page ``width`` inches wide: the column width, the rows and the page height."""

    width: float
    column: float
    header: layout.Header
    rows: list[tuple[MapLane | EmotionLane, Any, float]]  # lane, its cells (None for the curve), row height
    height: float

    @classmethod
    def make(cls, journey: Journey, lanes: Sequence[MapLane | EmotionLane], width: float) -> _Plan:
        stages = journey.stage_names
        column = (width - 2 * MARGIN - _LABEL_WIDTH) / len(stages)
        rows: list[tuple[MapLane | EmotionLane, Any, float]] = []
        for lane in lanes:
            if isinstance(lane, EmotionLane):
                rows.append((lane, None, _EMOTION_ROW))
                continue
            items = [lane.items(journey, stage) for stage in stages]
            if lane.optional and not any(items):
                continue
            cells = [[_wrap_item(lane, heading, text, column - 5 * _PAD) for heading, text in stage_items]
                     for stage_items in items]
            cell_heights = [sum(_item_height(*item) + _GAP for item in cell) + _PAD for cell in cells]
            rows.append((lane, cells, max([0.55, _title_height(lane, cell=True), *cell_heights])))
        if any(lane.optional for lane, _, _ in rows if not isinstance(lane, EmotionLane)):  # a practitioner's map: many lanes
            rows = [(lane, cells, _EMOTION_ROW_SHORT if cells is None else height) for lane, cells, height in rows]
        header = _header(journey, width)
        height = header.height + 0.05 + _STAGE_ROW + sum(height for *_, height in rows) + 0.3
        return cls(width, column, header, rows, height)


def _wrap_item(lane: MapLane, heading: str, text: str, width: float) -> tuple[list[str], list[str]]:
    """An item's heading and text as lines that fit the column, cut to the lane's ``most_lines``.

    A text of several lines starting with "• " is a list: each line wraps on its own, indented under its bullet.
    """
    heading_lines = layout.wrap(heading, width, _HEADING, "bold") if heading else []
    text_lines: list[str] = []
    for paragraph in text.split("\n") if text else []:
        if paragraph.startswith("• "):
            text_lines += layout.wrap(paragraph[2:], width, _BODY, initial_indent="•  ", subsequent_indent="    ")
        else:
            text_lines += layout.wrap(paragraph, width, _BODY)
    if lane.most_lines is not None:
        heading_lines = layout.shorten(heading_lines, lane.most_lines)
        text_lines = layout.shorten(text_lines, lane.most_lines)
    return heading_lines, text_lines


def _title_lines(lane: MapLane | EmotionLane, cell: bool) -> tuple[list[str], list[str]]:
    room = _LABEL_WIDTH - (0.15 if cell else 1.05)  # the curve's scale needs room too
    hint = getattr(lane, "hint", "")
    return layout.wrap(lane.title, room, 10, "bold"), [line for part in hint.split("\n") if hint
                                                      for line in layout.wrap(part, room, _HINT)]


def _title_height(lane: MapLane | EmotionLane, cell: bool) -> float:
    title, hint = _title_lines(lane, cell)
    return layout.text_height(len(title), 10) + (layout.text_height(len(hint), _HINT) + 0.04 if hint else 0) + 0.2


def _lane_title(page: Any, lane: MapLane | EmotionLane, top: float, cell: bool) -> None:
    """The lane's name at the left of its row, with its hint in grey under it."""
    title, hint = _title_lines(lane, cell)
    page.text(MARGIN + 0.08, top + 0.1, "\n".join(title), fontsize=10, fontweight="bold", va="top")
    if hint:
        page.text(MARGIN + 0.08, top + 0.14 + layout.text_height(len(title), 10), "\n".join(hint), fontsize=_HINT,
                  color=MUTED, va="top")


def _header(journey: Journey, width: float) -> layout.Header:
    persona = journey.persona
    title = f"Customer journey map: {journey.name}"
    if persona is not None:
        title += f", for {persona.name}" + (f" ({persona.age})" if persona.age is not None else "")
    count = sum(len(journey.touchpoints(stage)) for stage in journey.stage_names)
    subtitle = f"Stages of the {journey.framework.title} from left to right; {count} touchpoints."
    if persona is not None and persona.role:
        subtitle += f" {persona.name}: {persona.role}."
    subtitle += (" The curve is how the customer feels at each touchpoint, from −2 (frustrated) to +2 "
                 "(delighted); a grey bar is the mean of a stage's touchpoints.")
    return layout.Header.make(title, subtitle, width - 2 * MARGIN)


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
            page.text(left + 2 * _PAD, top + _PAD, "\n".join(heading), fontsize=_HEADING, fontweight="bold", va="top",
                      parse_math=False)  # "$5 off" is a price, not a formula
        if text:
            page.text(left + 2 * _PAD, top + _PAD + layout.text_height(len(heading), _HEADING), "\n".join(text),
                      fontsize=_BODY, va="top", parse_math=False)
        top += item_height + _GAP


def _emotion_curve(figure: Figure, journey: Journey, left: float, top: float, width: float, height: float) -> None:
    """Every touchpoint's feeling as a dot on a -2..+2 scale, joined in journey order; a stage's mean as a bar.

    The points come from :func:`journeylab.feelings.stage_feelings`, so a single
    frustrated moment shows even when its stage's mean is positive. A moment
    below neutral is coloured and named; a stage without touchpoints is a gap.
    """
    axes = layout.inset(figure, left, top + 0.12, width, height - 0.24)
    stages = stage_feelings(journey)
    column = width / len(stages)  # inches
    axes.set_xlim(0, len(stages))
    axes.set_ylim(-3.0, 3.0)  # room for the names under a -2 and the means above +2
    axes.set_facecolor("none")
    axes.axhspan(0, 3.0, color=style.tint(MET, 0.08), zorder=0)
    axes.axhspan(-3.0, 0, color=style.tint(HIGHLIGHT, 0.08), zorder=0)
    axes.axhline(0, color=MUTED, linewidth=0.9, linestyle="--", zorder=1)
    curve_x: list[float] = []
    curve_y: list[float] = []
    mean_x: list[float] = []
    mean_y: list[float] = []
    for number, stage in enumerate(stages):
        if stage.mean is None:
            axes.text(number + 0.5, 0.25, "no touchpoints yet", fontsize=8.5, color=MUTED, fontstyle="italic",
                      ha="center")
            curve_x.append(math.nan)  # the line breaks: nothing is known here
            curve_y.append(math.nan)
            continue
        places = [number + moment.place for moment in stage.moments]
        curve_x += places
        curve_y += [moment.emotion for moment in stage.moments]
        if len(stage.moments) > 1:  # with one touchpoint its dot says it all
            ends = (places[0] - _MEAN_OVERHANG, places[-1] + _MEAN_OVERHANG)
            mean_x += [*ends, math.nan]
            mean_y += [stage.mean, stage.mean, math.nan]
            axes.text(ends[1] + 0.02, stage.mean, layout.signed(stage.mean), fontsize=8, color=MUTED,
                      fontweight="bold", ha="left", va="center", zorder=4)
        room = max(column * SPREAD / len(stage.moments) + 0.25, 0.95)  # inches for a name under its dot
        for x, moment in zip(places, stage.moments):
            if moment.emotion < 0:
                name = layout.shorten(layout.wrap(moment.channel, room, 7.5), 2)
                axes.text(x, moment.emotion - 0.3, "\n".join(name), fontsize=7.5, color=HIGHLIGHT, ha="center",
                          va="top", zorder=4, parse_math=False, linespacing=1.0)
    axes.plot(mean_x, mean_y, color=MUTED, linewidth=4, alpha=0.45, solid_capstyle="round", zorder=2,
              label="stage mean")
    axes.plot(curve_x, curve_y, color=MAIN, linewidth=1.6, zorder=3, label="emotion curve")
    points = [(x, y) for x, y in zip(curve_x, curve_y) if not math.isnan(y)]
    axes.scatter([x for x, _ in points], [y for _, y in points], s=55, zorder=5, linewidths=1.2,
                 edgecolors="white", label="touchpoint feelings",
                 c=[HIGHLIGHT if y < 0 else MAIN for _, y in points])
    axes.set_yticks(list(_EMOTION_LABELS), list(_EMOTION_LABELS.values()), fontsize=8.5)
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    axes.tick_params(axis="y", length=0, colors=TEXT)
