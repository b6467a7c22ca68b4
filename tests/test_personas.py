"""Personas and empathy maps: validation and dictionary round-trips."""

import pytest

from journeylab.errors import FileFormatError, ValidationError
from journeylab.personas import EmpathyMap, Persona


def test_a_persona_keeps_what_it_was_given_tidied():
    persona = Persona(" Sarah ", age=29.0, role="Nurse", goals="Eat healthy", channels=["Instagram", " ", "E-mail"])
    assert persona.name == "Sarah"
    assert persona.age == 29 and isinstance(persona.age, int)
    assert persona.goals == ("Eat healthy",)
    assert persona.channels == ("Instagram", "E-mail"), "blank items are dropped"


def test_persona_round_trips_through_a_dictionary():
    persona = Persona("Jessica", age=28, goals=["Save time"], challenges=["Small budget"], quote="I hate waiting")
    assert Persona.from_dict(persona.to_dict()) == persona


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"name": ""}, "persona.name"),
        ({"name": "Jo", "age": -1}, "persona.age"),
        ({"name": "Jo", "age": 200}, "persona.age"),
        ({"name": "Jo", "age": "twenty"}, "persona.age"),
        ({"name": "Jo", "goals": 5}, "persona.goals"),
        ({"name": "Jo", "channels": ["Instagram", 3]}, "persona.channels[1]"),
    ],
)
def test_bad_persona_values_name_their_field(kwargs, field):
    with pytest.raises(ValidationError) as caught:
        Persona(**kwargs)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + ":")


def test_persona_from_a_file_names_the_path_of_a_bad_field():
    with pytest.raises(ValidationError, match=r"^journey\.persona\.age: is out of range"):
        Persona.from_dict({"name": "Jo", "age": 300}, "journey.persona")
    with pytest.raises(FileFormatError, match=r"persona\.hobby: is not a field"):
        Persona.from_dict({"name": "Jo", "hobby": "golf"})
    with pytest.raises(FileFormatError, match=r"persona\.name: is missing"):
        Persona.from_dict({"age": 3})


def test_an_empathy_map_reports_its_empty_quadrants():
    empathy = EmpathyMap("Jessica", says=["Is it eco-friendly?"], feels="Unsure")
    assert empathy.empty_quadrants == ("thinks", "does")
    assert EmpathyMap.from_dict(empathy.to_dict()) == empathy


def test_empathy_map_pains_and_gains_are_optional():
    empathy = EmpathyMap(says=["a"], thinks=["b"], does=["c"], feels=["d"])
    assert empathy.pains == () and empathy.gains == ()
    assert empathy.empty_quadrants == ()


def test_the_updated_canvas_adds_goal_sees_and_hears():
    canvas = EmpathyMap("Jessica", goal="Furnish her first flat on a budget", sees=["Friends' flats on Instagram"],
                        hears=["Cheap furniture falls apart"], says=["Is it eco?"], does=["Compares prices"],
                        thinks=["Can I afford good things?"], feels=["Unsure"], pains=["Greenwashing"], gains=["A calm home"])
    assert canvas.layout == "canvas" and canvas.empty_areas == ()
    assert EmpathyMap("Jessica", says=["Hi"]).layout == "classic"
    assert EmpathyMap.from_dict(canvas.to_dict()) == canvas


def test_an_empathy_map_saved_before_the_canvas_still_loads():
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parent / "fixtures" / "empathy_map_saved_before_canvas.json").read_text(encoding="utf-8"))
    old = EmpathyMap.from_dict(data)
    assert old.layout == "classic" and old.says == ("Is it eco?",) and old.sees == ()
