"""journeylab.feelings: every touchpoint's feeling, each stage's mean, and the dips."""

from itertools import pairwise

import pytest

from journeylab.feelings import SPREAD, dips, stage_feelings
from journeylab.journey import Journey, Touchpoint

from plot_cases import emotion_journey


def test_every_touchpoint_keeps_its_own_feeling_and_the_stage_its_mean():
    journey = emotion_journey()
    feelings = stage_feelings(journey)
    assert [stage.stage for stage in feelings] == list(journey.stage_names)
    for stage in feelings:
        emotions = [touchpoint.emotion for touchpoint in journey.touchpoints(stage.stage)]
        assert [moment.emotion for moment in stage.moments] == emotions
        assert [moment.channel for moment in stage.moments] == [tp.channel for tp in journey.touchpoints(stage.stage)]
        assert stage.mean == (pytest.approx(sum(emotions) / len(emotions)) if emotions else None)


def test_a_stage_without_touchpoints_is_unknown_not_neutral():
    trust = stage_feelings(emotion_journey())[2]
    assert trust.stage == "Trust" and trust.moments == () and trust.mean is None and trust.lowest is None


def test_the_lowest_moment_is_the_worst_one_even_when_the_mean_is_positive():
    journey = Journey("Nordlys Home")
    for channel, emotion in (("Reel", 1), ("Pop-up ad", -2), ("Story", 1), ("Shop window", 1)):
        journey.add_touchpoint("Know", Touchpoint(channel, emotion=emotion))
    know = stage_feelings(journey)[0]
    assert know.mean == pytest.approx(0.25) and know.lowest.channel == "Pop-up ad"


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_touchpoints_spread_evenly_over_the_middle_of_their_column_in_order(count):
    journey = Journey("Nordlys Home")
    for number in range(count):
        journey.add_touchpoint("Buy", Touchpoint(f"Channel {number}"))
    places = [moment.place for moment in stage_feelings(journey)[4].moments]
    assert places == sorted(places) and len(set(places)) == count
    assert places[0] - (1 - SPREAD) / 2 == pytest.approx(1 - (1 - SPREAD) / 2 - places[-1])  # centred
    assert all((1 - SPREAD) / 2 < place < 1 - (1 - SPREAD) / 2 for place in places)
    steps = [later - earlier for earlier, later in pairwise(places)]
    assert steps == pytest.approx([SPREAD / count] * (count - 1))


def test_dips_lists_every_moment_below_neutral_in_journey_order():
    found = [(moment.stage, moment.emotion) for moment in dips(emotion_journey())]
    assert found == [("Know", -1), ("Try", -2), ("Try", -1), ("Repeat", -1)]
