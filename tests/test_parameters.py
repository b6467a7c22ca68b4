"""journeylab.parameters: the notebooks' papermill parameters, cleaned, or refused with the parameter's name."""

import pytest

from journeylab.errors import UnknownNameError, ValidationError
from journeylab.frameworks import framework_names
from journeylab.parameters import PARAMETERS, check_parameters


def test_no_parameters_give_nothing_to_change():
    assert check_parameters() == {}


def test_every_default_passes_its_own_check():
    defaults = {name: parameter.default for name, parameter in PARAMETERS.items()}
    assert check_parameters(**defaults) == defaults


def test_values_come_back_cleaned():
    cleaned = check_parameters(company="  Ærø Cykler ", seed=7.0, framework="Five_Stage")
    assert cleaned == {"company": "Ærø Cykler", "seed": 7, "framework": "five_stage"}
    assert type(cleaned["seed"]) is int


def test_an_unknown_name_is_refused_listing_the_parameters_that_exist():
    with pytest.raises(UnknownNameError) as caught:
        check_parameters(compnay="Nordlys Home")
    assert caught.value.field == "parameter" and caught.value.value == "compnay"
    assert caught.value.allowed == "company, framework, seed"


@pytest.mark.parametrize("values, error, field", [
    ({"seed": -1}, ValidationError, "seed"),
    ({"seed": 2**32}, ValidationError, "seed"),
    ({"seed": "2024"}, ValidationError, "seed"),
    ({"seed": True}, ValidationError, "seed"),
    ({"company": "   "}, ValidationError, "company"),
    ({"company": 42}, ValidationError, "company"),
    ({"framework": "funnel"}, UnknownNameError, "framework"),
    ({"company": "Nordlys Home", "seed": 1.5}, ValidationError, "seed"),
])
def test_a_bad_value_is_refused_naming_the_parameter(values, error, field):
    with pytest.raises(error) as caught:
        check_parameters(**values)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_an_unknown_framework_lists_the_frameworks_that_exist():
    with pytest.raises(UnknownNameError) as caught:
        check_parameters(framework="funnel")
    assert caught.value.value == "funnel"
    assert caught.value.allowed == ", ".join(framework_names())
