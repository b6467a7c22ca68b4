"""Running the course's notebooks with parameters: one run, a cohort, the whole course.

Papermill does the executing. It only warns about a parameter a notebook does
not have and never checks a value, so every run here is validated first: an
unknown name or a bad value stops that run with a message naming the parameter
and what is allowed. Runs go to separate processes (papermill is process-safe,
not thread-safe), so a cohort uses every core and one participant's failure
never stops the others.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeylab.errors import CourseFolderError, FileFormatError, JourneyLabError, SchemaError, UnknownNameError, ValidationError
from journeylab.folders import course_folder
from journeylab.kernels import kernel_config
from journeylab.parameters import PARAMETERS
from journeylab.progress_store import throwaway_progress
from journeylab.time_limits import COURSE_RUN_CELL_SECONDS

__all__ = [
    "course_notebooks",
    "notebook_parameters",
    "validate_run",
    "run_notebook",
    "safe_name",
    "participant_folders",
    "read_roster",
    "RunResult",
    "run_cohort",
    "expected_cost",
    "verify_course",
]

RUN_TIMEOUT = COURSE_RUN_CELL_SECONDS
"""Seconds one cell may take before a run counts as failed (set in :mod:`journeylab.time_limits`)."""


def course_notebooks(root: str | Path | None = None) -> list[Path]:
    """The teaching notebooks and exercise notebooks of the course folder, in course order.

    ``root`` defaults to the course folder found by :func:`journeylab.folders.course_folder`;
    a folder without any notebook is an error, never an empty course.
    """
    root = course_folder(root)
    notebooks = sorted((root / "notebooks").glob("*.ipynb")) + sorted((root / "exercises").glob("*.ipynb"))
    if not notebooks:
        raise CourseFolderError("course folder", f"{root} has no notebooks in notebooks/ or exercises/",
                                allowed="point to the folder that holds the course's notebooks")
    return notebooks


def notebook_parameters(path: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its ``parameters`` cell: default and help text."""
    import papermill

    try:
        found = papermill.inspect_notebook(str(path))
    except Exception as error:
        raise FileFormatError(str(path), f"cannot be read as a notebook ({error})") from None
    return {
        name: {"default": info["default"], "type": info["inferred_type_name"], "help": info["help"]}
        for name, info in found.items()
    }


def validate_run(path: str | Path, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Check parameters for one notebook; return them cleaned (``"7"`` for a seed becomes 7).

    A name the notebook does not declare is an error listing the ones it does.
    """
    declared = notebook_parameters(path)
    cleaned = {}
    for name, value in parameters.items():
        if name not in declared:
            raise UnknownNameError(
                "parameter", f"{Path(path).name} has no parameter of that name", value=name, allowed=sorted(declared)
            )
        cleaned[name] = PARAMETERS[name].clean(_from_text(value)) if name in PARAMETERS else value
    return cleaned


def _from_text(value: Any) -> Any:
    """A value typed on a command line or in a roster: whole numbers become ints."""
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
        return int(value)
    return value


def run_notebook(
    path: str | Path, output: str | Path, parameters: Mapping[str, Any] | None = None, *, timeout: int = RUN_TIMEOUT
) -> Path:
    """Validate the parameters, then execute ``path`` into ``output`` with papermill.

    The run starts in the output's folder, so anything the notebook exports
    lands next to the executed notebook, not in the course. Papermill rewrites
    its output while it runs, so it writes to a temporary file that replaces
    ``output`` only when the run succeeded: an interrupted or failed run never
    leaves a half-run notebook in place of a good one. ``output`` may not be
    the notebook itself.
    """
    import papermill

    cleaned = validate_run(path, parameters or {})
    output = Path(output)
    if output.is_dir():
        raise ValidationError("output", "is a folder; the run needs a file name", value=str(output),
                              allowed=f"a notebook file name, e.g. {output / (Path(path).stem + '_run.ipynb')}")
    if output.resolve() == Path(path).resolve():
        raise ValidationError("output", "is the notebook being run: the run would replace it", value=str(output),
                              allowed="another file name, e.g. NAME_run.ipynb")
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.stem}.", suffix=".running.ipynb")
    os.close(handle)
    try:
        with kernel_config() as config:
            papermill.execute_notebook(
                str(path), temporary, parameters=cleaned, kernel_name="python3", cwd=str(output.parent),
                progress_bar=False, log_output=False, execution_timeout=timeout, config=config,
            )
        os.replace(temporary, output)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return output


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def safe_name(name: str) -> str:
    """A folder name made from a participant's name: Unicode kept, path characters replaced.

    >>> safe_name("Ærø Cykler / Anne-Mette")
    'Ærø_Cykler_Anne-Mette'
    >>> safe_name("../..")
    'participant'
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _UNSAFE.sub(" ", text)
    text = "_".join(text.split()).strip("._")
    return text[:100] or "participant"


def read_roster(path: str | Path) -> list[dict[str, str]]:
    """Read a roster CSV: a ``participant`` column and one column per parameter it sets.

    Empty cells mean "use the notebook's default".
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = list(reader.fieldnames or [])
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FileFormatError(str(path), f"cannot be read as a CSV roster ({error})") from None
    if "participant" not in columns:
        raise SchemaError("participant", f"is a missing column of the roster {Path(path).name}",
                          allowed="a column 'participant' and one column per parameter, e.g. seed")
    unknown = [column for column in columns if column != "participant" and column not in PARAMETERS]
    if unknown:
        raise UnknownNameError("roster column", "is not a notebook parameter", value=unknown[0], allowed=sorted(PARAMETERS))
    for number, row in enumerate(rows, start=2):
        if None in row:  # DictReader keeps cells beyond the header under None
            raise SchemaError("roster", f"line {number} of {Path(path).name} has more cells than the header has columns",
                              allowed=f"one cell per column: {', '.join(columns)}")
    roster = [{key: (value or "").strip() for key, value in row.items()} for row in rows]
    for number, row in enumerate(roster, start=2):
        if not row["participant"]:
            raise SchemaError("participant", f"is empty on line {number} of {Path(path).name}", allowed="a name")
    return roster


@dataclass(frozen=True)
class RunResult:
    """How one participant's run of one notebook went."""

    participant: str
    notebook: str
    output: str
    ok: bool
    seconds: float
    error: str = ""
    not_applied: tuple[str, ...] = ()  # roster parameters this notebook does not have (e.g. framework, in 00-06)


def _run_one(participant: str, notebook: str, output: str, parameters: dict[str, Any],
             not_applied: tuple[str, ...] = ()) -> RunResult:
    start = time.perf_counter()
    try:
        with throwaway_progress():
            run_notebook(notebook, output, parameters)
        return RunResult(participant, Path(notebook).name, output, True, time.perf_counter() - start,
                         not_applied=not_applied)
    except JourneyLabError as error:
        message = str(error)
    except Exception as error:  # the notebook itself failed: papermill says which cell
        message = f"{type(error).__name__}: {str(error).strip().splitlines()[-1] if str(error).strip() else ''}"
    return RunResult(participant, Path(notebook).name, output, False, time.perf_counter() - start, message)


def participant_folders(names: Iterable[str]) -> list[str]:
    """One distinct folder name per participant, in roster order.

    A repeated name gets ``-2``, ``-3`` ...; a suffix is never one that another
    participant's own name would give (``x``, ``x``, ``x-2`` become ``x``, ``x-3``,
    ``x-2``), and names that differ only in capitals stay apart on every computer.

    >>> participant_folders(["x", "x", "x-2", "Anne", "anne"])
    ['x', 'x-3', 'x-2', 'Anne', 'anne-2']
    """
    bases = [safe_name(name) for name in names]
    own = {base.casefold() for base in bases}
    taken: set[str] = set()
    folders = []
    for base in bases:
        candidate, number = base, 1
        while candidate.casefold() in taken or (number > 1 and candidate.casefold() in own):
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate.casefold())
        folders.append(candidate)
    return folders


def run_cohort(
    roster: str | Path | list[dict[str, str]],
    out: str | Path,
    notebooks: Iterable[str | Path] | None = None,
    *,
    jobs: int | None = None,
    progress: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    """Make and execute a personalised workbook set for every participant of a roster.

    Each participant gets a folder in ``out`` (a safe, distinct name: see
    :func:`participant_folders`) laid out as the course is, ``notebooks/`` and
    ``exercises/``, so it opens as a course folder of its own (the data comes
    from the participant's seed). Runs go in parallel over ``jobs`` processes
    (default: every core), the longest first; a failed run is reported, not fatal.
    """
    _check_jobs(jobs)
    rows = read_roster(roster) if not isinstance(roster, list) else roster
    notebook_paths = [Path(path) for path in (notebooks or course_notebooks())]
    out = Path(out)
    declared = {notebook: set(notebook_parameters(notebook)) for notebook in notebook_paths}
    tasks = []
    for row, folder in zip(rows, participant_folders(row["participant"] for row in rows)):
        parameters = {key: value for key, value in row.items() if key != "participant" and value != ""}
        for notebook in notebook_paths:  # notebooks/00_… and exercises/00_… share a name: keep their folders
            # a roster column applies to the notebooks that have that parameter (framework: notebook 07 only)
            applied = {key: value for key, value in parameters.items() if key in declared[notebook]}
            not_applied = tuple(sorted(set(parameters) - set(applied)))
            tasks.append((row["participant"], str(notebook), str(out / folder / notebook.parent.name / notebook.name),
                          applied, not_applied))
    return _run_in_pool(tasks, jobs, progress)


def _check_jobs(jobs: int | None) -> None:
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValidationError("--jobs", "must be a whole number of parallel runs, 1 or more", value=jobs,
                              allowed=f"1 to {os.cpu_count() or 1} on this computer (one per core is fastest)")


def expected_cost(notebook: str | Path) -> int:
    """How long a notebook's run is likely to take, as a number to sort by: the size of its file.

    Why: the stored outputs are mostly figures, and drawing is what takes time,
    so the biggest notebooks are the slowest ones (07 and 04 before 00).
    """
    try:
        return Path(notebook).stat().st_size
    except OSError:
        return 0


def _run_in_pool(tasks: list[tuple[Any, ...]], jobs: int | None,
                 progress: Callable[[RunResult], None] | None) -> list[RunResult]:
    """Run ``(participant, notebook, output, parameters, not_applied)`` tasks over ``jobs`` processes.

    The longest runs start first, so that no core sits idle at the end while
    another finishes the slowest notebook alone. Results come back in task order.
    """
    _check_jobs(jobs)
    results: dict[int, RunResult] = {}
    longest_first = sorted(range(len(tasks)), key=lambda index: -expected_cost(tasks[index][1]))  # stable
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        futures = {pool.submit(_run_one, *tasks[index]): index for index in longest_first}
        for future in as_completed(futures):
            results[futures[future]] = result = future.result()
            if progress is not None:
                progress(result)
    return [results[index] for index in range(len(tasks))]


def verify_course(root: str | Path | None = None, out: str | Path | None = None, *, jobs: int | None = None,
                  progress: Callable[[RunResult], None] | None = None) -> list[RunResult]:
    """Execute every notebook of the course with its defaults and time each one.

    Runs go over ``jobs`` processes (default: every core), the longest first, as
    in :func:`run_cohort`; the results are in course order.
    """
    _check_jobs(jobs)
    notebooks = course_notebooks(root)
    with tempfile.TemporaryDirectory(prefix="journeylab-verify-") as scratch:
        target = Path(out) if out is not None else Path(scratch)
        tasks: list[tuple[Any, ...]] = [("course", str(notebook), str(target / notebook.parent.name / notebook.name), {})
                                        for notebook in notebooks]
        return _run_in_pool(tasks, jobs, progress)
