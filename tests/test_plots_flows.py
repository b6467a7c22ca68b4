"""Tests for journeylab.plots.flows: the path flow picture shows the table's nodes, sized by their customers."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from journeylab.errors import ValidationError
from journeylab.plots import path_flow

from event_cases import journeys


def bars(figure: Figure) -> dict[str, float]:
    """Each node's bar height, by its "step:name" label."""
    return {patch.get_label(): patch.get_height() for patch in figure.axes[0].patches
            if isinstance(patch, Rectangle) and ":" in patch.get_label()}


def test_every_node_is_a_bar_as_tall_as_its_customers():
    heights = bars(path_flow(journeys(), steps=4))
    # by hand (see test_flows): step 1 Know 4, Like 2; step 2 Like 3, Know 2, Buy 1; step 3 Trust 3, Like 1, (exit) 2
    assert set(heights) == {"1:Know", "1:Like", "2:Like", "2:Know", "2:Buy", "3:Trust", "3:Like", "3:(exit)",
                            "4:Try", "4:(exit)"}
    unit = heights["1:Know"] / 4
    assert heights["1:Like"] == pytest.approx(2 * unit)
    assert heights["3:(exit)"] == pytest.approx(2 * unit)
    assert heights["4:(exit)"] == pytest.approx(2 * unit)


def test_the_nodes_are_labelled_with_their_customers():
    texts = [text.get_text() for text in path_flow(journeys(), steps=3, end="Buy").axes[0].texts]
    assert "Buy  3" in texts  # A, B and C; B reached Buy on his second step, so (start) comes first and "(start)  1" in texts and "Step 3" in texts


def test_the_picture_is_the_same_every_time():
    pictures = []
    for _ in range(2):
        buffer = io.BytesIO()
        path_flow(journeys()).savefig(buffer, format="png")
        pictures.append(buffer.getvalue())
    assert pictures[0] == pictures[1]


def test_a_bad_argument_is_named():
    with pytest.raises(ValidationError, match="top: must be a whole number of 1 or more"):
        path_flow(journeys(), top=0)
