"""Generating exercises from solutions."""

from pathlib import Path

import nbformat
import pytest

from journeylab.course import build_exercises, exercise_from_solution, strip_solutions
from journeylab.errors import FileFormatError

COURSE_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "source, expected",
    [
        ("answer = 'Know'  ### SOLUTION", "answer = ..."),
        ("    rate: float = clicks / views * 100  ### SOLUTION", "    rate: float = ..."),
        ("### BEGIN SOLUTION\nfunnel = jl.analytics.stage_funnel(events)\nleakiest = funnel['step_conversion'].idxmin()\n### END SOLUTION\ncheck('x', leakiest)",
         "funnel = ...\nleakiest = ...\ncheck('x', leakiest)"),
        ("def ctr(clicks, views):\n    ### BEGIN SOLUTION\n    return clicks / views\n    ### END SOLUTION", "def ctr(clicks, views):\n    ..."),
        ("stages = [\n    ### BEGIN SOLUTION\n    'Know', 'Like',\n    ### END SOLUTION\n]", "stages = [\n    ...\n]"),
        ("x = 1\nif x == 1:\n    y = 2", "x = 1\nif x == 1:\n    y = 2"),
    ],
)
def test_strip_solutions_leaves_the_scaffold_and_a_placeholder(source, expected):
    assert strip_solutions(source) == expected


@pytest.mark.parametrize(
    "source, message",
    [
        ("### BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n### END SOLUTION", "line 2 closes a solution that was never opened"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "line 2 opens a solution inside another one"),
    ],
)
def test_unmatched_markers_name_the_notebook_and_cell(source, message):
    with pytest.raises(FileFormatError, match=f"^01_strategy.ipynb, cell 3: .*{message}"):
        strip_solutions(source, where="01_strategy.ipynb, cell 3")


def solution_notebook():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("answer = 'Know'  ### SOLUTION", execution_count=1,
                                     outputs=[nbformat.v4.new_output("stream", text="hi")])
    notebook.cells = [nbformat.v4.new_markdown_cell("# Title"), code]
    return notebook


def test_an_exercise_is_a_cleared_copy_and_the_solution_is_untouched():
    solution = solution_notebook()
    exercise = exercise_from_solution(solution)
    assert exercise.cells[1].source == "answer = ..."
    assert exercise.cells[1].outputs == [] and exercise.cells[1].execution_count is None
    assert solution.cells[1].source == "answer = 'Know'  ### SOLUTION"


def test_build_writes_exercises_and_check_notices_drift(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    nbformat.write(solution_notebook(), solutions / "01_a.ipynb")
    assert not build_exercises(solutions, exercises, check=True).up_to_date
    report = build_exercises(solutions, exercises)
    assert [path.name for path in report.written] == ["01_a.ipynb"]
    assert build_exercises(solutions, exercises, check=True).up_to_date
    (exercises / "01_a.ipynb").write_text((exercises / "01_a.ipynb").read_text().replace("...", "'Know'"))
    assert [p.name for p in build_exercises(solutions, exercises, check=True).out_of_date] == ["01_a.ipynb"]
    (exercises / "99_old.ipynb").write_text("{}")
    assert [p.name for p in build_exercises(solutions, exercises, check=True).stale] == ["99_old.ipynb"]
    build_exercises(solutions, exercises)
    assert sorted(p.name for p in exercises.glob("*.ipynb")) == ["01_a.ipynb"]


def test_the_committed_exercises_are_generated_from_the_committed_solutions():
    report = build_exercises(COURSE_ROOT / "solutions", COURSE_ROOT / "exercises", check=True)
    assert report.up_to_date, (
        f"exercises/ is out of date ({[p.name for p in report.out_of_date + report.stale]}): "
        "run `journeylab build-exercises`"
    )
