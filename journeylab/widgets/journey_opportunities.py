"""The journey builder's Opportunities tab: ideas to improve a stage, and the priority table.

A journey map is only useful if it leads to action. For the chosen stage the
learner adds, edits and removes opportunities (what to improve, which pain it
solves, how much it is worth to the customer and to the business, how much
work it is, who owns it, where it stands). Under the form, the priority table
ranks every opportunity of the journey by value per effort
(:func:`journeylab.opportunities.prioritise`), and follows every change.

The table is an HTML widget rather than printed output: printing while a
widget is shown would break the course's nbval checks. A component: it is
handed the builder's edit session (a :class:`~journeylab.widgets._common.TabContext`)
and owns its widgets. Private to :mod:`journeylab.widgets`;
:class:`~journeylab.widgets.JourneyBuilder` uses it. Introduced in notebook 07.

>>> from journeylab.journey import Journey
>>> from journeylab.widgets import JourneyBuilder
>>> builder = JourneyBuilder(Journey("Nordlys Home"), live_preview=False)
>>> builder.add_opportunity("Buy", title="Show delivery cost early", customer_value=80, effort=2)
>>> builder.add_opportunity("Buy", title="Live chat", effort=9)  # refused: the message says why
>>> [item.title for item in builder.journey.opportunities("Buy")]
['Show delivery cost early']
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import ipywidgets as widgets

from journeylab.errors import JourneyLabError, ValidationError
from journeylab.journey import Journey
from journeylab.journey_parts import STATUSES, Opportunity
from journeylab.opportunities import ranked_rows
from journeylab.widgets._common import (
    TabContext,
    button,
    choice_field,
    combo_field,
    form_values,
    list_row,
    plain_number,
    slider_field,
    text_field,
    with_readout,
)

__all__ = ["OpportunitiesTab", "OPPORTUNITY_LABELS", "priority_table_html"]

OPPORTUNITY_LABELS = {  # Opportunity field: form label, in the order of the form
    "title": "Title", "pain_point": "Pain point", "customer_value": "Customer value",
    "business_value": "Business value", "effort": "Effort", "owner": "Owner", "status": "Status",
}
EFFORT_CHOICES = [("1 · very little work", 1), ("2 · little", 2), ("3 · some", 3), ("4 · a lot", 4),
                  ("5 · a big project", 5)]
_DEFAULTS = {item.name: "" if item.default is dataclasses.MISSING else item.default  # what Clear form shows
             for item in dataclasses.fields(Opportunity)}
_TABLE_COLUMNS = {"rank": "Rank", "stage": "Stage", "title": "Opportunity", "pain_point": "Pain point",
                  "quadrant": "Corner", "value": "Value", "effort": "Effort", "score": "Score", "status": "Status",
                  "owner": "Owner"}
_TABLE_STYLE = """<style>
.jl-priority {border-collapse: collapse; font-size: 13px; margin-top: 4px}
.jl-priority th {text-align: left; background: var(--jp-layout-color2, #eee); padding: 4px 10px}
.jl-priority td {padding: 3px 10px; border-bottom: 1px solid var(--jp-border-color2, #ddd); vertical-align: top}
</style>"""


def priority_table_html(journey: Any) -> str:
    """The priority table as escaped HTML: every opportunity of the journey, the most worth doing first.

    Score is value (the mean of customer and business value) divided by
    effort, so a cheap fix that helps a lot comes first. The rows are those of
    :func:`journeylab.opportunities.prioritise`, in its order (drawn without
    pandas, so it keeps up with every click).

    >>> from journeylab.journey import Journey
    >>> journey = Journey("Nordlys Home")
    >>> journey.add_opportunity("Buy", Opportunity("Show <b>delivery</b> cost early", effort=2))
    >>> "Show &lt;b&gt;delivery&lt;/b&gt; cost early" in priority_table_html(journey)
    True
    """
    rows = ranked_rows(journey)
    if not rows:
        return ("<i>No opportunities yet. Add the first one above: the table then ranks them all, "
                "the quick wins first.</i>")
    head = "".join(f"<th>{label}</th>" for label in _TABLE_COLUMNS.values())
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row, column, rank)}</td>" for column in _TABLE_COLUMNS) + "</tr>"
        for rank, row in enumerate(rows, start=1))
    return (f"{_TABLE_STYLE}<b>Priorities</b>: every opportunity of the journey, the most worth doing first. "
            "Ranked by corner (quick wins, big bets, fill-ins, thankless tasks), then by score = value ÷ effort; "
            "value is the mean of customer and business value."
            f'<table class="jl-priority"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def _cell(row: dict[str, Any], column: str, rank: int) -> str:
    value = rank if column == "rank" else row[column]
    text = plain_number(value) if isinstance(value, float) else str(value)
    return html.escape(text, quote=False)  # quote=False: "Bob's idea" reads as typed


class OpportunitiesTab:
    """The Opportunities tab of the journey builder: the ideas of the shown stage, their form and the priority table."""

    def __init__(self, context: TabContext) -> None:
        self.context = context
        self.list = widgets.Select(rows=7, layout=widgets.Layout(width="100%"))
        self.fields: dict[str, widgets.Widget] = {  # read by the buttons: the text boxes are sent as typed
            "title": text_field("Title", "e.g. Show the delivery cost on the product page", as_you_type=True),
            "pain_point": combo_field("Pain point", "Which problem does it solve? Pick one or type", as_you_type=True),
            "customer_value": slider_field("Customer value", 0, 100, 50, step=5,
                                           help="How much it helps the customer: 0 not at all, 100 enormously"),
            "business_value": slider_field("Business value", 0, 100, 50, step=5,
                                           help="How much it helps the business: 0 not at all, 100 enormously"),
            "effort": choice_field("Effort", EFFORT_CHOICES, 3, help="How much work it is, from 1 to 5"),
            "owner": text_field("Owner", "Who takes it on?", as_you_type=True),
            "status": choice_field("Status", [(status.capitalize(), status) for status in STATUSES], "idea"),
        }
        self.priority_table = widgets.HTML(layout=widgets.Layout(margin="10px 0 0 0"))
        self._syncing = False  # True while the tab itself writes into its list
        self._table_shows: tuple | None = None  # the opportunities, stage by stage, the priority table was drawn from
        self.list.observe(lambda change: self._syncing or self.select_opportunity(change["new"]), "value")
        self.buttons = {
            "add_opportunity": button("Add opportunity", self.add_opportunity, "Add the form as a new idea", "success"),
            "update_opportunity": button("Save changes", self.update_opportunity,
                                         "Put the form in place of the chosen opportunity"),
            "clear_opportunity": button("Clear form", self.clear_opportunity_form, "Empty the opportunity form"),
            "remove_opportunity": button("Remove", self.remove_opportunity, "Remove the chosen opportunity", "danger"),
        }
        add = self.buttons
        self.widget = widgets.VBox([
            widgets.HBox([
                widgets.VBox([widgets.HTML("<b>Opportunities of this stage.</b> Click one to edit it."),
                              self.list, widgets.HBox([add["remove_opportunity"]])],
                             layout=widgets.Layout(flex="1 1 300px", min_width="260px", margin="0 12px 0 0")),
                widgets.VBox([widgets.HTML("<b>An opportunity</b>: one idea to make this stage better."),
                              *[with_readout(widget) if isinstance(widget, widgets.IntSlider) else widget
                                for widget in self.fields.values()],
                              widgets.HBox([add["add_opportunity"], add["update_opportunity"],
                                            add["clear_opportunity"]])]),
            ]),
            self.priority_table,
        ])

    @property
    def journey(self) -> Journey:
        return self.context.session.model

    def show(self, stage: str) -> None:
        """Show a stage's opportunities, its pain points to pick from and the table of all of them."""
        items = self.journey.opportunities(stage)
        selected = self.list.value
        self._syncing = True
        try:
            self.list.options = [(self._label(i, item), i) for i, item in enumerate(items)]
            self.list.value = selected if selected is not None and selected < len(items) else None
        finally:
            self._syncing = False
        pains = dict.fromkeys(tp.pain_point for tp in self.journey.touchpoints(stage) if tp.pain_point)
        self.fields["pain_point"].options = list(pains)
        ideas = tuple((name, self.journey.opportunities(name)) for name in self.journey.stage_names)
        if ideas != self._table_shows:  # the table shows only opportunities: most changes leave it as it is
            self._table_shows = ideas
            self.priority_table.value = priority_table_html(self.journey)

    @staticmethod
    def _label(index: int, item: Opportunity) -> str:
        return list_row(index + 1, item.title, item.status)  # the numbers are in the table below

    def select_row(self, index: int | None) -> None:
        """Mark a row of the list as chosen (None: none), without filling the form."""
        self._syncing = True
        try:
            self.list.value = index
        finally:
            self._syncing = False

    def _chosen(self, index: int | None) -> int:
        index = self.list.value if index is None else index
        if index is None:
            raise ValidationError("", "Choose an opportunity first: click it in the list")
        return index

    def _at(self, stage: str, index: Any) -> Opportunity:
        items = self.journey.opportunities(stage)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
            raise ValidationError(f"stages.{stage}.opportunities", "has no opportunity at that place", value=index,
                                  allowed=f"0 to {len(items) - 1} (0 is the first)" if items else "none yet: add one")
        return items[index]

    # -- methods: the same for a click and for code -------------------------------------------

    def select_opportunity(self, index: int | None) -> None:
        """Choose an opportunity of the shown stage (0 is the first) to edit or remove; it fills the form."""
        if index is None:
            self.select_row(None)
            return
        try:
            item = self._at(self.context.stage_name(None), index)
        except JourneyLabError as error:
            self.context.say_problem(self.context.describe(error))
            return
        self.select_row(index)
        for name, widget in self.fields.items():
            widget.value = getattr(item, name)

    def clear_opportunity_form(self) -> None:
        """Empty the opportunity form for the next idea."""
        self.select_row(None)
        for name, value in _DEFAULTS.items():
            self.fields[name].value = value

    def add_opportunity(self, stage: str | None = None, **fields: Any) -> None:
        """Add the form (or the opportunity given as keywords) to a stage.

        ``builder.add_opportunity("Buy", title="Show delivery cost early", effort=2)``
        adds exactly that (the other fields take their defaults) and leaves the form alone.
        """
        def action() -> str:
            where = self.context.stage_name(stage)
            item = Opportunity(**form_values(self.fields, fields))
            self.journey.add_opportunity(where, item)
            if not fields:
                self.clear_opportunity_form()
            return f"Added the opportunity '{item.title}' to {where}."

        self.context.change(action)

    def update_opportunity(self, index: int | None = None, stage: str | None = None, **fields: Any) -> None:
        """Put the form in place of the chosen opportunity (or change just the fields given as keywords)."""
        def action() -> str:
            where, number = self.context.stage_name(stage), self._chosen(index)
            old = self._at(where, number)
            values = {name: getattr(old, name) for name in OPPORTUNITY_LABELS} | fields if fields else {}
            item = Opportunity(**form_values(self.fields, values))
            self.journey.replace_opportunity(where, number, item)
            return f"Saved the changes to the opportunity '{item.title}' in {where}."

        self.context.change(action)

    def remove_opportunity(self, index: int | None = None, stage: str | None = None) -> None:
        """Remove the chosen opportunity (Undo brings it back)."""
        def action() -> str:
            where, number = self.context.stage_name(stage), self._chosen(index)
            self._at(where, number)
            removed = self.journey.remove_opportunity(where, number)
            self.select_row(None)
            return f"Removed the opportunity '{removed.title}' from {where}. Undo brings it back."

        self.context.change(action)
