"""PersonaBuilder: fill in a persona in a form and see its card (notebook 03).

The form is a draft; pressing **Apply** checks it and, only if the persona is
valid, replaces ``builder.persona`` and redraws the card. A wrong age or an
empty name shows a message under the form and keeps the persona as it was, so
a typo never destroys what was there.

>>> builder = PersonaBuilder(live_preview=False)
>>> builder.apply(name="Jessica", age="28", goals=["Furnish her first flat", "Buy second hand"])
>>> builder.persona.goals
('Furnish her first flat', 'Buy second hand')
>>> builder.apply(name="")
>>> builder.persona.name
'Jessica'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets

from journeylab import plots
from journeylab.errors import ValidationError
from journeylab.personas import Persona
from journeylab.plots import previews
from journeylab.widgets._base import BuilderBase
from journeylab.widgets._common import as_lines, as_number, button, lines, lines_field, text_field

__all__ = ["PersonaBuilder"]

_LIST_FIELDS = ("goals", "challenges", "channels")


class PersonaBuilder(BuilderBase):
    """A form for one :class:`~journeylab.personas.Persona` with a live persona card.

    Introduced in notebook 03.

    Parameters
    ----------
    persona:
        The persona to edit; a new one ("New persona") when left out. With
        ``autosave`` pointing at an existing file and no persona, that file is opened.
    autosave:
        A JSON file that every accepted change is written to at once.
    folder:
        Where Save, Load and the exports write (default: next to the notebook).
    live_preview:
        Redraw the card after every change (switch off to work faster).

    Attributes
    ----------
    persona:
        The model: the persona as it is now (a new object after every change,
        because personas are fixed values).
    fields:
        The form, by the Persona's field names: ``builder.fields["role"].value = "Teacher"``.
    message:
        What happened last, in words (an HTML widget).
    """

    kind = "persona"
    noun = "persona"
    picture_name = "persona card"
    labels: ClassVar[dict[str, str]] = {"name": "Name", "age": "Age", "role": "Job or role", "segment": "Segment",
              "quote": "In their words", "goals": "Goals", "challenges": "Challenges", "channels": "Channels"}

    def __init__(self, persona: Persona | None = None, *, autosave: str | Path | None = None,
                 folder: str | Path | None = None, live_preview: bool = True) -> None:
        if persona is not None and not isinstance(persona, Persona):
            raise ValidationError("persona", "must be a Persona", value=type(persona).__name__,
                                  allowed='a Persona, such as Persona("Jessica", age=28), or nothing')
        super().__init__(persona, autosave=autosave, folder=folder, live_preview=live_preview)
        self.fields: dict[str, widgets.Textarea | widgets.Text] = {  # read by Apply: sent as typed
            "name": text_field("Name", "e.g. Jessica", "A first name makes the persona feel like a real person.", as_you_type=True),
            "age": text_field("Age", "e.g. 28 (leave empty if unknown)", "A whole number from 0 to 120.", as_you_type=True),
            "role": text_field("Job or role", "e.g. Marketing assistant", as_you_type=True),
            "segment": text_field("Segment", "e.g. Young urban renters", "The customer segment this persona stands for.", as_you_type=True),
            "quote": text_field("In their words", "e.g. I want furniture that lasts.", "A sentence they might say.", as_you_type=True),
            "goals": lines_field("Goals", "One goal per line, e.g.\nFurnish her first flat", as_you_type=True),
            "challenges": lines_field("Challenges", "One challenge per line, e.g.\nA small budget", as_you_type=True),
            "channels": lines_field("Channels", "One channel per line, e.g.\nInstagram\nE-mail", as_you_type=True),
        }
        self.buttons["apply"] = button("Apply", self.apply, "Check the form and update the persona card", "success")
        self.buttons["reset"] = button("Reset form", self.reset_form, "Show the current persona in the form again")
        self._finish(widgets.VBox([
            widgets.HTML("<h3>Persona builder</h3>Describe one typical customer. Lists take one item per line. "
                         "Press <b>Apply</b> to update the card; nothing changes until you do."),
            *self.fields.values(),
            widgets.HBox([self.buttons["apply"], self.buttons["reset"]]),
            self._status_bar(),
            self.preview,
            self._file_box(),
        ]))

    # -- the model ---------------------------------------------------------------------

    @property
    def persona(self) -> Persona:
        """The persona being edited."""
        return self._model

    def _new_model(self) -> Persona:
        return Persona("New persona")

    def _from_data(self, data: Any) -> Persona:
        return Persona.from_dict(data)

    def _figure(self):
        return plots.persona_card(self.persona)

    def _preview_html(self) -> str:
        return previews.persona_card_html(self.persona)

    def _show_model(self) -> None:
        for name, widget in self.fields.items():
            value = getattr(self.persona, name)
            widget.value = "" if value is None else as_lines(value) if name in _LIST_FIELDS else str(value)

    # -- what the buttons do -------------------------------------------------------------

    def apply(self, **values: Any) -> None:
        """Check the form and make it the persona; keywords fill those fields first.

        ``builder.apply(name="Jessica", channels=["Instagram"])`` does in code what
        typing into the form and pressing Apply does. An invalid form changes
        nothing and says why under the form.
        """
        unknown = sorted(set(values) - set(self.fields))
        if unknown:
            self._say_problem(f"There is no field called {unknown[0]!r}. Fields: {', '.join(self.fields)}.")
            return
        for name, value in values.items():
            self.fields[name].value = as_lines(value) if name in _LIST_FIELDS else "" if value is None else str(value)

        def replace() -> str:
            self._model = self._read_form()
            return f"Updated the persona {self.persona.name}."

        self._change(replace)

    def reset_form(self) -> None:
        """Throw away what was typed since the last Apply."""
        self._sync()
        self._say("The form shows the current persona again.")

    def _read_form(self) -> Persona:
        form = {name: widget.value for name, widget in self.fields.items()}
        age = form.pop("age").strip()
        lists: dict[str, Any] = {name: lines(form.pop(name)) for name in _LIST_FIELDS}  # Persona turns each list into a tuple
        return Persona(age=as_number(age) if age else None, **lists, **form)
