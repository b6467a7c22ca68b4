"""EmpathyMapBuilder: collect what a customer says, thinks, does and feels (notebook 02).

Two layouts, one model. The **classic** map has four quadrants (Says,
Thinks, Does, Feels) in a 2 × 2 grid, with pains and gains below. The
**updated canvas** (Dave Gray, 2017) adds a *goal* (who we empathise with and
what they need to do) and what the customer *sees* and *hears*. A toggle
chooses which form you see; the map follows its content: a map with a goal,
sees or hears is a canvas.

So that nothing typed is ever hidden, the form cannot go back to classic
while Goal, Sees or Hears hold text; the message says how to empty them
(and Undo brings them back). Like the persona builder, the form is a draft
until **Apply**, and Undo takes back the last Apply.

>>> builder = EmpathyMapBuilder(live_preview=False)
>>> builder.apply(who="Jessica", says=["I want it to last"], feels="Unsure")
>>> builder.empathy_map.says, builder.empathy_map.empty_quadrants
(('I want it to last',), ('thinks', 'does'))
>>> builder.apply(goal="Furnish her first flat", hears=["Friends rave about Nordlys"])
>>> builder.empathy_map.layout, builder.layout_choice.value
('canvas', 'canvas')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets

from journeylab import plots
from journeylab.errors import ValidationError
from journeylab.personas import EmpathyMap
from journeylab.plots import previews
from journeylab.widgets._base import BuilderBase
from journeylab.widgets._common import as_lines, button, labelled, lines, lines_field, text_field

__all__ = ["EmpathyMapBuilder", "LAYOUTS"]

LAYOUTS = ("classic", "canvas")
_LISTS = {
    "sees": ("Sees", "What they see around them: ads, shops, what friends own, e.g.\nSofas on Instagram"),
    "hears": ("Hears", "What they hear from friends, colleagues, influencers, e.g.\nFast furniture breaks"),
    "says": ("Says", 'What they say out loud, one quote per line, e.g.\n"I never find my size"'),
    "thinks": ("Thinks", "What they think but may not say, e.g.\nIs this worth the money?"),
    "does": ("Does", "What they do, e.g.\nCompares prices on three sites"),
    "feels": ("Feels", "How they feel, e.g.\nWorried about choosing wrong"),
    "pains": ("Pains", "Fears, frustrations, obstacles (optional)"),
    "gains": ("Gains", "Wants, needs, measures of success (optional)"),
}
_CANVAS_ONLY = ("goal", "sees", "hears")
_GRID = {  # the boxes of each layout, two per row
    "classic": ("says", "thinks", "does", "feels", "pains", "gains"),
    "canvas": ("sees", "hears", "says", "does", "thinks", "feels", "pains", "gains"),
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
    layout:
        ``"classic"`` or ``"canvas"`` (the updated canvas, with Goal, Sees and
        Hears); by default the map's own layout.

    Attributes
    ----------
    empathy_map:
        The model: the empathy map as it is now.
    fields:
        The form, by the EmpathyMap's field names: ``builder.fields["says"].value = "Too expensive"``.
    layout_choice:
        The classic / updated canvas toggle (``builder.set_layout("canvas")`` does the same in code).
    message:
        What happened last, in words (an HTML widget).
    """

    kind = "empathy_map"
    noun = "empathy map"
    picture_name = "empathy map"
    labels: ClassVar[dict[str, str]] = {"who": "Who", "goal": "Goal", "layout": "Layout", **{name: label for name, (label, _) in _LISTS.items()}}

    def __init__(self, empathy_map: EmpathyMap | None = None, *, autosave: str | Path | None = None,
                 folder: str | Path | None = None, live_preview: bool = True, layout: str | None = None) -> None:
        if empathy_map is not None and not isinstance(empathy_map, EmpathyMap):
            raise ValidationError("empathy_map", "must be an EmpathyMap", value=type(empathy_map).__name__,
                                  allowed='an EmpathyMap, such as EmpathyMap(who="Jessica"), or nothing')
        if layout is not None and layout not in LAYOUTS:
            raise ValidationError("layout", "is not a layout of the empathy map", value=layout, allowed=LAYOUTS)
        super().__init__(empathy_map, autosave=autosave, folder=folder, live_preview=live_preview)
        self.layout_choice = widgets.ToggleButtons(
            options=[("Classic map", "classic"), ("Updated canvas", "canvas")], value=layout or self._model.layout,
            tooltips=["Says, Thinks, Does, Feels", "Adds Goal, Sees and Hears (Dave Gray's canvas)"],
            style={"button_width": "auto"})
        self.fields: dict[str, widgets.Text | widgets.Textarea] = {
            "who": text_field("Who", "e.g. Jessica, or First-time buyers", "The persona or segment this map is about.",
                              as_you_type=True),
            "goal": text_field("Goal", "What do they need to do? e.g. Furnish her first flat",
                               "Who we empathise with and what they need to get done.", as_you_type=True),
        }  # read by Apply: sent as typed
        for name, (label, placeholder) in _LISTS.items():
            self.fields[name] = lines_field(label, placeholder, "One item per line.", rows=4, as_you_type=True)
        self.buttons["apply"] = button("Apply", self.apply, "Update the empathy map", "success")
        self.buttons["reset"] = button("Reset form", self.reset_form, "Show the current map in the form again")
        self.layout_choice.observe(lambda change: self._syncing or self.set_layout(change["new"]), "value")
        for name in _LISTS:  # two boxes a row that share the notebook's width: Hears and Does are never cut off
            self.fields[name].layout.width = "auto"
        self.grid = widgets.GridBox(layout=widgets.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))",
                                                          grid_gap="4px 8px", max_width="940px"))
        self._finish(widgets.VBox([
            widgets.HTML("<h3>Empathy map builder</h3>Write what you learned about the customer, one item per "
                         "line. Empty boxes show where research is still missing. Press <b>Apply</b> to "
                         "update the map."),
            labelled("Layout", self.layout_choice),
            self.fields["who"],
            self.fields["goal"],
            self.grid,
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

    def _preview_html(self) -> str:
        return previews.empathy_map_html(self.empathy_map)

    def _show_model(self) -> None:
        for name in ("who", "goal"):
            self.fields[name].value = getattr(self.empathy_map, name)
        for name in _LISTS:
            self.fields[name].value = as_lines(getattr(self.empathy_map, name))
        if self.empathy_map.layout == "canvas":  # the form follows the content, so no text is hidden
            self.layout_choice.value = "canvas"
        self._arrange()

    def _arrange(self) -> None:
        """Show the boxes of the chosen layout, in its order."""
        layout = self.layout_choice.value
        self.grid.children = [self.fields[name] for name in _GRID[layout]]
        self.fields["goal"].layout.display = None if layout == "canvas" else "none"

    def set_layout(self, layout: str) -> None:
        """Show the classic form, or the updated canvas's form with Goal, Sees and Hears.

        The layout is a way of looking at the map, not a change to it: Undo and
        autosave are not involved. Going back to classic is refused while Goal,
        Sees or Hears hold text (in the map or typed in the form), because the
        classic form has no place to show them.
        """
        if layout not in LAYOUTS:
            self._say_problem(f"Layout: there is no layout called {layout!r}. Allowed: {', '.join(LAYOUTS)}.")
            return
        if layout == "classic":
            kept = [self.labels[name] for name in _CANVAS_ONLY
                    if getattr(self.empathy_map, name) or self.fields[name].value.strip()]
            if kept:
                with self._quiet():
                    self.layout_choice.value = "canvas"
                self._say_problem(
                    f"{_and(kept)} {'has' if len(kept) == 1 else 'have'} text, so the form stays on the updated "
                    f"canvas: nothing you typed is hidden or lost. For the classic map, empty {_and(kept)} and "
                    "press Apply (Undo brings the text back).")
                return
        with self._quiet():
            self.layout_choice.value = layout
        self._arrange()
        if layout == "classic":
            self._say("Showing the classic map: Says, Thinks, Does and Feels.")
        else:
            self._say("Showing the updated canvas: Goal, Sees and Hears are in the form now. The map becomes "
                      "the canvas once one of them has something in it and you press Apply.")

    def apply(self, **values: Any) -> None:
        """Check the form and make it the empathy map; keywords fill those fields first.

        ``builder.apply(says=["Too expensive"])`` does in code what typing and
        pressing Apply does; ``builder.apply(sees=["Sofas on Instagram"])``
        also switches the form to the updated canvas.
        """
        unknown = sorted(set(values) - set(self.fields))
        if unknown:
            self._say_problem(f"There is no field called {unknown[0]!r}. Fields: {', '.join(self.fields)}.")
            return
        for name, value in values.items():
            self.fields[name].value = as_lines(value) if name in _LISTS else "" if value is None else str(value)

        def replace() -> str:
            self._model = EmpathyMap(who=self.fields["who"].value, goal=self.fields["goal"].value,
                                     **{name: tuple(lines(self.fields[name].value)) for name in _LISTS})
            canvas = self.empathy_map.layout == "canvas" or self.layout_choice.value == "canvas"
            missing = self.empathy_map.empty_areas if canvas else self.empathy_map.empty_quadrants
            note = f" Still empty: {', '.join(missing)}." if missing else ""
            return f"Updated the empathy map.{note}"

        self._change(replace)

    def reset_form(self) -> None:
        """Throw away what was typed since the last Apply."""
        self._sync()
        self._say("The form shows the current empathy map again.")


def _and(names: list[str]) -> str:
    """'Goal', 'Goal and Sees', 'Goal, Sees and Hears'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
