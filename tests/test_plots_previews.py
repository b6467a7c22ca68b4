"""journeylab.plots.previews: the builders' HTML previews show the same journey as the exported map."""

from __future__ import annotations

import io
import re
from html import unescape

from journeylab.feelings import stage_feelings
from journeylab.journey import Journey, StageGoal, StageNotes, Touchpoint
from journeylab.opportunities import Opportunity
from journeylab.personas import EmpathyMap, Persona
from journeylab.plots import journey_map
from journeylab.plots.maps import JOURNEY_MAP_LANES, goal_target
from journeylab.plots.previews import empathy_map_html, journey_map_html, journey_map_parts, persona_card_html
from journeylab.plots.style import course_style


def shop() -> Journey:
    journey = Journey("Velo <Repair> & Co", persona=Persona("Sofie", age=34))
    journey.add_touchpoint("Know", Touchpoint("Instagram", "Sees a reel of a fixed bike", emotion=1))
    journey.add_touchpoint("Know", Touchpoint("Flyer", "Finds it in the letterbox", emotion=-1))
    journey.add_touchpoint("Buy", Touchpoint("Counter", "Pays for the repair", emotion=2, pain_point="Long queue"))
    journey.set_goal("Buy", StageGoal("More repairs", "Conversion rate", 3.5))
    journey.set_notes("Try", StageNotes(thinking="Is it worth it?"))
    journey.add_opportunity("Buy", Opportunity("Book online", effort=2))
    return journey


def exported_svg(journey: Journey) -> str:
    buffer = io.StringIO()
    with course_style():
        journey_map(journey).savefig(buffer, format="svg")
    return unescape(buffer.getvalue())


def test_preview_and_export_show_the_same_stages_touchpoints_feelings_and_goals():
    journey = shop()
    preview, svg = journey_map_html(journey), exported_svg(journey)
    stages = re.search(r'data-stages="([^"]*)"', preview).group(1).split("|")
    assert stages == list(journey.stage_names)
    shown_feelings = [tuple(int(value) for value in found.split(",") if value)
                      for found in re.findall(r'data-feelings="([^"]*)"', preview)]
    assert shown_feelings == [tuple(tp.emotion for tp in journey.touchpoints(stage)) for stage in stages]
    texts = [*stages, "Instagram", "Counter", "Long queue", "More repairs", goal_target(journey.goal("Buy")),
             "Book online", "Is it worth it?"]
    for text in texts:
        assert text in unescape(preview), f"{text!r} is not in the preview"
        assert text in svg, f"{text!r} is not in the exported map"
    assert "Customer journey map: Velo <Repair> & Co, for Sofie (34)" in unescape(preview)


def test_preview_escapes_what_was_typed():
    journey = Journey("A <b>bold</b> shop")
    journey.add_touchpoint("Know", Touchpoint("<script>x</script>"))
    preview = journey_map_html(journey)
    assert "<script>" not in preview and "&lt;script&gt;x&lt;/script&gt;" in preview


def test_stage_feelings_gives_each_touchpoint_and_the_mean_and_none_for_an_empty_stage():
    feelings = {feeling.stage: (tuple(moment.emotion for moment in feeling.moments), feeling.mean) for feeling in stage_feelings(shop())}
    assert feelings["Know"] == ((1, -1), 0.0) and feelings["Buy"] == ((2,), 2.0) and feelings["Like"] == ((), None)


def test_preview_text_is_never_smaller_than_12_px():
    for html in (journey_map_html(shop()), persona_card_html(Persona("Sofie", goals=["Ride"])),
                 empathy_map_html(EmpathyMap("Sofie", says=["Fix it fast"]))):
        sizes = [int(size) for size in re.findall(r"font-size:\s*(\d+)px", html)]
        assert sizes and min(sizes) >= 12


def test_persona_and_empathy_previews_show_their_fields():
    card = persona_card_html(Persona("Sofie", age=34, role="Courier", goals=["Ride every day"]))
    assert "Sofie, 34" in card and "Courier" in card and "Ride every day" in card
    canvas = empathy_map_html(EmpathyMap("Sofie", goal="Get the bike back today", hears=["Shops are slow"]))
    assert "Empathy canvas: Sofie" in canvas and "Shops are slow" in canvas and "Hears" in canvas


def test_the_parts_of_the_journey_map_are_the_whole_map_and_line_up_as_one_table():
    journey = shop()
    parts = journey_map_parts(journey)
    assert "".join(parts) == journey_map_html(journey)
    assert len(parts) == 3 + len(JOURNEY_MAP_LANES)  # the style, the title, the stage headings, one per lane
    tables = [part for part in parts if "<table" in part]
    columns = {re.search(r"<colgroup>.*?</colgroup>", part).group(0) for part in tables}
    assert len(columns) == 1 and columns.pop().count("<col") == 1 + 1 + len(journey.stage_names)
    shaded = [bool(re.search(r'<tr class="[^"]*jl-odd', part)) for part in tables[1:]]  # after the headings
    assert shaded == [index % 2 == 0 for index in range(len(shaded))]  # every other lane, as in the export


def test_a_change_to_one_lane_changes_only_that_part():
    journey = shop()
    before = journey_map_parts(journey)
    journey.set_goal("Know", StageGoal("Be seen", "Reach", 5000, unit=""))
    after = journey_map_parts(journey)
    goal_lane = 3 + [lane.title for lane in JOURNEY_MAP_LANES].index("Stage goal")
    assert [index for index, (old, new) in enumerate(zip(before, after)) if old != new] == [goal_lane]
