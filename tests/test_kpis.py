"""Tests for journeylab.kpis: hand-worked KPIs, vectorised input, bad input, the registry."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeylab import kpis
from journeylab.errors import JourneyLabError, UnknownNameError, ValidationError
from journeylab.frameworks import FRAMEWORKS
from journeylab.kpis import (
    KPIS,
    bounce_rate,
    cart_abandonment_rate,
    churn_rate,
    click_through_rate,
    conversion_rate,
    csat,
    get_kpi,
    nps,
    repeat_purchase_rate,
)

RATES = [
    conversion_rate,
    click_through_rate,
    bounce_rate,
    cart_abandonment_rate,
    repeat_purchase_rate,
    churn_rate,
]


# --- each KPI against hand-worked numbers -------------------------------------------------

@pytest.mark.parametrize(
    ("function", "arguments", "expected"),
    [
        (conversion_rate, (30, 1200), 2.5),  # 30 / 1200 = 0.025 -> 2.5 %
        (conversion_rate, (1, 3), 100 / 3),  # 1 / 3 -> 33.33... %
        (click_through_rate, (45, 1500), 3.0),  # 45 / 1500 = 0.03 -> 3 %
        (bounce_rate, (420, 1000), 42.0),  # 420 / 1000 = 0.42 -> 42 %
        (cart_abandonment_rate, (200, 50), 75.0),  # (200 - 50) / 200 = 0.75 -> 75 %
        (cart_abandonment_rate, (80, 80), 0.0),  # every cart became an order -> 0 %
        (repeat_purchase_rate, (90, 300), 30.0),  # 90 / 300 = 0.3 -> 30 %
        (churn_rate, (12, 400), 3.0),  # 12 / 400 = 0.03 -> 3 %
        (churn_rate, (0, 400), 0.0),  # nobody left -> 0 %
        (conversion_rate, (np.int64(5), np.float64(20.0)), 25.0),  # numpy scalars: 5 / 20 -> 25 %
    ],
)
def test_rate_matches_hand_worked_value(function, arguments, expected):
    result = function(*arguments)
    assert isinstance(result, float)
    assert result == pytest.approx(expected)


def test_cart_abandonment_takes_carts_first_by_keyword_too():
    # 40 carts, 10 orders: 30 abandoned / 40 = 75 %
    assert cart_abandonment_rate(orders=10, carts=40) == 75.0


@pytest.mark.parametrize(
    ("function", "scores", "expected"),
    [
        # 3 promoters (10, 9, 9), 1 passive (7), 1 detractor (2) of 5: 60 % - 20 % = 40
        (nps, [10, 9, 9, 7, 2], 40.0),
        # promoters 9 and 10, passives 7 and 8, detractors 0 and 6: 2/6 - 2/6 = 0
        (nps, [0, 6, 7, 8, 9, 10], 0.0),
        # 1 promoter, 3 detractors of 4: 25 % - 75 % = -50
        (nps, np.array([10, 0, 3, 6]), -50.0),
        # 4 and 5 are satisfied: 3 of 5 answers = 60 %
        (csat, [5, 4, 4, 3, 1], 60.0),
        # 1 satisfied of 4 = 25 %
        (csat, pd.Series([2, 3, 4, 1]), 25.0),
    ],
)
def test_score_kpi_matches_hand_worked_value(function, scores, expected):
    assert function(scores) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([9, 10, 10, 9], 100.0),  # all promoters
        ([0, 3, 6, 6], -100.0),  # all detractors
        ([7, 8, 8, 7], 0.0),  # passives only: 0 % - 0 %
        ([10], 100.0),
    ],
)
def test_nps_edge_cases(scores, expected):
    assert nps(scores) == expected


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([4, 5, 5], 100.0), ([1, 2, 3], 0.0), ([3], 0.0)],
)
def test_csat_edge_cases(scores, expected):
    assert csat(scores) == expected


@pytest.mark.parametrize("missing", [np.nan, None, pd.NA])
def test_missing_answers_are_left_out(missing):
    # without the missing answer: 10 and 2 -> 50 % - 50 % = 0; 5 and 1 -> 1 of 2 = 50 %
    assert nps([10, missing, 2]) == 0.0
    assert csat([5, missing, 1]) == 50.0


def test_missing_answers_in_nullable_series_are_left_out():
    # 9 is a promoter, 8 a passive: 1 of 2 = 50 % - 0 %
    assert nps(pd.Series([9, pd.NA, 8], dtype="Int64")) == 50.0


# --- vectorised input --------------------------------------------------------------------

def test_series_in_series_out_keeps_the_row_labels():
    table = pd.DataFrame(
        {"clicks": [30, 45, 0], "impressions": [1000, 1500, 0]},
        index=["May", "June", "July"],
    )
    result = click_through_rate(table["clicks"], table["impressions"])
    # May 30 / 1000 = 3 %, June 45 / 1500 = 3 %, July has no impressions -> NaN
    assert isinstance(result, pd.Series)
    assert list(result.index) == ["May", "June", "July"]
    assert result.name == "click_through_rate"
    assert result.iloc[:2].tolist() == [3.0, 3.0]
    assert math.isnan(result["July"])


def test_per_stage_table_in_one_call():
    stages = pd.DataFrame(
        {"carts": [200, 100], "orders": [50, 100]}, index=["Buy", "Repeat"]
    )
    # Buy: 150 / 200 = 75 %; Repeat: 0 / 100 = 0 %
    result = cart_abandonment_rate(stages["carts"], stages["orders"])
    pd.testing.assert_series_equal(
        result, pd.Series([75.0, 0.0], index=["Buy", "Repeat"], name="cart_abandonment_rate")
    )


def test_series_with_a_single_number_broadcasts():
    # 10 / 200 = 5 %, 30 / 200 = 15 %
    result = repeat_purchase_rate(pd.Series([10, 30], index=["Q1", "Q2"]), 200)
    assert result.to_dict() == {"Q1": 5.0, "Q2": 15.0}


def test_numpy_arrays_and_lists_give_an_array():
    # 1 / 4 = 25 %, 3 / 4 = 75 %
    result = bounce_rate(np.array([1, 3]), [4, 4])
    assert isinstance(result, np.ndarray)
    assert result.tolist() == [25.0, 75.0]


def test_series_are_matched_by_label_not_position():
    churned = pd.Series([5, 2], index=["June", "May"])
    at_start = pd.Series([100, 50], index=["May", "June"])
    # May 2 / 100 = 2 %, June 5 / 50 = 10 %
    result = churn_rate(churned, at_start)
    assert result["May"] == 2.0
    assert result["June"] == 10.0


# --- zero denominators and missing counts: NaN, quietly -----------------------------------

@pytest.mark.parametrize("function", RATES)
@pytest.mark.parametrize(
    ("zero_part", "zero_whole"),
    [
        (0, 0),
        (np.array([0, 0]), np.array([0, 0])),
        (pd.Series([0, 0]), pd.Series([0, 0])),
        (pd.Series([0, 0], dtype="Int64"), pd.Series([0, pd.NA], dtype="Int64")),
        (np.nan, 10),
    ],
)
def test_nothing_to_divide_by_gives_nan_without_a_warning(function, zero_part, zero_whole):
    arguments = (zero_whole, zero_part) if function is cart_abandonment_rate else (zero_part, zero_whole)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = function(*arguments)
    assert np.isnan(np.asarray(result, dtype=float)).all()


@pytest.mark.parametrize("function", [nps, csat])
@pytest.mark.parametrize("scores", [[], [np.nan, None], pd.Series([], dtype=float), np.array([])])
def test_no_answers_gives_nan_without_a_warning(function, scores):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = function(scores)
    assert math.isnan(result)


# --- bad input: a ValidationError that names the argument --------------------------------

@pytest.mark.parametrize(
    ("call", "field", "words"),
    [
        (lambda: conversion_rate(-1, 100), "conversions", "negative"),
        (lambda: conversion_rate(5, -100), "visitors", "negative"),
        (lambda: conversion_rate(120, 100), "conversions", "more than visitors"),
        (lambda: click_through_rate(11, 10), "clicks", "more than impressions"),
        (lambda: bounce_rate(3, 2), "bounces", "more than sessions"),
        (lambda: cart_abandonment_rate(carts=50, orders=60), "orders", "more than carts"),
        (lambda: repeat_purchase_rate(301, 300), "repeat_customers", "more than customers"),
        (lambda: churn_rate(401, 400), "churned", "more than customers_at_start"),
        (lambda: conversion_rate(5, 0), "conversions", "more than visitors"),
        (lambda: click_through_rate(np.inf, 10), "clicks", "infinite"),
        (lambda: click_through_rate("30", 1000), "clicks", "numbers"),
        (lambda: click_through_rate(30, True), "impressions", "numbers"),
        (lambda: click_through_rate(pd.Series(["a", "b"]), 10), "clicks", "numbers"),
        (lambda: click_through_rate(pd.DataFrame({"c": [1]}), 10), "clicks", "one column"),
        (lambda: bounce_rate([1, 2], [3, 4, 5]), "bounces", "sessions has 3"),
        (lambda: bounce_rate(pd.Series([1, -2], index=["May", "June"]), 5), "bounces", "row 'June'"),
        (lambda: bounce_rate(np.array([1, 9]), np.array([5, 5])), "bounces", "position 1"),
    ],
)
def test_bad_counts_raise_naming_the_argument(call, field, words):
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert words in str(caught.value)
    assert caught.value.allowed


@pytest.mark.parametrize(
    ("function", "scores", "bad", "allowed_range"),
    [
        (nps, [9, 11], 11, "0 to 10"),
        (nps, [-1, 9], -1, "0 to 10"),
        (nps, [7.5], 7.5, "0 to 10"),
        (nps, pd.Series([9.0, 10.5]), 10.5, "0 to 10"),
        (nps, ["9"], "9", "0 to 10"),
        (nps, 9, 9, "0 to 10"),  # a single number, not a list of answers
        (csat, [0, 5], 0, "1 to 5"),
        (csat, [6], 6, "1 to 5"),
        (csat, [4.2], 4.2, "1 to 5"),
        (csat, [True], True, "1 to 5"),
    ],
)
def test_bad_scores_raise_naming_the_value_and_the_range(function, scores, bad, allowed_range):
    with pytest.raises(ValidationError) as caught:
        function(scores)
    message = str(caught.value)
    assert caught.value.field == "scores"
    assert message.startswith("scores: ")
    assert caught.value.value == bad
    assert f"(got {bad!r})" in message
    assert allowed_range in message


def test_errors_belong_to_the_package_family():
    with pytest.raises(JourneyLabError):
        nps([12])
    with pytest.raises(ValueError):  # ValidationError is also a ValueError
        churn_rate(-1, 5)


# --- the registry ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Click-through rate", "click_through_rate"),
        ("CTR", "click_through_rate"),
        ("ctr", "click_through_rate"),
        ("click_through_rate", "click_through_rate"),
        ("  CLICK THROUGH RATE ", "click_through_rate"),
        ("Net Promoter Score", "nps"),
        ("csat", "csat"),
        ("Customer satisfaction score", "csat"),
        ("Cart abandonment rate", "cart_abandonment_rate"),
    ],
)
def test_get_kpi_accepts_names_labels_and_abbreviations(name, expected):
    assert get_kpi(name).name == expected


def test_get_kpi_gives_back_a_kpi_it_is_given():
    kpi = KPIS["churn_rate"]
    assert get_kpi(kpi) is kpi


def test_every_formula_kpi_the_frameworks_suggest_is_found_by_its_exact_label():
    suggested = {label for fw in FRAMEWORKS.values() for stage in fw.stages for label in stage.kpis}
    found = {label for label in suggested if label.casefold() in {k.label.casefold() for k in KPIS.values()}}
    # the eight formula KPIs are all suggested somewhere; the rest are counts such as Impressions
    assert found == {kpi.label for kpi in KPIS.values()}
    for label in found:
        assert get_kpi(label).label == label


@pytest.mark.parametrize("name", ["Impressions", "conversion", "", 42, None])
def test_unknown_kpi_lists_the_available_ones(name):
    with pytest.raises(UnknownNameError) as caught:
        get_kpi(name)
    assert caught.value.field == "kpi"
    for kpi in KPIS.values():
        assert kpi.label in str(caught.value)


def test_registry_records_are_complete_and_callable():
    assert list(KPIS) == [
        "conversion_rate", "click_through_rate", "bounce_rate", "cart_abandonment_rate",
        "repeat_purchase_rate", "churn_rate", "nps", "csat",
    ]
    lower_is_better = {"bounce_rate", "cart_abandonment_rate", "churn_rate"}
    for name, kpi in KPIS.items():
        assert kpi.name == name
        assert kpi.function is getattr(kpis, name)
        assert kpi.better == ("lower" if name in lower_is_better else "higher")
        assert kpi.formula in (kpi.function.__doc__ or "")
    assert get_kpi("CTR")(30, 1000) == 3.0  # calling the record calls the function
    assert KPIS["nps"].unit.startswith("points")
    assert {kpi.unit for name, kpi in KPIS.items() if name != "nps"} == {"%"}


# --- properties --------------------------------------------------------------------------

@given(st.lists(st.integers(0, 10), min_size=1))
def test_nps_is_always_between_minus_100_and_100(scores):
    assert -100 <= nps(scores) <= 100


@given(st.lists(st.integers(1, 5), min_size=1))
def test_csat_is_always_between_0_and_100(scores):
    assert 0 <= csat(scores) <= 100


@given(st.lists(st.integers(0, 10), min_size=1))
def test_nps_does_not_depend_on_answer_order(scores):
    assert nps(scores) == nps(list(reversed(scores)))


@given(st.integers(0, 10**9).flatmap(lambda whole: st.tuples(st.integers(0, whole), st.just(whole))))
def test_rates_stay_between_0_and_100(counts):
    part, whole = counts
    for function in RATES:
        result = function(whole, part) if function is cart_abandonment_rate else function(part, whole)
        assert math.isnan(result) if whole == 0 else 0 <= result <= 100


@given(st.integers(1, 10**6).flatmap(lambda carts: st.tuples(st.integers(0, carts), st.just(carts))))
def test_cart_abandonment_and_order_rate_add_up_to_100(counts):
    orders, carts = counts
    # orders / carts is a conversion of carts into orders; the rest is abandoned
    assert cart_abandonment_rate(carts, orders) + conversion_rate(orders, carts) == pytest.approx(100)
