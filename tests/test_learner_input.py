"""One reading of the numbers learners type, shared by checks, builders and plan files."""

import datetime as dt
import math

import pytest

from journeylab.learner_input import read_date, read_month, read_number


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


@pytest.mark.parametrize("typed", ["2025-12-31", "31 December 2025", "31 Dec 2025", "December 31, 2025",
                                   "Dec. 31 2025", "31st December 2025", "31.12.2025", "31/12/2025", "12/31/2025",
                                   dt.date(2025, 12, 31), dt.datetime(2025, 12, 31, 9, 30)])
def test_dates_are_read_as_people_write_them(typed):
    assert read_date(typed) == dt.date(2025, 12, 31)


@pytest.mark.parametrize("typed", ["03/04/2025", "31 Smarch 2025", "2025-02-30", "end of year", "", None, 2025])
def test_what_is_not_one_date_is_none(typed):
    assert read_date(typed) is None  # 03/04 could be March or April: better no date than the wrong one


@pytest.mark.parametrize("typed", ["2024-09", "2024-9", "September 2024", "Sep 2024", "sept. 2024", "9/2024",
                                   "09.2024", dt.date(2024, 9, 15)])
def test_months_are_read_as_the_course_tables_write_them(typed):
    assert read_month(typed) == "2024-09"


@pytest.mark.parametrize("typed", ["2024-13", "Septober 2024", "September", "2024", None])
def test_what_is_not_a_month_is_none(typed):
    assert read_month(typed) is None


def test_an_objective_takes_its_deadline_as_people_write_it():
    from journeylab.strategy import Objective

    assert Objective("visits", deadline="31 December 2025").deadline == dt.date(2025, 12, 31)
