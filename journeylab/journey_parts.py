"""The parts a stage of a journey holds: touchpoints, a goal, notes and opportunities.

Each is a small frozen value that checks itself when it is made, so a journey
can only ever hold valid parts; :class:`journeylab.journey.Journey` arranges
them by stage. Introduced in notebooks 05 (goals), 06 (touchpoints) and 07
(notes and opportunities).

>>> Touchpoint("Instagram", customer_action="Sees a reel", emotion=1).identity
('instagram', 'sees a reel')
>>> fix = Opportunity("Show delivery cost on the product page", customer_value=80, business_value=60, effort=2)
>>> fix.value, fix.score
(70.0, 35.0)
>>> Opportunity("Faster replies", effort=9)
Traceback (most recent call last):
...
journeylab.errors.ValidationError: opportunity.effort: is out of range (got 9). Allowed: a whole number from 1 to 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeylab import _fields
from journeylab.errors import ValidationError

__all__ = ["Touchpoint", "StageGoal", "StageNotes", "Opportunity", "EMOTION_RANGE", "NOTE_FIELDS", "STATUSES",
           "SIGNED_KPIS"]

EMOTION_RANGE = (-2, 2)
"""How the customer feels at a touchpoint: -2 very negative, 0 neutral, +2 very positive."""

NOTE_FIELDS = ("thinking", "feeling", "backstage")
"""The fields of :class:`StageNotes`, as a journey file names them."""

STATUSES = ("idea", "planned", "doing", "done")
"""Where an opportunity stands, from first idea to finished."""

SIGNED_KPIS = ("nps", "net promoter score")
"""The KPIs that run below zero, in lower case: NPS, from -100 to 100 points (``journeylab.kpis``).

Every other KPI of the course is a rate from 0 to 100 % or a count, so its
target cannot be negative. A goal whose unit is ``points`` (the unit NPS is
quoted in) may be negative too. A test keeps this list in step with the KPIs'
own ranges in :mod:`journeylab.kpis` (this module must not load pandas).
"""
_LOWEST_SIGNED = -100
_HIGHEST_SHARE = 100  # a rate in % and NPS both end at 100


@dataclass(frozen=True)
class Touchpoint:
    """One moment where the customer meets the business.

    ``channel`` says where (Instagram, store, checkout) and is required; the rest
    describes what the customer and the business do there and how it feels.
    """

    channel: str
    customer_action: str = ""
    business_action: str = ""
    customer_question: str = ""
    emotion: int = 0
    pain_point: str = ""
    owner: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "channel", _fields.text(self.channel, "touchpoint.channel", required=True))
        for name in ("customer_action", "business_action", "customer_question", "pain_point", "owner"):
            set_(self, name, _fields.text(getattr(self, name), f"touchpoint.{name}"))
        set_(self, "emotion", _fields.whole_number(self.emotion, "touchpoint.emotion", *EMOTION_RANGE))

    @property
    def identity(self) -> tuple[str, str]:
        """What makes two touchpoints of a stage the same: channel and customer action, ignoring case."""
        return (self.channel.casefold(), self.customer_action.casefold())


@dataclass(frozen=True)
class StageGoal:
    """What success at one stage means: a goal, the KPI that measures it and its target.

    ``better`` says which way the KPI should move: ``"higher"`` for a conversion
    rate, ``"lower"`` for a bounce or churn rate. A target is 0 or more: rates
    and counts cannot be negative, and a rate in ``%`` is at most 100. Only NPS
    (:data:`SIGNED_KPIS`, or a goal in ``points``) runs from -100 to 100.

    >>> StageGoal("Fewer complaints", "Complaints", -5, unit="")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: goal.target: must not be negative (got -5). Allowed: a number of 0 or more, such as 3.5 or 500 (only NPS, in points, can be negative).
    >>> StageGoal("Fewer detractors", "NPS", -10, unit="points").target
    -10.0
    >>> StageGoal("More buyers", "Conversion rate", 150)
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: goal.target: is above 100 %, more than everyone (got 150). Allowed: 0 to 100 for a rate in %, such as 3.5; for a count, such as 500 visits, give its own unit, such as "visits a month".
    """

    goal: str
    kpi: str
    target: float
    unit: str = "%"
    better: str = "higher"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "goal", _fields.text(self.goal, "goal.goal", required=True))
        set_(self, "kpi", _fields.text(self.kpi, "goal.kpi", required=True))
        typed, target = self.target, _fields.number(self.target, "goal.target")
        set_(self, "target", target)
        set_(self, "unit", _fields.text(self.unit, "goal.unit"))
        set_(self, "better", _fields.choice(self.better, "goal.better", ("higher", "lower")))
        signed = " ".join(self.kpi.casefold().split()) in SIGNED_KPIS or self.unit.casefold().startswith("points")
        if target is not None:
            _check_target_range(target, typed, signed, percent=self.unit.strip() == "%")

    def is_met(self, actual: float) -> bool:
        """Whether an actual KPI value reaches the target, in the direction that is better."""
        return bool(actual >= self.target if self.better == "higher" else actual <= self.target)


def _check_target_range(target: float, typed: object, signed: bool, percent: bool) -> None:
    """NPS runs from -100 to 100 points; any other target is 0 or more, and at most 100 in %."""
    if signed and not _LOWEST_SIGNED <= target <= _HIGHEST_SHARE:
        raise ValidationError("goal.target", "is below -100, the lowest NPS there is" if target < 0 else
                              "is above 100, the highest NPS there is", value=typed, allowed="-100 to 100 points")
    if not signed and target < 0:
        raise ValidationError("goal.target", "must not be negative", value=typed,
                              allowed="a number of 0 or more, such as 3.5 or 500 (only NPS, in points, can be negative)")
    if not signed and percent and target > _HIGHEST_SHARE:
        raise ValidationError("goal.target", "is above 100 %, more than everyone", value=typed,
                              allowed="0 to 100 for a rate in %, such as 3.5; for a count, such as 500 visits, "
                                      'give its own unit, such as "visits a month"')


@dataclass(frozen=True)
class StageNotes:
    """What a practitioner's map shows besides touchpoints: the customer's inner side and the backstage.

    ``thinking`` and ``feeling`` are short texts in the customer's words;
    ``backstage`` lists the processes or systems behind the stage's touchpoints
    (the warehouse system, the support rota) that the customer never sees.
    """

    thinking: str = ""
    feeling: str = ""
    backstage: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "thinking", _fields.text(self.thinking, "notes.thinking"))
        object.__setattr__(self, "feeling", _fields.text(self.feeling, "notes.feeling"))
        object.__setattr__(self, "backstage", _fields.texts(self.backstage, "notes.backstage"))

    def __bool__(self) -> bool:
        return bool(self.thinking or self.feeling or self.backstage)


@dataclass(frozen=True)
class Opportunity:
    """One idea for improving a stage of the journey."""

    title: str
    pain_point: str = ""
    customer_value: int = 50
    business_value: int = 50
    effort: int = 3
    owner: str = ""
    status: str = "idea"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "title", _fields.text(self.title, "opportunity.title", required=True))
        set_(self, "pain_point", _fields.text(self.pain_point, "opportunity.pain_point"))
        set_(self, "owner", _fields.text(self.owner, "opportunity.owner"))
        for name in ("customer_value", "business_value"):
            set_(self, name, _fields.whole_number(getattr(self, name), f"opportunity.{name}", 0, 100))
        set_(self, "effort", _fields.whole_number(self.effort, "opportunity.effort", 1, 5))
        set_(self, "status", _fields.choice(self.status, "opportunity.status", STATUSES))

    @property
    def value(self) -> float:
        """The mean of customer value and business value."""
        return (self.customer_value + self.business_value) / 2

    @property
    def score(self) -> float:
        """Value per unit of effort: the higher, the sooner it is worth doing."""
        return self.value / self.effort
