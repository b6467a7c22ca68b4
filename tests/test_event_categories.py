"""The event log's categories (journeylab.schemas.event_categories): what the loaders return, and that
every analysis gives the same answer on categories as on plain text, never listing a value nobody has."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from journeylab import analytics, attribution, data, synthetic
from journeylab.errors import SchemaError
from journeylab.schemas import EVENT_CATEGORIES, STAGES, event_categories


@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    return synthetic.generate_events(seed=11, users=600)


def as_text(events: pd.DataFrame) -> pd.DataFrame:
    return events.astype({column: str for column in EVENT_CATEGORIES})


def test_the_loader_and_the_generator_return_the_same_categories():
    loaded, made = data.load_events(), synthetic.generate_events()
    for column in EVENT_CATEGORIES:
        assert isinstance(loaded[column].dtype, pd.CategoricalDtype), column
    pd.testing.assert_frame_equal(loaded, made)
    assert loaded["stage"].cat.categories.tolist() == list(STAGES)
    for column in ("touchpoint", "channel"):
        categories = loaded[column].cat.categories.tolist()
        assert categories == sorted(set(loaded[column].astype(str))), column  # alphabetical, all in use
    users = loaded["user_id"].cat.categories.tolist()
    assert users == list(dict.fromkeys(loaded["user_id"].astype(str))) and users[:2] == ["U00001", "U00002"]


def test_categories_are_the_values_in_use_stages_in_journey_order_users_as_they_appear():
    events = pd.DataFrame({"user_id": [3, 1, 3], "stage": ["Buy", "Lead", "Know"], "extra": ["x", "y", "z"],
                           "channel": pd.Categorical(["Store", "Blog", "Blog"], categories=["TikTok", "Store", "Blog"])})
    table = event_categories(events)
    assert table["stage"].cat.categories.tolist() == ["Know", "Buy", "Lead"]  # then names outside the hourglass
    assert table["channel"].cat.categories.tolist() == ["Blog", "Store"]  # the unused TikTok is gone
    assert table["user_id"].cat.categories.tolist() == [3, 1]  # in the order customers appear
    assert table["extra"].dtype == events["extra"].dtype and "touchpoint" not in table
    assert table["stage"].tolist() == events["stage"].tolist() and table["channel"].tolist() == ["Store", "Blog", "Blog"]
    assert not isinstance(events["stage"].dtype, pd.CategoricalDtype)  # the caller's table is left alone


def test_validating_events_gives_categories_and_still_names_a_bad_stage(generated):
    text = as_text(generated.head(50))
    assert isinstance(data.validate(text, "events")["stage"].dtype, pd.CategoricalDtype)
    bad = generated.head(5).assign(stage=pd.Categorical(["Know", "Like", "Lead", "Know", "Know"]))
    with pytest.raises(SchemaError, match=r"^stage: the value in row 2 .*\(got .Lead.\)"):
        data.validate(bad, "events")


ANALYSES: dict[str, Callable[[pd.DataFrame], object]] = {
    "closed funnel": analytics.stage_funnel,
    "open funnel": lambda events: analytics.stage_funnel(events, closed=False),
    "funnel within 30 days": lambda events: analytics.stage_funnel(events, within="30D"),
    "direct funnel": lambda events: analytics.stage_funnel(events, directly=True),
    "funnel by channel": lambda events: analytics.stage_funnel(events, breakdown="channel"),
    "funnel by touchpoint and month": lambda events: analytics.stage_funnel(events, breakdown="touchpoint", freq="M"),
    "time to convert": analytics.time_to_convert,
    "transition matrix": analytics.transition_matrix,
    "backward moves": analytics.backward_moves,
    "time between stages": analytics.time_between_stages,
    "every path": lambda events: analytics.top_paths(events, n=None),
    "next steps": analytics.next_steps,
    "paths to a purchase": attribution.paths_from_events,
    "channel paths": lambda events: attribution.paths_from_events(events, by="channel"),
    "time decay": attribution.time_decay_credit,
    "importance": attribution.touchpoint_importance,
    "importance per stage": lambda events: attribution.touchpoint_importance(events, per_stage=True),
    "markov": lambda events: attribution.markov_removal_effects(attribution.paths_from_events(events)),
}


def assert_same(result: object, expected: object, exact: bool = True) -> None:
    """Equal, index types too (no category index); ``exact=False`` allows a difference in the last bits of a sum."""
    closeness = {"check_exact": True} if exact else {"check_exact": False, "rtol": 1e-12}
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(result, expected, check_index_type=True, **closeness)
    else:
        pd.testing.assert_frame_equal(result, expected, check_index_type=True, check_column_type=True, **closeness)


@pytest.mark.parametrize("analysis", ANALYSES)
def test_categories_and_text_give_the_same_results(generated, analysis):
    run = ANALYSES[analysis]
    assert_same(run(generated), run(as_text(generated)))


def with_unused_categories(events: pd.DataFrame) -> pd.DataFrame:
    """Every category column with values nobody has (a stage the hourglass lacks, too); users and stages
    jumbled. (A breakdown keeps a category's own order, so touchpoints and channels keep theirs.)"""
    extra = {"user_id": ["U99999", "A-nobody"], "stage": ["Lead"], "touchpoint": ["Carrier pigeon", "Aardvark"],
             "channel": ["Fax", "Billboard"]}
    table = events.copy()
    rng = np.random.default_rng(3)
    for column, unused in extra.items():
        categories = [unused[0], *table[column].cat.categories, *unused[1:]]
        if column in ("user_id", "stage"):
            categories = list(rng.permutation(np.array(categories, dtype=object)))
        table[column] = table[column].cat.set_categories(categories)
    return table


@pytest.mark.parametrize("analysis", ANALYSES)
def test_unused_categories_never_show_in_results(generated, analysis):
    run = ANALYSES[analysis]
    unused = with_unused_categories(generated)
    assert "Lead" in unused["stage"].cat.categories  # (the case is what it says)
    assert_same(run(unused), run(as_text(generated)), exact=False)  # customers summed in another order


@pytest.mark.parametrize("by", ["touchpoint", "channel"])
def test_attribution_lists_names_alphabetically_whatever_the_order_of_the_categories(generated, by):
    backwards = generated.assign(**{by: generated[by].cat.reorder_categories(generated[by].cat.categories[::-1])})
    expected = as_text(generated)
    assert_same(attribution.paths_from_events(backwards, by=by), attribution.paths_from_events(expected, by=by))
    assert_same(attribution.touchpoint_importance(backwards, by=by), attribution.touchpoint_importance(expected, by=by))


def test_a_subset_of_the_course_data_counts_only_its_own_customers(generated):
    buyers = generated[generated["user_id"].isin(generated.loc[generated["stage"] == "Buy", "user_id"])]
    assert len(buyers["user_id"].cat.categories) > buyers["user_id"].nunique()  # categories of everyone
    paths = analytics.top_paths(buyers, n=None)
    assert paths["users"].sum() == buyers["user_id"].nunique()
    assert paths["share"].sum() == pytest.approx(100.0)
    assert analytics.stage_funnel(buyers).loc["Know", "users"] == buyers["user_id"].nunique()


@pytest.mark.parametrize("column", ["user_id", "stage", "touchpoint"])
def test_an_empty_category_cell_is_named_as_in_text(generated, column):
    events = generated.head(20).copy()
    events.loc[3, column] = np.nan
    with pytest.raises(SchemaError, match=f"^{column}: 1 event has no"):
        attribution.paths_from_events(events)
