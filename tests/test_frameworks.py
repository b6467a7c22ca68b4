"""The stage frameworks: their content, look-up by name and the mapping between them."""

import pytest

from journeylab.errors import UnknownNameError
from journeylab.frameworks import FRAMEWORKS, convert, framework_names, get_framework


def test_the_frameworks_have_their_stages_in_order():
    assert get_framework("hourglass").stage_names == ("Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer")
    assert get_framework("five_stage").stage_names == ("Awareness", "Interest", "Desire", "Action", "Post-action")
    assert len(get_framework("cycle").stage_names) == 4


def test_the_guides_second_five_stage_list_is_mapped_by_meaning_not_by_position():
    # position would pair Action with Retention; Retention comes after the purchase
    assert convert("Action", "five_stage", "five_stage_advocacy") == ("Decision",)
    assert convert("Post-action", "five_stage", "five_stage_advocacy") == ("Retention", "Advocacy")
    assert convert("Buy", "hourglass", "five_stage_advocacy") == ("Decision",)
    with pytest.raises(UnknownNameError):
        get_framework("five_stage").stage("Retention")


@pytest.mark.parametrize("name", ["Hourglass", "HOURGLASS", " hourglass ", "seven-step"])
def test_framework_lookup_ignores_case_and_spaces(name):
    assert get_framework(name).key == "hourglass"


@pytest.mark.parametrize("name", ["trust", "TRUST", "  Trust "])
def test_stage_lookup_ignores_case(name):
    assert get_framework("hourglass").stage(name).name == "Trust"


def test_an_unknown_framework_lists_the_valid_ones():
    with pytest.raises(UnknownNameError) as caught:
        get_framework("funnel")
    assert caught.value.field == "framework"
    for key in framework_names():
        assert key in str(caught.value)


def test_an_unknown_stage_lists_the_stages_of_its_framework():
    with pytest.raises(UnknownNameError) as caught:
        get_framework("hourglass").stage("Awareness")
    message = str(caught.value)
    assert "'Awareness'" in message
    assert "Know, Like, Trust, Try, Buy, Repeat, Refer" in message


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=FRAMEWORKS.keys())
def test_every_stage_carries_its_teaching_content(framework):
    for stage in framework.stages:
        assert stage.question.endswith("?"), stage.name
        assert stage.customer_goal and stage.marketer_job
        assert len(stage.touchpoints) >= 2 and len(stage.kpis) >= 2


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=FRAMEWORKS.keys())
def test_every_hourglass_step_maps_onto_an_existing_stage_in_order(framework):
    hourglass = get_framework("hourglass")
    assert list(framework.from_hourglass) == list(hourglass.stage_names)
    positions = [framework.position(name) for name in framework.from_hourglass.values()]
    assert positions == sorted(positions), "the mapping must keep journey order"
    assert set(framework.from_hourglass.values()) == set(framework.stage_names), "every stage is covered"


@pytest.mark.parametrize(
    "stage, source, target, expected",
    [
        ("Know", "hourglass", "five_stage", ("Awareness",)),
        ("Trust", "hourglass", "five_stage", ("Desire",)),
        ("Refer", "hourglass", "five_stage", ("Post-action",)),
        ("Post-action", "five_stage", "hourglass", ("Repeat", "Refer")),
        ("Desire", "five_stage", "hourglass", ("Trust", "Try")),
        ("Consideration", "cycle", "hourglass", ("Like", "Trust", "Try")),
        ("Interest", "five_stage", "cycle", ("Consideration",)),
        ("Loyalty", "cycle", "five_stage", ("Post-action",)),
        ("buy", "hourglass", "hourglass", ("Buy",)),
    ],
)
def test_convert_maps_stages_between_frameworks(stage, source, target, expected):
    assert convert(stage, source, target) == expected


@pytest.mark.parametrize("source", framework_names())
@pytest.mark.parametrize("target", framework_names())
def test_convert_both_ways_comes_back_to_the_start(source, target):
    for stage in get_framework(source).stage_names:
        for other in convert(stage, source, target):
            assert stage in convert(other, target, source)


def test_a_framework_as_a_table_has_one_row_per_stage_and_the_facts_asked_for():
    hourglass = get_framework("hourglass")
    table = hourglass.table("question", "touchpoints")
    assert list(table.index) == list(hourglass.stage_names) and list(table.columns) == ["question", "touchpoints"]
    assert table.loc["Buy", "question"] == hourglass.stage("Buy").question
    assert table.loc["Buy", "touchpoints"] == ", ".join(hourglass.stage("Buy").touchpoints)


def test_a_table_of_an_unknown_fact_names_the_facts_there_are():
    with pytest.raises(UnknownNameError) as caught:
        get_framework("hourglass").table("questions")
    assert "column" in str(caught.value) and "question" in caught.value.allowed
