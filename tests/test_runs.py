"""Parameterised runs of one notebook, on the course's real notebooks (cohorts: test_cohort.py)."""

import os
from pathlib import Path

import nbformat
import pytest

from journeylab.cli import main
from journeylab.errors import UnknownNameError, ValidationError
from journeylab.runs import course_notebooks, notebook_parameters, run_notebook, validate_run

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)

COURSE_ROOT = Path(__file__).resolve().parent.parent
START = COURSE_ROOT / "notebooks" / "00_start_here.ipynb"


def test_the_course_lists_teaching_notebooks_then_exercises_each_with_company_and_seed():
    notebooks = course_notebooks()
    folders = [path.parent.name for path in notebooks]
    assert folders == sorted(folders, key=["notebooks", "exercises"].index)
    for path in notebooks:
        assert {"company", "seed"} <= set(notebook_parameters(path))


@pytest.mark.parametrize(
    "parameters, error, message",
    [
        ({"bogus": 1}, UnknownNameError, "parameter: 00_start_here.ipynb has no parameter of that name (got 'bogus'). Allowed: company, seed."),
        ({"seed": "abc"}, ValidationError, "seed: must be a whole number (got 'abc')"),
        ({"seed": -3}, ValidationError, "seed: is out of range (got -3)"),
        ({"company": "  "}, ValidationError, "company: must not be empty"),
    ],
)
def test_a_bad_parameter_stops_the_run_before_anything_runs(tmp_path, parameters, error, message):
    with pytest.raises(error) as caught:
        run_notebook(START, tmp_path / "out.ipynb", parameters)
    assert str(caught.value).startswith(message)
    assert not (tmp_path / "out.ipynb").exists()


def test_values_typed_as_text_are_cleaned():
    assert validate_run(START, {"seed": "7", "company": "Ærø Cykler"}) == {"seed": 7, "company": "Ærø Cykler"}


def test_a_run_injects_the_parameters_and_stores_the_outputs(tmp_path):
    output = run_notebook(START, tmp_path / "mine.ipynb", {"seed": 7, "company": "Ærø Cykler"})
    notebook = nbformat.read(output, as_version=4)
    injected = [cell for cell in notebook.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    values: dict = {}
    exec(injected[0].source, values)  # papermill writes Python literals (non-ASCII escaped)
    assert (values["seed"], values["company"]) == (7, "Ærø Cykler")
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")


def test_run_command_names_a_missing_notebook(capsys):
    assert main(["run", "notebooks/99_missing.ipynb"]) == 2
    assert "99_missing.ipynb" in capsys.readouterr().err


def test_list_shows_every_notebook_with_its_defaults(capsys):
    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    assert "notebooks/00_start_here.ipynb" in printed and "exercises/00_start_here.ipynb" in printed
    assert 'seed = 2024  # data seed' in printed


def test_a_failed_run_leaves_the_good_workbook_in_place(tmp_path):
    good = tmp_path / "workbook.ipynb"
    run_notebook(START, good, {"seed": 3})
    before = good.read_bytes()
    broken = tmp_path / "broken.ipynb"
    notebook = nbformat.read(START, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('stopped half way')"))
    nbformat.write(notebook, broken)
    with pytest.raises(Exception, match="stopped half way"):
        run_notebook(broken, good, {"seed": 4})
    assert good.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken.ipynb", "workbook.ipynb"]  # no temporary left


def test_run_refuses_to_write_over_the_notebook_it_runs(tmp_path):
    copy = tmp_path / "00.ipynb"
    copy.write_bytes(START.read_bytes())
    with pytest.raises(ValidationError, match="output: is the notebook being run"):
        run_notebook(copy, copy)
    assert copy.read_bytes() == START.read_bytes()


def test_run_command_asks_for_force_before_replacing_an_output(tmp_path, capsys):
    existing = tmp_path / "mine.ipynb"
    existing.write_text("{}", encoding="utf-8")
    assert main(["run", str(START), "-o", str(existing)]) == 2
    assert "exists already" in capsys.readouterr().err and existing.read_text(encoding="utf-8") == "{}"
    assert main(["run", str(START), "-o", str(existing), "--force"]) == 0
    assert nbformat.read(existing, as_version=4).cells


def test_run_into_a_folder_is_refused_with_a_named_error(tmp_path, capsys):
    assert main(["run", str(START), "-o", str(tmp_path)]) == 2
    assert "output: is a folder; the run needs a file name" in capsys.readouterr().err


def small_notebook(path: Path, code: str) -> Path:
    """A notebook with a parameters cell (``seed``) and one cell of ``code``, written to ``path``."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("seed = 2024", metadata={"tags": ["parameters"]}),
                      nbformat.v4.new_code_cell(code)]
    nbformat.write(notebook, path)
    return path


@pytest.mark.skipif(os.name != "posix", reason="ZeroMQ has no ipc sockets on Windows: runs there keep TCP ports")
def test_a_runs_kernel_talks_over_sockets_in_a_folder_of_its_own_that_goes_with_the_run(tmp_path):
    # Over TCP two runs starting at once in a cohort could pick the same free port ("Address already in use").
    source = small_notebook(tmp_path / "where.ipynb", "import json, ipykernel\n"
                                                    "info = json.loads(ipykernel.get_connection_info())\n"
                                                    "print(info['transport'], info['ip'])")
    ran = nbformat.read(run_notebook(source, tmp_path / "where_run.ipynb", {"seed": 5}), as_version=4)
    transport, ip = ran.cells[-1].outputs[0]["text"].split()
    assert transport == "ipc"
    assert Path(ip).parent.name.startswith("journeylab-kernel-")
    assert not Path(ip).parent.exists()  # removed with the run


def test_a_runs_kernel_keeps_its_own_log_out_of_the_instructors_terminal(tmp_path, capfd):
    # jupyter_client interrupts a kernel before it stops it; landing mid-reply, that printed
    # "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel." after runs that went well.
    source = small_notebook(tmp_path / "log.ipynb", "get_ipython().kernel.log.error('a line of the kernel log')\n"
                                                  "print('the notebook still speaks')")
    ran = nbformat.read(run_notebook(source, tmp_path / "log_run.ipynb"), as_version=4)
    assert ran.cells[-1].outputs[0]["text"] == "the notebook still speaks\n"
    assert "a line of the kernel log" not in capfd.readouterr().err
