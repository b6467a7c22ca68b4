"""journeylab.widgets.journey_opportunities: the JourneyBuilder's Opportunities tab and its priority table."""

from __future__ import annotations

import re

import ipywidgets
import pytest

from journeylab.journey import Journey
from journeylab.opportunities import Opportunity
from journeylab.widgets import JourneyBuilder
from journeylab.widgets._common import LIST_ROW_CHARS

from widget_cases import nordlys, opportunity_journey, problem


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


def test_a_long_title_is_shortened_in_the_list_and_its_status_still_shows():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    title = "Show the delivery cost on every product page, in the basket and in the confirmation e-mail"
    builder.add_opportunity("Buy", title=title, status="planned")
    (label, _), = builder.opportunity_list.options
    assert len(label) <= LIST_ROW_CHARS and label.endswith("… (planned)")
    assert builder.journey.opportunities("Buy")[0].title == title  # only the list row is short
    builder.opportunity_list.value = 0
    assert builder.opportunity_fields["title"].value == title


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
    assert "<th>Corner</th>" in builder.priority_table.value and "<td>Quick wins</td>" in builder.priority_table.value
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
