"""journeylab.widgets._clicks: a click from the browser acts on the form as it was at the click.

The browser may hold back a text box's last value while the kernel is busy and
send it after the click; these tests play that order of messages to the kernel
the way the browser sends it.
"""

from __future__ import annotations

from journeylab.widgets import JourneyBuilder
from journeylab.widgets._clicks import barrier

from widget_cases import nordlys


def browser_click(button) -> None:
    """What the kernel receives when the learner clicks the button in the browser."""
    button._handle_button_msg(None, {"event": "click"}, [])


def browser_answers() -> None:
    """The browser's link copies the ping into the pong and sends it back."""
    link = barrier()
    link.pong.value = link.ping.value


def test_a_click_from_the_browser_waits_for_the_values_sent_before_the_answer():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    fields = builder.opportunity_fields
    fields["title"].value = "Show delivery cost early"
    browser_click(builder.buttons["add_opportunity"])
    assert builder.journey.opportunities("Buy") == ()  # not yet: held-back values may still come
    fields["owner"].value = "Sofie"  # the owner the browser held back, sent after the click
    browser_answers()
    (added,) = builder.journey.opportunities("Buy")
    assert (added.title, added.owner) == ("Show delivery cost early", "Sofie")
    assert fields["owner"].value == "" and barrier().waiting == 0


def test_quick_clicks_act_in_order_each_on_its_own_values():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    fields = builder.opportunity_fields
    for title, owner in [("Free returns", "Ana"), ("Live chat", "Ben")]:
        fields["title"].value, fields["owner"].value = title, owner
        browser_click(builder.buttons["add_opportunity"])
        browser_answers()
    assert [(item.title, item.owner) for item in builder.journey.opportunities("Buy")] == [
        ("Free returns", "Ana"), ("Live chat", "Ben")]


def test_a_click_made_in_code_acts_at_once():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    builder.opportunity_fields["title"].value = "Free returns"
    builder.buttons["add_opportunity"].click()
    assert [item.title for item in builder.journey.opportunities("Buy")] == ["Free returns"]
    assert barrier().waiting == 0
