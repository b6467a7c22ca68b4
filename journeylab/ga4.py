"""A Google Analytics 4 export (BigQuery's event tables, written to files) read into the course's event table.

Introduced in notebook 08. GA4 can export every event of a property to
BigQuery, one table a day (``events_YYYYMMDD``); BigQuery writes a table to
files as newline-delimited JSON (plain or ``.gz``) or Parquet. One row is one
event, with nested fields: ``event_params`` is a list of typed key/value pairs,
the traffic source sits in records. :func:`read_ga4` flattens that with DuckDB
(which reads nested JSON and Parquet fast and without loading everything at
once) into the five columns of the course.

The flattening is one SQL query (:func:`flatten_sql`), rendered for DuckDB and
for BigQuery: a very large property can run it in BigQuery itself and download
only the five columns.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from journeylab.errors import FileFormatError, JourneyLabError, NoDataError, UnknownNameError
from journeylab.event_table import NOT_SET, ReadSummary, check_stage_map, event_table
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework
from journeylab.ga4_channels import channel_sql

__all__ = ["GA4_JSON_COLUMNS", "FIRST_TOUCH_COLUMN", "NO_USER", "ga4_files", "flatten_sql", "download_sql", "read_ga4",
           "event_counts", "first_touch_channels"]

GA4_JSON_COLUMNS = {
    "event_timestamp": "BIGINT",  # microseconds since 1970 (UTC); in JSON an INT64 arrives as text
    "event_name": "VARCHAR",
    "event_params": "STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, "
                    "float_value DOUBLE, double_value DOUBLE))[]",
    "user_id": "VARCHAR",
    "user_pseudo_id": "VARCHAR",
    "collected_traffic_source": "STRUCT(manual_campaign_name VARCHAR, manual_source VARCHAR, "
                                "manual_medium VARCHAR, gclid VARCHAR)",
    "session_traffic_source_last_click": "STRUCT(manual_campaign STRUCT(campaign_name VARCHAR, source VARCHAR, "
                                         "medium VARCHAR))",
}
"""The fields of the export that :func:`read_ga4` reads, as DuckDB types; every other field is skipped.

The user-level ``traffic_source`` is left out on purpose: it is the user's *first* touch, not the event's.
"""

FIRST_TOUCH_COLUMN = {"traffic_source": "STRUCT(name VARCHAR, medium VARCHAR, source VARCHAR)"}
"""The user-level first touch, read only by :func:`first_touch_channels` to show why it is not the event's channel."""

NO_USER = "(no user id)"
"""How events without ``user_pseudo_id`` and ``user_id`` (consent-mode pings) are counted in the summary."""

_JSON_ENDINGS = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")
_PARQUET_ENDINGS = (".parquet",)


def ga4_files(path_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> tuple[list[str], str]:
    """The export's files and their kind (``"json"`` or ``"parquet"``): a file, a glob, a folder or a list of them.

    A folder means every ``events_*`` file in it.
    """
    if isinstance(path_or_glob, (str, os.PathLike)):
        wanted = [path_or_glob]
    else:
        wanted = list(path_or_glob)
    files: list[str] = []
    for item in wanted:
        text = os.fspath(item)
        if Path(text).is_dir():
            found = sorted(str(path) for path in Path(text).glob("events_*") if path.is_file())
        elif any(mark in text for mark in "*?["):
            found = sorted(glob.glob(text))
        else:
            found = [text] if Path(text).is_file() else []
        if not found:
            raise NoDataError("path_or_glob", "no GA4 export file is there", value=text,
                              allowed="a file, a folder of events_YYYYMMDD files, or a pattern such as "
                                      "'export/events_*.json.gz'")
        files += found
    kinds = {_kind(name) for name in files}
    if len(kinds) > 1:
        raise FileFormatError("path_or_glob", "mixes JSON and Parquet files", value=sorted(kinds),
                              allowed="the files of one export, all JSON or all Parquet")
    return files, kinds.pop()


def _kind(name: str) -> str:
    lower = name.lower()
    if lower.endswith(_JSON_ENDINGS):
        return "json"
    if lower.endswith(_PARQUET_ENDINGS):
        return "parquet"
    raise FileFormatError(Path(name).name, "is not a file of a GA4 export", allowed=
                          "newline-delimited JSON (.json, .json.gz) or Parquet (.parquet), as BigQuery writes them")


# ----------------------------------------------------------------------------- the flattening query


def _param(key: str, dialect: str) -> str:
    """The text value of one event parameter."""
    if dialect == "bigquery":
        return f"(SELECT value.string_value FROM UNNEST(event_params) WHERE key = '{key}' LIMIT 1)"
    return f"list_filter(event_params, lambda p: p.key = '{key}')[1].value.string_value"


def flatten_sql(source: str, stages: dict[str, str | None], *, touchpoint: str = "event_name",
                dialect: str = "duckdb", fields: frozenset[str] | None = None, first_touch: bool = False) -> str:
    """The query that turns GA4's export into the course's columns, for ``"duckdb"`` or ``"bigquery"``.

    ``source`` is the table (in BigQuery ``project.analytics_123.events_*``);
    ``fields`` lists the nested fields the files have (``None``: all of
    :data:`GA4_JSON_COLUMNS`); a missing one reads as empty. The result has
    ``user_id``, ``timestamp``, ``channel``, ``touchpoint``, ``stage`` and
    ``event_name`` (empty ``stage`` for events left out).

    The channel is the event's own traffic source: ``collected_traffic_source``
    (the campaign tags on this event; a Google Ads click id means google / cpc),
    else ``session_traffic_source_last_click`` (the session's), else the
    ``source``/``medium`` event parameters; never ``traffic_source``, the
    user's first touch. Each source is used whole (source, medium and campaign
    together), so that one never mixes with another.

    ``first_touch=True`` adds a column ``first_touch``: the channel of the
    user-level ``traffic_source``, for :func:`first_touch_channels` to show
    the difference (the course's own query never reads it).

    >>> sql = flatten_sql("`shop.analytics_1.events_*`", {"purchase": "Buy"}, dialect="bigquery")
    >>> "TIMESTAMP_MICROS(event_timestamp)" in sql and "traffic_source." not in sql.replace("_traffic_source.", "")
    True
    """
    has = (lambda name: True) if fields is None else (lambda name: name in fields)

    null = "CAST(NULL AS STRING)" if dialect == "bigquery" else "CAST(NULL AS VARCHAR)"

    def field(path: str) -> str:
        return path if has(path) else null

    collected = {"source": field("collected_traffic_source.manual_source"),
                 "medium": field("collected_traffic_source.manual_medium"),
                 "campaign": field("collected_traffic_source.manual_campaign_name")}
    gclid = field("collected_traffic_source.gclid")
    session = {part: field(f"session_traffic_source_last_click.manual_campaign.{name}")
               for part, name in (("source", "source"), ("medium", "medium"), ("campaign", "campaign_name"))}
    params = {part: _param(part, dialect) if has("event_params") else field("") for part in ("source", "medium", "campaign")}

    def chosen(part: str) -> str:
        google_ads = {"source": "'google'", "medium": "'cpc'", "campaign": collected["campaign"]}[part]
        return (f"CASE WHEN {collected['source']} IS NOT NULL THEN {collected[part]} "
                f"WHEN {gclid} IS NOT NULL THEN {google_ads} "
                f"WHEN {session['source']} IS NOT NULL THEN {session[part]} "
                f"ELSE {params[part]} END")

    if touchpoint == "event_name":
        touch = "event_name"
    else:
        touch = f"COALESCE({_param(touchpoint, dialect) if has('event_params') else null}, event_name)"
    stage_cases = " ".join(f"WHEN {_text(name)} THEN {_text(stage)}" for name, stage in stages.items() if stage)
    stage = f"CASE event_name {stage_cases} END" if stage_cases else null
    when = "TIMESTAMP_MICROS(event_timestamp)" if dialect == "bigquery" else "make_timestamp(event_timestamp)"
    user_id = field("user_id")
    stitched = (f"FIRST_VALUE({user_id} IGNORE NULLS) OVER (PARTITION BY user_pseudo_id ORDER BY event_timestamp "
                "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)")
    channel = channel_sql("source", "medium", "campaign", dialect).replace("\n", "\n    ")
    first_read = first_selected = ""
    if first_touch:
        first = {part: field(f"traffic_source.{name}") for part, name in
                 (("source", "source"), ("medium", "medium"), ("campaign", "name"))}
        first_read = "".join(f",\n    {first[part]} AS first_{part}" for part in ("source", "medium", "campaign"))
        first_channel = channel_sql("first_source", "first_medium", "first_campaign", dialect).replace("\n", "\n    ")
        first_selected = (f",\n  CASE WHEN first_source IS NULL AND first_medium IS NULL THEN '{NOT_SET}' "
                          f"ELSE {first_channel} END AS first_touch")
    return f"""WITH traffic AS (
  SELECT
    user_pseudo_id, {user_id} AS user_id, event_timestamp, event_name, {touch} AS touchpoint,
    {chosen("source")} AS source,
    {chosen("medium")} AS medium,
    {chosen("campaign")} AS campaign{first_read}
  FROM {source}
)
SELECT
  COALESCE(user_id, {stitched}, user_pseudo_id) AS user_id,
  {when} AS timestamp,
  CASE WHEN source IS NULL AND medium IS NULL THEN '{NOT_SET}' ELSE {channel} END AS channel,
  touchpoint,
  {stage} AS stage,
  event_name{first_selected}
FROM traffic"""


def download_sql(table: str, stages: dict[str, str | None], framework: str | Framework = DEFAULT_FRAMEWORK, *,
                 touchpoint: str = "event_name", dialect: str = "bigquery") -> str:
    """The query to run where a large export lives, so that only the course's five columns are downloaded.

    Introduced in notebook 08. ``table`` is the export's tables in BigQuery,
    such as ```my-project.analytics_123456789.events_*``` (every day) or
    ```...events_202403*``` (March 2024 only: BigQuery bills the bytes a query
    reads). The result has ``user_id``, ``timestamp`` (UTC), ``channel``,
    ``touchpoint`` and ``stage``, one row per event the map keeps: save it as
    Parquet (which keeps the times as times) and read it with
    :func:`journeylab.data.read_events` (``event="stage", channel="channel",
    touchpoint="touchpoint"``); a test reads DuckDB's Parquet of it that way.

    It is :func:`flatten_sql`, the query :func:`read_ga4` runs in DuckDB,
    rendered for BigQuery. The DuckDB form is tested against ``read_ga4``'s
    own rows; the BigQuery form has been checked only as text (its functions
    and fields), never run in BigQuery.

    >>> print(download_sql("`shop.analytics_1.events_*`", {"purchase": "Buy"}).splitlines()[-3:])
    ['SELECT user_id, timestamp, channel, touchpoint, stage', 'FROM flat', 'WHERE stage IS NOT NULL AND user_id IS NOT NULL']
    """
    stage_map = check_stage_map(stages, get_framework(framework))
    # flatten_sql is "WITH traffic AS (...) SELECT ... FROM traffic": its last SELECT becomes a second CTE,
    # so that no WITH sits inside a subquery and the rows can be filtered by the stage it works out
    traffic, select = flatten_sql(table, stage_map, touchpoint=touchpoint, dialect=dialect).split("\n)\nSELECT\n", 1)
    return (f"{traffic}\n),\nflat AS (\n  SELECT\n  " + select.replace("\n", "\n  ") + "\n)\n"
            "SELECT user_id, timestamp, channel, touchpoint, stage\nFROM flat\n"
            "WHERE stage IS NOT NULL AND user_id IS NOT NULL")


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# ----------------------------------------------------------------------------- reading


def read_ga4(
    path_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    stages: dict[str, str | None],
    framework: str | Framework = DEFAULT_FRAMEWORK,
    *,
    touchpoint: str = "event_name",
    time_zone: str | None = None,
    quiet: bool = False,
) -> pd.DataFrame:
    """Read GA4's BigQuery export (JSON, JSON.gz or Parquet files) into the course's event table.

    Introduced in notebook 08.

    **The channel is the event's own traffic source**, never the user-level
    ``traffic_source``. That field is where the user came from the *first*
    time ever (their first touch): using it as every event's channel credits a
    customer's Email visit and their Paid Search purchase to the Instagram post
    that brought them months ago. This reader takes ``collected_traffic_source``
    (the tags on the event), then ``session_traffic_source_last_click`` (the
    session's source), then the ``source``/``medium`` event parameters, and
    sorts them into GA4's default channels (:mod:`journeylab.ga4_channels`).
    An event whose export says nothing about its source gets ``"(not set)"``.

    Parameters
    ----------
    path_or_glob:
        One file, a folder of ``events_YYYYMMDD`` files, a pattern such as
        ``"export/events_*.json.gz"``, or a list of them.
    stages:
        Which stage each event name belongs to, e.g. ``{"page_view": "Like", "purchase": "Buy"}``.
        Events whose name is not in it (or is mapped to ``None``) are left out and counted.
        :func:`event_counts` lists the names a file has.
    framework:
        The stages to map to: ``"hourglass"`` (default), ``"five_stage"`` or ``"cycle"``.
    touchpoint:
        ``"event_name"`` (default) or the key of an event parameter such as
        ``"page_title"``; events without that parameter keep their event name.
    time_zone:
        GA4 stores times in UTC; give the property's time zone (``"Europe/Oslo"``)
        to get local clock times. ``None`` keeps UTC.
    quiet:
        ``True`` to skip the printed one-line summary.

    The customer is ``user_id`` where the site sets one (a logged-in customer),
    else the browser's ``user_pseudo_id``; a browser's events before the log-in
    go to the user id it was later seen with.
    """
    fw = get_framework(framework)
    stage_map = check_stage_map(stages, fw)
    zone = _zone(time_zone)
    files, kind = ga4_files(path_or_glob)
    connection = _connect()
    try:
        source, fields = _source(connection, files, kind)
        query = flatten_sql(source, stage_map, touchpoint=touchpoint, fields=fields)
        try:
            connection.execute(f"CREATE TEMP TABLE flat AS {query}")
        except Exception as error:
            raise FileFormatError(Path(files[0]).name, f"cannot be read as a GA4 export ({_first_line(error)})",
                                  allowed="the event tables of a GA4 BigQuery export, as newline-delimited JSON "
                                          "or Parquet") from None
        left_out = connection.execute(
            f"SELECT CASE WHEN user_id IS NULL THEN '{NO_USER}' ELSE event_name END AS name, count(*) "
            "FROM flat WHERE stage IS NULL OR user_id IS NULL GROUP BY 1").fetchall()
        read = connection.execute("SELECT count(*) FROM flat").fetchone()
        frame = connection.execute("SELECT user_id, timestamp, channel, touchpoint, stage FROM flat "
                                   "WHERE stage IS NOT NULL AND user_id IS NOT NULL").df()
    finally:
        connection.close()  # the temporary table goes with it
    where = f"{len(files)} GA4 files" if len(files) > 1 else Path(files[0]).name
    summary = ReadSummary(where, read=int(read[0]) if read else 0,
                          dropped={str(name): int(count) for name, count in left_out})
    if zone is not None:
        frame["timestamp"] = frame["timestamp"].dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
    return event_table(frame, fw, summary, quiet=quiet)


def event_counts(path_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> pd.Series:
    """How many events of each name the export has, the most common first: the rows of a stage map to fill in.

    Introduced in notebook 08.
    """
    files, kind = ga4_files(path_or_glob)
    connection = _connect()
    try:
        source, _ = _source(connection, files, kind)
        rows = connection.execute(f"SELECT event_name, count(*) AS events FROM {source} GROUP BY 1 "
                                  "ORDER BY 2 DESC, 1").fetchall()
    finally:
        connection.close()
    return pd.Series({str(name): int(count) for name, count in rows}, name="events", dtype="int64").rename_axis("event_name")


def first_touch_channels(
    path_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    stages: dict[str, str | None],
    framework: str | Framework = DEFAULT_FRAMEWORK,
    *,
    touchpoint: str = "event_name",
    time_zone: str | None = None,
) -> pd.DataFrame:
    """The first-touch trap, on your own export: each event :func:`read_ga4` keeps, with two channels side by side.

    Introduced in notebook 08. ``channel`` is the channel :func:`read_ga4`
    gives the event: its own traffic source. ``first_touch`` is the channel
    GA4's user-level ``traffic_source`` would give it: where the user came
    from the very first time, the same on every event of theirs. Where the two
    differ, a report that takes ``traffic_source`` as the event's channel
    credits the event to the wrong channel.

    The rows are those of :func:`read_ga4`'s table, sorted the same way (by
    customer, then time), with ``user_id``, ``timestamp``, ``touchpoint``,
    ``stage``, ``channel`` and ``first_touch`` (text, so that the two channels
    can be compared with ``!=``). The arguments are :func:`read_ga4`'s.
    """
    fw = get_framework(framework)
    stage_map = check_stage_map(stages, fw)
    zone = _zone(time_zone)
    files, kind = ga4_files(path_or_glob)
    connection = _connect()
    try:
        source, fields = _source(connection, files, kind, first_touch=True)
        query = flatten_sql(source, stage_map, touchpoint=touchpoint, fields=fields, first_touch=True)
        frame = connection.execute(f"SELECT user_id, timestamp, touchpoint, stage, channel, first_touch FROM ({query}) "
                                   "WHERE stage IS NOT NULL AND user_id IS NOT NULL").df()
    except JourneyLabError:
        raise
    except Exception as error:
        raise FileFormatError(Path(files[0]).name, f"cannot be read as a GA4 export ({_first_line(error)})",
                              allowed="the event tables of a GA4 BigQuery export, as newline-delimited JSON or "
                                      "Parquet") from None
    finally:
        connection.close()
    if len(frame) == 0:
        raise NoDataError("stages", "no event of the export is left once mapped to stages",
                          allowed="a stage map whose keys are event names found in the file")
    times = frame["timestamp"]
    if zone is not None:
        times = times.dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
    frame["timestamp"] = times.astype("datetime64[ns]")
    rank = frame["stage"].map({name: position for position, name in enumerate(fw.stage_names)})
    order = frame.assign(_rank=rank).sort_values(["user_id", "timestamp", "_rank"], kind="stable").index
    text = {name: "str" for name in ("user_id", "touchpoint", "stage", "channel", "first_touch")}
    return frame.loc[order].astype(text).reset_index(drop=True)


_DATABASE: dict[int, Any] = {}  # one in-memory DuckDB per process, made on first use


def _connect() -> Any:
    """A fresh connection to this process's in-memory DuckDB: its temporary tables go when it is closed.

    Opening a DuckDB database costs about 40 ms, a cursor on an open one about 3 ms; the process id
    keeps a forked worker from using its parent's database.
    """
    import duckdb  # loaded on use: importing the package stays light

    database = _DATABASE.get(os.getpid())
    if database is None:
        _DATABASE.clear()
        database = _DATABASE[os.getpid()] = duckdb.connect()
    return database.cursor()


def _source(connection: Any, files: list[str], kind: str, first_touch: bool = False) -> tuple[str, frozenset[str] | None]:
    """The FROM clause that reads the files, and (for Parquet) which of the fields we read they have."""
    listed = "[" + ", ".join(_text(name) for name in files) + "]"
    if kind == "json":
        wanted = GA4_JSON_COLUMNS | (FIRST_TOUCH_COLUMN if first_touch else {})
        columns = "{" + ", ".join(f"{_text(name)}: {_text(kind)}" for name, kind in wanted.items()) + "}"
        return f"read_json({listed}, columns = {columns}, format = 'newline_delimited')", None
    source = f"read_parquet({listed}, union_by_name = true)"
    try:
        relation = connection.sql(f"SELECT * FROM {source} LIMIT 0")
    except Exception as error:
        raise FileFormatError(Path(files[0]).name, f"cannot be read as Parquet ({_first_line(error)})",
                              allowed="Parquet files of a GA4 BigQuery export") from None
    fields: set[str] = set()
    for name, kind_ in zip(relation.columns, relation.types):
        fields |= _paths(name, kind_)
    for needed in ("event_name", "event_timestamp", "user_pseudo_id"):
        if needed not in fields:
            raise FileFormatError(Path(files[0]).name, f"has no {needed} column, so it is not a GA4 export",
                                  allowed="the event tables of a GA4 BigQuery export")
    return source, frozenset(fields)


def _paths(name: str, kind: Any) -> set[str]:
    """A column's name and, for a record, the dotted paths of every field inside it."""
    paths = {name}
    if getattr(kind, "id", "") == "struct":
        for child, child_kind in kind.children:
            paths |= {f"{name}.{path}" for path in _paths(child, child_kind)}
    return paths


def _zone(time_zone: str | None) -> ZoneInfo | None:
    if time_zone is None:
        return None
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise UnknownNameError("time_zone", "is not a time zone name", value=time_zone,
                               allowed="a name such as 'Europe/Oslo', 'America/New_York' or 'UTC', or None") from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__

