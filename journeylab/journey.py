"""A customer journey: touchpoints and a goal for every stage of a framework.

The journey is the course's central model (notebooks 05-07 and the journey
builder). It always holds every stage of its framework, in order; each stage
has a list of :class:`Touchpoint` and at most one :class:`StageGoal`. Changes
go through methods that validate first, so a journey is never half-invalid.

It travels as JSON (complete, the format of :meth:`Journey.save`), as a table
(:meth:`Journey.to_frame`, :meth:`Journey.to_csv`) and as Markdown
(:meth:`Journey.to_markdown`): each can be read back into an equal journey.

>>> journey = Journey("Nordlys Home")
>>> journey.add_touchpoint("trust", Touchpoint("Reviews page", emotion=1))
>>> journey.set_goal("Buy", StageGoal("Turn visitors into buyers", kpi="Conversion rate", target=3))
>>> [tp.channel for tp in journey.touchpoints("Trust")]
['Reviews page']
>>> Touchpoint("E-mail", emotion=5)
Traceback (most recent call last):
...
journeylab.errors.ValidationError: touchpoint.emotion: is out of range (got 5). Allowed: a whole number from -2 to 2.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from journeylab import _fields
from journeylab.errors import FileFormatError, UnknownNameError, ValidationError
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, convert, get_framework
from journeylab.journey_parts import EMOTION_RANGE, NOTE_FIELDS, Opportunity, StageGoal, StageNotes, Touchpoint
from journeylab.personas import Persona
from journeylab.storage import atomic_write, parse_json, read_text

# The parts are defined in journey_parts and named here too, where a journey's reader looks for them.
__all__ = ["Touchpoint", "StageGoal", "StageNotes", "Opportunity", "Journey", "NOTE_FIELDS", "EMOTION_RANGE", "FILE_FORMAT", "FILE_VERSION"]

FILE_FORMAT = "journeylab.journey"
FILE_VERSION = 1


class Journey:
    """The journey of one business through the stages of a framework.

    Parameters
    ----------
    name:
        The business or product the journey is for (required).
    framework:
        ``"hourglass"`` (default), ``"five_stage"`` or ``"cycle"``.
    persona:
        The customer the journey is designed for, if known.
    touchpoints, goals:
        Optional starting content, by stage name (any case).

    Besides touchpoints and a goal, each stage can hold :class:`StageNotes`
    (thinking, feeling, backstage) and :class:`~journeylab.journey_parts.Opportunity` ideas.
    """

    def __init__(
        self,
        name: str,
        framework: str | Framework = DEFAULT_FRAMEWORK,
        persona: Persona | None = None,
        touchpoints: dict[str, list[Touchpoint]] | None = None,
        goals: dict[str, StageGoal] | None = None,
    ) -> None:
        self.name = _fields.text(name, "journey.name", required=True)
        self._framework = get_framework(framework)
        if persona is not None and not isinstance(persona, Persona):
            raise ValidationError("journey.persona", "must be a Persona", value=persona, allowed="a Persona or None")
        self.persona = persona
        self._touchpoints: dict[str, list[Touchpoint]] = {stage: [] for stage in self.stage_names}
        self._goals: dict[str, StageGoal] = {}
        self._notes: dict[str, StageNotes] = {stage: StageNotes() for stage in self.stage_names}
        self._opportunities: dict[str, list[Opportunity]] = {stage: [] for stage in self.stage_names}
        for stage, items in (touchpoints or {}).items():
            for touchpoint in items:
                self.add_touchpoint(stage, touchpoint)
        for stage, goal in (goals or {}).items():
            self.set_goal(stage, goal)

    # -- reading ---------------------------------------------------------------------

    @property
    def framework(self) -> Framework:
        return self._framework

    @property
    def stage_names(self) -> tuple[str, ...]:
        return self._framework.stage_names

    def touchpoints(self, stage: str) -> tuple[Touchpoint, ...]:
        """The touchpoints of one stage, in order."""
        return tuple(self._touchpoints[self._stage(stage)])

    @property
    def goals(self) -> dict[str, StageGoal]:
        """The goal of every stage that has one, in journey order (a copy)."""
        return {stage: self._goals[stage] for stage in self.stage_names if stage in self._goals}

    def goal(self, stage: str) -> StageGoal | None:
        return self._goals.get(self._stage(stage))

    def notes(self, stage: str) -> StageNotes:
        """The thinking, feeling and backstage of one stage (empty notes when none were set)."""
        return self._notes[self._stage(stage)]

    def opportunities(self, stage: str) -> tuple[Opportunity, ...]:
        """The opportunities of one stage, in order."""
        return tuple(self._opportunities[self._stage(stage)])

    def missing(self) -> list[str]:
        """What a complete journey still needs: every stage with a goal and a touchpoint."""
        gaps = []
        for stage in self.stage_names:
            if not self._touchpoints[stage]:
                gaps.append(f"{stage}: add at least one touchpoint")
            if stage not in self._goals:
                gaps.append(f"{stage}: set a goal")
        return gaps

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Journey):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        count = sum(len(items) for items in self._touchpoints.values())
        return (
            f"Journey({self.name!r}, framework={self._framework.key!r}, "
            f"{count} touchpoints, {len(self._goals)} goals)"
        )

    # -- changing ----------------------------------------------------------------------

    def add_touchpoint(self, stage: str, touchpoint: Touchpoint, position: int | None = None) -> None:
        """Add a touchpoint to a stage (at the end, or at ``position``); duplicates are refused."""
        stage = self._stage(stage)
        touchpoint = self._check_touchpoint(touchpoint, stage)
        self._refuse_duplicate(stage, touchpoint, ignore=None)
        items = self._touchpoints[stage]
        items.insert(len(items) if position is None else self._index(stage, position, allow_end=True), touchpoint)

    def replace_touchpoint(self, stage: str, index: int, touchpoint: Touchpoint) -> None:
        """Put an edited touchpoint in place of the one at ``index``."""
        stage = self._stage(stage)
        index = self._index(stage, index)
        touchpoint = self._check_touchpoint(touchpoint, stage)
        self._refuse_duplicate(stage, touchpoint, ignore=index)
        self._touchpoints[stage][index] = touchpoint

    def remove_touchpoint(self, stage: str, index: int) -> Touchpoint:
        """Remove and return the touchpoint at ``index`` of a stage."""
        stage = self._stage(stage)
        return self._touchpoints[stage].pop(self._index(stage, index))

    def move_touchpoint(self, stage: str, index: int, new_index: int) -> None:
        """Move a touchpoint within its stage, to change the order."""
        stage = self._stage(stage)
        items = self._touchpoints[stage]
        touchpoint = items[self._index(stage, index)]
        new_index = self._index(stage, new_index)
        items.remove(touchpoint)
        items.insert(new_index, touchpoint)

    def set_goal(self, stage: str, goal: StageGoal) -> None:
        """Set (or replace) the goal of a stage."""
        stage = self._stage(stage)
        if not isinstance(goal, StageGoal):
            raise ValidationError(f"stages.{stage}.goal", "must be a StageGoal", value=goal, allowed="a StageGoal")
        self._goals[stage] = goal

    def remove_goal(self, stage: str) -> None:
        self._goals.pop(self._stage(stage), None)

    def set_notes(self, stage: str, notes: StageNotes) -> None:
        """Set (or replace) the thinking, feeling and backstage of a stage."""
        stage = self._stage(stage)
        if not isinstance(notes, StageNotes):
            raise ValidationError(f"stages.{stage}.notes", "must be StageNotes", value=notes, allowed="StageNotes")
        self._notes[stage] = notes

    def add_opportunity(self, stage: str, opportunity: Opportunity) -> None:
        """Add an opportunity to a stage; two with the same title in one stage are refused."""
        stage = self._stage(stage)
        self._check_opportunity(stage, opportunity, ignore=None)
        self._opportunities[stage].append(opportunity)

    def replace_opportunity(self, stage: str, index: int, opportunity: Opportunity) -> None:
        """Put an edited opportunity in place of the one at ``index``."""
        stage = self._stage(stage)
        index = self._opportunity_index(stage, index)
        self._check_opportunity(stage, opportunity, ignore=index)
        self._opportunities[stage][index] = opportunity

    def remove_opportunity(self, stage: str, index: int) -> Opportunity:
        """Remove and return the opportunity at ``index`` of a stage."""
        stage = self._stage(stage)
        return self._opportunities[stage].pop(self._opportunity_index(stage, index))

    def copy(self) -> Journey:
        """An independent copy (touchpoints and goals are immutable, so lists suffice)."""
        return Journey.from_dict(self.to_dict())

    def in_framework(self, framework: str | Framework) -> tuple[Journey, list[str]]:
        """The same journey seen through another framework, and what could not be carried over.

        Each stage's touchpoints go to the first stage of ``framework`` that covers
        it (:func:`journeylab.frameworks.convert`). Two stages that become one
        (Trust and Try become Desire) keep every touchpoint, except one that is
        identical to one already there, and the first goal; the notes list each of
        those, so nothing disappears without a word. The journey builder uses it when the learner picks another framework (notebook 07).

        >>> from journeylab.journey import Touchpoint
        >>> journey = Journey("Nordlys Home")
        >>> journey.add_touchpoint("Trust", Touchpoint("Reviews page"))
        >>> journey.add_touchpoint("Try", Touchpoint("Free sample"))
        >>> five, notes = journey.in_framework("five_stage")
        >>> [tp.channel for tp in five.touchpoints("Desire")], notes
        (['Reviews page', 'Free sample'], [])
        """
        source, target = self._framework, get_framework(framework)
        converted = Journey(self.name, framework=target, persona=self.persona)
        notes = []
        for stage in source.stage_names:
            destination = convert(stage, source, target)[0]
            for touchpoint in self.touchpoints(stage):
                try:
                    converted.add_touchpoint(destination, touchpoint)
                except ValidationError:
                    notes.append(f"{touchpoint.channel} ({stage}) was already in {destination}, so it appears once")
            goal = self.goal(stage)
            if goal is not None and converted.goal(destination) is None:
                converted.set_goal(destination, goal)
            elif goal is not None:
                notes.append(f"the goal of {stage} ({goal.goal}) was dropped: {destination} already has a goal")
            for opportunity in self.opportunities(stage):
                try:
                    converted.add_opportunity(destination, opportunity)
                except ValidationError:
                    notes.append(f"the opportunity '{opportunity.title}' ({stage}) was already in {destination}")
            converted.set_notes(destination, _merge_notes(converted.notes(destination), self.notes(stage)))
        return converted, notes

    # -- checks used by the changing methods --------------------------------------------

    def _stage(self, stage: str) -> str:
        return self._framework.stage(stage).name

    def _index(self, stage: str, index: Any, allow_end: bool = False) -> int:
        count = len(self._touchpoints[stage]) + (1 if allow_end else 0)
        if count == 0:
            raise ValidationError(f"stages.{stage}.touchpoints", "has no touchpoints yet", value=index)
        return _fields.whole_number(index, f"stages.{stage}.touchpoints index", 0, count - 1)

    @staticmethod
    def _check_touchpoint(touchpoint: Any, stage: str) -> Touchpoint:
        if not isinstance(touchpoint, Touchpoint):
            raise ValidationError(
                f"stages.{stage}.touchpoints", "must be a Touchpoint", value=touchpoint, allowed="a Touchpoint"
            )
        return touchpoint

    def _opportunity_index(self, stage: str, index: Any) -> int:
        count = len(self._opportunities[stage])
        if count == 0:
            raise ValidationError(f"stages.{stage}.opportunities", "has no opportunities yet", value=index)
        return _fields.whole_number(index, f"stages.{stage}.opportunities index", 0, count - 1)

    def _check_opportunity(self, stage: str, opportunity: Any, ignore: int | None) -> None:
        if not isinstance(opportunity, Opportunity):
            raise ValidationError(
                f"stages.{stage}.opportunities", "must be an Opportunity", value=opportunity, allowed="an Opportunity"
            )
        for index, existing in enumerate(self._opportunities[stage]):
            if index != ignore and existing.title.casefold() == opportunity.title.casefold():
                raise ValidationError(
                    f"stages.{stage}.opportunities[{index}]", "already has an opportunity with this title",
                    value=opportunity.title, allowed="a different title",
                )

    def _refuse_duplicate(self, stage: str, touchpoint: Touchpoint, ignore: int | None) -> None:
        for index, existing in enumerate(self._touchpoints[stage]):
            if index != ignore and existing.identity == touchpoint.identity:
                raise ValidationError(
                    f"stages.{stage}.touchpoints[{index}]",
                    "already has a touchpoint with this channel and customer action",
                    value=touchpoint.channel,
                    allowed="a different channel or customer action",
                )

    # -- JSON --------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The whole journey as plain data, stages in order (the JSON file's content)."""
        return {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "name": self.name,
            "framework": self._framework.key,
            "persona": None if self.persona is None else self.persona.to_dict(),
            "stages": {
                stage: {
                    "touchpoints": [_fields.model_to_dict(tp) for tp in self._touchpoints[stage]],
                    "goal": _fields.model_to_dict(self._goals[stage]) if stage in self._goals else None,
                    **_fields.model_to_dict(self._notes[stage]),
                    "opportunities": [_fields.model_to_dict(item) for item in self._opportunities[stage]],
                }
                for stage in self.stage_names
            },
        }

    @classmethod
    def from_dict(cls, data: Any) -> Journey:
        """Rebuild a journey from :meth:`to_dict` output, naming the field path of any problem."""
        data = _fields.mapping(data, "")
        _fields.known_keys(data, "", ("format", "version", "name", "framework", "persona", "stages"))
        if data.get("format", FILE_FORMAT) != FILE_FORMAT:
            raise FileFormatError("format", "this is not a journey file", value=data.get("format"), allowed=[FILE_FORMAT])
        if data.get("version", FILE_VERSION) != FILE_VERSION:
            raise FileFormatError("version", "is a version this package cannot read", value=data.get("version"), allowed=[FILE_VERSION])
        try:
            name = _fields.text(data.get("name"), "name", required=True)
        except ValidationError as error:
            raise FileFormatError(error.field, error.problem, value=error.value, allowed=error.allowed) from None
        persona = data.get("persona")
        journey = cls(
            name,
            framework=_framework_field(data.get("framework", DEFAULT_FRAMEWORK)),
            persona=None if persona is None else Persona.from_dict(persona, "persona"),
        )
        stages = _fields.mapping(data.get("stages", {}), "stages")
        for stage_name, content in stages.items():
            try:
                stage = journey.framework.stage(stage_name).name
            except UnknownNameError:
                raise FileFormatError(
                    f"stages.{stage_name}", "is not a stage of this framework", allowed=journey.stage_names
                ) from None
            path = f"stages.{stage}"
            content = _fields.mapping(content, path)
            _fields.known_keys(content, path, ("touchpoints", "goal", *NOTE_FIELDS, "opportunities"))
            _load_list(content, f"{path}.touchpoints", Touchpoint, lambda item: journey.add_touchpoint(stage, item))
            if content.get("goal") is not None:
                journey.set_goal(stage, _fields.model_from_dict(StageGoal, content["goal"], f"{path}.goal"))
            # notes and opportunities came later: a file saved before them has neither, and loads as it is
            notes = {name: content[name] for name in NOTE_FIELDS if name in content}
            journey.set_notes(stage, _fields.model_from_dict(StageNotes, notes, path))
            _load_list(content, f"{path}.opportunities", Opportunity, lambda item: journey.add_opportunity(stage, item))
        return journey

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Journey:
        return cls.from_dict(parse_json(text))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the journey as JSON, atomically: the old file stays intact until the new one is complete."""
        return atomic_write(path, self.to_json())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Journey:
        """Read a journey saved with :meth:`save` (or edited by hand)."""
        return cls.from_json(read_text(path))

    # -- table and Markdown: accessors only ----------------------------------------------
    # The table and Markdown formats live in journeylab.journey_formats, which imports this
    # model; these methods only forward to it (imported on use, so the model never depends on
    # its formats), because notebooks write `journey.to_csv(...)`.

    def to_frame(self):
        """The plan as a tidy table: one row per field, goal, touchpoint, note or idea (see :mod:`journeylab.journey_formats`)."""
        from journeylab.journey_formats import journey_to_frame

        return journey_to_frame(self)

    @classmethod
    def from_frame(cls, frame) -> Journey:
        from journeylab.journey_formats import journey_from_frame

        return journey_from_frame(frame)

    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_frame` as a CSV file (atomically), for a spreadsheet."""
        from journeylab.journey_formats import plan_csv_text

        return atomic_write(path, plan_csv_text(self))

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Journey:
        from journeylab.journey_formats import read_plan_csv

        return read_plan_csv(path)

    def to_markdown(self, path: str | os.PathLike[str] | None = None) -> str:
        """The plan as Markdown; with ``path``, also written to that file (atomically)."""
        from journeylab.journey_formats import journey_to_markdown

        text = journey_to_markdown(self)
        if path is not None:
            atomic_write(path, text)
        return text

    @classmethod
    def from_markdown(cls, text: str) -> Journey:
        from journeylab.journey_formats import journey_from_markdown

        return journey_from_markdown(text)


def _load_list(content: Any, path: str, model: type, add: Any) -> None:
    """Read the list at ``path`` (``stages.Try.opportunities``) item by item into the journey.

    A missing list is empty (older files); an item the journey refuses, such as a
    duplicate, is a format error naming the item's place in the file.
    """
    items = content.get(path.rsplit(".", 1)[1], [])
    if not isinstance(items, list):
        raise FileFormatError(path, "must be a list", value=items)
    for index, item in enumerate(items):
        try:
            add(_fields.model_from_dict(model, item, f"{path}[{index}]"))
        except ValidationError as error:
            if error.field.startswith(f"{path}[{index}]."):
                raise  # a bad value inside the item: its own field path says where
            raise FileFormatError(f"{path}[{index}]", error.problem, value=error.value) from None


def _merge_notes(first: StageNotes, second: StageNotes) -> StageNotes:
    """Notes of two stages that become one: texts joined, backstage items kept once."""
    join = lambda a, b: " / ".join(text for text in (a, b) if text)  # noqa: E731
    backstage = first.backstage + tuple(item for item in second.backstage if item not in first.backstage)
    return StageNotes(join(first.thinking, second.thinking), join(first.feeling, second.feeling), backstage)


def _framework_field(value: Any) -> Framework:
    try:
        return get_framework(value)
    except UnknownNameError as error:
        raise FileFormatError("framework", error.problem, value=value, allowed=error.allowed) from None
