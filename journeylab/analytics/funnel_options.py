"""The options of :func:`~journeylab.analytics.stage_funnel`: checking them, and one funnel per group.

Used by :mod:`journeylab.analytics.funnels`. Each check turns what a learner
typed (``within="30D"``, ``freq="m"``) into a clean value or raises an error
that names the parameter and what it accepts. Grouping gives every customer
the number of the funnel they count in (their first channel, the month they
started), so all funnels are counted in one pass per stage.
"""

from __future__ import annotations

import re
from datetime import timedelta

import numpy as np
import pandas as pd

from journeylab.analytics.event_log import NEVER, REQUIRED_COLUMNS, EventLog, first_event_rows
from journeylab.errors import UnknownNameError, ValidationError

__all__ = ["PERIODS", "NOT_SET", "window_nanoseconds", "check_directly", "period_alias", "breakdown_column",
           "user_groups"]

PERIODS = {"D": "day", "W": "week, Monday to Sunday", "M": "month", "Q": "quarter", "Y": "year"}
"""The periods of a trended funnel (``stage_funnel(events, freq="M")``)."""
NOT_SET = "(not set)"
"""The breakdown value of customers whose first event leaves the column empty (as in Google Analytics)."""

_WINDOW_EXAMPLES = "a length of time such as '30D' (30 days), '12h' (12 hours) or '2W' (2 weeks)"
_NUMBER_AND_UNIT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*")
_UNITS = {  # what a learner may type (lower case) -> the unit pandas wants
    **dict.fromkeys(("w", "week", "weeks"), "W"),
    **dict.fromkeys(("d", "day", "days"), "D"),
    **dict.fromkeys(("h", "hour", "hours"), "h"),
    **dict.fromkeys(("min", "minute", "minutes"), "min"),
    **dict.fromkeys(("s", "second", "seconds"), "s"),
}
_MONTHS_OR_YEARS = ("m", "mo", "month", "months", "y", "year", "years")


# --------------------------------------------------------------------------- checking the options


def window_nanoseconds(within: str | timedelta | None) -> int | None:
    """The conversion window in nanoseconds, or a clear error for anything that is not a length of time."""
    if within is None:
        return None
    if isinstance(within, str):
        length = _length_of_time(within)
    elif isinstance(within, (timedelta, np.timedelta64)):
        length = pd.Timedelta(within)
    else:
        raise ValidationError("within", "must be a length of time, written as text", value=within,
                              allowed=_WINDOW_EXAMPLES)
    if pd.isna(length) or length <= pd.Timedelta(0):
        raise ValidationError("within", "must be a length of time longer than zero", value=within,
                              allowed=_WINDOW_EXAMPLES)
    return int(length.value)


def _length_of_time(text: str) -> pd.Timedelta:
    """``"30D"``, ``"30 days"``, ``"2w"``, ``"12h"``, ``"90min"``, or anything ``pd.Timedelta`` reads.

    A number and a unit are read here, in either case, so that ``"30d"`` works
    without the warnings newer pandas gives for lower-case units.
    """
    simple = _NUMBER_AND_UNIT.fullmatch(text)
    unit = simple.group(2).lower() if simple else ""
    if unit in _MONTHS_OR_YEARS:
        raise ValidationError("within", "cannot be in months or years, which differ in length: use days "
                              "(or 'min' for minutes)", value=text, allowed=_WINDOW_EXAMPLES)
    if simple and unit in _UNITS:
        return pd.Timedelta(float(simple.group(1)), unit=_UNITS[unit])
    try:
        float(text)
    except ValueError:
        pass
    else:
        raise ValidationError("within", "a number alone is no length of time: it needs a unit",
                              value=text, allowed=_WINDOW_EXAMPLES)
    try:
        return pd.Timedelta(text.strip())
    except ValueError:
        raise ValidationError("within", "cannot be read as a length of time", value=text,
                              allowed=_WINDOW_EXAMPLES) from None


def check_directly(directly: bool, closed: bool) -> None:
    if not isinstance(directly, (bool, np.bool_)):
        raise ValidationError("directly", "must be True or False", value=directly, allowed=(True, False))
    if directly and not closed:
        raise ValidationError(
            "directly",
            "works only in a closed funnel (closed=True): an open funnel does not look at the order of events",
            value=directly,
            allowed="directly=True with closed=True, or directly=False",
        )


def period_alias(freq: str | None) -> str | None:
    """One of the letters of :data:`PERIODS`, matched ignoring case and spaces at the ends."""
    if freq is None:
        return None
    alias = freq.strip().upper() if isinstance(freq, str) else None
    if alias not in PERIODS:
        raise ValidationError(
            "freq", "is not a period the funnel can be trended by", value=freq,
            allowed=", ".join(f"'{letter}' ({name})" for letter, name in PERIODS.items()),
        )
    return alias


def breakdown_column(events: pd.DataFrame, breakdown: str) -> pd.Series:
    others = [str(column) for column in events.columns if column not in REQUIRED_COLUMNS]
    allowed = ", ".join(others) if others else "a column other than user_id, timestamp and stage; this log has none"
    if breakdown in REQUIRED_COLUMNS:
        raise ValidationError(
            "breakdown", "cannot be one of the columns every event log has; to see the funnel by time, use freq=",
            value=breakdown, allowed=allowed,
        )
    if not isinstance(breakdown, str) or breakdown not in events.columns:
        raise UnknownNameError("breakdown", "the event log has no column of that name", value=breakdown,
                               allowed=allowed)
    return events[breakdown]


# --------------------------------------------------------------------------- one funnel per group


def user_groups(
    log: EventLog, start: np.ndarray, column: pd.Series | None, period: str | None
) -> tuple[np.ndarray, list[pd.Index]]:
    """Each user's funnel number (-1: in none) and the labels of the funnels, one Index per level."""
    group = np.zeros(log.n_users, dtype=np.int64)
    levels: list[pd.Index] = []
    if column is not None:
        group, labels = _breakdown_groups(log, column)
        levels.append(labels)
    if period is not None:
        started, labels = _period_groups(start, period)
        group = np.where((group >= 0) & (started >= 0), group * len(labels) + started, -1)
        levels.append(labels)
    return group, levels


def _breakdown_groups(log: EventLog, column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    values = column.iloc[first_event_rows(log)]
    codes, uniques = pd.factorize(values, sort=True)  # categories keep their own order
    labels = list(uniques)
    if (codes < 0).any():
        codes[codes < 0] = len(labels)
        labels.append(NOT_SET)
    return codes.astype(np.int64, copy=False), pd.Index(labels, name=column.name)


def _period_groups(start: np.ndarray, period: str) -> tuple[np.ndarray, pd.Index]:
    started = start != NEVER
    periods = pd.DatetimeIndex(start[started].view("datetime64[ns]")).to_period(period)
    group = np.full(len(start), -1, dtype=np.int64)
    if not len(periods):
        return group, pd.PeriodIndex([], freq=period, name="period")
    ordinals = periods.asi8  # consecutive whole numbers, one per period
    group[started] = ordinals - ordinals.min()
    return group, pd.period_range(periods.min(), periods.max(), freq=period, name="period")
