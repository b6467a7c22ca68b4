"""Comparing groups (channels, segments, months): which differences are real, and which may be chance.

Introduced in notebook 04. A share worked out from a small group moves a lot
by chance: 47 buyers of 675 is 7.0 %, but a few buyers more or less and it
would read 6 % or 8 %. :func:`wilson_interval` gives the range a share is
likely in (the Wilson score interval, which stays sensible for small groups
and shares near 0 %), and :func:`compare_groups` ranks the funnels of
``stage_funnel(events, breakdown=...)`` at one stage with that range, and a
verdict in words from the rule of thumb: **when two ranges overlap, the
difference may be chance.**

>>> low, high = wilson_interval(47, 675)
>>> round(47 / 675 * 100, 1), round(low, 1), round(high, 1)
(7.0, 5.3, 9.1)
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import framework_names, get_framework

__all__ = ["BREAKDOWN_ALLOWED", "wilson_interval", "compare_groups", "breakdown_counts", "compare_stage"]

BREAKDOWN_ALLOWED = 'the table from stage_funnel(events, breakdown="channel"), with a users column'

_VERDICTS = ("highest", "too close to call", "clearly lower")
"""The verdicts of :func:`compare_groups`: the top group; a range that overlaps the top one; one wholly below it."""


def wilson_interval(reached: Any, started: Any, confidence: float = 0.95) -> tuple[Any, Any]:
    """The range, in percent, that the true share ``reached`` of ``started`` is likely in.

    Introduced in notebook 04. It is the Wilson score interval: with
    ``confidence=0.95``, ranges made this way hold the true share 95 times in
    100. Numbers or arrays of numbers; NaN where nobody started.

    >>> [round(end, 1) for end in wilson_interval(0, 20)]  # nobody of 20: the share may still be up to 16 %
    [0.0, 16.1]
    >>> wilson_interval(5, 3)
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: reached: must be between 0 and the number started (got 5). Allowed: a whole number from 0 to 3.
    """
    if not (isinstance(confidence, float) and 0 < confidence < 1):
        raise ValidationError("confidence", "must be a share between 0 and 1", value=confidence,
                              allowed="a number such as 0.95 (95 %)")
    k, n = np.asarray(reached, dtype=float), np.asarray(started, dtype=float)
    if np.any((k < 0) | (k > n)):
        bad = float(np.broadcast_to(k, np.broadcast(k, n).shape)[(k < 0) | (k > n)].flat[0])
        raise ValidationError("reached", "must be between 0 and the number started",
                              value=int(bad) if bad.is_integer() else bad,
                              allowed=f"a whole number from 0 to {_count_text(n)}")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(n > 0, k / n, np.nan)
        denominator = 1 + z**2 / n
        centre = (share + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(share * (1 - share) / n + z**2 / (4 * n**2)) / denominator
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0, 1) * 100)  # exactly 0, not 1e-15
    high = np.where(k == n, 100.0, np.clip(centre + half, 0, 1) * 100)
    low, high = np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def _count_text(value: Any) -> str:
    """The largest count as a person writes it, for an error message."""
    largest = float(np.max(value))
    return f"{int(largest):,}" if largest.is_integer() else f"{largest:g}"


def compare_groups(breakdown_frame: pd.DataFrame, at: str | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """One row per group, highest share first: how many started, how many reached ``at``, the share and its range.

    Introduced in notebook 04.

    Parameters
    ----------
    breakdown_frame:
        The table from ``stage_funnel(events, breakdown="channel")``.
    at:
        The stage to compare at; default the purchase (Buy in the hourglass)
        when the stages are those of a framework, else the last stage.
    confidence:
        How sure the ranges are: 0.95 (default) means 95 in 100.

    Returns
    -------
    pandas.DataFrame
        Index: the groups; columns ``started`` (people at the first stage),
        ``reached`` (at ``at``), ``share`` (in percent), ``low`` and ``high``
        (:func:`wilson_interval`) and ``verdict``: ``"highest"`` for the group
        with the highest share; ``"too close to call"`` for a group whose range
        overlaps the highest one's (the difference may be chance);
        ``"clearly lower"`` for a range wholly below it; ``"nobody started
        here"`` for a group without people at the first stage.

    Examples
    --------
    >>> table = pd.DataFrame({"users": [675, 47, 6234, 276]}, index=pd.MultiIndex.from_product(
    ...     [["Referral", "Instagram"], ["Know", "Buy"]], names=["channel", "stage"]))
    >>> compare_groups(table).round(1)  # doctest: +NORMALIZE_WHITESPACE
               started  reached  share  low  high        verdict
    channel
    Referral       675       47    7.0  5.3   9.1        highest
    Instagram     6234      276    4.4  3.9   5.0  clearly lower
    """
    groups, stages, users, level = breakdown_counts(breakdown_frame)
    stage = compare_stage(at, stages)
    started, reached = users[:, 0], users[:, stage]
    low, high = wilson_interval(reached, started, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(started > 0, reached / started * 100, np.nan)
    table = pd.DataFrame({"started": started.astype(int), "reached": reached.astype(int), "share": share,
                          "low": low, "high": high}, index=pd.Index(groups, name=level))
    table = table.sort_values("share", ascending=False, kind="stable", na_position="last")
    best_low = table["low"].iloc[0]
    verdicts = ["nobody started here" if math.isnan(row_high) else _VERDICTS[0] if number == 0 else
                _VERDICTS[1] if row_high >= best_low else _VERDICTS[2]
                for number, row_high in enumerate(table["high"])]
    return table.assign(verdict=verdicts)


def breakdown_counts(value: Any) -> tuple[list[str], list[str], np.ndarray, str]:
    """Groups and stages in the table's order, users as a groups × stages array, and the group level's name."""
    if not isinstance(value, pd.DataFrame):
        raise ValidationError("breakdown_frame", "must be a table", value=type(value).__name__,
                              allowed=BREAKDOWN_ALLOWED)
    if len(value) == 0:
        raise ValidationError("breakdown_frame", "is empty: there are no stages to draw", allowed=BREAKDOWN_ALLOWED)
    if "users" not in value.columns:
        present = ", ".join(str(name) for name in value.columns) or "none"
        raise SchemaError("users", f"breakdown_frame has no users column (its columns are: {present})",
                          allowed=BREAKDOWN_ALLOWED)
    levels = value.index.nlevels
    if levels != 2:
        problem = "has one funnel, not one per group" if levels == 1 else (
            "has more than one kind of group (breakdown and freq together): draw one kind at a time")
        raise ValidationError("breakdown_frame", problem, value=f"{levels} index level{'s' * (levels != 1)}",
                              allowed=BREAKDOWN_ALLOWED)
    group_values, stage_values = value.index.get_level_values(0), value.index.get_level_values(1)
    groups = list(dict.fromkeys(str(group) for group in group_values))
    stages = list(dict.fromkeys(str(stage) for stage in stage_values))
    column = value["users"]
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        raise SchemaError("users", "must hold numbers", value=str(column.dtype), allowed="numbers such as 1200 or 2.5")
    counts = column.to_numpy(dtype=float, na_value=np.nan)
    users = np.zeros((len(groups), len(stages)))
    for group, stage, count in zip(group_values, stage_values, counts):
        if not math.isfinite(count) or count < 0:
            raise ValidationError(f"users.{group}.{stage}", "must be a number of users", value=count,
                                  allowed="a whole number, 0 or more")
        users[groups.index(str(group)), stages.index(str(stage))] += count
    name = value.index.names[0]
    return groups, stages, users, str(name) if name is not None else "group"


def compare_stage(at: str | None, stages: list[str], argument: str = "at") -> int:
    """Where the groups are compared: the stage asked for, the purchase, or the last stage."""
    folded = [stage.strip().casefold() for stage in stages]
    if at is not None:
        if not isinstance(at, str) or at.strip().casefold() not in folded:
            raise UnknownNameError(argument, "is not a stage of the table", value=at, allowed=stages)
        return folded.index(at.strip().casefold())
    for key in framework_names():
        framework = get_framework(key)
        purchase = framework.from_hourglass["Buy"].casefold()
        if set(folded) <= {name.casefold() for name in framework.stage_names} and purchase in folded:
            return folded.index(purchase)
    return len(stages) - 1
