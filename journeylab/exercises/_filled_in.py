"""When a model a learner builds counts as filled in: every part there, and none of it a placeholder.

A persona with the age 0 and "x" in every field has all its fields, and still
says nothing about a customer. The checks of notebooks 03 and 07 ask the same
of a persona, so they share :func:`persona_problem`.
"""

from __future__ import annotations

from journeylab.exercises._answers import filler, listed
from journeylab.personas import Persona

__all__ = ["persona_problem", "YOUNGEST_CUSTOMER", "OLDEST_CUSTOMER"]

YOUNGEST_CUSTOMER, OLDEST_CUSTOMER = 16, 100
"""The ages a persona of a customer may have: old enough to buy on their own, and a lifetime."""

_PARTS = (("role", "role", "a role"), ("goals", "goal", "a goal"), ("challenges", "challenge", "a challenge"),
          ("channels", "preferred channel", "a preferred channel"), ("quote", "quote", "a quote"))
"""The persona's fields a complete persona needs: the field, its name in words, and 'a ...' for the missing list."""


def persona_problem(persona: Persona, needs_quote: bool = False) -> str | None:
    """What keeps ``persona`` from being a complete persona, in one sentence; None when nothing does."""
    parts = [part for part in _PARTS if needs_quote or part[0] != "quote"]
    missing = (["an age"] if persona.age is None else []) + [
        article for field, _, article in parts if not getattr(persona, field)]
    if missing:
        return f"The persona still needs {listed(missing)}."
    assert persona.age is not None
    if not YOUNGEST_CUSTOMER <= persona.age <= OLDEST_CUSTOMER:
        return f"The persona's age is {persona.age}: give the age of a grown-up customer, such as 35."
    if filler(persona.name):
        return f"The persona's name is only '{persona.name}': give it a first name, such as \"Lena\"."
    for field, words, _ in parts:
        value = getattr(persona, field)
        placeholder = next((item for item in ((value,) if isinstance(value, str) else value) if filler(item)), None)
        if placeholder is not None:
            return (f"The persona's {words} is only '{placeholder}': write a real {words}, in words a colleague "
                    "would understand.")
    return None
