"""Exercises of notebook 01, strategy before tactics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, filler, not_a_number, number_in, same_text
from journeylab.strategy import Objective, Plan, Strategy, Tactic, Target, smart_check

__all__: list[str] = []

STATEMENTS_TO_SORT = ("A03", "A08", "A13", "A16", "A19", "A20", "A38", "A41")
"""The activity statements the sorting exercise asks about (activities.csv is the same for every seed)."""

KINDS = ("strategy", "tactic")

SAMPLE_REQUESTS = Objective("free sample requests", baseline=1_200, target=1_800, deadline="2025-12-31",
                            supports="Increase sales by 25% by the end of the year")
"""The situation of the SMART exercise: 1,200 requests in 2024, 1,800 wanted by 31 December 2025."""

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
    kinds = {activity: next((kind for kind in KINDS if same_text(given[activity], kind)), None)
             for activity in STATEMENTS_TO_SORT}
    for activity, kind in kinds.items():
        if kind is None:
            return f"Use only the words \"strategy\" or \"tactic\": {given[activity]!r} for {activity} is neither."
    wrong = sum(kinds[activity] != expected[activity] for activity in STATEMENTS_TO_SORT)
    if wrong:
        verb = "is" if wrong == 1 else "are"
        return f"{wrong} of the {len(STATEMENTS_TO_SORT)} statements {verb} in the wrong group."
    return None


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


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
    right=SAMPLE_REQUESTS,
)
def _smart_objective(answer: Any) -> str | None:
    if not isinstance(answer, Objective):
        return "Build your answer with jl.Objective(...), as in the notebook."
    result = smart_check(answer)
    if result.missing:
        first = result.missing[0]
        return f"The objective is not yet {_criteria_in_words(result.missing)}. {first}: {result.advice[first]}"
    return _against_the_situation(answer)


def _against_the_situation(objective: Objective) -> str | None:
    """The first thing in a SMART objective that contradicts the situation the question describes, or None."""
    if "sample" not in objective.metric.casefold():
        return (f"The objective measures '{objective.metric}', but the situation is about free sample requests: "
                "name them as what you measure.")
    numbers = (("baseline", objective.baseline, SAMPLE_REQUESTS.baseline, "in 2024, {:,} people asked for one"),
               ("target", objective.target, SAMPLE_REQUESTS.target, "the team wants {:,} requests"))
    for field, given, asked, situation in numbers:
        if not close_to(given, asked):
            return f"The {field} is {given:,g}, but {situation.format(int(asked))}: set {field}={asked:g}."
    assert objective.deadline is not None and SAMPLE_REQUESTS.deadline is not None  # smart_check found a deadline
    if objective.deadline != SAMPLE_REQUESTS.deadline:
        return (f"The deadline is {_long_date(objective.deadline)}, but the team wants the requests by "
                f"{_long_date(SAMPLE_REQUESTS.deadline)}: set deadline=\"{SAMPLE_REQUESTS.deadline}\".")
    if not ("sales" in objective.supports.casefold() or same_text(objective.supports, SAMPLE_REQUESTS.supports)):
        return (f"The objective supports '{objective.supports}', but the situation names the target it serves: "
                f"supports=\"{SAMPLE_REQUESTS.supports}\".")
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
        return not_a_number(answer, "25 (for an increase of 25%)")
    change = (VISITS_AFTER - VISITS_BEFORE) / VISITS_BEFORE
    if close_to(answer, change * 100):
        return None
    if close_to(value, change):
        return "That is the change as a fraction; the question asks for percent (25 for 25%)."
    if close_to(value, (VISITS_AFTER - VISITS_BEFORE) / VISITS_AFTER * 100):
        return "Compare the difference with the number you start from (the baseline), not with the target."
    if close_to(value, VISITS_AFTER / VISITS_BEFORE * 100):
        return "That is the new level as a percentage of the old one; the change is only the part on top of 100%."
    if close_to(value, VISITS_AFTER - VISITS_BEFORE):
        return "That is the change in visits; the question asks for the change in percent of the starting number."
    return f"{value:g}% is not the change from {VISITS_BEFORE:,} to {VISITS_AFTER:,} visits."


_SALES_TARGET = Target("Increase sales by 25% by the end of the year", deadline="2025-12-31")
_DRAFT_OBJECTIVE = Objective("repeat purchases", baseline=3_000, target=3_300)
"""The draft plan's objective (notebook 01, exercise 01-build-the-plan): the learner adds to it, not changes it."""


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
    if problems:
        count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
        return f"plan.problems() still finds {count}; the first: {problems[0]}"
    return _against_the_draft(answer)


def _against_the_draft(plan: Plan) -> str | None:
    """The first thing in a complete plan that the draft did not ask to change, or that contradicts it."""
    draft = _DRAFT_OBJECTIVE
    objective = next((item for item in plan.objectives if same_text(item.metric, draft.metric)), None)
    if objective is None:
        return f"The draft's objective, {draft.metric}, is gone: keep it and fix what plan.problems() listed."
    for field in ("baseline", "target"):
        given, asked = getattr(objective, field), getattr(draft, field)
        if not close_to(given, asked):
            return (f"The {field} of {draft.metric} is {given:,g}, but the draft has {asked:,g}: keep the "
                    "draft's numbers and add only what is missing.")
    deadline, latest = objective.deadline, plan.target.deadline
    if deadline is not None and latest is not None and deadline > latest:
        return (f"The objective's deadline, {_long_date(deadline)}, comes after the target's, {_long_date(latest)}: "
                "an objective must be reached by the time the target is.")
    for tactic in plan.tactics:
        if filler(tactic.statement):
            return (f"The tactic '{tactic.statement}' holds only a place: write what you will do, such as "
                    "\"Send a reorder e-mail eight weeks after each order\".")
    return None
