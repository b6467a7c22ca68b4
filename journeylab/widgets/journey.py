"""JourneyBuilder: plan a customer journey stage by stage, with a live journey map (notebook 07).

The capstone widget. Choose a framework, then for each stage add, edit,
reorder and remove touchpoints, note what the customer thinks and feels and
what happens backstage, set the stage goal and collect opportunities to
improve it, ranked in a live priority table; the journey map below redraws
after every change. Every change goes through the model's own checks:
a duplicate touchpoint or a target that is not a number shows a message and
changes nothing. Undo takes back changes one by one, and with ``autosave``
every accepted change is on disk at once.

Everything a click does is also a method, so a notebook (or a papermill run,
which only sees code) can rebuild a journey without clicking:

>>> builder = JourneyBuilder(Journey("Nordlys Home"), live_preview=False)
>>> builder.add_touchpoint("Trust", channel="Reviews page", customer_action="Reads reviews", emotion=1)
>>> builder.set_goal("Buy", goal="Turn visitors into buyers", kpi="Conversion rate", target="3.5")
>>> builder.journey.goal("Buy").target
3.5
>>> builder.set_goal("Buy", goal="More buyers", kpi="Conversion rate", target="lots")
>>> builder.journey.goal("Buy").goal
'Turn visitors into buyers'
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from journeylab import plots
from journeylab.errors import JourneyLabError, UnknownNameError, ValidationError
from journeylab.exports import MAP_PAPER, JourneyFiles, journey_files
from journeylab.framework_switch import SwitchMemory, plan_switch
from journeylab.frameworks import FRAMEWORKS, convert
from journeylab.journey import EMOTION_RANGE, Journey, StageGoal, Touchpoint
from journeylab.kpis import get_kpi
from journeylab.page import export_page
from journeylab.personas import Persona
from journeylab.plots import previews
from journeylab.plots.maps import JOURNEY_MAP_LANES
from journeylab.storage import atomic_write
from journeylab.widgets._base import BuilderBase
from journeylab.widgets._common import (
    LABEL_WIDTH,
    TabContext,
    as_number,
    button,
    combo_field,
    form_values,
    labelled,
    list_row,
    plain_number,
    text_field,
)
from journeylab.widgets.journey_notes import NOTES_FORM, NotesTab
from journeylab.widgets.journey_opportunities import OPPORTUNITY_LABELS, OpportunitiesTab
from journeylab.widgets.persona import PersonaBuilder

__all__ = ["JourneyBuilder"]

FEELINGS = {-2: "−2 very frustrated", -1: "−1 annoyed", 0: "0 neutral", 1: "+1 pleased", 2: "+2 delighted"}
_TOUCHPOINT_FORM = {  # field: (label, placeholder), in the order of the form
    "channel": ("Channel", "Where? Pick one or type, e.g. Instagram"),
    "customer_action": ("Customer does", "e.g. Reads reviews of the sofa"),
    "business_action": ("We do", "e.g. Ask happy buyers for a review"),
    "customer_question": ("Customer asks", "e.g. Will it fit my living room?"),
    "emotion": ("Feeling", ""),
    "pain_point": ("Pain point", "What could annoy or stop them here?"),
    "owner": ("Owner", "Who in your team looks after it?"),
}
_GOAL_FORM = {
    "goal": ("Goal", "e.g. Turn more visitors into buyers"),
    "kpi": ("KPI", "Pick a suggested KPI or type your own"),
    "target": ("Target", "A number, e.g. 3.5"),
    "unit": ("Unit", "e.g. %, orders, visitors"),
    "better": ("Better when", ""),
}
_EMPTY_GOAL = {"goal": "", "kpi": "", "target": "", "unit": "%", "better": "higher"}


def _preview_groups() -> tuple[tuple[int, int], ...]:
    """Where :func:`previews.journey_map_parts` is cut for the builder's preview widgets (see ``_preview_parts``)."""
    titles = [lane.title for lane in JOURNEY_MAP_LANES]
    before_lanes = 3  # the style, the title and the stage headings come first
    touchpoints = before_lanes + titles.index("Touchpoints: where, and what the customer does")
    notes = before_lanes + titles.index("Thinking")  # the lanes after the feeling curve
    return (0, 1), (1, touchpoints), (touchpoints, notes), (notes, before_lanes + len(titles))


_PREVIEW_GROUPS = _preview_groups()
"""The journey preview's widgets as ranges of map parts: style; head and goals; touchpoint lanes; the rest."""


class JourneyBuilder(BuilderBase):
    """Build a :class:`~journeylab.journey.Journey` in a form, with a live journey map.

    Introduced in notebook 07.

    Parameters
    ----------
    journey:
        The journey to edit; a new one ("My business", hourglass) when left out,
        or the ``autosave`` file if it exists (so re-running the cell after a
        restart picks up where you were).
    autosave:
        A JSON file every accepted change is written to at once.
    folder:
        Where Save and Load write (default: next to the notebook). The exports go into a folder
        of the journey's own inside it, ``<folder>/<journey name>/map.png``, named as notebook 07
        names them (:func:`journeylab.exports.journey_files`).
    live_preview:
        Redraw the journey map after every change (switch off to work faster).

    Attributes
    ----------
    journey:
        The model being edited. Undo, Load and a framework change replace it
        with a new Journey object, so read ``builder.journey`` again after those.
    name, framework, stage:
        The business name box, the framework dropdown and the stage buttons.
    touchpoint_list, touchpoint_fields, goal_fields:
        The touchpoints of the chosen stage, the touchpoint form and the goal
        form, by the model's field names (``builder.goal_fields["target"].value = "3.5"``).
    notes_fields:
        Thinking, feeling and backstage of the chosen stage (saved as you leave each box).
    opportunity_list, opportunity_fields, priority_table:
        The opportunities of the chosen stage, their form and the ranked table of all of them (HTML).
    message, preview, buttons:
        What happened last, the journey map (``preview.value`` is its HTML; each lane is a widget of its
        own, so a click sends only the lanes it changed) and every button by name.
    """

    kind = noun = "journey"
    picture_name = "journey map"
    labels = {name: label for name, (label, _) in (_TOUCHPOINT_FORM | _GOAL_FORM | NOTES_FORM).items()} | {
        **OPPORTUNITY_LABELS, "name": "Business name", "framework": "Framework", "stage": "Stage",
        "format": "Format", "fields": "Fields"}

    def __init__(self, journey: Journey | None = None, *, autosave: str | Path | None = None,
                 folder: str | Path | None = None, live_preview: bool = True) -> None:
        if journey is not None and not isinstance(journey, Journey):
            raise ValidationError("journey", "must be a Journey", value=type(journey).__name__,
                                  allowed='a Journey, such as Journey("Nordlys Home"), or nothing')
        super().__init__(journey, autosave=autosave, folder=folder, live_preview=live_preview,
                         read=Journey.load, write=Journey.save)
        style, wide = {"description_width": LABEL_WIDTH}, widgets.Layout(width="460px")
        self.name = text_field("Business name", "e.g. Nordlys Home", "The business or product this journey is for.")
        self.framework = widgets.Dropdown(description="Framework", style=style, layout=wide, options=[
            (f"{fw.title[0].upper()}{fw.title[1:]} ({len(fw.stages)} stages)", key) for key, fw in FRAMEWORKS.items()])
        self.stage = widgets.ToggleButtons(style={"button_width": "auto"})  # labelled in _layout, in line
        self.stage_help = widgets.HTML()
        self.touchpoint_list = widgets.Select(rows=8, layout=widgets.Layout(width="100%"))
        self.touchpoint_fields: dict[str, widgets.Widget] = {  # read by the buttons: sent as typed
            name: text_field(label, placeholder, as_you_type=True) for name, (label, placeholder) in _TOUCHPOINT_FORM.items()}
        self.touchpoint_fields["channel"] = combo_field(*_TOUCHPOINT_FORM["channel"], as_you_type=True)
        self.touchpoint_fields["emotion"] = widgets.IntSlider(0, *EMOTION_RANGE, description="Feeling", style=style,
                                                              readout=False, layout=widgets.Layout(width="330px"))
        self.feeling = widgets.Label(FEELINGS[0])
        self.goal_fields: dict[str, widgets.Widget] = {  # read by Set goal: sent as typed
            name: text_field(label, placeholder, as_you_type=True) for name, (label, placeholder) in _GOAL_FORM.items()}
        self.goal_fields["kpi"] = combo_field(*_GOAL_FORM["kpi"])  # on leaving the box: it fills unit and direction
        self.goal_fields["better"] = widgets.ToggleButtons(options=[("Higher is better", "higher"),
                                                                    ("Lower is better", "lower")])
        self.name.observe(lambda change: self._syncing or self.set_name(change["new"]), "value")
        self.framework.observe(lambda change: self._syncing or self.propose_framework(change["new"]), "value")
        self._switches = SwitchMemory()  # the journey before each switch, so switching back restores it
        self._persona_source: PersonaBuilder | None = None  # the persona builder this journey follows
        self.framework_plan = widgets.HTML()
        self.framework_box = widgets.VBox([self.framework_plan, widgets.HBox([
            button("Switch", self.confirm_framework, "Switch to the framework chosen above", "primary"),
            button("Keep the stages I have", self.keep_framework, "Stay with the framework the journey has"),
        ])], layout=widgets.Layout(display="none", border="1px solid #E69F00", padding="4px 8px", margin="4px 0"))
        self.buttons["confirm_framework"], self.buttons["keep_framework"] = self.framework_box.children[1].children
        self.stage.observe(lambda change: self._syncing or self._stage_chosen(), "value")
        self.touchpoint_list.observe(lambda change: self._syncing or self.select_touchpoint(change["new"]), "value")
        self.touchpoint_fields["emotion"].observe(lambda change: setattr(self.feeling, "value", FEELINGS[change["new"]]),
                                                  "value")
        self.goal_fields["kpi"].observe(lambda change: self._syncing or self._kpi_chosen(change["new"]), "value")
        self._goal_shown: tuple[str, StageGoal | None] | None = None
        self._stage_after_switch: str | None = None  # where a framework switch lands: shown after the preview
        context = TabContext(self.session, self._change, self._stage_name, self._say_problem, self._describe)
        self.notes, self.opportunities = NotesTab(context), OpportunitiesTab(context)
        self.buttons.update(self.opportunities.buttons)
        self._finish(self._layout())

    def _layout(self) -> widgets.Widget:
        add = self.buttons
        add["add"] = button("Add touchpoint", self.add_touchpoint, "Add the form as a new touchpoint", "success")
        add["update"] = button("Save changes", self.update_touchpoint, "Put the form in place of the chosen touchpoint")
        add["clear"] = button("Clear form", self.clear_form, "Empty the touchpoint form")
        add["up"] = button("▲ Up", self.move_up, "Move the chosen touchpoint earlier")
        add["down"] = button("▼ Down", self.move_down, "Move the chosen touchpoint later")
        add["remove"] = button("Remove", self.remove_touchpoint, "Remove the chosen touchpoint", "danger")
        add["set_goal"] = button("Set goal", self.set_goal, "Make the form this stage's goal", "success")
        add["remove_goal"] = button("Remove goal", self.remove_goal, "This stage has no goal any more", "danger")
        fields = self.touchpoint_fields
        touchpoints = widgets.HBox([
            widgets.VBox([widgets.HTML("<b>Touchpoints of this stage</b>, in order. Click one to edit it."),
                          self.touchpoint_list, widgets.HBox([add["up"], add["down"], add["remove"]])],
                         layout=widgets.Layout(flex="1 1 300px", min_width="260px", margin="0 12px 0 0")),
            widgets.VBox([widgets.HTML("<b>A touchpoint</b>: a moment where the customer meets you."),
                          *[fields[name] for name in list(_TOUCHPOINT_FORM)[:4]],
                          widgets.HBox([fields["emotion"], self.feeling]), fields["pain_point"], fields["owner"],
                          widgets.HBox([add["add"], add["update"], add["clear"]])]),
        ])
        goal = widgets.VBox([widgets.HTML("<b>What success means at this stage</b>, and the number that shows it."),
                             *[self.goal_fields[name] for name in ("goal", "kpi", "target", "unit")],
                             labelled("Better when", self.goal_fields["better"]),
                             widgets.HBox([add["set_goal"], add["remove_goal"]])])
        self.tabs = widgets.Tab([touchpoints, self.notes.widget, goal, self.opportunities.widget, self._file_box()],
                                titles=("Touchpoints", "Notes", "Stage goal", "Opportunities", "Save and export"))
        intro = ("<h3>Journey builder</h3>Pick the stages, then go through them one by one: add the touchpoints "
                 "where customers meet you, note what they think and feel, set a goal for each stage and collect "
                 "ideas to improve it. The map below updates as you go; <b>Undo</b> takes back a change.")
        return widgets.VBox([widgets.HTML(intro), self.name, self.framework, self.framework_box,
                             labelled("Stage", self.stage),
                             self.stage_help,
                             self.tabs, self._status_bar(), self.preview])

    # -- the model -------------------------------------------------------------------------

    @property
    def journey(self) -> Journey:
        """The journey being edited."""
        return self._model

    def _new_model(self) -> Journey:
        return Journey("My business")

    def _from_data(self, data: Any) -> Journey:
        return Journey.from_dict(data)

    def _figure(self):
        return plots.journey_map(self.journey)

    def _preview_html(self) -> str:
        return previews.journey_map_html(self.journey)

    def _preview_parts(self) -> tuple[str, ...]:
        """The map in four widgets: the style; title, stage headings and goals; the touchpoint lanes; the rest.

        Each widget a click changes is one message, and the browser lays the page out again for
        each, so the lanes go in a few groups rather than one widget each (issue 19): a goal or a
        new name sends the small head, a touchpoint the head (it counts them) and the touchpoint
        lanes, a switch of framework three messages instead of eleven.
        """
        parts = previews.journey_map_parts(self.journey)
        return tuple("".join(parts[start:end]) for start, end in _PREVIEW_GROUPS)

    def _stage_name(self, stage: str | None) -> str:
        """The stage a method works on: the one given (then also shown), else the chosen one."""
        if stage is None:
            return self.stage.value
        name = self.journey.framework.stage(stage).name
        if name != self.stage.value:
            self.stage.value = name
        return name

    def _show_model(self) -> None:
        journey, names = self.journey, self.journey.stage_names
        self.name.value, self.framework.value = journey.name, journey.framework.key
        self.framework_box.layout.display = "none"  # a proposed switch is over once the journey changes
        stage = self._stage_after_switch or self.stage.value  # after a switch: the stage that matches the old one
        self._stage_after_switch = None
        if stage not in names:
            stage = names[0]
        with self.stage.hold_sync():  # new stages and the chosen one: one message
            if tuple(self.stage.options) != names:
                self.stage.options = names
            self.stage.value = stage
        info, items, goal = journey.framework.stage(stage), journey.touchpoints(stage), journey.goal(stage)
        count = f"{len(items)} touchpoint{'s' * (len(items) != 1)}, {'a goal' if goal else 'no goal yet'}"
        self.stage_help.value = (f"<b>{stage}</b> ({count}). The customer asks: <i>“{html.escape(info.question)}”</i>"
                                 f"<br>Your job: {html.escape(info.marketer_job)}")
        self.touchpoint_fields["channel"].options = info.touchpoints
        self.goal_fields["kpi"].options = info.kpis
        selected = self.touchpoint_list.value
        self.touchpoint_list.options = [(self._list_label(i, tp), i) for i, tp in enumerate(items)]
        self.touchpoint_list.value = selected if selected is not None and selected < len(items) else None
        if self._goal_shown != (stage, goal):  # refill only when stage or goal changed: keep a draft otherwise
            self._goal_shown = (stage, goal)
            values = _EMPTY_GOAL
            if goal is not None:
                values = {name: getattr(goal, name) for name in _GOAL_FORM} | {"target": plain_number(goal.target)}
            for name, value in values.items():
                self.goal_fields[name].value = value
        self.notes.show(stage)
        self.opportunities.show(stage)

    @staticmethod
    def _list_label(index: int, touchpoint: Touchpoint) -> str:
        action = f" – {touchpoint.customer_action}" if touchpoint.customer_action else ""
        return list_row(index + 1, touchpoint.channel + action, f"{touchpoint.emotion:+d}".replace("+0", "0"))

    def _select(self, index: int | None) -> None:
        with self._quiet():
            self.touchpoint_list.value = index

    def _stage_chosen(self) -> None:
        self._select(None)
        self.opportunities.select_row(None)
        self._sync()

    def _kpi_chosen(self, kpi: str) -> None:
        """Fill unit and direction from the KPI, so a churn target does not end up 'higher is better'."""
        for name, value in self._kpi_defaults(kpi).items():
            self.goal_fields[name].value = value

    def _kpi_defaults(self, kpi: str) -> dict[str, str]:
        try:
            known = get_kpi(kpi)
        except UnknownNameError:
            suggested = kpi in self.journey.framework.stage(self.stage.value).kpis
            if not suggested:
                return {}
            # a count such as Reach: no unit, unless the learner typed one (only the form's "%" goes)
            untouched = self.goal_fields["unit"].value.strip() in ("", _EMPTY_GOAL["unit"])
            return {"unit": "", "better": "higher"} if untouched else {"better": "higher"}
        return {"unit": known.unit.split(" (")[0], "better": known.better}

    # -- methods: the same for a click and for code -------------------------------------------

    def select_stage(self, stage: str) -> None:
        """Show one stage in the forms (``"trust"`` works too)."""
        self._change(lambda: f"Showing {self._stage_name(stage)}.")

    def select_touchpoint(self, index: int | None) -> None:
        """Choose a touchpoint of the shown stage (0 is the first) to edit, move or remove; it fills the form."""
        if index is None:
            self._select(None)
            return
        try:
            touchpoint = self._at(self.stage.value, index)
        except JourneyLabError as error:
            self._say_problem(self._describe(error))
            return
        self._select(index)
        for name in _TOUCHPOINT_FORM:
            self.touchpoint_fields[name].value = getattr(touchpoint, name)

    def clear_form(self) -> None:
        """Empty the touchpoint form for the next touchpoint."""
        self._select(None)
        for name in _TOUCHPOINT_FORM:
            self.touchpoint_fields[name].value = 0 if name == "emotion" else ""

    def add_touchpoint(self, stage: str | None = None, **fields: Any) -> None:
        """Add the form (or the touchpoint given as keywords) to a stage, at the end.

        ``builder.add_touchpoint("Trust", channel="Reviews page", emotion=1)`` adds
        exactly those values and leaves the form alone.
        """
        def action() -> str:
            where, values = self._stage_name(stage), form_values(self.touchpoint_fields, fields)
            touchpoint = Touchpoint(**values)
            self.journey.add_touchpoint(where, touchpoint)
            if not fields:
                self.clear_form()
            return f"Added {touchpoint.channel} to {where}."

        self._change(action)

    def _chosen(self, index: int | None) -> int:
        index = self.touchpoint_list.value if index is None else index
        if index is None:
            raise ValidationError("", "Choose a touchpoint first: click it in the list")
        return index

    def _at(self, stage: str, index: Any) -> Touchpoint:
        items = self.journey.touchpoints(stage)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
            raise ValidationError(f"stages.{stage}.touchpoints", "has no touchpoint at that place", value=index,
                                  allowed=f"0 to {len(items) - 1} (0 is the first)" if items else "none yet: add one")
        return items[index]

    def update_touchpoint(self, index: int | None = None, stage: str | None = None, **fields: Any) -> None:
        """Put the form in place of the chosen touchpoint (or change just the fields given as keywords)."""
        def action() -> str:
            where, number = self._stage_name(stage), self._chosen(index)
            old = self._at(where, number)
            values = {name: getattr(old, name) for name in _TOUCHPOINT_FORM} | fields if fields else {}
            self.journey.replace_touchpoint(where, number, Touchpoint(**form_values(self.touchpoint_fields, values)))
            return f"Saved the changes to touchpoint {number + 1} of {where}."

        self._change(action)

    def remove_touchpoint(self, index: int | None = None, stage: str | None = None) -> None:
        """Remove the chosen touchpoint (Undo brings it back)."""
        def action() -> str:
            where, number = self._stage_name(stage), self._chosen(index)
            self._at(where, number)
            removed = self.journey.remove_touchpoint(where, number)
            self._select(None)
            return f"Removed {removed.channel} from {where}. Undo brings it back."

        self._change(action)

    def move_up(self, index: int | None = None, stage: str | None = None) -> None:
        """Move the chosen touchpoint one place earlier in its stage."""
        self._move(index, stage, -1)

    def move_down(self, index: int | None = None, stage: str | None = None) -> None:
        """Move the chosen touchpoint one place later in its stage."""
        self._move(index, stage, +1)

    def _move(self, index: int | None, stage: str | None, step: int) -> None:
        def action() -> str:
            where, number = self._stage_name(stage), self._chosen(index)
            channel, count = self._at(where, number).channel, len(self.journey.touchpoints(where))
            if not 0 <= number + step < count:
                return f"{channel} is already {'first' if step < 0 else 'last'} in {where}."
            self.journey.move_touchpoint(where, number, number + step)
            self._select(number + step)
            return f"Moved {channel} {'up' if step < 0 else 'down'} in {where}."

        self._change(action)

    def set_goal(self, stage: str | None = None, **fields: Any) -> None:
        """Make the goal form (or the goal given as keywords) the goal of a stage.

        The target may be typed as text ("3.5", "3,5" or "40 %"); unit and
        direction default to the KPI's own when not given.
        """
        def action() -> str:
            where = self._stage_name(stage)
            values = form_values(self.goal_fields, fields)
            if fields:
                values = self._kpi_defaults(values.get("kpi", "")) | values
            goal = StageGoal(**(values | {"target": as_number(values.get("target"))}))  # the model checks the target
            self.journey.set_goal(where, goal)
            return f"Set the goal of {where}: {goal.kpi} {plain_number(goal.target)} {goal.unit} ({goal.better} is better)."

        self._change(action)

    def remove_goal(self, stage: str | None = None) -> None:
        """Take the goal off a stage (Undo brings it back)."""
        def action() -> str:
            where = self._stage_name(stage)
            self.journey.remove_goal(where)
            return f"{where} has no goal now."

        self._change(action)

    def set_name(self, name: str) -> None:
        """Rename the business the journey is for."""
        def action() -> str:
            self.journey.name = Journey(name).name  # the model's own check of a name
            return f"The journey is now called {self.journey.name}."

        self._change(action)

    def set_persona(self, persona: Persona | PersonaBuilder | None) -> None:
        """Make ``persona`` the customer this journey is for; given a persona builder, follow it from then on.

        ``journey_builder.set_persona(persona_builder)`` takes the builder's persona now and again after
        every change there (Apply, Undo, Load), so the map never shows an old persona. A
        :class:`~journeylab.personas.Persona` (``persona_builder.persona``) is taken as it is now;
        ``None`` leaves the journey without a persona. Either ends following a builder.
        """
        source = persona if isinstance(persona, PersonaBuilder) else None
        value = source.persona if source is not None else persona

        def action() -> str:
            if value is not None and not isinstance(value, Persona):
                raise ValidationError("persona", "must be a persona", value=type(value).__name__,
                                      allowed="a persona builder, a Persona (e.g. persona_builder.persona), or None")
            self.journey.persona = value
            if value is None:
                return "The journey has no persona now."
            return f"The journey is now for {value.name}" + (
                "; it follows the persona builder from now on." if source is not None else ".")

        if self._change(action):
            self._follow(source)

    def _follow(self, source: PersonaBuilder | None) -> None:
        """Listen to one persona builder (or none): each of its changes becomes the journey's persona."""
        if self._persona_source is not None:
            self._persona_source.on_change(self._persona_changed, remove=True)
        self._persona_source = source
        if source is not None:
            source.on_change(self._persona_changed)

    def _persona_changed(self, persona: Persona) -> None:
        if persona == self.journey.persona:
            return

        def action() -> str:
            self.journey.persona = persona
            return f"The journey is now for {persona.name}, as the persona builder says."

        self._change(action)

    def propose_framework(self, framework: str) -> None:
        """Say what switching to ``framework`` would move and what would not fit; Switch then does it.

        The framework dropdown calls this. A journey with nothing in it yet switches at once.
        """
        old = self.journey
        try:
            plan = plan_switch(old, framework, self._switches)
        except JourneyLabError as error:
            self._say_problem(self._describe(error))
            return
        if plan.journey.framework.key == old.framework.key:
            self.framework_box.layout.display = "none"
            return
        empty = all(not (old.touchpoints(stage) or old.goal(stage) or old.opportunities(stage) or old.notes(stage))
                    for stage in old.stage_names)
        if empty:
            self.set_framework(framework)
            return
        with self._quiet():
            self.framework.value = plan.journey.framework.key
        back = ("" if plan.restored else f" Switching back to the {old.framework.title} gives you everything as it "
                "is now, as long as you change nothing in between (and Undo always goes back).")
        self.framework_plan.value = (f"<b>Switch to the {html.escape(plan.journey.framework.title)}?</b> "
                                     f"{html.escape(plan.summary())}{html.escape(back)}")
        self.framework_box.layout.display = None
        self._say("Nothing has changed yet: press Switch, or Keep the stages I have.")

    def confirm_framework(self) -> None:
        """Do the switch shown by :meth:`propose_framework`."""
        self._focus_framework()
        self.set_framework(self.framework.value)

    def keep_framework(self) -> None:
        """Forget the proposed switch: the journey keeps its framework."""
        self._focus_framework()
        self._sync()
        self._say(f"The journey keeps the {self.journey.framework.title}.")

    def _focus_framework(self) -> None:
        """Give the keyboard focus back to the framework dropdown before the proposal (and its buttons) hides.

        A button that is hidden while it has the focus drops it on the page itself; the next click
        anywhere in the notebook then costs JupyterLab a round of focusing the notebook again (about
        50 ms on a busy 2-core machine, before the click even reaches the kernel: issue 19). The
        dropdown is where the switch began, so the keyboard carries on from there.
        """
        if self.framework_box.layout.display != "none":
            self.framework.focus()

    def set_framework(self, framework: str) -> None:
        """View the journey through another framework: touchpoints and goals move to the matching stages.

        The message says what moved and what did not fit; switching back before
        changing anything gives back exactly the journey you had.
        """
        def action() -> str:
            old = self.journey
            plan = plan_switch(old, framework, self._switches)
            target = plan.journey.framework
            if target.key == old.framework.key:
                return f"The journey already uses the {target.title}."
            self._model = plan.journey
            self._switches.remember(old, plan.journey)
            # the stage buttons follow the preview (_show_model): they are not what the learner watches
            self._stage_after_switch = convert(self.stage.value, old.framework, target)[0]
            with self._quiet():
                self.touchpoint_list.value = None
                self.opportunities.select_row(None)
            if plan.restored:
                return f"Switched back to the {target.title}: everything is where it was before you switched."
            kept = sum(len(self.journey.touchpoints(name)) for name in target.stage_names)
            return (f"Switched to the {target.title} ({kept} touchpoint{'s' * (kept != 1)}). {plan.summary()} "
                    f"Switching back to the {old.framework.title} now gives you everything as it was; Undo goes back too.")

        if not self._change(action):
            self._sync()  # put the dropdown back on the journey's framework

    def undo(self) -> None:
        """Go back one change (up to 100), for when a click did something you did not want."""
        self._select(None)
        self.opportunities.select_row(None)
        super().undo()

    # -- the Notes and Opportunities tabs: components of their own; the builder hands on ---------

    @property
    def notes_fields(self) -> dict[str, widgets.Text | widgets.Textarea]:
        return self.notes.fields

    @property
    def opportunity_list(self) -> widgets.Select:
        return self.opportunities.list

    @property
    def opportunity_fields(self) -> dict[str, widgets.Widget]:
        return self.opportunities.fields

    @property
    def priority_table(self) -> widgets.HTML:
        return self.opportunities.priority_table

    def set_notes(self, stage: str | None = None, **fields: Any) -> None:
        """Set a stage's thinking, feeling and backstage (see :meth:`NotesTab.set_notes`)."""
        self.notes.set_notes(stage, **fields)

    def select_opportunity(self, index: int | None) -> None:
        """Choose an opportunity of the shown stage to edit or remove (see :class:`OpportunitiesTab`)."""
        self.opportunities.select_opportunity(index)

    def clear_opportunity_form(self) -> None:
        """Empty the opportunity form."""
        self.opportunities.clear_opportunity_form()

    def add_opportunity(self, stage: str | None = None, **fields: Any) -> None:
        """Add the form, or the opportunity given as keywords, to a stage (see :meth:`OpportunitiesTab.add_opportunity`)."""
        self.opportunities.add_opportunity(stage, **fields)

    def update_opportunity(self, index: int | None = None, stage: str | None = None, **fields: Any) -> None:
        """Put the form in place of the chosen opportunity, or change the fields given as keywords."""
        self.opportunities.update_opportunity(index, stage, **fields)

    def remove_opportunity(self, index: int | None = None, stage: str | None = None) -> None:
        """Remove the chosen opportunity (Undo brings it back)."""
        self.opportunities.remove_opportunity(index, stage)

    # -- files ---------------------------------------------------------------------------

    def _export_formats(self) -> tuple[str, ...]:
        return (*plots.EXPORT_FORMATS, "html", "csv", "md", "json")

    def _export(self, fmt: str) -> Path:
        """Every export goes into the journey's own folder, named as notebook 07 names them (journey_files)."""
        if fmt not in self._export_formats():
            return super()._export(fmt)  # says which formats there are
        path = self._export_files().for_format(fmt)
        if fmt in plots.EXPORT_FORMATS:
            plots.export(self._figure(), path, paper=MAP_PAPER if fmt == "pdf" else None)
            sheet = " (an A3 landscape sheet)" if fmt == "pdf" else ""
            self._say(f"Saved the journey map as {path}{sheet}.")
        elif fmt == "html":
            export_page(self.journey, path)
            self._say(f"Saved the journey as {path}: one page with the persona, the map, the goals and the "
                      "priorities, to open in any browser or send on.")
        elif fmt == "md":
            atomic_write(path, self.journey.to_markdown())
            self._say(f"Saved the plan as {path} (a text file that reads well anywhere).")
        elif fmt == "csv":
            self.journey.to_csv(path)
            self._say(f"Saved the plan as {path} (opens in Excel or Google Sheets).")
        else:
            self.session.write(path)
            self._say(f"Saved the journey as {path} (open it again with Load).")
        return path

    def _export_files(self) -> JourneyFiles:
        """The journey's export folder: named after the file name box if one is typed, else after the journey."""
        typed = self.file_name.value.strip()
        typed = typed[: -len(Path(typed).suffix)] if Path(typed).suffix.lower() == ".json" else typed
        return journey_files(typed or self.journey.name, self.folder)
