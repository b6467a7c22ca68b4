"""Personas and empathy maps: the customer the journey is designed for.

A persona is a fictional but data-based profile of one customer segment
(notebook 03); an empathy map collects what that customer says, thinks, does
and feels (notebook 02). Both are plain values: build them, compare them,
turn them into dictionaries and back.

>>> jessica = Persona("Jessica", age=28, role="Marketing assistant",
...                   goals=["Furnish her first flat sustainably"],
...                   channels=["Instagram", "E-mail"])
>>> jessica.channels
('Instagram', 'E-mail')
>>> Persona("  ")
Traceback (most recent call last):
...
journeylab.errors.ValidationError: persona.name: must not be empty (got '  '). Allowed: any text that is not blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeylab import _fields

__all__ = ["Persona", "EmpathyMap", "MAX_AGE"]

MAX_AGE = 120


@dataclass(frozen=True)
class Persona:
    """A named profile of one customer segment.

    Texts are single lines; lists accept one text or a list of texts and are
    kept as tuples, so two personas with the same content compare equal.
    """

    name: str
    age: int | None = None
    role: str = ""
    goals: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    quote: str = ""
    segment: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "name", _fields.text(self.name, "persona.name", required=True))
        set_(self, "age", _fields.whole_number(self.age, "persona.age", 0, MAX_AGE, required=False))
        for name in ("role", "quote", "segment"):
            set_(self, name, _fields.text(getattr(self, name), f"persona.{name}"))
        for name in ("goals", "challenges", "channels"):
            set_(self, name, _fields.texts(getattr(self, name), f"persona.{name}"))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (lists instead of tuples)."""
        return _fields.model_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, field: str = "persona") -> Persona:
        """Rebuild a persona from :meth:`to_dict` output; errors name the field path."""
        return _fields.model_from_dict(cls, data, field)


@dataclass(frozen=True)
class EmpathyMap:
    """What a customer says, thinks, does and feels, with optional pains and gains.

    ``who`` names the persona or segment the map describes. The classic map has
    four quadrants (Says, Thinks, Does, Feels). The updated empathy canvas (Dave
    Gray, 2017) adds a ``goal`` — who we empathise with and what they need to
    do — and what the customer ``sees`` and ``hears``; it groups Thinks and
    Feels with Pains and Gains. One class holds both: a map with a goal, sees or
    hears is a canvas, anything else is classic (notebook 02).
    """

    who: str = ""
    says: tuple[str, ...] = ()
    thinks: tuple[str, ...] = ()
    does: tuple[str, ...] = ()
    feels: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    gains: tuple[str, ...] = ()
    goal: str = ""
    sees: tuple[str, ...] = ()
    hears: tuple[str, ...] = ()

    QUADRANTS = ("says", "thinks", "does", "feels")
    CANVAS_AREAS = ("goal", "sees", "says", "does", "hears", "thinks", "feels", "pains", "gains")

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "who", _fields.text(self.who, "empathy_map.who"))
        set_(self, "goal", _fields.text(self.goal, "empathy_map.goal"))
        for name in ("says", "thinks", "does", "feels", "pains", "gains", "sees", "hears"):
            set_(self, name, _fields.texts(getattr(self, name), f"empathy_map.{name}"))

    @property
    def layout(self) -> str:
        """``"canvas"`` when the map uses the updated canvas's goal, sees or hears; otherwise ``"classic"``."""
        return "canvas" if (self.goal or self.sees or self.hears) else "classic"

    @property
    def empty_quadrants(self) -> tuple[str, ...]:
        """The quadrants with nothing in them yet: what research is still missing."""
        return tuple(name for name in self.QUADRANTS if not getattr(self, name))

    @property
    def empty_areas(self) -> tuple[str, ...]:
        """The areas of the updated canvas with nothing in them yet."""
        return tuple(name for name in self.CANVAS_AREAS if not getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (lists instead of tuples)."""
        return _fields.model_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, field: str = "empathy_map") -> EmpathyMap:
        """Rebuild an empathy map from :meth:`to_dict` output; errors name the field path."""
        return _fields.model_from_dict(cls, data, field)
