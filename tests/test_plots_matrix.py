"""journeylab.plots.matrix: the value-versus-effort matrix, its points, corners, labels and errors."""

from itertools import combinations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journeylab import plots
from journeylab.errors import SchemaError, ValidationError
from journeylab.journey import Journey, StageGoal
from journeylab.opportunities import Opportunity, prioritise, quadrant

from plot_cases import crowded_journey, texts


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
    # each label starts with the idea's rank: quick wins by score (65 / 1, 70 / 2), the big bet, the thankless task
    assert {"1. Ask for reviews", "2. Show delivery cost early", "3. Ten-year guarantee",
            "4. Referral code in e-mail"} <= shown
    assert {"Trust", "Buy", "Refer", "idea", "planned", "done"} <= shown and "doing" not in shown
    quick_wins = next(text for text in figure.axes[1].texts if text.get_text() == "Quick wins")
    assert quick_wins.get_position() == (0.03, 0.985)  # top left: little effort, much value


def labels_at_points(figure: Figure) -> dict[str, tuple[float, float]]:
    """Each idea's label text by the point (effort, value) it belongs to."""
    plot = figure.axes[1]
    return {text.get_text().replace("\n", " "): tuple(float(v) for v in text.get_position()) for text in plot.texts
            if text.get_text()[:1].isdigit()}


def fill_in_with_the_best_score() -> Journey:
    """A fill-in with the highest value per effort (45 / 1), a quick win (70 / 2 = 35) and a big bet (80 / 4)."""
    journey = Journey("Nordlys Home")
    journey.add_opportunity("Try", Opportunity("Book a chat", customer_value=50, business_value=40, effort=1))
    journey.add_opportunity("Buy", Opportunity("Show delivery cost", customer_value=80, business_value=60, effort=2))
    journey.add_opportunity("Like", Opportunity("Faster pages", customer_value=80, business_value=80, effort=4))
    return journey


def test_the_idea_ranked_first_is_the_one_in_the_corner_the_matrix_says_to_do_first():
    journey = fill_in_with_the_best_score()
    ranked = prioritise(journey)
    first_corner = next(name for name, (_, advice) in plots.QUADRANTS.items() if "do these first" in advice)
    assert ranked.iloc[0]["quadrant"] == first_corner == "Quick wins"
    assert list(ranked["title"]) == ["Show delivery cost", "Faster pages", "Book a chat"]  # the fill-in last
    labels = labels_at_points(plots.opportunity_matrix(journey))
    first = next(text for text in labels if text.startswith("1. "))
    assert first == "1. Show delivery cost"
    effort, value = labels[first]
    assert quadrant(value, effort) == first_corner  # the label "1." sits at a point in the quick-win corner


def test_the_matrix_numbers_each_idea_with_its_rank_in_the_list_missed_goals_counted():
    journey = fill_in_with_the_best_score()
    journey.add_opportunity("Try", Opportunity("Try at home", customer_value=80, business_value=80, effort=3))  # 26.7
    journey.set_goal("Try", StageGoal("More tries", "Sample orders", 400, unit="orders"))
    ranked = prioritise(journey, actuals={"Try": 300})  # Try misses: 26.7 x 1.5 = 40 overtakes 35
    expected = {f"{rank}. {title}" for rank, title in ranked["title"].items()}
    assert "1. Try at home" in expected and "2. Try at home" in labels_at_points(plots.opportunity_matrix(journey))
    figure = plots.opportunity_matrix(journey, actuals={"Try": 300})
    assert set(labels_at_points(figure)) == expected
    assert set(labels_at_points(plots.opportunity_matrix(ranked))) == expected  # the table keeps its ranks
    assert "misses its goal counts × 1.5" in " ".join(texts(figure))


def test_a_table_without_ranks_is_ranked_by_the_same_rule():
    table = prioritise(fill_in_with_the_best_score()).reset_index(drop=True).iloc[::-1]  # shuffled, no rank
    assert set(labels_at_points(plots.opportunity_matrix(table))) == {
        "1. Show delivery cost", "2. Faster pages", "3. Book a chat"}


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


def test_actuals_go_with_a_journey_not_with_a_table_that_is_ranked_already():
    with pytest.raises(ValidationError) as caught:
        plots.opportunity_matrix(prioritise(fill_in_with_the_best_score()), actuals={"Buy": 2.0})
    assert caught.value.field == "actuals" and "prioritise(journey, actuals)" in str(caught.value)
