"""journeylab.analytics.groups: the range a share is likely in, and groups compared with it."""

from itertools import chain

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeylab.analytics import compare_groups, stage_funnel, wilson_interval
from journeylab.errors import SchemaError, UnknownNameError, ValidationError


@pytest.mark.parametrize("reached, started, low, high", [
    # Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I, method 3 (Wilson score)
    (81, 263, 25.53, 36.62), (15, 148, 6.24, 16.05), (0, 20, 0.0, 16.11), (1, 29, 0.61, 17.18),
])
def test_the_wilson_interval_matches_the_published_values(reached, started, low, high):
    assert wilson_interval(reached, started) == pytest.approx((low, high), abs=0.005)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_range_holds_the_share_and_mirrors_for_the_others(case):
    reached, started = case
    low, high = wilson_interval(reached, started)
    assert 0 <= low <= reached / started * 100 <= high <= 100
    other_low, other_high = wilson_interval(started - reached, started)  # those who did not reach
    assert (other_low, other_high) == pytest.approx((100 - high, 100 - low), abs=1e-9)


def test_a_bigger_group_with_the_same_share_has_a_narrower_range_and_more_confidence_a_wider_one():
    small, large = wilson_interval(7, 100), wilson_interval(70, 1000)
    assert small[1] - small[0] > large[1] - large[0]
    sure = wilson_interval(7, 100, confidence=0.99)
    assert sure[0] < small[0] and sure[1] > small[1]


def test_arrays_give_a_range_per_group_and_nan_where_nobody_started():
    low, high = wilson_interval(np.array([47, 0, 0]), np.array([675, 20, 0]))
    assert low[:2] == pytest.approx([5.28, 0.0], abs=0.01) and np.isnan(low[2]) and np.isnan(high[2])


@pytest.mark.parametrize("args, field", [((5, 3), "reached"), ((-1, 3), "reached"), ((1, 3, 95), "confidence")])
def test_impossible_counts_name_the_field(args, field):
    with pytest.raises(ValidationError) as caught:
        wilson_interval(*args)
    assert caught.value.field == field


def channels() -> pd.DataFrame:
    """The course data's funnels at Buy, per first channel (notebook 04): users at Know and at Buy."""
    users = {"Facebook": [2711, 116], "Instagram": [6234, 276], "Referral": [675, 47], "Search": [4072, 259],
             "Store": [622, 39], "TikTok": [2686, 107]}
    index = pd.MultiIndex.from_product([list(users), ["Know", "Buy"]], names=["channel", "stage"])
    return pd.DataFrame({"users": list(chain.from_iterable(users.values()))}, index=index)


def test_compare_groups_ranks_by_share_with_each_range_and_says_which_differences_may_be_chance():
    table = compare_groups(channels())
    assert list(table.index) == ["Referral", "Search", "Store", "Instagram", "Facebook", "TikTok"]
    assert table.index.name == "channel" and list(table.columns) == [
        "started", "reached", "share", "low", "high", "verdict"]
    assert table.loc["Store", ["started", "reached"]].tolist() == [622, 39]
    assert table["share"].tolist() == pytest.approx((table["reached"] / table["started"] * 100).tolist())
    for group, row in table.iterrows():
        assert (row["low"], row["high"]) == pytest.approx(wilson_interval(row["reached"], row["started"])), group
    # Referral 5.3-9.1 %: Search (5.7-7.2) and Store (4.6-8.5) overlap it; Instagram tops out at 5.0 %, below 5.3
    assert table["verdict"].tolist() == ["highest"] + ["too close to call"] * 2 + ["clearly lower"] * 3


def test_compare_groups_counts_what_stage_funnel_counts_at_the_stage_asked_for():
    events = pd.DataFrame({  # 1 and 2 came through Instagram, 1 got to Like; 3 came through Search and bought
        "user_id": [1, 1, 2, 3, 3, 3, 3, 3],
        "timestamp": pd.date_range("2024-03-01", periods=8, freq="D"),
        "stage": ["Know", "Like", "Know", "Know", "Like", "Trust", "Try", "Buy"],
        "channel": ["Instagram", "Website", "Instagram", "Search", "Website", "Website", "Store", "Website"],
    })
    table = compare_groups(stage_funnel(events, breakdown="channel"), at="like")
    assert table.loc["Search", ["started", "reached"]].tolist() == [1, 1]
    assert table.loc["Instagram", ["started", "reached"]].tolist() == [2, 1]


@pytest.mark.parametrize("table, at, error, field", [
    ("Instagram", None, ValidationError, "breakdown_frame"),
    (channels().loc["Search"], None, ValidationError, "breakdown_frame"),
    (channels().rename(columns={"users": "people"}), None, SchemaError, "users"),
    (channels(), "Repeat", UnknownNameError, "at"),
])
def test_compare_groups_refuses_what_it_cannot_compare_and_names_the_problem(table, at, error, field):
    with pytest.raises(error) as caught:
        compare_groups(table, at=at)
    assert caught.value.field == field
