"""Exercises of notebook 00, how the course works."""

from __future__ import annotations

from typing import Any

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, not_a_number, not_text, number_in, same_text
from journeylab.frameworks import get_framework

__all__: list[str] = []


@exercise(
    "00-first-answer",
    hints=["The hourglass starts where a customer first gets to know a business.",
           "It is a four-letter word: the first of Know, Like, Trust, Try, Buy, Repeat, Refer."],
    wrong="Buy",
    right="Know",
)
def _first_stage(answer: Any) -> str | None:
    if not isinstance(answer, str):
        return not_text(answer, '"Refer"')
    if same_text(answer, get_framework("hourglass").stage_names[0]):
        return None
    return f"'{answer}' is not where the hourglass starts."


# Notebook 00 tries the same question out under an id of its own, so that the try-out
# does not mark the workbook's exercise as passed.
exercise(
    "00-practice",
    hints=["The hourglass starts where a customer first gets to know a business.",
           "It is a four-letter word: the first of Know, Like, Trust, Try, Buy, Repeat, Refer."],
    wrong="Buy",
    right="Know",
    practice=True,
)(_first_stage)


@exercise(
    "00-count-customers",
    hints=["Each row of data.customers is one survey respondent, so count the rows.",
           "len(...) counts the rows of a table: put data.customers between the brackets."],
    wrong=17,
    right=2000,
)
def _count_customers(answer: Any, customers: Any = None) -> str | None:
    if customers is None:  # the course's own file, when the notebook passes no data
        from journeylab.data import load_customers

        customers = load_customers()
    rows, columns = customers.shape
    if isinstance(answer, tuple) and len(answer) == 2:
        return "That is the shape (rows and columns); give only the number of respondents, one whole number."
    count = number_in(answer)
    if count is None:
        return not_a_number(answer, "150")
    if close_to(answer, rows):  # a count is whole: only the exact number is near enough
        return None
    if count == columns:
        return "That is the number of columns (the questions of the survey), not the number of respondents."
    return f"{count:g} is not the number of rows in data.customers."
