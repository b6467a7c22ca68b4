"""Shared cases for the tests of journeylab.collect: the course's first exercise and its solution, and
an exercise with one cell more."""

from pathlib import Path

import nbformat

COURSE_ROOT = Path(__file__).resolve().parent.parent

EXERCISE = COURSE_ROOT / "exercises" / "00_start_here.ipynb"
SOLUTION = COURSE_ROOT / "solutions" / "00_start_here.ipynb"


def with_extra_cell(source: str):
    notebook = nbformat.read(EXERCISE, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(source))
    return notebook
