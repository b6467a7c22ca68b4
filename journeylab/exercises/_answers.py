"""Small comparisons the exercise checkers share, with the course's one tolerance rule.

* **Numbers**: the exact value is right, and so is the value rounded as people
  round it, to as many decimals as the learner wrote, as long as at least two
  digits are left (13.62 → 14 or 13.6; 0.4317 → 0.43, not 0.4). The feedback then
  gives the exact value. Nothing else is near enough: another month's rate that
  differs in the third decimal is another answer. (``tolerance`` exists for a
  question whose own numbers are rough; none of the course's needs it.)
* **Text**: case, spaces, hyphens and a trailing "stage", "step", "phase",
  "rate", "segment" or "group" do not matter ("consideration stage" is
  Consideration; "Cart abandonment" is the cart abandonment rate; "E-mail" is "email").
* **Sets**: where order does not matter (the months that missed a goal), a list
  in any order, or the names in one text separated by commas, is the same answer.
* **Filled in** means more than a placeholder: "x", "xxx" or "test" in a field
  a question asks for is not an answer (:func:`filler`).

A check never answers a slip with a traceback: :func:`not_a_number` and
:func:`not_text` say in one sentence what the learner gave instead and what to give.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from journeylab.checks import remark
from journeylab.learner_input import read_number

__all__ = ["same_text", "close_to", "number_in", "not_a_number", "not_text", "filler", "items_in",
           "course_table", "listed"]


_TRAILING_WORDS = re.compile(r"\s+(stage|step|phase|rate|segment|group)$")


def _plain_text(text: str) -> str:
    words = " ".join(text.replace("_", " ").split()).casefold().strip(" .,;:!\"'")
    return _TRAILING_WORDS.sub("", words).replace("-", "").replace(" ", "")


def same_text(answer: Any, expected: str) -> bool:
    """Text equal to ``expected``, ignoring case, spaces and a trailing "stage"/"rate" (see the module).

    >>> same_text(" consideration Stage", "Consideration"), same_text("Cart abandonment", "Cart abandonment rate")
    (True, True)
    >>> same_text("Trust", "Try")
    False
    """
    return isinstance(answer, str) and _plain_text(answer) == _plain_text(expected)


def close_to(answer: Any, expected: float, tolerance: float = 0.0) -> bool:
    """``expected`` exactly (give or take the computer's last digit), or rounded as the learner rounded it.

    >>> close_to(3.33, 10 / 3), close_to(14, 13.6), close_to(0, 0.43), close_to(13, 13.6)
    (True, True, False, False)
    """
    answer = _one_value(answer)
    number = read_number(answer)  # "45%", "12,000" and "3,5" are read as everywhere in the course
    if number is None:
        return False
    if math.isclose(number, expected, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if math.isclose(number, expected, abs_tol=tolerance) or _rounded_from(number, expected):
        remark(f"The exact value is {_more_precise(expected, _decimals(number))}; your rounded {answer} counts.")
        return True
    return False


def _decimals(number: float) -> int:
    """The decimals of a number as read (trailing zeros say nothing: 13.60 is rounded like 13.6)."""
    return max(0, -int(Decimal(repr(number)).normalize().as_tuple().exponent))


def _more_precise(expected: float, decimals: int) -> str:
    """``expected`` with two decimals more than the learner wrote: 33.747 for a rounded 33.7, 13.55 for 14."""
    return f"{expected:,.{decimals + 2}f}".rstrip("0").rstrip(".")


def _rounded_from(number: float, expected: float) -> bool:
    """Whether ``number`` is ``expected`` rounded to the decimals written, keeping at least two digits."""
    if not math.isfinite(number) or not math.isfinite(expected):
        return False
    decimals = _decimals(number)
    digits_left = len(str(abs(round(number * 10**decimals))))
    return digits_left >= 2 and abs(number - expected) <= 0.5 * 10**-decimals + 1e-9


def _one_value(answer: Any) -> Any:
    """The value inside a table or array of exactly one value (``.loc`` with a condition gives one); else ``answer``."""
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray)) and answer.size == 1:
        return np.asarray(answer).reshape(-1)[0]
    return answer


def number_in(answer: Any) -> float | None:
    """A number, or text such as "45%", "40,000" or "23,4"; anything else is None (see :mod:`journeylab.learner_input`)."""
    return read_number(_one_value(answer))


def not_a_number(answer: Any, example: str = "25.3") -> str:
    """Why ``answer`` is not the one number a question asks for, and what to give instead, in one sentence.

    >>> not_a_number([47.7])
    'That is a list (in square brackets); give the one number itself, such as 25.3.'
    >>> not_a_number("about 14", "13.6")
    "'about 14' is text, not a number: write only the number, without quotes, such as 13.6."
    """
    if isinstance(answer, (pd.Series, pd.DataFrame)):
        labels = answer.index.name or "row"
        return (f"That is a table of {answer.size} numbers, one per {labels}; the question asks for one of them: "
                "pick it with .loc[...].")
    if isinstance(answer, tuple):
        return f"That is {len(answer)} values in brackets; give the one number itself, such as {example}."
    if isinstance(answer, (list, set, frozenset, np.ndarray)):
        return f"That is a list (in square brackets); give the one number itself, such as {example}."
    if isinstance(answer, dict):
        return f"That is a dictionary (in curly brackets); give the one number itself, such as {example}."
    if isinstance(answer, bool):
        return f"{answer} is a yes or no, not a number: give the number itself, such as {example}."
    if isinstance(answer, str):
        return f"'{answer.strip()}' is text, not a number: write only the number, without quotes, such as {example}."
    return f"Give a number, without quotes, such as {example}."


def not_text(answer: Any, example: str) -> str:
    """Why ``answer`` is not the one name a question asks for, and what to give instead, in one sentence.

    >>> not_text(3, '"Blog"')
    'That is a number; give the name as text, in quotes, such as "Blog".'
    """
    if isinstance(answer, (pd.Series, pd.DataFrame)):
        return (f"That is a table of {answer.size} values, not one name: take the name the question asks for "
                f"from it (.idxmax() names the largest) and give it as text, such as {example}.")
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return f"That is several values in brackets; give one name as text, in quotes, such as {example}."
    if isinstance(answer, numbers.Real):
        return f"That is a number; give the name as text, in quotes, such as {example}."
    return f"Give the name as text, in quotes, such as {example}."


_FILLER_WORDS = {"test", "todo", "tbd", "asdf", "qwerty", "abc", "xyz", "blah", "foo", "bar", "etc", "n/a", "na",
                 "none", "nothing", "something", "text", "lorem ipsum"}


def filler(text: Any) -> bool:
    """Whether a text only holds a place: empty, fewer than two letters, one letter repeated, or a word like "test".

    "TV", "Jo" and "CEO" are answers; "x", "xxx", "-" and "todo" are not.

    >>> [filler(text) for text in ("x", "xxx", " test ", "", "TV", "Nurse")]
    [True, True, True, True, False, False]
    """
    if not isinstance(text, str):
        return False
    letters = [character.casefold() for character in text if character.isalpha()]
    return len(letters) < 2 or len(set(letters)) == 1 or text.strip().casefold() in _FILLER_WORDS


_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b)\s*")


def items_in(answer: Any) -> list[Any] | None:
    """The items of an answer whose order does not matter: a list, tuple, set, Series or Index, or a text of
    names separated by commas ("2024-04, 2024-09"); None for anything else."""
    if isinstance(answer, str):
        return [item for item in _SEPARATORS.split(answer.strip()) if item]
    if isinstance(answer, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        return list(answer)
    return None


def course_table(given: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """The table a notebook passed to a check, or the course's own data set ``name`` when none was passed."""
    if given is not None:
        return given
    from journeylab import data  # loaded only when a check needs it

    return getattr(data, f"load_{name}")()


def listed(names: list[str], last: str = "and") -> str:
    """Names in a sentence: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]
