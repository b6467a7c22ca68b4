"""journeylab.plots.maps: the journey map, its lanes, the emotion curve and the practitioner's lanes."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from journeylab import plots
from journeylab.errors import ValidationError
from journeylab.journey import Journey, StageGoal, StageNotes, Touchpoint
from journeylab.opportunities import Opportunity
from journeylab.plots.layout import signed as layout_signed

from plot_cases import HOURGLASS, LONG, emotion_journey, practitioner_journey, shows, texts

# -- journey map --------------------------------------------------------------------------


def drawn(figure: Figure, label: str):
    """The one artist of the emotion lane with that label: the curve, the stage means or the dots."""
    (artist,) = [item for axes in figure.axes for item in [*axes.lines, *axes.collections]
                 if item.get_label() == label]
    return artist


EMOTIONS = {"Know": [1, -1], "Like": [2], "Trust": [], "Try": [-2, -1, 0], "Buy": [1, 2], "Repeat": [-1, 0, 0],
            "Refer": [2, 1, 1, 2]}  # as emotion_journey() sets them


def test_the_emotion_curve_has_a_dot_at_every_touchpoint_s_own_feeling_in_its_stage_s_column():
    dots = drawn(plots.journey_map(emotion_journey()), "touchpoint feelings").get_offsets()
    expected = [(stage, emotion) for stage, emotions in EMOTIONS.items() for emotion in emotions]
    assert dots[:, 1].tolist() == [emotion for _, emotion in expected]  # every feeling, none averaged away
    columns = [int(x) for x in dots[:, 0]]  # stage i is the column from x = i to i + 1
    assert columns == [HOURGLASS.index(stage) for stage, _ in expected]
    for stage, emotions in EMOTIONS.items():  # within a stage, left to right in the touchpoint lane's order
        xs = [x for x, column in zip(dots[:, 0], columns) if column == HOURGLASS.index(stage)]
        assert xs == sorted(xs) and len(set(xs)) == len(emotions)


def test_the_curve_joins_the_touchpoints_in_journey_order_and_breaks_where_a_stage_has_none():
    figure = plots.journey_map(emotion_journey())
    curve, dots = drawn(figure, "emotion curve"), drawn(figure, "touchpoint feelings").get_offsets()
    y = np.asarray(curve.get_ydata(), dtype=float)
    gap = HOURGLASS.index("Trust")
    assert np.isnan(y).sum() == 1 and np.isnan(y[sum(len(EMOTIONS[stage]) for stage in HOURGLASS[:gap])])
    np.testing.assert_allclose(np.column_stack([curve.get_xdata(), y])[~np.isnan(y)], dots)


def test_a_stage_with_several_touchpoints_has_a_bar_at_their_mean_through_its_dots():
    figure = plots.journey_map(emotion_journey())
    means = drawn(figure, "stage mean")
    x, y = np.asarray(means.get_xdata(), dtype=float), np.asarray(means.get_ydata(), dtype=float)
    bars = [(x[i:i + 2], y[i]) for i in range(0, len(y), 3)]  # each bar is two ends, then a break
    several = [stage for stage in HOURGLASS if len(EMOTIONS[stage]) > 1]
    assert len(bars) == len(several)  # none for Like (one dot says it all) or Trust (unknown, not neutral)
    dots = drawn(figure, "touchpoint feelings").get_offsets()
    for stage, (ends, mean) in zip(several, bars):
        assert mean == pytest.approx(np.mean(EMOTIONS[stage]))
        own = dots[dots[:, 0].astype(int) == HOURGLASS.index(stage), 0]
        assert ends[0] < own.min() and own.max() < ends[1]  # the bar spans its stage's dots
        assert layout_signed(mean) in [text.get_text() for text in means.axes.texts]  # and says its value


def test_one_frustrated_moment_among_happy_ones_is_drawn_and_named_not_averaged_away():
    journey = Journey("Nordlys Home")
    for channel, emotion in (("Reel", 1), ("Story", 1), ("Shop window", 1), ("Pop-up ad", -2)):
        journey.add_touchpoint("Know", Touchpoint(channel, emotion=emotion))
    figure = plots.journey_map(journey)
    assert drawn(figure, "touchpoint feelings").get_offsets()[:, 1].min() == -2
    assert drawn(figure, "stage mean").get_ydata()[0] == pytest.approx(0.25)  # the mean alone would hide it
    lane = drawn(figure, "touchpoint feelings").axes
    dip = [item for item in lane.texts if item.get_text() == "Pop-up ad"]
    assert len(dip) == 1 and dip[0].get_position() == (pytest.approx(0.5 + 0.375 * 0.8), pytest.approx(-2.3))


def test_the_journey_map_shows_stages_touchpoints_questions_pains_and_who_it_is_for():
    journey = emotion_journey()
    figure = plots.journey_map(journey)
    shown = texts(figure)
    assert set(HOURGLASS) <= set(shown)
    title = next(text for text in shown if text.startswith("Customer journey map"))
    assert "Nordlys Home" in title and "Jessica" in title
    assert shows(figure, LONG)  # the long customer action, wrapped over several lines
    assert {"Question about Know?", "Pain at Try", "Know channel 0"} <= set(shown)
    assert "no touchpoints yet" in shown  # Trust


def test_journey_map_lanes_are_a_list_that_a_new_lane_can_join():
    def business_actions(journey, stage):
        return [("", tp.business_action) for tp in journey.touchpoints(stage)]

    backstage = plots.MapLane("Backstage", business_actions)
    figure = plots.journey_map(emotion_journey(), lanes=[*plots.JOURNEY_MAP_LANES, backstage])
    assert "Backstage" in texts(figure) and "Backstage Refer" in texts(figure)
    without_curve = plots.journey_map(emotion_journey(), lanes=[backstage])
    assert not any(item.get_label() in ("emotion curve", "touchpoint feelings") for axes in without_curve.axes
                   for item in [*axes.lines, *axes.collections])


@pytest.mark.parametrize(
    "journey, lanes, field",
    [("Nordlys Home", plots.JOURNEY_MAP_LANES, "journey"), (Journey("Shop"), ["Touchpoints"], "lanes[0]")],
)
def test_journey_map_refuses_what_is_not_a_journey_or_a_lane(journey, lanes, field):
    with pytest.raises(ValidationError) as caught:
        plots.journey_map(journey, lanes=lanes)
    assert caught.value.field == field


def test_a_dollar_sign_in_typed_text_is_text_not_a_formula():
    journey = Journey("Deals for $5 and $10")
    journey.add_touchpoint("Buy", Touchpoint("Checkout", "Pays $5 for delivery and $10 for the cushion"))
    figure = plots.journey_map(journey)
    drawn = [item for item in figure.axes[0].texts if "$5" in item.get_text()]
    assert len(drawn) == 2 and not any(item.get_parse_math() for item in drawn)  # "$5 and $" would be maths


# -- the practitioner's lanes: goal, thinking, feeling, backstage, opportunities ---------------


OPTIONAL_LANES = ("Stage goal", "Thinking", "Feeling", "Backstage", "Opportunities")


def test_the_new_lanes_show_each_stage_s_goal_notes_backstage_and_opportunities():
    journey = Journey("Nordlys Home")
    journey.set_goal("Buy", StageGoal("Turn carts into orders", kpi="Conversion rate", target=3))
    journey.set_notes("Trust", StageNotes("Do real customers say it lasts?", "Unsure, needs proof",
                                          ("Review collection tool", "Certification records")))
    journey.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
                                               effort=2, status="planned"))
    shown = texts(plots.journey_map(journey))
    assert set(OPTIONAL_LANES) <= set(shown)
    assert {"Turn carts into orders", "Conversion rate ≥ 3%"} <= set(shown)
    assert {"“Do real customers say it lasts?”", "Unsure, needs proof"} <= set(shown)
    assert "• Review collection tool • Certification records" in shown  # one card, a bullet per item
    # value is the mean of customer and business value: (80 + 60) / 2 = 70; effort 2; then the status
    assert {"Show delivery cost early", "V 70 · E 2 · planned"} <= set(shown)


@pytest.mark.parametrize(
    "content, lanes",
    [
        ({}, set()),
        ({"notes": StageNotes(thinking="Is it worth it?")}, {"Thinking"}),
        ({"notes": StageNotes(feeling="Curious")}, {"Feeling"}),
        ({"notes": StageNotes(backstage=["Order system"])}, {"Backstage"}),
        ({"opportunity": Opportunity("Faster replies")}, {"Opportunities"}),
        ({"goal": StageGoal("Be seen", kpi="Reach", target=40000, unit="people")}, {"Stage goal"}),
    ],
)
def test_a_lane_with_nothing_in_any_stage_is_left_out_so_a_learner_s_map_stays_compact(content, lanes):
    journey = emotion_journey()
    if "notes" in content:
        journey.set_notes("Try", content["notes"])
    if "opportunity" in content:
        journey.add_opportunity("Try", content["opportunity"])
    if "goal" in content:
        journey.set_goal("Know", content["goal"])
    figure = plots.journey_map(journey)
    assert set(OPTIONAL_LANES) & set(texts(figure)) == lanes
    if not lanes:  # nothing new: the map is as it always was, one A3-wide page
        assert figure.get_size_inches()[0] == pytest.approx(16.5)


@pytest.mark.parametrize(
    "goal, text",
    [
        (StageGoal("Turn carts into orders", kpi="Conversion rate", target=3), "Conversion rate ≥ 3%"),
        (StageGoal("Keep customers", kpi="Churn rate", target=5, better="lower"), "Churn rate ≤ 5%"),
        (StageGoal("Be seen", kpi="Reach", target=40000, unit="people"), "Reach ≥ 40,000 people"),
        (StageGoal("Fast answers", kpi="Reply time", target=2.5, unit="hours", better="lower"), "Reply time ≤ 2.5 hours"),
    ],
)
def test_the_goal_lane_says_the_kpi_and_its_target_with_the_direction_that_is_better(goal, text):
    journey = Journey("Nordlys Home")
    journey.set_goal("Repeat", goal)
    assert {goal.goal, text} <= set(texts(plots.journey_map(journey)))


def test_a_full_workshop_map_stays_on_one_landscape_page():
    figure = plots.journey_map(practitioner_journey())
    width, height = figure.get_size_inches()
    assert height <= width * 2**-0.5  # the proportions of a landscape A4 or A3 page: it prints on one
    shown = texts(figure)
    assert set(OPTIONAL_LANES) <= set(shown) and set(HOURGLASS) <= set(shown)
    assert shows(figure, "Opportunity 2 of Like: make it much easier") and "Repeat rate ≤ 15%" in shown


def test_a_long_note_is_cut_with_an_ellipsis_instead_of_stretching_the_map():
    journey = Journey("Nordlys Home")
    journey.set_notes("Know", StageNotes(thinking=" ".join([LONG] * 3)))
    (thinking,) = [text for text in texts(plots.journey_map(journey)) if text.startswith("“Reads")]
    assert thinking.endswith("…") and len(thinking) < len(LONG) * 2
