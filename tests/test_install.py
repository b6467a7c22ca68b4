"""The package as a user installs it: a wheel outside the checkout, and the sdist as a course folder.

The wheel is installed into a folder of its own and run from an empty folder, so
nothing of the checkout can help it: the course data must come from the package
itself, and the course commands must say that there is no course folder here.
"""

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The wheel and the sdist, built from the checkout as `python -m build` builds them."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("*.whl")), next(out.glob("*.tar.gz"))


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory):
    """Run Python with only the installed wheel of journeylab (the libraries it needs come from this venv)."""
    target, elsewhere = tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("elsewhere")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(built[0])],
                   check=True, capture_output=True)
    env = {key: value for key, value in os.environ.items() if key != "JOURNEYLAB_COURSE"} | {"PYTHONPATH": str(target)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=elsewhere, env=env, capture_output=True, text=True)

    run.target = target
    return run


def test_the_installed_wheel_is_the_one_imported_and_loads_the_course_data(installed):
    code = ("import journeylab as jl; print(jl.__file__); data = jl.data.course_data(); "
            "print(data.customers.shape, data.events.shape, len(data.campaigns), len(data.activities))")
    result = installed("-c", code)
    assert result.returncode == 0, result.stderr
    where, shapes = result.stdout.splitlines()
    assert Path(where).is_relative_to(installed.target)
    assert shapes == "(2000, 17) (49644, 5) 84 42"


def test_the_data_made_by_the_wheel_equals_the_committed_files(installed, tmp_path):
    code = "import journeylab as jl; print(jl.data.load_events().to_csv(index=False))"
    from_wheel = installed("-c", code)
    assert from_wheel.returncode == 0, from_wheel.stderr
    from journeylab.data import load_events

    assert from_wheel.stdout == load_events(ROOT / "data" / "events.csv").to_csv(index=False) + "\n"


@pytest.mark.parametrize("command", [["list"], ["verify"], ["build-exercises", "--check"], ["data"]])
def test_course_commands_outside_a_course_folder_say_so_and_fail(installed, command):
    result = installed("-m", "journeylab.cli", *command)
    assert result.returncode == 2, result.stdout
    assert "no course folder in" in result.stderr and "--course FOLDER" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_never_writes_into_the_installed_package(installed):
    result = installed("-m", "journeylab.cli", "data", "--out", str(installed.target / "journeylab" / "data"))
    assert result.returncode == 2
    assert "where Python keeps installed packages" in result.stderr
    assert not (installed.target / "journeylab" / "data").exists()


def test_course_commands_find_the_course_given_with_course(installed):
    result = installed("-m", "journeylab.cli", "list", "--course", str(ROOT))
    assert result.returncode == 0, result.stderr
    assert "notebooks/00_start_here.ipynb" in result.stdout


def test_the_sdist_is_a_course_folder_that_runs_its_own_tests(built, tmp_path):
    with tarfile.open(built[1]) as sdist:
        sdist.extractall(tmp_path, filter="data")
    unpacked = next(tmp_path.iterdir())
    for needed in ("conftest.py", "tests/conftest.py", "tests/fixtures", "data/events.csv", "notebooks", "exercises",
                   "solutions", "Makefile", "constraints.txt", "LICENSE"):
        assert (unpacked / needed).exists(), f"the sdist lacks {needed}"
    # `python -m pytest` puts the unpacked folder first on sys.path: its own journeylab is tested
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_course.py",
                             "tests/test_data.py", "tests/test_cli.py"],
                            cwd=unpacked, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
    shutil.rmtree(unpacked)
