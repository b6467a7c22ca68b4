"""The event log as numbers: checking it, and the numpy passes every analysis is built from.

The building blocks the analyses share (:mod:`journeylab.analytics` and
:mod:`journeylab.attribution`, which reads event logs the same way); learners
call the analyses, not these. Working on integer codes instead of
names and timestamps is what keeps a million events fast: every step is a
handful of vectorised numpy operations, never a Python loop over customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import pandas as pd

from journeylab.errors import SchemaError, UnknownNameError
from journeylab.frameworks import Framework, get_framework

__all__ = ["REQUIRED_COLUMNS", "NEVER", "FROM_THE_START", "EventLog", "read_events", "codes_in_use",
           "stage_positions", "first_time_at_or_after", "first_event_rows", "journey_order", "clock", "in_order",
           "percent", "steps", "wait_table"]

REQUIRED_COLUMNS = ("user_id", "timestamp", "stage")
"""The columns every event log needs; other columns are ignored."""

NEVER = np.iinfo(np.int64).max  # "this user never got there", later than any real time
FROM_THE_START = np.iinfo(np.int64).min  # "any time counts", earlier than any real time
_NANOSECONDS_PER_DAY = 86_400 * 10**9


@dataclass(frozen=True)
class EventLog:
    """The three columns we need as numbers, one entry per event, in the caller's row order."""

    stage_names: tuple[str, ...]
    user: np.ndarray  # int64 code per event, 0 .. n_users - 1
    time: np.ndarray  # int64 nanoseconds since 1970 per event
    stage: np.ndarray  # int64 position of the event's stage in the framework
    n_users: int

    @cached_property
    def by_stage(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """``(user, time)`` of the events at each stage, in the log's order, picked out once for every pass.

        Why one pick per stage rather than one sort by stage: the picks read the
        log front to back, so the time per event stays the same from 1M to 5M
        events; the sort's scattered reads made 5M events twice as slow per event.
        """
        stage = self.stage.astype(np.int8)  # an eighth of the memory to scan for each stage
        rows = [np.flatnonzero(stage == position) for position in range(len(self.stage_names))]
        return [(self.user[picked], self.time[picked]) for picked in rows]


def read_events(events: pd.DataFrame, framework: str | Framework) -> EventLog:
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
    column = events["user_id"]
    user, users = codes_in_use(column) if isinstance(column.dtype, pd.CategoricalDtype) else pd.factorize(column)
    if (user < 0).any():
        raise SchemaError(
            "user_id",
            f"{_events_have(int((user < 0).sum()))} no user id",
            allowed="a user id on every event",
        )
    return EventLog(
        stage_names=fw.stage_names,
        user=user.astype(np.int64, copy=False),
        time=_nanoseconds(events["timestamp"]),
        stage=stage_positions(events["stage"], fw),
        n_users=len(users),
    )


def codes_in_use(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """A category column's codes (int64, -1 where empty) and the categories that occur.

    Why: the codes are already there, so reading them costs one pass instead of
    hashing every text value again. Categories no event uses are dropped and
    the codes renumbered, so no result counts (or lists) a value nobody has.
    """
    codes = column.cat.codes.to_numpy()  # int8 to int32: read once, widened once
    categories = column.cat.categories
    seen = np.zeros(len(categories) + 1, dtype=bool)
    seen[codes] = True  # an empty cell (-1) marks the extra last entry
    seen = seen[:-1]
    if seen.all():
        return codes.astype(np.int64), categories
    renumber = np.full(len(categories) + 1, -1, dtype=np.int64)  # the last entry: -1 stays -1
    renumber[:-1][seen] = np.arange(int(seen.sum()))
    return renumber[codes], categories[seen]


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


def stage_positions(column: pd.Series, fw: Framework) -> np.ndarray:
    """Each event's stage as its place in the framework (Know is 0), matched ignoring case."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, values = codes_in_use(column)
    else:  # factorizing the plain array is faster than the Series for pandas 3 text columns
        codes, values = pd.factorize(column.to_numpy())
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


# --------------------------------------------------------------------------- shared passes


def first_time_at_or_after(log: EventLog, stage: int, not_before: np.ndarray) -> np.ndarray:
    """Per user, the earliest event at ``stage`` that is not before ``not_before[user]``.

    ``NEVER`` for users without such an event. One vectorised pass over the
    events of one stage; funnels and waiting times are built from these passes.
    """
    users, times = log.by_stage[stage]
    in_time = times >= not_before[users]
    first = np.full(log.n_users, NEVER, dtype=np.int64)
    np.minimum.at(first, users[in_time], times[in_time])
    return first


def first_event_rows(log: EventLog) -> np.ndarray:
    """Per user, the row (position in the table) of their first event.

    First in time; at the same moment the earlier stage of the journey; for
    events alike in both, the row higher up in the table. Three cheap passes
    instead of a full sort.
    """
    first_time = np.full(log.n_users, NEVER, dtype=np.int64)
    np.minimum.at(first_time, log.user, log.time)
    candidate = log.time == first_time[log.user]
    first_stage = np.full(log.n_users, len(log.stage_names), dtype=np.int64)
    np.minimum.at(first_stage, log.user[candidate], log.stage[candidate])
    rows = np.flatnonzero(candidate & (log.stage == first_stage[log.user]))
    first_row = np.full(log.n_users, len(log.user), dtype=np.int64)
    np.minimum.at(first_row, log.user[rows], rows)
    return first_row


def journey_order(log: EventLog) -> np.ndarray | slice:
    """Positions that sort the events by user, then time, then journey order for ties.

    Packing the three keys into one integer and sorting that is about three
    times faster than ``np.lexsort`` on a million events (times: see
    :func:`clock`). A log already in that order, as the course's loaders give
    it, is not sorted again: the answer is then ``slice(None)``, every event as it is.
    """
    moment, _ = clock(log.time)
    stage_bits = (len(log.stage_names) - 1).bit_length()
    time_bits = int(moment.max(initial=0)).bit_length()
    if (max(log.n_users - 1, 0)).bit_length() + time_bits + stage_bits > 62:
        return np.lexsort((log.stage, log.time, log.user))  # billions of events: not packable
    key = (log.user << (time_bits + stage_bits)) | (moment << stage_bits) | log.stage
    return slice(None) if in_order(key) else np.argsort(key)


def clock(time: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Times as small whole numbers that sort like them, and how to turn those back into times.

    Whole seconds since the earliest event when every time is a whole second
    (``(moments, None)``: time = earliest + moment seconds); otherwise each
    time's rank among the distinct times, and the distinct times.
    """
    since_first = time - time.min() if len(time) else time
    seconds = since_first // 10**9  # one division per event: dividing is the slow part
    if (seconds * 10**9 == since_first).all():
        return seconds, None
    rank, distinct = pd.factorize(time, sort=True)  # hashing: many times faster than np.unique's sort
    return rank.astype(np.int64), distinct


def in_order(key: np.ndarray) -> bool:
    """Whether ``key`` never goes down: one pass, to skip a sort that would change nothing."""
    return bool((key[1:] >= key[:-1]).all())


def percent(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """100 * part / whole, NaN where the whole is 0 (and no warning)."""
    result = np.full(len(part), np.nan)
    np.divide(100.0 * part, whole, out=result, where=whole > 0)
    return result


def steps(names: tuple[str, ...]) -> list[str]:
    """``"Know → Like"`` for each pair of neighbouring stages."""
    return [f"{earlier} → {later}" for earlier, later in pairwise(names)]


def wait_table(steps: list[str], waits: list[np.ndarray]) -> pd.DataFrame:
    """Median and quartiles of each step's waits (int64 nanoseconds), as Timedelta and in days."""
    rows = []
    for wait in waits:
        q1, median, q3 = np.quantile(wait, [0.25, 0.5, 0.75]) if wait.size else (np.nan,) * 3
        rows.append((wait.size, median, q1, q3, median / _NANOSECONDS_PER_DAY))
    table = pd.DataFrame(
        rows, columns=["users", "median", "q1", "q3", "median_days"], index=pd.Index(steps, name="step")
    )
    for quantile in ("median", "q1", "q3"):
        table[quantile] = pd.to_timedelta(table[quantile].round(), unit="ns")
    return table
