"""A learner's slip in a real kernel: a few plain lines, the cell still fails, and checks know it failed."""

import os
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from journeylab.checks import evaluate
from journeylab.exercises import course_exercises

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*cells: str, env: dict | None = None, allow_errors: bool = True) -> list[str]:
    """Run cells on a fresh kernel; what each shows (its error lines, or its text), colours removed."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    before = dict(os.environ)
    os.environ.update(env or {})
    try:
        NotebookClient(notebook, kernel_name="python3", allow_errors=allow_errors, timeout=60).execute()
    finally:
        os.environ.clear()
        os.environ.update(before)
    shown = []
    for cell in notebook.cells:
        parts = []
        for output in cell.outputs:
            if output.output_type == "error":
                parts.append("\n".join(output.traceback))
            elif output.output_type == "stream":
                parts.append(output.text)
            else:
                parts.append(output.get("data", {}).get("text/plain", ""))
        shown.append(ANSI.sub("", "\n".join(parts)))
    return shown


@pytest.fixture(scope="module")
def slips():
    return run(
        "import journeylab as jl",
        "persona = jl.Persona('Jessica', age='41')",
        "jl.check('03-persona-from-segment', persona)",
        "answer = Know",
        "x = ...\nlen(x)",
        "total = 40,000 +",
        "goal = jl.StageGoal('Reach', 'CTR', '70%')",
        "answer = ...",
        "1 / 0",
        "jl.check('00-first-answer', answer)",
    )


def test_a_course_error_is_two_plain_lines_without_package_code(slips):
    lines = slips[1].splitlines()
    assert lines == ["ValidationError: persona.age: must be a whole number (got '41'). Allowed: a whole number from 0 to 120.",
                     "Numbers go without quotes: write 41 instead of '41', then run the cell again."]
    assert "journeylab/" not in slips[1] and "Traceback" not in slips[1]


def test_a_percentage_typed_as_text_is_explained(slips):
    assert "write 70 instead of '70%' (rates are percentages already" in slips[6]


def test_a_check_after_a_failed_cell_says_to_fix_that_cell_first(slips):
    assert "NameError: name 'persona' is not defined" in slips[2]
    assert "stopped with an error: fix that cell first" in slips[2]
    assert "the cell above stopped with an error, so your answer was not saved" in slips[9]


@pytest.mark.parametrize("cell, python_says, hint", [
    (3, "NameError: name 'Know' is not defined", 'Text needs quotes: write "Know"'),
    (4, "TypeError: object of type 'ellipsis' has no len()", "There is still a ... in this cell"),
    (5, "SyntaxError: invalid syntax", "numbers are written without thousands commas"),
])
def test_a_python_slip_keeps_pythons_message_and_gets_one_plain_line(slips, cell, python_says, hint):
    assert python_says in slips[cell] and hint in slips[cell]


def test_other_errors_are_left_as_python_shows_them(slips):
    assert "ZeroDivisionError" in slips[8] and "Text needs quotes" not in slips[8]


def test_the_cell_still_fails_for_papermill_and_nbval():
    with pytest.raises(CellExecutionError, match="ValidationError"):
        run("import journeylab as jl", "jl.Persona('Jessica', age='41')", allow_errors=False)


@pytest.mark.parametrize("switch", [{"cells": ["jl.plain_errors(False)"]}, {"env": {"JOURNEYLAB_PLAIN_ERRORS": "0"}}])
def test_instructors_can_have_the_full_traceback_back(switch):
    shown = run("import journeylab as jl", *switch.get("cells", []), "jl.Persona('Jessica', age='41')",
                env=switch.get("env"))
    assert "Traceback" in shown[-1] and "_fields.py" in shown[-1]


def test_none_from_print_gets_its_own_sentence():
    feedback = evaluate(course_exercises()["00-first-answer"], None)
    assert feedback.status == "not answered yet" and "print(...)" in feedback.message
