"""Exercises of notebook 03, personas built from segment data.

The data exercises take the survey as context
(``check("03-median-age", answer, customers=data.customers)``) and work the
expected answer out from it; without context they use the course's own survey.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, course_table, not_a_number, not_text, number_in, same_text
from journeylab.exercises._filled_in import persona_problem
from journeylab.personas import Persona

__all__: list[str] = []

MEDIAN_AGE_GROUP = "Price"
"""The motivation group whose median age exercise 03-median-age asks for."""
CHANNEL_GROUP = "Convenience"
"""The motivation group of exercises 03-pick-the-channel and 03-persona-from-segment."""


def _survey(customers: pd.DataFrame | None) -> pd.DataFrame:
    return course_table(customers, "customers")


def _group(customers: pd.DataFrame | None, motivation: str) -> pd.DataFrame:
    survey = _survey(customers)
    return survey[survey["motivation"] == motivation]



@exercise(
    "03-median-age",
    hints=[f"Keep only the rows where motivation is \"{MEDIAN_AGE_GROUP}\", then take the median of the age column.",
           f"customers[customers[\"motivation\"] == \"{MEDIAN_AGE_GROUP}\"][\"age\"].median()",
           ],
    wrong=25.1,
)
def _median_age(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    survey = _survey(customers)
    ages = survey.loc[survey["motivation"] == MEDIAN_AGE_GROUP, "age"]
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "30")
    if close_to(answer, ages.median()):
        return None
    if close_to(value, ages.mean()):
        return "That is the mean (the average); the exercise asks for the median, the middle age."
    if close_to(value, survey["age"].median()):
        return f"That is the median age of all respondents; keep only the {MEDIAN_AGE_GROUP} group first."
    return f"{value:g} is not the median age of the {MEDIAN_AGE_GROUP} group."


@exercise(
    "03-pick-the-channel",
    hints=[f"Reach people where most of them want to hear from you: look at the preferred_channel of the {CHANNEL_GROUP} group.",
           f"customers[customers[\"motivation\"] == \"{CHANNEL_GROUP}\"][\"preferred_channel\"].value_counts() "
           "lists the channels, the most common first.",
           ],
    wrong="E-mail",
)
def _pick_the_channel(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    counts = _group(customers, CHANNEL_GROUP)["preferred_channel"].value_counts()
    if not isinstance(answer, str):
        return not_text(answer, '"Blog"')
    if same_text(answer, counts.idxmax()):
        return None
    if len(counts) > 1 and same_text(answer, counts.index[1]):
        return f"'{answer}' is popular with the {CHANNEL_GROUP} group, but it is not their most common first choice."
    return f"'{answer}' is not the channel the {CHANNEL_GROUP} group prefers most."


@exercise(
    "03-persona-complete",
    hints=["A persona needs a name, an age, a role, and at least one goal, one challenge and one preferred channel.",
           "jl.Persona(\"Name\", age=35, role=\"...\", goals=[\"...\"], challenges=[\"...\"], channels=[\"...\"]) "
           "with your own words in place of the dots.",
           ],
    wrong=Persona("Sam", age=30, goals=["Save time"]),
    right=Persona("Sam", age=30, role="Nurse", goals=["Save time"], challenges=["Works night shifts"], channels=["E-mail"]),
)
def _persona_complete(answer: Any) -> str | None:
    if not isinstance(answer, Persona):
        return "Build the persona with jl.Persona(...), not as a dictionary or a text."
    return persona_problem(answer)


@exercise(
    "03-persona-from-segment",
    hints=[f"Summarise the {CHANNEL_GROUP} group first: the middle half of its ages runs from "
           "age.quantile(0.25) to age.quantile(0.75), and value_counts() on preferred_channel shows its favourite.",
           f"Give the persona an age between the {CHANNEL_GROUP} group's 25% and 75% quantiles of age, put the "
           f"group's most common preferred_channel in channels=[...], and set segment=\"{CHANNEL_GROUP}\".",
           ],
    wrong=Persona("Mia", age=24, role="Student", channels=["TikTok"]),
)
def _persona_from_segment(answer: Any, customers: pd.DataFrame | None = None) -> str | None:
    if not isinstance(answer, Persona):
        return "Build the persona with jl.Persona(...), not as a dictionary or a text."
    if not same_text(answer.segment, CHANNEL_GROUP):
        if not answer.segment:
            return (f"The persona has no segment yet: the question builds it from the {CHANNEL_GROUP} segment, "
                    f"so set segment=\"{CHANNEL_GROUP}\".")
        return (f"The persona's segment is '{answer.segment}', but the question builds it from the {CHANNEL_GROUP} "
                f"segment: set segment=\"{CHANNEL_GROUP}\".")
    group = _group(customers, CHANNEL_GROUP)
    low, high = group["age"].quantile(0.25), group["age"].quantile(0.75)
    top_channel = group["preferred_channel"].value_counts().idxmax()
    problems = []
    if answer.age is None:
        problems.append("has no age yet")
    elif not low <= answer.age <= high:
        problems.append(f"is {answer.age}, outside the middle half of the {CHANNEL_GROUP} group's ages,")
    if not any(same_text(channel, top_channel) for channel in answer.channels):
        problems.append(f"does not list the {CHANNEL_GROUP} group's most preferred channel among the persona's channels")
    if not problems:
        return None
    return f"{answer.name} {' and '.join(problems).rstrip(',')}."
