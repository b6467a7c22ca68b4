"""Small comparisons the exercise checkers share, with the course's one tolerance rule.

* **Numbers**: the exact value is right, and so is the value rounded as people
  round it, to as many decimals as the learner wrote, as long as at least two
  digits are left (13.62 → 14 or 13.6; 0.4317 → 0.43, not 0.4). The feedback then
  gives the exact value. A checker may allow more with ``tolerance``.
* **Text**: case, spaces and a trailing "stage", "step", "phase" or "rate" do
  not matter ("consideration stage" is Consideration; "Cart abandonment" is the
  cart abandonment rate).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

import pandas as pd

from journeylab.checks import remark
from journeylab.learner_input import read_number

__all__ = ["same_text", "close_to", "number_in", "course_table", "listed"]


_TRAILING_WORDS = re.compile(r"\s+(stage|step|phase|rate)$")


def _plain_text(text: str) -> str:
    words = " ".join(text.replace("_", " ").split()).casefold().strip(" .,;:!\"'")
    return _TRAILING_WORDS.sub("", words)


def same_text(answer: Any, expected: str) -> bool:
    """Text equal to ``expected``, ignoring case, spaces and a trailing "stage"/"rate" (see the module).

    >>> same_text(" consideration Stage", "Consideration"), same_text("Cart abandonment", "Cart abandonment rate")
    (True, True)
    >>> same_text("Trust", "Try")
    False
    """
    return isinstance(answer, str) and _plain_text(answer) == _plain_text(expected)


def close_to(answer: Any, expected: float, tolerance: float = 0.01) -> bool:
    """A number within ``tolerance`` of ``expected``, or ``expected`` rounded as the learner rounded it.

    >>> close_to(3.33, 10 / 3), close_to(14, 13.6), close_to(0, 0.43), close_to(13, 13.6)
    (True, True, False, False)
    """
    number = read_number(answer)  # "45%", "12,000" and "3,5" are read as everywhere in the course
    if number is None:
        return False
    if math.isclose(number, expected, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if math.isclose(number, expected, abs_tol=tolerance) or _rounded_from(answer, number, expected):
        remark(f"The exact value is {expected:,.4g}; your rounded {answer} counts.")
        return True
    return False


def _rounded_from(answer: Any, number: float, expected: float) -> bool:
    """Whether ``number`` is ``expected`` rounded to the decimals written, keeping at least two digits."""
    if not math.isfinite(number) or not math.isfinite(expected):
        return False
    # the decimals of the number as read (trailing zeros say nothing: 13.60 is rounded like 13.6)
    decimals = max(0, -int(Decimal(repr(number)).normalize().as_tuple().exponent))
    digits_left = len(str(abs(round(number * 10**decimals))))
    return digits_left >= 2 and abs(number - expected) <= 0.5 * 10**-decimals + 1e-9


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
