"""Tests for journeylab.data and journeylab.synthetic: determinism, loaders and schema checks, and the facts lessons rely on."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from journeylab import data
from journeylab.data import (
    DEFAULT_SEED,
    FILE_NAMES,
    SCHEMAS,
    describe,
    validate,
)
from journeylab.errors import FileFormatError, SchemaError, UnknownNameError
from journeylab.frameworks import get_framework
from journeylab.synthetic import (
    _TOUCHPOINTS,
    generate_activities,
    generate_campaigns,
    generate_customers,
    generate_events,
    write_datasets,
)

STAGES = get_framework("hourglass").stage_names
LOADERS = {
    "customers": data.load_customers,
    "events": data.load_events,
    "campaigns": data.load_campaigns,
    "activities": data.load_activities,
}

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The four files generated afresh from the default seed (once for the whole module)."""
    return write_datasets(tmp_path_factory.mktemp("generated"))


@pytest.fixture(scope="module")
def loaded():
    """The committed course files, loaded once."""
    return {name: loader() for name, loader in LOADERS.items()}


# --- determinism --------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_default_seed_reproduces_the_committed_file_byte_for_byte(written, dataset):
    assert written[dataset].name == FILE_NAMES[dataset]
    assert written[dataset].read_bytes() == (DATA_DIR / FILE_NAMES[dataset]).read_bytes()


def test_files_use_unix_line_ends_and_no_index_column(written):
    raw = written["campaigns"].read_bytes()
    assert b"\r" not in raw
    assert raw.startswith(b"month,stage,impressions,")


def test_another_seed_gives_different_data_but_the_same_activities():
    assert not generate_customers(seed=7).equals(generate_customers(seed=DEFAULT_SEED))
    assert not generate_campaigns(seed=7).equals(generate_campaigns(seed=DEFAULT_SEED))
    assert not generate_events(seed=7, users=300).equals(generate_events(seed=DEFAULT_SEED, users=300))
    assert generate_events(seed=7, users=300).equals(generate_events(seed=7, users=300))


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_loaded_files_equal_what_the_generator_returns(loaded, dataset):
    generators = {"customers": generate_customers, "events": generate_events,
                  "campaigns": generate_campaigns, "activities": lambda: generate_activities()}
    pd.testing.assert_frame_equal(loaded[dataset], generators[dataset]())


# --- loaders and types --------------------------------------------------------------------------


def _has_kind(series: pd.Series, column: data.Column) -> bool:
    if column.kind == "int":
        return str(series.dtype) == ("Int64" if column.empty_allowed else "int64")
    if column.kind == "float":
        return pd.api.types.is_float_dtype(series)
    if column.kind == "timestamp":
        return str(series.dtype) == "datetime64[ns]"
    return pd.api.types.is_string_dtype(series) and not pd.api.types.is_numeric_dtype(series)


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_loaders_return_the_schema_columns_with_their_types(loaded, dataset):
    frame = loaded[dataset]
    assert frame.columns.tolist() == list(SCHEMAS[dataset])
    wrong = [name for name, column in SCHEMAS[dataset].items() if not _has_kind(frame[name], column)]
    assert wrong == []


def test_row_counts_are_the_documented_sizes(loaded):
    assert len(loaded["customers"]) == 2000
    assert 45_000 <= len(loaded["events"]) <= 55_000
    assert len(loaded["campaigns"]) == 12 * 7
    assert len(loaded["activities"]) >= 40


def test_loader_accepts_another_path(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("activity_id,statement,kind,stage\nX1,\"Post daily, at noon\",tactic,Know\n", encoding="utf-8")
    assert data.load_activities(path).loc[0, "statement"] == "Post daily, at noon"


# --- bad files ----------------------------------------------------------------------------------


def _first_rows_as_text(dataset: str, rows: int = 6) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / FILE_NAMES[dataset], dtype=str, na_filter=False, nrows=rows)


# Each case: data set, column, the bad value written into it, the row of the first rows of the
# committed file that gets it. Row r is line r + 2 of the file (line 1 is the header).
BAD_VALUES = [
    ("customers", "age", "forty", 2),  # text where a number is expected
    ("customers", "csat", "7", 2),  # out of range
    ("customers", "csat", "3.5", 2),  # not a whole number
    ("customers", "likelihood_to_recommend", "", 3),  # empty
    ("customers", "motivation", "Cheap", 0),  # not an allowed value
    ("customers", "respondent_id", "R0001", 1),  # a duplicate id
    ("events", "stage", "Awareness", 2),  # a stage that is not in the hourglass
    ("events", "timestamp", "31/01/2024 9.30", 2),  # a bad timestamp
    ("campaigns", "orders", "999999", 4),  # more orders than carts (row 4 is Buy)
    ("campaigns", "month", "January", 1),
    ("activities", "kind", "idea", 2),
]


@pytest.mark.parametrize(("dataset", "column", "bad_value", "row"), BAD_VALUES)
def test_bad_values_raise_a_schema_error_naming_column_value_and_line(tmp_path, dataset, column, bad_value, row):
    path = tmp_path / f"broken_{dataset}.csv"
    frame = _first_rows_as_text(dataset)
    frame.loc[row, column] = bad_value
    frame.to_csv(path, index=False)
    with pytest.raises(SchemaError) as caught:
        LOADERS[dataset](path)
    error = caught.value
    assert error.field == column
    assert str(error).startswith(f"{column}: the value on line {row + 2} of {path.name} ")
    assert str(error.value) == bad_value
    assert error.allowed == SCHEMAS[dataset][column].allowed_text()


@pytest.mark.parametrize(("dataset", "column"), [("customers", "csat"), ("events", "user_id"),
                                                 ("campaigns", "customers"), ("activities", "stage")])
def test_a_missing_column_is_named_with_the_expected_columns(tmp_path, dataset, column):
    path = tmp_path / f"short_{dataset}.csv"
    _first_rows_as_text(dataset).drop(columns=[column]).to_csv(path, index=False)
    with pytest.raises(SchemaError) as caught:
        LOADERS[dataset](path)
    assert caught.value.field == column
    assert str(caught.value).startswith(f"{column}: the column is missing from {path.name}.")
    assert caught.value.allowed == "a table with the columns " + ", ".join(SCHEMAS[dataset])


def test_a_csat_of_seven_says_what_is_allowed(tmp_path):
    path = tmp_path / "survey.csv"
    frame = _first_rows_as_text("customers")
    frame.loc[0, "csat"] = "7"
    frame.to_csv(path, index=False)
    with pytest.raises(SchemaError, match=r"^csat: the value on line 2 of survey\.csv is out of range "
                                          r"\(got '7'\)\. Allowed: whole numbers from 1 to 5\.$"):
        data.load_customers(path)


def test_an_empty_file_is_a_file_format_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(FileFormatError, match="activity_id, statement, kind, stage"):
        data.load_activities(path)


# --- validate on a learner's own table ----------------------------------------------------------


def test_validate_types_a_hand_made_event_log_and_keeps_extra_columns():
    frame = pd.DataFrame({
        "user_id": ["U1", "U1"],
        "timestamp": ["2024-03-01T10:00:00", "2024-03-02 11:30"],
        "channel": ["Search", "Website"],
        "touchpoint": ["Search ad", "Reviews page"],
        "stage": ["Know", "Trust"],
        "note": ["first", "second"],
    })
    checked = validate(frame, "events")
    assert checked["timestamp"].tolist() == [pd.Timestamp("2024-03-01 10:00"), pd.Timestamp("2024-03-02 11:30")]
    assert checked["note"].tolist() == ["first", "second"]
    assert frame["timestamp"].tolist()[0] == "2024-03-01T10:00:00"  # the learner's table is not changed


def test_validate_accepts_whole_numbers_stored_as_floats_or_text():
    frame = pd.DataFrame({"month": ["2024-01"], "stage": ["Buy"], "impressions": [None], "reach": [None],
                          "clicks": [None], "sessions": ["120"], "bounces": [None], "sign_ups": [None],
                          "carts": [40.0], "orders": [12], "repeat_orders": [None], "referrals": [None],
                          "churned_customers": [None], "customers": [None]})
    checked = validate(frame, "campaigns")
    assert checked.loc[0, ["sessions", "carts", "orders"]].tolist() == [120, 40, 12]
    assert str(checked["carts"].dtype) == "Int64"
    assert checked["impressions"].isna().all()


@pytest.mark.parametrize(("column", "value", "problem"), [
    ("csat", 4.5, "is not a whole number"),
    ("csat", 0, "is out of range"),
    ("age", "thirty", "is not a number"),
    ("gender", None, "is empty"),
])
def test_validate_names_the_row_of_a_learners_table(column, value, problem):
    frame = generate_customers(seed=3, respondents=3)
    frame[column] = frame[column].astype(object)
    frame.loc[1, column] = value
    with pytest.raises(SchemaError, match=f"^{column}: the value in row 1 of the customers table {problem}"):
        validate(frame, "customers")


def test_validate_checks_one_count_against_another():
    campaigns = generate_campaigns()
    campaigns.loc[0, "reach"] = campaigns.loc[0, "impressions"] + 1
    with pytest.raises(SchemaError, match=r"^reach: .* is larger than impressions"):
        validate(campaigns, "campaigns")


def test_an_unknown_data_set_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match="customers, events, campaigns, activities"):
        validate(pd.DataFrame(), "survey")


# --- the data dictionary ------------------------------------------------------------------------


def test_readme_says_the_data_is_synthetic_and_how_to_make_it():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower()
    assert f"seed {DEFAULT_SEED}" in readme
    assert "journeylab data" in readme
    assert data.COMPANY_NAME in readme


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_readme_describes_every_column_as_the_schema_does(dataset):
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {FILE_NAMES[dataset]}")[1].split("\n## ")[0]
    for row in describe(dataset).itertuples():
        assert f"| `{row.column}` | {row.type} | {row.allowed} | {row.meaning} |" in section


# --- facts the lessons rely on ------------------------------------------------------------------


def test_customers_have_four_motivation_groups_with_different_ages_and_channels(loaded):
    customers = loaded["customers"]
    assert "segment" not in customers.columns
    groups = customers.groupby("motivation")
    ages = groups["age"].mean()
    assert len(ages) == 4
    assert ages.idxmin() == "Price" and ages.idxmax() == "Design"
    assert (ages.sort_values().diff().dropna() > 4).all()  # every group at least 4 years from the next
    top_channel = groups["preferred_channel"].agg(lambda channels: channels.value_counts().index[0])
    assert top_channel.to_dict() == {"Sustainability": "Instagram", "Convenience": "Facebook",
                                     "Price": "TikTok", "Design": "Store"}
    assert groups["average_order_value"].mean().idxmax() == "Design"


def test_customer_columns_agree_with_each_other(loaded):
    customers = loaded["customers"]
    assert (customers["second_channel"] != customers["preferred_channel"]).all()
    no_orders = customers["orders_last_year"] == 0
    assert no_orders.any()
    assert customers["average_order_value"].isna().equals(no_orders)
    assert customers["days_since_last_purchase"].isna().equals(no_orders)


@pytest.fixture(scope="module")
def moves(loaded):
    """Each event with the stage position of the same user's previous event."""
    events = loaded["events"]
    position = events["stage"].map({stage: number for number, stage in enumerate(STAGES)}).astype(int)  # a category maps to one
    return pd.DataFrame({"user_id": events["user_id"], "position": position,
                         "step": position.groupby(events["user_id"]).diff()})


def test_events_are_sorted_by_user_then_time_within_2024(loaded):
    events = loaded["events"]
    assert events.equals(events.sort_values(["user_id", "timestamp"], kind="stable").reset_index(drop=True))
    assert events["timestamp"].min() >= pd.Timestamp("2024-01-01")
    assert events["timestamp"].max() < pd.Timestamp("2025-01-01")
    assert (events.groupby("user_id")["stage"].first() == "Know").all()


def test_events_go_backwards_and_skip_stages_sometimes(moves):
    assert (moves["step"] < 0).sum() > 200
    assert (moves["step"] > 1).sum() > 200
    assert (moves["step"] < 0).mean() < 0.1  # but mostly forwards or staying


def test_fewer_users_reach_each_later_stage_with_the_biggest_leaks_at_the_top_and_before_buying(loaded):
    users = loaded["events"].groupby("stage")["user_id"].nunique().reindex(list(STAGES))
    assert users.idxmax() == "Know"
    assert users.is_monotonic_decreasing and users.is_unique
    kept = (users / users.shift()).dropna()  # share of a stage's users who reach the next one
    assert kept.idxmin() == "Like"  # Know -> Like loses most
    assert kept.drop("Like").idxmin() == "Buy"  # then Try -> Buy


def test_store_is_frequent_while_orienting_but_rare_at_buy(loaded):
    events = loaded["events"]
    store_share = (events["channel"] == "Store").groupby(events["stage"]).mean()
    for stage in ("Like", "Trust", "Try"):
        assert store_share[stage] > 0.1
    assert store_share["Buy"] < 0.07
    assert store_share["Buy"] < store_share[["Like", "Trust", "Try"]].min() / 2


def test_event_touchpoints_belong_to_their_stage_and_channel(loaded):
    declared = {(stage, channel, name) for stage, rows in _TOUCHPOINTS.items() for channel, name, _ in rows}
    seen = set(loaded["events"][["stage", "channel", "touchpoint"]].itertuples(index=False, name=None))
    assert seen <= declared
    assert {stage for stage, _, _ in seen} == set(STAGES)


def test_campaign_counts_are_consistent(loaded):
    campaigns = loaded["campaigns"]
    for smaller, larger in [("reach", "impressions"), ("clicks", "impressions"), ("bounces", "sessions"),
                            ("carts", "sessions"), ("orders", "carts"), ("sign_ups", "sessions"),
                            ("churned_customers", "customers")]:
        both = campaigns[[smaller, larger]].dropna()
        assert len(both) > 0
        assert (both[smaller] <= both[larger]).all(), smaller


def test_campaign_metrics_are_filled_only_where_they_apply(loaded):
    campaigns = loaded["campaigns"]
    metrics = list(SCHEMAS["campaigns"])[2:]
    filled = campaigns.groupby("stage")[metrics].apply(lambda rows: tuple(rows.columns[rows.notna().all()]))
    assert filled.to_dict() == {
        "Know": ("impressions", "reach", "clicks"),
        "Like": ("impressions", "reach", "clicks", "sessions", "bounces"),
        "Trust": ("sessions", "bounces"),
        "Try": ("sessions", "sign_ups"),
        "Buy": ("sessions", "carts", "orders"),
        "Repeat": ("repeat_orders", "churned_customers", "customers"),
        "Refer": ("referrals", "customers"),
    }
    assert campaigns[metrics].notna().sum(axis=1).eq(campaigns["stage"].map(lambda s: len(filled[s]))).all()


def test_campaigns_peak_in_november_and_december_and_dip_in_september(loaded):
    campaigns = loaded["campaigns"].set_index("month")
    know = campaigns[campaigns["stage"] == "Know"]
    assert set(know["impressions"].nlargest(2).index) == {"2024-11", "2024-12"}
    buy = campaigns[campaigns["stage"] == "Buy"]
    cart_to_order = buy["orders"] / buy["carts"]
    assert cart_to_order.idxmin() == "2024-09"
    assert cart_to_order["2024-09"] < 0.7 * cart_to_order.drop("2024-09").min()


def test_activities_cover_every_stage_with_both_kinds(loaded):
    activities = loaded["activities"]
    assert activities["statement"].is_unique
    counts = activities.groupby(["stage", "kind"]).size().unstack()
    assert set(counts.index) == set(STAGES)
    assert (counts >= 2).all().all()
    kinds = activities["kind"].value_counts()
    assert abs(kinds["strategy"] - kinds["tactic"]) <= 4
