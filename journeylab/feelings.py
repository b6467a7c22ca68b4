"""How the customer feels along a journey: every touchpoint's feeling, and each stage's mean.

Introduced in notebook 06; the journey map of notebook 07 draws it. A stage's
mean alone hides the moments that go wrong: a −2 among three +1s averages
+0.25, and "the dips are where the work is". So every touchpoint keeps its own
feeling here, in journey order, with the place it takes in its stage's column.
The journey map (:func:`journeylab.plots.journey_map`) and the builder's
preview draw from this one function, so the two always show the same curve.

>>> from journeylab.journey import Journey, Touchpoint
>>> shop = Journey("Nordlys Home")
>>> for channel, feeling in (("Reel", 1), ("Story", 1), ("Shop window", 1), ("Pop-up ad", -2)):
...     shop.add_touchpoint("Know", Touchpoint(channel, emotion=feeling))
>>> know = stage_feelings(shop)[0]
>>> know.mean, [moment.emotion for moment in know.moments], know.lowest.channel
(0.25, [1, 1, 1, -2], 'Pop-up ad')
"""

from __future__ import annotations

from dataclasses import dataclass

from journeylab.journey import Journey

__all__ = ["Moment", "StageFeeling", "stage_feelings", "dips", "SPREAD"]

SPREAD = 0.8
"""The share of a stage's column its touchpoints spread over, centred: room is left between stages."""


@dataclass(frozen=True)
class Moment:
    """One touchpoint's feeling, from −2 (frustrated) to +2 (delighted), and where it sits on the map.

    ``index`` is the touchpoint's place in its stage (0 for the first), the
    order in which the map's touchpoint lane lists them. ``place`` is where in
    its stage's column it is drawn: 0 is the column's left edge, 1 its right
    edge, 0.5 the middle.
    """

    stage: str
    index: int
    channel: str
    emotion: int
    pain_point: str
    place: float


@dataclass(frozen=True)
class StageFeeling:
    """A stage's touchpoints as :class:`Moment` objects, in order, and their mean (``None`` without any)."""

    stage: str
    moments: tuple[Moment, ...]

    @property
    def mean(self) -> float | None:
        """The mean feeling of the stage's touchpoints; ``None`` when the stage has none: unknown, not neutral."""
        if not self.moments:
            return None
        return sum(moment.emotion for moment in self.moments) / len(self.moments)

    @property
    def lowest(self) -> Moment | None:
        """The stage's worst moment (the first of equals); ``None`` without touchpoints."""
        return min(self.moments, key=lambda moment: moment.emotion, default=None)


def _place(index: int, count: int) -> float:
    """Evenly spread over the middle :data:`SPREAD` of the column, so one touchpoint sits in the middle."""
    return 0.5 + ((index + 0.5) / count - 0.5) * SPREAD


def stage_feelings(journey: Journey) -> list[StageFeeling]:
    """Per stage of the journey, in order, every touchpoint's feeling and the stage's mean.

    Introduced in notebook 06. A stage without touchpoints has no moments and
    a ``mean`` of ``None``: the map leaves a gap there instead of drawing a
    neutral 0, because nothing is known about it yet.
    """
    feelings = []
    for stage in journey.stage_names:
        touchpoints = journey.touchpoints(stage)
        feelings.append(StageFeeling(stage, tuple(
            Moment(stage, index, touchpoint.channel, touchpoint.emotion, touchpoint.pain_point,
                   _place(index, len(touchpoints)))
            for index, touchpoint in enumerate(touchpoints)
        )))
    return feelings


def dips(journey: Journey) -> list[Moment]:
    """Every moment where the customer feels worse than neutral, in journey order: where the work is.

    >>> from journeylab.journey import Journey, Touchpoint
    >>> shop = Journey("Nordlys Home")
    >>> shop.add_touchpoint("Try", Touchpoint("Room planner", emotion=-1, pain_point="Hard to use on a tablet"))
    >>> [(moment.stage, moment.channel, moment.emotion) for moment in dips(shop)]
    [('Try', 'Room planner', -1)]
    """
    return [moment for stage in stage_feelings(journey) for moment in stage.moments if moment.emotion < 0]
