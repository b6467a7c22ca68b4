"""Funnels, paths, back-and-forth moves and waiting times from an event log; goals against actuals.

An *event log* has one row for each thing a customer did: who did it
(``user_id``), when (``timestamp``: dates and times, or text such as
``"2024-03-01 14:30"``) and at which stage of the journey (``stage``). Other
columns are allowed and ignored unless you name them (``breakdown="channel"``).
The functions here turn that log into the tables notebooks 04-06 discuss, and
they never change the table you pass in. One module per idea:

* :mod:`~journeylab.analytics.funnels`: :func:`stage_funnel` (with a conversion
  window, direct steps, a breakdown and a trend) and :func:`time_to_convert`;
* :mod:`~journeylab.analytics.transitions`: :func:`transition_matrix`,
  :func:`backward_moves` and :func:`time_between_stages`;
* :mod:`~journeylab.analytics.paths`: :func:`top_paths` and :func:`next_steps`;
* :mod:`~journeylab.analytics.flows`: :func:`path_flow_table`, paths step by step (notebook 08);
* :mod:`~journeylab.analytics.goals`: :func:`campaign_kpis`, :func:`goal_attainment` and :func:`better_by`;
* :mod:`~journeylab.analytics.groups`: :func:`compare_groups` and :func:`wilson_interval`: which
  differences between channels or segments may be chance.

Rules shared by every function, so that the numbers can be checked by hand:

* **Stage names** are matched ignoring case and spaces at the ends (``"know "``
  is ``Know``) and reported in the framework's own spelling and order.
* **Same time counts as later.** Two events of one customer at the same moment
  are taken in journey order (Know before Like), so "Like at or after Know"
  includes a Like logged in the same second as the Know.
* **Rates are percentages** on a 0-100 scale (``25.0`` means 25 %), like every
  KPI in :mod:`journeylab.kpis`, so a funnel's conversion can be put straight
  next to a stage goal's target.

The error a learner is most likely to meet is a stage the framework does not have:

>>> events = pd.DataFrame({"user_id": [1], "timestamp": ["2024-03-01"], "stage": ["Lead"]})
>>> stage_funnel(events)
Traceback (most recent call last):
...
journeylab.errors.UnknownNameError: stage: the seven-step hourglass has no stage of that name (got 'Lead'). Allowed: Know, Like, Trust, Try, Buy, Repeat, Refer.
"""

from __future__ import annotations

import pandas as pd  # noqa: F401  (the example above uses it)

from journeylab.analytics.event_log import REQUIRED_COLUMNS
from journeylab.analytics.flows import path_flow_table
from journeylab.analytics.funnels import stage_funnel, time_to_convert
from journeylab.analytics.goals import better_by, campaign_kpis, goal_attainment
from journeylab.analytics.groups import compare_groups, wilson_interval
from journeylab.analytics.paths import next_steps, top_paths
from journeylab.analytics.transitions import backward_moves, time_between_stages, transition_matrix

__all__ = [
    "REQUIRED_COLUMNS",
    "stage_funnel",
    "time_to_convert",
    "transition_matrix",
    "backward_moves",
    "time_between_stages",
    "top_paths",
    "next_steps",
    "path_flow_table",
    "campaign_kpis",
    "goal_attainment",
    "better_by",
    "compare_groups",
    "wilson_interval",
]
