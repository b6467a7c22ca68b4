"""The stage map editor: each event name of a file with its count and a stage drop-down; saved beside the journey.

Introduced in notebook 08. The editor is a view of a plain dict (``editor.stages``,
what ``jl.data.read_ga4(..., stages=editor.stages)`` takes); :meth:`StageMapEditor.set_stage`
and :meth:`StageMapEditor.save` are what the drop-downs and the button call, so a
notebook or a test can do the same in code.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from journeylab.errors import JourneyLabError
from journeylab.event_table import check_stage_map
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework
from journeylab.stage_map import load_stage_map, save_stage_map, stage_map_path
from journeylab.widgets._common import button, say_ok, say_problem

__all__ = ["LEAVE_OUT", "StageMapEditor"]

LEAVE_OUT = "(leave out)"
"""The drop-down choice for events that belong to no stage (scrolls, technical events)."""


class StageMapEditor(widgets.VBox):
    """One row per event name (most common first): the name, how many events, and a stage to choose.

    ``journey_path`` is the learner's journey file; the map is saved beside it
    (``my_journey.stages.json``) and read back from there when the editor opens.
    ``stages`` is the map to start from when none is saved yet; a saved map
    replaces it whole (an event name the learner left out stays out), so a
    notebook that passes a starting map still opens with the learner's choices.
    """

    def __init__(self, counts: pd.Series, journey_path: str | os.PathLike[str],
                 framework: str | Framework = DEFAULT_FRAMEWORK, stages: dict[str, str | None] | None = None) -> None:
        self.framework = get_framework(framework)
        self.journey_path = Path(journey_path)
        starting = check_stage_map(stages or {}, self.framework)
        saved = stage_map_path(self.journey_path)
        chosen = load_stage_map(self.journey_path, self.framework) if saved.exists() else starting
        ordered = counts.sort_values(ascending=False, kind="stable")
        self.names = [str(name) for name in ordered.index]
        self.stages: dict[str, str | None] = {name: chosen.get(name) for name in self.names}
        options = [LEAVE_OUT, *self.framework.stage_names]
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        rows = []
        for name, count in zip(self.names, ordered.to_numpy()):
            dropdown = widgets.Dropdown(options=options, value=self.stages[name] or LEAVE_OUT,
                                        layout=widgets.Layout(width="160px"))
            dropdown.observe(lambda change, name=name: self.set_stage(name, change["new"]), names="value")
            self.dropdowns[name] = dropdown
            rows.append(widgets.HBox([widgets.Label(name, layout=widgets.Layout(width="220px")),
                                      widgets.Label(f"{int(count):,} events", layout=widgets.Layout(width="120px")),
                                      dropdown]))
        self.message = widgets.HTML(say_ok(f"Opened the stage map saved in {saved.name}.") if saved.exists() else "")
        super().__init__([*rows, button("Save the stage map", self.save, style="primary"), self.message])

    def set_stage(self, name: str, stage: str | None) -> None:
        """Put one event name at a stage (``None`` or "(leave out)" to leave its events out)."""
        stage = None if stage in (None, LEAVE_OUT) else stage
        try:
            checked = check_stage_map({name: stage}, self.framework)[name]
        except JourneyLabError as error:
            self.message.value = say_problem(str(error))
            return
        self.stages[name] = checked
        if name in self.dropdowns and self.dropdowns[name].value != (checked or LEAVE_OUT):
            self.dropdowns[name].value = checked or LEAVE_OUT

    def save(self) -> Path:
        """Save the map beside the journey file; the message says where."""
        path = save_stage_map(self.stages, self.journey_path, self.framework)
        kept = sum(stage is not None for stage in self.stages.values())
        self.message.value = say_ok(f"Saved {kept} event names with their stages to {path.name}.")
        return path
