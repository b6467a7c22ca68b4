"""Paths as a flow: how many customers go from each step of their path to the next, a few steps deep.

Introduced in notebook 08. :func:`~journeylab.analytics.top_paths` lists whole
paths; a flow cuts them into steps, as GA4's path exploration does: step 1 is
where customers start (or a stage you choose), and each link says how many
went from one node to the next. Per step only the ``top`` most common nodes
keep their name, the rest are grouped as ``"Other"``; customers whose path ends
go to ``"(exit)"``. Backward from an end, the last step is that end and
``"(start)"`` marks where paths began. Each customer's path is built as in
:mod:`~journeylab.analytics.paths`: in time order, repeats in a row merged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeylab.analytics.event_log import read_events
from journeylab.analytics.paths import EXIT
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework

__all__ = ["OTHER", "EXIT", "START", "FLOW_COLUMNS", "path_flow_table"]

OTHER = "Other"
"""The node that groups everything beyond the ``top`` most common at a step."""
START = "(start)"
"""Backward from an end: customers whose path began fewer steps before it."""
FLOW_COLUMNS = ("step", "source", "target", "users")
"""The columns of :func:`path_flow_table`."""

_BY = ("stage", "touchpoint", "channel")


def path_flow_table(
    events: pd.DataFrame,
    steps: int = 4,
    top: int = 5,
    start: str | None = None,
    end: str | None = None,
    *,
    by: str = "stage",
    framework: str | Framework = DEFAULT_FRAMEWORK,
) -> pd.DataFrame:
    """The links of the path flow: from which node at a step to which at the next, and how many customers.

    Introduced in notebook 08; :func:`journeylab.plots.path_flow` draws it.

    Parameters
    ----------
    events:
        The event log (``user_id``, ``timestamp``, ``stage``, and the ``by`` column).
    steps:
        How many steps deep, 2 or more.
    top:
        How many nodes per step keep their name; the rest are ``"Other"``.
    start:
        Follow paths forward from each customer's first visit of this node; ``None`` starts at the beginning.
    end:
        Follow paths backward from each customer's first visit of this node (give ``start`` or ``end``, not both).
    by:
        What a node is: ``"stage"`` (default), ``"touchpoint"`` or ``"channel"``.
    framework:
        The stages of the event log.

    Returns
    -------
    pandas.DataFrame
        One row per link: ``step`` (of the source, 1 for the first column),
        ``source``, ``target`` and ``users``; by step, then the most users first.

    Examples
    --------
    Customer 1 goes Know → Like → Buy, customer 2 Know → Like, customer 3 only knows the brand:

    >>> events = pd.DataFrame({"user_id": [1, 1, 1, 2, 2, 3],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-05", "2024-03-01", "2024-03-03", "2024-03-02"],
    ...     "stage": ["Know", "Like", "Buy", "Know", "Like", "Know"]})
    >>> path_flow_table(events, steps=3)
       step source  target  users
    0     1   Know    Like      2
    1     1   Know  (exit)      1
    2     2   Like     Buy      1
    3     2   Like  (exit)      1
    """
    steps, top = _whole(steps, "steps", 2), _whole(top, "top", 1)
    if start is not None and end is not None:
        raise ValidationError("end", "cannot be given together with start", value=end,
                              allowed="start= to follow paths forward, or end= to follow them backward")
    fw = get_framework(framework)
    log = read_events(events, fw)
    if by not in _BY:
        raise UnknownNameError("by", "is not something a path can be made of", value=by, allowed=_BY)
    if by == "stage":
        codes, names = log.stage, list(fw.stage_names)
    else:
        if by not in events.columns:
            raise SchemaError(by, f"the event log has no {by} column", allowed="by='stage', or a table with that column")
        factor, index = pd.factorize(events[by], sort=True)
        if (factor < 0).any():
            raise SchemaError(by, f"an event has no {by}", allowed=f"a {by} on every event")
        codes, names = factor.astype(np.int64), [str(name) for name in index]
    order = np.lexsort((np.arange(len(codes)), log.stage, log.time, log.user))
    user, value = log.user[order], codes[order]
    new = np.ones(len(user), dtype=bool)
    new[1:] = (user[1:] != user[:-1]) | (value[1:] != value[:-1])
    user, value = user[new], value[new]
    first = np.flatnonzero(np.diff(user, prepend=-1) != 0)
    begin = np.repeat(first, np.diff(np.append(first, len(user))))
    position = np.arange(len(user)) - begin
    length = np.bincount(user, minlength=log.n_users)
    anchor = start if start is not None else end
    other, special = len(names), len(names) + 1
    if anchor is None:
        at = np.zeros(log.n_users, dtype=np.int64)
        has = length > 0
    else:
        wanted = _code(anchor, names, by, fw, "start" if start is not None else "end")
        at = np.full(log.n_users, np.iinfo(np.int64).max)
        hits = value == wanted
        np.minimum.at(at, user[hits], position[hits])
        has = at < np.iinfo(np.int64).max
    if end is None:  # forward: step 0 is the anchor
        step = position - at[user]
        keep = has[user] & (step >= 0) & (step < steps)
        left = length - at  # nodes from the anchor on
        ends = np.flatnonzero(has & (left < steps))
        extra_user, extra_step = ends, left[ends]
    else:  # backward: the last step is the end
        step = steps - 1 - (at[user] - position)
        keep = has[user] & (step >= 0) & (position <= at[user])
        begins = np.flatnonzero(has & (at < steps - 1))
        extra_user, extra_step = begins, steps - 2 - at[begins]
    node_user = np.concatenate([user[keep], extra_user])
    node_step = np.concatenate([step[keep], extra_step])
    node_value = np.concatenate([value[keep], np.full(len(extra_user), special)])
    if len(node_user) == 0:
        raise ValidationError(by, f"no customer's path reaches {anchor!r}", value=anchor,
                              allowed=f"a {by} the event log has")
    node_value = _group_rare(node_step, node_value, top, other, len(names))
    arranged = np.lexsort((node_step, node_user))
    node_user, node_step, node_value = node_user[arranged], node_step[arranged], node_value[arranged]
    linked = (node_user[1:] == node_user[:-1]) & (node_step[1:] == node_step[:-1] + 1)
    labels = np.array([*names, OTHER, EXIT if end is None else START], dtype=object)
    links = pd.DataFrame({"step": node_step[:-1][linked] + 1, "source": node_value[:-1][linked],
                          "target": node_value[1:][linked]})
    table = links.groupby(["step", "source", "target"]).size().rename("users").reset_index()
    table = table.sort_values(["step", "users", "source", "target"], ascending=[True, False, True, True])
    table["source"], table["target"] = labels[table["source"].to_numpy()], labels[table["target"].to_numpy()]
    return table.astype({"step": "int64", "users": "int64"}).reset_index(drop=True)


def _group_rare(step: np.ndarray, value: np.ndarray, top: int, other: int, known: int) -> np.ndarray:
    """Every node beyond the ``top`` most common of its step becomes ``other`` (ties: the earlier name wins)."""
    grouped = value.copy()
    for number in np.unique(step):
        here = (step == number) & (value < known)
        counts = np.bincount(value[here], minlength=known)
        ranked = np.lexsort((np.arange(known), -counts))
        rare = np.ones(known, dtype=bool)
        rare[ranked[:top]] = False
        grouped[here & rare[np.minimum(value, known - 1)]] = other
    return grouped


def _code(name: str, names: list[str], by: str, fw: Framework, argument: str) -> int:
    if by == "stage":
        try:
            return fw.position(name)
        except UnknownNameError:
            raise UnknownNameError(argument, f"the {fw.title} has no stage of that name", value=name,
                                   allowed=fw.stage_names) from None
    if name not in names:
        shown = ", ".join(sorted(names)[:12]) + (" ..." if len(names) > 12 else "")
        raise UnknownNameError(argument, f"no event has that {by}", value=name, allowed=shown)
    return names.index(name)


def _whole(number: int, name: str, smallest: int) -> int:
    if isinstance(number, (bool, np.bool_)) or not isinstance(number, (int, np.integer)) or number < smallest:
        raise ValidationError(name, f"must be a whole number of {smallest} or more", value=number,
                              allowed=f"{smallest}, {smallest + 1}, {smallest + 2} ...")
    return int(number)
