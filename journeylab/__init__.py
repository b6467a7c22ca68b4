"""Customer Journey Lab: the helper package behind the course notebooks.

Notebooks start with ``import journeylab as jl`` and call what is listed in
``__all__``; everything else lives in its own module (``jl.frameworks``,
``jl.journey`` ...). Importing the package loads neither matplotlib nor
ipywidgets, so scripts and tests that need only the models stay quick: the
heavier modules (``jl.plots``, ``jl.analytics`` ...) load the first time a
notebook uses them.
"""

import importlib

from journeylab.errors import FileFormatError, JourneyLabError, SchemaError, UnknownNameError, ValidationError
from journeylab.exercises import check, hint, progress
from journeylab.frameworks import FRAMEWORKS, convert, get_framework
from journeylab.friendly import install as _install_plain_errors
from journeylab.friendly import plain_errors
from journeylab.journey import Journey
from journeylab.journey_parts import Opportunity, StageGoal, StageNotes, Touchpoint
from journeylab.personas import EmpathyMap, Persona
from journeylab.series_tables import install as _install_series_tables
from journeylab.strategy import Objective, Plan, Strategy, Tactic, Target, smart_check

__version__ = "0.1.0"

__all__ = [
    "FRAMEWORKS",
    "get_framework",
    "convert",
    "Journey",
    "Touchpoint",
    "StageGoal",
    "StageNotes",
    "Opportunity",
    "Persona",
    "EmpathyMap",
    "Target",
    "Objective",
    "Strategy",
    "Tactic",
    "Plan",
    "smart_check",
    "check",
    "hint",
    "progress",
    "start",
    "export_journey",
    "journey_files",
    "plain_errors",
    "JourneyLabError",
    "ValidationError",
    "UnknownNameError",
    "FileFormatError",
    "SchemaError",
]

_LAZY_MODULES = (
    "analytics", "attribution", "cli", "course", "data", "exports", "opening", "kpis", "opportunities", "page", "parameters", "plots",
    "synthetic", "widgets",
)


def __getattr__(name: str):
    """Load a heavier module on first use, so ``jl.plots.funnel(...)`` works after ``import journeylab as jl``.

    ``jl.start`` is :func:`journeylab.opening.start`, loaded the same way (it needs pandas), and
    ``jl.export_journey`` / ``jl.journey_files`` come from :mod:`journeylab.exports` (they need matplotlib).
    """
    if name == "start":
        return importlib.import_module("journeylab.opening").start
    if name in ("export_journey", "journey_files"):
        return getattr(importlib.import_module("journeylab.exports"), name)
    if name in _LAZY_MODULES:
        return importlib.import_module(f"journeylab.{name}")
    raise AttributeError(f"module 'journeylab' has no attribute {name!r}")


_install_plain_errors()  # in JupyterLab, a learner's slip shows as a sentence (see journeylab.friendly)
_install_series_tables()  # and a Series as a table, without pandas' dtype footer (see journeylab.series_tables)
