"""Exercise checks: instant, friendly feedback that never raises for a wrong answer.

A notebook asks a question, the learner writes an answer, and a check cell
calls ``check("04-leakiest-stage", answer)``. What comes back shows in the
notebook as a short message — correct, or what is wrong and a hint — and has a
plain-text form that nbval compares. The ``...`` placeholder that exercises are
generated with reads as "not answered yet", never as a pass.

Exercises are registered with :func:`exercise` (see :mod:`journeylab.exercises`,
which holds the course's own). A checker gets the answer (and any context the
notebook passes, such as the data it used) and returns ``None`` when the answer
is right, or a sentence saying what is wrong.

>>> from journeylab.checks import check
>>> print(check("00-first-answer", ...))
… 00-first-answer: not answered yet. Replace the ... with your answer and run the cell again.
>>> print(check("00-first-answer", "Know"))
✔ 00-first-answer: correct! Well done.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeylab.errors import UnknownNameError

__all__ = ["Exercise", "Feedback", "exercise", "check", "hint", "progress", "throwaway_progress", "EXERCISES", "PROGRESS_ENV"]

CORRECT, INCORRECT, NOT_ANSWERED = "correct", "incorrect", "not answered yet"

PROGRESS_ENV = "JOURNEYLAB_PROGRESS"
"""Environment variable naming the progress file; by default it sits in the user's home folder."""

Checker = Callable[..., "str | None"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to check it, the hints to give in order, and a known wrong answer.

    ``wrong_example`` exists so that the tests can prove the check can fail.
    """

    id: str
    checker: Checker
    hints: tuple[str, ...]
    wrong_example: Any
    right_example: Any = None


EXERCISES: dict[str, Exercise] = {}
"""Every registered exercise by id (filled by :mod:`journeylab.exercises`)."""

_hints_given: dict[str, int] = {}


def exercise(id: str, *, hints: list[str], wrong: Any, right: Any = None) -> Callable[[Checker], Checker]:
    """Register the decorated function as the checker of exercise ``id``."""

    def register(checker: Checker) -> Checker:
        if id in EXERCISES:
            raise ValueError(f"exercise {id!r} is registered twice")
        EXERCISES[id] = Exercise(id, checker, tuple(hints), wrong, right)
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
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def passed(self) -> bool:
        return self.status == CORRECT

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        symbol = {CORRECT: "✔", INCORRECT: "✘", NOT_ANSWERED: "…"}[self.status]
        text = f"{symbol} {self.exercise}: {self.message}"
        if self.hint:
            text += f"\n  Hint: {self.hint}"
        return text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {CORRECT: "#009E73", INCORRECT: "#D55E00", NOT_ANSWERED: "#999999"}[self.status]
        body = html.escape(self.message)
        if self.hint:
            body += f"<br><b>Hint:</b> {html.escape(self.hint)}"
        return (
            f'<div style="border-left: 6px solid {colour}; padding: 4px 10px; margin: 4px 0">'
            f"<b>{html.escape(self.exercise)}</b> — {body}</div>"
        )


def _get(exercise_id: str) -> Exercise:
    _load_course_exercises()
    if exercise_id not in EXERCISES:
        raise UnknownNameError("exercise", "there is no exercise with this id", value=exercise_id, allowed=sorted(EXERCISES))
    return EXERCISES[exercise_id]


def _load_course_exercises() -> None:
    import journeylab.exercises  # noqa: F401  (registers the course's exercises on import)


def is_placeholder(answer: Any) -> bool:
    """Whether an answer still is (or contains) the ``...`` placeholder, or is missing."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, (list, tuple, set, frozenset)):
        return any(is_placeholder(item) for item in answer)
    if isinstance(answer, dict):
        return any(is_placeholder(item) for item in answer.values())
    return False


def check(exercise_id: str, answer: Any, **context: Any) -> Feedback:
    """Check a learner's answer to an exercise and say, kindly, how it went.

    Introduced in notebook 00. Never raises for a wrong or missing answer: a
    checker that trips over an unexpected answer reports it as wrong, with the
    reason in plain words.
    """
    found = _get(exercise_id)
    if is_placeholder(answer):
        return Feedback(exercise_id, NOT_ANSWERED, "not answered yet. Replace the ... with your answer and run the cell again.")
    try:
        problem = found.checker(answer, **context)
    except Exception as error:  # a wrong answer of an unexpected kind must not show a traceback
        problem = f"this answer could not be checked ({type(error).__name__}: {error})."
    if problem is None:
        _record_pass(exercise_id)
        return Feedback(exercise_id, CORRECT, "correct! Well done.")
    first_hint = found.hints[0] if found.hints else ""
    return Feedback(exercise_id, INCORRECT, f"not quite. {problem}", hint=first_hint)


def hint(exercise_id: str) -> str:
    """The next hint for an exercise; after the last one, the solutions notebook is suggested."""
    found = _get(exercise_id)
    given = _hints_given.get(exercise_id, 0)
    _hints_given[exercise_id] = given + 1
    if given < len(found.hints):
        return f"Hint {given + 1} of {len(found.hints)}: {found.hints[given]}"
    return "No more hints: compare your answer with the same notebook in the solutions/ folder."


# -- progress ----------------------------------------------------------------------------


def _progress_file() -> Path:
    return Path(os.environ.get(PROGRESS_ENV) or Path.home() / ".journeylab" / "progress.json")


def _passed() -> set[str]:
    try:
        return set(json.loads(_progress_file().read_text(encoding="utf-8")).get("passed", []))
    except (OSError, ValueError, AttributeError):
        return set()  # no progress yet, or an unreadable file: start counting again


def _record_pass(exercise_id: str) -> None:
    from journeylab.storage import atomic_write

    passed = _passed() | {exercise_id}
    try:
        atomic_write(_progress_file(), json.dumps({"passed": sorted(passed)}, indent=2))
    except OSError:
        pass  # a read-only home folder must not break a check


@dataclass(frozen=True)
class Progress:
    """Which exercises a learner has passed, by notebook."""

    passed: tuple[str, ...]
    total: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"You have passed {len(self.passed)} of {len(self.total)} exercises."]
        by_notebook: dict[str, list[str]] = {}
        for exercise_id in self.total:
            by_notebook.setdefault(exercise_id.split("-", 1)[0], []).append(exercise_id)
        for notebook, ids in sorted(by_notebook.items()):
            marks = " ".join(("✔" if item in self.passed else "·") + " " + item.split("-", 1)[1] for item in ids)
            lines.append(f"Notebook {notebook}: {marks}")
        return "\n".join(lines)

    __repr__ = __str__


@contextmanager
def throwaway_progress() -> Iterator[None]:
    """Record passes in a temporary file while running notebooks for someone else.

    Authors executing the course, instructors running cohorts and collecting
    submissions would otherwise fill their own progress file with the passes
    of every notebook they run (kernels inherit the environment).
    """
    before = os.environ.get(PROGRESS_ENV)
    with tempfile.TemporaryDirectory(prefix="journeylab-progress-") as folder:
        os.environ[PROGRESS_ENV] = str(Path(folder) / "progress.json")
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(PROGRESS_ENV, None)
            else:
                os.environ[PROGRESS_ENV] = before


def progress() -> Progress:
    """Show which exercises you have passed so far, in every notebook.

    Introduced in notebook 00. Passes are remembered in a small file in your
    home folder (``~/.journeylab/progress.json``), so progress survives a restart.
    """
    _load_course_exercises()
    total = tuple(sorted(EXERCISES))
    return Progress(tuple(item for item in total if item in _passed()), total)
