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

from datetime import timedelta

import numpy as np
import pandas as pd

from journeylab import _fields
from journeylab.errors import UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework
from journeylab.touch_paths import (
    BY_OPTIONS,
    Paths,
    Touches,
    credit_series,
    customers,
    largest_first,
    path_table,
    paths_from_events,
    read_paths,
    read_touches,
)

__all__ = [
    "BY_OPTIONS", "HEURISTIC_MODELS", "MODELS", "DEFAULT_HALF_LIFE", "paths_from_events", "heuristic_credit",
    "time_decay_credit", "markov_removal_effects", "touchpoint_importance",
]

HEURISTIC_MODELS = ("first_touch", "last_touch", "linear", "position_based")
"""The rules that need nothing but the paths (:func:`heuristic_credit`)."""
MODELS = (*HEURISTIC_MODELS, "time_decay", "markov")
"""Every model, in the column order of :func:`touchpoint_importance`."""
DEFAULT_HALF_LIFE = "7D"
"""Time decay: a touch this long before the purchase counts half as much as one at the purchase."""


# --------------------------------------------------------------------------- rules


def _heuristic(table: Paths, model: str) -> np.ndarray:
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
    table = read_paths(paths)
    return credit_series(table.names, _heuristic(table, model))


def _half_life_nanoseconds(half_life: str | timedelta | pd.Timedelta) -> float:
    try:
        length = pd.Timedelta(half_life) if isinstance(half_life, (str, timedelta)) else None
    except ValueError:
        length = None
    if length is None or pd.isna(length) or length <= pd.Timedelta(0):
        raise ValidationError("half_life", "must be a length of time longer than zero", value=half_life,
                              allowed="a length of time such as '7D' (seven days), '36h' or '2W'")
    return float(length.value)


def _time_decay(touches: Touches, half_life: float) -> np.ndarray:
    """Credit per name: each purchase split in proportion to 2 ** -(time before the purchase / half-life).

    Ages are counted from the customer's last touch here, which is the purchase
    itself except within a stage; the shares are the same (a common factor
    cancels), and the newest touch weighs 1, so no customer's weights all round to 0.
    """
    starts, lengths = customers(touches.user)
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
    touches, _ = read_touches(events, by, conversion_stage, framework)
    return credit_series(touches.names, _time_decay(touches, half_life_ns))


# --------------------------------------------------------------------------- the Markov chain


def _removal_effects(table: Paths) -> np.ndarray:
    """The exact removal effect of every name, from the absorbing chain's linear system.

    States: 0 is the start, 1..n the names, n+1 conversion and n+2 null.
    """
    n = len(table.names)
    conversion, null = n + 1, n + 2
    state = table.name + 1
    first = np.flatnonzero(table.position == 0)  # each path's first touch
    last = first + table.length[first] - 1  # and its last
    customers = table.conversions + table.nulls  # per path
    size = (n + 1) * (n + 3)  # moves from (start or a name) to (a name, conversion or null)

    def moves(source: np.ndarray, target: np.ndarray, count: np.ndarray) -> np.ndarray:
        return np.bincount(source * (n + 3) + target, weights=count, minlength=size)

    # touch -> next touch, taken over all touches at once and then less the moves from one
    # path's last touch to the next path's first (whole numbers: the subtraction is exact)
    counts: np.ndarray = np.zeros(size)
    counts += moves(state[:-1], state[1:], customers[table.path[:-1]])
    counts -= moves(state[last[:-1]], state[last[:-1] + 1], customers[:-1])
    counts += moves(np.zeros(len(first), dtype=np.int64), state[first], customers)  # start -> first touch
    counts += moves(state[last], np.full(len(last), conversion), table.conversions)
    counts += moves(state[last], np.full(len(last), null), table.nulls)
    counts = counts.reshape(n + 1, n + 3)
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
    table = read_paths(paths)
    effects = _removal_effects(table)
    frame = pd.DataFrame({"removal_effect": effects, "credit": _shares(effects, table.conversions.sum())},
                         index=pd.Index(table.names, name="name"))
    return frame.iloc[largest_first(effects)]


def _shares(effects: np.ndarray, conversions: float) -> np.ndarray:
    """The conversions shared out in proportion to the removal effects (all 0 when they are)."""
    total = effects.sum()
    return effects / total * conversions if total > 0 else np.zeros_like(effects)


# --------------------------------------------------------------------------- side by side


def _importance(touches: Touches, half_life: float) -> pd.DataFrame:
    """All six models on one set of touches, one column each, largest Markov credit first."""
    table = read_paths(path_table(touches))
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
    touches, fw = read_touches(events, by, conversion_stage, framework)
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
