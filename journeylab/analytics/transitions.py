"""Moves between stages: forwards, backwards, and the time a step takes.

Introduced in notebooks 05 and 06. The journey is not a straight line:
customers go back to reading reviews after a trial, or hear of the brand
again after liking it. These tables count those moves and time the steps,
from the event log described in :mod:`journeylab.analytics`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeylab.analytics.event_log import (
    FROM_THE_START,
    NEVER,
    first_time_at_or_after,
    journey_order,
    read_events,
    steps,
    wait_table,
)
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework

__all__ = ["transition_matrix", "backward_moves", "time_between_stages"]


def transition_matrix(
    events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK
) -> pd.DataFrame:
    """How often customers moved from one stage to another, forwards and backwards.

    Introduced in notebook 06.

    Each customer's events are put in time order (events at the same moment in
    journey order) and every change of stage between two neighbouring events is
    one move. Several events in a row at the same stage are no move, so the
    diagonal is always 0. Cells above the diagonal are moves forward, cells
    below it moves back: the journey is not a straight line.

    Returns
    -------
    pandas.DataFrame
        Counts, rows ``from`` and columns ``to``, every stage in journey order.

    Examples
    --------
    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 1, 2, 2],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-01", "2024-03-02"],
    ...     "stage": ["Know", "Like", "Know", "Know", "Like"]})
    >>> transition_matrix(events).iloc[:3, :3]  # doctest: +NORMALIZE_WHITESPACE
    to     Know  Like  Trust
    from
    Know      0     2      0
    Like      1     0      0
    Trust     0     0      0
    """
    log = read_events(events, framework)
    order = journey_order(log)
    user, stage = log.user[order], log.stage[order]
    moved = (user[1:] == user[:-1]) & (stage[1:] != stage[:-1])
    n_stages = len(log.stage_names)
    pairs = stage[:-1][moved] * n_stages + stage[1:][moved]
    counts = np.bincount(pairs, minlength=n_stages * n_stages).reshape(n_stages, n_stages)
    return pd.DataFrame(
        counts.astype(np.int64),
        index=pd.Index(log.stage_names, name="from"),
        columns=pd.Index(log.stage_names, name="to"),
    )


def backward_moves(
    events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK
) -> pd.DataFrame:
    """The moves back to an earlier stage, most frequent first.

    Introduced in notebook 06.

    These are the cells below the diagonal of :func:`transition_matrix`: a
    customer who tried the product and went back to reading reviews (Try →
    Trust) is telling you something is missing at Try.

    Returns
    -------
    pandas.DataFrame
        Columns ``from``, ``to`` and ``moves``, one row per backward move that
        happened at least once; ties in journey order of the stage left.

    Examples
    --------
    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 1, 1],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"],
    ...     "stage": ["Trust", "Try", "Trust", "Know"]})
    >>> backward_moves(events)
        from     to  moves
    0  Trust   Know      1
    1    Try  Trust      1
    """
    matrix = transition_matrix(events, framework)
    names = list(matrix.index)
    later, earlier = np.tril_indices(len(names), k=-1)  # row below the diagonal: a move back
    moves = matrix.to_numpy()[later, earlier]
    happened = moves > 0
    table = pd.DataFrame(
        {
            "from": [names[i] for i in later[happened]],
            "to": [names[i] for i in earlier[happened]],
            "moves": moves[happened],
        }
    )
    return table.sort_values("moves", ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- time between stages


def time_between_stages(
    events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK
) -> pd.DataFrame:
    """How long customers take to go from each stage to the next.

    Introduced in notebook 05.

    For each pair of neighbouring stages (Know → Like, Like → Trust, …) and each
    customer: the time from their *first* event at the first stage to their
    first event at the next stage at the same time or later. Customers without
    such a pair are not counted in that row. Medians and quartiles, not averages,
    because a few customers who wait months would pull an average far away from
    the typical customer.

    Every customer who made a step is measured, whatever they did before: one
    who went straight from Know to Trust still gives a Trust → Try time. To time
    only the customers who walked the closed funnel in order, from the moment
    they reached each stage of it, use :func:`~journeylab.analytics.time_to_convert`.

    Returns
    -------
    pandas.DataFrame
        One row per pair (index ``step``, e.g. ``"Know → Like"``) with ``users``
        (customers measured), ``median``, ``q1`` (25 % waited less) and ``q3``
        (75 % waited less) as Timedelta, and ``median_days`` as a number for
        reading and plotting. Times are NaT / NaN where no customer made the step.

    Examples
    --------
    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 2, 2],
    ...     "timestamp": ["2024-03-01", "2024-03-03", "2024-03-01", "2024-03-05"],
    ...     "stage": ["Know", "Like", "Know", "Like"]})
    >>> waits = time_between_stages(events)
    >>> waits.loc[["Know → Like"], ["users", "median", "median_days"]]  # doctest: +NORMALIZE_WHITESPACE
                 users  median  median_days
    step
    Know → Like      2  3 days          3.0
    """
    log = read_events(events, framework)
    from_the_start = np.full(log.n_users, FROM_THE_START, dtype=np.int64)
    waits = []
    for stage in range(len(log.stage_names) - 1):
        first = first_time_at_or_after(log, stage, not_before=from_the_start)
        following = first_time_at_or_after(log, stage + 1, not_before=first)
        measured = following != NEVER
        waits.append(following[measured] - first[measured])  # nanoseconds
    return wait_table(steps(log.stage_names), waits)
