"""Opportunities and their ranking."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeylab.errors import ValidationError
from journeylab.journey import Journey, StageGoal, Touchpoint
from journeylab.opportunities import MISSED_GOAL_BOOST, QUADRANTS, Opportunity, prioritise, quadrant


def journey() -> Journey:
    shop = Journey("Nordlys Home")
    shop.add_touchpoint("Trust", Touchpoint("Reviews page", emotion=-1))
    shop.add_touchpoint("Trust", Touchpoint("FAQ", emotion=0))
    shop.add_touchpoint("Buy", Touchpoint("Checkout", emotion=-2))
    shop.set_goal("Buy", StageGoal("Turn carts into orders", "Conversion rate", 3.0))
    # value = mean of the two values; score = value / effort
    shop.add_opportunity("Trust", Opportunity("Ask buyers for reviews", customer_value=60, business_value=40, effort=1))  # 50 / 1 = 50
    shop.add_opportunity("Trust", Opportunity("Video reviews", customer_value=80, business_value=70, effort=5))  # 75 / 5 = 15
    shop.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=90, business_value=70, effort=2))  # 80 / 2 = 40
    shop.add_opportunity("Refer", Opportunity("Referral reward", customer_value=30, business_value=50, effort=4))  # 40 / 4 = 10
    return shop


def test_opportunities_rank_by_value_per_effort():
    table = prioritise(journey())
    assert list(table["title"]) == ["Ask buyers for reviews", "Show delivery cost early", "Video reviews", "Referral reward"]
    assert list(table["score"]) == [50.0, 40.0, 15.0, 10.0]
    assert list(table.index) == [1, 2, 3, 4] and table.index.name == "rank"
    assert table.loc[1, "emotion"] == -0.5  # Trust: (-1 + 0) / 2
    assert table.loc[2, "emotion"] == -2.0
    assert math.isnan(table.loc[4, "emotion"]), "Refer has no touchpoints"


def test_a_stage_that_misses_its_goal_ranks_higher_and_says_why():
    table = prioritise(journey(), actuals={"buy": 2.4, "Trust": 99})
    assert list(table["title"])[:2] == ["Show delivery cost early", "Ask buyers for reviews"]
    assert table.loc[1, "score"] == 40 * MISSED_GOAL_BOOST == 60.0
    assert "Buy misses its goal (Conversion rate 2.4% against 3%)" in table.loc[1, "why"]
    assert "misses" not in table.loc[2, "why"], "Trust has no goal, so nothing is missed there"


def test_a_met_goal_changes_nothing():
    assert list(prioritise(journey(), actuals={"Buy": 3.5})["score"]) == [50.0, 40.0, 15.0, 10.0]


def test_an_empty_journey_gives_an_empty_table_with_the_columns():
    table = prioritise(Journey("Empty"))
    assert table.empty and "why" in table.columns


@pytest.mark.parametrize(
    "kwargs, field",
    [({"title": " "}, "opportunity.title"), ({"title": "x", "effort": 0}, "opportunity.effort"),
     ({"title": "x", "business_value": -1}, "opportunity.business_value"), ({"title": "x", "status": "later"}, "opportunity.status")],
)
def test_bad_opportunity_values_name_their_field(kwargs, field):
    with pytest.raises(ValidationError) as caught:
        Opportunity(**kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize(
    "value, effort, corner",
    [
        (70, 2, "Quick wins"),  # much value (>= 50), little effort (<= 3)
        (60, 4, "Big bets"),  # much value, much effort
        (45, 2, "Fill-ins"),  # little value, little effort
        (40, 5, "Thankless tasks"),  # little value, much effort
        (50, 3, "Quick wins"),  # on both lines: the better side of each
        (49.5, 3.5, "Thankless tasks"),  # just below the value line, just past the effort line
    ],
)
def test_quadrant_names_the_corner_of_the_matrix(value, effort, corner):
    assert quadrant(value, effort) == corner
    assert corner in QUADRANTS


@pytest.mark.parametrize("value, effort, field", [(120, 2, "value"), (50, 0, "effort"), ("high", 2, "value"),
                                                  (50, True, "effort")])
def test_quadrant_refuses_values_off_the_scales(value, effort, field):
    with pytest.raises(ValidationError, match=f"^{field}: "):
        quadrant(value, effort)


ideas = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(1, 5)), min_size=1, max_size=8)


@given(ideas, st.booleans())
def test_the_ranking_follows_the_corners_of_the_matrix_then_the_score(found, missed):
    shop = Journey("Nordlys Home")
    shop.set_goal("Buy", StageGoal("Sell", "Conversion rate", 3.0))
    for number, (customer, business, effort) in enumerate(found):
        shop.add_opportunity("Buy" if number % 2 else "Like", Opportunity(
            f"Idea {number}", customer_value=customer, business_value=business, effort=effort))
    table = prioritise(shop, actuals={"Buy": 2.0 if missed else 4.0})
    corners = list(QUADRANTS)
    assert list(table["quadrant"]) == [quadrant(value, effort) for value, effort in zip(table["value"], table["effort"])]
    positions = [corners.index(corner) for corner in table["quadrant"]]
    assert positions == sorted(positions)  # quick wins, big bets, fill-ins, thankless tasks
    for corner in corners:  # within a corner, the higher score first
        scores = list(table.loc[table["quadrant"] == corner, "score"])
        assert scores == sorted(scores, reverse=True)
    if "Quick wins" in set(table["quadrant"]):
        assert table.iloc[0]["quadrant"] == "Quick wins"
    assert all(row["why"].startswith(("quick win", "big bet", "fill-in", "thankless task")) for _, row in table.iterrows())
