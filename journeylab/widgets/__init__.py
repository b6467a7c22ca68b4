"""The builders: forms in JupyterLab for a persona, an empathy map and a customer journey.

Each builder is a view of one model object (``builder.persona``,
``builder.empathy_map``, ``builder.journey``): what you type is checked by the
model and only a valid change replaces it; a problem shows as a sentence under
the form, never as a traceback. Every button calls a method that a notebook can
also call in code (``builder.add_touchpoint(...)``, ``builder.undo()``), so a
papermill run can rebuild the same result.

Show a builder by making it the last line of a cell::

    from journeylab.widgets import JourneyBuilder
    builder = JourneyBuilder.from_file("my_journey.json")
    builder

Introduced in notebooks 02 (empathy map), 03 (persona) and 07 (journey); the stage map
editor, which sorts the event names of one's own data into stages, in notebook 08.
"""

from journeylab.widgets.empathy import EmpathyMapBuilder
from journeylab.widgets.journey import JourneyBuilder
from journeylab.widgets.persona import PersonaBuilder
from journeylab.widgets.stage_map import StageMapEditor

__all__ = ["PersonaBuilder", "EmpathyMapBuilder", "JourneyBuilder", "StageMapEditor"]
