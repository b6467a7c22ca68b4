"""journeylab.widgets.journey: the JourneyBuilder's touchpoints, goals, name, framework, Undo, exports and preview.

Its Notes and Opportunities tabs are tested in test_widgets_journey_notes.py and
test_widgets_journey_opportunities.py; what every builder shares (files, display) in test_widgets_common.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab.journey import Journey, StageGoal, Touchpoint
from journeylab.opportunities import Opportunity
from journeylab.plots.previews import journey_map_html
from journeylab.widgets import JourneyBuilder
from journeylab.widgets._common import LIST_ROW_CHARS

from widget_cases import channels, nordlys, problem

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


def test_a_long_touchpoint_is_shortened_in_the_list_and_its_feeling_still_shows():
    # the list is about 300 px wide on a 1280 px screen with the file browser open (issue 19)
    builder = JourneyBuilder(nordlys(), live_preview=False)
    action = "Reads every review of the sofa on three sites, then asks friends on a group chat"
    builder.add_touchpoint("Try", channel="Review sites", customer_action=action, emotion=-1)
    label = builder.touchpoint_list.options[-1][0]
    assert len(label) <= LIST_ROW_CHARS and label.startswith("1. Review sites – Reads") and label.endswith("… (-1)")
    assert builder.journey.touchpoints("Try")[-1].customer_action == action  # only the list row is short


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
    assert builder.journey.framework.key == "hourglass"  # first the plan, then the switch
    builder.buttons["confirm_framework"].click()
    journey = builder.journey
    assert journey.framework.key == "five_stage"
    # Know -> Awareness; Trust and Try both -> Desire; Buy -> Action
    assert channels(journey, "Awareness") == ["Instagram", "Search result"]
    assert channels(journey, "Desire") == ["Reviews page", "Free sample"]
    assert journey.goal("Action") == StageGoal("Turn visitors into buyers", "Conversion rate", 3.5)
    assert builder.stage.options == journey.stage_names
    builder.framework.value = "cycle"
    builder.buttons["confirm_framework"].click()
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
    assert "the goal of Try (Get trials): Desire keeps the goal of Trust" in builder.message.value
    builder.undo()
    assert builder.journey == journey and builder.framework.value == "hourglass"


def test_choosing_a_framework_says_what_moves_and_what_would_not_fit_before_anything_changes():
    journey = nordlys()
    journey.add_touchpoint("Try", Touchpoint("Free sample"))
    journey.set_goal("Trust", StageGoal("Be trusted", "Review views", 100, unit=""))
    journey.set_goal("Try", StageGoal("Get trials", "Trial starts", 50, unit=""))
    builder = JourneyBuilder(journey, live_preview=False)
    builder.framework.value = "five_stage"
    plan = builder.framework_plan.value
    assert builder.journey == journey and builder.framework_box.layout.display != "none"
    assert "Trust and Try → Desire (2 touchpoints, 2 goals: only one fits)" in plan
    assert "the goal of Try (Get trials): Desire keeps the goal of Trust" in plan
    builder.buttons["keep_framework"].click()
    assert builder.journey == journey and builder.framework.value == "hourglass"
    assert builder.framework_box.layout.display == "none"


@pytest.mark.parametrize("press", ["confirm_framework", "keep_framework"])
def test_switch_and_keep_give_the_focus_back_to_the_dropdown_before_their_buttons_hide(press):
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.framework.value = "five_stage"
    sent: list[str] = []  # what the browser hears, in order: the focus must move before the buttons hide
    builder.framework.send = lambda content, buffers=None: sent.append(content["do"])
    builder.framework_box.layout.observe(lambda change: sent.append(f"display {change['new']}"), "display")
    builder.buttons[press].click()
    assert sent == ["focus", "display none"]
    builder.buttons["undo" if press == "confirm_framework" else "keep_framework"].click()
    assert sent == ["focus", "display none"]  # no proposal shown: nothing to give the focus back from


def test_hourglass_to_five_stages_and_back_restores_every_stage_goal_and_idea():
    journey = nordlys()
    journey.add_touchpoint("Try", Touchpoint("Free sample", emotion=2))
    journey.add_touchpoint("Refer", Touchpoint("Referral card"))
    journey.set_goal("Try", StageGoal("Get trials", "Trial starts", 50, unit=""))
    journey.set_goal("Refer", StageGoal("Get referrals", "Referrals", 20, unit=""))
    journey.set_goal("Repeat", StageGoal("Come back", "Repeat purchase rate", 30))
    journey.add_opportunity("Try", Opportunity("Free delivery of samples", effort=2))
    builder = JourneyBuilder(journey, live_preview=False)
    builder.framework.value = "five_stage"
    builder.buttons["confirm_framework"].click()
    assert builder.journey.framework.key == "five_stage"
    builder.framework.value = "hourglass"
    assert "Everything goes back exactly where it was" in builder.framework_plan.value
    builder.buttons["confirm_framework"].click()
    assert builder.journey == journey
    assert "everything is where it was before you switched" in builder.message.value
    builder.set_framework("five_stage")  # once more, in code: the same trip
    builder.set_framework("hourglass")
    assert builder.journey == journey


def test_a_change_made_after_switching_is_kept_when_switching_back():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.set_framework("five_stage")
    builder.add_touchpoint("Desire", channel="Showroom")
    builder.set_framework("hourglass")  # not the journey it was: converted again, the new touchpoint kept
    assert "Showroom" in channels(builder.journey, "Trust")


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


# ----------------------------------------------------------------------------- JourneyBuilder: the journey, its persona and its exports


def test_the_journey_follows_the_persona_builder_it_was_given(tmp_path):
    from journeylab.personas import Persona
    from journeylab.widgets import PersonaBuilder

    personas = PersonaBuilder(live_preview=False)
    builder = JourneyBuilder(Journey("Velo Repair"), autosave=tmp_path / "journey.json")
    builder.set_persona(personas)
    assert builder.journey.persona.name == "New persona"
    personas.apply(name="Sofie", age="34")  # the learner fills in the persona after linking it
    assert builder.journey.persona == personas.persona
    assert "for Sofie (34)" in builder.preview.value and "for New persona" not in builder.preview.value
    assert Journey.load(tmp_path / "journey.json").persona.name == "Sofie", "autosaved"
    assert "The journey is now for Sofie, as the persona builder says." in builder.message.value
    personas.undo()
    assert builder.journey.persona.name == "New persona"
    builder.set_persona(Persona("Henrik", age=49))  # a persona as it is: following stops
    personas.apply(name="Ana")
    assert builder.journey.persona.name == "Henrik"


def test_a_refused_persona_keeps_following_the_builder_as_before():
    from journeylab.widgets import PersonaBuilder

    personas = PersonaBuilder(live_preview=False)
    builder = JourneyBuilder(Journey("Velo Repair"), live_preview=False)
    builder.set_persona(personas)
    builder.set_persona("Henrik")
    assert "Persona: must be a persona" in builder.message.value
    personas.apply(name="Sofie")
    assert builder.journey.persona.name == "Sofie"


def test_builder_is_a_view_of_the_journey_it_was_given():
    journey = nordlys()
    builder = JourneyBuilder(journey, live_preview=False)
    builder.add_touchpoint("Refer", channel="Referral programme")
    assert builder.journey is journey and channels(journey, "Refer") == ["Referral programme"]


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


def test_export_html_button_writes_the_shareable_page_of_the_journey(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    builder.buttons["export_html"].click()
    page = (tmp_path / "nordlys_home" / "page.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Customer journey: Nordlys Home</title>" in page
    assert "Reviews page" in page  # a touchpoint of the journey, in the page's table
    assert "nordlys_home/page.html" in builder.message.value and not problem(builder)


@pytest.mark.parametrize("fmt, read", [("csv", Journey.from_csv), ("json", Journey.load),
                                       ("md", lambda path: Journey.from_markdown(path.read_text(encoding="utf-8")))])
def test_exported_plan_reads_back_as_the_same_journey(tmp_path, fmt, read):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    path = builder.export(fmt)
    assert read(path) == nordlys()


def test_the_builder_and_export_journey_name_the_files_alike(tmp_path):
    from journeylab.exports import export_journey

    builder = JourneyBuilder(nordlys(), folder=tmp_path / "builder", live_preview=False)
    by_builder = {builder.export(fmt).relative_to(tmp_path / "builder") for fmt in builder._export_formats()}
    by_notebook = {path.relative_to(tmp_path / "notebook") for path in export_journey(nordlys(), tmp_path / "notebook")}
    assert by_builder and by_builder <= by_notebook  # the notebook writes a few more (matrix, persona card)
    assert {path.parent for path in by_builder} == {Path("nordlys_home")}


def test_a_typed_file_name_names_the_export_folder(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    builder.file_name.value = "plan_v2.json"
    assert builder.export("pdf") == tmp_path / "plan_v2" / "map.pdf"


def test_export_of_an_unknown_format_says_which_exist(tmp_path):
    builder = JourneyBuilder(nordlys(), folder=tmp_path, live_preview=False)
    assert builder.export("jpg") is None
    assert "Allowed: png, svg, pdf, html, csv, md, json" in builder.message.value
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- preview and display


def test_journey_preview_follows_changes_and_can_be_switched_off():
    builder = JourneyBuilder(nordlys())
    first = builder.preview.value
    assert "Referral programme" not in first
    builder.add_touchpoint("Refer", channel="Referral programme", emotion=2)
    second = builder.preview.value
    assert "Referral programme" in second
    builder.live_preview.value = False
    builder.undo()
    assert builder.preview.value == second  # not redrawn while switched off
    builder.buttons["refresh"].click()
    assert builder.preview.value == first  # the same journey draws the same preview


def test_text_shown_for_a_journey_builder_is_a_short_summary():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    assert repr(builder) == "JourneyBuilder(Journey('Nordlys Home', framework='hourglass', 3 touchpoints, 1 goals))"


@pytest.mark.parametrize("stage, kpi, target, message", [
    ("Know", "Reach", "-5", "Target: must not be negative (you entered -5)"),
    ("Buy", "Conversion rate", "150", "Target: is above 100 %, more than everyone (you entered 150)"),
])
def test_a_target_out_of_range_is_refused_and_the_form_keeps_it(stage, kpi, target, message):
    builder = JourneyBuilder(nordlys(), live_preview=False)
    before = builder.journey.goal(stage)
    builder.stage.value = stage
    builder.goal_fields["goal"].value, builder.goal_fields["kpi"].value = "Grow", kpi
    builder.goal_fields["target"].value = target
    builder.buttons["set_goal"].click()
    assert problem(builder) and message in builder.message.value, builder.message.value
    assert builder.journey.goal(stage) == before and builder.goal_fields["target"].value == target
    if stage == "Know":
        assert before is None


def test_a_negative_nps_target_is_a_goal_like_any_other():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.set_goal("Refer", goal="Fewer detractors", kpi="NPS", target="-10")
    assert not problem(builder)
    assert (builder.journey.goal("Refer").target, builder.journey.goal("Refer").unit) == (-10, "points")


def test_choosing_a_count_kpi_keeps_a_unit_the_learner_typed():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Know"
    builder.goal_fields["unit"].value = "people"
    builder.goal_fields["kpi"].value = "Reach"
    assert builder.goal_fields["unit"].value == "people"
    builder.goal_fields["unit"].value = "%"  # the form's own default goes: Reach is a count
    builder.goal_fields["kpi"].value = ""
    builder.goal_fields["kpi"].value = "Reach"
    assert builder.goal_fields["unit"].value == ""


def test_opportunity_sliders_have_no_typed_readout_that_would_clamp_silently():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    for name in ("customer_value", "business_value"):
        assert builder.opportunity_fields[name].readout is False
    assert builder.touchpoint_fields["emotion"].readout is False


def test_each_click_sends_only_the_parts_of_the_preview_it_changed():
    builder = JourneyBuilder(nordlys())
    parts = builder.preview.parts

    def changed_by(action) -> list[int]:
        before = [part.value for part in parts]
        action()
        return [index for index, (old, part) in enumerate(zip(before, parts)) if old != part.value]

    # the widgets: 0 the style, 1 title, stage headings and goals, 2 the touchpoint lanes, 3 the notes lanes
    assert changed_by(lambda: builder.set_goal("Know", goal="Be seen", kpi="Reach", target="5000")) == [1]
    assert changed_by(lambda: builder.set_name("Nordlys Living")) == [1]  # the title
    assert changed_by(lambda: builder.add_touchpoint("Buy", channel="Checkout", emotion=-1)) == [1, 2]  # the title counts them
    assert changed_by(lambda: builder.add_opportunity("Buy", title="Show delivery cost early")) == [3]
    assert changed_by(lambda: builder.set_framework("five_stage")) == [1, 2, 3]  # three messages, not eleven
    assert builder.preview.value == journey_map_html(builder.journey)  # what the learner sees is the whole map


def test_a_framework_switch_sends_the_preview_before_the_stage_buttons_and_lands_on_the_matching_stage():
    builder = JourneyBuilder(nordlys())
    builder.select_stage("Trust")
    order = []
    for part in builder.preview.parts:
        part.observe(lambda change: order.append("preview"), "value")
    builder.stage.observe(lambda change: order.append("stage buttons"), "options")
    builder.set_framework("five_stage")
    assert order[0] == "preview" and order.index("stage buttons") > order.index("preview")
    assert builder.stage.options == ("Awareness", "Interest", "Desire", "Action", "Post-action")
    assert builder.stage.value == "Desire"  # where Trust's touchpoints went


def test_after_a_click_the_preview_is_sent_before_the_forms_follow():
    # The browser draws the new map while the kernel still fills the forms (issue 19: latency).
    builder = JourneyBuilder(nordlys())
    builder.select_stage("Buy")  # as a learner would have, before typing and clicking Add
    order = []
    for part in builder.preview.parts:
        part.observe(lambda change: order.append("preview"), "value")
    builder.touchpoint_list.observe(lambda change: order.append("touchpoint list"), "options")
    builder.stage_help.observe(lambda change: order.append("stage help"), "value")
    builder.add_touchpoint(channel="Checkout page")
    assert order[0] == "preview" and "touchpoint list" in order
    assert order.index("touchpoint list") > max(index for index, name in enumerate(order) if name == "preview")
