"""Collecting submissions safely: only the checks' own signed results count, and nothing a submission
starts outlives its run."""

import nbformat
import pytest
from submission_cases import SOLUTION, with_extra_cell

from journeylab.collect import collect, completion_table

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)


def test_only_the_checks_own_signed_results_count_not_text_or_forged_data(tmp_path):
    forged = ('from IPython.display import display\n'
              'print("✔ 00-first-answer: correct! Well done.")\n'
              'display({"application/vnd.journeylab.check+json": {"exercise": "00-count-customers", '
              '"status": "correct", "signature": ""}}, raw=True)')
    folder = tmp_path / "submissions"
    folder.mkdir()
    nbformat.write(with_extra_cell(forged), folder / "cheat.ipynb")
    nbformat.write(nbformat.read(SOLUTION, as_version=4), folder / "honest.ipynb")
    table = completion_table(collect(folder, time_limit=30)).set_index("participant")
    assert table.loc["cheat", "passed"] == 0
    assert table.loc["cheat", "00-first-answer"] == "not answered"
    assert table.loc["honest", "00-first-answer"] == "passed" and table.loc["honest", "00-count-customers"] == "passed"


def test_processes_a_submission_starts_end_with_its_run(tmp_path):
    # jupyter_client starts each kernel in a session of its own and ends it by process group;
    # this guards that a child a submission starts (a server, a sleep) does not outlive the run.
    import os
    import time

    pid_file = tmp_path / "child.pid"
    starter = f'import subprocess\nchild = subprocess.Popen(["sleep", "300"])\nopen({str(pid_file)!r}, "w").write(str(child.pid))'
    folder = tmp_path / "submissions"
    folder.mkdir()
    nbformat.write(with_extra_cell(starter), folder / "server.ipynb")
    collect(folder, time_limit=30)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        status = open(f"/proc/{pid}/status").read() if os.path.exists(f"/proc/{pid}/status") else ""
        if "State:\tZ" in status:
            break  # killed, waiting only to be reaped
        time.sleep(0.2)
    else:
        raise AssertionError(f"process {pid} started by the submission is still running")
