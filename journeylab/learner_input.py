"""What learners type, read one way everywhere: in an exercise answer, a builder's form or a plan file.

A marketer writes numbers as they appear in reports and spreadsheets: "45%",
"12,000", "10 000", "3,5" (a decimal comma). :func:`read_number` reads them all
by one rule, so a number that a check accepts is one the builders accept too.

>>> [read_number(text) for text in ("45%", " 12,000 ", "10 000", "3,5", "1,234,567.5", "-3")]
[45.0, 12000.0, 10000.0, 3.5, 1234567.5, -3.0]
>>> read_number("lots") is None, read_number(True) is None
(True, True)
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any

__all__ = ["read_number"]

_THOUSANDS = re.compile(r"[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?")  # 12,000 or 10 000 (groups of three)
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")  # 3,5 or ,5


def read_number(value: Any) -> float | None:
    """A number, or text that a person would read as one (see the module); anything else is None.

    Groups of three digits after a comma or a space are thousands; any other
    single comma is a decimal comma. A percent sign at the end is dropped: the
    course writes every rate as a percentage (45 means 45 %). True and False
    are not numbers here, and neither is infinity.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        try:
            number = float(value)
        except OverflowError:  # an integer with hundreds of digits
            return None
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = value.strip().removesuffix("%").strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "").replace(" ", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
