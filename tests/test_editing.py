"""The edit session behind every builder, driven without any widget."""

import json
import subprocess
import sys

import pytest

from journeylab.editing import UNDO_LIMIT, EditSession
from journeylab.journey import Journey
from journeylab.journey_parts import Touchpoint
from journeylab.personas import Persona


def journey_session(tmp_path=None, model=None, **options):
    autosave = None if tmp_path is None else tmp_path / "journey.json"
    return EditSession(model if model is not None else Journey("Nordlys Home"), new=lambda: Journey("My business"),
                       from_data=Journey.from_dict, read=Journey.load, write=Journey.save, autosave=autosave,
                       noun="journey", **options)


def add(session, channel):
    return session.change(lambda: session.model.add_touchpoint("Trust", Touchpoint(channel)) or f"Added {channel}.")


def test_the_session_loads_no_widget_and_no_plotting_library():
    code = "import sys, journeylab.editing; print(sorted({'ipywidgets', 'matplotlib'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_accepted_change_is_autosaved_and_undone(tmp_path):
    session = journey_session(tmp_path)
    outcome = add(session, "Reviews page")
    assert outcome.accepted and outcome.changed and not outcome.problem
    assert outcome.text == f"Added Reviews page. Saved to {tmp_path / 'journey.json'}."
    assert Journey.load(tmp_path / "journey.json") == session.model
    assert session.can_undo == 1
    undone = session.undo()
    assert undone.changed and session.model.touchpoints("Trust") == ()
    assert Journey.load(tmp_path / "journey.json").touchpoints("Trust") == ()


def test_a_refused_change_leaves_the_model_and_the_file_as_they_were(tmp_path):
    session = journey_session(tmp_path)
    add(session, "Reviews page")
    saved = (tmp_path / "journey.json").read_bytes()

    def half_done():
        session.model.add_touchpoint("Try", Touchpoint("Sample box"))
        session.model.add_touchpoint("Try", Touchpoint("Sample box"))  # a duplicate: refused after a first step
        return "never said"

    outcome = session.change(half_done)
    assert outcome.problem and not outcome.accepted and outcome.text.endswith("Nothing was changed.")
    assert session.model.touchpoints("Try") == () and session.can_undo == 1
    assert (tmp_path / "journey.json").read_bytes() == saved


def test_undo_keeps_a_bounded_history_and_says_when_there_is_nothing_left():
    session = journey_session()
    for number in range(UNDO_LIMIT + 5):
        add(session, f"Page {number}")
    assert session.can_undo == UNDO_LIMIT
    for _ in range(UNDO_LIMIT):
        assert session.undo().accepted
    assert len(session.model.touchpoints("Trust")) == 5
    nothing = session.undo()
    assert nothing.problem and nothing.text == "There is nothing to undo yet."


def test_a_new_session_resumes_its_autosave_file(tmp_path):
    first = journey_session(tmp_path)
    add(first, "Reviews page")
    again = EditSession(None, new=lambda: Journey("My business"), from_data=Journey.from_dict, read=Journey.load,
                        write=Journey.save, autosave=tmp_path / "journey.json", noun="journey")
    assert again.model == first.model
    assert again.notice.text.startswith("Opened ") and not again.notice.problem


def test_an_unreadable_autosave_file_is_left_alone_and_autosave_goes_off(tmp_path):
    (tmp_path / "journey.json").write_text("{not json", encoding="utf-8")
    session = EditSession(None, new=lambda: Journey("My business"), from_data=Journey.from_dict,
                          autosave=tmp_path / "journey.json", noun="journey")
    assert session.notice.problem and "autosave is off" in session.notice.text
    assert session.autosave is None and session.model == Journey("My business")
    add(session, "Reviews page")
    assert (tmp_path / "journey.json").read_text(encoding="utf-8") == "{not json"


def test_a_change_that_cannot_be_autosaved_is_kept_and_says_so(tmp_path):
    blocked = tmp_path / "folder-in-the-way"
    blocked.mkdir()
    session = EditSession(Journey("Nordlys Home"), new=lambda: Journey("My business"), from_data=Journey.from_dict,
                          autosave=blocked, noun="journey")
    outcome = add(session, "Reviews page")
    assert outcome.accepted and outcome.problem and "could not be saved" in outcome.text
    assert len(session.model.touchpoints("Trust")) == 1


@pytest.mark.parametrize("content, problem", [("{broken", "not valid JSON"), ('{"name": ""}', "Nothing was changed")])
def test_load_of_a_bad_file_changes_nothing(tmp_path, content, problem):
    session = EditSession(Persona("Jessica"), new=lambda: Persona("New persona"), from_data=Persona.from_dict)
    (tmp_path / "persona.json").write_text(content, encoding="utf-8")
    outcome = session.load(tmp_path / "persona.json")
    assert outcome.problem and problem in outcome.text
    assert session.model == Persona("Jessica") and session.can_undo == 0


def test_save_and_load_round_trip_and_load_is_undoable(tmp_path):
    session = EditSession(Persona("Jessica", age=29), new=lambda: Persona("New persona"), from_data=Persona.from_dict)
    assert session.save(tmp_path / "jessica.json").text == f"Saved the model to {tmp_path / 'jessica.json'}."
    assert json.loads((tmp_path / "jessica.json").read_text(encoding="utf-8"))["age"] == 29
    other = EditSession(Persona("Sofie"), new=lambda: Persona("New persona"), from_data=Persona.from_dict)
    assert other.load(tmp_path / "jessica.json").changed and other.model == session.model
    other.undo()
    assert other.model == Persona("Sofie")
