"""journeylab._fields: the small checks the models share, each accepting a clean value or naming the field it refuses."""

import math

import pytest

from journeylab import _fields
from journeylab.errors import ValidationError


def refused(check, *args, **options) -> ValidationError:
    """The error ``check`` raises for these arguments."""
    with pytest.raises(ValidationError) as caught:
        check(*args, **options)
    return caught.value


@pytest.mark.parametrize("value, cleaned", [
    ("  Instagram  ", "Instagram"),
    ("Sees a reel\nthen clicks", "Sees a reel then clicks"),  # a line break becomes a space
    (None, ""),
    ("", ""),
])
def test_text_strips_the_ends_and_keeps_it_on_one_line(value, cleaned):
    assert _fields.text(value, "touchpoint.channel") == cleaned


@pytest.mark.parametrize("value, required, problem", [
    (42, False, "must be text"),
    (["Instagram"], False, "must be text"),
    ("   ", True, "must not be empty"),
    (None, True, "must not be empty"),
])
def test_text_refuses_what_is_not_text_or_is_blank_when_required_naming_the_field(value, required, problem):
    error = refused(_fields.text, value, "persona.name", required=required)
    assert error.field == "persona.name" and error.problem == problem
    assert str(error).startswith(f"persona.name: {problem}")


def test_texts_take_one_text_or_a_list_and_drop_the_blanks():
    assert _fields.texts("Save time", "persona.goals") == ("Save time",)
    assert _fields.texts([" Save time ", "", "Find gifts"], "persona.goals") == ("Save time", "Find gifts")
    assert _fields.texts(None, "persona.goals") == ()


def test_texts_name_the_list_or_the_item_that_is_wrong():
    assert refused(_fields.texts, {"goal": "Save time"}, "persona.goals").field == "persona.goals"
    assert refused(_fields.texts, ["Save time", 3], "persona.goals").field == "persona.goals[1]"


@pytest.mark.parametrize("value, cleaned", [(25, 25.0), (2.5, 2.5), (-1, -1.0), (0, 0.0)])
def test_number_takes_whole_numbers_and_decimals(value, cleaned):
    result = _fields.number(value, "goal.target")
    assert result == cleaned and isinstance(result, float)


@pytest.mark.parametrize("value", ["25", True, math.nan, math.inf, None, pytest.param(10**400, id="10**400")])
def test_number_refuses_text_booleans_and_what_is_not_finite_naming_the_field(value):
    error = refused(_fields.number, value, "goal.target")
    assert error.field == "goal.target" and error.problem == "must be a number" and error.value is value


def test_a_number_that_is_not_required_may_be_left_out():
    assert _fields.number(None, "goal.target", required=False) is None


@pytest.mark.parametrize("value, cleaned", [(0, 0), (5, 5), (3.0, 3)])
def test_whole_number_takes_the_ends_of_its_range_and_3_point_0_as_3(value, cleaned):
    result = _fields.whole_number(value, "opportunity.effort", 0, 5)
    assert result == cleaned and type(result) is int


@pytest.mark.parametrize("value, problem", [
    (6, "is out of range"), (-1, "is out of range"), pytest.param(10**400, "is out of range", id="10**400"),
    (2.5, "must be a whole number"), (math.nan, "must be a whole number"),
    ("3", "must be a whole number"), (True, "must be a whole number"), (None, "must be a whole number"),
])
def test_whole_number_refuses_naming_the_field_and_the_range(value, problem):
    error = refused(_fields.whole_number, value, "opportunity.effort", 0, 5)
    assert error.field == "opportunity.effort" and error.problem == problem
    assert error.allowed == "a whole number from 0 to 5"


def test_a_whole_number_that_is_not_required_may_be_left_out():
    assert _fields.whole_number(None, "persona.age", 0, 120, required=False) is None


@pytest.mark.parametrize("value", ["lower", "LOWER", "  Lower "])
def test_choice_matches_ignoring_case_and_gives_the_allowed_spelling(value):
    assert _fields.choice(value, "goal.better", ("higher", "lower")) == "lower"


@pytest.mark.parametrize("value", ["less", "", None, 1])
def test_choice_refuses_other_values_listing_the_allowed_ones(value):
    error = refused(_fields.choice, value, "goal.better", ("higher", "lower"))
    assert error.field == "goal.better" and error.allowed == "higher, lower"
    assert "goal.better: is not one of the allowed values" in str(error)


def test_a_windows_line_break_becomes_one_space_like_any_other():
    assert _fields.text("a\r\nb", "note") == _fields.text("a\nb", "note") == "a b"


@pytest.mark.parametrize("line_break", ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_every_kind_of_line_break_becomes_one_space(line_break):
    assert _fields.text(f"a{line_break}b", "note") == "a b"
