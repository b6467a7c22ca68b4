"""Opportunities: what to fix in a journey, and in which order.

A journey map shows where customers struggle; an opportunity is one idea to
help them there (notebook 07). Each has a customer value and a business value
(0-100), an effort (1-5), an owner and a status. :func:`quadrant` names the
corner of the value-versus-effort matrix an idea falls in (:data:`QUADRANTS`),
and :func:`prioritise` ranks by the same corners, in the order their advice
gives (quick wins, big bets, fill-ins, thankless tasks), then by value per unit
of effort within a corner, lifting the ideas of a stage that misses its goal.
So the list and the matrix tell one story: the first idea of the list sits in
the corner that says "do these first" whenever that corner has one.

>>> fix = Opportunity("Show delivery cost on the product page", pain_point="Surprise fee at checkout",
...                   customer_value=80, business_value=60, effort=2)
>>> fix.value, fix.score
(70.0, 35.0)
>>> quadrant(fix.value, fix.effort)
'Quick wins'
>>> Opportunity("Faster replies", effort=9)
Traceback (most recent call last):
...
journeylab.errors.ValidationError: opportunity.effort: is out of range (got 9). Allowed: a whole number from 1 to 5.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real
from typing import TYPE_CHECKING, Any

from journeylab.errors import ValidationError
from journeylab.feelings import stage_feelings
from journeylab.journey import Journey
from journeylab.journey_parts import STATUSES, Opportunity

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Opportunity", "STATUSES", "MISSED_GOAL_BOOST", "QUADRANTS", "EFFORT_MIDDLE", "VALUE_MIDDLE", "quadrant",
           "prioritise", "ranked_rows"]

MISSED_GOAL_BOOST = 1.5
"""An opportunity in a stage that misses its goal counts this many times its score."""

EFFORT_MIDDLE, VALUE_MIDDLE = 3, 50
"""Where the value-versus-effort matrix is split: the middle of the effort scale (1-5) and of value (0-100)."""

QUADRANTS = {  # name: (corner of the matrix, what to do with what lands there)
    "Quick wins": ("top left", "much value, little effort: do these first"),
    "Big bets": ("top right", "much value, much effort: plan them"),
    "Fill-ins": ("bottom left", "little value, little effort: when there is time"),
    "Thankless tasks": ("bottom right", "little value, much effort: think twice"),
}
"""The four corners of the value-versus-effort matrix, split at :data:`EFFORT_MIDDLE` and :data:`VALUE_MIDDLE`.

Their order is the order of their advice, which :func:`prioritise` ranks by."""

_SINGULAR = {"Quick wins": "quick win", "Big bets": "big bet", "Fill-ins": "fill-in",
             "Thankless tasks": "thankless task"}


def quadrant(value: float, effort: float) -> str:
    """The corner of the value-versus-effort matrix an idea falls in: one of the names in :data:`QUADRANTS`.

    Introduced in notebook 07. Value 50 or more is *much value*; effort 3 or
    less is *little effort*: a point on a dividing line counts on the better
    side, as the tinted quick-win corner of the matrix shows.

    >>> quadrant(60, 4)
    'Big bets'
    >>> quadrant(50, 3)
    'Quick wins'
    >>> quadrant(40, 0)
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: effort: is out of range (got 0). Allowed: a number from 1 to 5.
    """
    value, effort = _scale(value, "value", 0, 100), _scale(effort, "effort", 1, 5)
    much_value, little_effort = value >= VALUE_MIDDLE, effort <= EFFORT_MIDDLE
    if much_value:
        return "Quick wins" if little_effort else "Big bets"
    return "Fill-ins" if little_effort else "Thankless tasks"


def _scale(number: Any, field: str, low: float, high: float) -> float:
    """A number on a scale from ``low`` to ``high`` (a whole number, a decimal or a number from a table)."""
    allowed = f"a number from {low:g} to {high:g}"
    if isinstance(number, bool) or not isinstance(number, Real):
        raise ValidationError(field, "must be a number", value=number, allowed=allowed)
    as_float = float(number)  # compare the float: numbers.Real is not typed as comparable with a float
    if not (math.isfinite(as_float) and low <= as_float <= high):
        raise ValidationError(field, "is out of range", value=number, allowed=allowed)
    return as_float


PRIORITY_COLUMNS = ["stage", "title", "pain_point", "value", "effort", "quadrant", "score", "emotion", "status", "owner",
                    "why"]


def prioritise(journey: Journey, actuals: Mapping[str, float] | pd.Series | None = None) -> pd.DataFrame:
    """Every opportunity of a journey, the most worth doing first, in the order the matrix gives.

    Introduced in notebook 07. The rank follows the corners of the
    value-versus-effort matrix (the ``quadrant`` column) in the order of
    their advice: quick wins first, then big bets, fill-ins and thankless
    tasks, as :func:`journeylab.plots.opportunity_matrix` shows them. Within
    a corner the higher ``score`` (value per effort) comes first. With
    ``actuals`` (each stage's measured KPI, e.g. from
    :func:`journeylab.analytics.goal_attainment` inputs), a stage whose
    :class:`~journeylab.journey.StageGoal` is missed has its opportunities'
    scores multiplied by :data:`MISSED_GOAL_BOOST`, which moves them up
    within their corner. The ``why`` column says all of this per idea.
    ``emotion`` is the mean feeling at the stage's touchpoints
    (:func:`journeylab.feelings.stage_feelings`; empty when the stage has none).

    >>> shop = Journey("Nordlys Home")
    >>> shop.add_opportunity("Try", Opportunity("Book a planning chat", customer_value=50, business_value=40, effort=1))
    >>> shop.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
    ...                                         effort=3))
    >>> prioritise(shop)[["title", "quadrant", "score"]]  # doctest: +NORMALIZE_WHITESPACE
                             title    quadrant  score
    rank
    1     Show delivery cost early  Quick wins  23.33
    2         Book a planning chat    Fill-ins  45.00
    """
    import pandas as pd  # only here: a journey (which holds opportunities) must not load pandas on import

    table = pd.DataFrame(ranked_rows(journey, actuals), columns=PRIORITY_COLUMNS)
    table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
    return table


def ranked_rows(journey: Journey, actuals: Mapping[str, float] | pd.Series | None = None) -> list[dict[str, Any]]:
    """The rows of :func:`prioritise`, in its order, as plain dictionaries (no pandas: fast enough for every click).

    The journey builder's priority table (notebook 07) is drawn from these after every change.

    >>> shop = Journey("Nordlys Home")
    >>> shop.add_opportunity("Buy", Opportunity("Show delivery cost early", effort=2))
    >>> [(row["title"], row["quadrant"], row["score"]) for row in ranked_rows(shop)]
    [('Show delivery cost early', 'Quick wins', 25.0)]
    """
    actuals = {} if actuals is None else {journey.framework.stage(stage).name: value for stage, value in dict(actuals).items()}
    means = {feeling.stage: feeling.mean for feeling in stage_feelings(journey)}
    rows: list[dict[str, Any]] = []
    for stage in journey.stage_names:
        mean = means[stage]
        emotion = float("nan") if mean is None else mean
        goal, actual = journey.goal(stage), actuals.get(stage)
        missed = goal is not None and actual is not None and not goal.is_met(actual)
        for opportunity in journey.opportunities(stage):
            corner = quadrant(opportunity.value, opportunity.effort)
            why = f"{_SINGULAR[corner]} ({QUADRANTS[corner][1]}); {opportunity.value:g} value / {opportunity.effort} effort"
            score = opportunity.score
            if missed:
                assert goal is not None  # only a stage with a goal can miss it
                score *= MISSED_GOAL_BOOST
                why += f"; {stage} misses its goal ({goal.kpi} {actual:g}{goal.unit} against {goal.target:g}{goal.unit}), so × {MISSED_GOAL_BOOST:g}"
            rows.append({
                "stage": stage, "title": opportunity.title, "pain_point": opportunity.pain_point,
                "value": opportunity.value, "effort": opportunity.effort, "quadrant": corner, "score": round(score, 2),
                "emotion": emotion, "status": opportunity.status, "owner": opportunity.owner, "why": why,
            })
    order = {name: position for position, name in enumerate(QUADRANTS)}
    return sorted(rows, key=lambda row: (order[row["quadrant"]], -row["score"]))  # stable: ties keep the journey's order
