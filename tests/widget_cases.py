"""Shared cases for the tests of journeylab.widgets: a small journey, and reading what a builder shows."""

from __future__ import annotations

from journeylab.journey import Journey, StageGoal, Touchpoint
from journeylab.opportunities import Opportunity

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def nordlys() -> Journey:
    """A small journey: two touchpoints in Know, one in Trust, a goal for Buy."""
    journey = Journey("Nordlys Home")
    journey.add_touchpoint("Know", Touchpoint("Instagram", "Sees a friend's sofa", emotion=1))
    journey.add_touchpoint("Know", Touchpoint("Search result", "Googles sustainable sofas"))
    journey.add_touchpoint("Trust", Touchpoint("Reviews page", "Reads reviews", emotion=1))
    journey.set_goal("Buy", StageGoal("Turn visitors into buyers", "Conversion rate", 3.5))
    return journey


def channels(journey: Journey, stage: str) -> list[str]:
    return [tp.channel for tp in journey.touchpoints(stage)]


def problem(builder) -> bool:
    """Whether the message shows a problem (the warning sign) rather than a success (the tick)."""
    return "⚠" in builder.message.value


def opportunity_journey() -> Journey:
    journey = nordlys()
    journey.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
                                               effort=2))
    return journey
