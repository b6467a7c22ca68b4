"""The course's pictures: hourglass, funnel, journey map, persona card, empathy map, goals.

Every function returns a :class:`matplotlib.figure.Figure` built directly, never
through ``pyplot``: nothing is left behind in global state, the same input gives
the same picture byte for byte, and Jupyter shows the returned figure once.
All figures share one look (:data:`STYLE`) and one colour-blind-safe palette
(:data:`OKABE_ITO`); :func:`export` writes any of them to PNG, SVG or PDF, and a
journey to a shareable HTML page (:func:`journeylab.page.export_page`).

* :func:`empathy_map` (notebook 02): Says, Thinks, Does and Feels, with pains and gains; or the updated canvas;
* :func:`persona_card` (notebook 03): a persona on one card;
* :func:`hourglass` and :func:`funnel` (notebook 04): the seven steps, customers per stage, the biggest leak;
* :func:`funnel_breakdown` (notebook 04): one funnel line per channel or segment, each share with its range;
* :func:`goal_attainment` (notebook 05): how far each stage is from its target, all on one scale;
* :func:`attribution_comparison` (notebook 06): the credit each attribution model gives each touchpoint;
* :func:`path_flow` (notebook 08): the most common paths, step by step, with "Other" and "(exit)";
* :func:`journey_map` (notebook 06): stages by lanes, with every touchpoint's feeling, goals, notes and ideas;
* :func:`opportunity_matrix` (notebook 07): value against effort, numbered in the order of the ranked list;
* :func:`export` (notebook 07): any of them to PNG, SVG or PDF; a journey to HTML.

>>> from matplotlib.figure import Figure
>>> from journeylab import plots
>>> isinstance(plots.hourglass(), Figure)
True
>>> plots.funnel("Know: 100")
Traceback (most recent call last):
...
journeylab.errors.ValidationError: funnel_frame: must be a table (got 'str'). Allowed: the table from stage_funnel(events), with a users column.
"""

from journeylab.plots.attribution import MODEL_LABELS, attribution_comparison, funnel_breakdown
from journeylab.plots.files import EXPORT_FORMATS, export
from journeylab.plots.flows import path_flow
from journeylab.plots.maps import JOURNEY_MAP_LANES, EmotionLane, MapLane, journey_map
from journeylab.plots.matrix import QUADRANTS, opportunity_matrix
from journeylab.plots.people import empathy_map, persona_card
from journeylab.plots.stages import funnel, goal_attainment, hourglass
from journeylab.plots.style import OKABE_ITO, STYLE

__all__ = [
    "OKABE_ITO",
    "STYLE",
    "EXPORT_FORMATS",
    "MapLane",
    "EmotionLane",
    "JOURNEY_MAP_LANES",
    "hourglass",
    "funnel",
    "funnel_breakdown",
    "goal_attainment",
    "MODEL_LABELS",
    "attribution_comparison",
    "journey_map",
    "path_flow",
    "QUADRANTS",
    "opportunity_matrix",
    "persona_card",
    "empathy_map",
    "export",
]
