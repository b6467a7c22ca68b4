"""Funnels, back-and-forth moves and waiting times from an event log; goals against actuals.

An *event log* has one row for each thing a customer did: who did it
(``user_id``), when (``timestamp``: dates and times, or text such as
``"2024-03-01 14:30"``) and at which stage of the journey (``stage``). Other
columns are allowed and ignored. The functions here turn that log into the
tables notebooks 04-06 discuss, and they never change the table you pass in.

Rules shared by every function, so that the numbers can be checked by hand:

* **Stage names** are matched ignoring case and spaces at the ends (``"know "``
  is ``Know``) and reported in the framework's own spelling and order.
* **Same time counts as later.** Two events of one customer at the same moment
  are taken in journey order (Know before Like), so "Like at or after Know"
  includes a Like logged in the same second as the Know.
* **Rates are percentages** on a 0-100 scale (``25.0`` means 25 %), like every
  KPI in :mod:`journeylab.kpis`, so a funnel's conversion can be put straight
  next to a stage goal's target.

The error a learner is most likely to meet is a stage the framework does not have:

>>> events = pd.DataFrame({"user_id": [1], "timestamp": ["2024-03-01"], "stage": ["Lead"]})
>>> stage_funnel(events)
Traceback (most recent call last):
...
journeylab.errors.UnknownNameError: stage: the seven-step hourglass has no stage of that name (got 'Lead'). Allowed: Know, Like, Trust, Try, Buy, Repeat, Refer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from journeylab import kpis
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework

__all__ = [
    "REQUIRED_COLUMNS",
    "stage_funnel",
    "transition_matrix",
    "backward_moves",
    "time_between_stages",
    "campaign_kpis",
    "goal_attainment",
]

REQUIRED_COLUMNS = ("user_id", "timestamp", "stage")
"""The columns every event log needs; other columns are ignored."""

_NEVER = np.iinfo(np.int64).max  # "this user never got there", later than any real time
_FROM_THE_START = np.iinfo(np.int64).min  # "any time counts", earlier than any real time
_NANOSECONDS_PER_DAY = 86_400 * 10**9
_GOAL_COLUMNS = ("goal", "kpi", "target", "actual", "unit", "met", "gap")


# --------------------------------------------------------------------------- the event log


@dataclass(frozen=True)
class _EventLog:
    """The three columns we need as numbers, one entry per event, in the caller's row order.

    Working on integer codes instead of names and timestamps is what keeps a
    million events fast: every step below is a handful of numpy operations.
    """

    stage_names: tuple[str, ...]
    user: np.ndarray  # int64 code per event, 0 .. n_users - 1
    time: np.ndarray  # int64 nanoseconds since 1970 per event
    stage: np.ndarray  # int64 position of the event's stage in the framework
    n_users: int

    @cached_property
    def by_stage(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """``(user, time)`` of the events at each stage: one cheap sort, then each pass reads a slice."""
        order = np.argsort(self.stage.astype(np.int8), kind="stable")  # radix sort on small ints
        bounds = np.searchsorted(self.stage[order], np.arange(len(self.stage_names) + 1))
        users, times = self.user[order], self.time[order]
        return [(users[start:end], times[start:end]) for start, end in zip(bounds[:-1], bounds[1:])]


def _read_events(events: pd.DataFrame, framework: str | Framework) -> _EventLog:
    """Check the event log and turn it into codes, or say plainly what is wrong with it."""
    fw = get_framework(framework)
    if not isinstance(events, pd.DataFrame):
        raise SchemaError(
            "events",
            "must be a table (a pandas DataFrame) with one row per event",
            value=type(events).__name__,
            allowed="a table with the columns " + ", ".join(REQUIRED_COLUMNS),
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in events.columns]
    if missing:
        names = " and ".join(repr(column) for column in missing)
        present = ", ".join(str(column) for column in events.columns) or "none"
        raise SchemaError(
            "events",
            f"the event log has no {'column' if len(missing) == 1 else 'columns'} named {names}"
            f" (its columns are: {present})",
            allowed="a table with the columns " + ", ".join(REQUIRED_COLUMNS),
        )
    user, users = pd.factorize(events["user_id"])
    if (user < 0).any():
        raise SchemaError(
            "user_id",
            f"{_events_have(int((user < 0).sum()))} no user id",
            allowed="a user id on every event",
        )
    return _EventLog(
        stage_names=fw.stage_names,
        user=user.astype(np.int64, copy=False),
        time=_nanoseconds(events["timestamp"]),
        stage=_stage_positions(events["stage"], fw),
        n_users=len(users),
    )


def _nanoseconds(column: pd.Series) -> np.ndarray:
    """Times as int64 nanoseconds; text is read as ISO dates, time zones become UTC."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        times = column.dt.tz_convert("UTC").dt.tz_localize(None)
    elif pd.api.types.is_datetime64_dtype(column.dtype):
        times = column
    elif pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
        raise SchemaError(
            "timestamp",
            "holds numbers, not dates and times",
            value=str(column.dtype),
            allowed="dates and times such as 2024-03-01 14:30",
        )
    else:
        times = pd.to_datetime(column, format="ISO8601", errors="coerce", utc=True)
        times = times.dt.tz_localize(None)
    values = times.to_numpy(dtype="datetime64[ns]")
    unreadable = np.isnat(values)
    if unreadable.any():
        raise SchemaError(
            "timestamp",
            f"{_events_have(int(unreadable.sum()))} no time or a time that cannot be read as a date",
            value=column.iloc[int(np.argmax(unreadable))],
            allowed="dates and times such as 2024-03-01 14:30",
        )
    return values.view(np.int64)


def _stage_positions(column: pd.Series, fw: Framework) -> np.ndarray:
    """Each event's stage as its place in the framework (Know is 0), matched ignoring case."""
    codes, values = pd.factorize(column)
    if (codes < 0).any():
        raise SchemaError(
            "stage",
            f"{_events_have(int((codes < 0).sum()))} no stage",
            allowed=fw.stage_names,
        )
    positions, unknown = [], []
    for value in pd.Index(values).tolist():  # one lookup per distinct name, not per event
        try:
            positions.append(fw.position(value))
        except UnknownNameError:
            unknown.append(value)
    if len(unknown) == 1:
        raise UnknownNameError(
            "stage", f"the {fw.title} has no stage of that name", value=unknown[0], allowed=fw.stage_names
        )
    if unknown:
        raise UnknownNameError(
            "stage",
            f"the {fw.title} has no stages of those names",
            value=unknown,
            allowed=fw.stage_names,
        )
    return np.asarray(positions, dtype=np.int64)[codes]


def _events_have(count: int) -> str:
    return "1 event has" if count == 1 else f"{count} events have"


def _first_time_at_or_after(log: _EventLog, stage: int, not_before: np.ndarray) -> np.ndarray:
    """Per user, the earliest event at ``stage`` that is not before ``not_before[user]``.

    ``_NEVER`` for users without such an event. One vectorised pass over the
    events of one stage; funnels and waiting times are built from these passes.
    """
    users, times = log.by_stage[stage]
    in_time = times >= not_before[users]
    first = np.full(log.n_users, _NEVER, dtype=np.int64)
    np.minimum.at(first, users[in_time], times[in_time])
    return first


def _journey_order(log: _EventLog) -> np.ndarray:
    """Positions that sort the events by user, then time, then journey order for ties.

    Packing the three keys into one integer and sorting that is about three
    times faster than ``np.lexsort`` on a million events. Times are replaced by
    their rank among the distinct times (equal times, equal rank) so that the key fits.
    """
    by_time = np.argsort(log.time)
    sorted_times = log.time[by_time]
    time_rank = np.empty_like(log.time)
    time_rank[by_time] = np.cumsum(np.diff(sorted_times, prepend=sorted_times[:1]) != 0)
    stage_bits = (len(log.stage_names) - 1).bit_length()
    time_bits = int(time_rank.max(initial=0)).bit_length()
    if (max(log.n_users - 1, 0)).bit_length() + time_bits + stage_bits > 62:
        return np.lexsort((log.stage, log.time, log.user))  # billions of events: not packable
    return np.argsort((log.user << (time_bits + stage_bits)) | (time_rank << stage_bits) | log.stage)


def _percent(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 * part / whole, NaN where the whole is 0 (and no warning)."""
    result = np.full(len(part), np.nan)
    np.divide(100.0 * part, whole, out=result, where=whole > 0)
    return result


# --------------------------------------------------------------------------- funnels


def stage_funnel(
    events: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK, closed: bool = True
) -> pd.DataFrame:
    """How many customers reached each stage, and how many were lost on the way.

    Introduced in notebook 04.

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
        nobody to convert.

    Examples
    --------
    Customer 3 liked the brand without a Know event, customer 2 jumped to Trust:

    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 2, 2, 3],
    ...     "timestamp": ["2024-03-01", "2024-03-02", "2024-03-01", "2024-03-05", "2024-03-02"],
    ...     "stage": ["Know", "Like", "Know", "Trust", "like"]})
    >>> stage_funnel(events).head(3)  # doctest: +NORMALIZE_WHITESPACE
           users  step_conversion  overall_conversion  drop_off
    stage
    Know       2            100.0               100.0         0
    Like       1             50.0                50.0         1
    Trust      0              0.0                 0.0         1
    >>> stage_funnel(events, closed=False)["users"].head(3).tolist()
    [2, 2, 1]
    """
    log = _read_events(events, framework)
    if closed:
        reached = np.full(log.n_users, _FROM_THE_START, dtype=np.int64)
        counts = np.zeros(len(log.stage_names), dtype=np.int64)
        for stage in range(len(log.stage_names)):  # one vectorised pass per stage, not per user
            reached = _first_time_at_or_after(log, stage, not_before=reached)
            counts[stage] = (reached != _NEVER).sum()
    else:
        seen = np.zeros((log.n_users, len(log.stage_names)), dtype=bool)
        seen[log.user, log.stage] = True
        counts = seen.sum(axis=0).astype(np.int64)
    before = np.concatenate((counts[:1], counts[:-1]))  # the first stage is compared with itself
    return pd.DataFrame(
        {
            "users": counts,
            "step_conversion": _percent(counts, before),
            "overall_conversion": _percent(counts, np.full_like(counts, counts[0])),
            "drop_off": before - counts,
        },
        index=pd.Index(log.stage_names, name="stage"),
    )


# --------------------------------------------------------------------------- moves between stages


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
    log = _read_events(events, framework)
    order = _journey_order(log)
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
    log = _read_events(events, framework)
    names = log.stage_names
    from_the_start = np.full(log.n_users, _FROM_THE_START, dtype=np.int64)
    rows = []
    for stage in range(len(names) - 1):
        first = _first_time_at_or_after(log, stage, not_before=from_the_start)
        following = _first_time_at_or_after(log, stage + 1, not_before=first)
        measured = following != _NEVER
        waits = following[measured] - first[measured]  # nanoseconds
        q1, median, q3 = np.quantile(waits, [0.25, 0.5, 0.75]) if waits.size else (np.nan,) * 3
        rows.append((waits.size, median, q1, q3, median / _NANOSECONDS_PER_DAY))
    table = pd.DataFrame(
        rows,
        columns=["users", "median", "q1", "q3", "median_days"],
        index=pd.Index([f"{a} → {b}" for a, b in zip(names, names[1:])], name="step"),
    )
    for quantile in ("median", "q1", "q3"):
        table[quantile] = pd.to_timedelta(table[quantile].round(), unit="ns")
    return table


# --------------------------------------------------------------------------- monthly campaign KPIs


def _per_hundred(referrals: pd.Series, customers: pd.Series) -> pd.Series:
    return pd.Series(_percent(referrals.to_numpy(), customers.to_numpy()), index=referrals.index)


_CAMPAIGN_KPIS = (  # column, hourglass stage, formula, its two counts in the formula's order
    ("click_through_rate", "Know", kpis.click_through_rate, "clicks", "impressions"),
    ("bounce_rate", "Like", kpis.bounce_rate, "bounces", "sessions"),
    ("sign_up_rate", "Try", kpis.conversion_rate, "sign_ups", "sessions"),
    ("conversion_rate", "Buy", kpis.conversion_rate, "orders", "sessions"),
    ("cart_abandonment_rate", "Buy", kpis.cart_abandonment_rate, "carts", "orders"),
    ("repeat_purchase_rate", "Repeat", kpis.repeat_purchase_rate, "repeat_orders", "customers"),
    ("churn_rate", "Repeat", kpis.churn_rate, "churned_customers", "customers"),
    ("referral_rate", "Refer", _per_hundred, "referrals", "customers"),
)


def campaign_kpis(campaigns: pd.DataFrame) -> pd.DataFrame:
    """One row per month with the main KPIs of the hourglass stages, worked out from the counts.

    Introduced in notebook 05. The campaigns table has one row per month and
    stage, with empty cells where a count does not apply; this puts each KPI in
    a column of its own, so a weak month stands out as you read down a column.
    Every KPI is a percentage (0-100) from the formulas of :mod:`journeylab.kpis`:

    * Know: ``click_through_rate`` = clicks ÷ impressions;
    * Like: ``bounce_rate`` = bounces ÷ sessions (lower is better);
    * Try: ``sign_up_rate`` = sign_ups ÷ sessions;
    * Buy: ``conversion_rate`` = orders ÷ sessions and ``cart_abandonment_rate``
      = (carts - orders) ÷ carts (lower is better);
    * Repeat: ``repeat_purchase_rate`` = repeat_orders ÷ customers (each repeat
      order counted as one returning customer) and ``churn_rate`` =
      churned_customers ÷ customers (lower is better);
    * Refer: ``referral_rate`` = referrals ÷ customers, referrals per 100 customers.

    Rows of the same month and stage are added up first; a missing count, or
    nothing to divide by, gives NaN. Stage names are matched ignoring case.

    >>> from journeylab.data import load_campaigns
    >>> monthly = campaign_kpis(load_campaigns())
    >>> monthly.loc["2024-08":"2024-10", ["conversion_rate", "cart_abandonment_rate"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
             conversion_rate  cart_abandonment_rate
    month
    2024-08             11.4                   70.3
    2024-09              5.1                   85.5
    2024-10             11.6                   69.9
    """
    counts = ["impressions", "clicks", "sessions", "bounces", "sign_ups", "carts", "orders",  # file order
              "repeat_orders", "churned_customers", "customers", "referrals"]
    allowed = "the campaigns table of the course data, with the columns month, stage, " + ", ".join(counts)
    if not isinstance(campaigns, pd.DataFrame):
        raise SchemaError("campaigns", "must be a table (a pandas DataFrame)", value=type(campaigns).__name__,
                          allowed=allowed)
    missing = [name for name in ("month", "stage", *counts) if name not in campaigns.columns]
    if missing:
        raise SchemaError("campaigns", f"the table has no {'column' if len(missing) == 1 else 'columns'} "
                          f"named {', '.join(missing)}", allowed=allowed)
    for name in ("month", "stage"):
        if campaigns[name].isna().any():
            raise SchemaError(name, f"{int(campaigns[name].isna().sum())} rows have no {name}",
                              allowed=f"a {name} on every row")
    for name in counts:
        if not pd.api.types.is_numeric_dtype(campaigns[name]) or pd.api.types.is_bool_dtype(campaigns[name]):
            raise SchemaError(name, "must hold counts (numbers), not text", value=str(campaigns[name].dtype),
                              allowed="whole numbers of 0 or more, or empty")
    fw = get_framework("hourglass")
    stages = np.asarray(fw.stage_names, dtype=object)[_stage_positions(campaigns["stage"], fw)]
    totals = campaigns[counts].astype("float64").groupby([campaigns["month"].to_numpy(), stages]).sum(min_count=1)
    wide = totals.unstack().reindex(columns=pd.MultiIndex.from_product([counts, fw.stage_names]))
    table = pd.DataFrame(index=pd.Index(wide.index, name="month"))
    for column, stage, formula, part, whole in _CAMPAIGN_KPIS:
        try:
            table[column] = formula(wide[(part, stage)], wide[(whole, stage)])
        except ValidationError as error:
            raise ValidationError(f"campaigns.{stage}", f"{column} cannot be worked out: {error.field} "
                                  f"{error.problem}", value=error.value, allowed=error.allowed) from None
    return table


# --------------------------------------------------------------------------- goals


def goal_attainment(goals: Any, actuals: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Put each stage's measured KPI next to its goal and say whether the goal was met.

    Introduced in notebook 05.

    Parameters
    ----------
    goals:
        A mapping of stage name to goal, or a journey (anything with a ``.goals``
        attribute holding such a mapping). Each goal has ``goal`` and ``kpi``
        (text), ``target`` (a number), ``unit`` (text) and ``better``:
        ``"higher"`` when a bigger value is good (conversion rate), ``"lower"``
        when a smaller one is (churn rate).
    actuals:
        The measured value per stage, as a mapping or Series. Stage names are
        matched ignoring case; values for stages without a goal are ignored.

    Returns
    -------
    pandas.DataFrame
        One row per goal, in the order of ``goals`` (index ``stage``), with
        columns ``goal``, ``kpi``, ``target``, ``actual``, ``unit``, ``met`` and
        ``gap`` (actual minus target: positive means above target, which is good
        only when ``better`` is ``"higher"``). Reaching the target exactly counts
        as met. A stage without a measured value gets ``actual`` NaN and ``met``
        False: a goal that was not measured has not been shown to be met.

    Examples
    --------
    >>> from types import SimpleNamespace as Goal
    >>> goals = {
    ...     "Buy": Goal(goal="More sales", kpi="Conversion rate", target=5.0, unit="%", better="higher"),
    ...     "Repeat": Goal(goal="Keep customers", kpi="Churn rate", target=10.0, unit="%", better="lower"),
    ... }
    >>> table = goal_attainment(goals, {"buy": 4.0, "Repeat": 8.0})
    >>> table[["target", "actual", "met", "gap"]]  # doctest: +NORMALIZE_WHITESPACE
            target  actual    met  gap
    stage
    Buy        5.0     4.0  False -1.0
    Repeat    10.0     8.0   True -2.0
    """
    stage_goals = goals.goals if not isinstance(goals, Mapping) and hasattr(goals, "goals") else goals
    if not isinstance(stage_goals, Mapping):
        raise ValidationError(
            "goals",
            "must map each stage to its goal",
            value=type(goals).__name__,
            allowed="a dict such as {'Buy': goal}, or a journey with .goals",
        )
    if not isinstance(actuals, (Mapping, pd.Series)):
        raise ValidationError(
            "actuals",
            "must map each stage to its measured value",
            value=type(actuals).__name__,
            allowed="a dict or Series such as {'Buy': 4.0}",
        )
    measured = {_match_key(stage): value for stage, value in actuals.items()}
    rows = []
    for stage, goal in stage_goals.items():
        target = _as_number(_goal_attribute(goal, stage, "target"), f"goals.{stage}.target")
        actual = _as_number(measured.get(_match_key(stage)), f"actuals.{stage}")
        better = _goal_attribute(goal, stage, "better")
        direction = better.strip().lower() if isinstance(better, str) else better
        if direction == "higher":
            met = actual >= target
        elif direction == "lower":
            met = actual <= target
        else:
            raise ValidationError(
                f"goals.{stage}.better", "must say which way is good", value=better, allowed=("higher", "lower")
            )
        rows.append(
            {
                "goal": _goal_attribute(goal, stage, "goal"),
                "kpi": _goal_attribute(goal, stage, "kpi"),
                "target": target,
                "actual": actual,
                "unit": _goal_attribute(goal, stage, "unit"),
                "met": bool(met),  # False when actual is NaN: NaN compares as False
                "gap": actual - target,
            }
        )
    table = pd.DataFrame(rows, columns=list(_GOAL_COLUMNS), index=pd.Index(list(stage_goals), name="stage"))
    return table.astype({"target": float, "actual": float, "gap": float, "met": bool})


def _match_key(stage: Any) -> Any:
    return stage.strip().casefold() if isinstance(stage, str) else stage


def _goal_attribute(goal: Any, stage: str, name: str) -> Any:
    if not hasattr(goal, name):
        raise ValidationError(
            f"goals.{stage}",
            f"has no {name!r}",
            value=type(goal).__name__,
            allowed="a goal with goal, kpi, target, unit and better",
        )
    return getattr(goal, name)


def _as_number(value: Any, field: str) -> float:
    """A float, NaN for a missing value; a clear error for text such as ``"5%"``."""
    if value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            field, "must be a number", value=value, allowed="a number such as 2.5 or 1200"
        ) from None
