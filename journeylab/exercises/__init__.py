"""The course's exercises, and the ``check``, ``hint`` and ``progress`` that notebooks call.

One module per notebook (``nb00`` … ``nb08``), one checker per exercise. Ids read
``NN-short-name``, where ``NN`` is the notebook that asks the question. A checker
returns ``None`` for a right answer, or one sentence that says what is wrong
without giving the answer away; hints go from gentle to nearly the answer.
``wrong`` is a plausible wrong answer, with which the tests prove that every
check can fail.

The modules are loaded on first use (they need pandas, which ``import journeylab``
does not load) and register themselves with the engine, :mod:`journeylab.checks`.

>>> print(check("00-first-answer", ...))
… 00-first-answer: not answered yet. Replace the ... with your answer and run the cell again.
>>> print(check("00-first-answer", "Know"))
✔ 00-first-answer: correct! Well done.
"""

from __future__ import annotations

import difflib
import importlib
from typing import Any

from journeylab.checks import EXERCISES, NOT_ANSWERED, NOT_ANSWERED_TEXT, Exercise, Feedback, evaluate
from journeylab.errors import UnknownNameError
from journeylab.friendly import last_cell_failed
from journeylab.progress_store import Progress, record_pass

__all__ = ["NOTEBOOK_MODULES", "course_exercises", "check", "hint", "Hint", "progress"]

NOTEBOOK_MODULES = ("nb00", "nb01", "nb02", "nb03", "nb04", "nb05", "nb06", "nb07", "nb08")
"""The modules that hold the exercises, one per notebook, in course order."""

_hints_given: dict[str, int] = {}


def course_exercises() -> dict[str, Exercise]:
    """Every exercise of the course by id, loading the notebook modules the first time."""
    for name in NOTEBOOK_MODULES:
        importlib.import_module(f"{__name__}.{name}")  # registers its exercises once; later calls are a lookup
    return EXERCISES


def _get(exercise_id: str) -> Exercise:
    exercises = course_exercises()
    if exercise_id not in exercises:
        close = difflib.get_close_matches(str(exercise_id), list(exercises), n=3, cutoff=0.6)
        notebook = [name for name in exercises if name[:3] == str(exercise_id)[:3]]
        raise UnknownNameError("exercise", "there is no exercise with this id", value=exercise_id,
                               allowed=close or notebook or "the id printed above the exercise, such as '00-first-answer'")
    return exercises[exercise_id]


def check(exercise_id: str, answer: Any, **context: Any) -> Feedback:
    """Check a learner's answer to an exercise and say, kindly, how it went.

    Introduced in notebook 00. Never raises for a wrong or missing answer; a pass
    is remembered for :func:`progress`. When the cell before the check stopped
    with an error, the check says so rather than "not answered yet".
    """
    feedback = evaluate(_get(exercise_id), answer, **context)
    if feedback.passed:
        record_pass(exercise_id)
    elif feedback.message == NOT_ANSWERED_TEXT and last_cell_failed():  # the learner did answer: the cell failed
        feedback = Feedback(exercise_id, NOT_ANSWERED, "the cell above stopped with an error, so your answer was not "
                                                       "saved: fix that cell first (see the message in red), run it, "
                                                       "then run this check again.")
    return feedback


class Hint(str):
    """A hint: text that a notebook shows as text, not as a quoted Python string."""

    def __repr__(self) -> str:
        return str(self)


def hint(exercise_id: str) -> Hint:
    """The next hint for an exercise; after the last one, the solutions notebook is suggested."""
    found = _get(exercise_id)
    given = _hints_given.get(exercise_id, 0)
    _hints_given[exercise_id] = given + 1
    if given < len(found.hints):
        return Hint(f"Hint {given + 1} of {len(found.hints)}: {found.hints[given]}")
    return Hint("No more hints: compare your answer with the same notebook in the solutions/ folder.")


def progress() -> Progress:
    """Show which exercises you have passed so far, in every notebook.

    Introduced in notebook 00. Passes are remembered in a small file in your
    home folder (``~/.journeylab/progress.json``), so progress survives a restart.
    """
    counted = [item for item in course_exercises().values() if not item.practice]  # in lesson order
    return Progress.of([item.id for item in counted], {item.id: item.title for item in counted})
