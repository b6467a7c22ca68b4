"""Goals against actuals: monthly campaign KPIs, and whether each stage met its goal.

Introduced in notebook 05. A stage goal (more sales, fewer customers lost)
becomes useful once it is measured: :func:`campaign_kpis` works the usual KPIs
out of the monthly campaign counts, and :func:`goal_attainment` puts each
measured value next to its target.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from journeylab import kpis
from journeylab.analytics.event_log import percent, stage_positions
from journeylab.errors import SchemaError, ValidationError
from journeylab.frameworks import get_framework

__all__ = ["campaign_kpis", "goal_attainment", "better_by"]

_GOAL_COLUMNS = ("goal", "kpi", "better", "target", "actual", "unit", "met", "gap", "better_by")


# --------------------------------------------------------------------------- monthly campaign KPIs


def _per_hundred(referrals: pd.Series, customers: pd.Series) -> pd.Series:
    return pd.Series(percent(referrals.to_numpy(), customers.to_numpy()), index=referrals.index)


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
    stages = np.asarray(fw.stage_names, dtype=object)[stage_positions(campaigns["stage"], fw)]
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


# --------------------------------------------------------------------------- goals against actuals


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
        columns ``goal``, ``kpi``, ``better`` (``"higher"`` or ``"lower"``),
        ``target``, ``actual``, ``unit``, ``met``, ``gap`` (actual minus target,
        in the KPI's unit: positive means above target, which is good only when
        ``better`` is ``"higher"``) and ``better_by`` (:func:`better_by`: how
        far the actual is on the good side of the target, in percent of the
        target, so rows with different units compare). Reaching the target
        exactly counts as met. A stage without a measured value gets ``actual``
        NaN and ``met`` False: a goal that was not measured has not been shown
        to be met.

    Examples
    --------
    >>> from types import SimpleNamespace as Goal
    >>> goals = {
    ...     "Buy": Goal(goal="More sales", kpi="Conversion rate", target=5.0, unit="%", better="higher"),
    ...     "Repeat": Goal(goal="Keep customers", kpi="Churn rate", target=10.0, unit="%", better="lower"),
    ... }
    >>> table = goal_attainment(goals, {"buy": 4.0, "Repeat": 8.0})
    >>> table[["better", "target", "actual", "met", "gap", "better_by"]]  # doctest: +NORMALIZE_WHITESPACE
            better  target  actual    met  gap  better_by
    stage
    Buy     higher     5.0     4.0  False -1.0      -20.0
    Repeat   lower    10.0     8.0   True -2.0       20.0
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
                "better": direction,
                "target": target,
                "actual": actual,
                "unit": _goal_attribute(goal, stage, "unit"),
                "met": bool(met),  # False when actual is NaN: NaN compares as False
                "gap": actual - target,
                "better_by": better_by(target, actual, direction),
            }
        )
    table = pd.DataFrame(rows, columns=list(_GOAL_COLUMNS), index=pd.Index(list(stage_goals), name="stage"))
    return table.astype({"target": float, "actual": float, "gap": float, "met": bool, "better_by": float})


def better_by(target: float, actual: float, better: str) -> float:
    """How far ``actual`` is on the good side of ``target``, in percent of the target; negative is worse.

    Introduced in notebook 05. It puts KPIs of different sizes on one scale
    (a 1 % click-through rate, 50,000 people reached) and makes "better than
    the target" point the same way whichever way the KPI should go: a churn
    rate of 8 % against a ceiling of 10 % is 20 % better than the target. NaN
    when nothing was measured, or when the target is 0 (no percentage of nothing).

    >>> better_by(5.0, 4.0, "higher"), better_by(10.0, 8.0, "lower"), better_by(70.0, 85.5, "lower")
    (-20.0, 20.0, -22.142857142857142)
    >>> better_by(5.0, 4.0, "more")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: better: must say which way is good (got 'more'). Allowed: higher, lower.
    """
    if better not in ("higher", "lower"):
        raise ValidationError("better", "must say which way is good", value=better, allowed=("higher", "lower"))
    if math.isnan(actual) or math.isnan(target) or target == 0:
        return math.nan
    ahead = (actual - target) / abs(target) * 100
    return ahead if better == "higher" else -ahead


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
