"""journeylab.widgets._base and _common: what every builder does alike, files (autosave, Save, Load, Export) and display.

Driven through the builders, the way a learner meets them: tests set widget values
and press buttons with ``button.click()``, then look at the model and at the message
under the form. Most builders here are made with ``live_preview=False`` (drawing a
journey map takes a fifth of a second).
"""

from __future__ import annotations

import ipywidgets
import pytest

from journeylab.exports import journey_files
from journeylab.journey import Journey
from journeylab.personas import EmpathyMap, Persona
from journeylab.widgets import EmpathyMapBuilder, JourneyBuilder, PersonaBuilder

from widget_cases import PNG_MAGIC, channels, nordlys, opportunity_journey, problem

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
    [("png", PNG_MAGIC), ("svg", b"<?xml"), ("pdf", b"%PDF"), ("csv", b"Section,Stage,Item"), ("md", b"# "), ("json", b"{")],
)
def test_export_writes_into_the_journeys_folder_next_to_the_notebook_and_names_the_file(tmp_path, monkeypatch, fmt, start):
    monkeypatch.chdir(tmp_path)
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.buttons[f"export_{fmt}"].click()
    path = journey_files(builder.journey, ".").for_format(fmt)  # one folder per journey, as notebook 07 writes
    assert (tmp_path / path).read_bytes().startswith(start)
    assert path.as_posix() in builder.message.value and not problem(builder)


# ----------------------------------------------------------------------------- display


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


def test_boxes_only_a_button_reads_are_sent_as_typed_and_boxes_that_act_on_leaving():
    # sent as typed: the browser has sent them long before the click, so the click need not wait for them
    journey, persona = JourneyBuilder(nordlys(), live_preview=False), PersonaBuilder(live_preview=False)
    empathy = EmpathyMapBuilder(live_preview=False)
    read_by_buttons = [*persona.fields.values(), *empathy.fields.values(), journey.file_name,
                       *(journey.touchpoint_fields[name] for name in journey.touchpoint_fields if name != "emotion"),
                       *(journey.goal_fields[name] for name in ("goal", "target", "unit")),
                       *(journey.opportunity_fields[name] for name in ("title", "pain_point", "owner"))]
    assert all(box.continuous_update for box in read_by_buttons)
    # a change of these acts at once (a new name, a note, a KPI that fills unit and direction): on leaving
    acting = [journey.name, journey.goal_fields["kpi"], *journey.notes_fields.values()]
    assert not any(box.continuous_update for box in acting)
