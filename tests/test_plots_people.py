"""journeylab.plots.people: the persona card and the classic empathy map."""

import pytest

from journeylab import plots
from journeylab.errors import ValidationError
from journeylab.personas import EmpathyMap, Persona

from plot_cases import full_empathy_map, full_persona, shows, texts


def test_persona_card_shows_everything_about_the_persona():
    persona = full_persona()
    figure = plots.persona_card(persona)
    headings = {"Jessica, 28", "Marketing assistant in Oslo", "Goals", "Challenges", "Preferred channels"}
    assert headings <= set(texts(figure))
    assert shows(figure, f"“{persona.quote}”") and shows(figure, "Segment: Young urban renters")
    for item in persona.goals + persona.challenges + persona.channels:
        assert shows(figure, item)
    quote = next(text for text in figure.axes[0].texts if text.get_text().startswith("“"))
    assert "\n" in quote.get_text()  # a long quote wraps instead of running off the card


def test_persona_card_asks_for_what_is_still_missing():
    shown = texts(plots.persona_card(Persona("Ola")))
    assert "Ola" in shown
    assert any(text.startswith("No goals yet") for text in shown)
    assert any(text.startswith("No channels yet") for text in shown)


@pytest.mark.parametrize(
    "extra, boxes",
    [({}, set()), ({"pains": ["Hidden delivery costs"]}, {"Pains"}),
     ({"pains": ["Hidden delivery costs"], "gains": ["A home she is proud of"]}, {"Pains", "Gains"})],
)
def test_empathy_map_has_four_quadrants_around_the_person_and_pains_and_gains_only_when_present(extra, boxes):
    card = full_empathy_map(**extra)
    figure = plots.empathy_map(card)
    shown = set(texts(figure))
    assert {"Says", "Thinks", "Does", "Feels", "Jessica, 28"} <= shown
    assert {"Pains", "Gains"} & shown == boxes
    for item in card.says + card.thinks + card.does + card.feels + card.pains + card.gains:
        assert shows(figure, item)


def test_empathy_map_prompts_for_an_empty_quadrant():
    shown = texts(plots.empathy_map(EmpathyMap(who="Ola", says=["Just tell me the price"])))
    assert sum(text.startswith("Nothing yet") for text in shown) == 3  # thinks, does and feels are empty


@pytest.mark.parametrize("draw, argument", [(plots.persona_card, "persona"), (plots.empathy_map, "empathy_map")])
def test_people_plots_refuse_other_things_naming_the_argument(draw, argument):
    with pytest.raises(ValidationError) as caught:
        draw({"name": "Jessica"})
    assert caught.value.field == argument
