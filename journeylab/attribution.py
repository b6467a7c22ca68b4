"""Which touchpoints matter: paths to a purchase, rule-based credit and exact Markov removal effects.

Introduced in notebook 06. Before buying, a customer meets a business at many
touchpoints: an ad, the reviews page, a store visit, the checkout. *Attribution*
shares the credit for each purchase out over them, and the usual answers
disagree, which is the lesson. Rules (first touch, last touch, linear, position
based, time decay) split each purchase over its own path by a fixed recipe. The
Markov model learns from buyers *and* non-buyers how customers move between
touchpoints and asks how many purchases would be lost without each one: its
*removal effect*. A store visited while making up one's mind is rarely the last
touch before an online checkout, so last touch gives it nothing, while its
removal effect is large.

Rules shared by every function:

* A **path** is one customer's touchpoints (or channels) in time order, up to
  and including their first event at the conversion stage (``Buy``); a customer
  who never got there gives a *null* path of all their events. Events at the
  same moment are taken in journey order (Know before Like), then by name, so
  the order of the rows never matters.
* **Repeats are kept**: (Reviews page, Reviews page, Checkout) has three touches
  and the rules credit each. In the Markov chain a name followed by itself is a
  loop that changes no chance of converting, so collapsing repeats (as the
  ``channelattribution`` package does) gives the same removal effects.
* **Credits are in purchases**: each model's credits add up to the conversions.

The error a learner is most likely to meet is a model name with a typo:

>>> paths = pd.DataFrame({"path": [("Instagram ad", "Checkout (Web)")], "conversions": [1], "nulls": [0]})
>>> heuristic_credit(paths, "last_click")
Traceback (most recent call last):
...
journeylab.errors.UnknownNameError: model: there is no attribution model of that name (got 'last_click'). Allowed: first_touch, last_touch, linear, position_based, time_decay, markov.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from itertools import chain

import numpy as np
import pandas as pd

from journeylab import _fields
from journeylab.analytics.event_log import REQUIRED_COLUMNS, read_events
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework

__all__ = [
    "BY_OPTIONS", "HEURISTIC_MODELS", "MODELS", "DEFAULT_HALF_LIFE", "paths_from_events", "heuristic_credit",
    "time_decay_credit", "markov_removal_effects", "touchpoint_importance",
]

BY_OPTIONS = ("touchpoint", "channel")
"""The columns of the event log that attribution can credit."""
HEURISTIC_MODELS = ("first_touch", "last_touch", "linear", "position_based")
"""The rules that need nothing but the paths (:func:`heuristic_credit`)."""
MODELS = (*HEURISTIC_MODELS, "time_decay", "markov")
"""Every model, in the column order of :func:`touchpoint_importance`."""
DEFAULT_HALF_LIFE = "7D"
"""Time decay: a touch this long before the purchase counts half as much as one at the purchase."""
PATH_COLUMNS = ("path", "conversions", "nulls")


# --------------------------------------------------------------------------- from events to touches


@dataclass(frozen=True)
class _Touches:
    """The touches on every customer's path as numbers, sorted by customer, then time.

    Working on codes keeps a million events a matter of a few numpy passes.
    """

    names: np.ndarray  # the distinct names (object array), sorted when they can be
    user: np.ndarray  # per touch: customer code
    name: np.ndarray  # per touch: code into ``names``
    time: np.ndarray  # per touch: int64 nanoseconds
    stage: np.ndarray  # per touch: position of its stage in the framework
    converted: np.ndarray  # per customer: reached the conversion stage

    def only(self, keep: np.ndarray) -> _Touches:
        """The same customers, with only the touches where ``keep`` is true."""
        return replace(self, user=self.user[keep], name=self.name[keep], time=self.time[keep], stage=self.stage[keep])


def _read_touches(events: pd.DataFrame, by: str, conversion_stage: str, framework: str | Framework
                  ) -> tuple[_Touches, Framework]:
    """Check the event log and cut every customer's events at their first conversion."""
    by = _fields.choice(by, "by", BY_OPTIONS)
    fw = get_framework(framework)
    try:
        conversion = fw.position(conversion_stage)
    except UnknownNameError as error:
        raise UnknownNameError("conversion_stage", error.problem, value=conversion_stage,
                               allowed=fw.stage_names) from None
    needed = (*REQUIRED_COLUMNS, by)
    missing = [column for column in needed if column not in getattr(events, "columns", needed)]
    if missing:  # (what is not a table at all, read_events refuses below)
        present = ", ".join(str(column) for column in events.columns) or "none"
        raise SchemaError(missing[0] if len(missing) == 1 else "events",
                          f"the event log has no {'column' if len(missing) == 1 else 'columns'} named "
                          f"{' and '.join(repr(column) for column in missing)} (its columns are: {present})",
                          allowed="a table with the columns " + ", ".join(needed))
    log = read_events(events, fw)  # user_id, timestamp and stage: checked and turned into codes
    codes, names = _factorize(events[by].to_numpy())  # the bare array: faster than the column in pandas 3
    if (codes < 0).any():
        count = int((codes < 0).sum())
        raise SchemaError(by, f"{'1 event has' if count == 1 else f'{count} events have'} no {by}",
                          allowed=f"a {by} name on every event")

    user, time, stage, name = _in_time_order(log.user, log.time, log.stage, codes.astype(np.int64, copy=False))
    at_conversion = stage == conversion
    before = np.cumsum(at_conversion) - at_conversion  # conversion events before this one, everyone's
    starts, lengths = _customers(user)
    on_path = before == np.repeat(before[starts], lengths)  # none of the customer's own before it
    converting = on_path & at_conversion  # each converter's first conversion event
    converted = np.zeros(log.n_users, dtype=bool)
    converted[user[converting]] = True

    used = np.flatnonzero(np.bincount(name[on_path], minlength=len(names)))  # only names on some path
    new_code = np.zeros(len(names), dtype=np.int64)
    new_code[used] = np.arange(len(used))
    touches = _Touches(names=np.asarray(names, dtype=object)[used], user=user[on_path], name=new_code[name[on_path]],
                       time=time[on_path], stage=stage[on_path], converted=converted)
    return touches, fw


def _factorize(values: pd.Series | np.ndarray) -> tuple[np.ndarray, pd.Index | np.ndarray]:
    """Codes and distinct values, sorted alphabetically unless they are of mixed kinds."""
    try:
        return pd.factorize(values, sort=True)
    except TypeError:  # text and numbers together cannot be sorted
        return pd.factorize(values)


def _customers(user: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each customer's touches start, and how many there are (touches sorted by customer)."""
    new_customer = np.ones(len(user), dtype=bool)
    new_customer[1:] = user[1:] != user[:-1]
    starts = np.flatnonzero(new_customer)
    return starts, np.diff(np.append(starts, len(user)))


def _in_time_order(user: np.ndarray, time: np.ndarray, stage: np.ndarray, name: np.ndarray
                   ) -> tuple[np.ndarray, ...]:
    """The events sorted by customer, time, journey order and then name.

    The four keys are packed into one integer and sorted as such, several times
    faster than ``np.lexsort``. Times count in whole seconds from the first
    when they are whole seconds, else by their rank among the distinct times.
    """
    first, times = time.min(initial=0), None
    clock = (time - first) // 10**9
    if (clock * 10**9 != time - first).any():  # not whole seconds
        times, clock = np.unique(time, return_inverse=True)
    widths = [int(key.max(initial=0)).bit_length() for key in (user, clock, stage, name)]
    if sum(widths) > 63:  # too many customers and moments to pack: sort the slow way
        order = np.lexsort((name, stage, time, user))
        return user[order], time[order], stage[order], name[order]
    shifts = np.cumsum([0, *widths[::-1]])[::-1][1:]  # user, clock, stage, name
    key = np.sort(user << shifts[0] | clock.reshape(-1) << shifts[1] | stage << shifts[2] | name)
    user, clock, stage, name = ((key >> shift) & ((1 << width) - 1) for shift, width in zip(shifts, widths))
    return user, first + clock * 10**9 if times is None else times[clock], stage, name


def _path_table(touches: _Touches) -> pd.DataFrame:
    """One row per distinct path with its conversions and nulls; most common first."""
    starts, lengths = _customers(touches.user)
    path_id = lengths * (1 << 32) + _path_ranks(touches.name, len(touches.names), starts, lengths)
    distinct, first_customer, which = np.unique(path_id, return_index=True, return_inverse=True)
    which = which.reshape(-1)  # numbered by length, then alphabetically
    converted = touches.converted[touches.user[starts]]
    conversions = np.bincount(which, weights=converted, minlength=len(distinct)).astype(np.int64)
    totals = np.bincount(which, minlength=len(distinct))
    path_column = np.empty(len(distinct), dtype=object)
    path_lengths = lengths[first_customer]
    for length in np.unique(path_lengths):  # each distinct path spelled out once, grouped by length
        group = np.flatnonzero(path_lengths == length)
        columns = touches.names[touches.name[starts[first_customer[group]] + np.arange(length)[:, None]]]
        path_column[group] = np.fromiter(zip(*(column.tolist() for column in columns)), dtype=object,
                                         count=len(group))  # one tuple per path
    order = np.argsort(-totals, kind="stable")  # ties: shorter first, then alphabetical
    return pd.DataFrame({"path": path_column[order], "conversions": conversions[order],
                         "nulls": (totals - conversions)[order]})


def _path_ranks(name: np.ndarray, n_names: int, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Per customer, the alphabetical rank of their path among the paths of the same length.

    Paths are ranked like words in a dictionary, a few letters at a time: the
    rank so far and the next few names (as code + 1, 0 once the path is over)
    are packed into one integer, and ranking those integers gives the rank of
    the longer prefix. A few numpy sorts in all, not one step per customer.
    """
    bits = n_names.bit_length()
    rank = np.zeros(len(starts), dtype=np.int64)
    going, done = np.arange(len(starts)), 0
    while len(going):
        step = min(max((62 - int(rank.max(initial=0)).bit_length()) // bits, 1), 12)  # 12: bounded memory
        position = done + np.arange(step)
        inside = position < lengths[going, None]
        codes = np.where(inside, name[np.minimum(starts[going, None] + position, len(name) - 1)] + 1, 0)
        packed = (codes << (bits * np.arange(step - 1, -1, -1))).sum(axis=1)
        rank[going] = np.unique(rank[going] << (bits * step) | packed, return_inverse=True)[1].reshape(-1)
        done += step
        going = going[lengths[going] > done]  # who finished here keeps a rank unique among their length
    return rank


def paths_from_events(events: pd.DataFrame, by: str = "touchpoint", conversion_stage: str = "Buy",
                      framework: str | Framework = DEFAULT_FRAMEWORK) -> pd.DataFrame:
    """Every customer's path to a purchase, counted: the input of the attribution models.

    Introduced in notebook 06. Each customer's events (``user_id``,
    ``timestamp``, ``stage`` and the ``by`` column: ``"touchpoint"`` or
    ``"channel"``) are put in time order and cut after their first event at
    ``conversion_stage`` of ``framework``: what happens after the purchase
    (thank-you e-mails, referrals) is not part of the path to it.

    Returns
    -------
    pandas.DataFrame
        One row per distinct path, most common first (ties: shorter, then
        alphabetical): ``path`` (a tuple of names in time order),
        ``conversions`` and ``nulls`` (customers who took it and did or did not convert).

    Examples
    --------
    >>> events = pd.DataFrame({"user_id": [1, 1, 1, 2, 2, 3, 3],
    ...     "timestamp": pd.date_range("2024-03-01", periods=7),
    ...     "touchpoint": ["Instagram ad", "Checkout (Web)", "Reorder e-mail", "Instagram ad", "Checkout (Web)",
    ...                    "Instagram ad", "Store visit"],
    ...     "stage": ["Know", "Buy", "Repeat", "Know", "Buy", "Know", "Try"]})
    >>> paths_from_events(events)
                                 path  conversions  nulls
    0  (Instagram ad, Checkout (Web))            2      0
    1     (Instagram ad, Store visit)            0      1
    >>> paths_from_events(events, conversion_stage="Purchase")
    Traceback (most recent call last):
    ...
    journeylab.errors.UnknownNameError: conversion_stage: the seven-step hourglass has no stage of that name (got 'Purchase'). Allowed: Know, Like, Trust, Try, Buy, Repeat, Refer.
    """
    touches, _ = _read_touches(events, by, conversion_stage, framework)
    return _path_table(touches)


# --------------------------------------------------------------------------- paths as numbers


@dataclass(frozen=True)
class _Paths:
    """A checked path table, one entry per touch: which path, where on it, which name."""

    names: np.ndarray  # the distinct names (object array)
    path: np.ndarray  # per touch: row of the path table
    position: np.ndarray  # per touch: 0 for the first touch of its path
    length: np.ndarray  # per touch: length of its path
    name: np.ndarray  # per touch: code into ``names``
    conversions: np.ndarray  # per path
    nulls: np.ndarray  # per path


def _read_paths(paths: pd.DataFrame) -> _Paths:
    """Check a path table (as :func:`paths_from_events` makes it) and turn it into codes."""
    allowed = "a table with the columns path, conversions and nulls, as paths_from_events makes it"
    if not isinstance(paths, pd.DataFrame):
        raise SchemaError("paths", "must be a table (a pandas DataFrame)", value=type(paths).__name__,
                          allowed=allowed)
    missing = [column for column in PATH_COLUMNS if column not in paths.columns]
    if missing:
        raise SchemaError("paths", f"the table has no {'column' if len(missing) == 1 else 'columns'} named "
                          f"{' and '.join(repr(column) for column in missing)}", allowed=allowed)
    values = paths["path"].tolist()
    if not set(map(type, values)) <= {tuple, list} or not all(values):  # one pass each, in C
        raise ValidationError("path", "every path must be a tuple of at least one name",
                              value=next(v for v in values if not isinstance(v, (tuple, list)) or not v),
                              allowed='a tuple such as ("Instagram ad", "Checkout (Web)")')
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    counts = [_counts(paths[column], column) for column in ("conversions", "nulls")]
    flat = np.fromiter(chain.from_iterable(values), dtype=object, count=int(lengths.sum()))
    codes, names = _factorize(flat)
    path = np.repeat(np.arange(len(values)), lengths)
    first = np.cumsum(lengths) - lengths
    return _Paths(names=np.asarray(names, dtype=object), path=path, position=np.arange(len(flat)) - first[path],
                  length=lengths[path], name=codes, conversions=counts[0], nulls=counts[1])


def _counts(column: pd.Series, field: str) -> np.ndarray:
    """A column of customer counts as floats, or an error that names it."""
    allowed = "whole numbers of 0 or more"
    if not pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
        raise ValidationError(field, "must hold numbers of customers", value=str(column.dtype), allowed=allowed)
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~(np.isfinite(values) & (values >= 0) & (values == np.round(values)))
    if bad.any():
        raise ValidationError(field, "must hold numbers of customers", value=column.iloc[int(np.argmax(bad))],
                              allowed=allowed)
    return values


def _credit_series(names: np.ndarray, credit: np.ndarray) -> pd.Series:
    series = pd.Series(credit, index=pd.Index(names, name="name"), name="credit", dtype=np.float64)
    return series.iloc[_largest_first(series.to_numpy())]


def _largest_first(values: np.ndarray) -> np.ndarray:
    """The order from largest to smallest, ties in name order: equal values stay equal after rounding
    away the last bits that a linear solve leaves, which differ from one processor to another."""
    return np.argsort(-np.round(values, 12), kind="stable")


# --------------------------------------------------------------------------- rules


def _heuristic(table: _Paths, model: str) -> np.ndarray:
    """Credit per name under one rule: each converting path's share per touch, times its conversions."""
    position, length = table.position, table.length
    if model == "first_touch":
        share = (position == 0).astype(np.float64)
    elif model == "last_touch":
        share = (position == length - 1).astype(np.float64)
    elif model == "linear":
        share = 1.0 / length
    else:  # position_based: 40 % first, 40 % last, 20 % over the middle; 1 or 2 touches share evenly
        ends = (position == 0) | (position == length - 1)
        share = np.where(ends, 0.4, 0.2 / np.maximum(length - 2, 1))
        share = np.where(length <= 2, 1.0 / length, share)
    weights = share * table.conversions[table.path]
    return np.bincount(table.name, weights=weights, minlength=len(table.names))


def _check_model(model: str) -> str:
    key = model.strip().casefold() if isinstance(model, str) else None
    if key not in MODELS:
        raise UnknownNameError("model", "there is no attribution model of that name", value=model, allowed=MODELS)
    if key not in HEURISTIC_MODELS:
        advice = "time_decay_credit(events), as it needs the time of every touch" if key == "time_decay" \
            else "markov_removal_effects(paths)"
        raise ValidationError("model", f"{key} has a function of its own: use {advice}", value=model,
                              allowed=HEURISTIC_MODELS)
    return key


def heuristic_credit(paths: pd.DataFrame, model: str) -> pd.Series:
    """Credit per touchpoint under one rule of thumb, in purchases.

    Introduced in notebook 06. Each path hands out its conversions over its own
    touches (a name met twice gets two shares); paths without conversions give nothing.
    ``first_touch``: all to the first touch (what brought the customer in);
    ``last_touch``: all to the last (what closed the sale); ``linear``: equal
    shares; ``position_based``: 40 % to the first touch, 40 % to the last and
    20 % spread over those between, a path of one or two touches split evenly.
    Time decay needs the time of each touch: see :func:`time_decay_credit`.

    Returns
    -------
    pandas.Series
        ``credit`` per name on any path (0 if it earned nothing), largest
        first, adding up to the total conversions.

    Examples
    --------
    >>> paths = pd.DataFrame({"path": [("Instagram ad", "Reviews page", "Checkout (Web)"),
    ...                                ("Search ad", "Checkout (Web)")],
    ...                       "conversions": [10, 5], "nulls": [30, 20]})
    >>> heuristic_credit(paths, "position_based")  # 4 + 4 + 2 from the first path, 2.5 + 2.5 from the second
    name
    Checkout (Web)    6.5
    Instagram ad      4.0
    Search ad         2.5
    Reviews page      2.0
    Name: credit, dtype: float64
    """
    model = _check_model(model)
    table = _read_paths(paths)
    return _credit_series(table.names, _heuristic(table, model))


def _half_life_nanoseconds(half_life: str | timedelta | pd.Timedelta) -> float:
    try:
        length = pd.Timedelta(half_life) if isinstance(half_life, (str, timedelta)) else None
    except ValueError:
        length = None
    if length is None or pd.isna(length) or length <= pd.Timedelta(0):
        raise ValidationError("half_life", "must be a length of time longer than zero", value=half_life,
                              allowed="a length of time such as '7D' (seven days), '36h' or '2W'")
    return float(length.value)


def _time_decay(touches: _Touches, half_life: float) -> np.ndarray:
    """Credit per name: each purchase split in proportion to 2 ** -(time before the purchase / half-life).

    Ages are counted from the customer's last touch here, which is the purchase
    itself except within a stage; the shares are the same (a common factor
    cancels), and the newest touch weighs 1, so no customer's weights all round to 0.
    """
    starts, lengths = _customers(touches.user)
    newest = np.repeat(touches.time[starts + lengths - 1], lengths)  # touches are in time order
    weight = np.exp2(-(newest - touches.time).astype(np.float64) / half_life)
    weight *= touches.converted[touches.user]
    total = np.repeat(np.add.reduceat(weight, starts) if len(starts) else weight, lengths)
    share = np.divide(weight, total, out=np.zeros_like(weight), where=total > 0)  # non-buyers give nothing
    return np.bincount(touches.name, weights=share, minlength=len(touches.names))


def time_decay_credit(events: pd.DataFrame, half_life: str | timedelta | pd.Timedelta = DEFAULT_HALF_LIFE,
                      by: str = "touchpoint", conversion_stage: str = "Buy",
                      framework: str | Framework = DEFAULT_FRAMEWORK) -> pd.Series:
    """Credit per touchpoint, fading with time before the purchase, in purchases.

    Introduced in notebook 06. Each purchase is split over the touches on its
    path (as in :func:`paths_from_events`) in proportion to ``2 ** -(time from
    the touch to the purchase / half_life)``: the purchase event weighs 1, a
    touch one half-life (default 7 days) earlier 1/2, two half-lives earlier
    1/4. It takes the event log, not a path table, as it needs every touch's time.

    Returns
    -------
    pandas.Series
        ``credit`` per name, largest first; the credits add up to the conversions.

    Examples
    --------
    Customer 1 saw the ad 7 days before buying: weights 1/2 and 1, so the ad gets 1/3.

    >>> events = pd.DataFrame({
    ...     "user_id": [1, 1, 2],
    ...     "timestamp": ["2024-03-01", "2024-03-08", "2024-03-01"],
    ...     "touchpoint": ["Instagram ad", "Checkout (Web)", "Instagram ad"],
    ...     "stage": ["Know", "Buy", "Know"]})
    >>> time_decay_credit(events, half_life="7D").round(3)
    name
    Checkout (Web)    0.667
    Instagram ad      0.333
    Name: credit, dtype: float64
    """
    half_life_ns = _half_life_nanoseconds(half_life)
    touches, _ = _read_touches(events, by, conversion_stage, framework)
    return _credit_series(touches.names, _time_decay(touches, half_life_ns))


# --------------------------------------------------------------------------- the Markov chain


def _removal_effects(table: _Paths) -> np.ndarray:
    """The exact removal effect of every name, from the absorbing chain's linear system.

    States: 0 is the start, 1..n the names, n+1 conversion and n+2 null.
    """
    n = len(table.names)
    conversion, null = n + 1, n + 2
    state = table.name + 1
    weight = (table.conversions + table.nulls)[table.path]
    last = table.position == table.length - 1
    first = table.position == 0
    moves = [
        (np.zeros(int(first.sum()), dtype=np.int64), state[first], weight[first]),  # start -> first touch
        (state[:-1][~last[:-1]], state[1:][~last[:-1]], weight[:-1][~last[:-1]]),  # touch -> next touch
        (state[last], np.full(int(last.sum()), conversion), table.conversions[table.path[last]]),
        (state[last], np.full(int(last.sum()), null), table.nulls[table.path[last]]),
    ]
    source, target, count = (np.concatenate(parts) for parts in zip(*moves))
    counts: np.ndarray = np.bincount(source * (n + 3) + target, weights=count, minlength=(n + 1) * (n + 3))
    counts = counts.astype(np.float64).reshape(n + 1, n + 3)
    out = counts.sum(axis=1, keepdims=True)
    chances = np.divide(counts, out, out=np.zeros_like(counts), where=out > 0)
    moving, converting = chances[:, : n + 1], chances[:, conversion]  # Q and r of the absorbing chain

    def reach_conversion(q: np.ndarray) -> float:
        """Chance to end in conversion from the start: x solves (I - Q) x = r."""
        return float(np.linalg.solve(np.eye(n + 1) - q, converting)[0])

    base = reach_conversion(moving)
    effects = np.zeros(n)
    if base <= 0:
        return effects  # nobody converts: there is nothing to lose
    for k in range(1, n + 1):  # one small solve per name, not per customer
        without = moving.copy()
        without[:, k] = 0.0  # every move into this name now leads to the null state
        effects[k - 1] = 1.0 - reach_conversion(without) / base
    return np.clip(effects, 0.0, 1.0)


def markov_removal_effects(paths: pd.DataFrame) -> pd.DataFrame:
    """How many purchases each touchpoint holds up: exact removal effects of a first-order Markov chain.

    Introduced in notebook 06. The chain has a state per name plus *start*,
    *conversion* and *null*. Every path adds its customers (buyers and
    non-buyers) to the moves start → first touch → … → last touch → conversion
    (its conversions) or null (its nulls); a move's chance is its share of the
    moves out of its state. The *removal effect* of a name is the share of the
    chance of reaching conversion from start that is lost when every move into
    the name goes to null instead: 0.4 means 40 % fewer purchases. It is exact,
    from the chain's linear system ``(I - Q) x = r`` (x: each state's chance to
    convert), not simulated, so loops (A → B → A) are handled exactly. When
    nobody converts, every removal effect is 0.

    Returns
    -------
    pandas.DataFrame
        Indexed by name, largest first: ``removal_effect`` (0 to 1) and
        ``credit``, the removal effects scaled to add up to the total conversions.

    Examples
    --------
    The ad leads to the checkout 1 time in 3, to the reviews page 2 times in 3,
    and half the readers of reviews go on to buy: conversion from start is
    1/3 + 2/3 * 1/2 = 2/3. Without reviews only 1/3 is left, half as much:

    >>> paths = pd.DataFrame({"path": [("Ad", "Checkout"), ("Ad", "Reviews"), ("Ad", "Reviews", "Checkout")],
    ...                       "conversions": [1, 0, 1], "nulls": [0, 1, 0]})
    >>> markov_removal_effects(paths)  # doctest: +NORMALIZE_WHITESPACE
              removal_effect  credit
    name
    Ad                   1.0     0.8
    Checkout             1.0     0.8
    Reviews              0.5     0.4
    """
    table = _read_paths(paths)
    effects = _removal_effects(table)
    frame = pd.DataFrame({"removal_effect": effects, "credit": _shares(effects, table.conversions.sum())},
                         index=pd.Index(table.names, name="name"))
    return frame.iloc[_largest_first(effects)]


def _shares(effects: np.ndarray, conversions: float) -> np.ndarray:
    """The conversions shared out in proportion to the removal effects (all 0 when they are)."""
    total = effects.sum()
    return effects / total * conversions if total > 0 else np.zeros_like(effects)


# --------------------------------------------------------------------------- side by side


def _importance(touches: _Touches, half_life: float) -> pd.DataFrame:
    """All six models on one set of touches, one column each, largest Markov credit first."""
    table = _read_paths(_path_table(touches))
    columns = {model: _heuristic(table, model) for model in HEURISTIC_MODELS}
    decay = pd.Series(_time_decay(touches, half_life), index=touches.names)  # names in their own order
    columns["time_decay"] = decay.reindex(table.names).to_numpy()
    columns["markov"] = _shares(_removal_effects(table), table.conversions.sum())
    frame = pd.DataFrame(columns, index=pd.Index(table.names, name="name"))
    return frame.iloc[np.argsort(-frame["markov"].to_numpy(), kind="stable")]


def touchpoint_importance(events: pd.DataFrame, by: str = "touchpoint", per_stage: bool = False,
                          framework: str | Framework = DEFAULT_FRAMEWORK, conversion_stage: str = "Buy",
                          half_life: str | timedelta | pd.Timedelta = DEFAULT_HALF_LIFE) -> pd.DataFrame:
    """Every attribution model side by side: which touchpoints matter, and how the models disagree.

    Introduced in notebook 06. One column per model of :data:`MODELS`, each
    the credit in purchases (every column adds up to the conversions; Markov
    is ``credit`` of :func:`markov_removal_effects`); rows are names, largest
    Markov credit first. A touchpoint with little last-touch credit but a large
    Markov credit is one that customers pass on their way to buying.

    With ``per_stage=True`` the same is done *within each stage*: every path is
    cut down to its touches at that stage (on the path, so before or at the
    first conversion); customers with none leave that stage's table, and a path
    still counts as converting when its customer went on to buy. So the Trust
    table compares Reviews page, Store visit and the rest as the Trust touches
    of buyers and non-buyers; time decay still counts back from the purchase.
    Stages without any touch are left out.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by`` (touchpoint or channel) or, per stage, by ``stage``
        and ``by``, stages in journey order.

    Examples
    --------
    >>> events = pd.DataFrame({"user_id": [1, 1, 1, 2, 2, 3, 3],
    ...     "timestamp": pd.date_range("2024-03-01", periods=7),
    ...     "touchpoint": ["Instagram ad", "Store visit", "Checkout (Web)", "Instagram ad", "Checkout (Web)",
    ...                    "Instagram ad", "Home page"],
    ...     "stage": ["Know", "Try", "Buy", "Know", "Buy", "Know", "Like"]})
    >>> touchpoint_importance(events)[["last_touch", "markov"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
                    last_touch  markov
    touchpoint
    Checkout (Web)         2.0     0.8
    Instagram ad           0.0     0.8
    Store visit            0.0     0.4
    Home page              0.0     0.0
    """
    half_life_ns = _half_life_nanoseconds(half_life)
    touches, fw = _read_touches(events, by, conversion_stage, framework)
    by = _fields.choice(by, "by", BY_OPTIONS)
    if not per_stage:
        return _importance(touches, half_life_ns).rename_axis(by)
    tables = {}
    for position, stage in enumerate(fw.stage_names):
        here = touches.only(touches.stage == position)
        if len(here.user):
            tables[stage] = _importance(here, half_life_ns)
    if not tables:  # an empty event log
        tables[fw.stage_names[0]] = _importance(touches, half_life_ns)
    return pd.concat(tables, names=["stage", by])
