"""Any event log a marketer has (a CSV, an Excel sheet, a Parquet file) read into the course's event table.

Introduced in notebook 08. A CRM export, a newsletter tool's activity log or a
spreadsheet kept by hand all have the same few things in some columns of their
own: who, when, what happened, and perhaps through which channel.
:func:`read_events` is told which column is which and maps the events to stages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeylab.errors import FileFormatError, NoDataError, SchemaError, UnknownNameError
from journeylab.event_table import NOT_SET, ReadSummary, check_stage_map, event_table
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework

__all__ = ["EVENT_FILE_TYPES", "read_events", "read_table", "parse_times"]

EVENT_FILE_TYPES = (".csv", ".tsv", ".txt", ".csv.gz", ".xlsx", ".xls", ".parquet")
"""The file endings :func:`read_events` reads."""


def read_events(
    path: str | os.PathLike[str],
    *,
    user: str = "user_id",
    time: str = "timestamp",
    event: str = "event",
    channel: str | None = None,
    stages: dict[str, str | None] | None = None,
    framework: str | Framework = DEFAULT_FRAMEWORK,
    touchpoint: str | None = None,
    time_format: str | None = None,
    sheet: str | int = 0,
    quiet: bool = False,
) -> pd.DataFrame:
    """Read an event log file and return the course's event table. Introduced in notebook 08.

    Parameters
    ----------
    path:
        A ``.csv`` (also ``.tsv``, ``.txt``, ``.csv.gz``), ``.xlsx`` or ``.parquet`` file, one row per event.
    user, time, event:
        The names of the columns with the customer, the date and time, and what happened.
    channel:
        The column with the channel, if the file has one; empty cells and no column give ``"(not set)"``.
    stages:
        Which stage each event name belongs to, such as ``{"newsletter_open": "Like", "order": "Buy"}``;
        events not in it (or mapped to ``None``) are left out and counted. Leave it out when the
        ``event`` column already holds stage names.
    framework:
        The stages to map to: ``"hourglass"`` (default), ``"five_stage"`` or ``"cycle"``.
    touchpoint:
        The column that says where the contact happened; by default the event name.
    time_format:
        How times are written when they are not ISO dates (``2024-03-01 14:30``), e.g. ``"%d/%m/%Y %H:%M"``.
    sheet:
        The sheet of an Excel file, by name or number (the first by default).
    quiet:
        ``True`` to skip the printed one-line summary (it is also in ``table.attrs["summary"]``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = log.write_text("who,when,what\\nann,2024-03-01 09:00,visit\\nann,2024-03-02 10:00,order\\n"
    ...                    "bo,2024-03-01 12:00,visit\\n")
    >>> read_events(log, user="who", time="when", event="what", stages={"visit": "Like", "order": "Buy"})
    log.csv: read 3 events; kept 3 events of 2 customers in 2 stages.
      user_id           timestamp    channel touchpoint stage
    0     ann 2024-03-01 09:00:00  (not set)      visit  Like
    1     ann 2024-03-02 10:00:00  (not set)      order   Buy
    2      bo 2024-03-01 12:00:00  (not set)      visit  Like
    >>> read_events(log, user="customer", time="when", event="what")
    Traceback (most recent call last):
    ...
    journeylab.errors.SchemaError: customer: log.csv has no column of that name (its columns are: who, when, what). Allowed: the name of one of its columns, given as user=....
    """
    fw = get_framework(framework)
    path = Path(path)
    raw = read_table(path, sheet=sheet)
    columns = {"user": user, "time": time, "event": event, "channel": channel, "touchpoint": touchpoint}
    for argument, name in columns.items():
        if name is not None and name not in raw.columns:
            present = ", ".join(str(column) for column in raw.columns) or "none"
            raise SchemaError(str(name), f"{path.name} has no column of that name (its columns are: {present})",
                              allowed=f"the name of one of its columns, given as {argument}=...")
    summary = ReadSummary(path.name, read=len(raw))
    if len(raw) == 0:
        raise NoDataError("path", f"{path.name} has no rows below its header", allowed="a file with one row per event")
    names = _text(raw[event])
    if stages is None:
        stage_of = {name: name for name in names.dropna().unique()}  # the event column names the stages
        try:
            stage_map = check_stage_map(stage_of, fw)
        except UnknownNameError as error:
            raise UnknownNameError(event, f"holds an event that is not a stage of the {fw.title}; give stages= "
                                   "to say which stage each event belongs to", value=error.value,
                                   allowed=fw.stage_names) from None
    else:
        stage_map = check_stage_map(stages, fw)
    stage = names.map({name: stage for name, stage in stage_map.items() if stage is not None})
    kept = stage.notna().to_numpy()
    left_out = names[~kept].fillna("(no event name)").value_counts()
    summary.dropped = {str(name): int(count) for name, count in left_out.items()}
    mapped = raw[kept]
    parquet = path.name.lower().endswith(".parquet")
    times = parse_times(mapped[time], time, path.name, rows=np.flatnonzero(kept), time_format=time_format,
                        first_line=0 if parquet else 2, unit="row" if parquet else "line")
    frame = pd.DataFrame({
        "user_id": _text(mapped[user]),
        "timestamp": times,
        "channel": _text(mapped[channel]) if channel else pd.Series(NOT_SET, index=mapped.index),
        "touchpoint": _text(mapped[touchpoint]) if touchpoint else names[kept],
        "stage": stage[kept],
    })
    return event_table(frame, fw, summary, quiet=quiet)


def read_table(path: Path, *, sheet: str | int = 0) -> pd.DataFrame:
    """A file as a table of its own columns, or a :class:`~journeylab.errors.FileFormatError` saying why not."""
    name = path.name.lower()
    if not path.exists():
        raise NoDataError("path", "there is no file there", value=str(path), allowed="the path of an existing file")
    try:
        if name.endswith((".csv", ".txt", ".csv.gz")):
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if name.endswith(".tsv"):
            return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if name.endswith((".xlsx", ".xls")):
            return pd.read_excel(path, sheet_name=sheet, dtype=object)
        if name.endswith(".parquet"):
            import duckdb  # loaded on use: only the readers need it

            return duckdb.connect().read_parquet(str(path)).df()
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as error:
        raise FileFormatError(str(path.name), f"cannot be read ({error})",
                              allowed="a CSV, Excel or Parquet file with one row per event") from None
    except Exception as error:  # duckdb's own errors for a broken Parquet file
        if type(error).__module__.startswith("duckdb") or type(error).__module__.startswith("_duckdb"):
            raise FileFormatError(str(path.name), f"cannot be read ({error})",
                                  allowed="a CSV, Excel or Parquet file with one row per event") from None
        raise
    raise FileFormatError(str(path.name), "is not a kind of file read_events reads", value=path.suffix,
                          allowed=", ".join(EVENT_FILE_TYPES))


def parse_times(column: pd.Series, name: str, source: str, *, rows: np.ndarray | None = None,
                time_format: str | None = None, first_line: int = 2, unit: str = "line") -> pd.Series:
    """Dates and times from text (ISO 8601 or ``time_format``) or from a date column; the first bad one is named."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        times = column
    else:
        values = column.astype(object).where(column.notna(), None)
        is_stamp = values.map(lambda value: isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"))
        text = values.where(is_stamp, values.map(lambda value: None if value is None else str(value).strip() or None))
        if time_format is None:
            times = pd.to_datetime(text, format="ISO8601", errors="coerce")
        else:
            times = pd.to_datetime(text, format=time_format, errors="coerce")
    bad = times.isna().to_numpy()
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        row = int(rows[position]) if rows is not None else position
        value = column.iloc[position]
        raise SchemaError(name, f"the value on {unit} {first_line + row} of {source} is not a date and time"
                          + ("" if time_format is None else f" in the form {time_format}"),
                          value=None if pd.isna(value) else value,
                          allowed="dates and times such as 2024-03-01 14:30, or give time_format= "
                                  "such as '%d/%m/%Y %H:%M' for other forms")
    return times


def _text(column: pd.Series) -> pd.Series:
    """A column's values as stripped text, ``NaN`` where empty (numbers such as 1042 become '1042')."""
    values: Any = column.astype(object).where(column.notna(), None)
    text = values.map(lambda value: None if value is None else _plain(value))
    return text.where(text != "", None)


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an Excel cell of 1042 arrives as 1042.0
    return str(value).strip()
