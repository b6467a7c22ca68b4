"""Target, objectives, strategies and tactics, and the SMART check."""

import datetime as dt

import pytest

from journeylab.errors import ValidationError
from journeylab.strategy import Objective, Plan, Strategy, Tactic, Target, smart_check

END_OF_YEAR = "2025-12-31"


def worked_example() -> Plan:
    """The worked example of the course's first source article, as a Plan."""
    target = Target("Increase sales by 25% by the end of the year", deadline=END_OF_YEAR)
    goal = target.statement
    return Plan(
        target,
        objectives=[
            Objective("awareness of our website in the target audience", baseline=100, target=200, unit="index",
                      deadline=END_OF_YEAR, supports=goal,
                      strategies=[Strategy("Engage audiences at key touchpoints in their day when they are receptive",
                                           tactics=[Tactic("Post two Instagram reels a week", channel="Instagram")])]),
            Objective("website visits", baseline=40_000, target=60_000, deadline=END_OF_YEAR, supports=goal,
                      strategies=[Strategy("Generate new, unique visitors to the website",
                                           tactics=[Tactic("Publish one search-optimised guide a month")])]),
            Objective("repeat purchases", baseline=1_000, target=1_100, deadline=END_OF_YEAR, supports=goal,
                      strategies=[Strategy("Motivate existing customers to buy again",
                                           tactics=[Tactic("Send a reorder e-mail 30 days after a purchase", channel="E-mail")])]),
        ],
    )


def test_the_worked_example_is_a_complete_plan():
    plan = worked_example()
    assert plan.problems() == []
    assert [round(objective.change, 2) for objective in plan.objectives] == [1.0, 0.5, 0.1]
    assert len(plan.strategies) == 3 and len(plan.tactics) == 3
    assert plan.objectives[0].deadline == dt.date(2025, 12, 31)


def test_a_smart_objective_passes_every_criterion():
    check = smart_check(worked_example().objectives[1])
    assert check.is_smart and check.missing == ()
    assert str(check) == "SMART: Increase website visits from 40,000 to 60,000 by 31 December 2025."


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"metric": ""}, ("Specific",)),
        ({"baseline": None}, ("Measurable",)),  # once, not again as Achievable: it cannot be judged yet
        ({"baseline": 0}, ("Achievable",)),
        ({"metric": "brand awareness"}, ("Specific",)),
        ({"metric": "online presence"}, ("Specific",)),
        ({"metric": "engagement rate"}, ()),  # a vague word, but it says what is counted
        ({"metric": "awareness of our website", "unit": "%"}, ()),  # a share of people
        ({"target": 1_000_000}, ("Achievable",)),
        ({"target": 5_000}, ("Achievable",)),
        ({"supports": ""}, ("Relevant",)),
        ({"deadline": None}, ("Time-bound",)),
    ],
)
def test_smart_check_names_exactly_what_is_missing(changes, missing):
    fields = dict(metric="website visits", baseline=40_000, target=60_000, deadline=END_OF_YEAR, supports="sales")
    fields.update(changes)
    check = smart_check(Objective(**fields))
    assert check.missing == missing
    for name in missing:
        assert name in str(check)


def test_a_plan_of_tactics_without_strategy_is_reported():
    plan = Plan(Target("Grow"), [Objective("visits", baseline=1, target=2, deadline=END_OF_YEAR,
                                           strategies=[Strategy("Be found")])])
    assert plan.problems() == ["The strategy 'Be found' has no tactics to carry it out."]
    empty = Plan(Target("Grow"))
    assert "no objectives" in empty.problems()[0]


@pytest.mark.parametrize(
    "make, field",
    [
        (lambda: Objective("visits", deadline="next year"), "objective.deadline"),
        (lambda: Objective("visits", target="lots"), "objective.target"),
        (lambda: Target(""), "target.statement"),
        (lambda: Strategy("x", tactics=["post more"]), "strategy.tactics[0]"),
        (lambda: Plan("Grow"), "plan.target"),
    ],
)
def test_bad_strategy_values_name_their_field(make, field):
    with pytest.raises(ValidationError) as caught:
        make()
    assert caught.value.field == field
