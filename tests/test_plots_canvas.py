"""journeylab.plots.canvas: the updated empathy canvas, drawn for a map with a goal, sees or hears."""

from journeylab import plots
from journeylab.personas import EmpathyMap

from plot_cases import full_empathy_map, shows, texts


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
