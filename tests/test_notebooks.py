"""The course notebooks keep the conventions nbval and papermill rely on.

nbval compares stored outputs with a fresh run, but a cell that was never run
passes trivially, and a notebook without a ``parameters`` cell cannot be
parameterised: these tests close both gaps. They also prove the exercise checks
both ways: every check in a solution reads as correct, and every check in the
generated exercise runs and reads as "not answered yet" (test_fresh_exercises.py, which runs them).
"""

import nbformat
import papermill
import pytest
from notebook_cases import COURSE_ROOT, EXERCISES, SOLUTIONS, TEACHING, feedback_in, ids

from journeylab import exercises
from journeylab.parameters import PARAMETERS


def test_the_course_has_its_notebooks_in_pairs():
    assert TEACHING, "no teaching notebooks found"
    assert [path.name for path in EXERCISES] == [path.name for path in SOLUTIONS]
    numbers = [path.name[:2] for path in TEACHING]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


@pytest.mark.parametrize("path", TEACHING + SOLUTIONS, ids=ids(TEACHING + SOLUTIONS))
def test_every_code_cell_has_stored_outputs_of_a_run(path):
    notebook = nbformat.read(path, as_version=4)
    unexecuted = [index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code" and cell.execution_count is None]
    assert not unexecuted, f"cells {unexecuted} were never run: run `journeylab execute {path.relative_to(COURSE_ROOT)}`"
    counts = [cell.execution_count for cell in notebook.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "outputs must come from one top-to-bottom run"


@pytest.mark.parametrize("path", TEACHING + SOLUTIONS + EXERCISES, ids=ids(TEACHING + SOLUTIONS + EXERCISES))
def test_every_notebook_has_one_parameters_cell_with_company_and_seed(path):
    notebook = nbformat.read(path, as_version=4)
    tagged = [cell for cell in notebook.cells if "parameters" in cell.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    parameters = papermill.inspect_notebook(str(path))
    assert {"company", "seed"} <= set(parameters)
    assert set(parameters) <= set(PARAMETERS), "every parameter is one journeylab validates"
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_every_check_in_a_solution_reads_as_correct(path):
    found = feedback_in(nbformat.read(path, as_version=4))
    assert found, "a solution notebook shows at least one check"
    wrong = [exercise for symbol, exercise in found if symbol != "✔"]
    assert not wrong, f"checks that do not pass on their own solution: {wrong}"


def test_every_registered_exercise_is_asked_in_a_solution():
    asked = {exercise for path in SOLUTIONS for _, exercise in feedback_in(nbformat.read(path, as_version=4))}
    known = {item.id for item in exercises.course_exercises().values() if not item.practice}
    assert known <= asked, f"checks no notebook uses: {sorted(known - asked)}"


def test_every_practice_check_is_tried_out_in_a_teaching_notebook():
    tried = {exercise for path in TEACHING for _, exercise in feedback_in(nbformat.read(path, as_version=4))}
    practice = {item.id for item in exercises.course_exercises().values() if item.practice}
    assert practice and practice <= tried


def test_exercises_are_registered_in_the_order_the_lessons_ask_them():
    # jl.progress() lists exercises in registration order: it must be the order of the solutions.
    asked = []
    for path in SOLUTIONS:
        asked += [exercise for _, exercise in feedback_in(nbformat.read(path, as_version=4)) if exercise not in asked]
    counted = [item.id for item in exercises.course_exercises().values() if not item.practice]
    assert counted == asked
