"""Opening a notebook: check its parameters, then load the course data they ask for.

Every notebook starts with a ``parameters`` cell (papermill's) and then one line,
``data = jl.start(company=company, seed=seed)``, which stops at once with a plain
message when an instructor passed a bad value, and otherwise returns the course
data with the parameters it was made for.

>>> data = start(company="Ærø Cykler", seed=2024)
>>> data.company, data.seed, data.customers.shape
('Ærø Cykler', 2024, (2000, 17))
>>> start(company="Nordlys Home", seed="seven")
Traceback (most recent call last):
...
journeylab.errors.ValidationError: seed: must be a whole number (got 'seven'). Allowed: a whole number from 0 to 4294967295.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from journeylab.data import CourseData, course_data
from journeylab.parameters import PARAMETERS, check_parameters

__all__ = ["start"]


def start(**parameters: Any) -> CourseData:
    """Check a notebook's parameters and return the course data they ask for. Introduced in notebook 00.

    Each parameter left out takes its default (see :data:`journeylab.parameters.PARAMETERS`);
    an unknown name or a bad value is an error that names it and what is allowed. Notebook 08
    also gives ``events_path``: its files are checked, and ``data.events_path`` is their full path.
    """
    given = check_parameters(**parameters)
    settings = {name: parameter.default for name, parameter in PARAMETERS.items()} | given
    # the course's tables hold sentences (a column's meaning, a marketing statement): show them
    # whole, where pandas would cut them after 50 characters with "..."
    pd.set_option("display.max_colwidth", 200)
    data = course_data(settings["seed"])
    return dataclasses.replace(data, company=settings["company"], framework=settings["framework"],
                               events_path=given.get("events_path"))
