"""Strategy before tactics: a business target, SMART objectives, strategies and tactics.

Notebook 01 teaches the chain *target → objectives → strategies → tactics*: a
target is the business result (more sales), objectives are measurable steps
towards it, a strategy is the plan for reaching an objective, and tactics are
the everyday actions that carry a strategy out. A plan full of tactics with no
strategy behind them is busywork; :meth:`Plan.problems` says where that happens.

>>> visits = Objective("website visits", baseline=20_000, target=30_000,
...                    deadline="2025-12-31", supports="Increase sales by 25%")
>>> visits.sentence()
'Increase website visits from 20,000 to 30,000 by 31 December 2025.'
>>> smart_check(Objective("brand awareness")).missing
('Specific', 'Measurable', 'Relevant', 'Time-bound')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from journeylab import _fields
from journeylab.errors import ValidationError
from journeylab.learner_input import read_date

__all__ = [
    "Target",
    "Objective",
    "Strategy",
    "Tactic",
    "Plan",
    "Problems",
    "SmartCheck",
    "smart_check",
    "SMART_CRITERIA",
    "MAX_REALISTIC_CHANGE",
]

SMART_CRITERIA = ("Specific", "Measurable", "Achievable", "Relevant", "Time-bound")

MAX_REALISTIC_CHANGE = 3.0

VAGUE_WORDS = ("awareness", "presence", "visibility", "engagement", "buzz", "image", "reputation")
"""Words that name a wish rather than a count (notebook 01: "website visits", not "online presence")."""

COUNTED_WORDS = ("share", "number", "percent", "visit", "visitor", "order", "sale", "customer", "rate",
                 "count", "sign-up", "subscriber", "follower", "review", "click", "mention", "score", "revenue")
"""Words that say what is counted, so a metric with a vague word in it can still be specific."""
"""A change of more than +300% (or a fall of more than 75%) in one plan is flagged as
probably not achievable. It is a rule of thumb for the exercises, not a law."""


def _date(value: Any, field: str) -> dt.date | None:
    """A deadline: a date, or text such as ``"2025-12-31"`` or ``"31 December 2025"`` (read as everywhere)."""
    if value is None or value == "":
        return None
    day = read_date(value)
    if day is not None:
        return day
    raise ValidationError(field, "must be a date", value=value, allowed='a date written as "YYYY-MM-DD", e.g. "2025-12-31"')


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Target:
    """The business result the whole plan serves, e.g. "Increase sales by 25% by the end of the year"."""

    statement: str
    deadline: dt.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "statement", _fields.text(self.statement, "target.statement", required=True))
        object.__setattr__(self, "deadline", _date(self.deadline, "target.deadline"))


@dataclass(frozen=True)
class Tactic:
    """An everyday action: a blog post a week, a reply to every review within a day."""

    statement: str
    channel: str = ""
    owner: str = ""

    def __post_init__(self) -> None:
        for name, required in (("statement", True), ("channel", False), ("owner", False)):
            object.__setattr__(self, name, _fields.text(getattr(self, name), f"tactic.{name}", required=required))


@dataclass(frozen=True)
class Strategy:
    """The overarching plan for reaching an objective, carried out by its tactics."""

    statement: str
    tactics: tuple[Tactic, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "statement", _fields.text(self.statement, "strategy.statement", required=True))
        object.__setattr__(self, "tactics", _items(self.tactics, Tactic, "strategy.tactics"))


@dataclass(frozen=True)
class Objective:
    """A measurable step towards the target.

    Parameters
    ----------
    metric:
        What is measured, in words: "website visits", "repeat purchases".
    baseline, target:
        Where the metric stands today and the value to reach.
    unit:
        What the numbers count ("visits", "%"); optional.
    deadline:
        When the target must be reached.
    supports:
        The business target or journey stage this objective serves (what makes it relevant).
    strategies:
        How the objective will be reached.
    """

    metric: str
    target: float | None = None
    baseline: float | None = None
    unit: str = ""
    deadline: dt.date | None = None
    supports: str = ""
    strategies: tuple[Strategy, ...] = ()

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "metric", _fields.text(self.metric, "objective.metric"))
        set_(self, "target", _fields.number(self.target, "objective.target", required=False))
        set_(self, "baseline", _fields.number(self.baseline, "objective.baseline", required=False))
        set_(self, "unit", _fields.text(self.unit, "objective.unit"))
        set_(self, "deadline", _date(self.deadline, "objective.deadline"))
        set_(self, "supports", _fields.text(self.supports, "objective.supports"))
        set_(self, "strategies", _items(self.strategies, Strategy, "objective.strategies"))

    @property
    def change(self) -> float | None:
        """The relative change asked for (0.5 means +50%), when baseline and target are known."""
        if self.baseline is None or self.target is None or self.baseline == 0:
            return None
        return (self.target - self.baseline) / self.baseline

    def sentence(self) -> str:
        """The objective in one plain sentence, built from whatever is filled in."""
        verb = "Reduce" if self.change is not None and self.change < 0 else "Increase"
        unit = f" {self.unit}" if self.unit and self.unit != "%" else ("%" if self.unit == "%" else "")
        text = f"{verb} {self.metric or '(no metric yet)'}"
        if self.baseline is not None:
            text += f" from {_amount(self.baseline)}{unit}"
        if self.target is not None:
            text += f" to {_amount(self.target)}{unit}"
        if self.deadline is not None:
            text += f" by {_long_date(self.deadline)}"
        return text + "."


def _amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _items(values: Any, kind: type, field: str) -> tuple:
    if values is None:
        return ()
    if isinstance(values, kind):
        values = [values]
    items = tuple(values)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise ValidationError(f"{field}[{index}]", f"must be a {kind.__name__}", value=item, allowed=kind.__name__)
    return items


@dataclass(frozen=True)
class SmartCheck:
    """The result of :func:`smart_check`: which criteria an objective meets, and advice for the rest."""

    objective: Objective
    advice: dict[str, str]

    @property
    def missing(self) -> tuple[str, ...]:
        """The SMART criteria not met, in S-M-A-R-T order."""
        return tuple(name for name in SMART_CRITERIA if name in self.advice)

    @property
    def is_smart(self) -> bool:
        return not self.advice

    def __str__(self) -> str:
        if self.is_smart:
            return f"SMART: {self.objective.sentence()}"
        lines = [f"Not SMART yet: {self.objective.sentence()}"]
        lines += [f"- {name}: {self.advice[name]}" for name in self.missing]
        return "\n".join(lines)


def smart_check(objective: Objective) -> SmartCheck:
    """Say which SMART criteria an objective misses, in words a marketer understands.

    Introduced in notebook 01. The checks are deliberately simple rules of thumb:
    *Specific* needs a named metric that says what is counted (one built on a
    word of :data:`VAGUE_WORDS`, with no unit and none of :data:`COUNTED_WORDS`,
    is a wish); *Measurable* a target number and a baseline to measure from;
    *Achievable* a change no bigger than :data:`MAX_REALISTIC_CHANGE`, judged
    once the objective is measurable (before that, Measurable says what is
    missing); *Relevant* a link to the business target or a journey stage;
    *Time-bound* a deadline.
    """
    if not isinstance(objective, Objective):
        raise ValidationError("objective", "must be an Objective", value=objective, allowed="an Objective")
    advice: dict[str, str] = {}
    if not objective.metric:
        advice["Specific"] = "Name exactly what you will measure, e.g. 'website visits'."
    elif _is_vague(objective):
        advice["Specific"] = (f"'{objective.metric}' names a wish, not a count: say who or what you will count, "
                              "e.g. 'the share of the target audience that knows our brand' or 'website visits'.")
    change = objective.change
    if objective.target is None or objective.baseline is None:
        advice["Measurable"] = "Give the number you start from (baseline) and the number you aim for (target)."
    elif change is None:
        advice["Achievable"] = "With a baseline of zero nobody can judge whether the goal is realistic: start from where you stand."
    elif change > MAX_REALISTIC_CHANGE or change < -0.75:
        advice["Achievable"] = (
            f"A change of {change:+.0%} in one plan is rarely realistic; aim for a smaller step or a later deadline."
        )
    if not objective.supports:
        advice["Relevant"] = "Say which business target (or journey stage) this objective serves."
    if objective.deadline is None:
        advice["Time-bound"] = "Set a deadline, e.g. the end of the year."
    return SmartCheck(objective, advice)


def _is_vague(objective: Objective) -> bool:
    metric = objective.metric.lower()
    return (not objective.unit and any(word in metric for word in VAGUE_WORDS)
            and not any(word in metric for word in COUNTED_WORDS))


class Problems(list):
    """What keeps a plan from being complete: a list of sentences, shown one per line in a notebook.

    >>> Problems(["The plan has no objectives yet."])
    - The plan has no objectives yet.
    >>> Problems()
    Nothing is missing: the chain is complete.
    """

    def __str__(self) -> str:
        return "\n".join(f"- {problem}" for problem in self) if self else "Nothing is missing: the chain is complete."

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


@dataclass(frozen=True)
class Plan:
    """A target with the objectives, strategies and tactics that serve it."""

    target: Target
    objectives: tuple[Objective, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.target, Target):
            raise ValidationError("plan.target", "must be a Target", value=self.target, allowed="a Target")
        object.__setattr__(self, "objectives", _items(self.objectives, Objective, "plan.objectives"))

    @property
    def strategies(self) -> tuple[Strategy, ...]:
        return tuple(strategy for objective in self.objectives for strategy in objective.strategies)

    @property
    def tactics(self) -> tuple[Tactic, ...]:
        return tuple(tactic for strategy in self.strategies for tactic in strategy.tactics)

    def outline(self) -> str:
        """The plan as an indented outline, one level per indent (notebook 01).

        >>> plan = Plan(Target("Grow"), [Objective("visits", strategies=[Strategy("Be found", tactics=[Tactic("Blog weekly")])])])
        >>> print(plan.outline())
        TARGET: Grow
          OBJECTIVE: Increase visits.
            STRATEGY: Be found
              TACTIC: Blog weekly
        """
        lines = [f"TARGET: {self.target.statement}"]
        for objective in self.objectives:
            lines.append(f"  OBJECTIVE: {objective.sentence()}")
            for strategy in objective.strategies:
                lines.append(f"    STRATEGY: {strategy.statement}")
                lines += [f"      TACTIC: {tactic.statement}" for tactic in strategy.tactics]
        return "\n".join(lines)

    def problems(self) -> Problems:
        """Everything that keeps the plan from being complete, one plain sentence each.

        An objective is checked as part of this plan, so it counts as relevant
        (it serves the plan's target) even when its ``supports`` is empty.
        """
        found = []
        if not self.objectives:
            found.append("The plan has no objectives yet: how will you measure progress towards the target?")
        for number, objective in enumerate(self.objectives, start=1):
            check = smart_check(objective)
            for name in check.missing:
                if name != "Relevant":
                    found.append(f"Objective {number} ({objective.metric or 'no metric'}) is not {name}: {check.advice[name]}")
            if not objective.strategies:
                found.append(f"Objective {number} ({objective.metric or 'no metric'}) has no strategy to reach it.")
            for strategy in objective.strategies:
                if not strategy.tactics:
                    found.append(f"The strategy '{strategy.statement}' has no tactics to carry it out.")
        return Problems(found)
