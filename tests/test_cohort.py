"""Cohorts: a roster, one safe folder per participant, and every participant's runs over a process pool."""

from pathlib import Path

import nbformat
import pytest

from journeylab.cli import main
from journeylab.errors import SchemaError, UnknownNameError
from journeylab.runs import read_roster, run_cohort, safe_name

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)

COURSE_ROOT = Path(__file__).resolve().parent.parent
START = COURSE_ROOT / "notebooks" / "00_start_here.ipynb"


@pytest.mark.parametrize(
    "name, folder",
    [("Ærø Ågesen", "Ærø_Ågesen"), ("Anne/Mette", "Anne_Mette"), ("a\\b:c*?", "a_b_c"), ("..", "participant"),
     ("  spaced   out ", "spaced_out"), ("東京 太郎", "東京_太郎")],
)
def test_safe_names_keep_unicode_and_drop_path_characters(name, folder):
    assert safe_name(name) == folder


@pytest.mark.parametrize(
    "text, error, field",
    [
        ("name,seed\nAnne,1\n", SchemaError, "participant"),
        ("participant,colour\nAnne,red\n", UnknownNameError, "roster column"),
        ("participant,seed\n,1\n", SchemaError, "participant"),
    ],
)
def test_a_bad_roster_names_the_column(tmp_path, text, error, field):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as caught:
        read_roster(path)
    assert caught.value.field == field


def test_a_cohort_runs_everyone_and_one_bad_row_does_not_stop_the_others(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("participant,seed,company\nÆrø Ågesen,2024,Ærø Cykler\nAnne/Mette,7,\nÆrø Ågesen,5,\nBad Row,abc,\n",
                      encoding="utf-8")
    out = tmp_path / "cohort"
    code = main(["cohort", str(roster), "--out", str(out), "--notebooks", str(START), "--jobs", "2", "--quiet"])
    assert code == 1, "a failed run makes the exit status non-zero"
    printed = capsys.readouterr().out
    assert "3 of 4 runs succeeded" in printed
    assert "seed: must be a whole number (got 'abc')" in printed
    folders = sorted(path.name for path in out.iterdir())
    assert folders == ["Anne_Mette", "Ærø_Ågesen", "Ærø_Ågesen-2"]
    second = nbformat.read(out / "Anne_Mette" / "notebooks" / START.name, as_version=4)
    assert any("seed = 7" in cell.source for cell in second.cells)


def test_run_cohort_returns_results_in_roster_order(tmp_path):
    rows = [{"participant": "B", "seed": "3"}, {"participant": "A", "seed": "4"}]
    results = run_cohort(rows, tmp_path, [START], jobs=2)
    assert [result.participant for result in results] == ["B", "A"]
    assert all(result.ok for result in results)


def test_a_cohort_keeps_the_course_layout_so_no_workbook_overwrites_another(tmp_path):
    exercise = COURSE_ROOT / "exercises" / START.name
    results = run_cohort([{"participant": "Bo", "seed": "3"}], tmp_path, [START, exercise], jobs=2)
    assert all(result.ok for result in results)
    teaching = nbformat.read(tmp_path / "Bo" / "notebooks" / START.name, as_version=4)
    workbook = nbformat.read(tmp_path / "Bo" / "exercises" / START.name, as_version=4)
    assert teaching.cells[0].source == nbformat.read(START, as_version=4).cells[0].source
    assert workbook.cells[0].source == nbformat.read(exercise, as_version=4).cells[0].source
    assert teaching != workbook
    from journeylab.folders import is_course_folder

    assert is_course_folder(tmp_path / "Bo")


@pytest.mark.parametrize("names, folders", [
    (["x", "x", "x-2"], ["x", "x-3", "x-2"]),
    (["Anne", "anne", "ANNE"], ["Anne", "anne-2", "ANNE-3"]),
    (["a/b", "a b", "a_b"], ["a_b", "a_b-2", "a_b-3"]),
])
def test_participants_always_get_distinct_folders(names, folders):
    from journeylab.runs import participant_folders

    assert participant_folders(names) == folders
    assert len({folder.casefold() for folder in folders}) == len(names)


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_cohort_refuses_a_number_of_jobs_below_one(tmp_path, capsys, jobs):
    roster = tmp_path / "roster.csv"
    roster.write_text("participant\nBo\n", encoding="utf-8")
    assert main(["cohort", str(roster), "--out", str(tmp_path / "w"), "--notebooks", str(START), "--jobs", jobs]) == 2
    assert "--jobs: must be a whole number of parallel runs, 1 or more" in capsys.readouterr().err


def test_a_roster_row_with_more_cells_than_columns_is_named(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("participant,seed\nBo,3,extra\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"line 2 of roster\.csv has more cells than the header has columns"):
        read_roster(roster)


def test_a_framework_column_applies_only_to_the_notebook_that_has_it(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("participant,framework\nBo,five_stage\n", encoding="utf-8")
    code = main(["cohort", str(roster), "--out", str(tmp_path / "w"), "--notebooks", str(START), "--quiet"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "framework applies only to the notebooks that have it: none of these" in printed
