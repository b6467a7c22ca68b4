"""One reading of the numbers learners type, shared by checks, builders and plan files."""

import math

import pytest

from journeylab.learner_input import read_number


@pytest.mark.parametrize("typed, number", [
    (45, 45.0), (2.5, 2.5), ("45%", 45.0), (" 45 % ", 45.0), ("12,000", 12000.0), ("10 000", 10000.0),
    ("1,234,567.5", 1234567.5), ("3,5", 3.5), (",5", 0.5), ("-3", -3.0), ("+2", 2.0), ("0", 0.0),
])
def test_numbers_are_read_as_people_write_them(typed, number):
    assert read_number(typed) == number


@pytest.mark.parametrize("typed", [True, False, None, "lots", "", "%", "1,2,3", "12,00,000", [45], math.inf, "nan", "inf", pytest.param(10**400, id="10**400")])
def test_what_is_not_a_number_is_none(typed):
    assert read_number(typed) is None


def test_checks_builders_and_plan_files_read_numbers_the_same_way(tmp_path):
    from journeylab.exercises._answers import number_in
    from journeylab.journey_formats import _to_number
    from journeylab.widgets._common import as_number

    for typed in ("45%", "12,000", "10 000", "3,5"):
        assert number_in(typed) == as_number(typed) == _to_number(typed, "target") == read_number(typed)
