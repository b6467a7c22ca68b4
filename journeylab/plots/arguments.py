"""Checking what a plot is given, so a wrong table or model gets an error that names the argument.

>>> import pandas as pd
>>> table(pd.DataFrame({"visitors": [3]}), "funnel_frame", ["users"], "a table with a users column")
Traceback (most recent call last):
...
journeylab.errors.SchemaError: users: funnel_frame has no users column (its columns are: visitors). Allowed: a table with a users column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from journeylab.errors import SchemaError, ValidationError

__all__ = ["table", "numbers", "model"]

def table(value: Any, argument: str, columns: Sequence[str], allowed: str) -> pd.DataFrame:
    """``value`` as a non-empty DataFrame with ``columns``, or an error naming what is wrong."""
    if not isinstance(value, pd.DataFrame):
        raise ValidationError(argument, "must be a table", value=type(value).__name__, allowed=allowed)
    if len(value) == 0:
        raise ValidationError(argument, "is empty: there are no stages to draw", allowed=allowed)
    for column in columns:
        if column not in value.columns:
            present = ", ".join(str(name) for name in value.columns) or "none"
            problem = f"{argument} has no {column} column (its columns are: {present})"
            raise SchemaError(column, problem, allowed=allowed)
    return value


def numbers(column: pd.Series, name: str) -> np.ndarray:
    """A column as floats (NaN where empty); text or True/False is a SchemaError naming the column."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        raise SchemaError(name, "must hold numbers", value=str(column.dtype), allowed="numbers such as 1200 or 2.5")
    return column.to_numpy(dtype=float, na_value=np.nan)


def model(value: Any, cls: type | tuple[type, ...], argument: str, what: str, example: str) -> None:
    """Refuse anything but the model a plot draws, naming the argument."""
    if not isinstance(value, cls):
        raise ValidationError(argument, f"must be {what}", value=type(value).__name__, allowed=example)
