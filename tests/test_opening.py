"""jl.start: a notebook's parameters checked and its course data loaded, in one line."""

import pytest

import journeylab as jl
from journeylab.errors import UnknownNameError, ValidationError


def test_start_returns_the_course_data_with_the_parameters_it_was_made_for():
    data = jl.start(company="Ærø Cykler", seed=7, framework="five stage")
    assert (data.company, data.seed, data.framework) == ("Ærø Cykler", 7, "five_stage")
    assert data.customers.equals(jl.data.course_data(7).customers)


def test_left_out_parameters_take_their_defaults():
    data = jl.start()
    assert (data.company, data.seed, data.framework) == ("Nordlys Home", 2024, "hourglass")


@pytest.mark.parametrize("parameters, error, field", [
    ({"compnay": "Typo"}, UnknownNameError, "parameter"),
    ({"seed": -1}, ValidationError, "seed"),
    ({"company": "  "}, ValidationError, "company"),
    ({"framework": "funnel"}, UnknownNameError, "framework"),
])
def test_a_bad_parameter_stops_with_its_name(parameters, error, field):
    with pytest.raises(error) as caught:
        jl.start(**parameters)
    assert caught.value.field == field


def test_after_start_a_table_of_sentences_shows_them_whole():
    import journeylab as jl

    jl.start()
    dictionary = jl.data.describe("customers")
    longest = max(dictionary.astype(str).map(len).max())
    assert longest > 50 and "..." not in dictionary.to_string()
