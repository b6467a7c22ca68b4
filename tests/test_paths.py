"""Tests for journeylab.analytics paths (notebook 06): top_paths and next_steps, worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeylab.analytics import next_steps, top_paths, transition_matrix
from journeylab.errors import UnknownNameError, ValidationError

HOURGLASS = ["Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer"]


def six_customers() -> pd.DataFrame:
    """A and B reach Trust with a repeat on the way (A two Knows, B two Likes); C goes back and forth;
    D liked before knowing; E only knows; F has Know and Like at the same minute, Like listed first."""
    rows = [
        ("A", "2024-01-01", "Know"), ("A", "2024-01-02", "Know"), ("A", "2024-01-03", "Like"), ("A", "2024-01-04", "Trust"),
        ("B", "2024-01-01", "Know"), ("B", "2024-01-02", "Like"), ("B", "2024-01-03", "Like"), ("B", "2024-01-04", "Trust"),
        ("C", "2024-01-01", "Know"), ("C", "2024-01-02", "Like"), ("C", "2024-01-03", "Know"), ("C", "2024-01-04", "Like"),
        ("D", "2024-01-02", "Know"), ("D", "2024-01-01", "Like"),
        ("E", "2024-01-01", "Know"),
        ("F", "2024-01-01 10:00", "Like"), ("F", "2024-01-01 10:00", "Know"),
    ]
    return pd.DataFrame(rows, columns=["user_id", "timestamp", "stage"])


# --- top_paths ----------------------------------------------------------------------------------

# Paths, repeats in a row merged:  A, B  Know → Like → Trust        2 of 6 = 33.3 %
#                                  C     Know → Like → Know → Like  1 = 16.7 %
#                                  D     Like → Know                1
#                                  E     Know                       1
#                                  F     Know → Like (same minute: journey order)  1
# Ties in journey order of their stages: Know < Know → Like < Know → Like → Know → Like < Like → Know.
ALL_PATHS = [
    ("Know → Like → Trust", 2),
    ("Know", 1),
    ("Know → Like", 1),
    ("Know → Like → Know → Like", 1),
    ("Like → Know", 1),
]


def test_top_paths_match_hand_count():
    paths = top_paths(six_customers())
    assert list(paths.columns) == ["path", "users", "share"]
    assert paths.index.name == "rank" and paths.index.tolist() == [1, 2, 3, 4, 5]
    assert list(zip(paths["path"], paths["users"])) == ALL_PATHS
    assert paths["share"].tolist() == pytest.approx([100 * 2 / 6] + [100 / 6] * 4)


@pytest.mark.parametrize(("n", "expected"), [(1, ALL_PATHS[:1]), (3, ALL_PATHS[:3]), (5, ALL_PATHS), (50, ALL_PATHS),
                                             (None, ALL_PATHS), (np.int64(2), ALL_PATHS[:2])])
def test_top_paths_keep_the_n_most_common(n, expected):
    paths = top_paths(six_customers(), n=n)
    assert list(zip(paths["path"], paths["users"])) == expected
    assert paths["share"].iloc[0] == pytest.approx(100 * 2 / 6)  # of all customers, not of those listed


def test_top_paths_of_another_framework_and_of_an_empty_log():
    # five_stage: u1 Awareness, Interest, Awareness; u2 Awareness.
    events = pd.DataFrame({"user_id": [1, 1, 1, 2], "timestamp": ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-01"],
                           "stage": ["awareness", "interest", "Awareness", "Awareness"]})
    paths = top_paths(events, framework="five_stage")
    assert paths["path"].tolist() == ["Awareness", "Awareness → Interest → Awareness"]
    empty = pd.DataFrame({"user_id": [], "timestamp": pd.to_datetime([]), "stage": []})
    assert top_paths(empty).empty and list(top_paths(empty).columns) == ["path", "users", "share"]


# --- next_steps ---------------------------------------------------------------------------------

def test_next_steps_match_hand_count():
    # After each customer's FIRST visit to a stage, the next different stage, or (exit):
    #   Know:  A B C F > Like, D E > exit                    6 customers: 4/6 Like, 2/6 exit
    #   Like:  A B > Trust, C D > Know, F > exit             5 customers: 40 % Trust, 40 % Know, 20 % exit
    #   Trust: A B > exit                                    100 % exit
    #   Try .. Refer: nobody got there, a row of NaN
    steps = next_steps(six_customers())
    assert list(steps.index) == HOURGLASS and list(steps.columns) == [*HOURGLASS, "(exit)"]
    assert (steps.index.name, steps.columns.name) == ("from", "to")
    expected = pd.DataFrame(0.0, index=steps.index, columns=steps.columns)
    expected.loc["Know", ["Like", "(exit)"]] = [100 * 4 / 6, 100 * 2 / 6]
    expected.loc["Like", ["Know", "Trust", "(exit)"]] = [40.0, 40.0, 20.0]
    expected.loc["Trust", "(exit)"] = 100.0
    expected.loc["Try":] = np.nan
    pd.testing.assert_frame_equal(steps, expected)


def test_next_steps_count_customers_where_the_transition_matrix_counts_moves():
    # C goes Know > Like twice: two moves in the matrix, one customer in next_steps.
    only_c = six_customers().query("user_id == 'C'")
    assert transition_matrix(only_c).loc["Know", "Like"] == 2
    assert next_steps(only_c).loc["Know", "Like"] == 100.0


def test_row_order_does_not_matter():
    events = six_customers()
    shuffled = events.sample(frac=1, random_state=3).reset_index(drop=True)
    pd.testing.assert_frame_equal(top_paths(shuffled), top_paths(events))
    pd.testing.assert_frame_equal(next_steps(shuffled), next_steps(events))


# --- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "words"), [
    (0, ["n: must be 1 or more (got 0)", "a whole number of 1 or more, such as 10, or None"]),
    (2.5, ["n: must be a whole number (got 2.5)"]),
    ("10", ["n: must be a whole number (got '10')"]),
    (True, ["n: must be a whole number (got True)"]),
])
def test_a_bad_number_of_paths_names_the_parameter(n, words):
    with pytest.raises(ValidationError) as raised:
        top_paths(six_customers(), n=n)
    for word in words:
        assert word in str(raised.value)


@pytest.mark.parametrize("function", [top_paths, next_steps])
def test_a_bad_event_log_is_refused_as_by_every_analysis(function):
    with pytest.raises(UnknownNameError, match="'Lead'"):
        function(six_customers().replace({"stage": {"Trust": "Lead"}}))


# --- properties on random event logs ------------------------------------------------------------

random_events = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 8), st.integers(0, 6)), max_size=30)


def _frame(rows) -> pd.DataFrame:
    users, hours, stages = zip(*rows) if rows else ((), (), ())
    return pd.DataFrame({"user_id": list(users),
                         "timestamp": pd.Timestamp("2024-01-01") + pd.to_timedelta(list(hours), unit="h"),
                         "stage": [HOURGLASS[s] for s in stages]})


def _paths_by_hand(rows) -> dict[int, list[int]]:
    paths: dict[int, list[int]] = {}
    for user, _, stage in sorted(rows):  # user, then hour, then journey order
        path = paths.setdefault(user, [])
        if not path or path[-1] != stage:
            path.append(stage)
    return paths


@settings(max_examples=50, deadline=None)
@given(random_events)
def test_paths_and_next_steps_follow_the_definition(rows):
    paths = _paths_by_hand(rows)
    table = top_paths(_frame(rows), n=None)
    texts = [" → ".join(HOURGLASS[stage] for stage in path) for path in paths.values()]
    assert dict(zip(table["path"], table["users"])) == {text: texts.count(text) for text in texts}
    assert table["users"].sum() == len(paths)
    if paths:
        assert table["share"].sum() == pytest.approx(100.0)
        assert (np.diff(table["users"].to_numpy()) <= 0).all()  # most common first
    steps = next_steps(_frame(rows)).to_numpy()
    visited = [stage for stage in range(7) if any(stage in path for path in paths.values())]
    assert np.allclose(steps[visited].sum(axis=1), 100.0)
    assert np.isnan(np.delete(steps, visited, axis=0)).all()
    for stage in visited:  # the share going to each next stage, from the first visit
        after = [path[path.index(stage) + 1] if path.index(stage) + 1 < len(path) else 7
                 for path in paths.values() if stage in path]
        assert steps[stage].tolist() == pytest.approx([100 * after.count(to) / len(after) for to in range(8)])
