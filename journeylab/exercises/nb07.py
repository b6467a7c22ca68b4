"""Exercises of notebook 07, build your journey.

Every answer here is a model object (a Persona or a Journey) or a plain value
(a corner of the matrix, a ranking, a stage), never a file: the checks look at
the answer itself, so they give the same verdict on any machine and in any
folder. The opportunity exercises take what the notebook gave the learner as
context (``check("07-missed-goal-first", answer, journey=plan, actuals=measured)``)
and work the expected answer out from it with the package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from journeylab.checks import exercise
from journeylab.errors import UnknownNameError
from journeylab.exercises._answers import filler, listed, not_text, same_text
from journeylab.exercises._filled_in import persona_problem
from journeylab.journey import Journey, StageGoal, Touchpoint
from journeylab.kpis import get_kpi
from journeylab.opportunities import EFFORT_MIDDLE, MISSED_GOAL_BOOST, QUADRANTS, VALUE_MIDDLE, Opportunity, prioritise, quadrant
from journeylab.personas import Persona

__all__: list[str] = []

_NOT_A_JOURNEY = "Build your answer as a journey: start from draft.copy() and add to it, as in the notebook."

DRAFT_GOALS_TO_FIX = ("Like", "Buy")
"""The stages whose goals the draft of exercise 07-goal-kpi gets wrong: fixed, they must still be there."""



def _example_journey(complete: bool) -> Journey:
    """A small journey for the examples: Know to Buy, or every stage with ``complete``."""
    journey = Journey("Nordlys Home")
    journey.add_touchpoint("Know", Touchpoint("Shop window", "Stops at the window", emotion=1))
    journey.add_touchpoint("Like", Touchpoint("Product page", "Reads about the wood", emotion=1))
    journey.add_touchpoint("Trust", Touchpoint("Reviews page", "Reads reviews", emotion=1))
    journey.add_touchpoint("Try", Touchpoint("Free sample", "Orders wood samples", emotion=1))
    journey.add_touchpoint("Buy", Touchpoint("Checkout (Web)", "Orders the table online"))
    for stage in ("Know", "Like", "Trust", "Try", "Buy"):
        kpi = journey.framework.stage(stage).kpis[0]
        journey.set_goal(stage, StageGoal(f"Do well at {stage}", kpi, 10, unit=""))
    if complete:
        journey.add_touchpoint("Repeat", Touchpoint("Thank-you e-mail", "Gets care tips"))
        journey.set_goal("Repeat", StageGoal("Bring customers back", "Repeat purchase rate", 30))
        journey.add_touchpoint("Refer", Touchpoint("Product review", "Writes a review"))
        journey.set_goal("Refer", StageGoal("Turn buyers into fans", "NPS", 50, unit="points"))
    return journey


def _with_touchpoint(journey: Journey, stage: str, touchpoint: Touchpoint) -> Journey:
    journey.add_touchpoint(stage, touchpoint)
    return journey


def _with_goal(journey: Journey, stage: str, goal: StageGoal) -> Journey:
    journey.set_goal(stage, goal)
    return journey


@exercise(
    "07-persona-for-journey",
    hints=["The journey map names the persona in its title. Give yours an age, a role, at least one goal, one "
           "challenge and one preferred channel, and a quote in their own words.",
           "jl.Persona(\"Name\", age=45, role=\"...\", goals=[\"...\"], challenges=[\"...\"], channels=[\"...\"], "
           "quote=\"...\") with your own words in place of the dots.",
           ],
    wrong=Persona("Henrik", age=49, role="Architect"),
    right=Persona("Henrik", age=49, role="Architect", goals=["Furniture that lasts"],
                  challenges=["Wants to touch the wood first"], channels=["Store"],
                  quote="I want to see the wood before I buy the table."),
)
def _persona_for_journey(answer: Any) -> str | None:
    if not isinstance(answer, Persona):
        return "Build the persona with jl.Persona(...), not as a dictionary or a text."
    return persona_problem(answer, needs_quote=True)


@exercise(
    "07-goal-kpi",
    hints=["Each stage suggests its own KPIs: jl.get_framework(\"hourglass\").stage(\"Like\").kpis lists them. "
           "The course's KPIs (conversion rate, churn rate, NPS ...) also say whether higher or lower is better.",
           "Replace the goal of Like with one that uses a KPI suggested for Like, and give the Buy goal the "
           "direction its KPI has: fixed.set_goal(\"Buy\", jl.StageGoal(..., better=\"lower\")).",
           ],
    wrong=_with_goal(_example_journey(complete=False), "Like", StageGoal("Be liked", "Instagram likes", 500, unit="")),
    right=_example_journey(complete=True),
)
def _goal_kpi(answer: Any) -> str | None:
    if not isinstance(answer, Journey):
        return _NOT_A_JOURNEY
    if not answer.goals:
        return "The journey has no goals yet; set a goal for each stage with set_goal."
    gone = [stage for stage in DRAFT_GOALS_TO_FIX if stage not in answer.goals]
    if gone:
        return (f"The goal of {listed(gone)} is gone: the question asks to fix the draft's goals, so start from "
                "draft.copy() and give each stage a goal with a better KPI.")
    for stage, goal in answer.goals.items():
        suggested = answer.framework.stage(stage).kpis
        try:
            known = get_kpi(goal.kpi)
        except UnknownNameError:
            known = None
        if known is None and not any(same_text(goal.kpi, kpi) for kpi in suggested):
            return (f"The goal of {stage} is measured by '{goal.kpi}', which is neither a KPI suggested for {stage} "
                    f"({', '.join(suggested)}) nor one of the course's KPIs.")
        if known is not None and goal.better != known.better:
            return (f"The goal of {stage} uses {known.label}, where {known.better} is better, "
                    f"but the goal says {goal.better} is better.")
    return None


@exercise(
    "07-negative-moment",
    hints=["A journey map is only useful when it is honest: where is the customer annoyed or worried? "
           "Give that touchpoint a feeling below 0 and say what goes wrong in pain_point.",
           "with_pain.add_touchpoint(\"Buy\", jl.Touchpoint(\"Checkout (Web)\", \"...\", emotion=-1, "
           "pain_point=\"...\")), with your own words in place of the dots.",
           ],
    wrong=_example_journey(complete=False),
    right=_with_touchpoint(_example_journey(complete=False), "Try", Touchpoint(
        "Room planner", "Tries the table in his room", emotion=-1, pain_point="Hard to use on a tablet")),
)
def _negative_moment(answer: Any) -> str | None:
    if not isinstance(answer, Journey):
        return _NOT_A_JOURNEY
    negative = [(stage, touchpoint) for stage in answer.stage_names for touchpoint in answer.touchpoints(stage)
                if touchpoint.emotion < 0]
    if not negative:
        return ("Every touchpoint feels neutral or good. Add or change one where the customer is annoyed or "
                "frustrated: a feeling below 0.")
    if not any(touchpoint.pain_point for _, touchpoint in negative):
        stage, touchpoint = negative[0]
        return (f"{touchpoint.channel} in {stage} feels negative but has no pain point yet: say what goes wrong "
                "there, so the team knows what to fix.")
    if all(filler(touchpoint.pain_point) for _, touchpoint in negative):
        stage, touchpoint = next((stage, touchpoint) for stage, touchpoint in negative if touchpoint.pain_point)
        return (f"The pain point of {touchpoint.channel} in {stage} is only '{touchpoint.pain_point}': say in words "
                "what goes wrong there, so the team knows what to fix.")
    return None


@exercise(
    "07-complete-journey",
    hints=["Run draft.missing(): it lists every stage that still needs a touchpoint or a goal.",
           "For each stage in that list: complete.add_touchpoint(\"Repeat\", jl.Touchpoint(\"...\", \"...\")) and "
           "complete.set_goal(\"Repeat\", jl.StageGoal(\"...\", kpi=\"...\", target=...)); the same for Refer.",
           ],
    wrong=_example_journey(complete=False),
    right=_example_journey(complete=True),
)
def _complete_journey(answer: Any) -> str | None:
    if not isinstance(answer, Journey):
        return _NOT_A_JOURNEY
    missing = answer.missing()
    if missing:
        things = "1 thing" if len(missing) == 1 else f"{len(missing)} things"
        return f"journey.missing() still lists {things}; the first: {missing[0]}."
    for stage in answer.stage_names:
        for touchpoint in answer.touchpoints(stage):
            if filler(touchpoint.channel) or filler(touchpoint.customer_action):
                return (f"A touchpoint of {stage} is only '{touchpoint.channel}', '{touchpoint.customer_action}': "
                        "name where the customer meets the business and what they do there.")
        goal = answer.goal(stage)
        if goal is not None and filler(goal.goal):
            return f"The goal of {stage} is only '{goal.goal}': write in words what the stage should achieve."
    return None


# -- opportunities: the matrix, the ranking and the missed goals ---------------------------------------

MATRIX_IDEA = Opportunity("Make the room planner work on tablets", pain_point="Hard to use on a tablet",
                          customer_value=70, business_value=50, effort=4)
"""The idea exercise 07-place-on-matrix places when the notebook passes none."""

RANKING_IDEAS = (
    Opportunity("Video call with a carpenter", customer_value=100, business_value=80, effort=3),
    Opportunity("Delivery cost on the product page", customer_value=80, business_value=60, effort=2),
    Opportunity("Thank-you card in every parcel", customer_value=30, business_value=20, effort=1),
)
"""The ideas exercise 07-rank-by-value-per-effort ranks when the notebook passes none: ranked by value,
by effort and by value per effort, they come in three different orders."""


def _corner(answer: Any) -> str | None:
    """The name in QUADRANTS the answer means, ignoring case, spaces, hyphens and a plural s; else None."""
    if not isinstance(answer, str):
        return None
    letters = "".join(character for character in answer.casefold() if character.isalpha())
    for name in QUADRANTS:
        key = "".join(character for character in name.casefold() if character.isalpha())
        if letters in (key, key.removesuffix("s")):
            return name
    return None


def _much_value(name: str) -> bool:
    return QUADRANTS[name][0].startswith("top")


@exercise(
    "07-place-on-matrix",
    hints=["Work out the idea's value (the mean of customer value and business value) and look at its effort. "
           f"Value {VALUE_MIDDLE} or more is much value; effort {EFFORT_MIDDLE} or less is little effort.",
           "Much value and little effort is a quick win; much value and much effort a big bet; little value and "
           "little effort a fill-in; little value and much effort a thankless task. idea.value gives the value.",
           ],
    wrong="Quick wins",
    right="Big bets",
)
def _place_on_matrix(answer: Any, opportunity: Opportunity | None = None) -> str | None:
    idea = MATRIX_IDEA if opportunity is None else opportunity
    expected, named = quadrant(idea.value, idea.effort), _corner(answer)
    if named is None:
        return f"Give one of the four corners as text: {listed([f'{name!r}' for name in QUADRANTS])}."
    if named == expected:
        return None
    if _much_value(named) != _much_value(expected):
        return (f"Work out the value again: the mean of customer value ({idea.customer_value}) and business value "
                f"({idea.business_value}), against the middle line at {VALUE_MIDDLE}.")
    return f"Look at the effort again: {EFFORT_MIDDLE} or less counts as little effort, more as much effort."


def _sorted_by(ideas: Sequence[Opportunity], key: Any, highest_first: bool) -> bool:
    values = [key(idea) for idea in ideas]
    pairs = list(pairwise(values))
    return all(a >= b for a, b in pairs) if highest_first else all(a <= b for a, b in pairs)


@exercise(
    "07-rank-by-value-per-effort",
    hints=["The score of an idea is its value divided by its effort (idea.score gives it). The idea with the "
           "highest score is the one most worth doing first.",
           "Work out value ÷ effort for each of the three ideas, then write their titles in a list, the highest "
           "score first: [\"...\", \"...\", \"...\"].",
           ],
    wrong=[idea.title for idea in RANKING_IDEAS],
    right=[RANKING_IDEAS[1].title, RANKING_IDEAS[0].title, RANKING_IDEAS[2].title],
)
def _rank_by_value_per_effort(answer: Any, ideas: Sequence[Opportunity] | None = None) -> str | None:
    ideas = list(RANKING_IDEAS if ideas is None else ideas)
    if not isinstance(answer, (list, tuple)):
        return "Give a list of the titles, in square brackets, the idea to do first at the start."
    titles = [item.title if isinstance(item, Opportunity) else item for item in answer]
    by_title = {idea.title.casefold(): idea for idea in ideas}
    unknown = [title for title in titles if not isinstance(title, str) or title.strip().casefold() not in by_title]
    if unknown:
        return f"{unknown[0]!r} is not the title of one of the ideas: copy the titles from the cell above."
    chosen = [by_title[title.strip().casefold()] for title in titles]
    if len(chosen) != len(ideas) or len({idea.title for idea in chosen}) != len(ideas):
        return f"Put each of the {len(ideas)} ideas in the list exactly once."
    if _sorted_by(chosen, lambda idea: idea.score, highest_first=True):
        return None  # ideas with the same score may come in either order
    if _sorted_by(chosen, lambda idea: idea.value, highest_first=True):
        return "That is the order of value alone: an idea that helps a lot may also be a lot of work."
    if _sorted_by(chosen, lambda idea: idea.effort, highest_first=False):
        return "That is the order of effort alone: the easiest idea is not always the one most worth doing."
    if _sorted_by(chosen, lambda idea: idea.score, highest_first=False):
        return "That puts the idea least worth doing first: the list starts with the highest value per effort."
    return "The list is not in order of value per effort yet: work out value ÷ effort for each idea."


def _missed_goal_example() -> tuple[Journey, dict[str, float]]:
    """The plan and measurements of exercise 07-missed-goal-first (the notebook builds the same).

    Like's bounce rate is below its target, which is good for a bounce rate;
    Buy and Repeat miss theirs. Without the measurements Like's idea comes
    first; with them, Buy's.
    """
    plan = Journey("Nordlys Home")
    plan.set_goal("Like", StageGoal("Keep visitors looking around", "Bounce rate", 40, better="lower"))
    plan.set_goal("Buy", StageGoal("Turn visitors into buyers", "Conversion rate", 3.5))
    plan.set_goal("Repeat", StageGoal("Bring customers back", "Repeat purchase rate", 30))
    plan.add_opportunity("Like", Opportunity("Bigger photos on the product page", customer_value=80,
                                             business_value=80, effort=2))
    plan.add_opportunity("Buy", Opportunity("Show the delivery cost early", customer_value=80, business_value=50,
                                            effort=2))
    plan.add_opportunity("Repeat", Opportunity("Care tips a month after delivery", customer_value=60,
                                               business_value=60, effort=3))
    return plan, {"Like": 36.0, "Buy": 2.8, "Repeat": 24.0}


@exercise(
    "07-missed-goal-first",
    hints=["First find out which goals are missed: compare each measured value with its target, in the direction "
           "that is better (for a bounce rate, lower is better). The ideas of a stage that misses its goal count "
           f"× {MISSED_GOAL_BOOST:g}.",
           "jl.opportunities.prioritise(plan, actuals=measured) ranks the ideas with the missed goals counted; "
           "the stage column of its first row is the answer.",
           ],
    wrong="Like",
    right="Buy",
)
def _missed_goal_first(answer: Any, journey: Journey | None = None,
                       actuals: Mapping[str, float] | None = None) -> str | None:
    if journey is None:
        journey, actuals = _missed_goal_example()
    measured = {journey.framework.stage(stage).name: value for stage, value in dict(actuals or {}).items()}
    ranked = prioritise(journey, measured)
    if not isinstance(answer, str):
        return not_text(answer, '"Know"')
    stage = next((name for name in journey.stage_names if same_text(answer, name)), None)
    if stage is None:
        return f"'{answer}' is not a stage of this journey; its stages are {', '.join(journey.stage_names)}."
    if stage == ranked["stage"].iloc[0]:
        return None
    goal, actual = journey.goal(stage), measured.get(stage)
    if not journey.opportunities(stage):
        return f"{stage} has no idea in this plan, so it cannot come first."
    if goal is not None and actual is not None and goal.is_met(actual):
        return (f"{stage} meets its goal ({goal.kpi}: {goal.better} is better), so its ideas keep their score "
                "and another stage's idea overtakes them.")
    if goal is not None and actual is not None:
        return (f"{stage} misses its goal, so its ideas count × {MISSED_GOAL_BOOST:g}, but an idea of another stage "
                "still scores higher.")
    return f"{stage} was not measured, so its ideas keep their score; an idea of another stage scores higher."
