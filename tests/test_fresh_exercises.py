"""Every generated exercise runs top to bottom on a fresh kernel, and every check in it reads as "not answered yet"."""

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_cases import COURSE_ROOT, EXERCISES, feedback_in, ids

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)


@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_every_check_in_a_fresh_exercise_says_not_answered_yet(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    expected = [exercise for _, exercise in feedback_in(nbformat.read(COURSE_ROOT / "solutions" / path.name, as_version=4))]
    found = feedback_in(notebook)
    assert [exercise for _, exercise in found] == expected, "every check of the solution runs in the exercise"
    assert all(symbol == "…" for symbol, _ in found), f"not every check reads 'not answered yet': {found}"
