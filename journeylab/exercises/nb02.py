"""Exercises of notebook 02, know your customer: segmentation, satisfaction and empathy maps.

The data exercises take the survey as context
(``check("02-top-channel", answer, customers=data.customers)``) and work the
expected answer out from it, so a participant with another data seed is checked
against their own numbers. Without context they use the course's own survey.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, course_table, filler, listed, not_a_number, not_text, number_in, same_text
from journeylab.personas import EmpathyMap
from journeylab.schemas import MOTIVATIONS

__all__: list[str] = []

SEGMENT_TYPES = {
    "age": "demographic",
    "household": "demographic",
    "income_band": "demographic",
    "region": "geographic",
    "area": "geographic",
    "motivation": "psychographic",
    "interest": "psychographic",
    "orders_last_year": "behavioural",
    "device": "behavioural",
}
"""The columns of exercise 02-segment-type and the way of segmenting each belongs to (data/README.md)."""

_SPELLINGS = {"behavioral": "behavioural", "behaviour": "behavioural", "behavior": "behavioural"}
AVERAGE_AGE_GROUP = "Design"
"""The motivation group whose mean age exercise 02-average-age asks for."""
MAP_SEGMENT, CANVAS_SEGMENT = "Price", "Convenience"
"""The segments exercises 02-empathy-map and 02-canvas describe."""


def _survey(customers: pd.DataFrame | None) -> pd.DataFrame:
    return course_table(customers, "customers")



def _kind(value: Any) -> str:
    word = value.strip().casefold() if isinstance(value, str) else ""
    return _SPELLINGS.get(word, word)


@exercise(
    "02-segment-type",
    hints=["Demographic is who someone is, geographic is where they live, psychographic is what they "
           "value or enjoy, behavioural is what they do.",
           "Two columns are geographic (region, area) and two are psychographic (motivation, interest); "
           "orders and device describe behaviour.",
           ],
    wrong={**SEGMENT_TYPES, "motivation": "behavioural", "device": "demographic"},
    right=SEGMENT_TYPES,
)
def _segment_type(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return "Give a dictionary, in curly brackets, such as {\"age\": \"demographic\", ...}."
    missing = [column for column in SEGMENT_TYPES if column not in answer]
    if missing:
        return f"The dictionary has no entry for {listed(missing)}."
    kinds = sorted(set(SEGMENT_TYPES.values()))
    unknown = [column for column in SEGMENT_TYPES if _kind(answer[column]) not in kinds]
    if unknown:
        return f"The answer for {unknown[0]} should be one of the words {listed(kinds, 'or')}."
    wrong = [column for column, kind in SEGMENT_TYPES.items() if _kind(answer[column]) != kind]
    if wrong:
        belongs = "it belongs" if len(wrong) == 1 else "they belong"
        return f"Look again at {listed(wrong)}: {belongs} to another way of segmenting."
    return None


@exercise(
    "02-average-age",
    hints=[f"Keep only the rows where motivation is \"{AVERAGE_AGE_GROUP}\", then take the mean of the age column.",
           f"customers[customers[\"motivation\"] == \"{AVERAGE_AGE_GROUP}\"][\"age\"].mean()",
           ],
    wrong=40.0,
)
def _average_age(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    survey = _survey(customers)
    ages = survey.loc[survey["motivation"] == AVERAGE_AGE_GROUP, "age"]
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "47.5")
    if close_to(answer, ages.mean()):
        return None
    if close_to(value, survey["age"].mean()):
        return f"That is the average age of all respondents; keep only the {AVERAGE_AGE_GROUP} group first."
    if close_to(value, ages.median()):
        return "That is the median (the middle age); the exercise asks for the mean."
    return f"{value:g} is not the average age of the {AVERAGE_AGE_GROUP} group."


@exercise(
    "02-top-channel",
    hints=["First find the motivation group with the lowest average age: group the customers by "
           "motivation and take the mean of age.",
           "customers.groupby(\"motivation\")[\"age\"].mean().idxmin() names the group; keep only its rows "
           "and use value_counts().idxmax() on preferred_channel.",
           ],
    wrong="Instagram",
)
def _top_channel(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    survey = _survey(customers)
    youngest = survey.groupby("motivation")["age"].mean().idxmin()
    top_by_group = survey.groupby("motivation")["preferred_channel"].agg(lambda channels: channels.value_counts().idxmax())
    if not isinstance(answer, str):
        return not_text(answer, '"Blog"')
    if same_text(answer, top_by_group[youngest]):
        return None
    if same_text(answer, survey["preferred_channel"].value_counts().idxmax()):
        return f"'{answer}' is the most preferred channel of all respondents; keep only the youngest group first."
    others = [group for group, channel in top_by_group.items() if group != youngest and same_text(answer, channel)]
    if others:
        return f"'{answer}' is the top channel of the {others[0]} group, which is not the youngest one."
    return f"'{answer}' is not the channel the youngest motivation group prefers most."


@exercise(
    "02-happiest-segment",
    hints=["Group the customers by motivation and take the mean of the csat column.",
           "customers.groupby(\"motivation\")[\"csat\"].mean() gives one number per group; idxmax() names the highest.",
           ],
    wrong="Price",
)
def _happiest_segment(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    survey = _survey(customers)
    satisfaction = survey.groupby("motivation")["csat"].mean()
    if not isinstance(answer, str):
        return not_text(answer, '"Convenience"')
    if same_text(answer, satisfaction.idxmax()):
        return None
    group = next((group for group in satisfaction.index if same_text(answer, group)), None)
    if group is None:
        return f"'{answer}' is not a motivation group; the groups are {', '.join(satisfaction.index)}."
    return f"The {group} group is not the one with the highest average satisfaction."


@exercise(
    "02-empathy-map",
    hints=["An empathy map has four quadrants: says, thinks, does and feels. Put at least one line in each.",
           "jl.EmpathyMap(who=\"Price hunters\", says=[\"...\"], thinks=[\"...\"], does=[\"...\"], feels=[\"...\"]) "
           "with your own words in place of the dots.",
           ],
    wrong=EmpathyMap(who="Price hunters", does=["Shops on a mobile phone"]),
    right=EmpathyMap(who="Price hunters", says=["Is there a discount code?"], thinks=["I can get this cheaper elsewhere"],
                     does=["Compares prices on TikTok"], feels=["Pleased with a bargain"]),
)
def _empathy_map(answer: Any) -> str | None:
    if not isinstance(answer, EmpathyMap):
        return "Build the map with jl.EmpathyMap(...), not as a dictionary or a text."
    wrong_who = _who_problem(answer, MAP_SEGMENT)
    if wrong_who:
        return wrong_who
    empty = [name for name in EmpathyMap.QUADRANTS if _only_filler(getattr(answer, name))]
    if empty:
        names = [name.capitalize() for name in empty]
        verb, each = ("is", "it") if len(names) == 1 else ("are", "each")
        if any(getattr(answer, name) for name in empty):
            return (f"{listed(names)} {verb} still empty or hold{'s' if len(names) == 1 else ''} only a placeholder "
                    f"such as 'x': write at least one real line in {each}.")
        return f"{listed(names)} {verb} still empty: add at least one line to {each}."
    return None


_CANVAS_NEEDS = (("who", "who you empathise with (who)"), ("goal", "what they need to do (goal)"),
                 ("sees", "a line in Sees"), ("hears", "a line in Hears"))
"""What exercise 02-canvas asks for: the goal on top (who, and what they need to do), and the two areas the
2017 canvas added around the customer."""


@exercise(
    "02-canvas",
    hints=["The updated canvas starts from a goal: who you empathise with (who=...) and what they need to do "
           "(goal=...). Then add what they see around them (sees) and what they hear from others (hears).",
           "jl.EmpathyMap(who=\"Convenience segment\", goal=\"...\", sees=[\"...\"], hears=[\"...\"], says=[\"...\"], "
           "does=[\"...\"]) with your own words in place of the dots.",
           ],
    wrong=EmpathyMap(who="Convenience segment", says=["Can it be delivered on Saturday?"],
                     sees=["Neighbours' parcels piling up by the door"]),
    right=EmpathyMap(who="Convenience segment", goal="Furnish the children's room before school starts",
                     sees=["Ads for next-day delivery"], hears=["Other parents recommend shops that deliver fast"]),
)
def _canvas(answer: Any) -> str | None:
    if not isinstance(answer, EmpathyMap):
        return "Build the canvas with jl.EmpathyMap(...), not as a dictionary or a text."
    wrong_who = _who_problem(answer, CANVAS_SEGMENT)
    if wrong_who:
        return wrong_who
    missing = [label for area, label in _CANVAS_NEEDS if _only_filler(getattr(answer, area))]
    if missing:
        return f"The canvas still needs {listed(missing)}."
    return None


def _only_filler(area: str | tuple[str, ...]) -> bool:
    """Whether an area of a map is empty or holds only placeholders such as "x"."""
    return all(filler(line) for line in ((area,) if isinstance(area, str) else area))


def _who_problem(answer: EmpathyMap, segment: str) -> str | None:
    """What is wrong with ``who`` on a map the question asks for ``segment``: empty, a placeholder, or another segment."""
    if filler(answer.who):
        return f"Say whose map this is: who=\"{segment} segment\", or the people of that segment in your words."
    named = [group for group in MOTIVATIONS if re.search(rf"\b{group}\b", answer.who, re.IGNORECASE)]
    if named and segment not in named:
        return (f"The map is for '{answer.who}', but the question asks for the {segment} segment: "
                f"write who=\"{segment} segment\" (or its people in your words) and describe them.")
    return None
