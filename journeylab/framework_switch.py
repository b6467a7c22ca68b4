"""Switching a journey to another framework: say what moves and what would not fit, and come back intact.

Seeing a journey through another framework merges or splits stages (Trust and
Try become Desire), so a learner must know *before* switching what goes where
and what the other framework has no room for (a second goal for one stage).
:func:`plan_switch` works that out without changing anything. A
:class:`SwitchMemory` remembers the journey as it was before each switch:
switching back while nothing was changed in between gives back exactly that
journey, every stage, goal and idea where the learner had put it.
No user interface here: the journey builder (notebook 07) shows the plan.

>>> from journeylab.journey import Journey, StageGoal, Touchpoint
>>> shop = Journey("Nordlys Home")
>>> shop.add_touchpoint("Try", Touchpoint("Free sample"))
>>> shop.set_goal("Trust", StageGoal("Be trusted", "Review views", 100, unit=""))
>>> shop.set_goal("Try", StageGoal("Get trials", "Trial starts", 50, unit=""))
>>> memory = SwitchMemory()
>>> plan = plan_switch(shop, "five_stage", memory)
>>> plan.moves, plan.lost
(('Trust and Try → Desire (1 touchpoint, 2 goals: only one fits)',), ('the goal of Try (Get trials): Desire keeps the goal of Trust',))
>>> memory.remember(shop, plan.journey)
>>> back = plan_switch(plan.journey, "hourglass", memory)
>>> back.restored, back.journey == shop
(True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from journeylab.frameworks import convert, get_framework
from journeylab.journey import Journey

__all__ = ["SwitchPlan", "SwitchMemory", "plan_switch"]


@dataclass(frozen=True)
class SwitchPlan:
    """What a switch gives: the journey in the new framework, and in words what moves and what is lost.

    ``restored`` says the journey is the one the learner had before an earlier switch, exactly.
    """

    journey: Journey
    moves: tuple[str, ...]
    lost: tuple[str, ...]
    restored: bool = False

    def summary(self) -> str:
        """The plan in one paragraph, for a message."""
        if self.restored:
            return "Everything goes back exactly where it was before you switched."
        text = "; ".join(self.moves) + "." if self.moves else "Every stage keeps its content."
        if self.lost:
            text += " Not carried over: " + "; ".join(self.lost) + "."
        return text


@dataclass
class SwitchMemory:
    """The journey before each switch, by framework, with what the switch made of it."""

    before: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)

    def remember(self, old: Journey, new: Journey) -> None:
        self.before[old.framework.key] = (old.to_dict(), new.to_dict())

    def original(self, journey: Journey, target: str) -> Journey | None:
        """The journey as it was in ``target`` before switching away, if nothing changed since."""
        kept = self.before.get(target)
        if kept is None or kept[1] != journey.to_dict():
            return None
        return Journey.from_dict(kept[0])


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def _contents(journey: Journey, stages: list[str]) -> str:
    touchpoints = sum(len(journey.touchpoints(stage)) for stage in stages)
    goals = sum(journey.goal(stage) is not None for stage in stages)
    ideas = sum(len(journey.opportunities(stage)) for stage in stages)
    notes = sum(bool(journey.notes(stage)) for stage in stages)
    parts = [_count(touchpoints, "touchpoint")] if touchpoints else []
    if goals:
        parts.append(_count(goals, "goal") + (": only one fits" if goals > 1 else ""))
    if ideas:
        parts.append(_count(ideas, "opportunity").replace("opportunitys", "opportunities"))
    if notes:
        parts.append("notes")
    return ", ".join(parts) or "empty"


_DROPPED_GOAL = re.compile(r"^the goal of (?P<stage>.+?) \((?P<goal>.*)\) was dropped: (?P<into>.+?) already has a goal$")


def plan_switch(journey: Journey, framework: str, memory: SwitchMemory | None = None) -> SwitchPlan:
    """What switching ``journey`` to ``framework`` would do, without doing it.

    Raises :class:`~journeylab.errors.UnknownNameError` for a framework that does not exist.
    """
    source, target = journey.framework, get_framework(framework)
    if memory is not None:
        original = memory.original(journey, target.key)
        if original is not None:
            return SwitchPlan(original, (), (), restored=True)
    converted, notes = journey.in_framework(target)
    into: dict[str, list[str]] = {}
    for stage in source.stage_names:
        into.setdefault(convert(stage, source, target)[0], []).append(stage)
    moves = []
    for destination, stages in into.items():
        contents = _contents(journey, stages)
        if stages == [destination] or contents == "empty":
            continue  # nothing moves: nothing to say
        names = " and ".join([", ".join(stages[:-1]), stages[-1]] if len(stages) > 1 else stages)
        moves.append(f"{names} → {destination} ({contents})")
    empty = [stage for stage in target.stage_names if stage not in into]
    if empty:
        moves.append(f"{' and '.join(empty)} start{'s' * (len(empty) == 1)} empty")
    lost = []
    for note in notes:
        found = _DROPPED_GOAL.match(note)
        if found:
            kept = next(stage for stage in into[found["into"]] if journey.goal(stage) is not None)
            lost.append(f"the goal of {found['stage']} ({found['goal']}): {found['into']} keeps the goal of {kept}")
        else:
            lost.append(note)
    return SwitchPlan(converted, tuple(moves), tuple(lost))
