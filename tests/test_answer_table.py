"""A table of answers as marketers type them, and the verdict each must get.

The course's one tolerance rule (journeylab.exercises._answers): a number is right
exact or rounded as the learner rounded it, keeping at least two digits; text is
right whatever its case, spacing or a trailing "stage"/"rate"; the ``...``
placeholder left anywhere, even inside a model, reads as "not answered yet".
"""

import dataclasses

import pytest

from journeylab.exercises import check, course_exercises

RIGHT, WRONG, UNANSWERED = "correct", "incorrect", "not answered yet"


def right(exercise_id):
    return course_exercises()[exercise_id].right_example


def persona_with(**fields):
    return dataclasses.replace(right("03-persona-complete"), **fields)


def plan_with_placeholder_tactic():
    import journeylab as jl

    plan = right("01-build-the-plan")
    strategy = dataclasses.replace(plan.objectives[0].strategies[0], tactics=(jl.Tactic("..."),))
    objective = dataclasses.replace(plan.objectives[0], strategies=(strategy,))
    return dataclasses.replace(plan, objectives=(objective,))


ANSWERS = [
    # exercise, answer, verdict
    ("00-first-answer", "Know", RIGHT),
    ("00-first-answer", " know stage ", RIGHT),
    ("00-first-answer", "Know.", RIGHT),
    ("00-first-answer", "Knows", WRONG),
    ("00-first-answer", "...", UNANSWERED),
    ("05-alias", "Consideration", RIGHT),
    ("05-alias", "Consideration stage", RIGHT),
    ("05-alias", "Decision", WRONG),
    ("05-choose-the-kpi", "Cart abandonment", RIGHT),
    ("05-choose-the-kpi", "cart abandonment RATE", RIGHT),
    ("05-choose-the-kpi", "Conversion rate", WRONG),
    ("06-cycle-phase", "consideration phase", RIGHT),
    ("06-cycle-phase", "Purchase", WRONG),
    ("06-linear-credit", 5 / 6, RIGHT),
    ("06-linear-credit", 0.83, RIGHT),
    ("06-linear-credit", 0.8, WRONG),  # one digit left: too rough to tell 5/6 from 4/5
    ("06-linear-credit", 3, WRONG),
    ("07-place-on-matrix", "big bets", RIGHT),
    ("07-place-on-matrix", "Quick wins", WRONG),
    ("03-persona-complete", right("03-persona-complete"), RIGHT),
    ("03-persona-complete", persona_with(goals=("...",)), UNANSWERED),
    ("03-persona-complete", persona_with(role="..."), UNANSWERED),
    ("05-stage-goal", right("05-stage-goal"), RIGHT),
    ("05-stage-goal", dataclasses.replace(right("05-stage-goal"), goal="..."), UNANSWERED),
    ("01-build-the-plan", right("01-build-the-plan"), RIGHT),
    ("01-build-the-plan", plan_with_placeholder_tactic(), UNANSWERED),
    ("04-order-the-stages", ["Know", "Like", "Trust", "...", "Buy", "Repeat", "Refer"], UNANSWERED),
]


@pytest.mark.parametrize("exercise_id, answer, verdict", ANSWERS, ids=[f"{row[0]}:{row[1]!r}"[:60] for row in ANSWERS])
def test_each_answer_gets_its_verdict(exercise_id, answer, verdict):
    assert check(exercise_id, answer).status == verdict


def test_a_rounded_answer_is_accepted_and_the_feedback_gives_the_exact_value():
    feedback = check("06-linear-credit", 0.83)
    assert feedback.passed
    assert feedback.message == "correct! Well done. The exact value is 0.8333; your rounded 0.83 counts."


def test_an_exact_answer_gets_no_remark():
    assert check("06-linear-credit", 5 / 6).message == "correct! Well done."
