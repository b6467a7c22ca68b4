"""Tests for journeylab.analytics: hand-worked funnels, moves, waiting times and goals."""

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
from journeylab.frameworks import get_framework

HOURGLASS = ["Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer"]
EVENT_FUNCTIONS = [stage_funnel, transition_matrix, backward_moves, time_between_stages]


def journeys() -> pd.DataFrame:
    """Six customers, each with one habit the functions must handle.

    A goes back (Try -> Trust), B skips from Know to Buy, C walks the whole
    hourglass but his rows are in reverse order in the table, D has Know and
    Like at the same minute (Like listed first) and Trust twice, E liked the
    brand before knowing it and never liked it again, F liked it before and after.
    """
    rows = [
        ("A", "2024-01-01 09:00", "Know"),
        ("A", "2024-01-02 09:00", "Like"),
        ("A", "2024-01-04 09:00", "Trust"),
        ("A", "2024-01-05 09:00", "Try"),
        ("A", "2024-01-06 09:00", "Trust"),
        ("A", "2024-01-09 09:00", "Buy"),
        ("B", "2024-01-01 12:00", "Know"),
        ("B", "2024-01-03 12:00", "Buy"),
        ("C", "2024-01-20 08:00", "Refer"),
        ("C", "2024-01-15 08:00", "Repeat"),
        ("C", "2024-01-08 08:00", "Buy"),
        ("C", "2024-01-06 08:00", "Try"),
        ("C", "2024-01-05 08:00", "Trust"),
        ("C", "2024-01-03 08:00", "Like"),
        ("C", "2024-01-02 08:00", "Know"),
        ("D", "2024-01-03 10:00", "Like"),
        ("D", "2024-01-03 10:00", "Know"),
        ("D", "2024-01-04 10:00", "Trust"),
        ("D", "2024-01-05 10:00", "Trust"),
        ("E", "2024-01-01 11:00", "Like"),
        ("E", "2024-01-02 11:00", "Know"),
        ("F", "2024-01-01 07:00", "Like"),
        ("F", "2024-01-02 07:00", "Know"),
        ("F", "2024-01-04 07:00", "Like"),
    ]
    return pd.DataFrame(rows, columns=["user_id", "timestamp", "stage"])


# --- stage_funnel ---------------------------------------------------------------------------

# Closed funnel, by hand (a stage counts only at or after the previous one was reached):
#   Know   A B C D E F                           6
#   Like   A, C, D (same minute as Know), F (Like on the 4th after Know on the 2nd);
#          not E (his only Like is before his Know), not B                         4
#   Trust  A (4th), C (5th), D (4th)                                               3
#   Try    A, C                                                                    2
#   Buy    A (9th, after Try on the 5th), C; not B (never liked, trusted, tried)   2
#   Repeat C, Refer C                                                              1, 1
CLOSED_USERS = [6, 4, 3, 2, 2, 1, 1]
CLOSED_STEP = [100, 100 * 4 / 6, 100 * 3 / 4, 100 * 2 / 3, 100 * 2 / 2, 100 * 1 / 2, 100 * 1 / 1]
CLOSED_OVERALL = [100 * n / 6 for n in CLOSED_USERS]
CLOSED_DROP_OFF = [0, 6 - 4, 4 - 3, 3 - 2, 2 - 2, 2 - 1, 1 - 1]

# Open funnel: anyone with an event at the stage.
#   Know A B C D E F = 6; Like A C D E F = 5; Trust A C D = 3; Try A C = 2;
#   Buy A B C = 3 (more than Try: B skipped); Repeat C = 1; Refer C = 1
OPEN_USERS = [6, 5, 3, 2, 3, 1, 1]
OPEN_STEP = [100, 100 * 5 / 6, 100 * 3 / 5, 100 * 2 / 3, 100 * 3 / 2, 100 * 1 / 3, 100 * 1 / 1]
OPEN_DROP_OFF = [0, 1, 2, 1, -1, 2, 0]


def test_closed_funnel_matches_hand_count():
    funnel = stage_funnel(journeys())
    assert list(funnel.index) == HOURGLASS
    assert funnel.index.name == "stage"
    assert list(funnel.columns) == ["users", "step_conversion", "overall_conversion", "drop_off"]
    assert funnel["users"].tolist() == CLOSED_USERS
    assert funnel["step_conversion"].tolist() == pytest.approx(CLOSED_STEP)
    assert funnel["overall_conversion"].tolist() == pytest.approx(CLOSED_OVERALL)
    assert funnel["drop_off"].tolist() == CLOSED_DROP_OFF


def test_open_funnel_matches_hand_count():
    funnel = stage_funnel(journeys(), closed=False)
    assert funnel["users"].tolist() == OPEN_USERS
    assert funnel["step_conversion"].tolist() == pytest.approx(OPEN_STEP)
    assert funnel["overall_conversion"].tolist() == pytest.approx([100 * n / 6 for n in OPEN_USERS])
    assert funnel["drop_off"].tolist() == OPEN_DROP_OFF


def test_like_before_know_counts_only_in_the_open_funnel():
    # E: Like on the 1st, Know on the 2nd. Open: Know and Like. Closed: Know only.
    only_e = journeys().query("user_id == 'E'")
    assert stage_funnel(only_e, closed=False)["users"].tolist() == [1, 1, 0, 0, 0, 0, 0]
    assert stage_funnel(only_e, closed=True)["users"].tolist() == [1, 0, 0, 0, 0, 0, 0]
    # F has a second Like after his Know, so the closed funnel counts him at Like.
    only_f = journeys().query("user_id == 'F'")
    assert stage_funnel(only_f, closed=True)["users"].tolist() == [1, 1, 0, 0, 0, 0, 0]


def test_same_time_counts_as_later_in_the_closed_funnel():
    # D: Know and Like at 10:00 on the 3rd, then Trust: all three stages reached.
    only_d = journeys().query("user_id == 'D'")
    assert stage_funnel(only_d)["users"].tolist() == [1, 1, 1, 0, 0, 0, 0]


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


def test_stage_names_match_ignoring_case_and_spaces():
    events = journeys()
    shouted, whispered = events["stage"].str.upper(), " " + events["stage"].str.lower()
    events["stage"] = shouted.where(events.index % 2 == 0, whispered)
    funnel = stage_funnel(events)
    assert list(funnel.index) == HOURGLASS  # reported in the framework's spelling
    assert funnel["users"].tolist() == CLOSED_USERS


def test_categorical_stage_and_extra_columns_are_fine():
    events = journeys().assign(channel="email")
    events["stage"] = events["stage"].astype("category")
    assert stage_funnel(events)["users"].tolist() == CLOSED_USERS


def test_other_frameworks_and_their_aliases():
    # five_stage: "consideration" is the alias of Interest, "decision" of Desire.
    # u1: Awareness, Consideration, Decision in order; u2: Awareness then Action (a skip).
    # Closed: Awareness 2, Interest 1, Desire 1, Action 0, Post-action 0.
    events = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 2, 2],
            "timestamp": ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-01", "2024-05-02"],
            "stage": ["awareness", "Consideration", "decision", "Awareness", "Action"],
        }
    )
    funnel = stage_funnel(events, framework="five_stage")
    assert list(funnel.index) == list(get_framework("five_stage").stage_names)
    assert funnel["users"].tolist() == [2, 1, 1, 0, 0]
    assert stage_funnel(events, framework="five_stage", closed=False)["users"].tolist() == [2, 1, 1, 1, 0]


def test_empty_stages_give_zero_or_nan_without_warnings():
    # Two users with only Know: Like has 0 users, so its step conversion is 0 / 2 = 0 %,
    # and every later stage divides by the 0 users before it: NaN, not a warning.
    events = pd.DataFrame(
        {"user_id": [1, 2], "timestamp": ["2024-01-01", "2024-01-02"], "stage": ["Know", "Know"]}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        funnel = stage_funnel(events)
    assert funnel["users"].tolist() == [2, 0, 0, 0, 0, 0, 0]
    assert funnel["step_conversion"].iloc[:2].tolist() == [100.0, 0.0]
    assert funnel["step_conversion"].iloc[2:].isna().all()
    assert funnel["overall_conversion"].tolist() == [100.0] + [0.0] * 6
    assert funnel["drop_off"].tolist() == [0, 2, 0, 0, 0, 0, 0]


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
        "unknown-framework", journeys, UnknownNameError, "'funnel'", "hourglass, five_stage, cycle",
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
    assert list(table.columns) == ["goal", "kpi", "target", "actual", "unit", "met", "gap"]
    assert table["kpi"].tolist() == ["Conversion rate", "Reach", "Churn rate", "NPS"]
    assert table["unit"].tolist() == ["%", "people", "%", "points"]
    assert table["target"].tolist() == [5.0, 1000.0, 10.0, 30.0]
    assert table["actual"].tolist()[:3] == [4.0, 1200.0, 8.0] and np.isnan(table.loc["Refer", "actual"])
    assert table["met"].tolist() == [False, True, True, False]
    assert table["met"].dtype == bool
    assert table["gap"].tolist()[:3] == pytest.approx([-1.0, 200.0, -2.0])
    assert np.isnan(table.loc["Refer", "gap"])


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
    assert list(table.columns) == ["goal", "kpi", "target", "actual", "unit", "met", "gap"]


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
