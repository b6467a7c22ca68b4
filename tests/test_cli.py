"""The journeylab command line."""

import subprocess
import sys
from pathlib import Path

import pytest

from journeylab.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_frameworks_lists_every_framework_with_its_stages(capsys):
    assert main(["frameworks"]) == 0
    out = capsys.readouterr().out
    assert "hourglass: seven-step hourglass — Know, Like, Trust, Try, Buy, Repeat, Refer" in out
    assert "five_stage" in out and "cycle" in out


def test_an_unknown_command_is_refused_with_the_list_of_commands(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["fly"])
    assert caught.value.code == 2
    assert "frameworks" in capsys.readouterr().err


def test_the_console_script_is_installed_next_to_python():
    script = Path(sys.executable).parent / "journeylab"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "COMMAND" in result.stdout


def test_data_regenerates_the_committed_files_byte_for_byte(tmp_path, capsys):
    assert main(["data", "--out", str(tmp_path)]) == 0
    assert "synthetic, seed 2024" in capsys.readouterr().out
    for name in ("customers.csv", "events.csv", "campaigns.csv", "activities.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name


def test_build_exercises_check_fails_when_an_exercise_was_edited_by_hand(tmp_path, capsys):
    import nbformat

    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1  ### SOLUTION")])
    nbformat.write(notebook, solutions / "01_a.ipynb")
    folders = ["--solutions", str(solutions), "--exercises", str(exercises)]
    assert main(["build-exercises", *folders]) == 0
    assert main(["build-exercises", "--check", *folders]) == 0
    (exercises / "01_a.ipynb").write_text((exercises / "01_a.ipynb").read_text().replace("x = ...", "x = 2"))
    assert main(["build-exercises", "--check", *folders]) == 1
    assert "out of date" in capsys.readouterr().err
