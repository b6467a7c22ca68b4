"""Collecting submitted exercise notebooks into a completion table.

Each submission runs again, in a temporary folder, with a time limit per
cell, so what counts is what the notebook does now, not outputs someone could
have typed in. Every check it shows becomes one cell of the table: passed,
wrong or not answered. A notebook that is not a notebook, raises, or loops
forever is reported in the table and never stops the collection; the folder of
submissions is only read, never written.
"""

from __future__ import annotations

import hmac
import os
import secrets
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from journeylab.checks import CHECK_MIME_TYPE, CORRECT, INCORRECT, NOT_ANSWERED, SIGNING_ENV, signature
from journeylab.errors import FileFormatError, ValidationError
from journeylab.kernels import kernel_config
from journeylab.progress_store import throwaway_progress
from journeylab.spreadsheet_text import safe_frame
from journeylab.storage import atomic_write
from journeylab.time_limits import SUBMISSION_CELL_SECONDS

__all__ = ["Submission", "read_feedback", "run_submission", "collect", "completion_table", "write_report", "CELL_TIME_LIMIT",
           "check_time_limit", "check_report_path"]

CELL_TIME_LIMIT = SUBMISSION_CELL_SECONDS
"""Seconds one cell of a submission may run before it is stopped (set in :mod:`journeylab.time_limits`)."""

_STATUS = {CORRECT: "passed", INCORRECT: "wrong", NOT_ANSWERED: "not answered"}


@dataclass
class Submission:
    """What one submitted notebook showed when it ran again."""

    participant: str
    notebook: str
    checks: dict[str, str] = field(default_factory=dict)
    problem: str = ""


def read_feedback(notebook: nbformat.NotebookNode, key: str = "") -> dict[str, str]:
    """Exercise id -> passed / wrong / not answered, from the check results of a notebook.

    Only a check's own output counts (its data type :data:`~journeylab.checks.CHECK_MIME_TYPE`,
    signed with ``key`` when one is given), never text: any cell can print "✔ 00-…: correct!".
    """
    found: dict[str, str] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            result = output.get("data", {}).get(CHECK_MIME_TYPE)
            if not isinstance(result, dict) or result.get("status") not in _STATUS:
                continue
            exercise, status = str(result.get("exercise", "")), result["status"]
            if hmac.compare_digest(str(result.get("signature", "")), signature(exercise, status, key)):
                found[exercise] = _STATUS[status]
    return found


def run_submission(path: Path, participant: str, *, time_limit: int = CELL_TIME_LIMIT) -> Submission:
    """Run one submitted notebook on a copy, in a temporary folder, and read its checks."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    submission = Submission(participant, path.name)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:
        submission.problem = f"not a readable notebook ({type(error).__name__})"
        return submission
    for cell in notebook.cells:  # only what runs now counts
        if cell.cell_type == "code":
            cell.outputs = []
    with tempfile.TemporaryDirectory(prefix="journeylab-collect-") as scratch, kernel_config() as config:
        client = NotebookClient(
            notebook, timeout=time_limit, kernel_name="python3", allow_errors=True,
            resources={"metadata": {"path": scratch}}, store_widget_state=False, config=config,
        )
        key = secrets.token_hex(16)  # only checks run now, in this kernel, can sign with it
        before = os.environ.get(SIGNING_ENV)
        os.environ[SIGNING_ENV] = key
        try:
            with throwaway_progress():
                client.execute()
        except CellTimeoutError:
            submission.problem = f"stopped: a cell ran longer than the time limit of {time_limit} s"
        except DeadKernelError:
            submission.problem = "stopped: the notebook crashed its kernel"
        except Exception as error:
            submission.problem = f"could not run ({type(error).__name__})"
        finally:
            if before is None:
                os.environ.pop(SIGNING_ENV, None)
            else:
                os.environ[SIGNING_ENV] = before
    errors = [cell for cell in notebook.cells for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    if errors and not submission.problem:
        first = next(output for output in errors[0].outputs if output.get("output_type") == "error")
        submission.problem = f"a cell raised {first.get('ename', 'an error')}"
    submission.checks = read_feedback(notebook, key)
    return submission


def _participant_of(path: Path, folder: Path) -> str:
    """A submission's participant: its subfolder, or for a file at the top, the file name's stem."""
    relative = path.relative_to(folder)
    return relative.parts[0] if len(relative.parts) > 1 else path.stem


def check_time_limit(seconds: Any) -> int:
    """A time limit per cell: a whole number of seconds, at least 1 (0 would switch the limit off)."""
    if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 1:
        raise ValidationError("--time-limit", "must be a whole number of seconds, 1 or more", value=seconds,
                              allowed="e.g. 60; a submission that runs longer is stopped and reported")
    return seconds


def _unreadable(path: Path) -> str:
    """Why an entry of the submissions folder cannot be run as a notebook, or "" when it can."""
    if path.is_symlink() and not path.exists():
        return "a link to a file that is not there"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISDIR(mode):
        return "a folder whose name ends in .ipynb, not a notebook"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe or a device)"
    if not os.access(path, os.R_OK):
        return "cannot be read (no permission)"
    return ""


def collect(folder: str | Path, *, time_limit: int = CELL_TIME_LIMIT) -> list[Submission]:
    """Run every notebook under ``folder`` (read only) and return what each showed.

    An entry that cannot be run (a broken link, a folder named like a notebook, a
    pipe, an unreadable file) is one submission with its reason; it never stops
    the others.
    """
    folder = Path(folder)
    time_limit = check_time_limit(time_limit)
    if not folder.is_dir():
        raise FileFormatError(str(folder), "is not a folder of submissions", allowed="a folder that holds the notebooks")
    paths = sorted(path for path in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts)
    with tempfile.TemporaryDirectory(prefix="journeylab-submissions-") as scratch:
        results = []
        for path in paths:
            participant = _participant_of(path, folder)
            problem = _unreadable(path)
            copy = Path(scratch) / path.relative_to(folder)
            if not problem:
                try:
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, copy)  # the submission folder is never touched by a run
                except OSError as error:
                    problem = f"cannot be read ({error.strerror or error})"
            if problem:
                results.append(Submission(participant, path.name, problem=problem))
                continue
            results.append(run_submission(copy, participant, time_limit=time_limit))
        return results


def completion_table(submissions: list[Submission]) -> pd.DataFrame:
    """One row per participant and notebook; one column per exercise, plus any problem."""
    exercises = sorted({exercise for submission in submissions for exercise in submission.checks})
    rows = []
    for submission in submissions:
        row: dict[str, str | int] = {"participant": submission.participant, "notebook": submission.notebook}
        row |= {exercise: submission.checks.get(exercise, "") for exercise in exercises}
        row["passed"] = sum(status == "passed" for status in submission.checks.values())
        row["problem"] = submission.problem
        rows.append(row)
    columns = ["participant", "notebook", *exercises, "passed", "problem"]
    return pd.DataFrame(rows, columns=columns)


REPORT_ENDINGS = (".csv", ".html", ".htm")


def check_report_path(path: str | Path) -> Path:
    """Where a report may go: a .csv or .html file name, not a folder. Checked before anything runs."""
    path = Path(path)
    if path.is_dir():
        raise FileFormatError(str(path), "is a folder; the report needs a file name", allowed="e.g. completion.csv")
    if path.suffix.lower() not in REPORT_ENDINGS:
        raise FileFormatError(str(path), "is not a name the report can be written to",
                              allowed="a name ending in .csv or .html")
    return path


def write_report(table: pd.DataFrame, path: str | Path) -> Path:
    """Write the completion table as CSV, or as HTML when the name ends in .html (atomically)."""
    path = check_report_path(path)
    if path.suffix.lower() in (".html", ".htm"):
        body = table.to_html(index=False, na_rep="", border=0)
        page = f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Completion</title></head><body>\n{body}\n</body></html>\n"
        return atomic_write(path, page)
    return atomic_write(path, safe_frame(table).to_csv(index=False, lineterminator="\n"))  # names never run as formulas
