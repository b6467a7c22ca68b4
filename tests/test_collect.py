"""Collecting submissions: a completion table, whatever the notebooks do (what they may not do: test_collect_safety.py)."""

import hashlib

import nbformat
import pandas as pd
import pytest
from submission_cases import EXERCISE, SOLUTION, with_extra_cell

from journeylab.cli import main
from journeylab.collect import collect, completion_table

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)


def fingerprint(folder):
    return {path.relative_to(folder): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def make_submissions(folder):
    (folder / "anne").mkdir(parents=True)
    nbformat.write(nbformat.read(SOLUTION, as_version=4), folder / "anne" / "00_start_here.ipynb")
    (folder / "bo").mkdir()
    nbformat.write(nbformat.read(EXERCISE, as_version=4), folder / "bo" / "00_start_here.ipynb")
    nbformat.write(with_extra_cell("raise RuntimeError('oops')"), folder / "raiser.ipynb")
    nbformat.write(with_extra_cell("while True:\n    pass"), folder / "looper.ipynb")
    (folder / "broken.ipynb").write_text("{ this is not json", encoding="utf-8")
    tampered = nbformat.read(EXERCISE, as_version=4)
    tampered.cells.append(nbformat.v4.new_markdown_cell("✔ 00-first-answer: correct! (typed by hand)"))
    nbformat.write(tampered, folder / "typist.ipynb")


def test_collect_reports_every_submission_and_changes_nothing(tmp_path):
    folder = tmp_path / "submissions"
    make_submissions(folder)
    before = fingerprint(folder)
    table = completion_table(collect(folder, time_limit=5)).set_index("participant")
    assert fingerprint(folder) == before, "the submissions folder is never modified"

    assert table.loc["anne", "00-first-answer"] == "passed" and table.loc["anne", "passed"] == 2
    assert table.loc["bo", "00-first-answer"] == "not answered" and table.loc["bo", "passed"] == 0
    assert table.loc["raiser", "problem"] == "a cell raised RuntimeError"
    assert table.loc["raiser", "00-first-answer"] == "not answered", "cells after an error still run"
    assert "time limit of 5 s" in table.loc["looper", "problem"]
    assert table.loc["broken", "problem"].startswith("not a readable notebook")
    assert table.loc["typist", "passed"] == 0, "only what runs now counts, not typed-in outputs"


def test_the_collect_command_writes_csv_and_html(tmp_path, capsys):
    folder = tmp_path / "submissions"
    (folder / "anne").mkdir(parents=True)
    nbformat.write(nbformat.read(SOLUTION, as_version=4), folder / "anne" / "00_start_here.ipynb")
    (folder / "broken.ipynb").write_text("nope", encoding="utf-8")
    csv, html = tmp_path / "report.csv", tmp_path / "report.html"
    assert main(["collect", str(folder), "--out", str(csv), str(html), "--time-limit", "30"]) == 1, "a problem shows in the exit code"
    table = pd.read_csv(csv, keep_default_na=False)
    assert list(table["participant"]) == ["anne", "broken"]
    assert "<table" in html.read_text(encoding="utf-8") and "anne" in html.read_text(encoding="utf-8")
    assert "2 notebooks collected, 1 with a problem" in capsys.readouterr().out


def test_entries_that_are_not_notebooks_are_one_row_each_and_the_table_is_still_written(tmp_path, capsys):
    import os

    folder = tmp_path / "submissions"
    (folder / "anne").mkdir(parents=True)
    nbformat.write(nbformat.read(SOLUTION, as_version=4), folder / "anne" / "00_start_here.ipynb")
    (folder / "gone.ipynb").symlink_to(tmp_path / "nowhere.ipynb")
    (folder / "folder.ipynb").mkdir()
    os.mkfifo(folder / "pipe.ipynb")
    before = sorted(path.name for path in folder.iterdir())
    report = tmp_path / "report.csv"
    assert main(["collect", str(folder), "--out", str(report), "--time-limit", "30"]) == 1
    table = pd.read_csv(report, keep_default_na=False).set_index("participant")
    assert table.loc["anne", "00-first-answer"] == "passed"
    assert table.loc["gone", "problem"] == "a link to a file that is not there"
    assert table.loc["folder", "problem"].startswith("a folder whose name ends in .ipynb")
    assert table.loc["pipe", "problem"].startswith("not a regular file")
    assert sorted(path.name for path in folder.iterdir()) == before


def test_a_report_name_that_is_a_folder_is_refused_before_anything_runs(tmp_path, capsys):
    folder = tmp_path / "submissions"
    folder.mkdir()
    nbformat.write(nbformat.read(SOLUTION, as_version=4), folder / "anne.ipynb")
    assert main(["collect", str(folder), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr()
    assert "is a folder; the report needs a file name" in err.err and "collected" not in err.out


@pytest.mark.parametrize("limit", ["0", "-5"])
def test_a_time_limit_of_zero_or_less_is_refused(tmp_path, capsys, limit):
    (tmp_path / "submissions").mkdir()
    assert main(["collect", str(tmp_path / "submissions"), "--out", str(tmp_path / "r.csv"), "--time-limit", limit]) == 2
    assert "--time-limit: must be a whole number of seconds, 1 or more" in capsys.readouterr().err
