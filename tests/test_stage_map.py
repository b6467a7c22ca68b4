"""Tests for journeylab.stage_map and its editor widget: the map a learner edits is the map the next run reads."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from journeylab.errors import FileFormatError, UnknownNameError
from journeylab.stage_map import load_stage_map, save_stage_map, stage_map_path, stage_map_table, table_to_stage_map
from journeylab.widgets.stage_map import LEAVE_OUT, StageMapEditor

COUNTS = pd.Series({"page_view": 120, "purchase": 9, "scroll": 80, "first_visit": 40})


def test_the_map_lives_beside_the_journey(tmp_path):
    assert stage_map_path(tmp_path / "my_journey.json") == tmp_path / "my_journey.stages.json"


def test_a_saved_map_reads_back_in_the_frameworks_spelling(tmp_path):
    path = save_stage_map({"purchase": "buy", "scroll": None}, tmp_path / "my_journey.json")
    assert json.loads(path.read_text()) == {"framework": "hourglass", "stages": {"purchase": "Buy"}}
    assert load_stage_map(tmp_path / "my_journey.json") == {"purchase": "Buy"}
    assert load_stage_map(tmp_path / "other.json") == {}


def test_an_edited_table_becomes_the_map():
    table = stage_map_table(COUNTS)
    assert table["event_name"].tolist() == ["page_view", "scroll", "first_visit", "purchase"]
    table.loc[table["event_name"] == "first_visit", "stage"] = "Know"
    table.loc[table["event_name"] == "purchase", "stage"] = "Buy"
    assert table_to_stage_map(table) == {"first_visit": "Know", "purchase": "Buy"}
    table.loc[0, "stage"] = "Browse"
    with pytest.raises(UnknownNameError, match="'page_view' is mapped to a stage"):
        table_to_stage_map(table)


def test_a_broken_map_file_is_named(tmp_path):
    (tmp_path / "j.stages.json").write_text("{not json")
    with pytest.raises(FileFormatError, match=r"j\.stages\.json"):
        load_stage_map(tmp_path / "j.json")


def test_the_editor_lists_every_name_and_saves_what_was_chosen(tmp_path):
    editor = StageMapEditor(COUNTS, tmp_path / "my_journey.json")
    assert editor.names == ["page_view", "scroll", "first_visit", "purchase"]
    assert editor.dropdowns["purchase"].value == LEAVE_OUT
    editor.dropdowns["purchase"].value = "Buy"  # as a click in the browser does
    editor.set_stage("page_view", "like")  # as a notebook does
    assert editor.stages == {"page_view": "Like", "scroll": None, "first_visit": None, "purchase": "Buy"}
    assert editor.dropdowns["page_view"].value == "Like"
    editor.children[-2].click()
    assert "Saved 2 event names" in editor.message.value
    again = StageMapEditor(COUNTS, tmp_path / "my_journey.json")  # the next run
    assert again.stages["purchase"] == "Buy" and again.dropdowns["page_view"].value == "Like"


def test_the_editor_says_a_problem_instead_of_raising(tmp_path):
    editor = StageMapEditor(COUNTS, tmp_path / "j.json")
    editor.set_stage("scroll", "Browse")
    assert "has no stage" in editor.message.value or "does not have" in editor.message.value
    assert editor.stages["scroll"] is None


def test_a_saved_map_wins_over_the_starting_map_a_notebook_passes(tmp_path):
    start = {"page_view": "Like", "purchase": "Buy"}
    first = StageMapEditor(COUNTS, tmp_path / "my_journey.json", stages=start)
    assert first.stages == {"page_view": "Like", "scroll": None, "first_visit": None, "purchase": "Buy"}
    assert first.message.value == ""
    first.dropdowns["page_view"].value = LEAVE_OUT  # the learner leaves page views out ...
    first.dropdowns["first_visit"].value = "Know"
    first.save()
    again = StageMapEditor(COUNTS, tmp_path / "my_journey.json", stages=start)  # ... and runs the notebook again
    assert again.stages == {"page_view": None, "scroll": None, "first_visit": "Know", "purchase": "Buy"}
    assert "Opened the stage map saved in my_journey.stages.json" in again.message.value
    with pytest.raises(UnknownNameError, match="'purchase' is mapped to a stage"):
        StageMapEditor(COUNTS, tmp_path / "my_journey.json", stages={"purchase": "Checkout"})
