"""The journey builder's Notes tab: what the customer thinks and feels at a stage, and the backstage.

A practitioner's journey map has more lanes than touchpoints: what goes
through the customer's head (*thinking*), how they feel (*feeling*), and the
processes and systems behind the stage that the customer never sees
(*backstage*). This tab edits them for the chosen stage.

There is no button: each box is saved as soon as you click outside it (or
press Enter in a one-line box), so a note is never lost by going on to the
next stage without pressing something first.
A component: it is handed the builder's edit session (a
:class:`~journeylab.widgets._common.TabContext`) and owns its widgets. Private to
:mod:`journeylab.widgets`; :class:`~journeylab.widgets.JourneyBuilder` uses it.
Introduced in notebook 07.

>>> from journeylab.journey import Journey
>>> from journeylab.widgets import JourneyBuilder
>>> builder = JourneyBuilder(Journey("Nordlys Home"), live_preview=False)
>>> builder.set_notes("Buy", feeling="Nervous", backstage=["Payment provider"])
>>> builder.journey.notes("Buy")
StageNotes(thinking='', feeling='Nervous', backstage=('Payment provider',))
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from journeylab.errors import ValidationError
from journeylab.journey import Journey
from journeylab.journey_parts import NOTE_FIELDS, StageNotes
from journeylab.widgets._common import TabContext, lines, lines_field, text_field

__all__ = ["NotesTab", "NOTES_FORM"]

NOTES_FORM = {  # field: (label, placeholder), in the order of the form
    "thinking": ("Thinking", "What goes through their head, e.g. Is this sofa worth the money?"),
    "feeling": ("Feeling", "How they feel in their own words, e.g. Excited but a bit nervous"),
    "backstage": ("Backstage", "What your team and systems do out of sight, one per line, e.g.\n"
                               "Stock check in the warehouse system\nSupport rota covers chat"),
}


class NotesTab:
    """The Notes tab of the journey builder: thinking, feeling and backstage of the shown stage."""

    def __init__(self, context: TabContext) -> None:
        self.context = context
        self.fields: dict[str, widgets.Text | widgets.Textarea] = {
            name: text_field(label, placeholder) for name, (label, placeholder) in NOTES_FORM.items() if name != "backstage"}
        self.fields["backstage"] = lines_field(*NOTES_FORM["backstage"], help="One item per line.", rows=4)
        self._syncing = False  # True while the tab itself writes into its boxes
        for widget in self.fields.values():
            widget.observe(lambda change: self._syncing or self.set_notes(), "value")
        self._shown: tuple[str, StageNotes] | None = None
        self.widget = widgets.VBox([
            widgets.HTML("<b>Inside the customer's head at this stage</b>, and what your team does behind the "
                         "scenes. Each box is saved as soon as you click outside it."),
            *self.fields.values(),
        ])

    @property
    def journey(self) -> Journey:
        return self.context.session.model

    def show(self, stage: str) -> None:
        """Show a stage's notes, unless the boxes already show them (one may hold text not yet sent)."""
        notes = self.journey.notes(stage)
        if self._shown == (stage, notes):
            return
        self._shown = (stage, notes)
        self._syncing = True
        try:
            self.fields["thinking"].value = notes.thinking
            self.fields["feeling"].value = notes.feeling
            self.fields["backstage"].value = "\n".join(notes.backstage)
        finally:
            self._syncing = False

    def set_notes(self, stage: str | None = None, **fields: Any) -> None:
        """Set what the customer is thinking and feeling at a stage, and its backstage.

        Without keywords the Notes form is used (typing into a box does this).
        With keywords only those change:
        ``builder.set_notes("Buy", feeling="Nervous", backstage=["Payment provider"])``
        keeps the stage's *thinking* as it was. ``backstage`` is a list, or a
        text with one item per line.
        """
        def action() -> str:
            unknown = sorted(set(fields) - set(NOTE_FIELDS))
            if unknown:
                raise ValidationError("fields", f"there is no field called {unknown[0]!r}", allowed=NOTE_FIELDS)
            where = self.context.stage_name(stage)
            if fields:
                old = self.journey.notes(where)
                values = {name: getattr(old, name) for name in NOTE_FIELDS} | fields
            else:
                values = {name: widget.value for name, widget in self.fields.items()}
            if isinstance(values["backstage"], str):
                values["backstage"] = lines(values["backstage"])
            self.journey.set_notes(where, StageNotes(**values))
            return f"Saved the notes of {where}."

        self.context.change(action)
