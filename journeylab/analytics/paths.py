"""Paths: the routes customers really take through the stages, and where they go next.

Introduced in notebook 06. A funnel says how many reached a stage; a path
says how they got there. Each customer's path is their stages in time order
(events at the same moment in journey order) with repeats in a row merged:
Know, Know, Like, Know becomes Know → Like → Know. Going back is part of the
path, because real journeys are not straight lines.
"""

from __future__ import annotations

import heapq
from collections import Counter

import numpy as np
import pandas as pd

from journeylab.analytics.event_log import EventLog, journey_order, percent, read_events
from journeylab.errors import ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework

__all__ = ["EXIT", "PATH_SEPARATOR", "top_paths", "next_steps"]

EXIT = "(exit)"
"""The column of :func:`next_steps` for customers whose path ends at the stage."""
PATH_SEPARATOR = " → "
"""Between the stages of a path in :func:`top_paths`: ``path.split(PATH_SEPARATOR)`` gives the stages back."""


def top_paths(
    events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK, n: int | None = 10
) -> pd.DataFrame:
    """The most common paths through the stages, with how many customers took each.

    Introduced in notebook 06.

    Every customer has exactly one path (see the top of this module: repeats
    in a row merged, going back kept), so the shares of all paths add up to
    100 %. A handful of paths usually covers most customers; the rest is a
    long tail of one-off journeys.

    Parameters
    ----------
    events:
        The event log: columns ``user_id``, ``timestamp`` and ``stage``.
    framework:
        Which stages to use: ``"hourglass"`` (default), ``"five_stage"`` or ``"cycle"``.
    n:
        How many paths to list, the most common first; ``None`` for all of them.

    Returns
    -------
    pandas.DataFrame
        One row per path (index ``rank``, 1 for the most common), with
        ``path`` (the stages joined by ``" → "``), ``users`` (customers who
        took it) and ``share`` (their percentage of all customers in the log).
        Paths taken by as many customers are listed in journey order
        (a path starting at Know before one starting at Like; a path before
        its own continuation).

    Examples
    --------
    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 1, 2, 2, 3, 3],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-01", "2024-03-04",
    ...                   "2024-03-02", "2024-03-05"],
    ...     "stage": ["Know", "Know", "Like", "Know", "Like", "Like", "Know"]})
    >>> top_paths(events)  # doctest: +NORMALIZE_WHITESPACE
                  path  users      share
    rank
    1      Know → Like      2  66.666667
    2      Like → Know      1  33.333333
    """
    how_many = _how_many(n)
    log = read_events(events, framework)
    user, stage = _collapsed_paths(log)
    starts = np.flatnonzero(np.diff(user, prepend=-1) != 0)
    ends = np.append(starts[1:], len(user))
    codes = stage.astype(np.uint8).tobytes()  # one byte per stage: paths compare like tuples
    users_per_path = Counter(codes[start:end] for start, end in zip(starts.tolist(), ends.tolist()))
    ranked = sorted(users_per_path.items(), key=_most_users_then_journey_order) if how_many is None else (
        heapq.nsmallest(how_many, users_per_path.items(), key=_most_users_then_journey_order))
    names = log.stage_names
    users = np.array([count for _, count in ranked], dtype=np.int64)
    return pd.DataFrame(
        {
            "path": [PATH_SEPARATOR.join(names[position] for position in path) for path, _ in ranked],
            "users": users,
            "share": percent(users, np.full(len(users), log.n_users)),
        },
        index=pd.RangeIndex(1, len(ranked) + 1, name="rank"),
    )


def next_steps(events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK) -> pd.DataFrame:
    """Where customers go after each stage: the share moving on to each other stage, or leaving.

    Introduced in notebook 06.

    For each customer and each stage they visited: the next *different* stage
    on their path after their *first* visit there, or ``"(exit)"`` when nothing
    else followed. Each customer counts once per stage, so a row reads "of the
    customers who got to Trust, 40 % went on to Try, 15 % went back to Like and
    45 % were not seen again". Compare :func:`~journeylab.analytics.transition_matrix`,
    which counts every move, including a customer's second and third time round.

    Returns
    -------
    pandas.DataFrame
        Percentages, rows ``from`` (each stage) and columns ``to`` (each stage,
        then ``"(exit)"``), journey order. Each row adds up to 100; the
        diagonal is 0 (repeats are merged); a stage nobody visited has a row of NaN.

    Examples
    --------
    Customer 1 goes Know → Like → Know, customer 2 Know → Trust, customer 3
    only knows the brand:

    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 1, 2, 2, 3],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-01", "2024-03-02",
    ...                   "2024-03-01"],
    ...     "stage": ["Know", "Like", "Know", "Know", "Trust", "Know"]})
    >>> next_steps(events).loc[["Know", "Like"], ["Know", "Like", "Trust", "(exit)"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
    to     Know  Like  Trust  (exit)
    from
    Know    0.0  33.3   33.3    33.3
    Like  100.0   0.0    0.0     0.0
    """
    log = read_events(events, framework)
    user, stage = _collapsed_paths(log)
    n_stages = len(log.stage_names)
    following = np.full(len(stage), n_stages, dtype=np.int64)  # n_stages stands for (exit)
    same_user = user[1:] == user[:-1]
    following[:-1][same_user] = stage[1:][same_user]
    _, first_visits = np.unique(user * n_stages + stage, return_index=True)  # first occurrence of each pair
    pairs = stage[first_visits] * (n_stages + 1) + following[first_visits]
    counts = np.bincount(pairs, minlength=n_stages * (n_stages + 1)).reshape(n_stages, n_stages + 1)
    visitors = np.repeat(counts.sum(axis=1), n_stages + 1)
    shares = percent(counts.ravel(), visitors).reshape(n_stages, n_stages + 1)
    return pd.DataFrame(
        shares,
        index=pd.Index(log.stage_names, name="from"),
        columns=pd.Index([*log.stage_names, EXIT], name="to"),
    )


def _collapsed_paths(log: EventLog) -> tuple[np.ndarray, np.ndarray]:
    """``(user, stage)`` of every customer's path, customer after customer, repeats in a row merged."""
    order = journey_order(log)
    user, stage = log.user[order], log.stage[order]
    new_step = np.ones(len(user), dtype=bool)
    new_step[1:] = (user[1:] != user[:-1]) | (stage[1:] != stage[:-1])
    return user[new_step], stage[new_step]


def _most_users_then_journey_order(item: tuple[bytes, int]) -> tuple[int, bytes]:
    path, users = item
    return -users, path


def _how_many(n: int | None) -> int | None:
    allowed = "a whole number of 1 or more, such as 10, or None for every path"
    if n is None:
        return None
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValidationError("n", "must be a whole number", value=n, allowed=allowed)
    if n < 1:
        raise ValidationError("n", "must be 1 or more", value=n, allowed=allowed)
    return int(n)
