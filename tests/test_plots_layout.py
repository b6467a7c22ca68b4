"""journeylab.plots.layout: text wrapped to its room, numbers as people write them, and nothing overlapping."""

from itertools import combinations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from journeylab import plots

from plot_cases import (
    LONG,
    attainment_table,
    crowded_journey,
    emotion_journey,
    full_empathy_map,
    full_persona,
    funnel_table,
    practitioner_journey,
)


def test_wrapped_lines_fit_their_width_even_in_wide_letters():
    from journeylab.plots.layout import text_width, wrap

    lines = wrap("MMMM WWWW mmmm wwww " * 6, 1.5, 10, "bold")
    assert len(lines) > 1 and all(text_width(line, 10, "bold") <= 1.5 for line in lines)


@pytest.mark.parametrize("value, text", [(0.25, "+0.3"), (-0.25, "−0.3"), (0.0, "0.0"), (-0.04, "0.0"), (2, "+2.0")])
def test_emotion_labels_round_as_people_do_and_zero_has_no_sign(value, text):
    from journeylab.plots.layout import signed

    assert signed(value) == text


# -- readable: nothing overlaps or leaves the page ----------------------------------------


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
