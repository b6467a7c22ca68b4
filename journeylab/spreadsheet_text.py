"""CSV cells that a spreadsheet shows as text, never runs as a formula, and that read back unchanged.

A participant called ``=HYPERLINK("http://…")`` or a pain point starting with
``+`` would become a live formula when a CSV file the package wrote is opened in
Excel or Google Sheets. Following OWASP's advice on CSV injection, a cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a ``'`` in
front (spreadsheets show the text as it is, and hide the quote); a plain number
such as ``-2`` is left alone. :func:`from_cell` takes the quote off again, so
every file round-trips.

>>> to_cell('=HYPERLINK("x")'), to_cell("-2"), to_cell("Reviews page")
('\\'=HYPERLINK("x")', '-2', 'Reviews page')
>>> from_cell(to_cell("=1+1")), from_cell(to_cell("'=kept")), from_cell("-2")
('=1+1', "'=kept", '-2')
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from journeylab.learner_input import read_number

__all__ = ["to_cell", "from_cell", "safe_frame"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _needs_quote(text: str) -> bool:
    if text.startswith(_QUOTE):
        return text[1:].startswith(_TRIGGERS) or text[1:].startswith(_QUOTE)  # keep a quote the user typed
    return text.startswith(_TRIGGERS) and read_number(text) is None


def to_cell(value: Any) -> Any:
    """A value as a CSV cell a spreadsheet will not run; anything but text is left as it is."""
    return _QUOTE + value if isinstance(value, str) and _needs_quote(value) else value


def from_cell(value: Any) -> Any:
    """A cell as :func:`to_cell` wrote it, back to the value (a quote the user typed stays)."""
    if isinstance(value, str) and value.startswith(_QUOTE) and to_cell(value[1:]) == value:
        return value[1:]
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table whose text cells (and column names) are safe to open in a spreadsheet."""
    safe = frame.copy()
    safe.columns = [to_cell(str(column)) for column in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = [to_cell(value) for value in safe[column]]
    return safe
