"""journeylab.plots.matrix: the value-versus-effort matrix, its points, corners, labels and errors."""

from itertools import combinations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journeylab import plots
from journeylab.errors import SchemaError, ValidationError
from journeylab.journey import Journey
from journeylab.opportunities import Opportunity, prioritise

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
