"""Tests for journeylab.analytics.flows: the path flow of the six hand-made customers of event_cases, worked out by hand.

Their paths (time order, repeats merged; D's Know and Like at the same minute in journey order):
A Know Like Trust Try Trust Buy, B Know Buy, C Know Like Trust Try Buy Repeat Refer,
D Know Like Trust, E Like Know, F Like Know Like.
"""

from __future__ import annotations

import pandas as pd
import pytest

from journeylab.analytics import path_flow_table
from journeylab.errors import UnknownNameError, ValidationError

from event_cases import journeys


def links(table: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in table.itertuples(index=False)]


def test_forward_four_steps_deep():
    assert links(path_flow_table(journeys(), steps=4)) == [
        (1, "Know", "Like", 3), (1, "Like", "Know", 2), (1, "Know", "Buy", 1),
        (2, "Like", "Trust", 3), (2, "Know", "Like", 1), (2, "Know", "(exit)", 1), (2, "Buy", "(exit)", 1),
        (3, "Trust", "Try", 2), (3, "Like", "(exit)", 1), (3, "Trust", "(exit)", 1),
    ]


def test_only_the_top_nodes_of_each_step_keep_their_name():
    assert links(path_flow_table(journeys(), steps=4, top=1)) == [
        (1, "Know", "Like", 3), (1, "Other", "Other", 2), (1, "Know", "Other", 1),
        (2, "Like", "Trust", 3), (2, "Other", "(exit)", 2), (2, "Other", "Other", 1),
        (3, "Trust", "Try", 2), (3, "Trust", "(exit)", 1), (3, "Other", "(exit)", 1),
    ]


def test_forward_from_a_chosen_start():
    assert links(path_flow_table(journeys(), steps=3, start="trust")) == [
        (1, "Trust", "Try", 2), (1, "Trust", "(exit)", 1),
        (2, "Try", "Trust", 1), (2, "Try", "Buy", 1),
    ]


def test_backward_from_an_end():
    assert links(path_flow_table(journeys(), steps=3, end="Buy")) == [
        (1, "Trust", "Try", 1), (1, "Try", "Trust", 1), (1, "(start)", "Know", 1),
        (2, "Know", "Buy", 1), (2, "Trust", "Buy", 1), (2, "Try", "Buy", 1),
    ]


def test_every_customer_flows_out_of_step_one():
    table = path_flow_table(journeys(), steps=5)
    assert table.loc[table["step"] == 1, "users"].sum() == 6


def test_paths_of_channels():
    events = pd.DataFrame({"user_id": ["1042", "1042", "1042", "977", "977"],
                           "timestamp": ["2024-03-01", "2024-03-05", "2024-03-09", "2024-03-02", "2024-03-04"],
                           "stage": ["Like", "Trust", "Buy", "Like", "Try"],
                           "channel": ["Instagram", "Email", "Website", "(not set)", "Website"]})
    assert links(path_flow_table(events, steps=2, by="channel")) == [
        (1, "(not set)", "Website", 1), (1, "Instagram", "Email", 1)]


def test_bad_arguments_are_named():
    with pytest.raises(ValidationError, match="steps: must be a whole number of 2 or more"):
        path_flow_table(journeys(), steps=1)
    with pytest.raises(ValidationError, match="end: cannot be given together with start"):
        path_flow_table(journeys(), start="Know", end="Buy")
    with pytest.raises(UnknownNameError, match="start: the seven-step hourglass has no stage"):
        path_flow_table(journeys(), start="Checkout")
    with pytest.raises(UnknownNameError, match="by: is not something"):
        path_flow_table(journeys(), by="page")
