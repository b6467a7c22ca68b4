"""journeylab.widgets.empathy: the EmpathyMapBuilder, classic and updated canvas."""

from __future__ import annotations

import pytest

from journeylab.errors import ValidationError
from journeylab.personas import EmpathyMap
from journeylab.widgets import EmpathyMapBuilder

from widget_cases import PNG_MAGIC, problem


def test_empathy_form_fills_the_map_and_names_the_empty_quadrants():
    builder = EmpathyMapBuilder(live_preview=False)
    builder.fields["who"].value = "Jessica"
    builder.fields["says"].value = "I want it to last\nIs delivery free?"
    builder.fields["feels"].value = "Unsure"
    builder.buttons["apply"].click()
    assert builder.empathy_map == EmpathyMap("Jessica", says=["I want it to last", "Is delivery free?"],
                                             feels=["Unsure"])
    assert "Still empty: thinks, does." in builder.message.value


def test_empathy_builder_opened_on_a_map_shows_it_and_exports_a_picture(tmp_path):
    builder = EmpathyMapBuilder(EmpathyMap("Jessica", thinks=["Can I afford it?"], pains=["Hidden costs"]),
                                folder=tmp_path, live_preview=False)
    assert builder.fields["thinks"].value == "Can I afford it?"
    assert builder.fields["pains"].value == "Hidden costs"
    builder.buttons["export_png"].click()
    path = tmp_path / "jessica_empathy_map.png"
    assert path.read_bytes().startswith(PNG_MAGIC)
    assert "jessica_empathy_map.png" in builder.message.value


def test_empathy_undo_restores_the_form_too():
    builder = EmpathyMapBuilder(EmpathyMap("Jessica"), live_preview=False)
    builder.apply(does=["Compares prices"])
    builder.undo()
    assert builder.empathy_map == EmpathyMap("Jessica") and builder.fields["does"].value == ""


# ----------------------------------------------------------------------------- EmpathyMapBuilder: the updated canvas


def shown(builder) -> list[str]:
    """The labels of the boxes the empathy form shows, in order, and whether Goal is shown."""
    goal = ["Goal"] if builder.fields["goal"].layout.display != "none" else []
    return goal + [box.description for box in builder.grid.children]


def test_empathy_layout_toggle_shows_the_canvas_fields():
    builder = EmpathyMapBuilder(live_preview=False)
    assert builder.layout_choice.value == "classic"
    assert shown(builder) == ["Says", "Thinks", "Does", "Feels", "Pains", "Gains"]
    builder.layout_choice.value = "canvas"
    assert shown(builder) == ["Goal", "Sees", "Hears", "Says", "Does", "Thinks", "Feels", "Pains", "Gains"]
    assert builder.empathy_map == EmpathyMap() and builder.can_undo == 0  # a way of looking, not a change
    builder.set_layout("classic")
    assert shown(builder)[0] == "Says" and not problem(builder)
    builder.set_layout("grid")
    assert problem(builder) and "Allowed: classic, canvas" in builder.message.value
    with pytest.raises(ValidationError, match="layout"):
        EmpathyMapBuilder(layout="grid")


def test_empathy_canvas_fields_reach_the_model_and_load_back(tmp_path):
    path = tmp_path / "jessica.json"
    builder = EmpathyMapBuilder.from_file(path, live_preview=False)
    builder.layout_choice.value = "canvas"
    builder.fields["who"].value = "Jessica"
    builder.fields["goal"].value = "Furnish her first flat"
    builder.fields["sees"].value = "Sofas on Instagram\n"
    builder.fields["hears"].value = "Fast furniture breaks"
    builder.fields["says"].value = "I want it to last"
    builder.buttons["apply"].click()
    expected = EmpathyMap("Jessica", says=["I want it to last"], goal="Furnish her first flat",
                          sees=["Sofas on Instagram"], hears=["Fast furniture breaks"])
    assert builder.empathy_map == expected and builder.empathy_map.layout == "canvas"
    # the canvas's empty areas, in its own order
    assert "Still empty: does, thinks, feels, pains, gains." in builder.message.value
    again = EmpathyMapBuilder.from_file(path, live_preview=False)
    assert again.empathy_map == expected and again.layout_choice.value == "canvas"
    assert again.fields["goal"].value == "Furnish her first flat" and again.fields["sees"].value == "Sofas on Instagram"
    assert shown(again)[:3] == ["Goal", "Sees", "Hears"]


def test_going_back_to_classic_never_hides_canvas_text():
    builder = EmpathyMapBuilder(EmpathyMap("Jessica", hears=["Friends love it"]), live_preview=False)
    assert builder.layout_choice.value == "canvas"  # the form follows the map's content
    builder.layout_choice.value = "classic"
    assert builder.layout_choice.value == "canvas" and shown(builder)[:3] == ["Goal", "Sees", "Hears"]
    assert problem(builder) and "Hears has text, so the form stays on the updated canvas" in builder.message.value
    assert builder.empathy_map.hears == ("Friends love it",)
    builder.fields["hears"].value = ""
    builder.fields["goal"].value = "Find a sofa"  # typed, not applied: still refused
    builder.set_layout("classic")
    assert builder.layout_choice.value == "canvas" and "Goal and Hears have text" in builder.message.value
    builder.apply(goal="")  # hears is empty in the form too: the map becomes classic
    assert builder.empathy_map == EmpathyMap("Jessica")
    builder.set_layout("classic")
    assert builder.layout_choice.value == "classic" and not problem(builder)
    builder.undo()  # the text comes back, and the form shows it
    assert builder.empathy_map.hears == ("Friends love it",) and builder.layout_choice.value == "canvas"
    assert builder.fields["hears"].value == "Friends love it"


def test_apply_with_a_canvas_field_in_code_switches_the_form_to_the_canvas():
    builder = EmpathyMapBuilder(EmpathyMap("Jessica"), live_preview=False)
    builder.apply(sees=["Sofas on Instagram"])
    assert builder.empathy_map.sees == ("Sofas on Instagram",) and builder.layout_choice.value == "canvas"
