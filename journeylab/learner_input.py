"""What learners type, read one way everywhere: in an exercise answer, a builder's form or a plan file.

A marketer writes numbers as they appear in reports and spreadsheets: "45%",
"12,000", "10 000", "3,5" (a decimal comma). :func:`read_number` reads them all
by one rule, so a number that a check accepts is one the builders accept too.

>>> [read_number(text) for text in ("45%", " 12,000 ", "10 000", "3,5", "1,234,567.5", "-3")]
[45.0, 12000.0, 10000.0, 3.5, 1234567.5, -3.0]
>>> read_number("lots") is None, read_number(True) is None
(True, True)

Dates are read the same way: :func:`read_date` takes "2025-12-31" and also
"31 December 2025", "Dec 31, 2025" or "31.12.2025"; :func:`read_month` reads a
month as the course's tables write it ("2024-09") from "Sept 2024" or "9/2024".

>>> read_date("31 December 2025"), read_month("September 2024")
(datetime.date(2025, 12, 31), '2024-09')
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from typing import Any

__all__ = ["read_number", "read_date", "read_month"]

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


_MONTHS = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH_WORD = "(?P<word>[a-z]+)\\.?"
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r",?\s+(?P<year>\d{4})")
_MONTH_DAY_YEAR = re.compile(_MONTH_WORD + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")
_NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})[./](?P<second>\d{1,2})[./](?P<year>\d{4})")
_WORD_MONTH = re.compile(_MONTH_WORD + r",?\s+(?P<year>\d{4})")
_NUMERIC_MONTH = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})|(?P<month2>\d{1,2})[-/.](?P<year2>\d{4})")


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_date(value: Any) -> dt.date | None:
    """A date, or text that a person would read as one (see the module); anything else is None.

    "31/12/2025" and "12/31/2025" are both read, since only one of them is a
    date; "03/04/2025" could be either and is not read at all.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).casefold()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        found = pattern.fullmatch(text)
        if found and found["word"] in _MONTHS:
            return _date_or_none(int(found["year"]), _MONTHS[found["word"]], int(found["day"]))
    found = _NUMERIC_DATE.fullmatch(text)
    if found:
        first, second, year = int(found["first"]), int(found["second"]), int(found["year"])
        if first > 12 or second > 12 or first == second:  # only one way to read it
            day, month = (first, second) if second <= 12 else (second, first)
            return _date_or_none(year, month, day)
    return None


def read_month(value: Any) -> str | None:
    """A month as the course's tables write it ("2024-09"), from a date or text such as "Sep 2024"; else None."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).casefold()
    found = _NUMERIC_MONTH.fullmatch(text)
    if found:
        year, month = int(found["year"] or found["year2"]), int(found["month"] or found["month2"])
    else:
        named = _WORD_MONTH.fullmatch(text)
        if not named or named["word"] not in _MONTHS:
            return None
        year, month = int(named["year"]), _MONTHS[named["word"]]
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
