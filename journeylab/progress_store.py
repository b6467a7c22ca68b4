"""The learner's progress: which exercises they have passed, remembered across restarts.

Passes are kept in a small JSON file, ``~/.journeylab/progress.json`` unless the
environment variable ``JOURNEYLAB_PROGRESS`` names another. Reading it never
fails (a missing or broken file is no progress yet) and writing it never breaks
a check (a read-only home folder just forgets).
"""

from __future__ import annotations

import json
import os

try:
    import fcntl
except ImportError:  # Windows: no lock, as before
    fcntl = None  # type: ignore[assignment]
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from journeylab.checks import CORRECT, SYMBOLS
from journeylab.errors import FileFormatError
from journeylab.storage import atomic_write, parse_json

__all__ = ["PROGRESS_ENV", "Progress", "passed_exercises", "record_pass", "throwaway_progress"]

PROGRESS_ENV = "JOURNEYLAB_PROGRESS"
"""Environment variable naming the progress file; by default it sits in the user's home folder."""


def _progress_file() -> Path:
    return Path(os.environ.get(PROGRESS_ENV) or Path.home() / ".journeylab" / "progress.json")


def passed_exercises() -> set[str]:
    """The ids of the exercises passed so far."""
    try:
        return set(parse_json(_progress_file().read_text(encoding="utf-8")).get("passed", []))
    except (OSError, ValueError, AttributeError, TypeError, FileFormatError):
        return set()  # no progress yet, or an unreadable file: start counting again


def record_pass(exercise_id: str) -> None:
    """Remember that an exercise was passed (two kernels passing at once both keep theirs: the file is locked)."""
    try:
        with _locked(_progress_file()):
            passed = passed_exercises() | {exercise_id}
            atomic_write(_progress_file(), json.dumps({"passed": sorted(passed)}, indent=2))
    except OSError:
        pass  # a read-only home folder must not break a check


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold a lock beside ``path`` while reading and rewriting it (fcntl where the system has it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Progress:
    """Which exercises a learner has passed, by notebook."""

    passed: tuple[str, ...]
    total: tuple[str, ...]
    titles: Mapping[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, exercise_ids: Sequence[str], titles: Mapping[str, str] | None = None) -> Progress:
        """The progress over these exercises (in lesson order), from the progress file."""
        passed = passed_exercises()
        return cls(tuple(item for item in exercise_ids if item in passed), tuple(exercise_ids), dict(titles or {}))

    def __str__(self) -> str:
        lines = [f"You have passed {len(self.passed)} of {len(self.total)} exercises (✔ passed, · not yet)."]
        by_notebook: dict[str, list[str]] = {}
        for exercise_id in self.total:  # kept in lesson order
            by_notebook.setdefault(exercise_id.split("-", 1)[0], []).append(exercise_id)
        for notebook, ids in by_notebook.items():
            marks = "  ".join(f"{SYMBOLS[CORRECT] if item in self.passed else '·'} {self.titles.get(item, item)}"
                              for item in ids)
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
