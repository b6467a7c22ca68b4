"""The course's exercises: one checker per exercise, registered by id.

Ids read ``NN-short-name``, where ``NN`` is the notebook that asks the question.
Each checker returns ``None`` for a right answer, or one sentence that says
what is wrong without giving the answer away; the hints go from gentle to
nearly-the-answer. ``wrong`` is a plausible wrong answer, used by the tests to
prove that every check can fail.
"""

from __future__ import annotations

from typing import Any

from journeylab.checks import exercise
from journeylab.frameworks import get_framework

__all__: list[str] = []


def _same_text(answer: Any, expected: str) -> bool:
    return isinstance(answer, str) and answer.strip().casefold() == expected.casefold()


# -- notebook 00: how the course works --------------------------------------------------


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
    if _same_text(answer, get_framework("hourglass").stage_names[0]):
        return None
    return f"'{answer}' is not where the hourglass starts."
