"""EmpathyMapBuilder: collect what a customer says, thinks, does and feels (notebook 02).

The four quadrants sit in a 2 × 2 grid, as on the classic paper empathy map,
with pains and gains below. Like the persona builder, the form is a draft
until **Apply**, and Undo takes back the last Apply.

>>> builder = EmpathyMapBuilder(live_preview=False)
>>> builder.apply(who="Jessica", says=["I want it to last"], feels="Unsure")
>>> builder.empathy_map.says, builder.empathy_map.empty_quadrants
(('I want it to last',), ('thinks', 'does'))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from journeylab import plots
from journeylab.errors import ValidationError
from journeylab.personas import EmpathyMap
from journeylab.widgets._base import BuilderBase
from journeylab.widgets._common import as_lines, button, lines, lines_field, text_field

__all__ = ["EmpathyMapBuilder"]

_LISTS = {
    "says": ("Says", 'What they say out loud, one quote per line, e.g.\n"I never find my size"'),
    "thinks": ("Thinks", "What they think but may not say, e.g.\nIs this worth the money?"),
    "does": ("Does", "What they do, e.g.\nCompares prices on three sites"),
    "feels": ("Feels", "How they feel, e.g.\nWorried about choosing wrong"),
    "pains": ("Pains", "Fears, frustrations, obstacles (optional)"),
    "gains": ("Gains", "Wants, needs, measures of success (optional)"),
}


class EmpathyMapBuilder(BuilderBase):
    """A form for one :class:`~journeylab.personas.EmpathyMap` with a live picture of it.

    Introduced in notebook 02.

    Parameters
    ----------
    empathy_map:
        The map to edit; an empty one when left out (or the ``autosave`` file, if it exists).
    autosave, folder, live_preview:
        As for :class:`~journeylab.widgets.PersonaBuilder`.

    Attributes
    ----------
    empathy_map:
        The model: the empathy map as it is now.
    fields:
        The form, by the EmpathyMap's field names: ``builder.fields["says"].value = "Too expensive"``.
    message:
        What happened last, in words (an HTML widget).
    """

    kind = "empathy_map"
    noun = "empathy map"
    picture_name = "empathy map"
    labels = {"who": "Who", **{name: label for name, (label, _) in _LISTS.items()}}

    def __init__(self, empathy_map: EmpathyMap | None = None, *, autosave: str | Path | None = None,
                 folder: str | Path | None = None, live_preview: bool = True) -> None:
        if empathy_map is not None and not isinstance(empathy_map, EmpathyMap):
            raise ValidationError("empathy_map", "must be an EmpathyMap", value=type(empathy_map).__name__,
                                  allowed='an EmpathyMap, such as EmpathyMap(who="Jessica"), or nothing')
        super().__init__(empathy_map, autosave=autosave, folder=folder, live_preview=live_preview)
        self.fields: dict[str, widgets.Text | widgets.Textarea] = {
            "who": text_field("Who", "e.g. Jessica, or First-time buyers", "The persona or segment this map is about."),
        }
        for name, (label, placeholder) in _LISTS.items():
            self.fields[name] = lines_field(label, placeholder, "One item per line.", rows=4)
        self.buttons["apply"] = button("Apply", self.apply, "Update the empathy map", "success")
        self.buttons["reset"] = button("Reset form", self.reset_form, "Show the current map in the form again")
        grid = widgets.GridBox([self.fields[name] for name in _LISTS],
                               layout=widgets.Layout(grid_template_columns="470px 470px", grid_gap="4px 8px"))
        self._finish(widgets.VBox([
            widgets.HTML("<h3>Empathy map builder</h3>Write what you learned about the customer, one item per "
                         "line. Empty quadrants show where research is still missing. Press <b>Apply</b> to "
                         "update the map."),
            self.fields["who"],
            grid,
            widgets.HBox([self.buttons["apply"], self.buttons["reset"]]),
            self._status_bar(),
            self.preview,
            self._file_box(),
        ]))

    @property
    def empathy_map(self) -> EmpathyMap:
        """The empathy map being edited."""
        return self._model

    def _new_model(self) -> EmpathyMap:
        return EmpathyMap()

    def _from_data(self, data: Any) -> EmpathyMap:
        return EmpathyMap.from_dict(data)

    def _model_name(self) -> str:
        return self.empathy_map.who or "my"

    def _figure(self):
        return plots.empathy_map(self.empathy_map)

    def _show_model(self) -> None:
        self.fields["who"].value = self.empathy_map.who
        for name in _LISTS:
            self.fields[name].value = as_lines(getattr(self.empathy_map, name))

    def apply(self, **values: Any) -> None:
        """Check the form and make it the empathy map; keywords fill those fields first.

        ``builder.apply(says=["Too expensive"])`` does in code what typing and
        pressing Apply does.
        """
        unknown = sorted(set(values) - set(self.fields))
        if unknown:
            self._say_problem(f"There is no field called {unknown[0]!r}. Fields: {', '.join(self.fields)}.")
            return
        for name, value in values.items():
            self.fields[name].value = as_lines(value) if name in _LISTS else "" if value is None else str(value)

        def replace() -> str:
            self._model = EmpathyMap(who=self.fields["who"].value,
                                     **{name: lines(self.fields[name].value) for name in _LISTS})
            missing = self.empathy_map.empty_quadrants
            note = f" Still empty: {', '.join(missing)}." if missing else ""
            return f"Updated the empathy map.{note}"

        self._change(replace)

    def reset_form(self) -> None:
        """Throw away what was typed since the last Apply."""
        self._sync()
        self._say("The form shows the current empathy map again.")
