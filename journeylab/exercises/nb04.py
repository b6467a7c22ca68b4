"""Exercises of notebook 04, the hourglass: its seven steps, the funnel of the case data, the leaks.

The data exercises take the event log or the activities as context
(``check("04-leakiest-stage", answer, events=data.events)``) and work the
expected answer out from it with the package, so a participant with another
data seed is checked against their own numbers. Without context they use the
course's own files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, course_table, not_a_number, not_text, number_in, same_text
from journeylab.frameworks import get_framework

__all__: list[str] = []

STATEMENTS_TO_PLACE = ("A26", "A12", "A38", "A04", "A20", "A32", "A14")
"""The activity statements of exercise 04-activity-stage: one per step, in shuffled order."""

TOUCHPOINT, TOUCHPOINT_CHANNEL = "TikTok video", "TikTok"
"""The touchpoint whose visitors exercise 04-touchpoint-conversion follows to Buy, and its channel (a first-channel
funnel of that channel is the slip the check names)."""

_HOURGLASS = get_framework("hourglass")


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    return course_table(events, "events")


def _funnel(events: pd.DataFrame | None, closed: bool = True) -> pd.DataFrame:
    from journeylab.analytics import stage_funnel  # analytics loads pandas machinery: only when checking

    return stage_funnel(_events(events), closed=closed)


def _stage_name(answer: Any) -> str | None:
    """The hourglass step an answer names (any case, spaces at the ends), or None."""
    if not isinstance(answer, str):
        return None
    return next((name for name in _HOURGLASS.stage_names if same_text(answer, name)), None)



@exercise(
    "04-order-the-stages",
    hints=["The hourglass follows the customer: first they get to know a business, at the end they tell others about it.",
           "Know and Like come first, Buy sits in the narrow middle, and Repeat and Refer follow the purchase.",
           ],
    wrong=["Know", "Like", "Try", "Trust", "Buy", "Repeat", "Refer"],
    right=list(_HOURGLASS.stage_names),
)
def _order_the_stages(answer: Any) -> str | None:
    if isinstance(answer, str):
        return 'That is one text; give each step in its own quotes, in a list in square brackets: ["Know", "Like", ...].'
    if not isinstance(answer, Sequence):
        return 'Give a list in square brackets, such as ["Know", "Like", ...].'
    names = [_stage_name(item) for item in answer]
    unknown = [item for item, name in zip(answer, names) if name is None]
    if unknown:
        return f"{unknown[0]!r} is not one of the seven steps; use the names of the shuffled list."
    if len(names) != len(set(names)) or len(names) != len(_HOURGLASS.stage_names):
        return "Use each of the seven steps exactly once."
    misplaced = sum(name != expected for name, expected in zip(names, _HOURGLASS.stage_names))
    if misplaced:
        return f"{misplaced} of the 7 steps are not in their place yet."
    return None


@exercise(
    "04-activity-stage",
    hints=["Ask of each statement: what does the customer want to do at that moment? Get to know the shop, like it, "
           "trust it, try it, buy, buy again or tell others?",
           "Reviews build trust, free samples are a way to try, a checkout is where people buy, a reorder e-mail "
           "asks for a repeat and a referral link asks customers to refer.",
           ],
    wrong={"A26": "Buy", "A12": "Know", "A38": "Refer", "A04": "Like", "A20": "Try", "A32": "Repeat", "A14": "Trust"},
)
def _activity_stage(answer: Any, activities: pd.DataFrame | None = None) -> str | None:
    if not isinstance(answer, Mapping):
        return 'Write your answer as a dictionary, e.g. {"A26": "Buy", "A12": "Like"}.'
    if activities is None:  # the course's own file, when the notebook passes no data
        from journeylab.data import load_activities

        activities = load_activities()
    expected = dict(zip(activities["activity_id"], activities["stage"]))
    given = {str(key).strip().upper(): value for key, value in answer.items()}
    missing = [activity for activity in STATEMENTS_TO_PLACE if activity not in given]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        return f"Place every statement: {', '.join(missing)} {verb} still missing."
    for activity in STATEMENTS_TO_PLACE:
        if _stage_name(given[activity]) is None:
            return f"{given[activity]!r} for {activity} is not a step of the hourglass; use Know, Like, Trust, Try, Buy, Repeat or Refer."
    wrong = sum(_stage_name(given[activity]) != expected[activity] for activity in STATEMENTS_TO_PLACE)
    if wrong:
        verb = "is" if wrong == 1 else "are"
        return f"{wrong} of the {len(STATEMENTS_TO_PLACE)} statements {verb} placed at the wrong step."
    return None


@exercise(
    "04-step-conversion",
    hints=["The step conversion of a stage is the share of the stage before that made it this far: look at the Buy row.",
           'funnel.loc["Buy", "step_conversion"] reads one number from the funnel table.',
           ],
    wrong=4.96,
)
def _step_conversion(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "25.3 (for 25.3%)")
    closed = _funnel(events)
    expected = closed.loc["Buy", "step_conversion"]
    if close_to(answer, expected):
        return None
    if close_to(value, expected / 100):
        return "That is the share as a fraction; the funnel gives percentages (25.3 for 25.3%)."
    if close_to(value, closed.loc["Buy", "overall_conversion"]):
        return "That is the overall conversion, compared with everyone at Know; the step compares Buy with Try only."
    if close_to(value, 100 - expected):
        return "That is the share that did NOT make the step; the step conversion is the share that did."
    if close_to(value, _funnel(events, closed=False).loc["Buy", "step_conversion"]):
        return "That comes from the open funnel; use the closed funnel, the one stage_funnel gives by default."
    if close_to(value, closed.loc["Buy", "users"]):
        return "That is the number of people at Buy; the step conversion is a percentage."
    return f"{value:g}% is not the step conversion from Try to Buy."


@exercise(
    "04-leakiest-stage",
    hints=["The leakiest step is where the smallest share of the stage before makes it through: "
           "compare the step_conversion column, not the numbers of people.",
           'funnel["step_conversion"].idxmin() names the stage with the lowest step conversion.',
           ],
    wrong="Like",
)
def _leakiest_stage(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    if isinstance(answer, str) and ("→" in answer or "->" in answer):
        answer = answer.replace("->", "→").split("→")[-1]  # "Try → Buy" names the step that ends at Buy
    if not isinstance(answer, str):
        return not_text(answer, '"Trust"')
    name = _stage_name(answer)
    if name is None:
        return "Give the name of one step of the hourglass, as text in quotes, such as \"Trust\"."
    funnel = _funnel(events)
    leakiest = funnel["step_conversion"].idxmin()
    if name == leakiest:
        return None
    if name == funnel["drop_off"].idxmax():
        return f"{name} is where the most people drop out in number; the question asks for the largest share."
    position = _HOURGLASS.position(name)
    if position + 1 < len(_HOURGLASS.stage_names) and _HOURGLASS.stage_names[position + 1] == leakiest:
        return (f"{name} is the stage before the leak; name the stage at the end of the step, "
                "the row of the funnel table with the lowest step conversion.")
    if name == _HOURGLASS.stage_names[0]:
        return "Everyone starts at the first step, so no one is lost on the way there."
    return f"The step into {name} is not the one that loses the largest share of people."


@exercise(
    "04-touchpoint-conversion",
    hints=[f"Keep the events of the visitors who had a {TOUCHPOINT} contact, make their funnel with "
           "jl.analytics.stage_funnel, and read the overall conversion at Buy.",
           f'tiktok = data.events.loc[data.events["touchpoint"] == "{TOUCHPOINT}", "user_id"], then '
           'jl.analytics.stage_funnel(data.events[data.events["user_id"].isin(tiktok)]).loc["Buy", "overall_conversion"]',
           ],
    wrong=4.96,
)
def _touchpoint_conversion(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "5.2 (for 5.2%)")
    log = _events(events)
    visitors = log.loc[log["touchpoint"] == TOUCHPOINT, "user_id"]
    subset = log[log["user_id"].isin(visitors)]
    funnel = _funnel(subset)
    expected = funnel.loc["Buy", "overall_conversion"]
    first_channel = _first_channel_conversion(log)
    if close_to(answer, expected) and not _nearer(value, first_channel, expected):
        return None
    if first_channel is not None and close_to(value, first_channel):
        return (f"That counts the visitors whose first channel was {TOUCHPOINT_CHANNEL}; the question asks for "
                f"everyone who had a {TOUCHPOINT} contact at any point: keep their user_ids from the touchpoint column.")
    if close_to(value, expected / 100):
        return "That is the share as a fraction; give it in percent (5.2 for 5.2%)."
    if close_to(value, _funnel(log).loc["Buy", "overall_conversion"]):
        return f"That is the share of all visitors; keep only the visitors who had a {TOUCHPOINT} contact."
    if close_to(value, funnel.loc["Buy", "step_conversion"]):
        return "That is the step conversion from Try; the question compares Buy with everyone at the first step."
    if close_to(value, _funnel(subset, closed=False).loc["Buy", "overall_conversion"]):
        return "That comes from the open funnel; use the closed funnel, the one stage_funnel gives by default."
    if close_to(value, funnel.loc["Buy", "users"]):
        return "That is the number of people who reached Buy; the question asks for their share, in percent."
    return f"{value:g}% is not the share of {TOUCHPOINT} visitors who reached Buy."


def _first_channel_conversion(log: pd.DataFrame) -> float | None:
    """The slip of 04-touchpoint-conversion: the conversion at Buy of the visitors whose first channel is TikTok."""
    from journeylab.analytics import stage_funnel

    at_buy = stage_funnel(log, breakdown="channel")["overall_conversion"].unstack("stage")["Buy"]
    return float(at_buy[TOUCHPOINT_CHANNEL]) if TOUCHPOINT_CHANNEL in at_buy.index else None


def _nearer(value: float, slip: float | None, expected: float) -> bool:
    """Whether ``value`` lies nearer a known slip than the right answer (a rounded answer can fit both)."""
    return slip is not None and abs(value - slip) < abs(value - expected)


CAMPAIGN_WINDOW = "30D"
"""The conversion window of exercise 04-conversion-window: the length of a 30-day campaign."""


@exercise(
    "04-conversion-window",
    hints=["A 30-day campaign should count only the visitors who reached Buy within 30 days of hearing of the shop: "
           "stage_funnel has an option that sets such a time limit.",
           f'jl.analytics.stage_funnel(data.events, within="{CAMPAIGN_WINDOW}") makes the funnel with a 30-day '
           'window; read the users at Buy from it with .loc["Buy", "users"].',
           ],
    wrong=844,
)
def _conversion_window(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    from journeylab.analytics import stage_funnel

    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "1200")
    log = _events(events)
    windowed = stage_funnel(log, within=CAMPAIGN_WINDOW)
    if close_to(answer, windowed.loc["Buy", "users"]):
        return None
    if close_to(value, _funnel(log).loc["Buy", "users"]):
        return "That counts every buyer, however long they took; count only those who reached Buy within 30 days."
    if any(close_to(value, windowed.loc["Buy", column]) for column in ("overall_conversion", "step_conversion")):
        return "That is a percentage; the question asks for a number of visitors."
    if close_to(value, stage_funnel(log, closed=False, within=CAMPAIGN_WINDOW).loc["Buy", "users"]):
        return "That comes from the open funnel; use the closed funnel, the one stage_funnel gives by default."
    return f"{value:g} is not the number of visitors who reached Buy within 30 days."


@exercise(
    "04-breakdown-best-channel",
    hints=['Make one funnel per first channel with breakdown="channel", then compare the overall conversion at Buy: '
           "the share of each channel's visitors who went on to buy.",
           'by_channel["overall_conversion"].unstack("stage")["Buy"] lists that share per channel; '
           ".idxmax() names the channel with the largest one.",
           ],
    wrong="Instagram",
)
def _breakdown_best_channel(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    from journeylab.analytics import stage_funnel

    if not isinstance(answer, str):
        return not_text(answer, '"Search"')
    by_channel = stage_funnel(_events(events), breakdown="channel")
    at_buy = {column: by_channel[column].unstack("stage")["Buy"]
              for column in ("overall_conversion", "step_conversion", "users")}
    channels = [str(name) for name in at_buy["users"].index]
    channel = next((name for name in channels if same_text(answer, name)), None)
    if channel is None:
        return (f"'{answer.strip()}' is not the first channel of any visitor; "
                f"the first channels are {', '.join(channels)}.")
    if channel == str(at_buy["overall_conversion"].idxmax()):
        return None
    if channel == str(at_buy["users"].idxmax()):
        return (f"{channel} brings the most buyers in number; the question asks which channel brings the largest "
                "share of its own visitors to Buy.")
    if channel == str(at_buy["step_conversion"].idxmax()):
        return (f"{channel} has the best step from Try to Buy; the question compares Buy with everyone who "
                "started at Know.")
    return f"{channel}'s visitors are not the ones who reach Buy most often."
