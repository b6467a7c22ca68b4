"""Small comparisons the exercise checkers share."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from journeylab.learner_input import read_number

__all__ = ["same_text", "close_to", "number_in", "course_table", "listed"]


def same_text(answer: Any, expected: str) -> bool:
    """Text equal to ``expected``, ignoring case and spaces at the ends."""
    return isinstance(answer, str) and answer.strip().casefold() == expected.casefold()


def close_to(answer: Any, expected: float, tolerance: float = 0.01) -> bool:
    """A number within ``tolerance`` of ``expected`` (so 3.33 matches 3.3333)."""
    try:
        return math.isclose(float(answer), expected, abs_tol=tolerance)
    except (TypeError, ValueError):
        return False


def number_in(answer: Any) -> float | None:
    """A number, or text such as "45%", "40,000" or "23,4"; anything else is None (see :mod:`journeylab.learner_input`)."""
    return read_number(answer)


def course_table(given: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """The table a notebook passed to a check, or the course's own data set ``name`` when none was passed."""
    if given is not None:
        return given
    from journeylab import data  # loaded only when a check needs it

    return getattr(data, f"load_{name}")()


def listed(names: list[str], last: str = "and") -> str:
    """Names in a sentence: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]
