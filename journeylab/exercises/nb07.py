"""Exercises of notebook 07, build your journey.

Every answer here is a model object (a Persona or a Journey), never a file: the
checks look at the object itself, so they give the same verdict on any machine
and in any folder.
"""

from __future__ import annotations

from typing import Any

from journeylab.checks import exercise
from journeylab.errors import UnknownNameError
from journeylab.journey import Journey, StageGoal, Touchpoint
from journeylab.kpis import get_kpi
from journeylab.personas import Persona

__all__: list[str] = []

_NOT_A_JOURNEY = "Build your answer as a journey: start from draft.copy() and add to it, as in the notebook."


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


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
    missing = [label for label, present in (
        ("an age", answer.age is not None), ("a role", bool(answer.role)), ("a goal", bool(answer.goals)),
        ("a challenge", bool(answer.challenges)), ("a preferred channel", bool(answer.channels)),
        ("a quote", bool(answer.quote))) if not present]
    if missing:
        return f"{answer.name} still needs {_listed(missing)}."
    return None


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
    for stage, goal in answer.goals.items():
        suggested = answer.framework.stage(stage).kpis
        try:
            known = get_kpi(goal.kpi)
        except UnknownNameError:
            known = None
        if known is None and not any(goal.kpi.strip().casefold() == kpi.casefold() for kpi in suggested):
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
    if not missing:
        return None
    things = "1 thing" if len(missing) == 1 else f"{len(missing)} things"
    return f"journey.missing() still lists {things}; the first: {missing[0]}."
