"""Finding the course folder, and what the package does without one."""

import sysconfig
from pathlib import Path

import pytest

from journeylab import folders
from journeylab.cli import main
from journeylab.errors import CourseFolderError

ROOT = Path(__file__).resolve().parent.parent


def make_course(path: Path) -> Path:
    (path / "notebooks").mkdir(parents=True)
    (path / "exercises").mkdir()
    return path


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """An empty current folder, no JOURNEYLAB_COURSE, and a package that is not in a checkout (as from a wheel)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(folders.COURSE_ENV, raising=False)
    monkeypatch.setattr(folders, "_PACKAGE", tmp_path / "site-packages" / "journeylab")
    return tmp_path


def test_the_current_folder_or_one_above_it_is_found(nowhere, monkeypatch):
    course = make_course(nowhere / "course")
    (course / "notebooks" / "deeper").mkdir()
    monkeypatch.chdir(course / "notebooks" / "deeper")
    assert folders.course_folder() == course.resolve()


def test_an_explicit_folder_wins_over_the_environment_which_wins_over_the_current_folder(nowhere, monkeypatch):
    here, from_env, given = (make_course(nowhere / name) for name in ("here", "env", "given"))
    monkeypatch.chdir(here)
    monkeypatch.setenv(folders.COURSE_ENV, str(from_env))
    assert folders.course_folder(given) == given.resolve()
    assert folders.course_folder() == from_env.resolve()


def test_outside_a_course_the_error_says_where_it_looked_and_how_to_point_to_one(nowhere):
    with pytest.raises(CourseFolderError) as caught:
        folders.course_folder()
    message = str(caught.value)
    assert f"no course folder in {nowhere.resolve()} or any folder above it" in message
    assert "--course FOLDER" in message and "JOURNEYLAB_COURSE" in message


def test_a_wrong_explicit_folder_or_environment_variable_is_named(nowhere, monkeypatch):
    with pytest.raises(CourseFolderError, match="elsewhere has no notebooks/ and exercises/ folders"):
        folders.course_folder(nowhere / "elsewhere")
    monkeypatch.setenv(folders.COURSE_ENV, str(nowhere / "typo"))
    with pytest.raises(CourseFolderError, match=r"JOURNEYLAB_COURSE=.*typo has no notebooks/"):
        folders.course_folder()


@pytest.mark.parametrize("command", [["list"], ["verify"], ["build-exercises", "--check"], ["data"], ["cohort", "roster.csv", "--out", "w"]])
def test_course_commands_fail_loudly_outside_a_course_folder(nowhere, capsys, command):
    (nowhere / "roster.csv").write_text("participant\nAnne\n", encoding="utf-8")
    assert main(command) == 2
    assert "no course folder in" in capsys.readouterr().err
    assert not (nowhere / "w").exists()


def test_a_course_folder_without_notebooks_is_an_error_not_an_empty_course(nowhere, capsys):
    make_course(nowhere)
    assert main(["verify"]) == 2
    assert "has no notebooks in notebooks/ or exercises/" in capsys.readouterr().err


def test_list_with_course_reads_the_given_folder(nowhere, capsys):
    assert main(["list", "--course", str(ROOT)]) == 0
    assert "notebooks/00_start_here.ipynb" in capsys.readouterr().out


def test_without_a_course_folder_the_loaders_make_the_committed_data_from_the_seed(nowhere):
    from journeylab import data

    assert folders.data_folder() is None
    for dataset, load in (("customers", data.load_customers), ("events", data.load_events),
                          ("campaigns", data.load_campaigns), ("activities", data.load_activities)):
        committed = load(ROOT / "data" / f"{dataset}.csv")
        made = load()
        assert made.equals(committed), dataset
        assert list(made.dtypes) == list(committed.dtypes), dataset


def test_data_writes_into_the_course_folders_data_by_default(nowhere, capsys):
    make_course(nowhere)
    assert main(["data", "--seed", "7"]) == 0
    assert (nowhere / "data" / "events.csv").exists()


@pytest.mark.parametrize("key", ["purelib", "platlib"])
def test_data_refuses_to_write_into_site_packages(nowhere, capsys, key):
    target = Path(sysconfig.get_paths()[key]) / "journeylab-data"
    assert main(["data", "--out", str(target)]) == 2
    assert "where Python keeps installed packages" in capsys.readouterr().err
    assert not target.exists()
