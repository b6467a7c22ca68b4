"""The builders, driven from Python the way a learner drives them in JupyterLab.

Tests set widget values and press buttons with ``button.click()``, then look at
the model and at the message under the form. Most builders here are made with
``live_preview=False`` (drawing a journey map takes a fifth of a second); the
tests about the picture switch it on.
"""

from __future__ import annotations

import json
import re

import ipywidgets
import pytest

from journeylab.errors import ValidationError
from journeylab.journey import Journey, StageGoal, StageNotes, Touchpoint
from journeylab.opportunities import Opportunity
from journeylab.personas import EmpathyMap, Persona
from journeylab.widgets import EmpathyMapBuilder, JourneyBuilder, PersonaBuilder

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_widgets():
    """Close each test's widgets: ipywidgets keeps every open widget alive, and the pile slows later tests."""
    yield
    ipywidgets.Widget.close_all()


def nordlys() -> Journey:
    """A small journey: two touchpoints in Know, one in Trust, a goal for Buy."""
    journey = Journey("Nordlys Home")
    journey.add_touchpoint("Know", Touchpoint("Instagram", "Sees a friend's sofa", emotion=1))
    journey.add_touchpoint("Know", Touchpoint("Search result", "Googles sustainable sofas"))
    journey.add_touchpoint("Trust", Touchpoint("Reviews page", "Reads reviews", emotion=1))
    journey.set_goal("Buy", StageGoal("Turn visitors into buyers", "Conversion rate", 3.5))
    return journey


def channels(journey: Journey, stage: str) -> list[str]:
    return [tp.channel for tp in journey.touchpoints(stage)]


def problem(builder) -> bool:
    """Whether the message shows a problem (the warning sign) rather than a success (the tick)."""
    return "⚠" in builder.message.value


# ----------------------------------------------------------------------------- PersonaBuilder


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


def test_persona_preview_is_a_png_of_the_card_and_changes_with_the_persona():
    builder = PersonaBuilder(Persona("Jessica"))
    first = bytes(builder.preview.value)
    assert first.startswith(PNG_MAGIC)
    builder.apply(role="Marketing assistant")
    assert bytes(builder.preview.value).startswith(PNG_MAGIC) and bytes(builder.preview.value) != first


def test_persona_autosave_and_from_file_round_trip(tmp_path):
    path = tmp_path / "jessica.json"
    builder = PersonaBuilder.from_file(path, live_preview=False)  # no file yet: a new persona saved there
    assert builder.persona == Persona("New persona") and not path.exists()
    builder.apply(name="Jessica", channels="Instagram")
    assert Persona.from_dict(json.loads(path.read_text(encoding="utf-8"))) == builder.persona
    again = PersonaBuilder.from_file(path, live_preview=False)
    assert again.persona == Persona("Jessica", channels=["Instagram"])
    assert again.fields["channels"].value == "Instagram"


# ----------------------------------------------------------------------------- EmpathyMapBuilder


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


# ----------------------------------------------------------------------------- JourneyBuilder: touchpoints


def test_touchpoint_form_and_add_button_add_a_touchpoint_and_clear_the_form():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Try"
    form = builder.touchpoint_fields
    form["channel"].value = "Store visit"
    form["customer_action"].value = "Sits on the sofa"
    form["customer_question"].value = "Will it fit?"
    form["emotion"].value = 2
    form["owner"].value = "Store team"
    builder.buttons["add"].click()
    assert builder.journey.touchpoints("Try") == (
        Touchpoint("Store visit", "Sits on the sofa", customer_question="Will it fit?", emotion=2, owner="Store team"),
    )
    assert form["channel"].value == "" and form["emotion"].value == 0
    assert builder.touchpoint_list.options == (("1. Store visit – Sits on the sofa (+2)", 0),)
    assert "Added Store visit to Try" in builder.message.value


def test_choosing_a_stage_shows_its_touchpoints_and_suggestions():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Know"
    assert [label for label, _ in builder.touchpoint_list.options] == [
        "1. Instagram – Sees a friend's sofa (+1)", "2. Search result – Googles sustainable sofas (0)"]
    builder.select_stage("trust")  # any case, as everywhere in journeylab
    assert builder.stage.value == "Trust"
    assert [index for _, index in builder.touchpoint_list.options] == [0]
    assert "Reviews" in builder.touchpoint_fields["channel"].options  # the hourglass's typical Trust touchpoints
    assert "Can I count on them" in builder.stage_help.value


def test_duplicate_touchpoint_shows_a_message_and_changes_nothing():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    before = builder.journey.to_dict()
    builder.stage.value = "Know"
    builder.touchpoint_fields["channel"].value = "instagram"  # same channel and action, other case
    builder.touchpoint_fields["customer_action"].value = "SEES A FRIEND'S SOFA"
    builder.buttons["add"].click()
    assert builder.journey.to_dict() == before
    assert problem(builder) and "already has a touchpoint with this channel" in builder.message.value
    assert builder.touchpoint_fields["channel"].value == "instagram"  # what was typed stays, to fix it
    assert builder.can_undo == 0


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"channel": "E-mail", "emotion": 5}, "Feeling: is out of range (you entered 5)"),
        ({"channel": "E-mail", "emotion": -3}, "Allowed: a whole number from -2 to 2"),
        ({"channel": "  "}, "Channel: must not be empty"),
        ({"channel": "E-mail", "colour": "red"}, "no field called 'colour'"),
    ],
)
def test_invalid_touchpoint_in_code_shows_a_message_and_changes_nothing(fields, words):
    builder = JourneyBuilder(nordlys(), live_preview=False)
    before = builder.journey.to_dict()
    builder.add_touchpoint("Know", **fields)
    assert builder.journey.to_dict() == before
    assert problem(builder) and words in builder.message.value


def test_editing_a_touchpoint_through_the_list_and_the_form():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Know"
    builder.touchpoint_list.value = 1  # clicking "2. Search result" fills the form
    assert builder.touchpoint_fields["channel"].value == "Search result"
    builder.touchpoint_fields["pain_point"].value = "Too many ads"
    builder.touchpoint_fields["emotion"].value = -1
    builder.buttons["update"].click()
    assert builder.journey.touchpoints("Know")[1] == Touchpoint(
        "Search result", "Googles sustainable sofas", emotion=-1, pain_point="Too many ads")
    assert channels(builder.journey, "Know") == ["Instagram", "Search result"]


def test_editing_in_code_changes_only_the_fields_given_and_checks_them():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.update_touchpoint(0, "Know", owner="Social media lead")
    assert builder.journey.touchpoints("Know")[0] == Touchpoint("Instagram", "Sees a friend's sofa", emotion=1,
                                                                owner="Social media lead")
    before = builder.journey.to_dict()
    builder.update_touchpoint(0, "Know", emotion=7)
    assert builder.journey.to_dict() == before and "out of range" in builder.message.value
    builder.update_touchpoint(5, "Know", owner="Nobody")
    assert builder.journey.to_dict() == before and "no touchpoint at that place" in builder.message.value
    # editing the first into a copy of the second would make a duplicate
    builder.update_touchpoint(0, "Know", channel="Search result", customer_action="Googles sustainable sofas")
    assert builder.journey.to_dict() == before and "already has a touchpoint" in builder.message.value


def test_save_changes_without_a_chosen_touchpoint_asks_to_choose_one():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    before = builder.journey.to_dict()
    builder.stage.value = "Know"
    builder.touchpoint_fields["channel"].value = "Newsletter"
    for name in ("update", "remove", "up"):
        builder.buttons[name].click()
        assert problem(builder) and "Choose a touchpoint first" in builder.message.value
    assert builder.journey.to_dict() == before


def test_reordering_with_up_and_down():
    journey = Journey("Nordlys Home")
    for channel in ("A", "B", "C"):
        journey.add_touchpoint("Like", Touchpoint(channel))
    builder = JourneyBuilder(journey, live_preview=False)
    builder.stage.value = "Like"
    builder.touchpoint_list.value = 2  # C
    builder.buttons["up"].click()  # A C B
    assert channels(builder.journey, "Like") == ["A", "C", "B"]
    assert builder.touchpoint_list.value == 1  # the selection follows C
    builder.buttons["up"].click()  # C A B
    builder.buttons["up"].click()  # already first: nothing moves
    assert channels(builder.journey, "Like") == ["C", "A", "B"]
    assert "already first" in builder.message.value
    builder.move_down(1)  # A moves below B: C B A
    assert channels(builder.journey, "Like") == ["C", "B", "A"]
    builder.move_down(2)
    assert channels(builder.journey, "Like") == ["C", "B", "A"] and "already last" in builder.message.value


def test_removing_a_touchpoint():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Know"
    builder.touchpoint_list.value = 0
    builder.buttons["remove"].click()
    assert channels(builder.journey, "Know") == ["Search result"]
    assert builder.touchpoint_list.value is None
    assert "Removed Instagram from Know" in builder.message.value
    builder.remove_touchpoint(0, "Trust")
    assert builder.journey.touchpoints("Trust") == () and builder.stage.value == "Trust"


# ----------------------------------------------------------------------------- JourneyBuilder: goals and name


def test_goal_form_with_kpi_suggestions_and_direction():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Like"
    assert builder.goal_fields["kpi"].options == ("Click-through rate", "Time on site", "Bounce rate")
    builder.goal_fields["goal"].value = "Keep visitors on the site"
    builder.goal_fields["kpi"].value = "Bounce rate"  # choosing it makes lower better
    assert builder.goal_fields["better"].value == "lower"
    builder.goal_fields["target"].value = "40,5 %"  # a decimal comma and a percent sign are fine
    builder.buttons["set_goal"].click()
    assert builder.journey.goal("Like") == StageGoal("Keep visitors on the site", "Bounce rate", 40.5,
                                                     unit="%", better="lower")
    assert "Set the goal of Like" in builder.message.value


@pytest.mark.parametrize("target", ["lots", "", "3.5.1", "ten %"])
def test_target_that_is_not_a_number_shows_a_message_and_keeps_the_goal(target):
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    assert builder.goal_fields["target"].value == "3.5"  # the form shows the stage's goal
    builder.goal_fields["target"].value = target
    builder.buttons["set_goal"].click()
    assert builder.journey.goal("Buy") == StageGoal("Turn visitors into buyers", "Conversion rate", 3.5)
    assert problem(builder) and "Target: must be a number" in builder.message.value


def test_goal_in_code_takes_the_kpi_direction_and_remove_goal():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.set_goal("Repeat", goal="Keep customers", kpi="Churn rate", target=5)
    assert builder.journey.goal("Repeat") == StageGoal("Keep customers", "Churn rate", 5, better="lower")
    builder.remove_goal("Buy")
    assert builder.journey.goal("Buy") is None and builder.goal_fields["goal"].value == ""


def test_empty_business_name_shows_a_message_and_keeps_the_name():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.name.value = "   "
    assert builder.journey.name == "Nordlys Home"
    assert problem(builder) and "Business name: must not be empty" in builder.message.value
    builder.name.value = "Nordlys Home & Garden"
    assert builder.journey.name == "Nordlys Home & Garden"


# ----------------------------------------------------------------------------- JourneyBuilder: framework and undo


def test_framework_change_keeps_every_touchpoint_and_goal():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.journey.add_touchpoint("Try", Touchpoint("Free sample"))
    builder.framework.value = "five_stage"
    journey = builder.journey
    assert journey.framework.key == "five_stage"
    # Know -> Awareness; Trust and Try both -> Desire; Buy -> Action
    assert channels(journey, "Awareness") == ["Instagram", "Search result"]
    assert channels(journey, "Desire") == ["Reviews page", "Free sample"]
    assert journey.goal("Action") == StageGoal("Turn visitors into buyers", "Conversion rate", 3.5)
    assert builder.stage.options == journey.stage_names
    builder.framework.value = "cycle"
    # Awareness -> Awareness; Desire -> Consideration; Action -> Purchase
    assert channels(builder.journey, "Consideration") == ["Reviews page", "Free sample"]
    assert "4 touchpoints" in builder.message.value


def test_framework_change_says_what_could_not_be_carried_over():
    journey = Journey("Nordlys Home")
    journey.add_touchpoint("Trust", Touchpoint("Website"))
    journey.add_touchpoint("Try", Touchpoint("website"))  # the same touchpoint in two stages that merge
    journey.set_goal("Trust", StageGoal("Be trusted", "Review views", 100, unit=""))
    journey.set_goal("Try", StageGoal("Get trials", "Trial starts", 50, unit=""))
    builder = JourneyBuilder(journey, live_preview=False)
    builder.set_framework("five_stage")
    assert channels(builder.journey, "Desire") == ["Website"]
    assert "website (Try) was already in Desire" in builder.message.value
    assert "the goal of Try (Get trials) was dropped" in builder.message.value
    builder.undo()
    assert builder.journey == journey and builder.framework.value == "hourglass"


def test_unknown_framework_in_code_shows_a_message():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.set_framework("funnel")
    assert builder.journey == nordlys() and builder.framework.value == "hourglass"
    assert "Framework: there is no framework of that name" in builder.message.value


def test_convert_journey_round_trip_through_the_five_stages():
    # the hourglass -> five stages -> hourglass trip puts Try's touchpoints into Trust: none is lost
    journey = nordlys()
    journey.add_touchpoint("Try", Touchpoint("Free sample"))
    back, notes = journey.in_framework("five_stage")[0].in_framework("hourglass")
    assert notes == []
    assert channels(back, "Trust") == ["Reviews page", "Free sample"] and back.touchpoints("Try") == ()


def test_undo_takes_back_several_changes_in_order():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    states = [builder.journey.to_dict()]
    builder.add_touchpoint("Like", channel="Website")
    states.append(builder.journey.to_dict())
    builder.set_goal("Like", goal="Engage", kpi="Click-through rate", target=2)
    states.append(builder.journey.to_dict())
    builder.move_up(1, "Know")
    states.append(builder.journey.to_dict())
    builder.set_framework("cycle")
    assert builder.can_undo == 4
    for expected in reversed(states):
        builder.buttons["undo"].click()
        assert builder.journey.to_dict() == expected
    assert builder.framework.value == "hourglass" and builder.name.value == "Nordlys Home"
    builder.undo()
    assert problem(builder) and "nothing to undo" in builder.message.value


def test_refused_changes_are_not_added_to_undo():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.add_touchpoint("Like", channel="Website")
    builder.add_touchpoint("Like", channel="website")  # duplicate: refused
    builder.set_goal("Buy", goal="x", kpi="y", target="many")  # refused
    builder.undo()
    assert builder.journey == nordlys() and builder.can_undo == 0


# ----------------------------------------------------------------------------- files


def test_autosave_writes_every_accepted_change_and_nothing_else(tmp_path):
    path = tmp_path / "my_journey.json"
    builder = JourneyBuilder(nordlys(), autosave=path, live_preview=False)
    assert not path.exists()  # opening writes nothing: the first change does
    changes = [
        lambda: builder.add_touchpoint("Like", channel="Website"),
        lambda: builder.set_goal("Like", goal="Engage", kpi="CTR", target="2.5"),
        lambda: builder.move_down(0, "Know"),
        lambda: builder.set_framework("five_stage"),
        lambda: builder.undo(),
    ]
    for change in changes:
        change()
        assert Journey.load(path) == builder.journey
        assert f"Saved to {path}" in builder.message.value
    saved = path.read_text(encoding="utf-8")
    builder.add_touchpoint("Like", channel="website")  # refused: the file stays as it was
    assert path.read_text(encoding="utf-8") == saved


def test_builder_opened_on_a_saved_file_shows_its_content(tmp_path):
    path = nordlys().save(tmp_path / "nordlys.json")
    builder = JourneyBuilder.from_file(path, live_preview=False)
    assert builder.journey == nordlys()
    assert builder.name.value == "Nordlys Home" and builder.framework.value == "hourglass"
    assert builder.stage.value == "Know" and len(builder.touchpoint_list.options) == 2
    builder.stage.value = "Buy"
    assert builder.goal_fields["goal"].value == "Turn visitors into buyers"
    assert builder.goal_fields["kpi"].value == "Conversion rate" and builder.goal_fields["target"].value == "3.5"
    assert f"Opened {path}" in builder.message.value
    builder.add_touchpoint(channel="Checkout")  # from_file autosaves back into the same file
    assert channels(Journey.load(path), "Buy") == ["Checkout"]


def test_builder_is_a_view_of_the_journey_it_was_given():
    journey = nordlys()
    builder = JourneyBuilder(journey, live_preview=False)
    builder.add_touchpoint("Refer", channel="Referral programme")
    assert builder.journey is journey and channels(journey, "Refer") == ["Referral programme"]


def test_autosave_onto_an_existing_file_warns_before_replacing_it(tmp_path):
    path = nordlys().save(tmp_path / "nordlys.json")
    builder = JourneyBuilder(Journey("Other"), autosave=path, live_preview=False)
    assert "already exists: your first change replaces it" in builder.message.value
    assert "JourneyBuilder.from_file(" in builder.message.value
    assert Journey.load(path) == nordlys()  # nothing is written before a change


def test_from_file_without_autosave_leaves_the_file_alone(tmp_path):
    path = nordlys().save(tmp_path / "nordlys.json")
    builder = JourneyBuilder.from_file(path, autosave=False, live_preview=False)
    assert builder.journey == nordlys() and builder.autosave is None
    builder.add_touchpoint("Refer", channel="Referral programme")
    assert Journey.load(path) == nordlys()
    builder.undo()  # opening is not a change to undo
    assert builder.journey == nordlys() and builder.can_undo == 0


def test_from_file_that_does_not_exist_yet_starts_there_and_a_rerun_resumes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    builder = JourneyBuilder.from_file("my_journey.json", live_preview=False)
    assert builder.journey == Journey("My business") and "Started a new journey" in builder.message.value
    builder.set_name("Nordlys Home")
    rerun = JourneyBuilder(autosave="my_journey.json", live_preview=False)  # the same cell after a restart
    assert rerun.journey == Journey("Nordlys Home")


def test_from_a_broken_file_says_why_and_never_overwrites_it(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"name": "Nordlys", "stages": {"Know": {"touchpoints": "Instagram"}}}', encoding="utf-8")
    builder = JourneyBuilder.from_file(path, live_preview=False)
    assert problem(builder) and "Could not open" in builder.message.value and "autosave is off" in builder.message.value
    assert builder.autosave is None
    builder.set_name("Something else")
    assert path.read_text(encoding="utf-8").startswith('{"name": "Nordlys"')


def test_save_and_load_buttons_use_the_file_name(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    assert builder.file_name.placeholder == "nordlys_home_journey (automatic)"
    builder.file_name.value = "plan_v1"
    builder.buttons["save"].click()
    assert Journey.load(tmp_path / "plan_v1.json") == nordlys()
    assert "plan_v1.json" in builder.message.value
    builder.add_touchpoint("Refer", channel="Referral programme")
    builder.buttons["load"].click()
    assert builder.journey == nordlys()
    builder.undo()  # loading is a change like any other
    assert channels(builder.journey, "Refer") == ["Referral programme"]


def test_save_goes_to_the_autosave_file_unless_a_file_name_is_typed(tmp_path):
    builder = JourneyBuilder(nordlys(), autosave="auto.json", folder=tmp_path, live_preview=False)
    builder.save()
    assert Journey.load(tmp_path / "auto.json") == nordlys()
    builder.file_name.value = "copy.json"  # a typed ending is not doubled
    builder.save()
    assert Journey.load(tmp_path / "copy.json") == nordlys()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["auto.json", "copy.json"]


def test_load_of_a_missing_file_changes_nothing(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    builder.load("nowhere.json")
    assert builder.journey == nordlys()
    assert problem(builder) and "no file of that name" in builder.message.value


@pytest.mark.parametrize(
    "fmt, start",
    [("png", PNG_MAGIC), ("svg", b"<?xml"), ("pdf", b"%PDF"), ("csv", b"record,stage,channel"), ("md", b"# "), ("json", b"{")],
)
def test_export_writes_next_to_the_notebook_and_names_the_file(tmp_path, monkeypatch, fmt, start):
    monkeypatch.chdir(tmp_path)
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.buttons[f"export_{fmt}"].click()
    path = tmp_path / f"nordlys_home_journey.{fmt}"
    assert path.read_bytes().startswith(start)
    assert f"nordlys_home_journey.{fmt}" in builder.message.value and not problem(builder)


def test_export_html_button_writes_the_shareable_page_of_the_journey(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    builder.buttons["export_html"].click()
    page = (tmp_path / "nordlys_home_journey.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Customer journey: Nordlys Home</title>" in page
    assert "Reviews page" in page  # a touchpoint of the journey, in the page's table
    assert "nordlys_home_journey.html" in builder.message.value and not problem(builder)


@pytest.mark.parametrize("fmt, read", [("csv", Journey.from_csv), ("json", Journey.load),
                                       ("md", lambda path: Journey.from_markdown(path.read_text(encoding="utf-8")))])
def test_exported_plan_reads_back_as_the_same_journey(tmp_path, fmt, read):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    path = builder.export(fmt)
    assert read(path) == nordlys()


def test_export_of_an_unknown_format_says_which_exist(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    assert builder.export("jpg") is None
    assert "Allowed: png, svg, pdf, html, csv, md, json" in builder.message.value
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- preview and display


def test_journey_preview_follows_changes_and_can_be_switched_off():
    builder = JourneyBuilder(nordlys())
    first = bytes(builder.preview.value)
    assert first.startswith(PNG_MAGIC)
    builder.add_touchpoint("Refer", channel="Referral programme", emotion=2)
    second = bytes(builder.preview.value)
    assert second != first
    builder.live_preview.value = False
    builder.undo()
    assert bytes(builder.preview.value) == second  # not redrawn while switched off
    builder.buttons["refresh"].click()
    assert bytes(builder.preview.value) == first  # the same journey draws the same picture


@pytest.mark.parametrize("make", [
    lambda: PersonaBuilder(Persona("Jessica"), live_preview=False),
    lambda: EmpathyMapBuilder(EmpathyMap("Jessica"), live_preview=False),
    lambda: JourneyBuilder(nordlys(), live_preview=False),
])
def test_displaying_a_builder_shows_its_widget_and_prints_nothing(make, capsys):
    builder = make()
    capsys.readouterr()
    bundle = builder._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == builder.widget.model_id
    assert bundle["text/plain"] == repr(builder) and "0x" not in bundle["text/plain"]
    assert capsys.readouterr() == ("", "")


def test_text_shown_for_a_journey_builder_is_a_short_summary():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    assert repr(builder) == "JourneyBuilder(Journey('Nordlys Home', framework='hourglass', 3 touchpoints, 1 goals))"


def test_the_journey_builder_takes_a_persona_through_the_normal_change_path(tmp_path):
    from journeylab.personas import Persona

    builder = JourneyBuilder(Journey("Nordlys Home"), autosave=tmp_path / "journey.json")
    builder.set_persona(Persona("Henrik", age=49))
    assert builder.journey.persona.name == "Henrik"
    assert Journey.load(tmp_path / "journey.json").persona.name == "Henrik", "autosaved"
    builder.set_persona("Henrik")
    assert "Persona: must be a persona" in builder.message.value and builder.journey.persona.name == "Henrik"
    builder.undo()
    assert builder.journey.persona is None


# ----------------------------------------------------------------------------- JourneyBuilder: notes


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


# ----------------------------------------------------------------------------- JourneyBuilder: opportunities


def test_opportunity_form_adds_edits_and_removes_with_undo(tmp_path):
    path = tmp_path / "journey.json"
    builder = JourneyBuilder(nordlys(), autosave=path, live_preview=False)
    builder.stage.value = "Buy"
    form = builder.opportunity_fields
    form["title"].value = "Show delivery cost early"
    form["pain_point"].value = "Surprise fee at checkout"
    form["customer_value"].value = 80
    form["business_value"].value = 60
    form["effort"].value = 2
    form["owner"].value = "Web team"
    form["status"].value = "planned"
    builder.buttons["add_opportunity"].click()
    added = Opportunity("Show delivery cost early", "Surprise fee at checkout", 80, 60, 2, "Web team", "planned")
    assert builder.journey.opportunities("Buy") == (added,)
    assert Journey.load(path).opportunities("Buy") == (added,)
    assert form["title"].value == "" and form["effort"].value == 3 and form["status"].value == "idea"
    assert builder.opportunity_list.options == (("1. Show delivery cost early (planned)", 0),)
    builder.opportunity_list.value = 0  # clicking it fills the form
    assert form["pain_point"].value == "Surprise fee at checkout" and form["business_value"].value == 60
    form["status"].value = "doing"
    builder.buttons["update_opportunity"].click()
    assert builder.journey.opportunities("Buy")[0].status == "doing"
    builder.buttons["remove_opportunity"].click()
    assert builder.journey.opportunities("Buy") == () and builder.opportunity_list.options == ()
    assert "Removed the opportunity 'Show delivery cost early' from Buy" in builder.message.value
    builder.undo()
    assert builder.journey.opportunities("Buy")[0].status == "doing"
    builder.buttons["undo"].click()
    assert builder.journey.opportunities("Buy") == (added,)
    builder.undo()
    assert builder.journey == nordlys() and Journey.load(path) == nordlys()


def test_opportunity_in_code_and_the_stages_pain_points_as_suggestions():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.update_touchpoint(0, "Know", pain_point="Too many ads")
    assert builder.opportunity_fields["pain_point"].options == ("Too many ads",)
    builder.add_opportunity(title="Fewer, better ads", effort=1)  # the shown stage, Know
    assert builder.journey.opportunities("Know") == (Opportunity("Fewer, better ads", effort=1),)
    builder.update_opportunity(0, "Know", owner="Social media lead")
    assert builder.journey.opportunities("Know")[0] == Opportunity("Fewer, better ads", effort=1,
                                                                   owner="Social media lead")
    builder.remove_opportunity(0, "Know")
    assert builder.journey.opportunities("Know") == ()


def opportunity_journey() -> Journey:
    journey = nordlys()
    journey.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
                                               effort=2))
    return journey


@pytest.mark.parametrize("fields, words", [
    ({"title": "Live chat", "effort": 9},
     "Effort: is out of range (you entered 9). Allowed: a whole number from 1 to 5"),
    ({"title": "Live chat", "effort": 0}, "Effort: is out of range"),
    ({"title": "Live chat", "customer_value": 101}, "Customer value: is out of range"),
    ({"title": "Live chat", "status": "someday"}, "Status: is not one of the allowed values"),
    ({"title": "   "}, "Title: must not be empty"),
    ({"title": "SHOW DELIVERY COST EARLY"}, "Stage Buy (opportunity 1): already has an opportunity with this title"),
    ({"title": "Live chat", "colour": "red"}, "no field called 'colour'"),
])
def test_invalid_opportunity_shows_a_message_and_changes_nothing(tmp_path, fields, words):
    path = opportunity_journey().save(tmp_path / "journey.json")
    builder = JourneyBuilder.from_file(path, live_preview=False)
    saved, table = path.read_text(encoding="utf-8"), builder.priority_table.value
    builder.add_opportunity("Buy", **fields)
    assert builder.journey == opportunity_journey() and builder.can_undo == 0
    assert problem(builder) and words in builder.message.value and "Nothing was changed" in builder.message.value
    assert path.read_text(encoding="utf-8") == saved and builder.priority_table.value == table


def test_editing_or_removing_an_opportunity_needs_one_that_exists():
    builder = JourneyBuilder(opportunity_journey(), live_preview=False)
    builder.add_opportunity("Buy", title="Live chat")
    before = builder.journey.to_dict()
    for name in ("update_opportunity", "remove_opportunity"):
        builder.buttons[name].click()  # nothing chosen in the list
        assert problem(builder) and "Choose an opportunity first" in builder.message.value
    builder.update_opportunity(5, "Buy", owner="Nobody")
    assert problem(builder) and "has no opportunity at that place (you entered 5)" in builder.message.value
    builder.update_opportunity(1, "Buy", title="show delivery cost early")  # would copy the first one's title
    assert problem(builder) and "already has an opportunity with this title" in builder.message.value
    builder.update_opportunity(1, "Buy", effort=6)
    assert problem(builder) and "Effort: is out of range" in builder.message.value
    assert builder.journey.to_dict() == before


def table_rows(html_text: str) -> list[tuple[str, str, str]]:
    """(rank, stage, title) of each row of the priority table, top to bottom."""
    return re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", html_text)


def test_priority_table_ranks_by_value_per_effort_and_follows_changes():
    builder = JourneyBuilder(opportunity_journey(), live_preview=False)
    assert isinstance(builder.priority_table, ipywidgets.HTML)
    # scores: delivery cost (80 + 60) / 2 / 2 = 35; sample (50 + 50) / 2 / 1 = 50; app (100 + 100) / 2 / 5 = 20
    builder.add_opportunity("Try", title="Free fabric samples", effort=1)
    builder.add_opportunity("Repeat", title="Care app", customer_value=100, business_value=100, effort=5)
    assert table_rows(builder.priority_table.value) == [
        ("1", "Try", "Free fabric samples"), ("2", "Buy", "Show delivery cost early"), ("3", "Repeat", "Care app")]
    assert "<td>35</td>" in builder.priority_table.value  # 35.0 shown as a person writes it
    builder.update_opportunity(0, "Try", effort=5)  # 50 / 5 = 10: now last
    assert [title for *_, title in table_rows(builder.priority_table.value)] == [
        "Show delivery cost early", "Care app", "Free fabric samples"]
    builder.remove_opportunity(0, "Buy")
    builder.remove_opportunity(0, "Try")
    builder.remove_opportunity(0, "Repeat")
    assert table_rows(builder.priority_table.value) == []
    assert "No opportunities yet" in builder.priority_table.value


def test_priority_table_escapes_what_was_typed():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.add_opportunity("Buy", title="<script>alert('hi')</script>", pain_point="<b>fees</b> & more")
    table = builder.priority_table.value
    assert "<script" not in table and "<b>fees" not in table
    assert "&lt;script&gt;alert('hi')&lt;/script&gt;" in table and "&lt;b&gt;fees&lt;/b&gt; &amp; more" in table


def test_opportunities_load_back_into_the_list(tmp_path):
    path = tmp_path / "journey.json"
    builder = JourneyBuilder.from_file(path, live_preview=False)
    builder.add_opportunity("Refer", title="Referral reward", business_value=70, owner="CRM")
    again = JourneyBuilder.from_file(path, live_preview=False)
    assert again.journey.opportunities("Refer") == (Opportunity("Referral reward", business_value=70, owner="CRM"),)
    again.stage.value = "Refer"
    assert again.opportunity_list.options == (("1. Referral reward (idea)", 0),)
    assert "Referral reward" in again.priority_table.value


def test_choosing_another_stage_forgets_the_chosen_opportunity():
    builder = JourneyBuilder(opportunity_journey(), live_preview=False)
    builder.stage.value = "Buy"
    builder.select_opportunity(0)
    assert builder.opportunity_list.value == 0
    builder.stage.value = "Try"
    assert builder.opportunity_list.value is None and builder.opportunity_list.options == ()
    builder.buttons["remove_opportunity"].click()
    assert problem(builder) and builder.journey == opportunity_journey()
    builder.select_opportunity(3)
    assert problem(builder) and "Stage Try: has no opportunity at that place" in builder.message.value


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


# ----------------------------------------------------------------------------- displaying the new parts


def all_widgets(widget) -> list:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += all_widgets(child)
    return found


@pytest.mark.parametrize("make", [
    lambda: JourneyBuilder(opportunity_journey(), live_preview=False),
    lambda: EmpathyMapBuilder(EmpathyMap("Jessica", goal="Find a sofa", sees=["Ads"]), live_preview=False),
])
def test_displaying_the_new_sections_prints_nothing_and_uses_no_output_widget(make, capsys):
    builder = make()
    capsys.readouterr()
    if isinstance(builder, JourneyBuilder):  # using the new sections prints nothing either
        builder.set_notes("Buy", thinking="Is it worth it?", backstage=["Payment provider"])
        builder.add_opportunity("Buy", title="Live chat", effort=2)
        builder.tabs.selected_index = 3
    builder.refresh_preview()
    bundle = builder._repr_mimebundle_()
    assert bundle["text/plain"] == repr(builder) and "0x" not in bundle["text/plain"]
    assert capsys.readouterr() == ("", "")
    assert not any(isinstance(item, ipywidgets.Output) for item in all_widgets(builder.widget))
