"""The course as files: exercise notebooks generated from the solution notebooks.

``solutions/`` is the single source. Each answer in it sits between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` (the nbgrader convention), or
on one line that ends with ``### SOLUTION``. :func:`build_exercises` writes
``exercises/`` from it by a chain of small ``notebook -> notebook`` steps on a
copy: answers become ``...``, markers go, outputs are cleared.

What replaces an answer:

* a one-line answer ``leakiest = funnel.idxmin()  ### SOLUTION`` keeps its
  left-hand side: ``leakiest = ...``;
* a block keeps one ``name = ...`` line for every name the block assigns at its
  own indentation, so later cells still find the name; a block that assigns
  nothing (a function body, say) becomes a single ``...``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from journeylab.errors import FileFormatError
from journeylab.folders import course_folder
from journeylab.kernels import kernel_config
from journeylab.progress_store import throwaway_progress
from journeylab.storage import atomic_write
from journeylab.time_limits import AUTHOR_EXECUTE_CELL_SECONDS

__all__ = [
    "BEGIN_SOLUTION",
    "END_SOLUTION",
    "LINE_SOLUTION",
    "PLACEHOLDER",
    "strip_solutions",
    "exercise_from_solution",
    "build_exercises",
    "BuildReport",
    "execute_in_place",
]

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
LINE_SOLUTION = "### SOLUTION"
PLACEHOLDER = "..."

_ASSIGNMENT = re.compile(r"^(\s*)([A-Za-z_][A-Za-z_0-9]*)\s*(?::[^=]+)?=(?!=)")
_LINE_ANSWER = re.compile(r"^(\s*[A-Za-z_][A-Za-z_0-9.\[\]'\"]*\s*(?::[^=]+)?=)(?!=).*?\s*" + re.escape(LINE_SOLUTION) + r"\s*$")


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace every answer in one cell's source with its placeholder.

    ``where`` names the notebook and cell in the error raised for an
    unmatched BEGIN or END marker.
    """
    output: list[str] = []
    block: list[str] | None = None
    indent = ""
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped == BEGIN_SOLUTION:
            if block is not None:
                raise FileFormatError(where, f"line {number} opens a solution inside another one; close the first with {END_SOLUTION}")
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END_SOLUTION:
            if block is None:
                raise FileFormatError(where, f"line {number} closes a solution that was never opened with {BEGIN_SOLUTION}")
            output += _placeholder_for(block, indent)
            block = None
        elif block is not None:
            block.append(line)
        elif stripped.endswith(LINE_SOLUTION):
            match = _LINE_ANSWER.match(line)
            output.append(f"{match.group(1)} {PLACEHOLDER}" if match else line[: len(line) - len(line.lstrip())] + PLACEHOLDER)
        else:
            output.append(line)
    if block is not None:
        raise FileFormatError(where, f"a solution is opened with {BEGIN_SOLUTION} but never closed with {END_SOLUTION}")
    return "\n".join(output)


def _placeholder_for(block: list[str], indent: str) -> list[str]:
    names: list[str] = []
    for line in block:
        match = _ASSIGNMENT.match(line)
        if match and match.group(1) == indent and match.group(2) not in names:
            names.append(match.group(2))
    return [f"{indent}{name} = {PLACEHOLDER}" for name in names] or [f"{indent}{PLACEHOLDER}"]


def _has_markers(source: str) -> bool:
    return BEGIN_SOLUTION in source or END_SOLUTION in source or LINE_SOLUTION in source


def exercise_from_solution(solution: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The exercise version of a solution notebook (the solution itself is not changed)."""
    notebook = copy.deepcopy(solution)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            if _has_markers(cell.source):
                cell.source = strip_solutions(cell.source, where=f"{name}, cell {index + 1}")
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("execution", None)
    notebook.metadata.pop("papermill", None)
    return notebook


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build_exercises` wrote (or, with ``check=True``, found out of date)."""

    written: tuple[Path, ...]
    out_of_date: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    stale: tuple[Path, ...]

    @property
    def up_to_date(self) -> bool:
        return not (self.out_of_date or self.stale)


def build_exercises(
    solutions: str | Path | None = None,
    exercises: str | Path | None = None,
    *,
    check: bool = False,
    course: str | Path | None = None,
) -> BuildReport:
    """Write ``exercises/`` from ``solutions/``; with ``check=True`` only compare.

    Both folders default to those of the course folder (``course``, else the one
    :func:`journeylab.folders.course_folder` finds).
    An exercise notebook with no solution left behind it is reported as stale
    (and deleted when writing), so the two folders always list the same notebooks.
    """
    solutions = Path(solutions) if solutions is not None else course_folder(course) / "solutions"
    exercises = Path(exercises) if exercises is not None else course_folder(course) / "exercises"
    if not solutions.is_dir():
        raise FileFormatError(str(solutions), "is not a folder of solution notebooks",
                              allowed="the course's solutions/ folder")
    written, out_of_date, unchanged = [], [], []
    expected = set()
    for source in sorted(solutions.glob("*.ipynb")):
        target = exercises / source.name
        expected.add(target.name)
        try:
            solution = nbformat.read(source, as_version=4)
        except Exception as error:
            raise FileFormatError(source.name, f"is not a readable notebook ({error})") from None
        text = nbformat.writes(exercise_from_solution(solution, source.name)) + "\n"
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            unchanged.append(target)
        elif check:
            out_of_date.append(target)
        else:
            atomic_write(target, text)
            written.append(target)
    stale = [path for path in sorted(exercises.glob("*.ipynb")) if path.name not in expected]
    if not check:
        for path in stale:
            path.unlink()
    return BuildReport(tuple(written), tuple(out_of_date), tuple(unchanged), tuple(stale))


def execute_in_place(path: str | Path, timeout: int = AUTHOR_EXECUTE_CELL_SECONDS) -> Path:
    """Run a notebook top to bottom on a fresh kernel and store the outputs of that run.

    This is how the course's notebooks get the outputs that nbval compares:
    never by hand. The kernel starts in the notebook's own folder, as in JupyterLab.
    """
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    with throwaway_progress(), kernel_config() as config:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": str(path.parent)}}, config=config).execute()
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
    atomic_write(path, nbformat.writes(notebook) + "\n")
    return path
