"""Shared cases for the tests of the course notebooks: the three sets of notebooks, and the check
results a notebook shows."""

import re
from pathlib import Path

COURSE_ROOT = Path(__file__).resolve().parent.parent

TEACHING = sorted((COURSE_ROOT / "notebooks").glob("*.ipynb"))
SOLUTIONS = sorted((COURSE_ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((COURSE_ROOT / "exercises").glob("*.ipynb"))
FEEDBACK = re.compile(r"^([✔✘…]) (\d\d-[\w-]+): ", re.MULTILINE)


def ids(paths):
    return [f"{path.parent.name}/{path.name}" for path in paths]


def feedback_in(notebook):
    """(symbol, exercise id) for every check result shown in a notebook's outputs."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "") or output.get("text", "")
            found += FEEDBACK.findall(text)
    return found
