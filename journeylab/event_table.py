"""The course's event table made from a learner's own data: the stage map, the checks, the one-line summary.

Every reader of outside data (:func:`journeylab.data.read_events`,
:func:`~journeylab.data.read_ga4`, :func:`~journeylab.data.read_shopify_orders`)
ends here, so that whatever the source, the analyses get the same five columns
the course data has (``user_id``, ``timestamp``, ``channel``, ``touchpoint``,
``stage``), sorted by customer and time, with the text columns as pandas
categories (a funnel over millions of events runs several times faster on
categories than on text). Introduced in notebook 08.

A *stage map* says which stage of the journey each kind of event belongs to;
events whose name is not in it are left out and counted:

>>> check_stage_map({"page_view": "like", "purchase": "Buy", "scroll": None}, "hourglass")
{'page_view': 'Like', 'purchase': 'Buy', 'scroll': None}
>>> check_stage_map({"purchase": "Checkout"}, "hourglass")
Traceback (most recent call last):
...
journeylab.errors.UnknownNameError: stages: 'purchase' is mapped to a stage the seven-step hourglass does not have (got 'Checkout'). Allowed: Know, Like, Trust, Try, Buy, Repeat, Refer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from journeylab.errors import NoDataError, SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import Framework, get_framework

__all__ = ["EVENT_COLUMNS", "NOT_SET", "check_stage_map", "ReadSummary", "event_table"]

EVENT_COLUMNS = ("user_id", "timestamp", "channel", "touchpoint", "stage")
"""The columns of the course's event table, in order: what every reader returns."""

NOT_SET = "(not set)"
"""The channel of an event whose source says nothing about where the customer came from (GA4's own words)."""

_CATEGORY_COLUMNS = ("user_id", "stage", "touchpoint", "channel")


def check_stage_map(stages: Any, framework: str | Framework) -> dict[str, str | None]:
    """The stage map with each stage in the framework's own spelling; ``None`` means "leave these events out".

    Raises a :class:`~journeylab.errors.UnknownNameError` that names the event
    and lists the framework's stages when a stage is not one of them.
    """
    fw = get_framework(framework)
    if not isinstance(stages, Mapping):
        raise ValidationError("stages", "must be a mapping from event name to stage", value=type(stages).__name__,
                              allowed="a dict such as {'page_view': 'Like', 'purchase': 'Buy'}")
    checked: dict[str, str | None] = {}
    for event, stage in stages.items():
        if stage is None or (isinstance(stage, str) and not stage.strip()):
            checked[str(event)] = None
            continue
        try:
            checked[str(event)] = fw.stage(stage).name
        except UnknownNameError:
            raise UnknownNameError("stages", f"{str(event)!r} is mapped to a stage the {fw.title} does not have",
                                   value=stage, allowed=fw.stage_names) from None
    return checked


@dataclass
class ReadSummary:
    """What a reader did with a file, said in one line: events read, kept, and left out by name."""

    source: str
    read: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    users: int = 0
    stages: int = 0

    def line(self) -> str:
        """The one-line summary, e.g. ``events.csv: read 12 events; kept 9 of 4 customers in 3 stages; ...``."""
        text = (f"{self.source}: read {_count(self.read, 'event')}; kept {_count(self.kept, 'event')} "
                f"of {_count(self.users, 'customer')} in {_count(self.stages, 'stage')}")
        if self.dropped:
            ranked = sorted(self.dropped.items(), key=lambda item: (-item[1], item[0]))
            names = ", ".join(f"{name} ({count:,})" for name, count in ranked[:5])
            if len(ranked) > 5:
                names += f" and {len(ranked) - 5} more"
            text += f"; left out {_count(sum(self.dropped.values()), 'event')} not in the stage map: {names}"
        return text + "."


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def event_table(frame: pd.DataFrame, framework: str | Framework, summary: ReadSummary, *, quiet: bool = False) -> pd.DataFrame:
    """The five course columns, checked, typed, sorted by customer and time; prints the summary unless ``quiet``.

    ``frame`` holds the mapped events only: ``user_id``, ``timestamp``
    (dates and times), ``channel``, ``touchpoint`` and ``stage`` (already in
    the framework's spelling). Empty channels become ``"(not set)"``.
    """
    fw = get_framework(framework)
    if len(frame) == 0:
        raise NoDataError("stages", f"no event of {summary.source} is left once mapped to stages"
                          + (f" (its {summary.read:,} events are all left out)" if summary.read else " (it has no events)"),
                          allowed="a stage map whose keys are event names found in the file")
    columns = {name: _categories(frame[name]) for name in _CATEGORY_COLUMNS}
    columns["channel"] = _fill_blank(columns["channel"], NOT_SET)
    for name in ("user_id", "touchpoint"):
        _refuse_blank(columns[name], name, summary.source)
    columns["stage"] = columns["stage"].cat.set_categories(fw.stage_names)
    if columns["stage"].isna().any():  # the readers map stages themselves: this is a bug, not a learner's slip
        raise SchemaError("stage", "holds a stage outside the framework", allowed=fw.stage_names)
    times = frame["timestamp"]
    if isinstance(times.dtype, pd.DatetimeTZDtype):
        times = times.dt.tz_localize(None)  # the local clock time, as in the course files
    times = times.astype("datetime64[ns]")
    if times.isna().any():
        raise SchemaError("timestamp", "an event has no time", allowed="a date and time on every event")
    user = columns["user_id"].cat.reorder_categories(sorted(columns["user_id"].cat.categories))
    order = np.lexsort((columns["stage"].cat.codes.to_numpy(), times.to_numpy().view(np.int64),
                        user.cat.codes.to_numpy()))
    table = pd.DataFrame({
        "user_id": user.array.take(order),
        "timestamp": times.to_numpy()[order],
        "channel": columns["channel"].array.take(order),
        "touchpoint": columns["touchpoint"].array.take(order),
        "stage": columns["stage"].array.take(order),
    })
    summary.kept, summary.users = len(table), len(user.cat.categories)
    summary.stages = int(table["stage"].nunique())
    if not quiet:
        print(summary.line())
    table.attrs["summary"] = summary.line()
    return table


def _categories(column: pd.Series) -> pd.Series:
    """A column as a category of text values, without turning millions of values into text one by one.

    The readers' counterpart of :func:`journeylab.schemas.event_categories` (the course's own tables):
    it also trims the text other exports bring (" Email" and "Email" become one channel), and the
    reader then orders the stages by the framework it was given, not always the hourglass.
    """
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    categories = column.cat.categories
    text = pd.Index(categories.astype(str).str.strip(), dtype=object)
    if not text.equals(pd.Index(categories, dtype=object)):
        codes = column.cat.codes.to_numpy()
        unique, inverse = np.unique(text.to_numpy(dtype=object).astype(str), return_inverse=True)
        new_codes = np.where(codes < 0, -1, inverse[np.maximum(codes, 0)])
        column = pd.Series(pd.Categorical.from_codes(new_codes, categories=pd.Index(unique, dtype=object)),
                           index=column.index)
    return column.cat.remove_unused_categories()


def _fill_blank(column: pd.Series, filler: str) -> pd.Series:
    blank = [value for value in column.cat.categories if value == ""]
    if blank:
        column = column.cat.remove_categories(blank)
    if column.isna().any():
        if filler not in column.cat.categories:
            column = column.cat.add_categories([filler])
        column = column.fillna(filler)
    return column


def _refuse_blank(column: pd.Series, name: str, source: str) -> None:
    missing = column.isna().to_numpy() | column.cat.codes.isin(
        [position for position, value in enumerate(column.cat.categories) if value == ""]).to_numpy()
    if missing.any():
        count = int(missing.sum())
        raise SchemaError(name, f"{count:,} event{'s' if count != 1 else ''} of {source} "
                                f"{'have' if count != 1 else 'has'} no {name.replace('_', ' ')}",
                          allowed=f"a {name.replace('_', ' ')} on every event")
