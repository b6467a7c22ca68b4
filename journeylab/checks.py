"""Exercise checks: instant, friendly feedback that never raises for a wrong answer.

A notebook asks a question, the learner writes an answer, and a check cell
calls ``check("04-leakiest-stage", answer)``. What comes back shows in the
notebook as a short message — correct, or what is wrong and a hint — and has a
plain-text form that nbval compares. The ``...`` placeholder that exercises are
generated with reads as "not answered yet", never as a pass.

This module is the engine only: an exercise is registered with :func:`exercise`
and judged with :func:`evaluate`. A checker gets the answer (and any context
the notebook passes, such as the data it used) and returns ``None`` when the
answer is right, or a sentence saying what is wrong. The course's own exercises,
and the ``check``/``hint``/``progress`` that notebooks call, live in
:mod:`journeylab.exercises`; passes are remembered by :mod:`journeylab.progress_store`.

>>> @exercise("99-doc-example", hints=["It is the first stage."], wrong="Buy")
... def _doc_example(answer):
...     return None if answer == "Know" else f"'{answer}' is not the first stage."
>>> print(evaluate(EXERCISES["99-doc-example"], ...))
… 99-doc-example: not answered yet. Replace the ... with your answer and run the cell again.
>>> print(evaluate(EXERCISES["99-doc-example"], "Buy"))
✘ 99-doc-example: not quite. 'Buy' is not the first stage.
  Hint: It is the first stage.
>>> del EXERCISES["99-doc-example"]
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import html
import os
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

__all__ = ["Exercise", "Feedback", "exercise", "evaluate", "is_placeholder", "EXERCISES", "SYMBOLS",
           "CORRECT", "INCORRECT", "NOT_ANSWERED", "NOT_ANSWERED_TEXT", "remark",
           "CHECK_MIME_TYPE", "SIGNING_ENV", "signature"]

CORRECT, INCORRECT, NOT_ANSWERED = "correct", "incorrect", "not answered yet"

NOT_ANSWERED_TEXT = "not answered yet. Replace the ... with your answer and run the cell again."

CHECK_MIME_TYPE = "application/vnd.journeylab.check+json"
"""The output type a check's result carries besides its text; ``journeylab collect`` counts only these."""

SIGNING_ENV = "JOURNEYLAB_COLLECT_KEY"
"""Set by ``journeylab collect`` for the kernels it starts: checks sign their results with it."""


def signature(exercise: str, status: str, key: str | None = None) -> str:
    """A check result's signature under ``key``: by default the collect run's (``""`` outside one)."""
    key = os.environ.get(SIGNING_ENV, "") if key is None else key
    if not key:
        return ""
    return hmac.new(key.encode(), f"{exercise}\n{status}".encode(), hashlib.sha256).hexdigest()

SYMBOLS = {CORRECT: "✔", INCORRECT: "✘", NOT_ANSWERED: "…"}
"""The mark each status starts its text form with (``journeylab collect`` reads them back)."""

Checker = Callable[..., "str | None"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to check it, the hints to give in order, and a known wrong answer.

    ``wrong_example`` exists so that the tests can prove the check can fail. A
    ``practice`` exercise (a teaching notebook's try-out) counts in no progress.
    """

    id: str
    checker: Checker
    hints: tuple[str, ...]
    wrong_example: Any
    right_example: Any = None
    practice: bool = False

    @property
    def title(self) -> str:
        """The id in words: 04-leakiest-stage is "Leakiest stage", 05-compute-ctr "Compute CTR"."""
        words = [word.upper() if word in _ACRONYMS else word for word in self.id.split("-")[1:]]
        text = " ".join(words)
        return text[:1].upper() + text[1:]


_ACRONYMS = {"kpi", "ctr", "nps", "csat", "smart"}

EXERCISES: dict[str, Exercise] = {}
"""Every registered exercise by id (the course's are registered when :mod:`journeylab.exercises` loads them)."""


def exercise(id: str, *, hints: list[str], wrong: Any, right: Any = None,
             practice: bool = False) -> Callable[[Checker], Checker]:
    """Register the decorated function as the checker of exercise ``id`` (in the order of the lesson)."""

    def register(checker: Checker) -> Checker:
        if id in EXERCISES:
            raise ValueError(f"exercise {id!r} is registered twice")
        EXERCISES[id] = Exercise(id, checker, tuple(hints), wrong, right, practice)
        return checker

    return register


@dataclass(frozen=True)
class Feedback:
    """The result of a check: its status, a message and, when wrong, a hint.

    It is truthy when the answer is correct, so ``assert check(...)`` works in tests.
    """

    exercise: str
    status: str
    message: str
    hint: str = ""

    @property
    def passed(self) -> bool:
        return self.status == CORRECT

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        text = f"{SYMBOLS[self.status]} {self.exercise}: {self.message}"
        if self.hint:
            text += f"\n  Hint: {self.hint}"
        return text

    __repr__ = __str__

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The check's result as data of its own type, which ``journeylab collect`` reads (text can be typed)."""
        return {CHECK_MIME_TYPE: {"exercise": self.exercise, "status": self.status,
                                  "signature": signature(self.exercise, self.status)}}

    def _repr_html_(self) -> str:
        colour = {CORRECT: "#009E73", INCORRECT: "#D55E00", NOT_ANSWERED: "#999999"}[self.status]
        body = html.escape(self.message)
        if self.hint:
            body += f"<br><b>Hint:</b> {html.escape(self.hint)}"
        return (
            f'<div style="border-left: 6px solid {colour}; padding: 4px 10px; margin: 4px 0">'
            f"<b>{html.escape(self.exercise)}</b> — {body}</div>"
        )


_PLACEHOLDER_TEXTS = {"...", "…"}


def is_placeholder(answer: Any) -> bool:
    """Whether an answer still is (or contains) the ``...`` placeholder, or is missing.

    The placeholder counts wherever it is left: ``...`` itself, the text ``"..."``,
    an item of a list, a value of a dictionary or a field of a model
    (``jl.Tactic("...")``, ``jl.Persona("Jessica", goals=["..."])``, a touchpoint of a journey).

    >>> is_placeholder(["Know", ...]), is_placeholder({"goal": "..."}), is_placeholder(["Know", "Like"])
    (True, True, False)
    """
    return _holds_placeholder(answer, none_counts=True)


def _holds_placeholder(value: Any, *, none_counts: bool) -> bool:
    if value is Ellipsis or (value is None and none_counts):
        return True
    if isinstance(value, str):
        return value.strip() in _PLACEHOLDER_TEXTS
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_holds_placeholder(item, none_counts=none_counts) for item in value)
    if isinstance(value, dict):
        return any(_holds_placeholder(item, none_counts=none_counts) for item in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a model: an empty field may be None
        return any(_holds_placeholder(getattr(value, item.name), none_counts=False) for item in dataclasses.fields(value))
    if _is_course_model(value):  # a Journey keeps its parts inside: look at what it saves
        return _holds_placeholder(value.to_dict(), none_counts=False)
    return False


def _is_course_model(value: Any) -> bool:
    """Whether ``value`` is one of the package's own models with a ``to_dict`` (not a pandas table, which has one too)."""
    return type(value).__module__.startswith("journeylab.") and callable(getattr(value, "to_dict", None))


_remarks: ContextVar[tuple[str, ...]] = ContextVar("journeylab_check_remarks", default=())


def remark(text: str) -> None:
    """Add a sentence to the feedback of a correct answer, e.g. the exact value behind a rounded one."""
    _remarks.set((*_remarks.get(), text))


def evaluate(found: Exercise, answer: Any, **context: Any) -> Feedback:
    """Judge one answer to an exercise. Never raises for a wrong or missing answer.

    A checker that trips over an answer of an unexpected kind reports it as
    wrong, with the reason in plain words, rather than show a traceback.
    """
    if answer is None:
        return Feedback(found.id, NOT_ANSWERED, "the answer is None, which is what print(...) gives back: write the "
                                                "answer itself after the = sign, without print, and run both cells again.")
    if is_placeholder(answer):
        return Feedback(found.id, NOT_ANSWERED, NOT_ANSWERED_TEXT)
    token = _remarks.set(())
    try:
        problem = found.checker(answer, **context)
    except Exception as error:  # a wrong answer of an unexpected kind must not show a traceback
        problem = f"this answer could not be checked ({type(error).__name__}: {error})."
    finally:
        remarks = _remarks.get()
        _remarks.reset(token)
    if problem is None:
        return Feedback(found.id, CORRECT, " ".join(("correct! Well done.", *remarks)))
    first_hint = found.hints[0] if found.hints else ""
    return Feedback(found.id, INCORRECT, f"not quite. {problem}", hint=first_hint)
