"""The papermill parameters every notebook shares, and their validation.

Each notebook starts with a cell tagged ``parameters`` holding the defaults;
papermill injects an instructor's values after it. Papermill itself only warns
about an unknown name and never checks a type, so the next cell calls
:func:`check_parameters`, which stops the run at once with a message that names
the parameter and what is allowed.

>>> check_parameters(company="Nordlys Home", seed=2024)
{'company': 'Nordlys Home', 'seed': 2024}
>>> check_parameters(seed=-1)
Traceback (most recent call last):
...
journeylab.errors.ValidationError: seed: is out of range (got -1). Allowed: a whole number from 0 to 4294967295.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journeylab import _fields
from journeylab.errors import UnknownNameError
from journeylab.frameworks import framework_names, get_framework

__all__ = ["Parameter", "PARAMETERS", "check_parameters"]


@dataclass(frozen=True)
class Parameter:
    """One notebook parameter: what it means, its default and how to check a value."""

    name: str
    meaning: str
    default: Any
    clean: Callable[[Any], Any]


def _company(value: Any) -> str:
    return _fields.text(value, "company", required=True)


def _seed(value: Any) -> int:
    return _fields.whole_number(value, "seed", 0, 2**32 - 1)


def _framework(value: Any) -> str:
    try:
        return get_framework(value).key
    except UnknownNameError as error:
        raise UnknownNameError("framework", error.problem, value=value, allowed=framework_names()) from None


PARAMETERS: dict[str, Parameter] = {
    parameter.name: parameter
    for parameter in (
        Parameter("company", "the case business the notebook talks about", "Nordlys Home", _company),
        Parameter("seed", "the seed of the synthetic data; 2024 gives the course's own data files", 2024, _seed),
        Parameter("framework", "the stage framework: hourglass, five_stage, five_stage_advocacy or cycle", "hourglass", _framework),
    )
}
"""Every parameter a notebook may take, by name."""


def check_parameters(**values: Any) -> dict[str, Any]:
    """Check a notebook's parameters and return them cleaned; a bad one stops the run.

    Introduced in notebook 00. An unknown name (a typo in ``papermill -p``) is an
    error too, listing the parameters that exist.
    """
    cleaned = {}
    for name, value in values.items():
        if name not in PARAMETERS:
            raise UnknownNameError("parameter", "this notebook has no parameter of that name", value=name, allowed=sorted(PARAMETERS))
        cleaned[name] = PARAMETERS[name].clean(value)
    return cleaned
