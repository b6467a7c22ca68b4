"""In a notebook, a pandas Series shows as a small table, like a DataFrame.

Counting a column (``value_counts()``) or averaging per group gives a Series,
which pandas prints with a footer such as ``Name: count, dtype: int64``: code
talk a marketer can only puzzle over. When ``journeylab`` is imported in
IPython it asks IPython's display formatters (``for_type_by_name``, so pandas
is not imported before it is used) to show every
Series as the one-column table it is: the labels on the left, the numbers
under the column's name, no footer. Only the display changes; the object, and
anything computed from it, stays a Series.

>>> import pandas as pd
>>> counts = pd.Series([21, 21], index=pd.Index(["strategy", "tactic"], name="kind"), name="count")
>>> [line.split() for line in as_text(counts).splitlines()]
[['count'], ['kind'], ['strategy', '21'], ['tactic', '21']]
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["as_text", "install"]


def _as_frame(series: pd.Series) -> pd.DataFrame:
    return series.to_frame(series.name if series.name is not None else "value")


def as_text(series: pd.Series) -> str:
    """The Series as its one-column table, in plain text."""
    return repr(_as_frame(series))


def _pretty(series: pd.Series, printer: Any, cycle: bool) -> None:
    printer.text(as_text(series))


def _html(series: pd.Series) -> str | None:
    return _as_frame(series)._repr_html_()


def install() -> None:
    """Called by ``import journeylab``: in IPython, Series display as tables from then on."""
    get_ipython = getattr(builtins, "get_ipython", None)
    shell = get_ipython() if get_ipython is not None else None
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    for module in ("pandas", "pandas.core.series"):  # Series.__module__ in pandas 3, and before
        formatters["text/plain"].for_type_by_name(module, "Series", _pretty)
        formatters["text/html"].for_type_by_name(module, "Series", _html)
