"""journeylab.widgets.journey_notes: the JourneyBuilder's Notes tab (thinking, feeling, backstage)."""

from __future__ import annotations

import pytest

from journeylab.journey import Journey, StageNotes
from journeylab.widgets import JourneyBuilder

from widget_cases import nordlys, problem


def test_notes_boxes_are_saved_as_you_leave_them_and_autosaved(tmp_path):
    path = tmp_path / "journey.json"
    builder = JourneyBuilder(nordlys(), autosave=path, live_preview=False)
    builder.stage.value = "Trust"
    notes = builder.notes_fields
    notes["thinking"].value = "Are these reviews real?"  # what leaving the box sends to Python
    notes["feeling"].value = "Hopeful"
    notes["backstage"].value = "Review moderation\n\n  Support rota  \n"
    # blank lines dropped, ends stripped; one Undo step per box
    expected = StageNotes("Are these reviews real?", "Hopeful", ("Review moderation", "Support rota"))
    assert builder.journey.notes("Trust") == expected and builder.can_undo == 3
    assert Journey.load(path).notes("Trust") == expected
    assert "Saved the notes of Trust" in builder.message.value and not problem(builder)
    builder.stage.value = "Buy"  # another stage: its own, empty notes
    assert [notes[name].value for name in ("thinking", "feeling", "backstage")] == ["", "", ""]
    again = JourneyBuilder.from_file(path, live_preview=False)
    again.stage.value = "Trust"
    assert again.notes_fields["backstage"].value == "Review moderation\nSupport rota"
    assert again.notes_fields["thinking"].value == "Are these reviews real?"


def test_set_notes_in_code_changes_only_the_fields_given_and_undo_takes_it_back():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.set_notes("buy", thinking="Is delivery free?", backstage="Stock check\nPayment provider")
    builder.set_notes("Buy", feeling="Nervous")
    assert builder.journey.notes("Buy") == StageNotes("Is delivery free?", "Nervous",
                                                      ("Stock check", "Payment provider"))
    assert builder.stage.value == "Buy" and builder.notes_fields["feeling"].value == "Nervous"
    builder.undo()
    assert builder.journey.notes("Buy").feeling == "" and builder.notes_fields["feeling"].value == ""
    assert builder.notes_fields["thinking"].value == "Is delivery free?"


@pytest.mark.parametrize("fields, words", [
    ({"thinking": 5}, "Thinking: must be text"),
    ({"backstage": {"system": "ERP"}}, "Backstage: must be a list of texts"),
    ({"mood": "Happy"}, "no field called 'mood'"),
])
def test_invalid_notes_show_a_message_and_change_nothing(tmp_path, fields, words):
    path = nordlys().save(tmp_path / "journey.json")
    builder = JourneyBuilder.from_file(path, live_preview=False)
    saved = path.read_text(encoding="utf-8")
    builder.set_notes("Buy", **fields)
    assert builder.journey == nordlys() and builder.can_undo == 0
    assert problem(builder) and words in builder.message.value and "Nothing was changed" in builder.message.value
    assert path.read_text(encoding="utf-8") == saved
