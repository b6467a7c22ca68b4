"""journeylab.plots.stages: the hourglass, the funnel and goal attainment, their numbers, colours and errors."""

from itertools import pairwise

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from journeylab import plots
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import get_framework

from plot_cases import BLUE, GREEN, HOURGLASS, VERMILLION, attainment_table, funnel_table, shows, texts


def labelled(figure: Figure) -> dict:
    """The patches the plot named (a band or bar per stage), by name."""
    return {patch.get_label(): patch for patch in figure.axes[0].patches
            if patch.get_label() and not patch.get_label().startswith("_")}


# -- hourglass ----------------------------------------------------------------------------


def band_widths(figure: Figure, stages) -> list[float]:
    bands = labelled(figure)
    return [float(np.ptp(bands[stage].get_xy()[:, 0])) for stage in stages]


def test_hourglass_bands_narrow_towards_buy_and_widen_again_after_it():
    widths = band_widths(plots.hourglass(), HOURGLASS)
    neck = HOURGLASS.index("Buy")
    assert all(a > b for a, b in pairwise(widths[: neck + 1]))  # Know > Like > Trust > Try > Buy
    assert all(a < b for a, b in zip(widths[neck:], widths[neck + 1 :]))  # Buy < Repeat < Refer
    assert min(widths) == widths[neck]


@pytest.mark.parametrize("framework, purchase", [("hourglass", "Buy"), ("five_stage", "Action"), ("cycle", "Purchase")])
def test_the_narrowest_band_is_the_stage_that_holds_the_purchase(framework, purchase):
    stages = get_framework(framework).stage_names
    widths = band_widths(plots.hourglass(framework=framework), stages)
    assert stages[int(np.argmin(widths))] == purchase


def test_hourglass_names_every_stage_and_the_question_the_customer_asks_there():
    figure = plots.hourglass()
    for stage in get_framework("hourglass").stages:
        assert stage.name in texts(figure)
        assert shows(figure, stage.question)


def test_hourglass_writes_the_numbers_on_the_bands_but_keeps_its_teaching_shape():
    plain = band_widths(plots.hourglass(), HOURGLASS)
    from_table = plots.hourglass(funnel_table([50000, 21000, 12000, 7000, 3000, 1800, 600]))
    assert {"50,000 people", "3,000 people", "600 people"} <= set(texts(from_table))
    assert band_widths(from_table, HOURGLASS) == plain  # 600 at Refer still draws the wide bottom
    partial = plots.hourglass(pd.Series({"know": 1200, "BUY": 35, "Like": np.nan}))  # any case; NaN is no data
    assert {"1,200 people", "35 people"} <= set(texts(partial))
    assert texts(partial).count("no data") == 5  # Like, Trust, Try, Repeat and Refer were not given


@pytest.mark.parametrize(
    "counts, error, field",
    [
        (pd.Series(dtype=float), ValidationError, "counts"),
        (pd.DataFrame({"people": [10]}, index=["Know"]), SchemaError, "users"),
        ({"Checkout": 10}, UnknownNameError, "counts"),
        ({"Know": "many"}, ValidationError, "counts.Know"),
        ({"Like": -5}, ValidationError, "counts.Like"),
        ("Know: 10", ValidationError, "counts"),
    ],
)
def test_hourglass_refuses_counts_it_cannot_show_and_names_the_problem(counts, error, field):
    with pytest.raises(error) as caught:
        plots.hourglass(counts)
    assert caught.value.field == field


def test_hourglass_refuses_an_unknown_framework_listing_the_known_ones():
    with pytest.raises(UnknownNameError, match="hourglass, five_stage, five_stage_advocacy, cycle") as caught:
        plots.hourglass(framework="funnel")
    assert caught.value.field == "framework"


# -- funnel -------------------------------------------------------------------------------


def test_funnel_highlights_and_names_the_step_that_loses_the_largest_share():
    # kept from the stage before: Like 600/1000 = 60 %, Trust 450/600 = 75 %, Try 90/450 = 20 %,
    # Buy 80/90 = 89 %. Try loses 80 %, the largest share (Like loses only 40 %, though more people).
    figure = plots.funnel(funnel_table([1000, 600, 450, 90, 80]))
    colours = {stage: to_hex(bar.get_facecolor()).upper() for stage, bar in labelled(figure).items()}
    assert colours == {"Know": BLUE, "Like": BLUE, "Trust": BLUE, "Try": VERMILLION, "Buy": BLUE}
    shown = texts(figure)
    assert "20% of Trust: the biggest leak" in shown
    assert {"60% of Know", "75% of Like", "89% of Try", "1,000 people", "80 people"} <= set(shown)
    assert shows(figure, "the step from Trust to Try")


def test_funnel_bars_are_centred_and_as_long_as_their_users():
    bars = labelled(plots.funnel(funnel_table([1000, 600, 450])))
    widths = {stage: bar.get_width() for stage, bar in bars.items()}
    assert widths["Like"] / widths["Know"] == pytest.approx(0.6)
    assert widths["Trust"] / widths["Know"] == pytest.approx(0.45)
    centres = {bar.get_x() + bar.get_width() / 2 for bar in bars.values()}
    assert max(centres) - min(centres) == pytest.approx(0)


def test_funnel_reads_the_same_whether_the_table_stores_rates_as_fractions_or_percentages():
    fractions = funnel_table([1000, 600, 450])
    percentages = fractions.assign(step_conversion=fractions["step_conversion"] * 100)
    assert texts(plots.funnel(fractions)) == texts(plots.funnel(percentages))


def test_funnel_says_person_for_one_and_people_for_more():
    shown = texts(plots.funnel(funnel_table([2, 1, 0])))
    assert {"2 people", "1 person", "0 people"} <= set(shown)


def test_funnel_highlights_nothing_when_no_step_loses_anyone():
    figure = plots.funnel(funnel_table([500, 500, 500]))
    assert {to_hex(bar.get_facecolor()).upper() for bar in labelled(figure).values()} == {BLUE}
    assert not any("leak" in text for text in texts(figure))


def test_the_funnel_s_title_counts_people_not_customers_because_most_have_not_bought():
    figure = plots.funnel(funnel_table([17000, 6751, 844]))
    assert figure.headline == "How many people reach each stage"
    assert not any("customer" in text.casefold() for text in texts(figure))


@pytest.mark.parametrize(
    "table, error, field",
    [
        ([1000, 600], ValidationError, "funnel_frame"),
        (pd.DataFrame({"users": []}), ValidationError, "funnel_frame"),
        (pd.DataFrame({"visitors": [1000, 600]}), SchemaError, "users"),
        (pd.DataFrame({"users": ["many", "some"]}), SchemaError, "users"),
        (pd.DataFrame({"users": [1000, -3]}, index=["Know", "Like"]), ValidationError, "users.Like"),
        (pd.DataFrame({"users": [1000, np.nan]}, index=["Know", "Like"]), ValidationError, "users.Like"),
    ],
)
def test_funnel_refuses_a_table_it_cannot_draw_and_names_the_problem(table, error, field):
    with pytest.raises(error) as caught:
        plots.funnel(table)
    assert caught.value.field == field


# -- goal attainment ----------------------------------------------------------------------


def attainment_bars(figure: Figure) -> dict:
    """The bar of each measured stage, by stage, and the one axes they share."""
    (axes,) = [axes for axes in figure.axes if axes.patches and axes is not figure.axes[0]]
    return {patch.get_label(): patch for patch in axes.patches
            if patch.get_label() and not patch.get_label().startswith("_")}


def test_goal_attainment_colours_met_and_missed_goals_and_shows_no_data_without_a_bar():
    figure = plots.goal_attainment(attainment_table())
    colours = {stage: to_hex(bar.get_facecolor()).upper() for stage, bar in attainment_bars(figure).items()}
    assert colours == {"Know": GREEN, "Like": VERMILLION, "Repeat": GREEN}  # Try has no bar
    shown = texts(figure)
    assert "no data" in shown and "no data (target ≥ 800 orders)" in shown
    assert {"Goal met", "Goal missed", "◀ worse than target", "better than target ▶"} <= set(shown)
    assert {"1.8% (target ≥ 2.5%)", "8% (target ≤ 10%)", "✗ goal missed: 0.7 points worse",
            "✓ goal met: 10,000 people better", "✓ goal met: 2 points better"} <= set(shown)


def test_every_row_says_which_way_its_kpi_should_go():
    shown = texts(plots.goal_attainment(attainment_table()))
    assert shown.count("↑ higher is better") == 3 and shown.count("↓ lower is better") == 1  # Repeat: churn


def test_goal_attainment_draws_every_row_on_one_scale_in_percent_of_the_target_better_to_the_right():
    figure = plots.goal_attainment(attainment_table())
    bars = attainment_bars(figure)
    # (actual - target) / target, turned for lower-is-better: Know +10000 / 40000, Like -0.7 / 2.5, Repeat +2 / 10
    expected = {"Know": 25.0, "Like": -28.0, "Repeat": 20.0}
    assert {stage: bar.get_x() + bar.get_width() for stage, bar in bars.items()} == pytest.approx(expected)
    assert all(bar.get_x() == 0 for bar in bars.values())  # every bar starts at the target line
    axes = next(iter(bars.values())).axes
    left, right = axes.get_xlim()
    assert left == -right and right >= 28  # one symmetric scale that holds the furthest bar
    assert "on target" in [label.get_text() for label in axes.get_xticklabels()]


def test_a_small_surplus_and_a_big_miss_are_drawn_to_the_same_scale():
    from journeylab.analytics import goal_attainment
    from journeylab.journey import StageGoal

    goals = {"Buy": StageGoal("Fewer carts left", "Cart abandonment rate", 70, better="lower"),
             "Refer": StageGoal("More referrals", "Referral rate", 1.0, unit="per 100 customers"),
             "Know": StageGoal("Be seen", "Reach", 50_000, unit="people")}
    table = goal_attainment(goals, {"Buy": 85.5, "Refer": 1.05, "Know": 55_000})
    bars = attainment_bars(plots.goal_attainment(table))
    ends = {stage: bar.get_x() + bar.get_width() for stage, bar in bars.items()}
    assert ends == pytest.approx({"Buy": -15.5 / 70 * 100, "Refer": 5.0, "Know": 10.0})
    assert ends == pytest.approx(table["better_by"].to_dict())  # the picture is the table's column
    assert abs(ends["Buy"]) > 4 * ends["Refer"]  # no longer each row on its own scale


@pytest.mark.parametrize(
    "change, error, field",
    [
        (lambda table: table.drop(columns="met"), SchemaError, "met"),
        (lambda table: table.drop(columns="better"), SchemaError, "better"),
        (lambda table: table.assign(better=["higher", "up", "higher", "lower"]), ValidationError, "better.Like"),
        (lambda table: table.drop(columns="target"), SchemaError, "target"),
        (lambda table: table.iloc[0:0], ValidationError, "attainment_frame"),
        (lambda table: table.assign(actual=["lots", "few", "", "some"]), SchemaError, "actual"),
        (lambda table: table.assign(met=["yes", "no", "no", "yes"]), SchemaError, "met"),
        (lambda table: table.to_dict(), ValidationError, "attainment_frame"),
    ],
)
def test_goal_attainment_refuses_a_table_it_cannot_draw_and_names_the_column(change, error, field):
    with pytest.raises(error) as caught:
        plots.goal_attainment(change(attainment_table()))
    assert caught.value.field == field


def test_a_gap_of_one_point_is_one_point():
    from journeylab.plots.stages import _gap_text

    assert _gap_text(1.0, "%", "higher") == ": 1 point better"
    assert _gap_text(-1.5, "%", "higher") == ": 1.5 points worse"
