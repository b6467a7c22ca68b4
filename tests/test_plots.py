"""The course's pictures: what they show (bands, bars, curve, colours, texts), their files and their errors."""

import ast
from itertools import chain, combinations, pairwise
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from journeylab import plots
from journeylab.errors import SchemaError, UnknownNameError, ValidationError
from journeylab.frameworks import get_framework
from journeylab.journey import Journey, StageGoal, StageNotes, Touchpoint
from journeylab.opportunities import Opportunity, prioritise
from journeylab.personas import EmpathyMap, Persona

HOURGLASS = ("Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer")
BLUE, VERMILLION, GREEN = plots.OKABE_ITO["blue"], plots.OKABE_ITO["vermillion"], plots.OKABE_ITO["bluish_green"]
LONG = (
    "Reads every review on the product page, then compares three competitors side by side in a "
    "spreadsheet she shares with her flatmate, which takes most of the evening"
)


# -- helpers -------------------------------------------------------------------------------


def flat(text: str) -> str:
    """Text with its line breaks undone, so a wrapped label compares with what was typed."""
    return " ".join(text.split())


def texts(figure: Figure) -> list[str]:
    """Every text in every axes of the figure (labels, titles, ticks, legends), unwrapped."""
    return [flat(item.get_text()) for axes in figure.axes for item in axes.findobj(Text) if item.get_text()]


def shows(figure: Figure, wanted: str) -> bool:
    """Whether ``wanted`` is written somewhere in the figure, possibly wrapped over lines."""
    return any(flat(wanted) in text for text in texts(figure))


def labelled(figure: Figure) -> dict:
    """The patches the plot named (a band or bar per stage), by name."""
    return {patch.get_label(): patch for patch in figure.axes[0].patches
            if patch.get_label() and not patch.get_label().startswith("_")}


def funnel_table(users, stages=HOURGLASS) -> pd.DataFrame:
    """A frame shaped like analytics.stage_funnel's (rates as fractions, as the brief describes)."""
    users = np.array(users)
    before = np.concatenate((users[:1], users[:-1]))
    return pd.DataFrame(
        {"users": users, "step_conversion": users / before, "overall_conversion": users / users[0],
         "drop_off": before - users},
        index=pd.Index(list(stages[: len(users)]), name="stage"),
    )


def attainment_table() -> pd.DataFrame:
    """A frame shaped like analytics.goal_attainment's: one goal met, one missed, one not measured."""
    return pd.DataFrame(
        {
            "goal": ["Be seen", "Get clicks", "Get samples ordered", "Keep customers"],
            "kpi": ["Reach", "Click-through rate", "Sample orders", "Churn rate"],
            "target": [40000.0, 2.5, 800.0, 10.0],
            "actual": [50000.0, 1.8, np.nan, 8.0],
            "unit": ["people", "%", "orders", "%"],
            "met": [True, False, False, True],  # churn 8 % is below its 10 % limit: met
            "gap": [10000.0, -0.7, np.nan, -2.0],
        },
        index=pd.Index(["Know", "Like", "Try", "Repeat"], name="stage"),
    )


def emotion_journey() -> Journey:
    """Touchpoint emotions chosen so that each stage's mean is easy to work out by hand."""
    journey = Journey("Nordlys Home", persona=Persona("Jessica", age=28, role="Marketing assistant"))
    emotions = {"Know": [1, -1], "Like": [2], "Trust": [], "Try": [-2, -1, 0], "Buy": [1, 2],
                "Repeat": [-1, 0, 0], "Refer": [2, 1, 1, 2]}
    for stage, values in emotions.items():
        for number, emotion in enumerate(values):
            journey.add_touchpoint(stage, Touchpoint(
                f"{stage} channel {number}", customer_action=LONG if number == 0 else f"Action {number}",
                customer_question=f"Question about {stage}?" if number == 0 else "",
                pain_point=f"Pain at {stage}" if number == 1 else "", business_action=f"Backstage {stage}",
                emotion=emotion,
            ))
    return journey


def full_persona() -> Persona:
    return Persona(
        "Jessica", age=28, role="Marketing assistant in Oslo",
        goals=["Furnish her first flat sustainably without blowing her budget", "Save time"],
        challenges=["Distrusts vague green claims without proof"], channels=["Instagram", "E-mail newsletters"],
        quote="I want a home that feels like me, but I won't pay for a sofa that falls apart in two years.",
        segment="Young urban renters",
    )


def full_empathy_map(**extra) -> EmpathyMap:
    return EmpathyMap(who="Jessica, 28", says=["I'd rather buy one good sofa than three cheap ones"],
                      thinks=["Is this really sustainable, or just marketing?"], does=["Saves posts on Instagram"],
                      feels=["Anxious about wasting money on the wrong piece"], **extra)


def practitioner_journey() -> Journey:
    """Seven stages with long texts, notes, two or three opportunities and a goal each: a full workshop map."""
    journey = emotion_journey()
    for number, stage in enumerate(HOURGLASS):
        journey.set_goal(stage, StageGoal(f"Goal of {stage}: {LONG[:60]}", kpi=f"{stage} rate", target=10 + number,
                                          better="lower" if stage == "Repeat" else "higher"))
        journey.set_notes(stage, StageNotes(f"Thinking at {stage}: {LONG}", f"Feeling at {stage}",
                                            (f"Backstage system of {stage}", "Customer database and e-mail platform")))
        for index in range(2 + number % 2):
            journey.add_opportunity(stage, Opportunity(f"Opportunity {index} of {stage}: make it much easier",
                                                       customer_value=40 + 10 * index, business_value=60,
                                                       effort=1 + (number + index) % 5))
    return journey


def crowded_journey() -> Journey:
    """Ten opportunities, five of them sharing two spots, and three in the corners of the matrix."""
    journey = Journey("Nordlys Home")
    spots = [  # stage, title, customer value, business value, effort
        ("Know", "Show the factory in a reel", 70, 70, 2), ("Know", "Partner with two influencers", 70, 70, 2),
        ("Like", "Show delivery time on every card", 70, 70, 2), ("Trust", "Ask for reviews after six months", 60, 70, 2),
        ("Try", "Send samples within two days", 80, 80, 1), ("Buy", "Show the delivery cost early", 80, 80, 1),
        ("Repeat", "Matching cushion bundle", 50, 50, 3), ("Refer", "Ten-year guarantee on every frame", 100, 100, 5),
        ("Refer", "Referral code in the care e-mail", 0, 0, 1), ("Buy", "Free delivery above 10,000 kr", 0, 0, 5),
    ]
    for stage, title, customer, business, effort in spots:
        journey.add_opportunity(stage, Opportunity(title, customer_value=customer, business_value=business,
                                                   effort=effort))
    return journey


# -- hourglass -----------------------------------------------------------------------------


def band_widths(figure: Figure, stages) -> list[float]:
    bands = labelled(figure)
    return [float(np.ptp(bands[stage].get_xy()[:, 0])) for stage in stages]


def test_hourglass_bands_narrow_towards_buy_and_widen_again_after_it():
    widths = band_widths(plots.hourglass(), HOURGLASS)
    neck = HOURGLASS.index("Buy")
    assert all(a > b for a, b in pairwise(widths[: neck + 1]))  # Know > Like > Trust > Try > Buy
    assert all(a < b for a, b in zip(widths[neck:], widths[neck + 1 :]))  # Buy < Repeat < Refer
    assert min(widths) == widths[neck]


@pytest.mark.parametrize("framework, purchase", [("hourglass", "Buy"), ("five_stage", "Action"), ("cycle", "Purchase")])
def test_the_narrowest_band_is_the_stage_that_holds_the_purchase(framework, purchase):
    stages = get_framework(framework).stage_names
    widths = band_widths(plots.hourglass(framework=framework), stages)
    assert stages[int(np.argmin(widths))] == purchase


def test_hourglass_names_every_stage_and_the_question_the_customer_asks_there():
    figure = plots.hourglass()
    for stage in get_framework("hourglass").stages:
        assert stage.name in texts(figure)
        assert shows(figure, stage.question)


def test_hourglass_writes_the_numbers_on_the_bands_but_keeps_its_teaching_shape():
    plain = band_widths(plots.hourglass(), HOURGLASS)
    from_table = plots.hourglass(funnel_table([50000, 21000, 12000, 7000, 3000, 1800, 600]))
    assert {"50,000 people", "3,000 people", "600 people"} <= set(texts(from_table))
    assert band_widths(from_table, HOURGLASS) == plain  # 600 at Refer still draws the wide bottom
    partial = plots.hourglass(pd.Series({"know": 1200, "BUY": 35, "Like": np.nan}))  # any case; NaN is no data
    assert {"1,200 people", "35 people"} <= set(texts(partial))
    assert texts(partial).count("no data") == 5  # Like, Trust, Try, Repeat and Refer were not given


@pytest.mark.parametrize(
    "counts, error, field",
    [
        (pd.Series(dtype=float), ValidationError, "counts"),
        (pd.DataFrame({"people": [10]}, index=["Know"]), SchemaError, "users"),
        ({"Checkout": 10}, UnknownNameError, "counts"),
        ({"Know": "many"}, ValidationError, "counts.Know"),
        ({"Like": -5}, ValidationError, "counts.Like"),
        ("Know: 10", ValidationError, "counts"),
    ],
)
def test_hourglass_refuses_counts_it_cannot_show_and_names_the_problem(counts, error, field):
    with pytest.raises(error) as caught:
        plots.hourglass(counts)
    assert caught.value.field == field


def test_hourglass_refuses_an_unknown_framework_listing_the_known_ones():
    with pytest.raises(UnknownNameError, match="hourglass, five_stage, cycle") as caught:
        plots.hourglass(framework="funnel")
    assert caught.value.field == "framework"


# -- funnel --------------------------------------------------------------------------------


def test_funnel_highlights_and_names_the_step_that_loses_the_largest_share():
    # kept from the stage before: Like 600/1000 = 60 %, Trust 450/600 = 75 %, Try 90/450 = 20 %,
    # Buy 80/90 = 89 %. Try loses 80 %, the largest share (Like loses only 40 %, though more people).
    figure = plots.funnel(funnel_table([1000, 600, 450, 90, 80]))
    colours = {stage: to_hex(bar.get_facecolor()).upper() for stage, bar in labelled(figure).items()}
    assert colours == {"Know": BLUE, "Like": BLUE, "Trust": BLUE, "Try": VERMILLION, "Buy": BLUE}
    shown = texts(figure)
    assert "20% of Trust: the biggest leak" in shown
    assert {"60% of Know", "75% of Like", "89% of Try", "1,000 people", "80 people"} <= set(shown)
    assert shows(figure, "the step from Trust to Try")


def test_funnel_bars_are_centred_and_as_long_as_their_users():
    bars = labelled(plots.funnel(funnel_table([1000, 600, 450])))
    widths = {stage: bar.get_width() for stage, bar in bars.items()}
    assert widths["Like"] / widths["Know"] == pytest.approx(0.6)
    assert widths["Trust"] / widths["Know"] == pytest.approx(0.45)
    centres = {bar.get_x() + bar.get_width() / 2 for bar in bars.values()}
    assert max(centres) - min(centres) == pytest.approx(0)


def test_funnel_reads_the_same_whether_the_table_stores_rates_as_fractions_or_percentages():
    fractions = funnel_table([1000, 600, 450])
    percentages = fractions.assign(step_conversion=fractions["step_conversion"] * 100)
    assert texts(plots.funnel(fractions)) == texts(plots.funnel(percentages))


def test_funnel_says_person_for_one_and_people_for_more():
    shown = texts(plots.funnel(funnel_table([2, 1, 0])))
    assert {"2 people", "1 person", "0 people"} <= set(shown)


def test_funnel_highlights_nothing_when_no_step_loses_anyone():
    figure = plots.funnel(funnel_table([500, 500, 500]))
    assert {to_hex(bar.get_facecolor()).upper() for bar in labelled(figure).values()} == {BLUE}
    assert not any("leak" in text for text in texts(figure))


@pytest.mark.parametrize(
    "table, error, field",
    [
        ([1000, 600], ValidationError, "funnel_frame"),
        (pd.DataFrame({"users": []}), ValidationError, "funnel_frame"),
        (pd.DataFrame({"visitors": [1000, 600]}), SchemaError, "users"),
        (pd.DataFrame({"users": ["many", "some"]}), SchemaError, "users"),
        (pd.DataFrame({"users": [1000, -3]}, index=["Know", "Like"]), ValidationError, "users.Like"),
        (pd.DataFrame({"users": [1000, np.nan]}, index=["Know", "Like"]), ValidationError, "users.Like"),
    ],
)
def test_funnel_refuses_a_table_it_cannot_draw_and_names_the_problem(table, error, field):
    with pytest.raises(error) as caught:
        plots.funnel(table)
    assert caught.value.field == field


# -- journey map ---------------------------------------------------------------------------


def emotion_curve(figure: Figure) -> Line2D:
    (curve,) = [line for axes in figure.axes for line in axes.lines if line.get_label() == "emotion curve"]
    return curve


def test_the_emotion_curve_is_the_mean_emotion_per_stage_with_a_gap_where_there_are_no_touchpoints():
    curve = emotion_curve(plots.journey_map(emotion_journey()))
    expected = [
        0.0,  # Know: (1 - 1) / 2
        2.0,  # Like: 2 / 1
        np.nan,  # Trust: no touchpoints, so a gap rather than a neutral 0
        -1.0,  # Try: (-2 - 1 + 0) / 3
        1.5,  # Buy: (1 + 2) / 2
        -1 / 3,  # Repeat: (-1 + 0 + 0) / 3
        1.5,  # Refer: (2 + 1 + 1 + 2) / 4
    ]
    np.testing.assert_allclose(curve.get_ydata(), expected)  # NaN must sit exactly where expected
    np.testing.assert_allclose(curve.get_xdata(), np.arange(7) + 0.5)  # one point in the middle of each column


def test_the_journey_map_shows_stages_touchpoints_questions_pains_and_who_it_is_for():
    journey = emotion_journey()
    figure = plots.journey_map(journey)
    shown = texts(figure)
    assert set(HOURGLASS) <= set(shown)
    title = next(text for text in shown if text.startswith("Customer journey map"))
    assert "Nordlys Home" in title and "Jessica" in title
    assert shows(figure, LONG)  # the long customer action, wrapped over several lines
    assert {"Question about Know?", "Pain at Try", "Know channel 0"} <= set(shown)
    assert "no touchpoints yet" in shown  # Trust


def test_journey_map_lanes_are_a_list_that_a_new_lane_can_join():
    def business_actions(journey, stage):
        return [("", tp.business_action) for tp in journey.touchpoints(stage)]

    backstage = plots.MapLane("Backstage", business_actions)
    figure = plots.journey_map(emotion_journey(), lanes=[*plots.JOURNEY_MAP_LANES, backstage])
    assert "Backstage" in texts(figure) and "Backstage Refer" in texts(figure)
    without_curve = plots.journey_map(emotion_journey(), lanes=[backstage])
    assert not any(line.get_label() == "emotion curve" for axes in without_curve.axes for line in axes.lines)


@pytest.mark.parametrize(
    "journey, lanes, field",
    [("Nordlys Home", plots.JOURNEY_MAP_LANES, "journey"), (Journey("Shop"), ["Touchpoints"], "lanes[0]")],
)
def test_journey_map_refuses_what_is_not_a_journey_or_a_lane(journey, lanes, field):
    with pytest.raises(ValidationError) as caught:
        plots.journey_map(journey, lanes=lanes)
    assert caught.value.field == field


# -- the practitioner's lanes: goal, thinking, feeling, backstage, opportunities ---------------

OPTIONAL_LANES = ("Stage goal", "Thinking", "Feeling", "Backstage", "Opportunities")


def test_the_new_lanes_show_each_stage_s_goal_notes_backstage_and_opportunities():
    journey = Journey("Nordlys Home")
    journey.set_goal("Buy", StageGoal("Turn carts into orders", kpi="Conversion rate", target=3))
    journey.set_notes("Trust", StageNotes("Do real customers say it lasts?", "Unsure, needs proof",
                                          ("Review collection tool", "Certification records")))
    journey.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
                                               effort=2, status="planned"))
    shown = texts(plots.journey_map(journey))
    assert set(OPTIONAL_LANES) <= set(shown)
    assert {"Turn carts into orders", "Conversion rate ≥ 3%"} <= set(shown)
    assert {"“Do real customers say it lasts?”", "Unsure, needs proof"} <= set(shown)
    assert "• Review collection tool • Certification records" in shown  # one card, a bullet per item
    # value is the mean of customer and business value: (80 + 60) / 2 = 70; effort 2; then the status
    assert {"Show delivery cost early", "V 70 · E 2 · planned"} <= set(shown)


@pytest.mark.parametrize(
    "content, lanes",
    [
        ({}, set()),
        ({"notes": StageNotes(thinking="Is it worth it?")}, {"Thinking"}),
        ({"notes": StageNotes(feeling="Curious")}, {"Feeling"}),
        ({"notes": StageNotes(backstage=["Order system"])}, {"Backstage"}),
        ({"opportunity": Opportunity("Faster replies")}, {"Opportunities"}),
        ({"goal": StageGoal("Be seen", kpi="Reach", target=40000, unit="people")}, {"Stage goal"}),
    ],
)
def test_a_lane_with_nothing_in_any_stage_is_left_out_so_a_learner_s_map_stays_compact(content, lanes):
    journey = emotion_journey()
    if "notes" in content:
        journey.set_notes("Try", content["notes"])
    if "opportunity" in content:
        journey.add_opportunity("Try", content["opportunity"])
    if "goal" in content:
        journey.set_goal("Know", content["goal"])
    figure = plots.journey_map(journey)
    assert set(OPTIONAL_LANES) & set(texts(figure)) == lanes
    if not lanes:  # nothing new: the map is as it always was, one A3-wide page
        assert figure.get_size_inches()[0] == pytest.approx(16.5)


@pytest.mark.parametrize(
    "goal, text",
    [
        (StageGoal("Turn carts into orders", kpi="Conversion rate", target=3), "Conversion rate ≥ 3%"),
        (StageGoal("Keep customers", kpi="Churn rate", target=5, better="lower"), "Churn rate ≤ 5%"),
        (StageGoal("Be seen", kpi="Reach", target=40000, unit="people"), "Reach ≥ 40,000 people"),
        (StageGoal("Fast answers", kpi="Reply time", target=2.5, unit="hours", better="lower"), "Reply time ≤ 2.5 hours"),
    ],
)
def test_the_goal_lane_says_the_kpi_and_its_target_with_the_direction_that_is_better(goal, text):
    journey = Journey("Nordlys Home")
    journey.set_goal("Repeat", goal)
    assert {goal.goal, text} <= set(texts(plots.journey_map(journey)))


def test_a_full_workshop_map_stays_on_one_landscape_page():
    figure = plots.journey_map(practitioner_journey())
    width, height = figure.get_size_inches()
    assert height <= width * 2**-0.5  # the proportions of a landscape A4 or A3 page: it prints on one
    shown = texts(figure)
    assert set(OPTIONAL_LANES) <= set(shown) and set(HOURGLASS) <= set(shown)
    assert shows(figure, "Opportunity 2 of Like: make it much easier") and "Repeat rate ≤ 15%" in shown


def test_a_long_note_is_cut_with_an_ellipsis_instead_of_stretching_the_map():
    journey = Journey("Nordlys Home")
    journey.set_notes("Know", StageNotes(thinking=" ".join([LONG] * 3)))
    (thinking,) = [text for text in texts(plots.journey_map(journey)) if text.startswith("“Reads")]
    assert thinking.endswith("…") and len(thinking) < len(LONG) * 2


def test_wrapped_lines_fit_their_width_even_in_wide_letters():
    from journeylab.plots.layout import text_width, wrap

    lines = wrap("MMMM WWWW mmmm wwww " * 6, 1.5, 10, "bold")
    assert len(lines) > 1 and all(text_width(line, 10, "bold") <= 1.5 for line in lines)


# -- the value-versus-effort matrix ---------------------------------------------------------


def matrix_points(figure: Figure) -> list[tuple[float, float]]:
    return sorted((float(x), float(y)) for axes in figure.axes for points in axes.collections
                  for x, y in points.get_offsets())


def hand_made_opportunities() -> Journey:
    journey = Journey("Nordlys Home")
    journey.add_opportunity("Buy", Opportunity("Show delivery cost early", customer_value=80, business_value=60,
                                               effort=2))
    journey.add_opportunity("Trust", Opportunity("Ask for reviews", customer_value=70, business_value=60, effort=1))
    journey.add_opportunity("Trust", Opportunity("Ten-year guarantee", customer_value=90, business_value=70,
                                                 effort=5, status="planned"))
    journey.add_opportunity("Refer", Opportunity("Referral code in e-mail", customer_value=30, business_value=40,
                                                 effort=4, status="done"))
    return journey


def test_each_opportunity_is_a_point_at_its_effort_and_value():
    # value = (customer + business) / 2: (80+60)/2 = 70, (70+60)/2 = 65, (90+70)/2 = 80, (30+40)/2 = 35
    expected = [(1.0, 65.0), (2.0, 70.0), (4.0, 35.0), (5.0, 80.0)]
    journey = hand_made_opportunities()
    assert matrix_points(plots.opportunity_matrix(journey)) == expected
    assert matrix_points(plots.opportunity_matrix(prioritise(journey))) == expected  # the table gives the same


def test_the_matrix_names_its_corners_labels_every_point_and_keys_stages_and_statuses():
    figure = plots.opportunity_matrix(hand_made_opportunities())
    shown = set(texts(figure))
    assert set(plots.QUADRANTS) <= shown and "Quick wins" in shown
    assert {"Show delivery cost early", "Ask for reviews", "Ten-year guarantee", "Referral code in e-mail"} <= shown
    assert {"Trust", "Buy", "Refer", "idea", "planned", "done"} <= shown and "doing" not in shown
    quick_wins = next(text for text in figure.axes[1].texts if text.get_text() == "Quick wins")
    assert quick_wins.get_position() == (0.03, 0.985)  # top left: little effort, much value


def test_no_two_labels_of_a_crowded_matrix_overlap_even_where_points_coincide():
    figure = plots.opportunity_matrix(crowded_journey())
    assert len(set(matrix_points(figure))) == 7  # ten points on seven spots: three share one, two another
    renderer = FigureCanvasAgg(figure).get_renderer()
    plot = figure.axes[1]
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in plot.texts]
    assert len(boxes) == 10 + 2 * len(plots.QUADRANTS)  # a label per point, a name and advice per corner
    area = plot.get_window_extent(renderer)
    for text, box in boxes:
        assert area.x0 <= box.x0 and box.x1 <= area.x1 and area.y0 <= box.y0 and box.y1 <= area.y1, text
    for (first, one), (second, other) in combinations(boxes, 2):
        assert not one.overlaps(other), (first, second)


def test_the_matrix_of_a_journey_without_opportunities_says_what_to_do():
    assert "No opportunities yet: add them with journey.add_opportunity" in texts(
        plots.opportunity_matrix(Journey("Nordlys Home")))


@pytest.mark.parametrize(
    "table, error, field",
    [
        ("Ask for reviews", ValidationError, "journey_or_priority_table"),
        (pd.DataFrame({"title": ["A"], "value": [50]}), SchemaError, "effort"),
        (pd.DataFrame({"title": ["A"], "value": ["high"], "effort": [2]}), SchemaError, "value"),
        (pd.DataFrame({"title": ["A"], "value": [50], "effort": [8]}), ValidationError, "effort"),
        (pd.DataFrame({"title": ["A"], "value": [50], "effort": [2], "status": ["maybe"]}), ValidationError, "status"),
    ],
)
def test_the_matrix_refuses_what_it_cannot_draw_and_names_the_problem(table, error, field):
    with pytest.raises(error) as caught:
        plots.opportunity_matrix(table)
    assert caught.value.field == field


# -- the updated empathy canvas ---------------------------------------------------------------


def test_a_map_with_a_goal_sees_or_hears_is_drawn_as_the_updated_canvas():
    card = full_empathy_map(goal="Choose a sofa that lasts ten years", sees=["Friends' flats full of IKEA"],
                            hears=["Her mother: buy quality once"], pains=["Hidden delivery costs"],
                            gains=["A home she is proud of"])
    assert card.layout == "canvas"
    figure = plots.empathy_map(card)
    shown = set(texts(figure))
    assert {"Who are we empathising with?", "What do they need to do?", "Sees", "Says", "Does", "Hears",
            "Thinks & Feels", "Thinks", "Feels", "Pains", "Gains"} <= shown
    for item in (card.goal, card.who) + card.sees + card.hears + card.says + card.thinks + card.does + card.feels \
            + card.pains + card.gains:
        assert shows(figure, item), item


def test_the_classic_map_has_no_canvas_areas_and_the_canvas_prompts_for_empty_ones():
    classic = set(texts(plots.empathy_map(full_empathy_map())))
    assert not {"Sees", "Hears", "What do they need to do?", "Thinks & Feels"} & classic
    canvas = texts(plots.empathy_map(EmpathyMap(who="Ola", goal="Pick a gift")))
    assert sum(text.startswith("Nothing yet") for text in canvas) == 8  # all but the goal and who are empty


# -- persona card and empathy map -----------------------------------------------------------


def test_persona_card_shows_everything_about_the_persona():
    persona = full_persona()
    figure = plots.persona_card(persona)
    headings = {"Jessica, 28", "Marketing assistant in Oslo", "Goals", "Challenges", "Preferred channels"}
    assert headings <= set(texts(figure))
    assert shows(figure, f"“{persona.quote}”") and shows(figure, "Segment: Young urban renters")
    for item in persona.goals + persona.challenges + persona.channels:
        assert shows(figure, item)
    quote = next(text for text in figure.axes[0].texts if text.get_text().startswith("“"))
    assert "\n" in quote.get_text()  # a long quote wraps instead of running off the card


def test_persona_card_asks_for_what_is_still_missing():
    shown = texts(plots.persona_card(Persona("Ola")))
    assert "Ola" in shown
    assert any(text.startswith("No goals yet") for text in shown)
    assert any(text.startswith("No channels yet") for text in shown)


@pytest.mark.parametrize(
    "extra, boxes",
    [({}, set()), ({"pains": ["Hidden delivery costs"]}, {"Pains"}),
     ({"pains": ["Hidden delivery costs"], "gains": ["A home she is proud of"]}, {"Pains", "Gains"})],
)
def test_empathy_map_has_four_quadrants_around_the_person_and_pains_and_gains_only_when_present(extra, boxes):
    card = full_empathy_map(**extra)
    figure = plots.empathy_map(card)
    shown = set(texts(figure))
    assert {"Says", "Thinks", "Does", "Feels", "Jessica, 28"} <= shown
    assert {"Pains", "Gains"} & shown == boxes
    for item in card.says + card.thinks + card.does + card.feels + card.pains + card.gains:
        assert shows(figure, item)


def test_empathy_map_prompts_for_an_empty_quadrant():
    shown = texts(plots.empathy_map(EmpathyMap(who="Ola", says=["Just tell me the price"])))
    assert sum(text.startswith("Nothing yet") for text in shown) == 3  # thinks, does and feels are empty


@pytest.mark.parametrize("draw, argument", [(plots.persona_card, "persona"), (plots.empathy_map, "empathy_map")])
def test_people_plots_refuse_other_things_naming_the_argument(draw, argument):
    with pytest.raises(ValidationError) as caught:
        draw({"name": "Jessica"})
    assert caught.value.field == argument


# -- goal attainment -----------------------------------------------------------------------


def target_marks(figure: Figure) -> list[float]:
    (line,) = [line for line in figure.axes[0].lines if line.get_label() == "target"]
    xs = line.get_xdata()
    return [float(x) for x in xs[::3]]  # drawn as pairs of points, each pair followed by a NaN break


def test_goal_attainment_colours_met_and_missed_goals_and_shows_no_data_without_a_bar():
    figure = plots.goal_attainment(attainment_table())
    bars = labelled(figure)
    colours = {stage: to_hex(bar.get_facecolor()).upper() for stage, bar in bars.items()}
    assert colours == {"Know": GREEN, "Like": VERMILLION, "Repeat": GREEN}  # Try has no bar
    shown = texts(figure)
    assert "no data" in shown and "no data (target 800 orders)" in shown
    assert {"Goal met", "Goal missed", "Target"} <= set(shown)
    assert {"✓ goal met", "✗ goal missed", "1.8% (target 2.5%)"} <= set(shown)


def test_goal_attainment_bars_stand_to_their_target_as_actual_to_target():
    figure = plots.goal_attainment(attainment_table())
    bars = labelled(figure)
    know, like, _, repeat = target_marks(figure)
    # measured / target: Know 50000 / 40000 = 1.25, Like 1.8 / 2.5 = 0.72, Repeat 8 / 10 = 0.8
    for stage, mark, ratio in [("Know", know, 1.25), ("Like", like, 0.72), ("Repeat", repeat, 0.8)]:
        bar = bars[stage]
        assert bar.get_width() / (mark - bar.get_x()) == pytest.approx(ratio)


@pytest.mark.parametrize(
    "change, error, field",
    [
        (lambda table: table.drop(columns="met"), SchemaError, "met"),
        (lambda table: table.drop(columns="target"), SchemaError, "target"),
        (lambda table: table.iloc[0:0], ValidationError, "attainment_frame"),
        (lambda table: table.assign(actual=["lots", "few", "", "some"]), SchemaError, "actual"),
        (lambda table: table.assign(met=["yes", "no", "no", "yes"]), SchemaError, "met"),
        (lambda table: table.to_dict(), ValidationError, "attainment_frame"),
    ],
)
def test_goal_attainment_refuses_a_table_it_cannot_draw_and_names_the_column(change, error, field):
    with pytest.raises(error) as caught:
        plots.goal_attainment(change(attainment_table()))
    assert caught.value.field == field


# -- readable: nothing overlaps or leaves the page -----------------------------------------


def realistic_figures() -> dict:
    return {
        "hourglass": lambda: plots.hourglass(funnel_table([50000, 21000, 12000, 7000, 3000, 1800, 600])),
        "funnel": lambda: plots.funnel(funnel_table([50000, 21000, 12000, 7000, 3000, 1800, 600])),
        "journey_map": lambda: plots.journey_map(emotion_journey()),
        "journey_map_with_every_lane": lambda: plots.journey_map(practitioner_journey()),
        "opportunity_matrix": lambda: plots.opportunity_matrix(crowded_journey()),
        "empathy_canvas": lambda: plots.empathy_map(full_empathy_map(
            goal=LONG, sees=["Friends' flats full of IKEA", LONG], hears=["Her mother: buy quality once"],
            pains=[LONG], gains=["Furniture that lasts"])),
        "persona_card": lambda: plots.persona_card(full_persona()),
        "empathy_map": lambda: plots.empathy_map(full_empathy_map(pains=[LONG], gains=["Furniture that lasts"])),
        "goal_attainment": lambda: plots.goal_attainment(attainment_table()),
    }


@pytest.mark.parametrize("name", sorted(realistic_figures()))
def test_no_text_overlaps_another_or_leaves_the_page(name):
    figure = realistic_figures()[name]()
    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [(item.get_text(), item.get_window_extent(renderer))
             for axes in figure.axes for item in axes.texts if item.get_text().strip()]
    page = figure.bbox
    for text, box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, text
    for (first, one), (second, other) in combinations(boxes, 2):
        assert not one.shrunk(0.98, 0.9).overlaps(other.shrunk(0.98, 0.9)), (first, second)


# -- one look, one palette, no global state --------------------------------------------------


def test_the_palette_is_okabe_ito():
    assert set(plots.OKABE_ITO.values()) == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_a_notebook_that_changed_matplotlib_settings_gets_the_same_picture(tmp_path):
    before = plots.export(plots.funnel(funnel_table([100, 40])), tmp_path / "before.png").read_bytes()
    changes = {"font.size": 30, "font.weight": "bold", "patch.force_edgecolor": True, "patch.edgecolor": "red"}
    with matplotlib.rc_context(changes):
        changed = plots.export(plots.funnel(funnel_table([100, 40])), tmp_path / "changed.png").read_bytes()
    assert changed == before
    assert matplotlib.rcParams["font.size"] == 10.0  # and the notebook's own settings were put back


def test_jupyter_can_show_a_figure_without_pyplot():
    figure = plots.funnel(funnel_table([100, 40]))
    png, size = figure._repr_png_()  # what IPython calls to display an object as an image
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = figure.get_size_inches()
    assert size == {"width": round(width * 100), "height": round(height * 100)}  # shown at 100 pixels per inch
    assert repr(figure) == "<Figure: How many customers reach each stage>"  # a notebook's text output, stable


def test_no_plot_module_imports_pyplot_so_nothing_is_left_in_global_state():
    for module in sorted(Path(plots.__file__).parent.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names += [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
            elif isinstance(node, ast.Attribute):
                names.append(node.attr)  # matplotlib.pyplot used without importing it by name
        assert not any("pyplot" in name for name in names), module.name


# -- export --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml"), ("pdf", b"%PDF-")])
def test_export_writes_each_format_and_returns_the_path(tmp_path, suffix, magic):
    path = plots.export(plots.persona_card(Persona("Ola")), tmp_path / f"card.{suffix}")
    assert path == tmp_path / f"card.{suffix}"
    assert path.read_bytes().startswith(magic)
    assert [item.name for item in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_same_input_exported_twice_gives_the_same_bytes(tmp_path, suffix):
    first = plots.export(plots.persona_card(full_persona()), tmp_path / f"first.{suffix}").read_bytes()
    second = plots.export(plots.persona_card(full_persona()), tmp_path / f"second.{suffix}").read_bytes()
    assert first == second


def test_exported_files_carry_no_date(tmp_path):
    svg = plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card.svg").read_text(encoding="utf-8")
    pdf = plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card.pdf").read_bytes()
    assert "<dc:date>" not in svg and b"/CreationDate" not in pdf


def test_export_takes_the_format_from_the_argument_and_adds_the_ending(tmp_path):
    path = plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card", format="PDF")
    assert path.name == "card.pdf" and path.read_bytes().startswith(b"%PDF-")


def test_export_replaces_an_existing_file(tmp_path):
    (tmp_path / "card.png").write_bytes(b"old picture")
    plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card.png")
    assert (tmp_path / "card.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "name, format, field",
    [("map.jpg", None, "format"), ("map.png", "gif", "format"), ("map", None, "format"), ("map.png", "pdf", "format")],
)
def test_export_refuses_a_format_it_cannot_write_listing_png_svg_and_pdf(tmp_path, name, format, field):
    with pytest.raises(ValidationError) as caught:
        plots.export(plots.persona_card(Persona("Ola")), tmp_path / name, format=format)
    assert caught.value.field == field
    assert caught.value.allowed == "png, svg, pdf"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, format", [("map.png", None), ("map.html", "png"), ("map.html", None)])
def test_export_of_a_journey_says_to_draw_the_map_first_or_export_the_page(tmp_path, name, format):
    with pytest.raises(ValidationError) as caught:
        plots.export(emotion_journey(), tmp_path / name, format=format)
    assert caught.value.field == "figure" and "journey_map(journey)" in caught.value.allowed
    assert "export_page" in caught.value.allowed
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_what_is_not_a_figure(tmp_path):
    with pytest.raises(ValidationError) as caught:
        plots.export("my journey", tmp_path / "map.png")
    assert caught.value.field == "figure"


@pytest.mark.parametrize("value, text", [(0.25, "+0.3"), (-0.25, "−0.3"), (0.0, "0.0"), (-0.04, "0.0"), (2, "+2.0")])
def test_emotion_labels_round_as_people_do_and_zero_has_no_sign(value, text):
    from journeylab.plots.layout import signed

    assert signed(value) == text


def test_a_dollar_sign_in_typed_text_is_text_not_a_formula():
    journey = Journey("Deals for $5 and $10")
    journey.add_touchpoint("Buy", Touchpoint("Checkout", "Pays $5 for delivery and $10 for the cushion"))
    figure = plots.journey_map(journey)
    drawn = [item for item in figure.axes[0].texts if "$5" in item.get_text()]
    assert len(drawn) == 2 and not any(item.get_parse_math() for item in drawn)  # "$5 and $" would be maths


# -- attribution: the models side by side --------------------------------------------------


def importance_table() -> pd.DataFrame:
    """Three models over four touchpoints; every column adds up to the same 10 purchases.

    Markov minus last touch: Checkout -5, Store visit +4, Instagram ad +2, Store till -1,
    so the store visit is the touchpoint last touch undervalues most.
    """
    return pd.DataFrame(
        {"first_touch": [0.0, 0.0, 7.0, 3.0], "last_touch": [8.0, 0.0, 0.0, 2.0], "markov": [3.0, 4.0, 2.0, 1.0]},
        index=pd.Index(["Checkout (Web)", "Store visit", "Instagram ad", "Store till"], name="touchpoint"),
    )


def panels(figure: Figure) -> dict:
    """Each model's panel by its title."""
    return {axes.get_title(loc="left"): axes for axes in figure.axes[1:]}


def bars(axes) -> dict:
    """A panel's bars by touchpoint: (length, colour)."""
    return {patch.get_label(): (patch.get_width(), to_hex(patch.get_facecolor()).upper())
            for patch in axes.patches if patch.get_label() and not patch.get_label().startswith("_")}


def test_attribution_comparison_has_a_panel_per_model_and_a_row_per_touchpoint():
    figure = plots.attribution_comparison(importance_table())
    assert list(panels(figure)) == ["First touch", "Last touch", "Markov"]
    for wanted in ("what brought them in", "what closed the sale", "what is lost without it",
                   *importance_table().index):
        assert shows(figure, wanted), wanted
    assert repr(figure) == "<Figure: Which touchpoints get the credit for a purchase?>"


@pytest.mark.parametrize("model, title", [
    ("first_touch", "First touch"), ("last_touch", "Last touch"), ("markov", "Markov"),
])
def test_attribution_bars_are_as_long_as_the_credits_in_the_table(model, title):
    table = importance_table()
    drawn = bars(panels(plots.attribution_comparison(table))[title])
    assert {name: length for name, (length, _) in drawn.items()} == table[model].to_dict()


def test_attribution_highlights_the_touchpoint_last_touch_undervalues_most_with_its_numbers():
    figure = plots.attribution_comparison(importance_table())
    for title, axes in panels(figure).items():
        colours = {name: colour for name, (_, colour) in bars(axes).items()}
        assert colours.pop("Store visit") == VERMILLION, title
        assert set(colours.values()) == {BLUE}, title
    numbers = {title: [item.get_text() for item in axes.texts] for title, axes in panels(figure).items()}
    assert numbers == {"First touch": ["0"], "Last touch": ["0"], "Markov": ["4"]}  # only the highlighted row's
    name = next(item for item in figure.axes[0].texts if item.get_text() == "Store visit")
    assert to_hex(name.get_color()).upper() == VERMILLION and name.get_fontweight() == "bold"
    assert shows(figure, "one model's way to share out the 10 purchases")
    assert shows(figure, "Store visit: 0 by last touch, 4 by Markov.")


@pytest.mark.parametrize("highlight, marked", [
    ("  store TILL ", {"Store till"}),
    (["Store till", "Instagram ad"], {"Store till", "Instagram ad"}),
    (False, set()),
])
def test_attribution_highlights_the_rows_asked_for_or_none(highlight, marked):
    figure = plots.attribution_comparison(importance_table(), highlight=highlight)
    drawn = bars(panels(figure)["Markov"])
    assert {name for name, (_, colour) in drawn.items() if colour == VERMILLION} == marked


def test_attribution_without_last_touch_and_markov_highlights_nothing_by_default():
    figure = plots.attribution_comparison(importance_table()[["first_touch", "markov"]])
    assert {colour for _, colour in bars(panels(figure)["Markov"]).values()} == {BLUE}
    assert not shows(figure, "by last touch")


def test_on_the_course_data_the_store_visit_stands_out_although_last_touch_gives_it_nothing():
    from journeylab.attribution import touchpoint_importance
    from journeylab.data import load_events

    importance = touchpoint_importance(load_events())
    figure = plots.attribution_comparison(importance)
    drawn = bars(panels(figure)["Last touch"])
    assert drawn["Store visit"] == (0.0, VERMILLION)
    assert bars(panels(figure)["Markov"])["Store visit"][0] == importance.loc["Store visit", "markov"] > 0


@pytest.mark.parametrize("table, highlight, error, field", [
    ("Store visit", True, ValidationError, "importance_table"),
    (importance_table().iloc[:0], True, ValidationError, "importance_table"),
    (importance_table()[[]], True, ValidationError, "importance_table"),
    (pd.concat({"Trust": importance_table()}, names=["stage"]), True, ValidationError, "importance_table"),
    (importance_table().assign(markov=["a", "b", "c", "d"]), True, SchemaError, "markov"),
    (importance_table().assign(markov=[3.0, -4.0, 2.0, 1.0]), True, ValidationError, "markov.Store visit"),
    (importance_table(), "Shop window", UnknownNameError, "highlight"),
    (importance_table(), 3, ValidationError, "highlight"),
])
def test_attribution_comparison_refuses_what_it_cannot_draw_and_names_the_problem(table, highlight, error, field):
    with pytest.raises(error) as caught:
        plots.attribution_comparison(table, highlight=highlight)
    assert caught.value.field == field


# -- a funnel per group ----------------------------------------------------------------------


def breakdown_table() -> pd.DataFrame:
    """Users per first channel and stage, shaped like stage_funnel(events, breakdown="channel").

    Shares of Know, by hand: Instagram 200 → 80 → 10 is 100, 40, 5 %; Search 40 → 20 → 4 is 100, 50, 10 %;
    Referral 10 → 6 → 2 is 100, 60, 20 %; nobody's first channel was the store.
    """
    users = {"Instagram": [200, 80, 10], "Referral": [10, 6, 2], "Search": [40, 20, 4], "Store": [0, 0, 0]}
    index = pd.MultiIndex.from_product([list(users), ["Know", "Like", "Buy"]], names=["channel", "stage"])
    return pd.DataFrame({"users": list(chain.from_iterable(users.values()))}, index=index)


def share_lines(figure: Figure) -> dict:
    return {line.get_label(): line for line in figure.axes[1].lines if not line.get_label().startswith("_")}


def ranking(figure: Figure, names) -> list[str]:
    """The group names beside the picture, top to bottom."""
    found = [(item.get_position()[1], item.get_text()) for item in figure.axes[0].texts if item.get_text() in names]
    return [text for _, text in sorted(found)]


@pytest.mark.parametrize("channel, shares", [
    ("Instagram", [100.0, 40.0, 5.0]), ("Referral", [100.0, 60.0, 20.0]), ("Search", [100.0, 50.0, 10.0]),
])
def test_each_group_is_a_line_of_the_share_of_its_first_stage_that_reached_each_stage(channel, shares):
    line = share_lines(plots.funnel_breakdown(breakdown_table()))[channel]
    assert list(line.get_xdata()) == [0, 1, 2]
    assert np.allclose(line.get_ydata(), shares)


def test_a_group_without_customers_has_no_line_and_says_so():
    figure = plots.funnel_breakdown(breakdown_table())
    assert np.isnan(share_lines(figure)["Store"].get_ydata()).all()
    assert shows(figure, "nobody at Know")


def test_the_breakdown_names_its_stages_and_colours_each_group_apart_on_a_stretched_scale():
    figure = plots.funnel_breakdown(breakdown_table())
    axes = figure.axes[1]
    assert [label.get_text() for label in axes.get_xticklabels()] == ["Know", "Like", "Buy"]
    colours = [to_hex(line.get_color()).upper() for line in share_lines(figure).values()]
    assert len(set(colours)) == 4 and set(colours) <= set(plots.OKABE_ITO.values())
    assert axes.get_yscale() == "log"
    assert repr(figure) == "<Figure: How far customers get, by channel>"


def test_the_groups_are_ranked_by_their_share_at_the_purchase_with_the_numbers_behind_it():
    figure = plots.funnel_breakdown(breakdown_table())
    assert ranking(figure, breakdown_table().index.levels[0]) == ["Referral", "Search", "Instagram", "Store"]
    for wanted in ("Reached Buy", "20%", "10%", "5.0%", "2 of 10", "4 of 40", "10 of 200"):
        assert shows(figure, wanted), wanted


def test_the_groups_can_be_ranked_at_another_stage_named_in_any_case():
    figure = plots.funnel_breakdown(breakdown_table().drop(index="Referral", level="channel"), compare_at=" like")
    assert ranking(figure, ["Instagram", "Search", "Store"]) == ["Search", "Instagram", "Store"]  # 50 % and 40 %
    assert shows(figure, "Reached Like") and shows(figure, "80 of 200")


def test_stages_of_no_framework_are_ranked_at_the_last_one():
    table = breakdown_table().rename(index={"Know": "Visit", "Like": "Cart", "Buy": "Paid"})
    assert shows(plots.funnel_breakdown(table), "Reached Paid")


def test_the_breakdown_draws_what_stage_funnel_counts():
    from journeylab.analytics import stage_funnel

    events = pd.DataFrame({  # customer 1 (Instagram) gets to Like, 2 (Instagram) stays at Know, 3 (Search) to Buy
        "user_id": [1, 1, 2, 3, 3, 3, 3, 3],
        "timestamp": pd.date_range("2024-03-01", periods=8, freq="D"),
        "stage": ["Know", "Like", "Know", "Know", "Like", "Trust", "Try", "Buy"],
        "channel": ["Instagram", "Website", "Instagram", "Search", "Website", "Website", "Store", "Website"],
    })
    funnel = stage_funnel(events, breakdown="channel")
    lines = share_lines(plots.funnel_breakdown(funnel))
    assert np.allclose(lines["Instagram"].get_ydata(), [100, 50, 0, 0, 0, 0, 0])
    assert np.allclose(lines["Search"].get_ydata(), funnel.loc["Search", "overall_conversion"])


def too_many_groups() -> pd.DataFrame:
    index = pd.MultiIndex.from_product([[f"Channel {n}" for n in range(8)], ["Know", "Buy"]],
                                       names=["channel", "stage"])
    return pd.DataFrame({"users": [10, 1] * 8}, index=index)


@pytest.mark.parametrize("table, compare_at, error, field", [
    ("Instagram", None, ValidationError, "breakdown_frame"),
    (breakdown_table().iloc[:0], None, ValidationError, "breakdown_frame"),
    (breakdown_table().rename(columns={"users": "people"}), None, SchemaError, "users"),
    (breakdown_table().loc["Search"], None, ValidationError, "breakdown_frame"),
    (pd.concat({"2024-03": breakdown_table()}, names=["period"]), None, ValidationError, "breakdown_frame"),
    (too_many_groups(), None, ValidationError, "breakdown_frame"),
    (breakdown_table().assign(users=[200, -80, 10] + [0] * 9), None, ValidationError, "users.Instagram.Like"),
    (breakdown_table(), "Repeat", UnknownNameError, "compare_at"),
])
def test_the_breakdown_refuses_what_it_cannot_draw_and_names_the_problem(table, compare_at, error, field):
    with pytest.raises(error) as caught:
        plots.funnel_breakdown(table, compare_at=compare_at)
    assert caught.value.field == field


def new_figures() -> dict:
    channels = ["Facebook", "Instagram", "Referral", "Search", "Store", "TikTok"]
    index = pd.MultiIndex.from_product([channels, HOURGLASS], names=["channel", "stage"])
    users = [[2700, 980, 570, 350, 116, 71, 32], [6200, 2300, 1340, 850, 276, 163, 79],
             [675, 408, 234, 142, 47, 24, 13], [4072, 2045, 1204, 776, 259, 145, 72],
             [622, 312, 187, 110, 39, 29, 16], [2686, 697, 417, 270, 107, 59, 29]]
    names = ["Checkout (Web)", "Store visit", "Friend's recommendation", "Instagram profile", "Store till"]
    wide = pd.DataFrame(np.array([[0, 1548, 300, 600, 450, 310], [0, 0, 226, 71, 232, 181], [102, 0, 25, 40, 19, 23],
                                  [0, 0, 40, 10, 33, 44], [0, 67, 14, 27, 19, 13]], dtype=float),
                        index=names, columns=["first_touch", "last_touch", "linear", "position_based", "time_decay",
                                              "markov"])
    return {
        "attribution_comparison": lambda: plots.attribution_comparison(wide, highlight=["Store visit", "Store till"]),
        "funnel_breakdown": lambda: plots.funnel_breakdown(pd.DataFrame({"users": list(chain.from_iterable(users))}, index=index)),
    }


@pytest.mark.parametrize("name", sorted(new_figures()))
def test_no_text_of_the_attribution_pictures_overlaps_another_or_leaves_the_page(name):
    figure = new_figures()[name]()
    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [(item.get_text(), item.get_window_extent(renderer))
             for axes in figure.axes for item in [*axes.texts, axes.title] if item.get_text().strip()]
    page = figure.bbox
    for text, box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, text
    for (first, one), (second, other) in combinations(boxes, 2):
        assert not one.shrunk(0.98, 0.9).overlaps(other.shrunk(0.98, 0.9)), (first, second)


@pytest.mark.parametrize("name", sorted(new_figures()))
def test_the_attribution_pictures_are_the_same_byte_for_byte_each_time(name, tmp_path):
    first = plots.export(new_figures()[name](), tmp_path / "first.svg").read_bytes()
    assert plots.export(new_figures()[name](), tmp_path / "second.svg").read_bytes() == first
