"""The shareable page: one self-contained HTML file, every typed text escaped, readable in a real browser."""

import re
from html import escape
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

from journeylab import plots
from journeylab.errors import UnknownNameError, ValidationError
from journeylab.journey import Journey, StageGoal, StageNotes, Touchpoint
from journeylab.opportunities import Opportunity
from journeylab.page import SCREEN_SCALE, export_page
from journeylab.personas import Persona

HOURGLASS = ("Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer")
RESOURCE_LINK = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def workshop_journey() -> Journey:
    """A small finished workshop: a persona, goals, notes and opportunities whose order is easy to work out."""
    journey = Journey("Nordlys Home", persona=Persona(
        "Jessica Hansen", age=28, role="Marketing assistant in Oslo", goals=["Furnish her flat sustainably"],
        challenges=["Distrusts vague green claims"], channels=["Instagram"], quote="Buy quality once.",
        segment="Young urban renters"))
    journey.add_touchpoint("Know", Touchpoint("Instagram", "Sees a reel", emotion=1))
    journey.add_touchpoint("Buy", Touchpoint("Checkout", "Pays", pain_point="Surprise delivery fee", emotion=-2))
    journey.set_goal("Buy", StageGoal("Turn carts into orders", kpi="Conversion rate", target=3))
    journey.set_goal("Repeat", StageGoal("Keep customers", kpi="Churn rate", target=10, better="lower"))
    journey.set_notes("Buy", StageNotes("Why is delivery so expensive?", "Annoyed", ("Payment provider",)))
    # scores are value / effort: (80 + 60) / 2 / 2 = 35, (70 + 60) / 2 / 1 = 65, (90 + 70) / 2 / 5 = 16
    journey.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
                                               effort=2))
    journey.add_opportunity("Trust", Opportunity("Ask for reviews", customer_value=70, business_value=60, effort=1))
    journey.add_opportunity("Trust", Opportunity("Ten-year guarantee", customer_value=90, business_value=70, effort=5))
    return journey


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    return export_page(workshop_journey(), tmp_path_factory.mktemp("page") / "journey.html")


@pytest.fixture(scope="module")
def page(page_file) -> str:
    return page_file.read_text(encoding="utf-8")


def test_the_page_shows_the_persona_every_stage_and_the_opportunity_to_do_first(page):
    assert "<h3>Jessica Hansen, 28</h3>" in page
    for stage in HOURGLASS:
        assert f'<th scope="row">{stage}</th>' in page  # the goals table has a row per stage
    first = re.search(r'<tr><td class="number">1</td><td>(\w+)</td><td><strong>([^<]+)</strong>', page)
    assert first.groups() == ("Trust", "Ask for reviews")  # score 65, before 35 and 16
    ranked = page[page.index('<section id="opportunities">'):]
    assert ranked.index("Ask for reviews") < ranked.index("Show delivery cost early") < ranked.index("Ten-year guarantee")


def test_the_goals_table_says_each_target_and_which_way_is_better(page):
    assert "<td>Turn carts into orders</td><td>Conversion rate ≥ 3%</td>" in page
    assert "<td>Keep customers</td><td>Churn rate ≤ 10%</td>" in page
    assert page.count("No goal yet") == 5  # seven stages, two goals


def test_measured_values_say_whether_each_goal_is_met_and_lift_the_missed_stage(tmp_path):
    # Buy converts 2.1 % against 3 %: missed, so its opportunity scores 35 × 1.5 = 52.5, still below 65.
    # Repeat churns 8 % against at most 10 %: met.
    text = export_page(workshop_journey(), tmp_path / "page.html", actuals={"buy": 2.1, "Repeat": 8}).read_text(
        encoding="utf-8")
    assert '<td class="number">2.1%</td><td><span class="missed">✗ missed</span></td>' in text
    assert '<td class="number">8%</td><td><span class="met">✓ met</span></td>' in text
    assert '<td class="number">52.5</td>' in text


def test_the_page_is_one_self_contained_file_with_the_map_as_svg_and_no_scripts(page, page_file):
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 1
    assert "<img" not in page and "<script" not in page.lower() and "<link" not in page.lower()
    assert not RESOURCE_LINK.search(page)  # nothing fetched from anywhere
    assert "<?xml" not in page and "<metadata>" not in page and "<dc:date>" not in page
    assert [item.name for item in page_file.parent.iterdir()] == ["journey.html"]  # no temporary file left


def test_the_same_journey_gives_the_same_bytes(tmp_path, page):
    again = export_page(workshop_journey(), tmp_path / "again.html").read_text(encoding="utf-8")
    assert again == page


def test_a_new_page_replaces_the_old_file(tmp_path):
    path = tmp_path / "journey.html"
    path.write_text("old page", encoding="utf-8")
    export_page(Journey("Nordlys Home"), path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_journey_without_persona_goals_or_opportunities_still_makes_a_page(tmp_path):
    text = export_page(Journey("Nordlys Home"), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No persona yet" in text and "No opportunities yet" in text and "No touchpoints yet" in text


def test_a_map_drawn_already_is_embedded_as_it_is_not_drawn_again(tmp_path, monkeypatch, page):
    import journeylab.page

    figure = plots.journey_map(workshop_journey())

    def draw_again(journey):
        raise AssertionError("the page drew the map again")

    monkeypatch.setattr(journeylab.page, "journey_map", draw_again)
    again = export_page(workshop_journey(), tmp_path / "again.html", journey_map=figure).read_text(encoding="utf-8")
    assert again == page  # the same page as one that drew the map itself


def test_a_journey_map_that_is_not_a_figure_is_refused(tmp_path):
    with pytest.raises(ValidationError) as caught:
        export_page(workshop_journey(), tmp_path / "page.html", journey_map="map.png")
    assert caught.value.field == "journey_map" and list(tmp_path.iterdir()) == []


# -- laid out for a laptop screen and for a printer ---------------------------------------------


def css_rule(page: str, selector: str, media: str | None = None) -> str:
    """The declarations of ``selector`` in the page's styles (inside ``@media media { ... }`` when given)."""
    styles = page[page.index("<style>"):page.index("</style>")]
    if media is not None:
        start = styles.index(f"@media {media} {{")
        styles = styles[start:styles.index("\n}", start)]
    found = re.search(rf"(?m)^\s*{re.escape(selector)}\s*{{([^}}]*)}}", styles)
    assert found, f"no rule for {selector!r}" + (f" in @media {media}" if media else "")
    return found.group(1)


def test_the_page_prints_in_landscape_on_any_sheet_with_the_map_on_a_page_of_its_own(page):
    assert "size: landscape" in css_rule(page, "@page")  # A4 or Letter: the printer's sheet, turned
    assert "break-before: page" in css_rule(page, "section#map", "print")
    assert "break-after: page" in css_rule(page, "section#map", "print")
    assert re.search(r"max-height: \d+mm", css_rule(page, ".map svg", "print"))  # fits under its heading
    assert "min-width: 0" in css_rule(page, ".map svg", "print")


def test_no_heading_is_left_alone_at_the_bottom_of_a_sheet_and_no_row_is_cut(page):
    assert "break-after: avoid" in css_rule(page, "h2, h3, h4")
    assert "break-inside: avoid" in css_rule(page, "tr, .persona, blockquote")
    assert "table-header-group" in css_rule(page, "thead")


def test_on_screen_the_map_fits_the_window_but_not_below_a_legible_size(page):
    assert "width: 100%" in css_rule(page, ".map svg")
    points = float(re.search(r'viewBox="0 0 ([0-9.]+) ', page).group(1))
    minimum = int(re.search(r'class="journey-map"[^>]*style="min-width: (\d+)px"', page).group(1))
    assert minimum == round(points * 4 / 3 * SCREEN_SCALE)
    assert minimum <= 1280 - 2 * 16  # a 1280-pixel laptop window shows the whole map


def test_the_goals_come_before_the_map_so_the_first_sheet_is_who_and_what_for(page):
    order = [page.index(f'<section id="{name}">') for name in ("persona", "goals", "map", "opportunities", "details")]
    assert order == sorted(order)


# -- every typed text is escaped ------------------------------------------------------------


def typed(field: str) -> str:
    """A text a learner could type, with markup, both quotes and an ampersand, different per field."""
    return f"""<script>alert(1)</script> "{field}" 'x' & <b>bold</b>"""


def journey_typed_everywhere() -> tuple[Journey, list[str]]:
    persona = Persona(typed("persona.name"), role=typed("persona.role"), goals=[typed("persona.goals")],
                      challenges=[typed("persona.challenges")], channels=[typed("persona.channels")],
                      quote=typed("persona.quote"), segment=typed("persona.segment"))
    journey = Journey(typed("journey.name"), persona=persona)
    journey.add_touchpoint("Trust", Touchpoint(
        typed("channel"), typed("customer_action"), typed("business_action"), typed("customer_question"),
        pain_point=typed("touchpoint.pain_point"), owner=typed("touchpoint.owner")))
    journey.set_notes("Trust", StageNotes(typed("thinking"), typed("feeling"), [typed("backstage")]))
    journey.add_opportunity("Trust", Opportunity(typed("opportunity.title"), pain_point=typed("opportunity.pain_point"),
                                                 owner=typed("opportunity.owner")))
    journey.set_goal("Trust", StageGoal(typed("goal.goal"), kpi=typed("goal.kpi"), target=3, unit=typed("goal.unit")))
    fields = ["persona.name", "persona.role", "persona.goals", "persona.challenges", "persona.channels",
              "persona.quote", "persona.segment", "journey.name", "channel", "customer_action", "business_action",
              "customer_question", "touchpoint.pain_point", "touchpoint.owner", "thinking", "feeling", "backstage",
              "opportunity.title", "opportunity.pain_point", "opportunity.owner", "goal.goal", "goal.kpi", "goal.unit"]
    return journey, fields


def test_every_typed_text_is_escaped_so_none_of_it_becomes_markup(tmp_path):
    journey, fields = journey_typed_everywhere()
    text = export_page(journey, tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<b>" not in text
    for field in fields:
        assert typed(field) not in text, field
        assert escape(typed(field)) in text, field  # shown as typed: &lt;script&gt; … &quot; &#x27; &amp;
    for raw in ('"journey.name"', "'x'", "& <b>"):  # no raw quote or ampersand of a typed text, even in the map
        assert raw not in text
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg  # matplotlib escaped the texts it drew, too
    assert "<script" not in svg and "&amp;" in svg


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "journey, actuals, error, field",
    [
        ("Nordlys Home", None, ValidationError, "journey"),
        (Journey("Nordlys Home"), {"Buy": "2%"}, ValidationError, "actuals.Buy"),
        (Journey("Nordlys Home"), {"Checkout": 2.1}, UnknownNameError, "stage"),
        (Journey("Nordlys Home"), [2.1], ValidationError, "actuals"),
    ],
)
def test_export_page_refuses_what_it_cannot_write_and_names_the_problem(tmp_path, journey, actuals, error, field):
    with pytest.raises(error) as caught:
        export_page(journey, tmp_path / "page.html", actuals=actuals)
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_plots_export_of_a_journey_points_to_export_page(tmp_path):
    with pytest.raises(ValidationError) as caught:
        plots.export(workshop_journey(), tmp_path / "map.html")
    assert caught.value.field == "figure" and "jl.page.export_page(journey" in caught.value.allowed
    assert list(tmp_path.iterdir()) == []


# -- in a real browser -----------------------------------------------------------------------


@pytest.mark.browser
def test_a_browser_shows_the_persona_every_stage_and_the_top_opportunity(page_file, tmp_path, chromium):
    from playwright.sync_api import expect

    view = chromium.new_page(viewport={"width": 1400, "height": 900})
    view.goto(page_file.as_uri())
    expect(view.get_by_role("heading", name="Jessica Hansen, 28")).to_be_visible()
    goals = view.locator("#goals")
    for stage in HOURGLASS:
        expect(goals.get_by_role("rowheader", name=stage, exact=True)).to_be_visible()
    expect(view.locator("#opportunities tbody tr").first.get_by_text("Ask for reviews")).to_be_visible()
    expect(view.locator("svg.journey-map")).to_be_visible()
    screenshot = tmp_path / "journey_page.png"
    view.screenshot(path=str(screenshot), full_page=True)
    print(f"screenshot of the page: {screenshot}")
    assert screenshot.read_bytes().startswith(b"\x89PNG")


def test_export_page_uses_actuals_so_missed_goals_rank_first(tmp_path):
    from journeylab.journey import Journey, StageGoal
    from journeylab.opportunities import Opportunity

    shop = Journey("Nordlys Home")
    shop.set_goal("Buy", StageGoal("Turn carts into orders", "Conversion rate", 12))
    shop.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=60, business_value=60, effort=3))  # 20
    shop.add_opportunity("Like", Opportunity("Faster product pages", customer_value=70, business_value=70, effort=3))  # 23.3
    plain = export_page(shop, tmp_path / "plain.html").read_text(encoding="utf-8")
    measured = export_page(shop, tmp_path / "measured.html", actuals={"Buy": 9.8}).read_text(encoding="utf-8")
    assert plain.index("Faster product pages") < plain.index("Show delivery cost early")
    assert "misses its goal" in measured
    # 20 x 1.5 = 30 beats 23.3: with the measurement the Buy idea comes first
    ranked = measured[measured.index("misses its goal") - 3000:]
    assert ranked.index("Show delivery cost early") < ranked.index("Faster product pages")


A4, LETTER = (297, 210), (279.4, 215.9)  # landscape sheets, mm


@pytest.mark.browser
def test_a_1280_pixel_window_shows_the_whole_map_at_a_legible_size(page_file, chromium):
    view = chromium.new_page(viewport={"width": 1280, "height": 800})
    view.goto(page_file.as_uri())
    box = view.locator("svg.journey-map").bounding_box()
    points = float(re.search(r'viewBox="0 0 ([0-9.]+) ', page_file.read_text(encoding="utf-8")).group(1))
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280  # nothing cut at the right
    assert box["width"] / (points * 4 / 3) >= SCREEN_SCALE - 0.01  # its text at least 70% of the printed size
    assert view.evaluate("document.documentElement.scrollWidth") <= 1280  # no sideways scrolling


@pytest.mark.browser
@pytest.mark.parametrize("paper, sheet", [("A4", A4), ("Letter", LETTER)])
def test_printed_on_a4_or_letter_the_page_is_landscape_and_the_map_fits_one_sheet(page_file, chromium, paper, sheet):
    view = chromium.new_page()
    view.goto(page_file.as_uri())
    pdf = view.pdf(format=paper, landscape=True)
    boxes = [[float(n) for n in box.split()] for box in re.findall(rb"/MediaBox\s*\[([-\d.\s]+)\]", pdf)]
    assert {(round(x1 * 25.4 / 72), round(y1 * 25.4 / 72)) for _, _, x1, y1 in boxes} == {tuple(map(round, sheet))}
    assert 3 <= len(boxes) <= 5  # persona and goals; the map; what to do first and the details
    # laid out as printed on this sheet (8 mm margins), the map and its heading fit in one sheet's height
    width_px, height_px = ((size - 16) / 25.4 * 96 for size in sheet)
    view.set_viewport_size({"width": round(width_px), "height": round(height_px)})
    view.emulate_media(media="print")
    heading = view.locator("#map > h2").bounding_box()
    drawing = view.locator("svg.journey-map").bounding_box()
    assert drawing["y"] + drawing["height"] - heading["y"] <= height_px
    view_box = [float(n) for n in view.locator("svg.journey-map").get_attribute("viewBox").split()]
    drawn = min(drawing["width"] / view_box[2], drawing["height"] / view_box[3])  # how the drawing is scaled
    room = min(width_px / view_box[2], (height_px - heading["height"] - 30) / view_box[3])  # what the sheet has
    assert drawn >= 0.9 * room  # as large as the sheet allows, not shrunk to a corner
