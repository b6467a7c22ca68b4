"""Tests for journeylab.ga4: a hand-made two-day GA4 export (tests/fixtures/ga4) whose course table was worked out by hand.

The export: day 1 is plain JSON, day 2 gzipped JSON, as BigQuery writes them
(INT64 fields such as event_timestamp arrive as text). Customer 111.AAA first
came from Instagram (their user-level traffic_source, the *first touch*, says
instagram / social on every row), came back through the newsletter the next
day and bought after logging in as cust-7. 222.BBB clicked a Google ad (gclid
only), 333.CCC a Facebook ad written in capitals; one consent-mode ping has
no user at all.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from journeylab import data
from journeylab.errors import FileFormatError, NoDataError, UnknownNameError
from journeylab.ga4 import GA4_JSON_COLUMNS, download_sql, event_counts, first_touch_channels, flatten_sql, read_ga4

EXPORT = Path(__file__).resolve().parent / "fixtures" / "ga4"
STAGES = {"first_visit": "Know", "page_view": "Like", "view_item": "Trust", "sign_up": "Try", "purchase": "Buy",
          "session_start": None}

# worked out by hand from the two files (times are UTC, microseconds kept)
EXPECTED = pd.DataFrame([
    ("222.BBB", "2024-03-01 11:00:00", "Paid Search", "first_visit", "Know"),  # gclid only: google / cpc
    ("222.BBB", "2024-03-01 11:00:05", "Paid Search", "page_view", "Like"),  # the session's last click
    ("222.BBB", "2024-03-02 09:30:00", "Organic Search", "view_item", "Trust"),  # source/medium event params
    ("333.CCC", "2024-03-02 20:00:00", "Paid Social", "page_view", "Like"),  # Facebook / CPC, any case
    ("333.CCC", "2024-03-02 20:10:00", "(not set)", "purchase", "Buy"),  # nothing about its source
    ("cust-7", "2024-03-01 08:00:00.123456", "Organic Social", "page_view", "Like"),  # before logging in
    ("cust-7", "2024-03-02 14:00:00.000001", "Email", "page_view", "Like"),  # not the first touch's Instagram
    ("cust-7", "2024-03-02 14:05:00.500000", "Email", "purchase", "Buy"),
], columns=["user_id", "timestamp", "channel", "touchpoint", "stage"])


def plain(table: pd.DataFrame) -> pd.DataFrame:
    """The table with text instead of categories, to compare with the hand-made one."""
    return table.astype({name: object for name in ("user_id", "channel", "touchpoint", "stage")})


def expected() -> pd.DataFrame:
    table = EXPECTED.copy()
    table["timestamp"] = pd.to_datetime(table["timestamp"], format="ISO8601").astype("datetime64[ns]")
    return table.astype({name: object for name in ("user_id", "channel", "touchpoint", "stage")})


@pytest.fixture(scope="module")
def parquet_export(tmp_path_factory):
    """The same two days as Parquet, one file per day, with BigQuery's types (INT64 timestamps, nested records)."""
    folder = tmp_path_factory.mktemp("parquet")
    columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in GA4_JSON_COLUMNS.items()) + "}"
    for day, name in (("20240301", "events_20240301.json"), ("20240302", "events_20240302.json.gz")):
        duckdb.sql(f"COPY (SELECT * FROM read_json('{EXPORT / name}', columns = {columns}, "
                   f"format = 'newline_delimited')) TO '{folder / f'events_{day}.parquet'}' (FORMAT parquet)")
    return folder


def test_the_export_reads_as_the_table_worked_out_by_hand(capsys):
    table = read_ga4(EXPORT, STAGES)
    pd.testing.assert_frame_equal(plain(table), expected())
    assert capsys.readouterr().out == (
        "2 GA4 files: read 11 events; kept 8 events of 3 customers in 4 stages; left out 3 events not in the "
        "stage map: (no user id) (1), scroll (1), session_start (1).\n")


def test_microseconds_given_as_text_in_json_are_kept_exactly():
    table = read_ga4(EXPORT / "events_20240301.json", STAGES, quiet=True)
    first = table.loc[table["user_id"] == "111.AAA", "timestamp"].iloc[0]  # not logged in on day 1: pseudo id
    assert first == pd.Timestamp("2024-03-01 08:00:00.123456")
    assert first.value == 1709280000123456 * 1000  # event_timestamp, in nanoseconds


def test_the_user_level_traffic_source_is_the_first_touch_and_is_not_the_events_channel():
    rows = [json.loads(line) for line in gzip.open(EXPORT / "events_20240302.json.gz", "rt")]
    return_visit = next(row for row in rows if row["event_timestamp"] == "1709388000000001")
    assert return_visit["traffic_source"] == {"name": "spring", "medium": "social", "source": "instagram"}
    table = read_ga4(EXPORT, STAGES, quiet=True)
    later = table[(table["user_id"] == "cust-7") & (table["timestamp"] > "2024-03-02")]
    assert later["channel"].tolist() == ["Email", "Email"]  # the newsletter they came back through


def test_a_parquet_export_one_file_per_day_reads_the_same(parquet_export):
    table = read_ga4(sorted(parquet_export.glob("*.parquet")), STAGES, quiet=True)
    pd.testing.assert_frame_equal(plain(table), expected())
    assert table["timestamp"].iloc[5] == pd.Timestamp("2024-03-01 08:00:00.123456")


def test_a_parquet_export_without_the_newer_traffic_fields_still_reads(tmp_path):
    # exports from before 2023 have no collected_traffic_source or session_traffic_source_last_click
    file = tmp_path / "events_20220101.parquet"
    duckdb.sql(f"COPY (SELECT 1641038400000000::BIGINT AS event_timestamp, 'purchase' AS event_name, "
               f"'9.9' AS user_pseudo_id, [{{'key': 'source', 'value': {{'string_value': 'newsletter'}}}}, "
               f"{{'key': 'medium', 'value': {{'string_value': 'email'}}}}] AS event_params) TO '{file}' (FORMAT parquet)")
    table = read_ga4(file, STAGES, quiet=True)
    assert plain(table).values.tolist() == [["9.9", pd.Timestamp("2022-01-01 12:00:00"), "Email", "purchase", "Buy"]]


def test_columns_are_categories_with_the_frameworks_stages_in_order():
    table = read_ga4(EXPORT, STAGES, quiet=True)
    for name in ("user_id", "stage", "touchpoint", "channel"):
        assert isinstance(table[name].dtype, pd.CategoricalDtype), name
    assert table["stage"].cat.categories.tolist() == ["Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer"]


def test_a_page_title_touchpoint_and_a_local_time_zone():
    table = read_ga4(EXPORT, STAGES, touchpoint="page_title", time_zone="Europe/Oslo", quiet=True)
    assert table["touchpoint"].tolist() == ["first_visit", "Home", "Reviews", "Home", "purchase", "Home",
                                            "Spring sale", "purchase"]
    assert table["timestamp"].iloc[0] == pd.Timestamp("2024-03-01 12:00:00")  # Oslo is UTC+1 in March


def test_another_framework_and_stages_spelt_loosely():
    table = read_ga4(EXPORT, {"page_view": "interest", "purchase": " ACTION"}, framework="five_stage", quiet=True)
    assert table["stage"].value_counts().loc[["Interest", "Action"]].tolist() == [4, 2]


def test_event_counts_lists_every_event_name_most_common_first():
    counts = event_counts(EXPORT)
    assert counts.to_dict() == {"page_view": 5, "purchase": 2, "first_visit": 1, "scroll": 1, "session_start": 1,
                                "view_item": 1}


def test_jl_data_exposes_the_reader():
    assert data.read_ga4 is read_ga4


def test_an_unknown_stage_is_named_with_the_frameworks_stages():
    with pytest.raises(UnknownNameError) as caught:
        read_ga4(EXPORT, {"purchase": "Checkout"})
    assert "'purchase'" in str(caught.value) and "Know, Like, Trust, Try, Buy, Repeat, Refer" in str(caught.value)


def test_a_map_that_matches_nothing_is_a_named_error():
    with pytest.raises(NoDataError, match="no event of 2 GA4 files is left once mapped to stages"):
        read_ga4(EXPORT, {"add_to_cart": "Try"})


def test_a_path_with_no_files_says_what_to_give():
    with pytest.raises(NoDataError, match="no GA4 export file is there"):
        read_ga4(EXPORT / "events_1999*", STAGES)


def test_a_file_that_is_not_an_export_is_a_file_format_error(tmp_path):
    broken = tmp_path / "events_20240301.json"
    broken.write_text('{"event_timestamp": "yesterday", "event_name": "page_view"}\n')
    with pytest.raises(FileFormatError, match="cannot be read as a GA4 export"):
        read_ga4(broken, STAGES)
    spreadsheet = tmp_path / "events_20240301.csv"
    spreadsheet.write_text("event_name\npage_view\n")
    with pytest.raises(FileFormatError, match="is not a file of a GA4 export"):
        read_ga4(spreadsheet, STAGES)


def test_an_unknown_time_zone_is_named():
    with pytest.raises(UnknownNameError, match="time_zone"):
        read_ga4(EXPORT, STAGES, time_zone="Mars/Olympus")


def test_the_bigquery_form_of_the_query_reads_no_first_touch_field():
    sql = flatten_sql("`shop.analytics_123.events_*`", {"purchase": "Buy"}, dialect="bigquery")
    assert "UNNEST(event_params)" in sql and "REGEXP_CONTAINS" in sql and "TIMESTAMP_MICROS" in sql
    assert " traffic_source" not in sql and "(traffic_source" not in sql


# worked out by hand: the channel of each kept event's user-level traffic_source (the same on all their rows)
FIRST_TOUCH = ["Paid Search", "Paid Search", "Paid Search",  # 222.BBB: google / cpc
               "Paid Social", "Paid Social",  # 333.CCC: facebook / cpc
               "Organic Social", "Organic Social", "Organic Social"]  # cust-7: instagram / social


def test_first_touch_channels_puts_each_events_own_channel_beside_the_users_first_touch():
    table = first_touch_channels(EXPORT, STAGES)
    assert table.columns.tolist() == ["user_id", "timestamp", "touchpoint", "stage", "channel", "first_touch"]
    columns = ["user_id", "timestamp", "touchpoint", "stage", "channel"]
    pd.testing.assert_frame_equal(plain(table[columns].astype({"touchpoint": object})), expected()[columns])
    assert table["first_touch"].tolist() == FIRST_TOUCH
    wrong = table[table["channel"] != table["first_touch"]]
    # the trap: 222.BBB's Bing visit, 333.CCC's untagged purchase and cust-7's whole newsletter visit
    assert list(zip(wrong["user_id"], wrong["touchpoint"], wrong["first_touch"])) == [
        ("222.BBB", "view_item", "Paid Search"), ("333.CCC", "purchase", "Paid Social"),
        ("cust-7", "page_view", "Organic Social"), ("cust-7", "purchase", "Organic Social")]


def test_first_touch_channels_reads_parquet_and_says_not_set_where_the_field_is_missing(parquet_export):
    table = first_touch_channels(sorted(parquet_export.glob("*.parquet")), STAGES)
    assert table["first_touch"].tolist() == ["(not set)"] * 8  # the Parquet copy kept only GA4_JSON_COLUMNS
    with pytest.raises(NoDataError, match="stages"):
        first_touch_channels(EXPORT, {"add_to_wishlist": "Like"})


def test_the_course_query_is_unchanged_unless_the_first_touch_is_asked_for():
    plain_sql = flatten_sql("events", {"purchase": "Buy"})
    with_first = flatten_sql("events", {"purchase": "Buy"}, first_touch=True)
    assert "traffic_source." not in plain_sql.replace("_traffic_source.", "")
    assert "traffic_source.source AS first_source" in with_first and "AS first_touch" in with_first


def fixture_source():
    """DuckDB's FROM clause for the fixture's two files, with the fields read_ga4 reads."""
    columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in GA4_JSON_COLUMNS.items()) + "}"
    files = "[" + ", ".join(f"'{path}'" for path in sorted(EXPORT.glob("events_*"))) + "]"
    return f"read_json({files}, columns = {columns}, format = 'newline_delimited')"


def test_the_download_query_in_duckdb_gives_the_rows_read_ga4_keeps():
    source = fixture_source()
    rows = duckdb.sql(download_sql(source, STAGES, dialect="duckdb")).df()
    assert rows.columns.tolist() == ["user_id", "timestamp", "channel", "touchpoint", "stage"]
    rows = rows.sort_values(["user_id", "timestamp"], ignore_index=True).astype({"timestamp": "datetime64[ns]"})
    pd.testing.assert_frame_equal(rows.astype({name: object for name in ("user_id", "channel", "touchpoint", "stage")}),
                                  expected())


def test_the_download_saved_as_parquet_reads_back_with_read_events(tmp_path):
    source = fixture_source()
    duckdb.sql(f"COPY ({download_sql(source, STAGES, dialect='duckdb')}) TO '{tmp_path / 'flat.parquet'}' (FORMAT parquet)")
    table = data.read_events(tmp_path / "flat.parquet", event="stage", channel="channel", touchpoint="touchpoint",
                             quiet=True)
    pd.testing.assert_frame_equal(plain(table), expected())


def test_the_bigquery_download_query_has_one_with_and_only_the_five_columns():
    sql = download_sql("`shop.analytics_123.events_2024*`", {"purchase": "Buy", "scroll": None}, dialect="bigquery")
    assert sql.count("WITH ") == 1 and "),\nflat AS (" in sql  # no WITH inside a subquery
    assert sql.endswith("SELECT user_id, timestamp, channel, touchpoint, stage\nFROM flat\n"
                        "WHERE stage IS NOT NULL AND user_id IS NOT NULL")
    assert "FROM `shop.analytics_123.events_2024*`" in sql and "'scroll'" not in sql
    with pytest.raises(UnknownNameError, match="'purchase' is mapped"):
        download_sql("events", {"purchase": "Checkout"})
