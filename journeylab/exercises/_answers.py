"""Small comparisons the exercise checkers share."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["same_text", "close_to"]


def same_text(answer: Any, expected: str) -> bool:
    """Text equal to ``expected``, ignoring case and spaces at the ends."""
    return isinstance(answer, str) and answer.strip().casefold() == expected.casefold()


def close_to(answer: Any, expected: float, tolerance: float = 0.01) -> bool:
    """A number within ``tolerance`` of ``expected`` (so 3.33 matches 3.3333)."""
    try:
        return math.isclose(float(answer), expected, abs_tol=tolerance)
    except (TypeError, ValueError):
        return False
