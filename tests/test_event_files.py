"""Tests for journeylab.event_files (read_events) and journeylab.event_table, on a hand-made CRM log.

tests/fixtures/own_events/crm_log.csv: two customers, rows out of order, an
empty channel, a customer number written with spaces, and an "unsubscribe"
that is not in the stage map. The expected table below was worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from journeylab import data
from journeylab.errors import FileFormatError, NoDataError, SchemaError, UnknownNameError, ValidationError
from journeylab.event_files import read_events
from journeylab.event_table import ReadSummary, check_stage_map

LOG = Path(__file__).resolve().parent / "fixtures" / "own_events" / "crm_log.csv"
COLUMNS = {"user": "Customer", "time": "When", "event": "Activity", "channel": "Source"}
STAGES = {"site_visit": "Like", "newsletter_open": "Trust", "sample_request": "Try", "order": "Buy"}

EXPECTED = [  # sorted by customer (as text: "1042" before "977") and time
    ["1042", pd.Timestamp("2024-03-01 18:00"), "Instagram", "site_visit", "Like"],
    ["1042", pd.Timestamp("2024-03-05 09:15"), "Email", "newsletter_open", "Trust"],
    ["1042", pd.Timestamp("2024-03-09 20:45"), "Website", "order", "Buy"],
    ["977", pd.Timestamp("2024-03-02 12:30"), "(not set)", "site_visit", "Like"],
    ["977", pd.Timestamp("2024-03-04 08:00"), "Website", "sample_request", "Try"],
]


def rows(table: pd.DataFrame) -> list[list]:
    return table.astype(object).values.tolist()


def test_a_csv_log_reads_as_the_table_worked_out_by_hand(capsys):
    table = read_events(LOG, **COLUMNS, stages=STAGES)
    assert table.columns.tolist() == ["user_id", "timestamp", "channel", "touchpoint", "stage"]
    assert rows(table) == EXPECTED
    assert capsys.readouterr().out == ("crm_log.csv: read 6 events; kept 5 events of 2 customers in 4 stages; "
                                       "left out 1 event not in the stage map: unsubscribe (1).\n")
    assert table.attrs["summary"].startswith("crm_log.csv: read 6 events")


def test_the_text_columns_are_categories_and_the_analyses_take_the_table():
    from journeylab.analytics import top_paths

    table = read_events(LOG, **COLUMNS, stages=STAGES, quiet=True)
    assert all(isinstance(table[name].dtype, pd.CategoricalDtype) for name in ("user_id", "channel", "touchpoint", "stage"))
    assert top_paths(table)["path"].tolist() == ["Like → Trust → Buy", "Like → Try"]


def test_an_excel_sheet_and_a_parquet_file_read_the_same(tmp_path):
    frame = pd.read_csv(LOG, dtype=str, keep_default_na=False)
    frame["When"] = pd.to_datetime(frame["When"])  # Excel and Parquet keep real dates
    frame["Customer"] = frame["Customer"].str.strip().astype(int)  # and numbers
    frame.to_excel(tmp_path / "log.xlsx", sheet_name="Activity", index=False)
    duckdb.sql(f"COPY (SELECT * FROM frame) TO '{tmp_path / 'log.parquet'}' (FORMAT parquet)")
    from_excel = read_events(tmp_path / "log.xlsx", **COLUMNS, stages=STAGES, sheet="Activity", quiet=True)
    from_parquet = read_events(tmp_path / "log.parquet", **COLUMNS, stages=STAGES, quiet=True)
    assert rows(from_excel) == EXPECTED
    assert rows(from_parquet) == EXPECTED


def test_without_a_map_the_event_column_names_the_stages(tmp_path):
    log = tmp_path / "stages.csv"
    log.write_text("user_id,timestamp,event\nA,2024-01-01,know\nA,2024-01-02,Buy\n")
    assert read_events(log, quiet=True)["stage"].tolist() == ["Know", "Buy"]
    log.write_text("user_id,timestamp,event\nA,2024-01-01,Lead\n")
    with pytest.raises(UnknownNameError, match="event: holds an event that is not a stage of the seven-step hourglass"):
        read_events(log)


def test_a_time_format_reads_day_first_dates(tmp_path):
    log = tmp_path / "dates.csv"
    log.write_text("user_id,timestamp,event\nA,03/04/2024 10:00,Know\n")
    assert read_events(log, time_format="%d/%m/%Y %H:%M", quiet=True)["timestamp"].tolist() == [
        pd.Timestamp("2024-04-03 10:00")]


def test_a_missing_column_is_named_with_the_files_columns():
    with pytest.raises(SchemaError) as caught:
        read_events(LOG, user="customer_id", time="When", event="Activity")
    assert caught.value.field == "customer_id"
    assert "its columns are: Customer, When, Activity, Source" in str(caught.value)


def test_an_unparseable_time_names_the_column_the_line_and_the_value(tmp_path):
    log = tmp_path / "bad_time.csv"
    log.write_text("user_id,timestamp,event\nA,2024-01-01,Know\nB,next Tuesday,Like\n")
    with pytest.raises(SchemaError) as caught:
        read_events(log)
    assert caught.value.field == "timestamp" and caught.value.value == "next Tuesday"
    assert "line 3 of bad_time.csv" in str(caught.value) and "time_format" in str(caught.value)


def test_an_unknown_stage_in_the_map_names_the_event_and_lists_the_stages():
    with pytest.raises(UnknownNameError) as caught:
        read_events(LOG, **COLUMNS, stages={"order": "Purchase"}, framework="five_stage")
    assert caught.value.value == "Purchase"
    assert caught.value.allowed == "Awareness, Interest, Desire, Action, Post-action"
    assert "'order'" in str(caught.value)


def test_a_map_that_keeps_nothing_and_an_empty_file_are_named(tmp_path):
    with pytest.raises(NoDataError, match="its 6 events are all left out"):
        read_events(LOG, **COLUMNS, stages={"webinar": "Trust"})
    empty = tmp_path / "empty.csv"
    empty.write_text("user_id,timestamp,event\n")
    with pytest.raises(NoDataError, match="has no rows"):
        read_events(empty)


def test_a_missing_user_is_named(tmp_path):
    log = tmp_path / "no_user.csv"
    log.write_text("user_id,timestamp,event\n,2024-01-01,Know\n")
    with pytest.raises(SchemaError, match=r"user_id: 1 event of no_user\.csv has no user id"):
        read_events(log)


def test_a_file_of_another_kind_or_no_file_is_named(tmp_path):
    (tmp_path / "log.json").write_text("{}")
    with pytest.raises(FileFormatError, match="is not a kind of file read_events reads"):
        read_events(tmp_path / "log.json")
    with pytest.raises(NoDataError, match="there is no file there"):
        read_events(tmp_path / "nowhere.csv")


def test_a_stage_map_must_be_a_mapping():
    with pytest.raises(ValidationError, match="stages: must be a mapping"):
        check_stage_map(["Know"], "hourglass")


def test_the_summary_lists_the_five_most_left_out_names_then_how_many_more():
    summary = ReadSummary("x.csv", read=129, kept=10, users=1, stages=1,
                          dropped={name: 20 - number for number, name in enumerate("abcdefg")})
    assert summary.line().endswith("left out 119 events not in the stage map: a (20), b (19), c (18), d (17), e (16) "
                                   "and 2 more.")


def test_jl_data_exposes_the_reader():
    assert data.read_events is read_events
