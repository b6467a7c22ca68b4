"""Exercises of notebook 01, strategy before tactics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, number_in
from journeylab.strategy import Objective, Plan, Strategy, Tactic, Target, smart_check

__all__: list[str] = []

STATEMENTS_TO_SORT = ("A03", "A08", "A13", "A16", "A19", "A20", "A38", "A41")
"""The activity statements the sorting exercise asks about (activities.csv is the same for every seed)."""

KINDS = ("strategy", "tactic")

SAMPLE_REQUESTS_BASELINE = 1_200
"""Free fabric samples requested in the case year: the starting point of the SMART exercise."""

VISITS_BEFORE, VISITS_AFTER = 40_000, 58_000
"""The traffic objective whose change the learner computes: +45%."""


@exercise(
    "01-strategy-or-tactic",
    hints=[
        "A strategy says which direction to take and why; a tactic is a concrete action you could put in a calendar.",
        "Ask of each statement: could someone start doing exactly this on Monday morning? Then it is a tactic. "
        "If it describes an approach that many different actions could serve, it is a strategy.",
    ],
    wrong={"A03": "strategy", "A08": "tactic", "A13": "tactic", "A16": "strategy",
           "A19": "strategy", "A20": "tactic", "A38": "tactic", "A41": "strategy"},
    right={"A03": "strategy", "A08": "tactic", "A13": "strategy", "A16": "tactic",
           "A19": "strategy", "A20": "tactic", "A38": "tactic", "A41": "strategy"},
)
def _strategy_or_tactic(answer: Any, activities: Any = None) -> str | None:
    if not isinstance(answer, Mapping):
        return 'Write your answer as a dictionary, e.g. {"A03": "strategy", "A08": "tactic"}.'
    if activities is None:  # the course's own file, when the notebook passes no data
        from journeylab.data import load_activities

        activities = load_activities()
    expected = dict(zip(activities["activity_id"], activities["kind"]))
    given = {str(key).strip().upper(): value for key, value in answer.items()}
    missing = [activity for activity in STATEMENTS_TO_SORT if activity not in given]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        return f"Sort every statement: {', '.join(missing)} {verb} still missing."
    extra = [activity for activity in given if activity not in STATEMENTS_TO_SORT]
    if extra:
        return f"{extra[0]} is not one of the {len(STATEMENTS_TO_SORT)} statements to sort; leave it out."
    for activity in STATEMENTS_TO_SORT:
        value = given[activity]
        if not (isinstance(value, str) and value.strip().casefold() in KINDS):
            return f"Use only the words \"strategy\" or \"tactic\": {value!r} for {activity} is neither."
    wrong = sum(given[activity].strip().casefold() != expected[activity] for activity in STATEMENTS_TO_SORT)
    if wrong:
        verb = "is" if wrong == 1 else "are"
        return f"{wrong} of the {len(STATEMENTS_TO_SORT)} statements {verb} in the wrong group."
    return None


def _criteria_in_words(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@exercise(
    "01-smart-objective",
    hints=[
        "A SMART objective names what you measure, where you start, where you want to be, "
        "which target it serves and by when.",
        'Fill in all five: jl.Objective("free sample requests", baseline=..., target=..., '
        'deadline="YYYY-MM-DD", supports="..."), with the numbers and the date of the situation.',
    ],
    wrong=Objective("free sample requests", target=1_800),
    right=Objective("free sample requests", baseline=1_200, target=1_800, deadline="2025-12-31",
                    supports="Increase sales by 25% by the end of the year"),
)
def _smart_objective(answer: Any) -> str | None:
    if not isinstance(answer, Objective):
        return "Build your answer with jl.Objective(...), as in the notebook."
    result = smart_check(answer)
    if result.missing:
        first = result.missing[0]
        return f"The objective is not yet {_criteria_in_words(result.missing)}. {first}: {result.advice[first]}"
    if answer.baseline != SAMPLE_REQUESTS_BASELINE:
        return "Start from where the shop stands today: the baseline is the number of requests in the situation."
    assert answer.target is not None and answer.baseline is not None  # smart_check found nothing missing
    if answer.target <= answer.baseline:
        return "The shop wants more sample requests, so the target must be above the baseline."
    return None



@exercise(
    "01-objective-change",
    hints=[
        "The change is the difference between the new and the old number, compared with the old number.",
        "Work out (new - old) / old, then multiply by 100 to get percent.",
    ],
    wrong=0.45,
    right=45,
)
def _objective_change(answer: Any) -> str | None:
    value = number_in(answer)
    if value is None:
        return "Give the change as a number in percent, e.g. 25 for an increase of 25%."
    change = (VISITS_AFTER - VISITS_BEFORE) / VISITS_BEFORE
    if close_to(value, change * 100, tolerance=0.5):
        return None
    if close_to(value, change, tolerance=0.005):
        return "That is the change as a fraction; the question asks for percent (25 for 25%)."
    if close_to(value, (VISITS_AFTER - VISITS_BEFORE) / VISITS_AFTER * 100, tolerance=0.5):
        return "Compare the difference with the number you start from (the baseline), not with the target."
    if close_to(value, VISITS_AFTER / VISITS_BEFORE * 100, tolerance=0.5):
        return "That is the new level as a percentage of the old one; the change is only the part on top of 100%."
    if close_to(value, VISITS_AFTER - VISITS_BEFORE, tolerance=0.5):
        return "That is the change in visits; the question asks for the change in percent of the starting number."
    return f"{value:g}% is not the change from {VISITS_BEFORE:,} to {VISITS_AFTER:,} visits."


_SALES_TARGET = Target("Increase sales by 25% by the end of the year", deadline="2025-12-31")


@exercise(
    "01-build-the-plan",
    hints=[
        "Run draft_plan.problems(): each sentence names one thing that is missing. Fix them one at a time.",
        'Give the objective a deadline (deadline="2025-12-31") and give the strategy at least one action: '
        'tactics=[jl.Tactic("...")].',
    ],
    wrong=Plan(_SALES_TARGET, [Objective("repeat purchases", baseline=3_000, target=3_300,
                                         strategies=[Strategy("Motivate existing customers to buy again")])]),
    right=Plan(_SALES_TARGET, [Objective(
        "repeat purchases", baseline=3_000, target=3_300, deadline="2025-12-31",
        strategies=[Strategy("Motivate existing customers to buy again",
                             tactics=[Tactic("Send a reorder e-mail eight weeks after each order")])],
    )]),
)
def _build_the_plan(answer: Any) -> str | None:
    if not isinstance(answer, Plan):
        return "Build your answer with jl.Plan(...): copy the draft plan and fix it."
    problems = answer.problems()
    if not problems:
        return None
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return f"plan.problems() still finds {count}; the first: {problems[0]}"
