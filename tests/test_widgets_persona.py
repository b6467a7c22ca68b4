"""journeylab.widgets.persona: the PersonaBuilder's form, Apply, Reset, Undo, preview and autosave."""

from __future__ import annotations

import json

import pytest

from journeylab.personas import Persona
from journeylab.widgets import PersonaBuilder

from widget_cases import problem


def test_persona_form_and_apply_button_make_the_persona():
    builder = PersonaBuilder(live_preview=False)
    builder.fields["name"].value = "Jessica"
    builder.fields["age"].value = "28"
    builder.fields["role"].value = "Marketing assistant"
    builder.fields["goals"].value = "Furnish her first flat\n\n  Buy second hand  \n"
    builder.fields["channels"].value = "Instagram\nE-mail"
    builder.buttons["apply"].click()
    # blank lines are dropped and ends stripped: two goals, two channels
    assert builder.persona == Persona("Jessica", age=28, role="Marketing assistant",
                                      goals=["Furnish her first flat", "Buy second hand"],
                                      channels=["Instagram", "E-mail"])
    assert "Updated the persona Jessica" in builder.message.value and not problem(builder)


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("name", "   ", "Name: must not be empty"),
        ("age", "twenty", "Age: must be a whole number (you entered 'twenty')"),
        ("age", "130", "Age: is out of range"),
    ],
)
def test_persona_invalid_input_shows_a_message_and_keeps_the_persona(field, value, words):
    jessica = Persona("Jessica", age=28)
    builder = PersonaBuilder(jessica, live_preview=False)
    builder.fields[field].value = value
    builder.buttons["apply"].click()
    assert builder.persona is jessica
    assert problem(builder) and words in builder.message.value
    assert "Nothing was changed" in builder.message.value


def test_persona_builder_opened_on_a_persona_shows_it_in_the_form():
    persona = Persona("Jessica", age=28, goals=["Save time", "Find gifts"], quote="I want it to last.")
    builder = PersonaBuilder(persona, live_preview=False)
    assert builder.fields["name"].value == "Jessica"
    assert builder.fields["age"].value == "28"
    assert builder.fields["goals"].value == "Save time\nFind gifts"
    assert builder.fields["quote"].value == "I want it to last."
    assert builder.fields["role"].value == ""


def test_persona_reset_form_throws_away_what_was_typed():
    builder = PersonaBuilder(Persona("Jessica"), live_preview=False)
    builder.fields["name"].value = "Jess"
    builder.buttons["reset"].click()
    assert builder.fields["name"].value == "Jessica" and builder.persona.name == "Jessica"


def test_persona_undo_goes_back_one_apply_at_a_time():
    builder = PersonaBuilder(Persona("Jessica"), live_preview=False)
    builder.apply(age=28)
    builder.apply(role="Teacher")
    builder.buttons["undo"].click()
    assert builder.persona == Persona("Jessica", age=28)
    assert builder.fields["role"].value == ""
    builder.undo()
    assert builder.persona == Persona("Jessica")
    builder.undo()
    assert problem(builder) and "nothing to undo" in builder.message.value


def test_persona_apply_with_an_unknown_field_says_so():
    builder = PersonaBuilder(Persona("Jessica"), live_preview=False)
    builder.apply(hobby="Climbing")
    assert problem(builder) and "no field called 'hobby'" in builder.message.value
    assert builder.persona == Persona("Jessica")


def test_persona_preview_shows_the_card_and_follows_the_persona():
    builder = PersonaBuilder(Persona("Jessica"))
    assert "Jessica" in builder.preview.value and "Marketing assistant" not in builder.preview.value
    builder.apply(role="Marketing assistant", goals=["Furnish <her> flat"])
    assert "Marketing assistant" in builder.preview.value and "Furnish &lt;her&gt; flat" in builder.preview.value


def test_persona_autosave_and_from_file_round_trip(tmp_path):
    path = tmp_path / "jessica.json"
    builder = PersonaBuilder.from_file(path, live_preview=False)  # no file yet: a new persona saved there
    assert builder.persona == Persona("New persona") and not path.exists()
    builder.apply(name="Jessica", channels="Instagram")
    assert Persona.from_dict(json.loads(path.read_text(encoding="utf-8"))) == builder.persona
    again = PersonaBuilder.from_file(path, live_preview=False)
    assert again.persona == Persona("Jessica", channels=["Instagram"])
    assert again.fields["channels"].value == "Instagram"


@pytest.mark.parametrize(("age", "says"), [
    ("34.5", "Age: must be a whole number (you entered 34.5)"),
    ("150", "Age: is out of range (you entered 150)."),
])
def test_an_age_that_is_not_allowed_is_named_for_what_is_wrong_with_it(age, says):
    builder = PersonaBuilder(live_preview=False)
    builder.apply(name="Sofie", age=age)
    assert problem(builder) and says in builder.message.value


def test_a_new_persona_suggests_a_file_name_without_the_word_twice():
    builder = PersonaBuilder(live_preview=False)
    assert builder.file_name.placeholder == "new_persona (automatic)"
