"""Tests for journeylab.analytics.funnels (notebook 04): the closed and open stage_funnel, its options (window,
direct steps, breakdown, trend), and time_to_convert. Every expected number is worked out by hand next to it."""

from __future__ import annotations

import warnings
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeylab.analytics import stage_funnel, time_between_stages, time_to_convert
from journeylab.errors import UnknownNameError, ValidationError
from journeylab.frameworks import get_framework

from event_cases import CLOSED_USERS, journeys

HOURGLASS = ["Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer"]


def log(*rows: tuple) -> pd.DataFrame:
    """An event log from (user, time, stage) or (user, time, stage, channel) rows."""
    columns = ["user_id", "timestamp", "stage", "channel"][: len(rows[0])]
    return pd.DataFrame(list(rows), columns=columns)


def users(funnel: pd.DataFrame, stages: int = 4) -> list[int]:
    return funnel["users"].tolist()[:stages]


# --- the closed and the open funnel ---------------------------------------------------------

# CLOSED_USERS, the closed funnel of journeys(), is counted by hand in event_cases.py.
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


def test_other_frameworks_with_stage_names_in_any_case():
    # five_stage, names typed in any case.
    # u1: Awareness, Interest, Desire in order; u2: Awareness then Action (a skip).
    # Closed: Awareness 2, Interest 1, Desire 1, Action 0, Post-action 0.
    events = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 2, 2],
            "timestamp": ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-01", "2024-05-02"],
            "stage": ["awareness", "INTEREST", "desire", "Awareness", "Action"],
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


# --- within: the conversion window ------------------------------------------------------------

def windowed() -> pd.DataFrame:
    """edge: Like exactly 30 days after Know. late: one second more. restart: a second Know, but the
    window runs from the first. chain: Know, Like, Trust inside 30 days, Try on day 35."""
    return log(
        ("edge", "2024-01-01 00:00:00", "Know"), ("edge", "2024-01-31 00:00:00", "Like"),
        ("late", "2024-01-01 00:00:00", "Know"), ("late", "2024-01-31 00:00:01", "Like"),
        ("restart", "2024-01-01", "Know"), ("restart", "2024-03-01", "Know"), ("restart", "2024-03-02", "Like"),
        ("chain", "2024-01-01", "Know"), ("chain", "2024-01-10", "Like"), ("chain", "2024-01-20", "Trust"),
        ("chain", "2024-02-05", "Try"),
    )


def test_a_window_keeps_the_steps_made_in_time_and_the_limit_itself_counts():
    # Without a window: Know 4, Like 4 (all), Trust 1 (chain), Try 1 (chain).
    # Within 30 days of the first Know: Like edge (exactly 30 days: counts) and chain; not late
    # (30 days and 1 second), not restart (61 days after the FIRST Know). Trust chain (day 19);
    # Try chain is on day 35: out.
    assert users(stage_funnel(windowed())) == [4, 4, 1, 1]
    funnel = stage_funnel(windowed(), within="30D")
    assert users(funnel) == [4, 2, 1, 0]
    assert funnel["step_conversion"].tolist()[:4] == pytest.approx([100, 50, 50, 0])  # 2/4, 1/2, 0/1
    assert funnel["drop_off"].tolist()[:4] == [0, 2, 1, 1]


@pytest.mark.parametrize("window", ["30D", "30d", "30 days", "720h", "720 hours", "  30D ", "4W 2D", "43200min",
                                    "29 days 24:00:00", timedelta(days=30), pd.Timedelta(days=30),
                                    np.timedelta64(30, "D")])
def test_a_window_can_be_written_in_several_ways(window):
    assert users(stage_funnel(windowed(), within=window)) == [4, 2, 1, 0]


def test_the_window_of_an_open_funnel_starts_at_the_first_event_whatever_its_stage():
    # x: Like Jan 1 (his start), Know Jan 5, Trust Feb 15 (45 days after the start: out).
    # y: Know Jan 1, Like Jan 31 (exactly 30 days: in).  Open, within 30D: Know 2, Like 2, Trust 0.
    events = log(
        ("x", "2024-01-01", "Like"), ("x", "2024-01-05", "Know"), ("x", "2024-02-15", "Trust"),
        ("y", "2024-01-01", "Know"), ("y", "2024-01-31", "Like"),
    )
    assert users(stage_funnel(events, closed=False), 3) == [2, 2, 1]
    assert users(stage_funnel(events, closed=False, within="30D"), 3) == [2, 2, 0]


# --- directly: each step the very next event ----------------------------------------------------

def direct() -> pd.DataFrame:
    return log(
        ("direct", "2024-01-01", "Know"), ("direct", "2024-01-02", "Like"), ("direct", "2024-01-03", "Trust"),
        ("gap", "2024-01-01", "Know"), ("gap", "2024-01-02", "Trust"), ("gap", "2024-01-03", "Like"),
        ("repeat", "2024-01-01", "Know"), ("repeat", "2024-01-02", "Like"), ("repeat", "2024-01-03", "Like"),
        ("repeat", "2024-01-04", "Trust"),
        ("again", "2024-01-01", "Know"), ("again", "2024-01-02", "Trust"), ("again", "2024-01-03", "Know"),
        ("again", "2024-01-04", "Like"),
        ("tie", "2024-01-01 10:00", "Like"), ("tie", "2024-01-01 10:00", "Know"), ("tie", "2024-01-02", "Trust"),
    )


def test_directly_needs_each_step_to_be_the_very_next_event():
    # Indirectly: Know 5; Like 5; Trust: direct, repeat, tie (gap's and again's Trust come before
    # their Like) = 3.
    # Directly: gap has Trust between Know and Like: Know only. repeat: Know > Like directly, but the
    # second Like stands between that Like and Trust: Know, Like. again: the first Know is followed by
    # Trust, the second directly by Like: Know, Like. tie: Know and Like at the same moment are taken
    # in journey order, so Know > Like > Trust directly. Know 5, Like 4, Trust 2 (direct, tie).
    assert users(stage_funnel(direct())) == [5, 5, 3, 0]
    assert users(stage_funnel(direct(), directly=True)) == [5, 4, 2, 0]


def test_directly_and_a_window_together():
    # The window runs from each customer's first Know. Within 2 days: direct Like (day 1) and Trust
    # (day 2, exactly at the limit), repeat's Like (day 1), tie's Like (same moment) and Trust (14 h);
    # again's direct Know > Like ends on day 3: out. Know 5, Like 3, Trust 2.
    # Within 1 day: direct's Trust (day 2) drops out as well: Know 5, Like 3, Trust 1 (tie).
    assert users(stage_funnel(direct(), directly=True, within="2D")) == [5, 3, 2, 0]
    assert users(stage_funnel(direct(), directly=True, within="1D")) == [5, 3, 1, 0]


# --- breakdown: one funnel per value of a column ------------------------------------------------

def channels() -> pd.DataFrame:
    """The channel varies within a customer; each counts under the channel of their first event.
    u1 first Instagram. u2 first E-mail (a Like, before his Know). u3 Know and Like at the same
    moment, Like listed first: journey order makes Know (Search) the first. u4's first event has no channel."""
    return log(
        ("u1", "2024-01-01 10:00", "Know", "Instagram"), ("u1", "2024-01-02", "Like", "Search"),
        ("u2", "2024-01-01 08:00", "Like", "E-mail"), ("u2", "2024-01-01 09:00", "Know", "Instagram"),
        ("u3", "2024-01-01 12:00", "Like", "Instagram"), ("u3", "2024-01-01 12:00", "Know", "Search"),
        ("u4", "2024-01-01", "Know", None), ("u4", "2024-01-02", "Like", "Search"),
    )


def test_breakdown_counts_each_customer_under_the_value_of_their_first_event():
    funnel = stage_funnel(channels(), breakdown="channel")
    assert funnel.index.names == ["channel", "stage"]
    table = funnel["users"].unstack("stage")
    assert list(table.columns) == HOURGLASS  # journey order, not alphabetical
    # E-mail u2 (Know, but his only Like is before it), Instagram u1, Search u3, (not set) u4.
    assert table.index.tolist() == ["E-mail", "Instagram", "Search", "(not set)"]
    assert table[["Know", "Like", "Trust"]].to_numpy().tolist() == [[1, 0, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0]]
    assert funnel.loc["E-mail", "step_conversion"].tolist()[:2] == [100.0, 0.0]  # rates within each funnel
    assert funnel.loc[("Instagram", "Like"), "overall_conversion"] == 100.0
    # Together they are the funnel without a breakdown: Know 4, Like 3.
    assert table.sum().tolist() == stage_funnel(channels())["users"].tolist() == [4, 3, 0, 0, 0, 0, 0]


def test_a_categorical_breakdown_keeps_its_own_order_and_a_user_level_column_works_too():
    events = channels().assign(segment=lambda frame: frame["user_id"].map({"u1": "b", "u2": "a", "u3": "b", "u4": "c"}))
    events["segment"] = events["segment"].astype(pd.CategoricalDtype(["c", "b", "a", "unused"]))
    table = stage_funnel(events, breakdown="segment")["users"].unstack("stage")
    # c: u4 (Know, Like); b: u1, u3 (both Know, Like); a: u2 (Know). Unused categories are left out.
    assert table.index.tolist() == ["c", "b", "a"]
    assert table[["Know", "Like"]].to_numpy().tolist() == [[1, 1], [2, 2], [1, 0]]


# --- freq: a trended funnel ---------------------------------------------------------------------

def across_new_year() -> pd.DataFrame:
    """a starts on New Year's Eve; c liked in November but first knew the brand in February."""
    return log(
        ("a", "2023-12-31 23:00", "Know"), ("a", "2024-01-02", "Like"),
        ("c", "2023-11-20", "Like"), ("c", "2024-02-01", "Know"),
        ("d", "2024-02-10", "Know"), ("d", "2024-02-11", "Like"),
        ("b", "2024-03-15", "Know"),
    )


def test_a_monthly_funnel_counts_customers_in_the_month_they_started_across_the_year_end():
    funnel = stage_funnel(across_new_year(), freq="M")
    assert funnel.index.names == ["period", "stage"]
    table = funnel["users"].unstack("stage")[["Know", "Like"]]
    # Closed: the start is the first Know. a: December (his Like in January still counts there).
    # c: February, and his November Like is before his Know. d: February. b: March. Nobody started
    # in January: a row of 0, so a trend has no gap.
    assert [str(period) for period in table.index] == ["2023-12", "2024-01", "2024-02", "2024-03"]
    assert table.to_numpy().tolist() == [[1, 1], [0, 0], [2, 1], [1, 0]]
    assert funnel.loc["2024-01", "step_conversion"].isna().all()  # nobody to convert
    assert funnel.loc["2024-02", "step_conversion"].tolist()[:2] == [100.0, 50.0]


def test_an_open_monthly_funnel_starts_at_the_first_event_whatever_its_stage():
    # Open: c starts with his Like in November 2023 and counts at Know and Like there.
    table = stage_funnel(across_new_year(), closed=False, freq="m")["users"].unstack("stage")[["Know", "Like"]]
    assert [str(period) for period in table.index] == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    assert table.to_numpy().tolist() == [[1, 1], [1, 1], [0, 0], [1, 1], [1, 0]]


def test_weeks_run_monday_to_sunday_and_times_are_read_in_utc():
    # 2024-01-07 is a Sunday, 2024-01-08 a Monday. 00:30 in Amsterdam on Monday is 23:30 UTC on Sunday.
    events = log(("p", "2024-01-07 12:00", "Know"), ("q", "2024-01-08 12:00", "Know"), ("r", "2024-01-08 00:30", "Know"))
    events["timestamp"] = pd.to_datetime(events["timestamp"]).dt.tz_localize("Europe/Amsterdam")
    table = stage_funnel(events, freq="W")["users"].unstack("stage")
    assert [str(week) for week in table.index] == ["2024-01-01/2024-01-07", "2024-01-08/2024-01-14"]
    assert table["Know"].tolist() == [2, 1]  # p and r (Sunday in UTC), then q


def test_breakdown_and_trend_together_give_one_funnel_per_channel_and_month():
    funnel = stage_funnel(channels().assign(timestamp=lambda f: f["timestamp"].str.replace("2024-01-01", "2023-12-31")),
                          breakdown="channel", freq="M")
    # Every customer's first Know is on 31 December now; u1's Like on 2 January still counts in December.
    assert funnel.index.names == ["channel", "period", "stage"]
    assert funnel.loc[("Instagram", "2023-12"), "users"].tolist()[:2] == [1, 1]
    assert funnel.loc[("E-mail", "2023-12"), "users"].tolist()[:2] == [1, 0]
    assert len(funnel) == 4 * 1 * 7  # four channels, one month, seven stages


def test_options_on_an_empty_log_give_an_empty_table():
    events = pd.DataFrame({"user_id": [], "timestamp": pd.to_datetime([]), "stage": [], "channel": []})
    assert stage_funnel(events, freq="M").empty
    assert stage_funnel(events, breakdown="channel").empty
    assert users(stage_funnel(events, within="1D", directly=True)) == [0, 0, 0, 0]


# --- time_to_convert ----------------------------------------------------------------------------

def test_time_to_convert_follows_the_closed_funnel_path():
    # u1 Know 1st, Like 3rd, Trust 4th. u2 Like 1st, Know 2nd, Like 6th, Trust 7th. u3 Trust 1st,
    # Try 2nd, never knew the brand: not in the funnel.
    events = log(
        ("u1", "2024-01-01", "Know"), ("u1", "2024-01-03", "Like"), ("u1", "2024-01-04", "Trust"),
        ("u2", "2024-01-01", "Like"), ("u2", "2024-01-02", "Know"), ("u2", "2024-01-06", "Like"),
        ("u2", "2024-01-07", "Trust"),
        ("u3", "2024-01-01", "Trust"), ("u3", "2024-01-02", "Try"),
    )
    day = pd.Timedelta(days=1)
    waits = time_to_convert(events)
    assert list(waits.columns) == ["users", "median", "q1", "q3", "median_days"]
    assert waits.index[0] == "Know → Like" and waits.index.name == "step"
    # Know > Like: u1 2 days, u2 4 days (Know 2nd > Like 6th): median 3, quartiles 2.5 and 3.5.
    # Like > Trust: u1 1 day, u2 1 day (from his Like on the 6th, the one after Know). Trust > Try: nobody.
    assert waits["users"].tolist() == [2, 2, 0, 0, 0, 0]
    assert waits["median"].tolist()[:2] == [3 * day, 1 * day]
    assert waits["q1"].tolist()[:2] == [2.5 * day, 1 * day] and waits["q3"].tolist()[:2] == [3.5 * day, 1 * day]
    assert waits["median"].iloc[2:].isna().all()
    # time_between_stages measures from the first event at a stage: u2's Like > Trust from the 1st is
    # 6 days (median of 1 and 6: 3.5), and u3's Trust > Try counts (1 day).
    between = time_between_stages(events)
    assert between["users"].tolist() == [2, 2, 1, 0, 0, 0]
    assert between["median_days"].tolist()[:3] == [3.0, 3.5, 1.0]


# --- errors -------------------------------------------------------------------------------------

OPTION_ERRORS = [
    pytest.param({"within": "30"}, ValidationError, ["within", "needs a unit", "'30D' (30 days)"], id="number-as-text"),
    pytest.param({"within": 30}, ValidationError, ["within", "(got 30)", "'12h' (12 hours)"], id="number"),
    pytest.param({"within": "soon"}, ValidationError, ["within", "cannot be read", "'soon'", "'2W'"], id="words"),
    pytest.param({"within": "1M"}, ValidationError, ["within", "months or years", "use days"], id="a-month"),
    pytest.param({"within": "3m"}, ValidationError, ["within", "months or years", "'min' for minutes"], id="3m"),
    pytest.param({"within": "1 year"}, ValidationError, ["within", "months or years", "'1 year'"], id="a-year"),
    pytest.param({"within": "-3D"}, ValidationError, ["within", "longer than zero"], id="negative"),
    pytest.param({"within": "0D"}, ValidationError, ["within", "longer than zero"], id="zero"),
    pytest.param({"directly": True, "closed": False}, ValidationError,
                 ["directly", "closed funnel (closed=True)", "directly=True with closed=True, or directly=False"],
                 id="directly-open"),
    pytest.param({"directly": "yes"}, ValidationError, ["directly", "True or False", "'yes'"], id="directly-text"),
    pytest.param({"breakdown": "segment"}, UnknownNameError,
                 ["breakdown", "no column of that name", "'segment'", "Allowed: channel."], id="unknown-column"),
    pytest.param({"breakdown": "stage"}, ValidationError, ["breakdown", "freq=", "Allowed: channel."],
                 id="breakdown-by-stage"),
    pytest.param({"freq": "month"}, ValidationError,
                 ["freq", "'month'", "'D' (day), 'W' (week, Monday to Sunday), 'M' (month), 'Q' (quarter), 'Y' (year)"],
                 id="freq-word"),
    pytest.param({"freq": 12}, ValidationError, ["freq", "(got 12)"], id="freq-number"),
]


@pytest.mark.parametrize(("options", "error", "words"), OPTION_ERRORS)
def test_bad_options_raise_errors_that_name_the_parameter_and_what_is_allowed(options, error, words):
    with pytest.raises(error) as raised:
        stage_funnel(channels(), **options)
    for word in words:
        assert word in str(raised.value)


def test_breakdown_on_a_log_without_other_columns_says_so():
    with pytest.raises(UnknownNameError, match=r"breakdown: .*this log has none"):
        stage_funnel(windowed(), breakdown="channel")


# --- properties on random event logs ------------------------------------------------------------

random_events = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 12), st.integers(0, 3), st.sampled_from(["ad", "mail", None])),
    max_size=30,
)  # user, hour, stage (Know .. Try), channel


def _frame(rows) -> pd.DataFrame:
    users_, hours, stages, channels_ = zip(*rows) if rows else ((), (), (), ())
    return pd.DataFrame({
        "user_id": list(users_),
        "timestamp": pd.Timestamp("2023-12-31 20:00") + pd.to_timedelta(list(hours), unit="h"),  # crosses a year
        "stage": [HOURGLASS[s] for s in stages],
        "channel": list(channels_),
    })


def _by_hand(rows, window: int | None = None, directly: bool = False) -> list[int]:
    """The definitions, one user at a time. Closed: the earliest stage-k event at or after stage k-1.
    Directly: a run of events Know, Like, ... one after the other in (hour, stage) order. Window:
    nothing later than the first Know plus ``window`` hours."""
    counts = [0] * 7
    for user in {row[0] for row in rows}:
        mine = sorted((hour, stage) for u, hour, stage, _ in rows if u == user)
        knows = [hour for hour, stage in mine if stage == 0]
        if not knows:
            continue
        deadline = knows[0] + window if window is not None else 99
        reached = 0
        if directly:
            for end in range(len(mine)):
                run = 0
                while run <= end and mine[end - run][1] == mine[end][1] - run:
                    run += 1
                if mine[end][0] <= deadline and run > mine[end][1]:  # the run reaches back to a Know
                    reached = max(reached, mine[end][1] + 1)
        else:
            at = -1
            for stage in range(7):
                times = [hour for hour, s in mine if s == stage and at <= hour <= deadline]
                if not times:
                    break
                at, reached = min(times), stage + 1
        for stage in range(reached):
            counts[stage] += 1
    return counts


@settings(max_examples=50, deadline=None)
@given(random_events, st.integers(1, 12))
def test_a_window_and_direct_steps_only_ever_remove_customers(rows, hours):
    events = _frame(rows)
    plain = stage_funnel(events)["users"].to_numpy()
    windowed_ = stage_funnel(events, within=f"{hours}h")["users"].to_numpy()
    directly = stage_funnel(events, directly=True)["users"].to_numpy()
    assert (windowed_ <= plain).all() and (directly <= plain).all()
    assert (stage_funnel(events, directly=True, within=f"{hours}h")["users"].to_numpy() <= directly).all()
    opened = stage_funnel(events, closed=False)["users"].to_numpy()
    assert (stage_funnel(events, closed=False, within=f"{hours}h")["users"].to_numpy() <= opened).all()
    assert windowed_.tolist() == _by_hand(rows, window=hours)
    assert directly.tolist() == _by_hand(rows, directly=True)
    assert stage_funnel(events, directly=True, within=f"{hours}h")["users"].tolist() == _by_hand(rows, hours, True)


@settings(max_examples=40, deadline=None)
@given(random_events, st.booleans())
def test_breakdown_and_trended_funnels_add_up_to_the_whole(rows, closed):
    events = _frame(rows)
    whole = stage_funnel(events, closed=closed)["users"]
    for options in ({"breakdown": "channel"}, {"freq": "D"}, {"breakdown": "channel", "freq": "D"}):
        parts = stage_funnel(events, closed=closed, **options)["users"]
        assert parts.groupby(level="stage").sum().reindex(HOURGLASS, fill_value=0).tolist() == whole.tolist()


@settings(max_examples=30, deadline=None)
@given(random_events)
def test_time_to_convert_measures_every_customer_the_funnel_counts_at_the_later_stage(rows):
    events = _frame(rows)
    assert time_to_convert(events)["users"].tolist() == stage_funnel(events)["users"].tolist()[1:]
    assert (time_to_convert(events)["median"].dropna() >= pd.Timedelta(0)).all()
