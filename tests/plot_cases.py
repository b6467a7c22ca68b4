"""Shared cases for the tests of journeylab.plots: texts read off a figure, and the models and tables drawn."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from journeylab import plots
from journeylab.journey import Journey, StageGoal, StageNotes, Touchpoint
from journeylab.opportunities import Opportunity
from journeylab.personas import EmpathyMap, Persona

HOURGLASS = ("Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer")
BLUE, VERMILLION, GREEN = plots.OKABE_ITO["blue"], plots.OKABE_ITO["vermillion"], plots.OKABE_ITO["bluish_green"]
LONG = (
    "Reads every review on the product page, then compares three competitors side by side in a "
    "spreadsheet she shares with her flatmate, which takes most of the evening"
)


def flat(text: str) -> str:
    """Text with its line breaks undone, so a wrapped label compares with what was typed."""
    return " ".join(text.split())


def texts(figure: Figure) -> list[str]:
    """Every text in every axes of the figure (labels, titles, ticks, legends), unwrapped."""
    return [flat(item.get_text()) for axes in figure.axes for item in axes.findobj(Text) if item.get_text()]


def shows(figure: Figure, wanted: str) -> bool:
    """Whether ``wanted`` is written somewhere in the figure, possibly wrapped over lines."""
    return any(flat(wanted) in text for text in texts(figure))


def funnel_table(users, stages=HOURGLASS) -> pd.DataFrame:
    """A frame shaped like analytics.stage_funnel's (rates as fractions, as the brief describes)."""
    users = np.array(users)
    before = np.concatenate((users[:1], users[:-1]))
    return pd.DataFrame(
        {"users": users, "step_conversion": users / before, "overall_conversion": users / users[0],
         "drop_off": before - users},
        index=pd.Index(list(stages[: len(users)]), name="stage"),
    )


def attainment_table() -> pd.DataFrame:
    """A frame shaped like analytics.goal_attainment's: one goal met, one missed, one not measured."""
    return pd.DataFrame(
        {
            "goal": ["Be seen", "Get clicks", "Get samples ordered", "Keep customers"],
            "kpi": ["Reach", "Click-through rate", "Sample orders", "Churn rate"],
            "better": ["higher", "higher", "higher", "lower"],
            "target": [40000.0, 2.5, 800.0, 10.0],
            "actual": [50000.0, 1.8, np.nan, 8.0],
            "unit": ["people", "%", "orders", "%"],
            "met": [True, False, False, True],  # churn 8 % is below its 10 % limit: met
            "gap": [10000.0, -0.7, np.nan, -2.0],
            "better_by": [25.0, -28.0, np.nan, 20.0],  # the gap in percent of the target, better positive
        },
        index=pd.Index(["Know", "Like", "Try", "Repeat"], name="stage"),
    )


def emotion_journey() -> Journey:
    """Touchpoint emotions chosen so that each stage's mean is easy to work out by hand."""
    journey = Journey("Nordlys Home", persona=Persona("Jessica", age=28, role="Marketing assistant"))
    emotions = {"Know": [1, -1], "Like": [2], "Trust": [], "Try": [-2, -1, 0], "Buy": [1, 2],
                "Repeat": [-1, 0, 0], "Refer": [2, 1, 1, 2]}
    for stage, values in emotions.items():
        for number, emotion in enumerate(values):
            journey.add_touchpoint(stage, Touchpoint(
                f"{stage} channel {number}", customer_action=LONG if number == 0 else f"Action {number}",
                customer_question=f"Question about {stage}?" if number == 0 else "",
                pain_point=f"Pain at {stage}" if number == 1 else "", business_action=f"Backstage {stage}",
                emotion=emotion,
            ))
    return journey


def full_persona() -> Persona:
    return Persona(
        "Jessica", age=28, role="Marketing assistant in Oslo",
        goals=["Furnish her first flat sustainably without blowing her budget", "Save time"],
        challenges=["Distrusts vague green claims without proof"], channels=["Instagram", "E-mail newsletters"],
        quote="I want a home that feels like me, but I won't pay for a sofa that falls apart in two years.",
        segment="Young urban renters",
    )


def full_empathy_map(**extra) -> EmpathyMap:
    return EmpathyMap(who="Jessica, 28", says=["I'd rather buy one good sofa than three cheap ones"],
                      thinks=["Is this really sustainable, or just marketing?"], does=["Saves posts on Instagram"],
                      feels=["Anxious about wasting money on the wrong piece"], **extra)


def practitioner_journey() -> Journey:
    """Seven stages with long texts, notes, two or three opportunities and a goal each: a full workshop map."""
    journey = emotion_journey()
    for number, stage in enumerate(HOURGLASS):
        journey.set_goal(stage, StageGoal(f"Goal of {stage}: {LONG[:60]}", kpi=f"{stage} rate", target=10 + number,
                                          better="lower" if stage == "Repeat" else "higher"))
        journey.set_notes(stage, StageNotes(f"Thinking at {stage}: {LONG}", f"Feeling at {stage}",
                                            (f"Backstage system of {stage}", "Customer database and e-mail platform")))
        for index in range(2 + number % 2):
            journey.add_opportunity(stage, Opportunity(f"Opportunity {index} of {stage}: make it much easier",
                                                       customer_value=40 + 10 * index, business_value=60,
                                                       effort=1 + (number + index) % 5))
    return journey


def crowded_journey() -> Journey:
    """Ten opportunities, five of them sharing two spots, and three in the corners of the matrix."""
    journey = Journey("Nordlys Home")
    spots = [  # stage, title, customer value, business value, effort
        ("Know", "Show the factory in a reel", 70, 70, 2), ("Know", "Partner with two influencers", 70, 70, 2),
        ("Like", "Show delivery time on every card", 70, 70, 2), ("Trust", "Ask for reviews after six months", 60, 70, 2),
        ("Try", "Send samples within two days", 80, 80, 1), ("Buy", "Show the delivery cost early", 80, 80, 1),
        ("Repeat", "Matching cushion bundle", 50, 50, 3), ("Refer", "Ten-year guarantee on every frame", 100, 100, 5),
        ("Refer", "Referral code in the care e-mail", 0, 0, 1), ("Buy", "Free delivery above 10,000 kr", 0, 0, 5),
    ]
    for stage, title, customer, business, effort in spots:
        journey.add_opportunity(stage, Opportunity(title, customer_value=customer, business_value=business,
                                                   effort=effort))
    return journey
