"""Funnels: how many customers reach each stage, and how long each step takes them.

Introduced in notebook 04. The funnel has the options marketers know from
Google Analytics and Mixpanel: a conversion window (``within``), steps that
must follow each other directly (``directly``), one funnel per segment or
channel (``breakdown``) and one per month or week (``freq``, a trended funnel).
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import numpy as np
import pandas as pd

from journeylab.analytics.event_log import (
    FROM_THE_START,
    NEVER,
    EventLog,
    first_time_at_or_after,
    journey_order,
    percent,
    read_events,
    steps,
    wait_table,
)
from journeylab.analytics.funnel_options import (
    NOT_SET,
    PERIODS,
    breakdown_column,
    check_directly,
    period_alias,
    user_groups,
    window_nanoseconds,
)
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework

__all__ = ["PERIODS", "NOT_SET", "stage_funnel", "time_to_convert"]


def stage_funnel(
    events: pd.DataFrame,
    framework: str | Framework = DEFAULT_FRAMEWORK,
    closed: bool = True,
    *,
    within: str | timedelta | None = None,
    directly: bool = False,
    breakdown: str | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """How many customers reached each stage, and how many were lost on the way.

    Introduced in notebook 04, with all its options.

    A *closed* funnel (the default; Google Analytics calls it "indirectly
    followed by") counts a customer at a stage only if they reached every stage
    before it in order: Know, then Like at the same time or later, then Trust at
    the same time or later than that Like, and so on. Other events may come in
    between. It answers "how many made it this far along the path?".

    An *open* funnel (``closed=False``) counts everyone with any event at a
    stage, in any order. It answers "how many ever showed up here?", so a stage
    can have more customers than the one before it.

    Parameters
    ----------
    events:
        The event log: columns ``user_id``, ``timestamp`` and ``stage``.
    framework:
        Which stages to use: ``"hourglass"`` (default), ``"five_stage"`` or ``"cycle"``.
    closed:
        ``True`` for the closed funnel, ``False`` for the open one.
    within:
        A conversion window such as ``"30D"`` (30 days), ``"12h"`` or ``"2W"``:
        a customer counts at a later stage only if they got there at most this
        long after their first event at the first stage; exactly at the limit
        still counts. In an open funnel the window starts at the customer's
        first event, whatever its stage, and only events up to its end count.
        ``None`` (default): no limit.
    directly:
        ``True`` for Google Analytics' "directly followed by" (closed funnel
        only): each stage's event must be the customer's very next event after
        the event of the stage before. Any event in between, even one more at
        the same stage, breaks the chain; a later attempt may start it again.
    breakdown:
        A column of the event log such as ``"channel"``: one funnel per value.
        Each customer counts under the value of their *first* event (first in
        time; at the same moment the earlier stage), so a column that varies,
        such as the channel, gives their first channel. Customers whose first
        event leaves it empty count under ``"(not set)"``. The funnels' users
        add up to those of the funnel without a breakdown.
    freq:
        ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"`` for a *trended* funnel:
        one per day, week (Monday to Sunday), month, quarter or year in which
        customers *started*: their first event at the first stage (in an open
        funnel, their first event). A customer's later steps count in the
        period they started, as in a cohort; times are in UTC. Periods in which
        nobody started are listed with 0 users, so a trend has no gaps.

    Returns
    -------
    pandas.DataFrame
        One row per stage in journey order (index ``stage``), with

        * ``users``: customers counted at the stage;
        * ``step_conversion``: users here as a percentage of users at the stage
          before (50.0 is 50 %); 100.0 for the first stage; above 100 is possible
          in an open funnel;
        * ``overall_conversion``: users here as a percentage of users at the first stage;
        * ``drop_off``: users at the stage before minus users here; 0 for the first
          stage; negative only in an open funnel.

        A rate whose stage-before (or first stage) has no users is NaN: there was
        nobody to convert. With ``breakdown`` and/or ``freq`` there is one funnel
        per value: the index gets a level in front of ``stage``, named after the
        column and/or ``period``, and rates are worked out within each funnel.
        ``funnel.loc["Instagram"]`` is then one ordinary funnel, and
        ``funnel["users"].unstack("stage")`` a table of one row per funnel.

    Examples
    --------
    Customer 3 liked the brand without a Know event, customer 2 jumped to Trust:

    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 2, 2, 3],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-01", "2024-03-05", "2024-03-02"],
    ...     "stage": ["Know", "Like", "Know", "Trust", "like"],
    ...     "channel": ["Instagram", "E-mail", "Search", "Search", "Instagram"]})
    >>> stage_funnel(events).head(3)  # doctest: +NORMALIZE_WHITESPACE
           users  step_conversion  overall_conversion  drop_off
    stage
    Know       2            100.0               100.0         0
    Like       1             50.0                50.0         1
    Trust      0              0.0                 0.0         1
    >>> stage_funnel(events, closed=False)["users"].head(3).tolist()
    [2, 2, 1]

    Customer 1 liked the brand exactly one day after hearing of it:

    >>> stage_funnel(events, within="1D")["users"].head(2).tolist()
    [2, 1]
    >>> stage_funnel(events, within="12h")["users"].head(2).tolist()
    [2, 0]
    >>> stage_funnel(events, breakdown="channel")["users"].unstack("stage").iloc[:, :3]  # doctest: +NORMALIZE_WHITESPACE
    stage      Know  Like  Trust
    channel
    Instagram     1     1      0
    Search        1     0      0

    The options are checked, so a typo does not go unnoticed:

    >>> stage_funnel(events, within="30")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: within: a number alone is no length of time: it needs a unit (got '30'). Allowed: a length of time such as '30D' (30 days), '12h' (12 hours) or '2W' (2 weeks).
    """
    window = window_nanoseconds(within)
    check_directly(directly, closed)
    period = period_alias(freq)
    log = read_events(events, framework)
    column = None if breakdown is None else breakdown_column(events, breakdown)
    if closed:
        reached = _closed_funnel_times(log, window)
        start = reached[0]
        if directly:
            counted = _direct_chains(log, _deadline(start, window))
        else:
            counted = np.stack([times != NEVER for times in reached])
    else:
        start = _first_event_times(log)
        counted = _stages_seen(log, _deadline(start, window))
    group, levels = user_groups(log, start, column, period)
    n_groups = int(np.prod([len(level) for level in levels]))
    counts = np.zeros((n_groups, len(log.stage_names)), dtype=np.int64)
    in_a_group = group >= 0
    for stage, here in enumerate(counted):  # one bincount per stage, whatever the number of funnels
        counts[:, stage] = np.bincount(group[here & in_a_group], minlength=n_groups)
    return _funnel_table(counts, log.stage_names, levels)


def time_to_convert(events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK) -> pd.DataFrame:
    """How long the customers who walk the closed funnel take from each stage to the next.

    Introduced in notebook 04.

    Each customer is followed along the path of the closed funnel of
    :func:`stage_funnel`: the moment they *reached* a stage is their first event
    there at or after reaching the stage before it. For each pair of
    neighbouring stages, every customer who reached both gives one wait, and
    a customer's waits add up to their time from Know to wherever they got.
    Medians and quartiles, not averages, because a few customers who wait
    months would pull an average far away from the typical customer.

    This differs from :func:`~journeylab.analytics.time_between_stages`, which
    times every customer from their *first* event at a stage, whatever they did
    before. A customer who liked a post on Monday, heard of the brand on
    Tuesday, liked it again on Friday and trusted it on Saturday has a Like →
    Trust time of 1 day here (from Friday, when the funnel reached Like) and of
    5 days there (from Monday).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`~journeylab.analytics.time_between_stages`: one
        row per pair (index ``step``, e.g. ``"Know → Like"``) with ``users``
        (customers measured, the funnel's users at the later stage), ``median``,
        ``q1`` and ``q3`` as Timedelta, and ``median_days`` as a number.

    Examples
    --------
    Customer 2 liked the brand before he knew it, and again 4 days after:

    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 1, 2, 2, 2, 2],
    ...     "timestamp": ["2024-03-01", "2024-03-03", "2024-03-04",
    ...                   "2024-03-01", "2024-03-02", "2024-03-06", "2024-03-07"],
    ...     "stage": ["Know", "Like", "Trust", "Like", "Know", "Like", "Trust"]})
    >>> time_to_convert(events)["median_days"].head(2).tolist()
    [3.0, 1.0]
    >>> from journeylab.analytics import time_between_stages
    >>> time_between_stages(events)["median_days"].head(2).tolist()
    [3.0, 3.5]
    """
    log = read_events(events, framework)
    reached = _closed_funnel_times(log, window=None)
    waits = []
    for earlier, later in pairwise(reached):
        made_it = later != NEVER  # reaching the later stage means having reached the earlier one
        waits.append(later[made_it] - earlier[made_it])
    return wait_table(steps(log.stage_names), waits)


# --------------------------------------------------------------------------- who reached which stage


def _closed_funnel_times(log: EventLog, window: int | None) -> list[np.ndarray]:
    """Per stage, when each user reached it along the closed funnel (``NEVER``: not reached).

    The earliest event at each stage at or after reaching the stage before: the
    earliest choice leaves the most room for the stages after it, so one
    vectorised pass per stage finds every customer who can make it.
    """
    reached = np.full(log.n_users, FROM_THE_START, dtype=np.int64)
    deadline = None
    times = []
    for stage in range(len(log.stage_names)):
        reached = first_time_at_or_after(log, stage, not_before=reached)
        if stage == 0:
            deadline = _deadline(reached, window)
        elif deadline is not None:
            reached = np.where(reached <= deadline, reached, NEVER)
        times.append(reached)
    return times


def _direct_chains(log: EventLog, deadline: np.ndarray | None) -> np.ndarray:
    """``[stage, user]``: True when the user has a run of events Know, Like, ... up to the stage, one
    directly after the other (and, with a deadline, ending no later than it)."""
    order = journey_order(log)
    user, time, stage = log.user[order], log.time[order], log.stage[order]
    follows = np.zeros(len(stage), dtype=bool)  # the event just before is the same user's, one stage earlier
    follows[1:] = (user[1:] == user[:-1]) & (stage[1:] == stage[:-1] + 1)
    on_chain = stage == 0  # every first-stage event starts a chain
    for position in range(1, len(log.stage_names)):  # chains grow one stage per pass
        here = np.flatnonzero(follows & (stage == position))
        on_chain[here] = on_chain[here - 1]
    if deadline is not None:
        on_chain &= time <= deadline[user]
    counted = np.zeros((len(log.stage_names), log.n_users), dtype=bool)
    counted[stage[on_chain], user[on_chain]] = True
    return counted


def _stages_seen(log: EventLog, deadline: np.ndarray | None) -> np.ndarray:
    """``[stage, user]``: True when the user has any event at the stage (before the deadline)."""
    in_time = slice(None) if deadline is None else log.time <= deadline[log.user]
    seen = np.zeros((len(log.stage_names), log.n_users), dtype=bool)
    seen[log.stage[in_time], log.user[in_time]] = True
    return seen


def _first_event_times(log: EventLog) -> np.ndarray:
    first = np.full(log.n_users, NEVER, dtype=np.int64)
    np.minimum.at(first, log.user, log.time)
    return first


def _deadline(start: np.ndarray, window: int | None) -> np.ndarray | None:
    """``start + window`` per user, staying ``NEVER`` for users who never started (no overflow)."""
    return None if window is None else np.minimum(start, NEVER - window) + window


# --------------------------------------------------------------------------- the table


def _funnel_table(counts: np.ndarray, stage_names: tuple[str, ...], levels: list[pd.Index]) -> pd.DataFrame:
    """The funnel columns from ``counts[funnel, stage]``; rates within each funnel."""
    before = np.concatenate((counts[:, :1], counts[:, :-1]), axis=1)  # the first stage is compared with itself
    first = np.repeat(counts[:, :1], counts.shape[1], axis=1)
    stages = pd.Index(stage_names, name="stage")
    users, before, first = counts.ravel(), before.ravel(), first.ravel()
    return pd.DataFrame(
        {
            "users": users,
            "step_conversion": percent(users, before),
            "overall_conversion": percent(users, first),
            "drop_off": before - users,
        },
        index=_product_index(levels, stages) if levels else stages,
    )


def _product_index(levels: list[pd.Index], stages: pd.Index) -> pd.MultiIndex:
    """Every funnel's stages, in the given orders (``from_product`` would sort them, and so would
    ``unstack``: Buy before Know)."""
    sizes = [len(level) for level in (*levels, stages)]
    codes = [positions.ravel() for positions in np.indices(sizes)]
    return pd.MultiIndex(levels=[*levels, stages], codes=codes, names=[level.name for level in (*levels, stages)])
