"""journeylab.parameters: the notebooks' papermill parameters, cleaned, or refused with the parameter's name."""

import os
from pathlib import Path

import pytest

from journeylab import folders, start
from journeylab.errors import FileFormatError, NoDataError, UnknownNameError, ValidationError
from journeylab.frameworks import framework_names
from journeylab.parameters import EVENTS_PATH_DEFAULT, PARAMETERS, check_parameters

COURSE_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = os.path.normpath(COURSE_ROOT / "notebooks" / EVENTS_PATH_DEFAULT)


def test_no_parameters_give_nothing_to_change():
    assert check_parameters() == {}


def test_every_default_passes_its_own_check():
    defaults = {name: parameter.default for name, parameter in PARAMETERS.items()}
    assert check_parameters(**defaults) == defaults | {"events_path": SAMPLE}  # a path is passed on in full


def test_values_come_back_cleaned():
    cleaned = check_parameters(company="  Ærø Cykler ", seed=7.0, framework="Five_Stage")
    assert cleaned == {"company": "Ærø Cykler", "seed": 7, "framework": "five_stage"}
    assert type(cleaned["seed"]) is int


def test_an_unknown_name_is_refused_listing_the_parameters_that_exist():
    with pytest.raises(UnknownNameError) as caught:
        check_parameters(compnay="Nordlys Home")
    assert caught.value.field == "parameter" and caught.value.value == "compnay"
    assert caught.value.allowed == "company, events_path, framework, seed"


@pytest.mark.parametrize("values, error, field", [
    ({"seed": -1}, ValidationError, "seed"),
    ({"seed": 2**32}, ValidationError, "seed"),
    ({"seed": "2024"}, ValidationError, "seed"),
    ({"seed": True}, ValidationError, "seed"),
    ({"company": "   "}, ValidationError, "company"),
    ({"company": 42}, ValidationError, "company"),
    ({"framework": "funnel"}, UnknownNameError, "framework"),
    ({"company": "Nordlys Home", "seed": 1.5}, ValidationError, "seed"),
])
def test_a_bad_value_is_refused_naming_the_parameter(values, error, field):
    with pytest.raises(error) as caught:
        check_parameters(**values)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_an_unknown_framework_lists_the_frameworks_that_exist():
    with pytest.raises(UnknownNameError) as caught:
        check_parameters(framework="funnel")
    assert caught.value.value == "funnel"
    assert caught.value.allowed == ", ".join(framework_names())


@pytest.mark.parametrize("folder", ["notebooks", "exercises", ".", "elsewhere"])
def test_the_default_export_is_the_courses_sample_from_wherever_the_notebook_runs(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path if folder == "elsewhere" else COURSE_ROOT / folder)
    assert check_parameters(events_path=EVENTS_PATH_DEFAULT) == {"events_path": SAMPLE}


def test_an_export_path_is_taken_from_the_folder_the_run_starts_in_first(tmp_path, monkeypatch):
    export = tmp_path / "my_export"
    export.mkdir()
    (export / "events_20250101.json").write_text("")
    monkeypatch.chdir(tmp_path)
    assert check_parameters(events_path="my_export") == {"events_path": str(export)}
    assert check_parameters(events_path=export / "events_*.json") == {"events_path": str(export / "events_*.json")}


@pytest.mark.parametrize("value, error, problem", [
    ("../data/ga4_sample/events_2023*.json.gz", NoDataError, "no file matches this path"),
    ("/nowhere/events_*.json.gz", NoDataError, "no file matches this path"),
    (str(COURSE_ROOT / "data" / "events.csv"), FileFormatError, "events.csv is not a file of a GA4 export"),
    ("", ValidationError, "must be a path"),
    (20240301, ValidationError, "must be a path"),
])
def test_an_export_path_that_matches_no_export_is_refused_naming_events_path(value, error, problem):
    with pytest.raises(error) as caught:
        check_parameters(events_path=value)
    assert caught.value.field == "events_path" and problem in caught.value.problem
    assert "events_YYYYMMDD" in str(caught.value)


def test_start_hands_the_checked_export_on_and_other_notebooks_have_none():
    assert start(events_path=EVENTS_PATH_DEFAULT).events_path == SAMPLE
    assert start().events_path is None


def test_a_cohort_workbook_without_data_finds_the_courses_sample(tmp_path, monkeypatch):
    workbook = tmp_path / "workbooks" / "Ann"  # what journeylab cohort makes: a course folder of its own
    (workbook / "notebooks").mkdir(parents=True)
    (workbook / "exercises").mkdir()
    monkeypatch.chdir(workbook / "exercises")
    assert check_parameters(events_path=EVENTS_PATH_DEFAULT) == {"events_path": SAMPLE}


def test_without_any_course_folder_the_default_export_is_written_afresh(tmp_path, monkeypatch):
    monkeypatch.setattr(folders, "_PACKAGE", tmp_path / "site-packages" / "journeylab")  # a wheel, no checkout
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(folders.COURSE_ENV, raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    path = Path(check_parameters(events_path=EVENTS_PATH_DEFAULT)["events_path"])
    assert path.parent.parent == tmp_path and path.name == "events_*.json.gz"
    assert len(list(path.parent.glob(path.name))) == 14
    with pytest.raises(NoDataError):  # only the default is made: another path must exist
        check_parameters(events_path="../data/ga4_sample/events_2023*.json.gz")
