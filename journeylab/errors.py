"""The one error family of the package.

Every error that ``journeylab`` raises on purpose is a :class:`JourneyLabError`.
Each keeps the facts a learner needs as attributes — the ``field`` that is wrong,
the ``value`` it had and what is ``allowed`` — and says them in its message, so
a notebook can show a plain sentence instead of a traceback.

>>> from journeylab.errors import ValidationError
>>> error = ValidationError("touchpoint.emotion", "must be a whole number", value=7,
...                         allowed="-2, -1, 0, 1 or 2")
>>> print(error)
touchpoint.emotion: must be a whole number (got 7). Allowed: -2, -1, 0, 1 or 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "JourneyLabError",
    "ValidationError",
    "UnknownNameError",
    "FileFormatError",
    "SchemaError",
    "NoDataError",
    "CourseFolderError",
]

_NO_VALUE = object()


def _describe_allowed(allowed: str | Iterable[Any] | None) -> str | None:
    """Turn a list of allowed values into words; keep a sentence as it is."""
    if allowed is None or isinstance(allowed, str):
        return allowed
    return ", ".join(str(item) for item in allowed)


def _shortened(text: str, limit: int = 80) -> str:
    """A value as the message shows it: a pasted page or a 400-digit number is cut, not echoed whole."""
    return text if len(text) <= limit else f"{text[:limit - 20]}… ({len(text):,} characters)"


class JourneyLabError(Exception):
    """Base class: a problem the user can fix, described in plain words.

    Parameters
    ----------
    field:
        Where the problem is, as a path (``stages.Trust.touchpoints[2].emotion``)
        or a name (``framework``); empty when no single field is to blame.
    problem:
        What is wrong, in words a marketer understands.
    value:
        The offending value, when there is one.
    allowed:
        What would be accepted: a list of names or a short sentence.
    """

    def __init__(
        self,
        field: str,
        problem: str,
        *,
        value: Any = _NO_VALUE,
        allowed: str | Iterable[Any] | None = None,
    ) -> None:
        self.field = field
        self.problem = problem
        self.value = None if value is _NO_VALUE else value
        self.has_value = value is not _NO_VALUE
        self.allowed = _describe_allowed(allowed)
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"{self.field}: {self.problem}" if self.field else self.problem
        if self.has_value:
            text += f" (got {_shortened(repr(self.value))})"
        text += "."
        if self.allowed:
            text += f" Allowed: {self.allowed}."
        return text


class ValidationError(JourneyLabError, ValueError):
    """A value breaks a rule of a model (an empty name, an emotion of 7)."""


class UnknownNameError(JourneyLabError, LookupError):
    """A name that is not in a registry (a framework, stage or KPI); lists the valid ones."""


class FileFormatError(JourneyLabError):
    """A saved file cannot be read back: broken JSON, a missing or mistyped field."""


class SchemaError(JourneyLabError):
    """A table lacks a column the package needs, or a column has the wrong type."""


class NoDataError(JourneyLabError):
    """A file or a filter leaves nothing to analyse: no file matches, or no event is left once mapped to stages."""


class CourseFolderError(JourneyLabError):
    """A command needs the course's folder (notebooks/, exercises/) and cannot find it, or may not write there.

    ``allowed`` holds advice here (what to do instead), so the message says it as a sentence.
    """

    def _message(self) -> str:
        text = f"{self.field}: {self.problem}." if self.field else f"{self.problem}."
        if self.allowed:
            text += f" {self.allowed[0].upper()}{self.allowed[1:]}."
        return text
