"""Exercises of notebook 00, how the course works."""

from __future__ import annotations

from typing import Any

from journeylab.checks import exercise
from journeylab.exercises._answers import same_text
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
        return "Write the stage name as text, in quotes, like \"Refer\"."
    if same_text(answer, get_framework("hourglass").stage_names[0]):
        return None
    return f"'{answer}' is not where the hourglass starts."
