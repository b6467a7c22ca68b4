"""`journeylab verify`: the whole course executed with its defaults, over a pool of processes, longest first."""

from pathlib import Path

import nbformat
import pytest

from journeylab.cli import main
from journeylab.errors import ValidationError
from journeylab.runs import expected_cost, verify_course

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)

COURSE_ROOT = Path(__file__).resolve().parent.parent
START = COURSE_ROOT / "notebooks" / "00_start_here.ipynb"


def test_verify_runs_every_notebook_longest_first_and_reports_the_one_that_fails(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises").mkdir()
    nbformat.write(nbformat.read(START, as_version=4), tmp_path / "notebooks" / "00_start_here.ipynb")
    failing = nbformat.read(START, as_version=4)
    failing.cells.append(nbformat.v4.new_markdown_cell("A long page of text. " * 2000))  # the bigger file
    failing.cells.append(nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(failing, tmp_path / "exercises" / "00_start_here.ipynb")
    started = []
    results = verify_course(tmp_path, jobs=1, progress=lambda result: started.append(Path(result.output).parent.name))
    assert started == ["exercises", "notebooks"]  # one process: the biggest notebook ran first
    assert [(Path(result.output).parent.name, result.ok) for result in results] == [("notebooks", True),
                                                                                    ("exercises", False)]
    assert "ZeroDivisionError" in results[1].error
    assert all(result.seconds > 0 for result in results)


def test_the_course_notebooks_with_the_most_figures_are_expected_to_take_longest():
    costs = {path.name: expected_cost(path) for path in (COURSE_ROOT / "notebooks").glob("*.ipynb")}
    assert max(costs, key=costs.get) != "00_start_here.ipynb"
    assert costs["07_build_your_journey.ipynb"] > costs["00_start_here.ipynb"]
    assert expected_cost(COURSE_ROOT / "notebooks" / "no_such.ipynb") == 0


@pytest.mark.parametrize("jobs", [0, -2, 1.5, True])
def test_verify_refuses_a_number_of_jobs_that_is_not_one_or_more(jobs):
    with pytest.raises(ValidationError, match=r"^--jobs: must be a whole number of parallel runs, 1 or more"):
        verify_course(jobs=jobs)


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_the_verify_command_names_a_bad_number_of_jobs(capsys, jobs):
    assert main(["verify", "--jobs", jobs]) == 2
    error = capsys.readouterr().err
    assert "--jobs: must be a whole number of parallel runs, 1 or more" in error and "Allowed: 1 to" in error
