"""Exercises of notebook 05, stage goals and KPIs.

The data exercises take the campaigns or the survey as context
(``check("05-compute-ctr", answer, campaigns=data.campaigns)``) and work the
expected answer out from it with the package, so a participant with another
data seed is checked against their own numbers. Without context they use the
course's own files.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from journeylab.checks import exercise
from journeylab.errors import UnknownNameError
from journeylab.exercises._answers import close_to, course_table, filler, items_in, not_a_number, not_text, number_in, same_text
from journeylab.frameworks import convert, get_framework
from journeylab.journey import StageGoal
from journeylab.kpis import get_kpi
from journeylab.learner_input import read_month

__all__: list[str] = []

ALIAS_STAGE = "Action"
"""The five-stage step whose stage in the guide's other list (five_stage_advocacy) exercise 05-alias asks for."""

KPI_STAGE = "Action"
"""The five-stage step of exercise 05-choose-the-kpi; its goal is fewer carts left behind."""

GOAL_KPI = "cart_abandonment_rate"
"""The KPI that measures "fewer carts left behind" (exercises 05-choose-the-kpi, 05-stage-goal, 05-goal-met)."""

GOAL_TARGET = 70.0
"""The cart abandonment rate, in percent, that the Buy goal of exercises 05-stage-goal and 05-goal-met allows at most."""

CTR_MONTH = "2024-05"
"""The month whose Know click-through rate exercise 05-compute-ctr asks for."""

_FIVE_STAGE = get_framework("five_stage")


def _campaigns(campaigns: pd.DataFrame | None) -> pd.DataFrame:
    return course_table(campaigns, "campaigns")


def _monthly(table: pd.DataFrame) -> pd.DataFrame:
    from journeylab.analytics import campaign_kpis  # analytics loads only when a check needs it

    return campaign_kpis(table)



def _kpi_name(text: Any) -> str | None:
    """The registry name of the KPI a text names (label, name or abbreviation, "rate" optional), or None."""
    if not isinstance(text, str):
        return None
    for name in (text, f"{text.strip()} rate"):  # "Cart abandonment" is what marketers say for the rate
        try:
            return get_kpi(name).name
        except UnknownNameError:
            continue
    return None


@exercise(
    "05-alias",
    hints=["Match the stages by what happens in them, not by their place in the list: where does the purchase "
           "happen in Awareness, Consideration, Decision, Retention, Advocacy?",
           f'jl.convert("{ALIAS_STAGE}", "five_stage", "five_stage_advocacy") gives the answer.',
           ],
    wrong="Retention",
    right=convert(ALIAS_STAGE, "five_stage", "five_stage_advocacy")[0],
)
def _alias(answer: Any) -> str | None:
    if not isinstance(answer, str):
        return not_text(answer, '"Awareness"')
    right = convert(ALIAS_STAGE, "five_stage", "five_stage_advocacy")
    if any(same_text(answer, name) for name in right):
        return None
    if same_text(answer, "Retention"):
        return (f"Retention stands where {ALIAS_STAGE} stands in its list, but it comes after the purchase: "
                "match the stages by what happens in them.")
    if any(same_text(answer, name) for name in _FIVE_STAGE.stage_names):
        return "That is a stage of the first list; the question asks for one of Awareness, Consideration, Decision, Retention, Advocacy."
    return f"'{answer}' is not a stage of Awareness, Consideration, Decision, Retention, Advocacy."


@exercise(
    "05-choose-the-kpi",
    hints=[f"Look at the KPIs the framework suggests for {KPI_STAGE} and pick the one whose formula counts "
           "carts that did not become orders.",
           "jl.kpis.KPIS shows every formula; the right one has both carts and orders in it.",
           ],
    wrong="Conversion rate",
    right=get_kpi(GOAL_KPI).label,
)
def _choose_the_kpi(answer: Any) -> str | None:
    if not isinstance(answer, str):
        return not_text(answer, '"Churn rate", as it is written in jl.kpis.KPIS')
    stage = _FIVE_STAGE.stage(KPI_STAGE)
    name = _kpi_name(answer)
    if name is None:
        if any(same_text(answer, label) for label in stage.kpis):
            return f"{answer.strip()} is a count you read straight from the data; the goal needs a rate with a formula."
        return f"'{answer}' is not a KPI of jl.kpis.KPIS; use one of its labels, such as \"Churn rate\"."
    if name == GOAL_KPI:
        return None
    kpi = get_kpi(name)
    if name in {_kpi_name(label) for label in stage.kpis}:
        return (f"{kpi.label} belongs to the {stage.name} stage, but its formula ({kpi.formula}) "
                "does not count the carts left without an order.")
    return f"{kpi.label} is not one of the KPIs the framework suggests for the {stage.name} stage."


@exercise(
    "05-compute-ctr",
    hints=[f"The click-through rate of the Know stage is clicks ÷ impressions × 100, in the Know row of {CTR_MONTH}.",
           f'jl.analytics.campaign_kpis(data.campaigns).loc["{CTR_MONTH}", "click_through_rate"]',
           ],
    wrong=0.011,
)
def _compute_ctr(answer: Any, campaigns: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "2.5 (for 2.5%)")
    table = _campaigns(campaigns)
    monthly = _monthly(table)
    expected = monthly.loc[CTR_MONTH, "click_through_rate"]
    if close_to(answer, expected):  # a small rate: 1.1 for 1.11 counts as rounded, another month's 1.07 does not
        return None
    month = table[table["month"] == CTR_MONTH]
    know, like = (month[month["stage"] == stage].sum(numeric_only=True).astype(float) for stage in ("Know", "Like"))
    if close_to(value, expected / 100):
        return "That is the rate as a fraction; KPIs in this course are percentages (2.5 for 2.5%)."
    if know["reach"] > 0 and close_to(value, 100 * know["clicks"] / know["reach"]):
        return "That divides by reach (people); the click-through rate divides by impressions (times shown)."
    if like["impressions"] > 0 and close_to(value, 100 * like["clicks"] / like["impressions"]):
        return "That is the click-through rate of the Like stage; the question asks for Know."
    other = [name for name, rate in monthly["click_through_rate"].items() if name != CTR_MONTH and close_to(value, rate)]
    if other:
        return f"That is the click-through rate of {other[0]}; the question asks for {CTR_MONTH}."
    if close_to(value, monthly["click_through_rate"].mean()):
        return f"That is an average over all months; the question asks for {CTR_MONTH} only."
    return f"{value:g}% is not the click-through rate of the Know stage in {CTR_MONTH}."


@exercise(
    "05-nps",
    hints=["NPS is the percentage of promoters (answers 9 and 10) minus the percentage of detractors (0 to 6), "
           "from the likelihood_to_recommend column.",
           'jl.kpis.nps(customers["likelihood_to_recommend"]) does the sum for you.',
           ],
    wrong=38.25,
)
def _nps(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "12.5 or -3")
    if customers is None:
        from journeylab.data import load_customers

        customers = load_customers()
    from journeylab.kpis import nps

    scores = customers["likelihood_to_recommend"].dropna()
    expected = nps(scores)
    if close_to(answer, expected):
        return None
    if close_to(value, expected / 100):
        return "That is the score as a fraction; NPS is given in points from -100 to 100."
    if close_to(value, 100 * (scores >= 9).mean()):
        return "That is the share of promoters only; subtract the share of detractors (answers 0 to 6)."
    if close_to(value, scores.mean()):
        return "That is the average answer; NPS counts promoters and detractors instead."
    if close_to(value, 100 * (scores >= 7).mean() - 100 * (scores <= 6).mean()):
        return "Passives (answers 7 and 8) count in the total, but not as promoters."
    return f"{value:g} is not the NPS of the survey."


@exercise(
    "05-stage-goal",
    hints=["A stage goal has a goal in words, the KPI that measures it, a target number and the direction that "
           "is better: \"higher\" or \"lower\".",
           f'jl.StageGoal("Fewer carts left behind", kpi="Cart abandonment rate", target={GOAL_TARGET:g}, '
           'better="...") — and for this KPI, which way is good?',
           ],
    wrong=StageGoal("Fewer carts left behind", kpi="Cart abandonment rate", target=GOAL_TARGET),
    right=StageGoal("Fewer carts left behind", kpi="Cart abandonment rate", target=GOAL_TARGET, better="lower"),
)
def _stage_goal(answer: Any) -> str | None:
    if not isinstance(answer, StageGoal):
        return "Build your answer with jl.StageGoal(...), as in the notebook."
    if filler(answer.goal):
        return (f"The goal is only '{answer.goal}': write it in words, as the question does "
                "(\"Fewer carts left behind\").")
    if _kpi_name(answer.kpi) != GOAL_KPI:
        return f"The KPI '{answer.kpi}' does not measure the carts left without an order."
    if close_to(answer.target, GOAL_TARGET / 100):
        return (f"The target {answer.target:g} is the rate as a fraction; the course writes rates in percent: "
                f"target={GOAL_TARGET:g} for {GOAL_TARGET:g}%.")
    if not close_to(answer.target, GOAL_TARGET):
        return (f"The target is {answer.target:g}, but the team accepts at most {GOAL_TARGET:g}%: "
                f"set target={GOAL_TARGET:g}, without the % sign.")
    if answer.better != get_kpi(GOAL_KPI).better:
        return "Think about which way is good for this KPI: the goal's direction (better) points the wrong way."
    return None


def _months(answer: Any) -> list[str] | None:
    """Months as the table writes them ("2024-09"), from a list, set, Index or a text such as "2024-04, Sep 2024"
    (order does not matter); None when an item is not a month."""
    items = items_in(answer)
    if items is None:
        return None
    months = [read_month(item) for item in items]
    return None if any(month is None for month in months) else [str(month) for month in months]


@exercise(
    "05-goal-met",
    hints=[f"The goal is missed in every month whose cart abandonment rate is above {GOAL_TARGET:g}%: "
           "read down the cart_abandonment_rate column.",
           f'monthly.index[monthly["cart_abandonment_rate"] > {GOAL_TARGET:g}].tolist() lists those months.',
           ],
    wrong=["2024-09"],
)
def _goal_met(answer: Any, campaigns: pd.DataFrame | None = None) -> str | None:
    months = _months(answer)
    if months is None:
        if isinstance(answer, (pd.Series, pd.DataFrame)) and not isinstance(answer, pd.Index):
            return ("That is a table of rates; give the months themselves: keep the rows above the target and "
                    "take their .index.tolist().")
        return 'Give a list of months in square brackets, written as in the table, e.g. ["2024-01", "2024-02"].'
    abandonment = _monthly(_campaigns(campaigns))["cart_abandonment_rate"]
    unknown = [month for month in months if month not in abandonment.index]
    if unknown:
        return f"'{unknown[0]}' is not a month of the campaigns table; write months as in the table, e.g. \"2024-01\"."
    given = set(months)
    missed = set(abandonment.index[abandonment > GOAL_TARGET])
    if given == missed:
        return None
    if given and given == set(abandonment.index) - missed:
        return "Those are the months that met the goal; the question asks for the months that missed it."
    extra, forgotten = given - missed, missed - given
    if extra:
        if len(extra) == 1:
            return f"One of your months met the goal: its cart abandonment rate is {GOAL_TARGET:g}% or less."
        return f"{len(extra)} of your months met the goal: their cart abandonment rate is {GOAL_TARGET:g}% or less."
    verb = "month that missed the goal is" if len(forgotten) == 1 else "months that missed the goal are"
    return f"{len(forgotten)} {verb} not in your list yet."
