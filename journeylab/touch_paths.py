"""Customers' paths to a purchase: from an event log to touches in time order, and paths as numbers.

The groundwork of :mod:`journeylab.attribution` (introduced in notebook 06):
:func:`paths_from_events` turns an event log into the table of paths a learner
looks at, and :func:`read_paths` turns such a table into the integer arrays the
attribution models compute on. The rules for paths (what ends one, how ties in
time are ordered) are in :mod:`journeylab.attribution`'s docstring.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np
import pandas as pd

from journeylab import _fields
from journeylab.analytics.event_log import REQUIRED_COLUMNS, clock, codes_in_use, read_events
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework

__all__ = ["BY_OPTIONS", "PATH_COLUMNS", "Touches", "read_touches", "customers", "path_table", "paths_from_events",
           "Paths", "read_paths", "credit_series", "largest_first"]

BY_OPTIONS = ("touchpoint", "channel")
"""The columns of the event log that attribution can credit."""
PATH_COLUMNS = ("path", "conversions", "nulls")
"""The columns of a table of paths."""


# --------------------------------------------------------------------------- from events to touches


@dataclass(frozen=True)
class Touches:
    """The touches on every customer's path as numbers, sorted by customer, then time.

    Working on codes keeps a million events a matter of a few numpy passes.
    """

    names: np.ndarray  # the distinct names (object array), sorted when they can be
    user: np.ndarray  # per touch: customer code
    name: np.ndarray  # per touch: code into ``names``
    time: np.ndarray  # per touch: int64 nanoseconds
    stage: np.ndarray  # per touch: position of its stage in the framework
    converted: np.ndarray  # per customer: reached the conversion stage

    def only(self, keep: np.ndarray) -> Touches:
        """The same customers, with only the touches where ``keep`` is true."""
        return replace(self, user=self.user[keep], name=self.name[keep], time=self.time[keep], stage=self.stage[keep])


def read_touches(events: pd.DataFrame, by: str, conversion_stage: str, framework: str | Framework
                  ) -> tuple[Touches, Framework]:
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
    codes, names = _name_codes(events[by])
    if (codes < 0).any():
        count = int((codes < 0).sum())
        raise SchemaError(by, f"{'1 event has' if count == 1 else f'{count} events have'} no {by}",
                          allowed=f"a {by} name on every event")

    user, time, stage, name = _in_time_order(log.user, log.time, log.stage, codes.astype(np.int64, copy=False))
    at_conversion = stage == conversion
    so_far = np.cumsum(at_conversion)  # conversion events up to this one, everyone's
    before = so_far - at_conversion
    starts, lengths = customers(user)  # customer i is user code i: codes are 0 .. n_users - 1, all in use
    on_path = before == np.repeat(before[starts], lengths)  # none of the customer's own before it
    converted = so_far[starts + lengths - 1] > before[starts]  # some of their own by their last event

    name = name[on_path]
    names, name = _only_used(np.asarray(names, dtype=object), name)
    touches = Touches(names=names, user=user[on_path], name=name, time=time[on_path], stage=stage[on_path],
                      converted=converted)
    return touches, fw


def _name_codes(column: pd.Series) -> tuple[np.ndarray, pd.Index | np.ndarray]:
    """Codes and distinct names of the credited column: a category's own codes, renumbered alphabetically."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return _factorize(column.to_numpy())  # the bare array: faster than the column in pandas 3
    codes, names = codes_in_use(column)
    if names.is_monotonic_increasing:  # as the course's loaders make them
        return codes, names
    try:
        alphabetical = names.argsort()
    except TypeError:  # text and numbers together cannot be sorted
        return codes, names
    rank = np.empty(len(names) + 1, dtype=np.int64)
    rank[alphabetical], rank[-1] = np.arange(len(names)), -1  # the last entry: -1 (no name) stays -1
    return rank[codes], names[alphabetical]


def _factorize(values: pd.Series | np.ndarray) -> tuple[np.ndarray, pd.Index | np.ndarray]:
    """Codes and distinct values, sorted alphabetically unless they are of mixed kinds."""
    try:
        return pd.factorize(values, sort=True)
    except TypeError:  # text and numbers together cannot be sorted
        return pd.factorize(values)


def customers(user: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each customer's touches start, and how many there are (touches sorted by customer)."""
    new_customer = np.ones(len(user), dtype=bool)
    new_customer[1:] = user[1:] != user[:-1]
    starts = np.flatnonzero(new_customer)
    return starts, np.diff(np.append(starts, len(user)))


def _in_time_order(user: np.ndarray, time: np.ndarray, stage: np.ndarray, name: np.ndarray
                   ) -> tuple[np.ndarray, ...]:
    """The events sorted by customer, time, journey order and then name.

    Events already in that order, as the course's loaders give them, are not
    sorted again. Otherwise the four keys are packed into one integer and
    sorted as such, several times faster than ``np.lexsort`` (times as in
    :func:`~journeylab.analytics.event_log.clock`).
    """
    if _in_order_already(user, time, stage, name):
        return user, time, stage, name
    moment, times = clock(time)
    widths = [int(key.max(initial=0)).bit_length() for key in (user, moment, stage, name)]
    if sum(widths) > 63:  # too many customers and moments to pack: sort the slow way
        order = np.lexsort((name, stage, time, user))
        return user[order], time[order], stage[order], name[order]
    shifts = np.cumsum([0, *widths[::-1]])[::-1][1:]  # user, clock, stage, name
    key = user << shifts[0] | moment << shifts[1] | stage << shifts[2] | name
    key.sort()
    user, moment, stage, name = ((key >> shift) & ((1 << width) - 1) for shift, width in zip(shifts, widths))
    return user, time.min() + moment * 10**9 if times is None else times[moment], stage, name


def _in_order_already(user: np.ndarray, time: np.ndarray, stage: np.ndarray, name: np.ndarray) -> bool:
    """Whether every event comes after the one before it by customer and time, or, at the
    same moment (rare, so only those few pairs are looked at), by journey order and name."""
    same_user = user[1:] == user[:-1]
    if not (same_user | (user[1:] > user[:-1])).all() or (same_user & (time[1:] < time[:-1])).any():
        return False
    tie = np.flatnonzero(same_user & (time[1:] == time[:-1]))  # event tie and the one after it
    later_stage, same_stage = stage[tie + 1] > stage[tie], stage[tie + 1] == stage[tie]
    return bool((later_stage | (same_stage & (name[tie + 1] >= name[tie]))).all())


def path_table(touches: Touches) -> pd.DataFrame:
    """One row per distinct path with its conversions and nulls; most common first.

    Why it stays fast: customers are numbered by path on codes, and each
    distinct path (far fewer than customers) is spelled out as a tuple once.
    The codes are remembered with the tuples, so :func:`read_paths` can skip
    reading the table back.
    """
    starts, lengths = customers(touches.user)
    number = _path_numbers(touches.name, len(touches.names), starts, lengths)  # by length, then alphabetically
    n_paths = int(number.max(initial=-1)) + 1
    converted = touches.converted[touches.user[starts]]
    conversions = np.bincount(number, weights=converted, minlength=n_paths).astype(np.int64)
    totals = np.bincount(number, minlength=n_paths)
    example = np.empty(n_paths, dtype=np.int64)  # one customer per path (all of them took the same one)
    example[number] = np.arange(len(number))
    path_lengths = lengths[example]  # in path number order, so shortest first
    codes = touches.name[spans(starts[example], path_lengths)]  # every path's names, path after path
    names, codes = _only_used(touches.names, codes)
    spelled = _spell(names, codes, path_lengths)
    order = np.argsort(-totals, kind="stable")  # ties: shorter first, then alphabetical
    table = pd.DataFrame({"path": spelled[order], "conversions": conversions[order],
                          "nulls": (totals - conversions)[order]})
    row_starts = (np.cumsum(path_lengths) - path_lengths)[order]
    _remember(_Written(spelled[order].tolist(), path_lengths[order], codes[spans(row_starts, path_lengths[order])], names))
    return table


def spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``start, start + 1, ..., start + length - 1`` of every span, one span after another."""
    offsets = np.cumsum(lengths) - lengths  # where each span begins in the answer
    return np.arange(int(lengths.sum())) + np.repeat(starts - offsets, lengths)


def _only_used(names: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The names that occur in ``codes``, and the codes renumbered to them (as :func:`read_paths` would)."""
    used = np.bincount(codes, minlength=len(names)) > 0
    if used.all():
        return names, codes
    return names[used], (np.cumsum(used) - 1)[codes]


def _spell(names: np.ndarray, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each path as a tuple of names (paths sorted by length): one block of equal lengths at a time."""
    spelled = np.empty(len(lengths), dtype=object)
    ends = np.cumsum(lengths)
    bounds = np.flatnonzero(np.diff(lengths, prepend=-1, append=-1))  # where a new length begins
    for first, last in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        length = int(lengths[first])
        block = names[codes[ends[first] - length:ends[last - 1]].reshape(-1, length)]  # a path per row
        spelled[first:last] = np.fromiter(zip(*block.T.tolist()), dtype=object, count=last - first)
    return spelled


def _path_numbers(name: np.ndarray, n_names: int, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Per customer, the number of their path: 0, 1, ... over the distinct paths, shorter paths
    first and paths of one length in alphabetical order, so equal numbers mean equal paths.

    Paths are compared like words in a dictionary, a few letters at a time: the
    rank so far and the next few names (as code + 1, 0 once the path is over)
    are packed into one integer, and ranking those integers ranks the longer
    prefixes. The length is packed first, so the paths that end in a round
    rank lowest and take the next numbers. Each round adds up every customer's
    next few names in one pass over their touches; most paths end in the first.
    """
    bits = n_names.bit_length()
    position = np.arange(len(name)) - np.repeat(starts, lengths)  # place of each touch on its path
    number = np.empty(len(starts), dtype=np.int64)
    going, rank = np.arange(len(starts)), lengths.astype(np.int64)  # before the first round: ranked by length
    done = numbered = 0
    while len(going):
        step = max((62 - int(rank.max(initial=0)).bit_length()) // bits, 1)
        window = position < done + step  # the next names of every customer still going
        packed_names = (name[window] + 1) << (bits * (step - 1 - (position[window] - done)))
        count = np.minimum(lengths[going] - done, step)  # at least 1: only customers with names left go on
        packed = np.add.reduceat(packed_names, np.cumsum(count) - count)
        keys = rank << (bits * step) | packed
        # hashing beats np.unique; a table sized for a fraction of the keys (paths repeat) is 3 times faster
        rank = pd.factorize(keys, sort=True, size_hint=len(keys) // 8)[0].astype(np.int64, copy=False)
        done += step
        ending = lengths[going] <= done
        if ending.any():  # shorter than those going on, so their ranks are 0 .. k - 1
            number[going[ending]] = numbered + rank[ending]
            ended = int(rank[ending].max()) + 1
            numbered += ended
            going, rank = going[~ending], rank[~ending] - ended
        later = position >= done  # only the touches still to be read
        name, position = name[later], position[later]
    return number


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
    touches, _ = read_touches(events, by, conversion_stage, framework)
    return path_table(touches)


# --------------------------------------------------------------------------- paths as numbers


@dataclass(frozen=True)
class Paths:
    """A checked path table, one entry per touch: which path, where on it, which name."""

    names: np.ndarray  # the distinct names (object array)
    path: np.ndarray  # per touch: row of the path table
    position: np.ndarray  # per touch: 0 for the first touch of its path
    length: np.ndarray  # per touch: length of its path
    name: np.ndarray  # per touch: code into ``names``
    conversions: np.ndarray  # per path
    nulls: np.ndarray  # per path


def read_paths(paths: pd.DataFrame) -> Paths:
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
    written = _written_earlier(values)
    lengths, codes, names = (written.lengths, written.codes, written.names) if written else _path_codes(values)
    counts = [_counts(paths[column], column) for column in ("conversions", "nulls")]
    path = np.repeat(np.arange(len(values)), lengths)
    first = np.cumsum(lengths) - lengths
    return Paths(names=np.asarray(names, dtype=object), path=path, position=np.arange(len(codes)) - first[path],
                  length=lengths[path], name=codes, conversions=counts[0], nulls=counts[1])


def _path_codes(values: list) -> tuple[np.ndarray, np.ndarray, pd.Index | np.ndarray]:
    """Check the paths of a table and read them: each one's length, all their names as codes, the names."""
    if not set(map(type, values)) <= {tuple, list} or not all(values):  # one pass each, in C
        raise ValidationError("path", "every path must be a tuple of at least one name",
                              value=next(v for v in values if not isinstance(v, (tuple, list)) or not v),
                              allowed='a tuple such as ("Instagram ad", "Checkout (Web)")')
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    flat = np.fromiter(chain.from_iterable(values), dtype=object, count=int(lengths.sum()))
    codes, names = _factorize(flat)
    return lengths, codes, names


@dataclass(frozen=True)
class _Written:
    """A path column as :func:`path_table` wrote it, with the codes it was written from."""

    paths: list[tuple]  # the tuples, one per row
    lengths: np.ndarray  # per row
    codes: np.ndarray  # every row's names as codes, row after row
    names: np.ndarray  # sorted, as reading the tuples would sort them


_recently_written: deque[_Written] = deque(maxlen=2)
"""The last path columns written. Why: ``markov_removal_effects(paths_from_events(events))``
would otherwise read back, name by name, the tuples it has just made from codes."""


def _remember(written: _Written) -> None:
    if pd.Index(written.names).is_monotonic_increasing:  # else reading would number the names differently
        _recently_written.append(written)


def _written_earlier(values: list) -> _Written | None:
    """What :func:`path_table` remembers of these paths, if it wrote the same paths in the same rows.

    Comparing the lists is quick: Python sees that each tuple is the very one
    written before without looking inside. A table that was sorted, cut or edited is read anew.
    """
    for written in tuple(_recently_written):  # (a copy: another thread may write meanwhile)
        if written.paths == values:
            return written
    return None


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


def credit_series(names: np.ndarray, credit: np.ndarray) -> pd.Series:
    series = pd.Series(credit, index=pd.Index(names, name="name"), name="credit", dtype=np.float64)
    return series.iloc[largest_first(series.to_numpy())]


def largest_first(values: np.ndarray) -> np.ndarray:
    """The order from largest to smallest, ties in name order: equal values stay equal after rounding
    away the last bits that a linear solve leaves, which differ from one processor to another."""
    return np.argsort(-np.round(values, 12), kind="stable")
