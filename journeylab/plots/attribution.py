"""Pictures of which touchpoints matter: attribution models side by side, and a funnel per group.

Introduced in notebooks 04 and 06. :func:`attribution_comparison` puts the
credit every model gives each touchpoint next to each other, so the models'
disagreement is the first thing one sees; :func:`funnel_breakdown` draws one
funnel line per channel (or segment, or month), so the groups that bring
customers furthest stand out.

>>> table = pd.DataFrame({"last_touch": [3.0, 0.0], "markov": [1.5, 1.5]},
...                      index=pd.Index(["Checkout (Web)", "Store visit"], name="touchpoint"))
>>> figure = attribution_comparison(table)
>>> [axes.get_title(loc="left") for axes in figure.axes[1:]]
['Last touch', 'Markov']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

from journeylab.analytics.groups import breakdown_counts, compare_groups, compare_stage
from journeylab.errors import UnknownNameError, ValidationError
from journeylab.plots import arguments, layout, style
from journeylab.plots.style import HIGHLIGHT, MAIN, MARGIN, MUTED, OKABE_ITO, RULE, TEXT

__all__ = ["MODEL_LABELS", "attribution_comparison", "funnel_breakdown"]

MODEL_LABELS = {
    "first_touch": ("First touch", "what brought them in"),
    "last_touch": ("Last touch", "what closed the sale"),
    "linear": ("Linear", "equal shares"),
    "position_based": ("Position based", "40% first, 40% last"),
    "time_decay": ("Time decay", "the latest count most"),
    "markov": ("Markov", "what is lost without it"),
}
"""The plain name of each attribution model and, in a few words, how it shares out a purchase."""

_IMPORTANCE_ALLOWED = "the table from touchpoint_importance(events): one row per touchpoint, one column per model"
_LINE_COLOURS = ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "black")
"""Okabe-Ito without its yellow, which is too pale for a thin line on white."""


# ----------------------------------------------------------------------------- attribution


@style.styled
def attribution_comparison(importance_table: pd.DataFrame, highlight: str | Sequence[str] | bool = True) -> Figure:
    """The credit each attribution model gives each touchpoint, one panel per model, side by side.

    Introduced in notebook 06.

    Every row is a touchpoint, in the table's order (``touchpoint_importance``
    puts the largest Markov credit first), and every panel a model, so reading
    across a row shows how differently the models judge one touchpoint. Each
    panel has its own scale: last touch gives almost everything to the
    checkout, and one shared scale would flatten the others.

    Parameters
    ----------
    importance_table:
        The table from ``touchpoint_importance(events)``, or some of its
        columns: one row per touchpoint, one column of credits per model.
    highlight:
        The row to colour and label with its numbers. ``True`` (default): the
        touchpoint last touch undervalues most, the one whose Markov credit
        exceeds its last-touch credit the most, when the table has both
        columns. A name (or a list of names) colours those rows; ``False`` none.

    Examples
    --------
    >>> table = pd.DataFrame({"last_touch": [3.0, 0.0], "markov": [1.5, 1.5]},
    ...                      index=["Checkout (Web)", "Store visit"])
    >>> figure = attribution_comparison(table, highlight="store visit")
    >>> attribution_comparison(table, highlight="Shop window")
    Traceback (most recent call last):
    ...
    journeylab.errors.UnknownNameError: highlight: is not a row of the table (got 'Shop window'). Allowed: Checkout (Web), Store visit.
    """
    table = _importance_table(importance_table)
    names = [str(name) for name in table.index]
    models = [str(column) for column in table.columns]
    credits = {model: _credits(table[column], model, names) for model, column in zip(models, table.columns)}
    marked = _highlighted(highlight, names, credits)

    row, names_width, gap, width = 0.3, 2.3, 0.3, 12.0
    panel_width = (width - 2 * MARGIN - names_width - gap * (len(models) - 1)) / len(models)
    header = layout.Header.make("Which touchpoints get the credit for a purchase?",
                               _importance_subtitle(names, credits, marked), width - 2 * MARGIN)
    descriptions = [_fitted(MODEL_LABELS.get(model, ("", ""))[1], panel_width + gap - 0.1) for model in models]
    description_lines = max(len(lines) if lines != [""] else 0 for lines in descriptions)
    description_height = layout.text_height(description_lines, 8.5)
    top = header.height + 0.4 + description_height  # room for the panel titles and what each model does
    figure, page = layout.new_page(width, top + len(names) * row + 0.55)
    header.draw(page)
    for index in marked:
        page.add_patch(Rectangle((MARGIN, top + index * row), width - 2 * MARGIN, row,
                                 facecolor=style.tint(HIGHLIGHT, 0.12), edgecolor="none"))
    for index, name in enumerate(names):
        text = layout.shorten(layout.wrap(name, names_width - 0.15, 9.5, "bold"), 1)[0]
        page.text(MARGIN + names_width - 0.15, top + (index + 0.5) * row, text, fontsize=9.5, ha="right",
                  va="center", fontweight="bold" if index in marked else "normal",
                  color=HIGHLIGHT if index in marked else TEXT, parse_math=False)
    for number, model in enumerate(models):
        left = MARGIN + names_width + number * (panel_width + gap)
        axes = layout.inset(figure, left, top, panel_width, len(names) * row)
        _credit_panel(axes, model, credits[model], names, marked, title_pad=(description_height + 0.12) * 72)
        if descriptions[number] != [""]:
            page.text(left, top - 0.08 - description_height, "\n".join(descriptions[number]), fontsize=8.5,
                      color=MUTED, va="top")
    return figure


def _importance_table(value: Any) -> pd.DataFrame:
    if isinstance(value, pd.DataFrame) and value.index.nlevels > 1:
        raise ValidationError("importance_table", "has one table per stage: draw one stage at a time",
                              value=f"{value.index.nlevels} index levels",
                              allowed='one stage of it, such as importance.loc["Trust"]')
    if not isinstance(value, pd.DataFrame):
        raise ValidationError("importance_table", "must be a table", value=type(value).__name__,
                              allowed=_IMPORTANCE_ALLOWED)
    if len(value) == 0:
        raise ValidationError("importance_table", "is empty: there are no touchpoints to draw",
                              allowed=_IMPORTANCE_ALLOWED)
    table = value
    if len(table.columns) == 0:
        raise ValidationError("importance_table", "has no columns: there is no model to draw",
                              allowed=_IMPORTANCE_ALLOWED)
    return table


def _credits(column: pd.Series, model: str, names: list[str]) -> np.ndarray:
    values = arguments.numbers(column, model)
    for name, value in zip(names, values):
        if not math.isfinite(value) or value < 0:
            raise ValidationError(f"{model}.{name}", "must be a credit in purchases", value=value,
                                  allowed="a number, 0 or more")
    return values


def _highlighted(highlight: Any, names: list[str], credits: dict[str, np.ndarray]) -> list[int]:
    """The rows to colour: the most undervalued by last touch, the rows named, or none."""
    if highlight is False or highlight is None:
        return []
    if highlight is True:
        if "last_touch" not in credits or "markov" not in credits:
            return []
        undervalued = credits["markov"] - credits["last_touch"]
        best = int(np.argmax(undervalued))
        return [best] if undervalued[best] > 0 else []
    wanted = [highlight] if isinstance(highlight, str) else highlight
    if not isinstance(wanted, Sequence) or not all(isinstance(name, str) for name in wanted):
        raise ValidationError("highlight", "must be the name of a row, a list of names, True or False",
                              value=highlight, allowed=names)
    folded = [name.strip().casefold() for name in names]
    rows = []
    for name in wanted:
        if name.strip().casefold() not in folded:
            raise UnknownNameError("highlight", "is not a row of the table", value=name, allowed=names)
        rows.append(folded.index(name.strip().casefold()))
    return rows


def _fitted(text: str, width: float) -> list[str]:
    """One line when it fits (measured), else at most two wrapped ones."""
    return [text] if layout.text_width(text, 8.5) <= width else layout.shorten(layout.wrap(text, width, 8.5), 2)


def _credit_text(value: float) -> str:
    """1,548 and 181 for large credits, 0.67 for the small ones of a hand-made example."""
    return layout.number(round(value) if abs(value) >= 10 else round(value, 2))


def _importance_subtitle(names: list[str], credits: dict[str, np.ndarray], marked: list[int]) -> str:
    totals = [float(values.sum()) for values in credits.values()]
    same = max(totals) - min(totals) <= 0.01 * max(max(totals), 1)
    purchases = f"the {_credit_text(totals[0])} purchases" if same else "the purchases"
    text = (f"Each panel is one model's way to share out {purchases} over the touchpoints; "
            "each panel has its own scale.")
    if "last_touch" in credits and "markov" in credits:
        text += (" Last touch credits only the step just before buying; the Markov model asks how many "
                 "purchases would be lost without each touchpoint.")
        for index in marked:
            text += (f" {names[index]}: {_credit_text(credits['last_touch'][index])} by last touch, "
                     f"{_credit_text(credits['markov'][index])} by Markov.")
    return text


def _credit_panel(axes: Any, model: str, values: np.ndarray, names: list[str], marked: list[int],
                  title_pad: float) -> None:
    """One model's bars: a bar per touchpoint, the highlighted rows in colour and with their number."""
    axes.set_facecolor("none")  # the page's highlight band shows through
    largest = max(float(values.max()), 1e-9)
    colours = [HIGHLIGHT if index in marked else MAIN for index in range(len(names))]
    rows = np.arange(len(names)) + 0.5
    for y, value, colour, name in zip(rows, values, colours, names):
        axes.add_patch(Rectangle((0, y - 0.32), value, 0.64, facecolor=colour, edgecolor="none", label=name))
    for index in marked:
        axes.text(values[index] + largest * 0.04, rows[index], _credit_text(values[index]), fontsize=8.5,
                  fontweight="bold", color=HIGHLIGHT, va="center")
    axes.set_xlim(0, largest * 1.3)  # room for a highlighted row's number
    axes.set_ylim(len(names), 0)
    axes.set_title(MODEL_LABELS.get(model, (model.replace("_", " ").capitalize(), ""))[0], fontsize=11,
                   loc="left", pad=title_pad)
    axes.xaxis.set_major_locator(MaxNLocator(3, integer=largest >= 3))
    axes.yaxis.set_major_locator(NullLocator())
    axes.tick_params(axis="x", labelsize=8, length=3)
    axes.grid(axis="x", color=RULE, linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(MUTED)


# ----------------------------------------------------------------------------- funnel per group


@style.styled
def funnel_breakdown(breakdown_frame: pd.DataFrame, compare_at: str | None = None) -> Figure:
    """One funnel line per group (channel, segment, month), and the groups compared with the range each share is likely in.

    Introduced in notebook 04.

    Each line starts at 100 % at the first stage and falls as people drop
    out; the higher a line stays, the further that group's people get.
    Shares are worked out from ``users``, within each group. The scale is
    stretched at the bottom (a log scale), so the few percent who reach Buy
    can be compared as well as the many at the top; each line is named at its
    end, so lines that run close together can still be told apart.

    Beside the picture the groups are ranked by their share at ``compare_at``,
    each with a bar for the range its share is likely in (95%,
    :func:`~journeylab.analytics.compare_groups`): a small group has a wide
    range. Under it, the rule of thumb in words: where two ranges overlap,
    the difference may be chance.

    Parameters
    ----------
    breakdown_frame:
        The table from ``stage_funnel(events, breakdown="channel")`` (or with
        ``freq="M"``): two index levels, the group and the stage, and a
        ``users`` column. Up to seven groups: keep the ones to compare with
        ``frame.loc[["Instagram", "Search"]]``.
    compare_at:
        The stage at which to rank the groups. Default: the purchase stage
        (Buy in the hourglass) when the stages are those of a framework, else
        the last stage.

    Examples
    --------
    >>> table = pd.DataFrame({"users": [100, 10, 50, 10]}, index=pd.MultiIndex.from_product(
    ...     [["Instagram", "Search"], ["Know", "Buy"]], names=["channel", "stage"]))
    >>> figure = funnel_breakdown(table)
    >>> funnel_breakdown(table.loc["Search"])
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: breakdown_frame: has one funnel, not one per group (got '1 index level'). Allowed: the table from stage_funnel(events, breakdown="channel"), with a users column.
    """
    groups, stages, users, level_name = breakdown_counts(breakdown_frame)
    if len(groups) > len(_LINE_COLOURS):
        raise ValidationError("breakdown_frame", f"has {len(groups)} groups, too many lines to tell apart",
                              value=len(groups), allowed=f"at most {len(_LINE_COLOURS)} groups: keep the ones to "
                              f'compare, such as frame.loc[["{groups[0]}", "{groups[1]}"]]')
    shares = np.full(users.shape, np.nan)
    np.divide(users * 100, users[:, :1], out=shares, where=users[:, :1] > 0)
    compare = compare_stage(compare_at, stages, "compare_at")
    compared = compare_groups(breakdown_frame, at=stages[compare])

    width, plot_height, plot_width, names_room = 12.5, 4.6, 5.5, 1.15
    subtitle = (f"Each line follows the people of one {level_name}: the share of those at {stages[0]} "
                "who reached each stage. The higher a line stays, the further those people get. The scale "
                "is stretched at the bottom, so that the small shares near the end can be compared too.")
    header = layout.Header.make(f"How far people get, by {level_name}", subtitle, width - 2 * MARGIN)
    plot_left, plot_top = MARGIN + 0.75, header.height + 0.25
    panel_left = plot_left + plot_width + names_room + 0.2
    rule = layout.wrap(_rule_of_thumb(compared), width - MARGIN - panel_left, 9)
    panel_height = 0.72 + len(groups) * _RANK_ROW + 0.3 + layout.text_height(len(rule), 9)
    figure, page = layout.new_page(width, plot_top + max(plot_height + 0.7, panel_height + 0.1))
    header.draw(page)
    axes = layout.inset(figure, plot_left, plot_top, plot_width, plot_height)
    colours = dict(zip(groups, (OKABE_ITO[_LINE_COLOURS[index]] for index in range(len(groups)))))
    _share_lines(axes, groups, stages, shares, list(colours.values()), compare)
    _line_names(axes, groups, shares, list(colours.values()), names_room)
    _ranking(figure, page, panel_left, plot_top, width - MARGIN, stages, compare, compared, colours)
    page.text(panel_left, plot_top + 0.72 + len(groups) * _RANK_ROW + 0.3, "\n".join(rule), fontsize=9, va="top",
              parse_math=False)
    return figure


_RANK_ROW = 0.5  # inches per group in the ranking


def _rule_of_thumb(compared: pd.DataFrame) -> str:
    """The rule of thumb, then what it says about these groups: which ranges overlap the highest one."""
    best = str(compared.index[0])
    close = [str(group) for group, verdict in compared["verdict"].items() if verdict == "too close to call"]
    lower = [str(group) for group, verdict in compared["verdict"].items() if verdict == "clearly lower"]
    text = ("Rule of thumb: the bar is the range the true share is likely in (95%). Where two bars overlap, "
            "the difference may be chance.")
    if close:
        text += (f" {_listed(close)} {'overlaps' if len(close) == 1 else 'overlap'} {best}: the data cannot tell "
                 f"{'it' if len(close) == 1 else 'them'} apart from {best} yet.")
    if lower:
        text += f" {_listed(lower)} {'is' if len(lower) == 1 else 'are'} clearly lower than {best}."
    return text


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _percent_text(share: float) -> str:
    if math.isnan(share):
        return "–"
    if share >= 10 or share == 0:
        return f"{share:.0f}%"
    return f"{share:.1f}%" if share >= 1 else f"{share:.2f}%"


def _share_lines(axes: Any, groups: list[str], stages: list[str], shares: np.ndarray, colours: list[str],
                 compare: int) -> None:
    """The lines on a log scale, with the stage where the groups are ranked shaded."""
    positions = np.arange(len(stages))
    axes.axvspan(compare - 0.3, compare + 0.3, color=style.tint(OKABE_ITO["orange"], 0.18), linewidth=0, zorder=0)
    for group, values, colour in zip(groups, shares, colours):
        axes.plot(positions, values, color=colour, linewidth=2, marker="o", markersize=5, label=group, zorder=3,
                  clip_on=False)
    axes.set_yscale("log")
    positive = shares[np.isfinite(shares) & (shares > 0)]
    lowest = float(positive.min()) if len(positive) else 1.0
    axes.set_ylim(lowest / 1.5, 100 * 1.25)
    ticks = [tick for tick in (100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01) if tick >= lowest / 1.5]
    axes.yaxis.set_major_locator(FixedLocator(ticks))
    axes.yaxis.set_minor_locator(NullLocator())
    axes.set_yticks(ticks, [_percent_text(tick).replace(".0%", "%") for tick in ticks])
    axes.set_xticks(positions, stages)
    axes.set_xlim(-0.35, len(stages) - 0.65)
    axes.tick_params(axis="x", labelsize=10, length=0, pad=6)
    axes.tick_params(axis="y", labelsize=9, length=0)
    for label, index in zip(axes.get_xticklabels(), positions):
        if index == compare:
            label.set_fontweight("bold")
    axes.grid(axis="y", color=RULE, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.spines["left"].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    axes.set_ylabel(f"share of those at {stages[0]}", fontsize=9.5, color=MUTED)


def _line_names(axes: Any, groups: list[str], shares: np.ndarray, colours: list[str], room: float) -> None:
    """Each line's name at its last point, moved up or down just enough that no two names overlap."""
    height = axes.get_position().height * axes.figure.get_size_inches()[1]  # inches
    gap = 0.19 / height  # one line of 9-point text, in axes fractions
    ends = []
    for group, values, colour in zip(groups, shares, colours):
        shown = np.flatnonzero(np.isfinite(values) & (values > 0))
        if len(shown):
            point = axes.transData.transform((shown[-1], values[shown[-1]]))
            ends.append((float(axes.transAxes.inverted().transform(point)[1]), group, colour))
    ends.sort()
    placed: list[float] = []
    for y, _, _ in ends:  # bottom up: each name at least a line above the one below
        placed.append(max(y, placed[-1] + gap) if placed else y)
    overflow = placed[-1] - 1 if placed else 0
    if overflow > 0:  # too high: push the whole stack down again, keeping the gaps
        placed = [y - overflow for y in placed]
    for (y, group, colour), at in zip(ends, placed):
        name = layout.shorten(layout.wrap(group, room - 0.1, 9, "bold"), 1)[0]
        axes.text(1.015, at, name, transform=axes.transAxes, fontsize=9, fontweight="bold", color=colour,
                  va="center", ha="left", clip_on=False, parse_math=False, label=f"{group} name")
        if abs(at - y) > gap / 4:  # moved away from its line: a thin lead back to it
            axes.plot([1.0, 1.012], [y, at], transform=axes.transAxes, color=colour, linewidth=0.8,
                      clip_on=False)


def _ranking(figure: Figure, page: Any, left: float, top: float, right: float, stages: list[str], compare: int,
             compared: pd.DataFrame, colours: dict[str, str]) -> None:
    """The groups, highest share first: name, numbers, the share and a bar for the range it is likely in."""
    page.text(left, top, f"Reached {stages[compare]}", fontsize=11, fontweight="bold", va="top")
    page.text(left, top + 0.25, f"share of those at {stages[0]}, and the range it is likely in", fontsize=9,
              color=MUTED, va="top")
    names_width, share_width = 1.35, 0.55
    bars_left, bars_right = left + names_width, right - share_width
    rows_top = top + 0.72
    axes = layout.inset(figure, bars_left, rows_top - _RANK_ROW / 2, bars_right - bars_left,
                        len(compared) * _RANK_ROW)
    highest = float(np.nanmax(compared["high"])) if compared["high"].notna().any() else 1.0
    axes.set_xlim(0, highest * 1.08)
    axes.set_ylim(len(compared) - 0.5, -0.5)
    axes.set_facecolor("none")
    for number, (group, row) in enumerate(compared.iterrows()):
        y = rows_top + number * _RANK_ROW
        colour = colours[str(group)]
        name = layout.shorten(layout.wrap(str(group), names_width - 0.1, 10), 1)[0]
        page.text(left, y - 0.08, name, fontsize=10, va="center", parse_math=False)
        detail = f"{layout.number(row['reached'])} of {layout.number(row['started'])}" if row["started"] > 0 \
            else f"nobody at {stages[0]}"
        page.text(left, y + 0.14, detail, fontsize=8.5, color=MUTED, va="center")
        page.text(right, y - 0.08, _percent_text(row["share"]), fontsize=10, fontweight="bold", ha="right",
                  va="center")
        if not math.isnan(row["share"]):
            page.text(right, y + 0.14, f"{_percent_text(row['low'])}–{_percent_text(row['high'])}", fontsize=8,
                      color=MUTED, ha="right", va="center")
            axes.plot([row["low"], row["high"]], [number, number], color=style.tint(colour, 0.55), linewidth=5,
                      solid_capstyle="butt", label=f"{group} range", zorder=2)
            axes.plot([row["share"]], [number], marker="o", markersize=6, color=colour, linestyle="none",
                      label=f"{group} share", zorder=3)
    axes.xaxis.set_major_locator(MaxNLocator(4))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _percent_text(value).replace(".0%", "%")))
    axes.set_yticks([])
    axes.tick_params(axis="x", labelsize=8, length=0, colors=MUTED)
    axes.grid(axis="x", color=RULE, linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(RULE)
