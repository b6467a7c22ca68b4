"""Tests for journeylab.touch_paths: the path table it remembers, read back as the table says."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from journeylab import touch_paths
from journeylab.attribution import heuristic_credit, markov_removal_effects, paths_from_events, touchpoint_importance
from journeylab.synthetic import generate_events


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return generate_events(users=400)  # categories, as the course's own data


def read_anew(function, *args, **kwargs):
    """``function`` as if nothing were remembered: every path table read tuple by tuple."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(touch_paths, "_written_earlier", lambda values: None)
        return function(*args, **kwargs)


@pytest.mark.parametrize("by", ["touchpoint", "channel"])
def test_a_remembered_path_table_gives_what_reading_it_gives(events, by):
    paths = paths_from_events(events, by=by)
    assert touch_paths._written_earlier(paths["path"].tolist()) is not None  # the quick way is taken
    pd.testing.assert_frame_equal(markov_removal_effects(paths), read_anew(markov_removal_effects, paths))
    pd.testing.assert_series_equal(heuristic_credit(paths, "linear"), read_anew(heuristic_credit, paths, "linear"))


@pytest.mark.parametrize("per_stage", [False, True])
def test_touchpoint_importance_is_the_same_remembered_or_read(events, per_stage):
    pd.testing.assert_frame_equal(touchpoint_importance(events, per_stage=per_stage),
                                  read_anew(touchpoint_importance, events, per_stage=per_stage))


def test_text_columns_give_the_same_table_as_categories(events):
    text = events.astype({column: str for column in ("user_id", "stage", "touchpoint", "channel")})
    pd.testing.assert_frame_equal(paths_from_events(text), paths_from_events(events))
    pd.testing.assert_frame_equal(markov_removal_effects(paths_from_events(text)),
                                  markov_removal_effects(paths_from_events(events)))


def test_a_path_table_edited_after_it_was_made_is_read_anew(events):
    paths = paths_from_events(events)
    expected = paths.copy()
    expected["path"] = np.fromiter([("Instagram post",), *expected["path"].iloc[1:]], dtype=object,
                                   count=len(expected))
    paths.at[0, "path"] = ("Instagram post",)  # in place: the remembered tuples are no longer the table's
    assert touch_paths._written_earlier(paths["path"].tolist()) is None
    pd.testing.assert_frame_equal(markov_removal_effects(paths), read_anew(markov_removal_effects, expected))


def test_rows_sorted_or_cut_are_read_anew(events):
    paths = paths_from_events(events)
    for changed in (paths.iloc[::-1], paths.head(20), paths.sort_values("nulls")):
        pd.testing.assert_frame_equal(markov_removal_effects(changed), read_anew(markov_removal_effects, changed))


def test_events_in_order_already_are_not_sorted_and_ties_in_time_are_checked():
    # The quick check looks at customer and time, and at stage and name only where times are equal.
    rng = np.random.default_rng(3)
    user, time, stage, name = (rng.integers(0, 4, 300) for _ in range(4))
    order = np.lexsort((name, stage, time, user))
    keys = [column[order] for column in (user, time, stage, name)]
    assert all(got is given for got, given in zip(touch_paths._in_time_order(*keys), keys))
    tie = int(np.flatnonzero((np.diff(keys[0]) == 0) & (np.diff(keys[1]) == 0) & (np.diff(keys[2]) > 0))[0])
    swapped = [column.copy() for column in keys]
    for column in swapped:  # the later stage first, at the same moment
        column[[tie, tie + 1]] = column[[tie + 1, tie]]
    result = touch_paths._in_time_order(*swapped)
    assert all(np.array_equal(got, column) for got, column in zip(result, keys))
