"""Pictures of numbers per stage: the hourglass, the funnel and goal attainment.

>>> figure = hourglass()
>>> sorted(patch.get_label() for patch in figure.axes[0].patches)[:3]
['Buy', 'Know', 'Like']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon, Rectangle

from journeylab.analytics.goals import better_by
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework
from journeylab.plots import arguments, layout, style
from journeylab.plots.style import HIGHLIGHT, MAIN, MARGIN, MET, MISSED, MUTED, OKABE_ITO, RULE

__all__ = ["hourglass", "funnel", "goal_attainment"]

# ----------------------------------------------------------------------------- hourglass

_PHASES = (
    (MAIN, "Before the purchase: getting to know the business"),
    (OKABE_ITO["orange"], "The purchase"),
    (MET, "After the purchase: buy again and bring others"),
)


def _stage_counts(counts: Any, framework: Framework) -> dict[str, float]:
    """Users per stage of ``framework`` from a Series, a mapping or a stage_funnel table."""
    allowed = "a Series or dict of users per stage, or the table from stage_funnel(events)"
    if isinstance(counts, pd.DataFrame):
        counts = arguments.table(counts, "counts", ["users"], allowed)["users"]
    elif isinstance(counts, Mapping):
        counts = pd.Series(dict(counts), dtype=object)
    elif not isinstance(counts, pd.Series):
        raise ValidationError("counts", "must be users per stage", value=type(counts).__name__, allowed=allowed)
    if len(counts) == 0:
        raise ValidationError("counts", "is empty: there are no stages to show", allowed=allowed)
    found: dict[str, float] = {}
    for stage, value in counts.items():
        try:
            name = framework.stage(str(stage)).name
        except UnknownNameError:
            raise UnknownNameError(
                "counts", f"has a stage that is not in the {framework.title}", value=stage,
                allowed=framework.stage_names,
            ) from None
        if pd.api.types.is_scalar(value) and pd.isna(value):
            continue  # not measured (None, NaN or pandas' NA): the band says "no data"
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)) or value < 0:
            raise ValidationError(
                f"counts.{name}", "must be a number of users", value=value, allowed="a whole number, 0 or more"
            )
        found[name] = float(value)
    return found


def _band_widths(stage_count: int, neck: int, widest: float = 5.6, narrowest: float = 1.9) -> list[float]:
    """The hourglass outline at each stage: narrowing to the ``neck`` (the purchase), widening after."""
    widths = []
    for index in range(stage_count):
        if index < neck:
            widths.append(widest - (widest - narrowest) * index / neck)
        else:
            widths.append(narrowest + (widest - narrowest) * (index - neck) / max(stage_count - 1 - neck, 1))
    return widths


@style.styled
def hourglass(counts: Any = None, framework: str | Framework = DEFAULT_FRAMEWORK) -> Figure:
    """The hourglass: wide at Know, narrowest at Buy, wide again at Repeat and Refer.

    Introduced in notebook 04.

    Each stage is a band with its name; the customer's question at that stage
    stands beside it. Give ``counts`` (users per stage, as a Series or dict, or
    the table from ``stage_funnel``) to write your numbers on the bands. The
    shape stays the teaching picture: band widths are not drawn to scale, so a
    small Refer number still shows that referrals widen the journey again.

    Parameters
    ----------
    counts:
        Optional users per stage; stages are matched ignoring case, missing ones say "no data".
    framework:
        ``"hourglass"`` (default), ``"five_stage"`` or ``"cycle"``: the narrowest band
        is the stage that holds the purchase.

    Examples
    --------
    >>> figure = hourglass({"Know": 5000, "Buy": 120})
    >>> hourglass({"Checkout": 10})
    Traceback (most recent call last):
    ...
    journeylab.errors.UnknownNameError: counts: has a stage that is not in the seven-step hourglass (got 'Checkout'). Allowed: Know, Like, Trust, Try, Buy, Repeat, Refer.
    """
    fw = get_framework(framework)
    users = None if counts is None else _stage_counts(counts, fw)
    stages = fw.stages
    neck = fw.position(fw.from_hourglass["Buy"])
    widths = _band_widths(len(stages), neck)
    subtitle = (
        "Customers get to know a business, buy, then come back and bring others. "
        "Beside each step: the question the customer asks."
    )
    if users is not None:
        subtitle += " The numbers are your customers per step; the shape is the idea, not drawn to scale."
    width, band, gap = 11.5, 0.66, 0.06
    header = layout.Header.make(f"The customer journey as a {fw.title}", subtitle, width - 2 * MARGIN)
    top = header.height + 0.35
    figure, page = layout.new_page(width, top + len(stages) * (band + gap) + 0.75)
    header.draw(page)
    centre, question_left = MARGIN + max(widths) / 2 + 0.1, MARGIN + max(widths) + 0.7
    page.text(centre, top - 0.12, "Step", fontsize=9.5, color=MUTED, ha="center", fontweight="bold")
    page.text(question_left, top - 0.12, "The customer asks", fontsize=9.5, color=MUTED, fontweight="bold")
    for index, stage in enumerate(stages):
        # each band joins the outline of its neighbours, so the bands together draw one hourglass
        upper = widths[index] if index <= neck else widths[index - 1]
        lower = widths[index + 1] if index < neck else widths[index]
        y = top + index * (band + gap)
        colour = _PHASES[0 if index < neck else 1 if index == neck else 2][0]
        corners = [(centre - upper / 2, y), (centre + upper / 2, y), (centre + lower / 2, y + band),
                   (centre - lower / 2, y + band)]
        page.add_patch(Polygon(corners, closed=True, facecolor=style.tint(colour, 0.35), edgecolor=colour,
                               linewidth=1.2, label=stage.name))
        middle = y + band / 2
        if users is None:
            page.text(centre, middle, stage.name, fontsize=13, fontweight="bold", ha="center", va="center")
        else:
            page.text(centre, middle - 0.1, stage.name, fontsize=12.5, fontweight="bold", ha="center", va="center")
            shown = layout.people(users[stage.name]) if stage.name in users else "no data"
            page.text(centre, middle + 0.15, shown, fontsize=10, ha="center", va="center")
        page.plot([centre + max(upper, lower) / 2 + 0.1, question_left - 0.1], [middle, middle],
                  color=RULE, linewidth=0.8, linestyle=":")
        question = layout.wrap(stage.question, width - MARGIN - question_left, 10)
        page.text(question_left, middle, "\n".join(question), fontsize=10, fontstyle="italic", va="center")
    handles = [Patch(facecolor=style.tint(colour, 0.35), edgecolor=colour, label=label) for colour, label in _PHASES]
    page.legend(handles=handles, loc="lower left", bbox_to_anchor=(MARGIN / width, 0.02), ncol=3, handlelength=1.4)
    return figure


# ----------------------------------------------------------------------------- funnel


def _leakiest(users: np.ndarray) -> tuple[np.ndarray, int | None]:
    """The share of the stage before kept at each stage, and where the largest share is lost."""
    before = np.concatenate(([np.nan], users[:-1]))
    kept = np.full(len(users), np.nan)
    np.divide(users, before, out=kept, where=before > 0)
    losses = 1 - kept
    return kept, int(np.nanargmax(losses)) if np.any(losses > 0) else None


@style.styled
def funnel(funnel_frame: pd.DataFrame) -> Figure:
    """How many people reach each stage, as centred bars, with the biggest leak marked.

    Introduced in notebook 04.

    The percentage beside each bar is the step conversion: the share of the
    stage before that made it here. It is worked out from ``users``, so the
    picture reads the same whichever way the table stores its rates. The
    leakiest step, the one that loses the largest share of its people, is
    coloured and labelled. The title says people, not customers: most of those
    at the top of a funnel have not bought anything yet.

    Parameters
    ----------
    funnel_frame:
        The table from ``stage_funnel(events)``: one row per stage, in journey
        order, with a ``users`` column.

    Examples
    --------
    >>> table = pd.DataFrame({"users": [1000, 400, 300]}, index=["Know", "Like", "Trust"])
    >>> figure = funnel(table)
    >>> funnel(pd.DataFrame({"people": [10]}))
    Traceback (most recent call last):
    ...
    journeylab.errors.SchemaError: users: funnel_frame has no users column (its columns are: people). Allowed: the table from stage_funnel(events), with a users column.
    """
    allowed = "the table from stage_funnel(events), with a users column"
    table = arguments.table(funnel_frame, "funnel_frame", ["users"], allowed)
    users = arguments.numbers(table["users"], "users")
    names = [str(stage) for stage in table.index]
    for name, value in zip(names, users):
        if not math.isfinite(value) or value < 0:
            raise ValidationError(f"users.{name}", "must be a number of users", value=value,
                                  allowed="a whole number, 0 or more")
    kept, leak = _leakiest(users)
    subtitle = ("Each bar is the number of people at a stage. "
                "The percentage is the share of the stage before that came this far.")
    if leak is not None:
        subtitle += (" The biggest leak, where the largest share drops out, "
                     f"is the step from {names[leak - 1]} to {names[leak]}.")
    row, bar_area, width = 0.62, 4.8, 10.5
    header = layout.Header.make("How many people reach each stage", subtitle, width - 2 * MARGIN)
    top = header.height + 0.1
    figure, page = layout.new_page(width, top + len(users) * row + 0.3)
    header.draw(page)
    bars_left = MARGIN + 1.6
    centre, numbers_left, largest = bars_left + bar_area / 2, bars_left + bar_area + 0.25, max(users.max(), 1)
    for index, (name, value) in enumerate(zip(names, users)):
        y = top + index * row + row / 2
        if index == leak:
            page.add_patch(Rectangle((MARGIN, y - row / 2 + 0.03), width - 2 * MARGIN, row - 0.06,
                                     facecolor=style.tint(HIGHLIGHT, 0.12), edgecolor="none"))
        size = value / largest * bar_area
        page.add_patch(Rectangle((centre - size / 2, y - 0.21), size, 0.42, edgecolor="none", label=name,
                                 facecolor=HIGHLIGHT if index == leak else MAIN))
        page.text(bars_left - 0.15, y, "\n".join(layout.shorten(layout.wrap(name, 1.45, 11, "bold"), 2)),
                  fontsize=11, fontweight="bold", ha="right", va="center")
        if index == 0:
            detail = "where everyone starts"
        elif math.isnan(kept[index]):
            detail = f"nobody was at {names[index - 1]}"
        else:
            detail = f"{kept[index]:.0%} of {names[index - 1]}" + (": the biggest leak" if index == leak else "")
        page.text(numbers_left, y - 0.09, layout.people(value), fontsize=10.5, fontweight="bold", va="center")
        page.text(numbers_left, y + 0.13, detail, fontsize=9.5, va="center",
                  color=HIGHLIGHT if index == leak else MUTED, fontweight="bold" if index == leak else "normal")
    return figure


# ----------------------------------------------------------------------------- goals


_DIRECTIONS = {"higher": "↑ higher is better", "lower": "↓ lower is better"}
_GOAL_ALLOWED = "the table from goal_attainment(goals, actuals), with better, target, actual and met columns"


@style.styled
def goal_attainment(attainment_frame: pd.DataFrame) -> Figure:
    """Per stage, how far the measured KPI is from its target, all rows on one scale, better to the right.

    Introduced in notebook 05.

    KPIs differ in size and unit (a 1 % click-through rate, 50,000 people),
    and some should go down (bounce rate, churn). So every bar is the distance
    from the target in percent of the target
    (:func:`~journeylab.analytics.goals.better_by`), turned so that right of
    the "on target" line is always better and left always worse: a +20 % bar
    is as far ahead as a −20 % bar is behind, on every row. Each row says which
    way its KPI should go, what was measured against the target, and the gap
    in the KPI's own unit. A stage without a measured value says "no data".

    Parameters
    ----------
    attainment_frame:
        The table from ``goal_attainment(goals, actuals)``: one row per stage with
        ``better``, ``target``, ``actual`` and ``met``, and optionally ``kpi`` and ``unit``.

    Examples
    --------
    >>> table = pd.DataFrame({"kpi": ["Conversion rate"], "better": ["higher"], "target": [3.0],
    ...                       "actual": [2.4], "unit": ["%"], "met": [False]}, index=["Buy"])
    >>> figure = goal_attainment(table)
    >>> goal_attainment(table.drop(columns="better"))
    Traceback (most recent call last):
    ...
    journeylab.errors.SchemaError: better: attainment_frame has no better column (its columns are: kpi, target, actual, unit, met). Allowed: the table from goal_attainment(goals, actuals), with better, target, actual and met columns.
    """
    table = arguments.table(attainment_frame, "attainment_frame", ["better", "target", "actual", "met"],
                            _GOAL_ALLOWED)
    targets, actuals = arguments.numbers(table["target"], "target"), arguments.numbers(table["actual"], "actual")
    if not pd.api.types.is_bool_dtype(table["met"]):
        raise SchemaError("met", "must hold True or False", value=str(table["met"].dtype),
                          allowed="True or False per stage")
    directions = [str(value).strip().lower() for value in table["better"]]
    for stage, direction in zip(table.index, directions):
        if direction not in _DIRECTIONS:
            raise ValidationError(f"better.{stage}", "must say which way is good", value=direction,
                                  allowed=tuple(_DIRECTIONS))
    met = table["met"].fillna(False).astype(bool).to_numpy()
    kpis = table["kpi"].fillna("").astype(str).tolist() if "kpi" in table.columns else [""] * len(table)
    units = table["unit"].fillna("").astype(str).tolist() if "unit" in table.columns else [""] * len(table)
    ahead = np.array([better_by(target, actual, direction)
                      for target, actual, direction in zip(targets, actuals, directions)])

    width, row, area = 11.0, 0.82, 4.1
    header = layout.Header.make("Did each stage reach its goal?", (
        "Every row on one scale: how far the measured value is from its target, in percent of the target. "
        "Right of the line is better than the target, left is worse, whichever way the KPI should go."
    ), width - 2 * MARGIN)
    top = header.height + 0.75  # room for the legend and the scale's two ends
    figure, page = layout.new_page(width, top + len(table) * row + 0.7)
    header.draw(page)
    handles = [Patch(facecolor=MET, label="Goal met"), Patch(facecolor=MISSED, label="Goal missed")]
    legend_top = 1 - (header.height - 0.05) / figure.get_size_inches()[1]
    page.legend(handles=handles, loc="upper left", bbox_to_anchor=(MARGIN / width, legend_top), ncol=2)
    bars_left, values_left = MARGIN + 2.45, MARGIN + 2.45 + area + 0.35
    values_width = width - MARGIN - values_left
    axes = layout.inset(figure, bars_left, top, area, len(table) * row)
    reach = _scale_reach(ahead)
    _attainment_axes(axes, reach, len(table))
    for index, stage in enumerate(table.index):
        y = index + 0.5
        target, actual, unit, direction = targets[index], actuals[index], units[index], directions[index]
        label = [(layout.shorten(layout.wrap(str(stage), 2.3, 11.5, "bold"), 2), 11.5, {"fontweight": "bold"})]
        if kpis[index]:
            label.append((layout.shorten(layout.wrap(kpis[index], 2.3, 9), 2), 9, {"color": MUTED}))
        label.append(([_DIRECTIONS[direction]], 9, {"color": MUTED, "fontstyle": "italic"}))
        layout.stack(page, MARGIN, top + y * row, label)
        limit = "≥" if direction == "higher" else "≤"
        target_text = "no target" if math.isnan(target) else f"target {limit} {layout.with_unit(target, unit)}"
        if math.isnan(actual):
            axes.text(0.02 * reach, y, "no data", fontsize=10, color=MUTED, fontstyle="italic", va="center")
            value_text, status, colour = f"no data ({target_text})", "not measured yet", MUTED
        else:
            colour = MET if met[index] else MISSED
            value_text = f"{layout.with_unit(actual, unit)} ({target_text})"
            status = ("✓ goal met" if met[index] else "✗ goal missed") + _gap_text(actual - target, unit, direction)
            if math.isnan(ahead[index]):
                axes.text(0.02 * reach, y, "no percentage of a target of 0", fontsize=9, color=MUTED,
                          fontstyle="italic", va="center")
            else:
                (bar,) = axes.barh(y, ahead[index], height=0.5, color=colour, zorder=2)
                bar.set_label(str(stage))
                outside = ahead[index] >= 0
                axes.text(ahead[index] + (0.02 if outside else -0.02) * reach, y, _percent(ahead[index]),
                          fontsize=9.5, fontweight="bold", color=colour, va="center",
                          ha="left" if outside else "right", zorder=3)
        value_size = 10.5 if len(layout.wrap(value_text, values_width, 10.5)) == 1 else 9.5
        layout.stack(page, values_left, top + y * row, [
            (layout.shorten(layout.wrap(value_text, values_width, value_size), 2), value_size, {}),
            (layout.shorten(layout.wrap(status, values_width, 9.5, "bold"), 2), 9.5,
             {"fontweight": "bold", "color": colour}),
        ])
    return figure


def _scale_reach(ahead: np.ndarray) -> float:
    """The largest distance from the target on the picture, in percent: the furthest bar, with room for its label."""
    furthest = float(np.nanmax(np.abs(ahead))) if np.any(np.isfinite(ahead)) else 0.0
    for reach in (10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if furthest * 1.35 <= reach:
            return float(reach)
    return furthest * 1.35


def _percent(value: float) -> str:
    """+22% and −1.6%: whole percents from 10 on, one decimal below."""
    text = f"{value:+.0f}%" if abs(value) >= 10 else f"{value:+.1f}%"
    return ("0%" if text in ("+0.0%", "-0.0%") else text).replace("-", "−")


def _gap_text(gap: float, unit: str, direction: str) -> str:
    """The gap in the KPI's own unit: ": 15.5 points worse", "; 0.22 per 100 customers better"."""
    if gap == 0:
        return ": exactly on target"
    better = (gap > 0) == (direction == "higher")
    size = layout.number(round(abs(gap), 2))
    amount = f"{size} point{'' if size == '1' else 's'}" if unit == "%" else layout.with_unit(round(abs(gap), 2), unit)
    return f": {amount} {'better' if better else 'worse'}"


def _attainment_axes(axes: Any, reach: float, rows: int) -> None:
    """The shared scale: the target line at 0, worse to the left, better to the right, ticks in percent."""
    axes.set_xlim(-reach, reach)
    axes.set_ylim(rows, 0)
    axes.set_facecolor("none")
    axes.axvspan(-reach, 0, color=style.tint(MISSED, 0.06), zorder=0)
    axes.axvspan(0, reach, color=style.tint(MET, 0.06), zorder=0)
    axes.axvline(0, color="black", linewidth=1.6, zorder=1)
    ticks = [-reach, -reach / 2, 0, reach / 2, reach]
    axes.set_xticks(ticks, [_percent(tick) if tick else "on target" for tick in ticks], fontsize=8.5)
    axes.set_yticks([])
    axes.grid(axis="x", color=RULE, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="x", length=0, colors=MUTED)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(RULE)
    axes.text(0, 1.02, "◀ worse than target", transform=axes.transAxes, fontsize=9, color=MISSED,
              fontweight="bold", ha="left", va="bottom")
    axes.text(1, 1.02, "better than target ▶", transform=axes.transAxes, fontsize=9, color=MET,
              fontweight="bold", ha="right", va="bottom")
    axes.set_xlabel("distance from the target, in percent of the target", fontsize=9, color=MUTED)
