"""The journeylab command line."""

import subprocess
import sys
from pathlib import Path

import pytest

from journeylab.cli import main


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
