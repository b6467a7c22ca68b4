"""journeylab.widgets._clicks: a click from the browser acts on the form as it was at the click.

The browser may hold back a text box's last value while the kernel is busy and
send it after the click; these tests play that order of messages to the kernel
the way the browser sends it: values typed arrive as widget "update" messages,
clicks as the button's click message, and the browser's link answers a ping.
"""

from __future__ import annotations

import asyncio

from journeylab.widgets import JourneyBuilder, PersonaBuilder
from journeylab.widgets._clicks import CONFIRM_AFTER, barrier, track

from widget_cases import nordlys


def browser_types(widget, value) -> None:
    """What the kernel receives when the browser sends a value typed into ``widget``."""
    widget.comm.handle_msg({"content": {"data": {"method": "update", "state": {"value": value}}}, "buffers": []})


def browser_click(button) -> None:
    """What the kernel receives when the learner clicks the button in the browser."""
    button._handle_button_msg(None, {"event": "click"}, [])


def browser_answers() -> None:
    """The browser's link copies the ping into the pong and sends it back."""
    link = barrier()
    link.pong.value = link.ping.value


def test_a_click_right_after_typing_waits_for_the_values_held_back_behind_it():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    fields = builder.opportunity_fields
    browser_types(fields["title"], "Show delivery cost early")
    browser_click(builder.buttons["add_opportunity"])
    assert builder.journey.opportunities("Buy") == ()  # not yet: held-back values may still come
    browser_types(fields["owner"], "Sofie")  # the owner the browser held back, sent after the click
    browser_answers()
    (added,) = builder.journey.opportunities("Buy")
    assert (added.title, added.owner) == ("Show delivery cost early", "Sofie")
    assert fields["owner"].value == "" and barrier().waiting == 0


def test_quick_clicks_act_in_order_each_on_its_own_values():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    fields = builder.opportunity_fields
    for title, owner in [("Free returns", "Ana"), ("Live chat", "Ben")]:
        browser_types(fields["title"], title)
        browser_types(fields["owner"], owner)
        browser_click(builder.buttons["add_opportunity"])
        browser_answers()
    assert [(item.title, item.owner) for item in builder.journey.opportunities("Buy")] == [
        ("Free returns", "Ana"), ("Live chat", "Ben")]


def test_a_click_after_the_browser_confirmed_what_was_typed_acts_at_once():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    browser_types(builder.opportunity_fields["title"], "Free returns")
    assert barrier().unconfirmed == 1
    browser_answers()  # the ping sent after the update comes back: nothing can be held back any more
    assert barrier().unconfirmed == 0
    browser_click(builder.buttons["add_opportunity"])
    assert [item.title for item in builder.journey.opportunities("Buy")] == ["Free returns"]
    assert barrier().waiting == 0


def test_a_click_with_nothing_typed_since_the_last_answer_does_not_wait():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.add_touchpoint("Buy", channel="Counter")
    browser_click(builder.buttons["undo"])
    assert [tp.channel for tp in builder.journey.touchpoints("Buy")] == [
        tp.channel for tp in nordlys().touchpoints("Buy")]


def test_an_answer_to_an_older_ping_does_not_release_a_click_that_needs_a_newer_one():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    link = barrier()
    browser_types(builder.opportunity_fields["title"], "Free returns")
    first = link.ping.value  # sent after the title was handled
    browser_types(builder.opportunity_fields["owner"], "Ana")  # after that ping: not covered by it
    browser_click(builder.buttons["add_opportunity"])
    link.pong.value = first
    assert builder.journey.opportunities("Buy") == () and link.waiting == 1
    browser_answers()
    assert [(item.title, item.owner) for item in builder.journey.opportunities("Buy")] == [("Free returns", "Ana")]


def test_a_page_that_never_answered_does_not_block_the_next_click():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    fields = builder.opportunity_fields
    browser_types(fields["title"], "Free returns")
    browser_click(builder.buttons["add_opportunity"])  # its ping went to a page that was then reloaded
    browser_types(fields["owner"], "Ana")  # typed into the reloaded page ...
    browser_click(builder.buttons["clear_opportunity"])  # ... and cleared again: the new page answers this ping
    assert builder.journey.opportunities("Buy") == () and barrier().waiting == 2
    browser_answers()
    assert [(item.title, item.owner) for item in builder.journey.opportunities("Buy")] == [("Free returns", "Ana")]
    assert fields["title"].value == "" and barrier().waiting == 0  # both clicks acted, in order


def test_every_widget_of_a_builder_is_tracked_once():
    builder = PersonaBuilder(live_preview=False)
    before = barrier().unconfirmed
    browser_types(builder.fields["name"], "Sofie")
    assert barrier().unconfirmed == before + 1 and builder.fields["name"].value == "Sofie"
    track(builder.widget)  # tracking again changes nothing
    browser_types(builder.fields["age"], "34")
    assert barrier().unconfirmed == before + 2 and builder.fields["age"].value == "34"


def test_a_click_made_in_code_acts_at_once():
    builder = JourneyBuilder(nordlys(), live_preview=False)
    builder.stage.value = "Buy"
    builder.opportunity_fields["title"].value = "Free returns"
    builder.buttons["add_opportunity"].click()
    assert [item.title for item in builder.journey.opportunities("Buy")] == ["Free returns"]
    assert barrier().waiting == 0


def browser_chooses(widget, index: int) -> None:
    """What the kernel receives when the learner picks an entry of a dropdown or list in the browser."""
    widget.comm.handle_msg({"content": {"data": {"method": "update", "state": {"index": index}}}, "buffers": []})


def test_a_choice_is_confirmed_at_once_so_the_switch_pressed_next_does_not_wait():
    async def in_a_kernel() -> None:
        builder = JourneyBuilder(nordlys(), live_preview=False)
        link = barrier()
        sent = link.ping.value
        browser_chooses(builder.framework, 1)  # the proposal shows: Switch appears
        assert builder.framework_box.layout.display != "none" and link.ping.value == sent
        await asyncio.sleep(0)  # the kernel has said "idle" for the choice: the ping goes next
        assert link.ping.value == sent + 1
        browser_answers()
        browser_click(builder.buttons["confirm_framework"])
        assert builder.journey.framework.key == "five_stage" and link.waiting == 0

    asyncio.run(in_a_kernel())


def test_typing_is_confirmed_a_moment_after_the_last_key_not_after_each():
    async def in_a_kernel() -> None:
        builder = JourneyBuilder(nordlys(), live_preview=False)
        link = barrier()
        sent = link.ping.value
        for typed in ("S", "Sh", "Shop"):
            browser_types(builder.touchpoint_fields["channel"], typed)
            await asyncio.sleep(0)
        assert link.ping.value == sent and link.unconfirmed == 3
        await asyncio.sleep(CONFIRM_AFTER + 0.1)
        assert link.ping.value == sent + 1  # one ping for the three updates

    asyncio.run(in_a_kernel())
