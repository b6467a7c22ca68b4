"""Tests for journeylab.analytics beyond the funnels (test_funnels.py): reading event logs, moves, waiting
times, goals and campaign KPIs, worked out by hand."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from itertools import pairwise
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeylab.analytics import (
    backward_moves,
    campaign_kpis,
    goal_attainment,
    stage_funnel,
    time_between_stages,
    transition_matrix,
)
from journeylab.errors import SchemaError, UnknownNameError, ValidationError

from event_cases import CLOSED_USERS, journeys

HOURGLASS = ["Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer"]
EVENT_FUNCTIONS = [stage_funnel, transition_matrix, backward_moves, time_between_stages]


# --- reading an event log: the rules every analysis shares ------------------------------------

@pytest.mark.parametrize(
    "make_timestamps",
    [
        pytest.param(lambda text: text, id="iso-text"),
        pytest.param(pd.to_datetime, id="datetime64"),
        pytest.param(lambda text: pd.to_datetime(text).dt.tz_localize("Europe/Amsterdam"), id="time-zone"),
    ],
)
def test_timestamps_as_text_or_dates_give_the_same_answers(make_timestamps):
    events = journeys()
    events["timestamp"] = make_timestamps(events["timestamp"])
    assert stage_funnel(events)["users"].tolist() == CLOSED_USERS
    assert time_between_stages(events)["users"].tolist() == [4, 3, 2, 2, 1, 1]


def test_row_order_does_not_matter():
    events = journeys()
    shuffled = events.sample(frac=1, random_state=7).reset_index(drop=True)
    pd.testing.assert_frame_equal(stage_funnel(shuffled), stage_funnel(events))
    pd.testing.assert_frame_equal(transition_matrix(shuffled), transition_matrix(events))
    pd.testing.assert_frame_equal(time_between_stages(shuffled), time_between_stages(events))


def test_an_empty_event_log_gives_zero_users_and_nan_rates():
    events = pd.DataFrame({"user_id": [], "timestamp": pd.to_datetime([]), "stage": []})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        funnel = stage_funnel(events)
        waits = time_between_stages(events)
        matrix = transition_matrix(events)
    assert funnel["users"].tolist() == [0] * 7
    assert funnel["step_conversion"].isna().all() and funnel["overall_conversion"].isna().all()
    assert waits["users"].tolist() == [0] * 6 and waits["median"].isna().all()
    assert matrix.to_numpy().sum() == 0 and matrix.shape == (7, 7)
    assert backward_moves(events).empty


@pytest.mark.parametrize("function", EVENT_FUNCTIONS)
def test_the_callers_table_is_not_changed(function):
    events = journeys()
    events["stage"] = events["stage"].str.lower()
    before = events.copy(deep=True)
    function(events)
    pd.testing.assert_frame_equal(events, before)


# --- transition_matrix and backward_moves -----------------------------------------------------

# Each customer's events in time order, ties in journey order, one move per change of stage:
#   A  Know>Like, Like>Trust, Trust>Try, Try>Trust (back), Trust>Buy           5
#   B  Know>Buy                                                                1
#   C  Know>Like, Like>Trust, Trust>Try, Try>Buy, Buy>Repeat, Repeat>Refer      6
#   D  Know>Like (same minute: journey order), Like>Trust; Trust>Trust is none  2
#   E  Like>Know (back)                                                        1
#   F  Like>Know (back), Know>Like                                             2   total 17
EXPECTED_MOVES = {
    ("Know", "Like"): 4,  # A C D F
    ("Know", "Buy"): 1,  # B
    ("Like", "Trust"): 3,  # A C D
    ("Like", "Know"): 2,  # E F
    ("Trust", "Try"): 2,  # A C
    ("Trust", "Buy"): 1,  # A
    ("Try", "Trust"): 1,  # A
    ("Try", "Buy"): 1,  # C
    ("Buy", "Repeat"): 1,  # C
    ("Repeat", "Refer"): 1,  # C
}


def test_transition_matrix_matches_hand_count():
    matrix = transition_matrix(journeys())
    assert list(matrix.index) == HOURGLASS and list(matrix.columns) == HOURGLASS
    assert (matrix.index.name, matrix.columns.name) == ("from", "to")
    expected = pd.DataFrame(0, index=matrix.index, columns=matrix.columns)
    for (source, target), moves in EXPECTED_MOVES.items():
        expected.loc[source, target] = moves
    pd.testing.assert_frame_equal(matrix, expected, check_dtype=False)
    assert matrix.to_numpy().sum() == 17
    assert np.diag(matrix.to_numpy()).sum() == 0


def test_backward_moves_most_frequent_first():
    # Below the diagonal: Like>Know twice (E, F), Try>Trust once (A).
    moves = backward_moves(journeys())
    assert list(moves.columns) == ["from", "to", "moves"]
    assert moves.to_dict("records") == [
        {"from": "Like", "to": "Know", "moves": 2},
        {"from": "Try", "to": "Trust", "moves": 1},
    ]


# --- time_between_stages ----------------------------------------------------------------------

# From each customer's first event at a stage to his first event at the next stage at the
# same time or later (days):
#   Know>Like     A 1, C 1, D 0 (same minute), F 2 (Know 2nd -> Like 4th); E has no Like
#                 after his Know, B no Like. Sorted [0, 1, 1, 2]: median 1, q1 at position
#                 0.75 -> 0.75 d = 18 h, q3 at position 2.25 -> 1.25 d = 30 h.
#   Like>Trust    A 2, C 2, D 1 -> [1, 2, 2]: median 2, q1 1.5, q3 2
#   Trust>Try     A 1 (his first Trust, not the second), C 1 -> median 1
#   Try>Buy       A 4, C 2 -> [2, 4]: median 3, q1 2.5, q3 3.5
#   Buy>Repeat    C 7;  Repeat>Refer  C 5
def test_time_between_stages_matches_hand_worked_days():
    waits = time_between_stages(journeys())
    day = pd.Timedelta(days=1)
    assert list(waits.index) == [
        "Know → Like", "Like → Trust", "Trust → Try",
        "Try → Buy", "Buy → Repeat", "Repeat → Refer",
    ]
    assert list(waits.columns) == ["users", "median", "q1", "q3", "median_days"]
    assert waits["users"].tolist() == [4, 3, 2, 2, 1, 1]
    assert waits["median"].tolist() == [1 * day, 2 * day, 1 * day, 3 * day, 7 * day, 5 * day]
    assert waits["q1"].tolist() == [pd.Timedelta(hours=18), 1.5 * day, 1 * day, 2.5 * day, 7 * day, 5 * day]
    assert waits["q3"].tolist() == [pd.Timedelta(hours=30), 2 * day, 1 * day, 3.5 * day, 7 * day, 5 * day]
    assert waits["median_days"].tolist() == pytest.approx([1, 2, 1, 3, 7, 5])


def test_a_step_nobody_made_has_no_time():
    only_b = journeys().query("user_id == 'B'")  # Know then Buy: no neighbouring pair at all
    waits = time_between_stages(only_b)
    assert waits["users"].tolist() == [0] * 6
    assert waits["median"].isna().all() and waits["median_days"].isna().all()


# --- errors -----------------------------------------------------------------------------------

def _without_stage():
    return journeys().drop(columns="stage")


def _with_stage(*names):
    events = journeys().head(len(names)).copy()
    events["stage"] = list(names)
    return events


def _with_time(value):
    events = journeys()
    events["timestamp"] = events["timestamp"].astype(object)
    events.loc[3, "timestamp"] = value
    return events


def _with_missing_user():
    events = journeys()
    events["user_id"] = events["user_id"].astype(object)
    events.loc[0, "user_id"] = None
    return events


def _case(case_id, make_events, error, *words, **options):
    """One row of the error table: how to make the bad log, the error, the words its message must hold."""
    return pytest.param(make_events, options, error, list(words), id=case_id)


ERROR_CASES = [
    _case("missing-column", _without_stage, SchemaError, "no column named 'stage'", "user_id, timestamp, stage"),
    _case(
        "two-missing-columns", lambda: journeys().rename(columns={"user_id": "user", "timestamp": "time"}),
        SchemaError, "no columns named 'user_id' and 'timestamp'", "its columns are: user, time, stage",
    ),
    _case(
        "unknown-stage", lambda: _with_stage("Know", "Lead"),
        UnknownNameError, "'Lead'", "Know, Like, Trust, Try, Buy, Repeat, Refer",
    ),
    _case("two-unknown-stages", lambda: _with_stage("Lead", "Know", "Churn"), UnknownNameError, "'Lead'", "'Churn'"),
    _case("empty-stage", lambda: _with_stage("Know", None), SchemaError, "stage", "1 event has no stage"),
    _case(
        "unknown-framework", journeys, UnknownNameError, "'funnel'", "hourglass, five_stage, five_stage_advocacy, cycle",
        framework="funnel",
    ),
    _case(
        "stage-of-another-framework", journeys, UnknownNameError, "'Know'", "Awareness, Interest",
        framework="five_stage",
    ),
    _case("unreadable-time", lambda: _with_time("yesterday"), SchemaError, "timestamp", "'yesterday'"),
    _case("missing-time", lambda: _with_time(None), SchemaError, "timestamp", "1 event has no time"),
    _case("numeric-time", lambda: journeys().assign(timestamp=range(24)), SchemaError, "timestamp", "numbers"),
    _case("missing-user", _with_missing_user, SchemaError, "user_id", "1 event has no user id"),
    _case("not-a-table", lambda: journeys().to_dict(), SchemaError, "events", "DataFrame"),
]


@pytest.mark.parametrize("function", EVENT_FUNCTIONS)
@pytest.mark.parametrize(("make_events", "options", "error", "words"), ERROR_CASES)
def test_bad_event_logs_raise_errors_that_name_the_problem(function, make_events, options, error, words):
    with pytest.raises(error) as raised:
        function(make_events(), **options)
    for word in words:
        assert word in str(raised.value)


# --- goal_attainment --------------------------------------------------------------------------

@dataclass(frozen=True)
class StandInGoal:
    """Has the attributes of journeylab.journey.StageGoal, which the function relies on."""

    goal: str
    kpi: str
    target: float
    unit: str = "%"
    better: str = "higher"


GOALS = {
    "Buy": StandInGoal("More online sales", "Conversion rate", 5.0),
    "Know": StandInGoal("Be found", "Reach", 1000, unit="people"),
    "Repeat": StandInGoal("Keep customers", "Churn rate", 10.0, better="lower"),
    "Refer": StandInGoal("Get referrals", "NPS", 30, unit="points"),
}


def test_goal_attainment_matches_hand_worked_gaps():
    # Buy 4.0 < 5 (higher is better): not met, gap -1.  Know 1200 >= 1000: met, gap +200.
    # Repeat 8 <= 10 (lower is better): met, gap -2.  Refer not measured: NaN, not met.
    # Trust has a value but no goal: ignored. "buy" matches "Buy" ignoring case.
    table = goal_attainment(GOALS, {"buy": 4.0, "Know": 1200, "Repeat": 8, "Trust": 99})
    assert list(table.index) == ["Buy", "Know", "Repeat", "Refer"]  # the order of the goals
    assert table.index.name == "stage"
    assert list(table.columns) == ["goal", "kpi", "better", "target", "actual", "unit", "met", "gap", "better_by"]
    assert table["better"].tolist() == ["higher", "higher", "lower", "higher"]
    assert table["kpi"].tolist() == ["Conversion rate", "Reach", "Churn rate", "NPS"]
    assert table["unit"].tolist() == ["%", "people", "%", "points"]
    assert table["target"].tolist() == [5.0, 1000.0, 10.0, 30.0]
    assert table["actual"].tolist()[:3] == [4.0, 1200.0, 8.0] and np.isnan(table.loc["Refer", "actual"])
    assert table["met"].tolist() == [False, True, True, False]
    assert table["met"].dtype == bool
    assert table["gap"].tolist()[:3] == pytest.approx([-1.0, 200.0, -2.0])
    assert np.isnan(table.loc["Refer", "gap"])
    # better_by: the gap in percent of the target, on the good side positive: -1 / 5, +200 / 1000, -(-2) / 10
    assert table["better_by"].tolist()[:3] == pytest.approx([-20.0, 20.0, 20.0])
    assert np.isnan(table.loc["Refer", "better_by"])


@pytest.mark.parametrize(
    ("better", "actual", "met"),
    [
        ("higher", 5.0, True),
        ("higher", 4.99, False),
        ("lower", 5.0, True),
        ("lower", 5.01, False),
        ("Lower", 3, True),
    ],
)
def test_reaching_the_target_exactly_is_met(better, actual, met):
    goals = {"Buy": StandInGoal("Sell", "Conversion rate", 5.0, better=better)}
    assert goal_attainment(goals, {"Buy": actual})["met"].tolist() == [met]


def test_goal_attainment_takes_a_journey_and_a_series():
    journey = SimpleNamespace(goals={"Trust": StandInGoal("Be trusted", "Review views", 200, unit="views")})
    table = goal_attainment(journey, pd.Series({"Trust": 250.0, "Buy": 3.0}))
    assert table.loc["Trust", ["actual", "met", "gap"]].tolist() == [250.0, True, 50.0]
    assert list(table.index) == ["Trust"]


def test_no_goals_give_an_empty_table():
    table = goal_attainment({}, {"Buy": 3.0})
    assert table.empty
    assert list(table.columns) == ["goal", "kpi", "better", "target", "actual", "unit", "met", "gap", "better_by"]


@pytest.mark.parametrize(
    ("target", "actual", "better"),
    [(5.0, 4.0, "higher"), (5.0, 6.0, "higher"), (10.0, 8.0, "lower"), (70.0, 85.5, "lower"), (-4.0, -2.0, "higher"),
     (1.0, 1.0, "lower")],
)
def test_better_by_is_positive_exactly_when_the_goal_is_beaten_and_scales_with_the_target(target, actual, better):
    goals = {"Buy": StandInGoal("Sell", "KPI", target, better=better)}
    row = goal_attainment(goals, {"Buy": actual}).loc["Buy"]
    assert (row["better_by"] > 0) == (row["met"] and actual != target)
    assert abs(row["better_by"]) == pytest.approx(abs(actual - target) / abs(target) * 100)
    ten_times = goal_attainment({"Buy": StandInGoal("Sell", "KPI", target * 10, better=better)}, {"Buy": actual * 10})
    assert ten_times.loc["Buy", "better_by"] == pytest.approx(row["better_by"])  # the unit does not matter


def test_better_by_has_no_percentage_of_a_target_of_zero():
    goals = {"Buy": StandInGoal("No complaints", "Complaints", 0, unit="complaints", better="lower")}
    assert np.isnan(goal_attainment(goals, {"Buy": 2})["better_by"].iloc[0])


@pytest.mark.parametrize(
    ("goals", "actuals", "words"),
    [
        (
            {"Buy": StandInGoal("Sell", "Orders", 5, better="more")}, {},
            ["goals.Buy.better", "'more'", "higher, lower"],
        ),
        ({"Buy": StandInGoal("Sell", "Orders", 5)}, {"Buy": "5%"}, ["actuals.Buy", "'5%'", "number"]),
        ({"Buy": StandInGoal("Sell", "Orders", "five")}, {}, ["goals.Buy.target", "'five'"]),
        (
            {"Buy": SimpleNamespace(goal="Sell", kpi="Orders", target=5, unit="")}, {},
            ["goals.Buy", "'better'"],
        ),
        (["Buy"], {}, ["goals", "list"]),
        ({"Buy": StandInGoal("Sell", "Orders", 5)}, [4.0], ["actuals", "list"]),
    ],
)
def test_bad_goals_or_actuals_raise_errors_that_name_the_field(goals, actuals, words):
    with pytest.raises(ValidationError) as raised:
        goal_attainment(goals, actuals)
    for word in words:
        assert word in str(raised.value)


# --- properties on random event logs ----------------------------------------------------------

random_events = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 12), st.integers(0, 6)),  # user, hour, stage
    max_size=30,
)


def _frame(rows) -> pd.DataFrame:
    users, hours, stages = zip(*rows) if rows else ((), (), ())
    return pd.DataFrame(
        {
            "user_id": list(users),
            "timestamp": pd.Timestamp("2024-01-01") + pd.to_timedelta(list(hours), unit="h"),
            "stage": [HOURGLASS[s] for s in stages],
        }
    )


def _closed_funnel_by_hand(rows) -> list[int]:
    """The definition, one user at a time: earliest stage k at or after reaching stage k-1."""
    counts = [0] * 7
    for user in {row[0] for row in rows}:
        reached_at = -1
        for stage in range(7):
            times = [hour for u, hour, s in rows if u == user and s == stage and hour >= reached_at]
            if not times:
                break
            reached_at = min(times)
            counts[stage] += 1
    return counts


def _moves_by_hand(rows) -> np.ndarray:
    """Changes of stage between neighbouring events of one user, in (time, journey) order."""
    moves = np.zeros((7, 7), dtype=int)
    ordered = sorted(rows)  # user, then hour, then stage position
    for before, after in pairwise(ordered):
        if before[0] == after[0] and before[2] != after[2]:
            moves[before[2], after[2]] += 1
    return moves


@settings(max_examples=60, deadline=None)
@given(random_events)
def test_closed_funnel_is_inside_the_open_one_and_never_grows(rows):
    events = _frame(rows)
    closed = stage_funnel(events)["users"].to_numpy()
    opened = stage_funnel(events, closed=False)["users"].to_numpy()
    assert (closed <= opened).all()
    assert (np.diff(closed) <= 0).all()
    assert closed.tolist() == _closed_funnel_by_hand(rows)
    assert opened.tolist() == [len({u for u, _, s in rows if s == stage}) for stage in range(7)]


@settings(max_examples=60, deadline=None)
@given(random_events)
def test_transition_matrix_counts_every_change_of_stage(rows):
    matrix = transition_matrix(_frame(rows))
    expected = _moves_by_hand(rows)
    assert matrix.to_numpy().sum() == expected.sum()  # every change of stage, nothing else
    assert (matrix.to_numpy() == expected).all()
    assert np.diag(matrix.to_numpy()).sum() == 0
    assert backward_moves(_frame(rows))["moves"].sum() == np.tril(matrix.to_numpy(), k=-1).sum()


# --------------------------------------------------------------------------- campaign_kpis

CAMPAIGN_COUNTS = ["impressions", "reach", "clicks", "sessions", "bounces", "sign_ups", "carts", "orders",
                   "repeat_orders", "referrals", "churned_customers", "customers"]


def campaigns(*rows: tuple[str, str, dict]) -> pd.DataFrame:
    """A campaigns table from (month, stage, counts) rows; counts not given are empty, as in the course file."""
    records = [{"month": month, "stage": stage, **{name: counts.get(name) for name in CAMPAIGN_COUNTS}}
               for month, stage, counts in rows]
    return pd.DataFrame(records).astype({name: "Int64" for name in CAMPAIGN_COUNTS})


def two_months() -> pd.DataFrame:
    """January has every stage; February only Buy (in two rows, one spelt 'buy ') and Refer without customers."""
    return campaigns(
        ("2024-01", "Know", {"impressions": 1000, "reach": 600, "clicks": 25}),
        ("2024-01", "Like", {"impressions": 300, "clicks": 30, "sessions": 200, "bounces": 50}),
        ("2024-01", "Trust", {"sessions": 90, "bounces": 9}),
        ("2024-01", "Try", {"sessions": 80, "sign_ups": 20}),
        ("2024-01", "Buy", {"sessions": 400, "carts": 100, "orders": 20}),
        ("2024-01", "Repeat", {"repeat_orders": 30, "churned_customers": 10, "customers": 500}),
        ("2024-01", "Refer", {"referrals": 5, "customers": 500}),
        ("2024-02", "Buy", {"sessions": 100, "carts": 40, "orders": 10}),
        ("2024-02", "buy ", {"sessions": 100, "carts": 10, "orders": 5}),
        ("2024-02", "Refer", {"referrals": 0, "customers": 0}),
    )


def test_campaign_kpis_match_hand_worked_rates():
    table = campaign_kpis(two_months())
    # January: 25/1000 clicks, 50/200 bounces, 20/80 sign-ups, 20/400 orders, (100-20)/100 carts left,
    # 30/500 repeat orders, 10/500 churned, 5/500 referrals; all times 100.
    # February: the two Buy rows add up to 200 sessions, 50 carts and 15 orders: 15/200 and (50-15)/50.
    # Stages without rows in February, and Refer with 0 customers, have nothing to divide by: NaN.
    expected = pd.DataFrame(
        {
            "click_through_rate": [2.5, np.nan],
            "bounce_rate": [25.0, np.nan],
            "sign_up_rate": [25.0, np.nan],
            "conversion_rate": [5.0, 7.5],
            "cart_abandonment_rate": [80.0, 70.0],
            "repeat_purchase_rate": [6.0, np.nan],
            "churn_rate": [2.0, np.nan],
            "referral_rate": [1.0, np.nan],
        },
        index=pd.Index(["2024-01", "2024-02"], name="month"),
    )
    pd.testing.assert_frame_equal(table, expected, check_index_type=False)


def test_campaign_kpis_put_months_in_order_and_leave_the_table_alone():
    table = two_months().iloc[::-1].reset_index(drop=True)
    before = table.copy()
    assert campaign_kpis(table).index.tolist() == ["2024-01", "2024-02"]
    pd.testing.assert_frame_equal(table, before)


def test_campaign_kpis_of_the_course_data_show_the_september_checkout_problem():
    from journeylab.data import load_campaigns

    abandonment = campaign_kpis(load_campaigns())["cart_abandonment_rate"]
    # data/README.md: in September far fewer carts turn into orders than in any other month
    assert abandonment.idxmax() == "2024-09"
    assert abandonment["2024-09"] > abandonment.drop("2024-09").max() + 10


CAMPAIGN_ERROR_CASES = [
    pytest.param(lambda: "2024-01,Buy,400", SchemaError, "campaigns: must be a table", id="not-a-table"),
    pytest.param(lambda: two_months().drop(columns=["orders", "carts"]), SchemaError,
                 "campaigns: the table has no columns named carts, orders. Allowed: .*month, stage, impressions", id="missing-columns"),
    pytest.param(lambda: two_months().astype({"clicks": str}), SchemaError,
                 "clicks: must hold counts", id="text-counts"),
    pytest.param(lambda: two_months().assign(month=["2024-01"] * 9 + [None]), SchemaError,
                 "month: 1 rows have no month", id="no-month"),
    pytest.param(lambda: two_months().replace({"stage": {"Try": "Lead"}}), UnknownNameError,
                 "stage: .*got 'Lead'.*Allowed: Know, Like", id="unknown-stage"),
    pytest.param(lambda: two_months().assign(orders=pd.array([None] * 4 + [120] + [None] * 5, dtype="Int64")),
                 ValidationError, r"campaigns.Buy: cart_abandonment_rate cannot be worked out: orders cannot "
                 r"be more than carts, which is 100 in row '2024-01' \(got 120\)", id="more-orders-than-carts"),
]


@pytest.mark.parametrize(("make_campaigns", "error", "words"), CAMPAIGN_ERROR_CASES)
def test_bad_campaign_tables_raise_errors_that_name_the_problem(make_campaigns, error, words):
    with pytest.raises(error, match=words):
        campaign_kpis(make_campaigns())
