"""The path flow: the most common paths, step by step, as bands between columns of nodes (an alluvial picture).

>>> import pandas as pd
>>> events = pd.DataFrame({"user_id": [1, 1, 2], "timestamp": ["2024-03-01", "2024-03-02", "2024-03-01"],
...                        "stage": ["Know", "Like", "Know"]})
>>> path_flow(events, steps=2).headline
'The paths customers take, step by step'
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from journeylab.analytics.flows import EXIT, OTHER, START, path_flow_table
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework
from journeylab.plots import arguments, layout, style
from journeylab.plots.style import MARGIN, MUTED, OKABE_ITO, RULE

__all__ = ["path_flow", "flow_picture"]

_PALETTE = [OKABE_ITO[name] for name in ("blue", "orange", "bluish_green", "vermillion", "sky_blue",
                                         "reddish_purple", "yellow", "black")]
_GREY, _PALE = "#9A9A9A", "#D9D9D9"


@style.styled
def path_flow(
    events: pd.DataFrame,
    steps: int = 4,
    top: int = 5,
    start: str | None = None,
    end: str | None = None,
    *,
    by: str = "stage",
    framework: str | Framework = DEFAULT_FRAMEWORK,
) -> Figure:
    """The most common paths customers take, ``steps`` deep, as a flow from column to column.

    Introduced in notebook 08. Each column is a step of the paths; each bar a
    node (a stage, or a touchpoint or channel with ``by=``), as tall as the
    customers there; each band the customers who went from one node to the
    next. Per step the ``top`` nodes keep their name, the rest are "Other";
    "(exit)" collects customers whose path ends. Give ``start`` to follow
    paths forward from a node, or ``end`` to look backward at how customers
    got there. The numbers are :func:`journeylab.analytics.path_flow_table`'s,
    a table you can export.
    """
    table = path_flow_table(events, steps, top, start, end, by=by, framework=framework)
    if by == "stage":
        order = list(get_framework(framework).stage_names)
    else:
        order = sorted(set(table["source"]) | set(table["target"]) - {OTHER, EXIT, START})
    if end is not None:
        subtitle = (f"How customers got to {end}: the last column is their first {end}, each column to the left "
                    "one step earlier. (start) is where paths began.")
    elif start is not None:
        subtitle = f"Where customers went after their first {start}, one column per step. (exit): the path ends."
    else:
        subtitle = "Where customers start and where they go next, one column per step. (exit): the path ends."
    subtitle += f" The {top} most common {by}s of each step keep their name; the rest are Other."
    return flow_picture(table, steps, order, "The paths customers take, step by step", subtitle)


def flow_picture(table: pd.DataFrame, steps: int, order: list[str], title: str, subtitle: str) -> Figure:
    """Draw a table of links (``step``, ``source``, ``target``, ``users``) as an alluvial picture."""
    table = arguments.table(table, "table", ["step", "source", "target", "users"],
                            "the table from path_flow_table(events)")
    colours = {name: _PALETTE[index % len(_PALETTE)] for index, name in enumerate(order)}
    colours.update({OTHER: _GREY, EXIT: _PALE, START: _PALE})
    nodes = _nodes(table, steps, order)
    width, bar = 12.0, 0.2
    column_gap = (width - 2 * MARGIN - 1.6 - bar) / max(steps - 1, 1)
    header = layout.Header.make(title, subtitle, width - 2 * MARGIN)
    top, area, gap = header.height + 0.45, 5.2, 0.14
    most = max(sum(users for _, users in column) for column in nodes.values())
    largest_count = max(len(column) for column in nodes.values())
    scale = (area - gap * (largest_count - 1)) / most
    figure, page = layout.new_page(width, top + area + 0.35)
    header.draw(page)
    placed: dict[tuple[int, str], list[float]] = {}  # node -> [top, height, next out y, next in y]
    for step in range(1, steps + 1):
        x = MARGIN + (step - 1) * column_gap
        page.text(x, top - 0.2, f"Step {step}", fontsize=9.5, color=MUTED, fontweight="bold")
        y = top
        for name, users in nodes.get(step, []):
            height = users * scale
            placed[(step, name)] = [y, height, y, y]
            colour = colours.get(name, _GREY)
            page.add_patch(Rectangle((x, y), bar, height, facecolor=colour, edgecolor="none", label=f"{step}:{name}"))
            label = f"{name}  {layout.number(users)}"
            page.text(x + bar + 0.06, y + height / 2, label, fontsize=9 if height > 0.16 else 7.5, va="center",
                      color=MUTED if name in (EXIT, START) else "#222222", fontweight="bold" if name not in
                      (EXIT, START, OTHER) else "normal", bbox={"facecolor": "white", "edgecolor": "none",
                                                                 "alpha": 0.75, "pad": 0.6}, zorder=4)
            y += height + gap
    rank = {key: index for index, key in enumerate(placed)}
    ordered = table.assign(_source=[rank[(step, name)] for step, name in zip(table["step"], table["source"])],
                           _target=[rank[(step + 1, name)] for step, name in zip(table["step"], table["target"])])
    for row in ordered.sort_values(["_source", "_target"]).itertuples(index=False):
        source, target = placed[(row.step, row.source)], placed[(row.step + 1, row.target)]
        thickness = row.users * scale
        left = MARGIN + (row.step - 1) * column_gap + bar
        right = left + column_gap - bar
        _band(page, left, source[2], right, target[3], thickness,
              colours.get(row.target if row.source == START else row.source, _GREY))
        source[2] += thickness  # bands leave a node in the order of their targets ...
        target[3] += thickness  # ... and arrive in the order of their sources, so they do not cross needlessly
    page.plot([MARGIN, width - MARGIN], [top + area + 0.15] * 2, color=RULE, linewidth=0.6)
    return figure


def _band(page: Any, left: float, source_top: float, right: float, target_top: float, thickness: float,
          colour: str) -> None:
    """A filled S-shaped band from one node to the next."""
    middle = (left + right) / 2
    vertices = [(left, source_top), (middle, source_top), (middle, target_top), (right, target_top),
                (right, target_top + thickness), (middle, target_top + thickness), (middle, source_top + thickness),
                (left, source_top + thickness), (left, source_top)]
    codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4, Path.CURVE4,
             Path.CLOSEPOLY]
    page.add_patch(PathPatch(Path(vertices, codes), facecolor=style.tint(colour, 0.45), edgecolor="none", zorder=1))


def _nodes(table: pd.DataFrame, steps: int, order: list[str]) -> dict[int, list[tuple[str, int]]]:
    """Per step, each node and its customers (the larger of what flows in and out), most customers first."""
    outgoing = table.groupby(["step", "source"])["users"].sum()
    incoming = table.groupby(["step", "target"])["users"].sum()
    sizes: dict[tuple[int, str], int] = {}
    for (step, name), users in outgoing.items():
        sizes[(int(step), str(name))] = int(users)
    for (step, name), users in incoming.items():
        key = (int(step) + 1, str(name))
        sizes[key] = max(sizes.get(key, 0), int(users))
    rank = {name: index for index, name in enumerate(order)}
    last = {OTHER: len(order), START: len(order) + 1, EXIT: len(order) + 2}
    columns: dict[int, list[tuple[str, int]]] = {}
    for (step, name), users in sizes.items():
        columns.setdefault(step, []).append((name, users))
    for column in columns.values():
        column.sort(key=lambda item: (item[0] in last, last.get(item[0], 0), -item[1], rank.get(item[0], 0), item[0]))
    return {step: columns[step] for step in sorted(columns) if step <= steps}
