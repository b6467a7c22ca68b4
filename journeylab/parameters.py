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

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journeylab import _fields
from journeylab.errors import FileFormatError, JourneyLabError, NoDataError, UnknownNameError, ValidationError
from journeylab.folders import course_folders
from journeylab.frameworks import framework_names, get_framework

__all__ = ["Parameter", "PARAMETERS", "EVENTS_PATH_DEFAULT", "check_parameters"]


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


EVENTS_PATH_DEFAULT = "../data/ga4_sample/events_*.json.gz"
"""Notebook 08's export: the course's synthetic GA4 sample, seen from a notebook's folder."""

_EXPORT_FILES = ("a GA4 export: one file (events_20240301.json.gz), a folder of events_YYYYMMDD files, "
                 "or a pattern such as '/home/me/export/events_*.json.gz'")


def _events_path(value: Any) -> str:
    """The GA4 export notebook 08 reads, as a full path that matches at least one file of an export.

    A relative path is looked for from the folder the notebook runs in, and then from the
    ``notebooks/`` folder of every course folder there is (:func:`~journeylab.folders.course_folders`),
    so the default finds the course's sample however the notebook is run (JupyterLab,
    ``journeylab run`` or ``cohort``, papermill from the course folder); where no course has it (the
    package installed from a wheel), the sample is written afresh. The full path is what is passed
    on, so a kernel started in another folder reads the same files.
    """
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("events_path", "must be a path, as text in quotes", value=value, allowed=_EXPORT_FILES)
    text = os.path.expanduser(value.strip())
    folders = [os.getcwd()]
    if not os.path.isabs(text):
        folders += [os.fspath(course / "notebooks") for course in course_folders()]
    from journeylab.ga4 import ga4_files  # loads pandas: only when notebook 08 is opened

    for folder in folders:
        candidate = os.path.normpath(os.path.join(folder, text))
        try:
            ga4_files(candidate)
        except NoDataError:
            continue
        except JourneyLabError as error:  # files there, but not an export's
            problem = error.problem if error.field == "path_or_glob" else f"{error.field} {error.problem}"
            raise FileFormatError("events_path", problem, value=value, allowed=_EXPORT_FILES) from None
        return candidate
    if text == EVENTS_PATH_DEFAULT:  # no course folder has the sample: make it, as the course data is made
        from journeylab.synthetic_ga4 import sample_folder

        return os.fspath(sample_folder() / "events_*.json.gz")
    where = "" if os.path.isabs(text) else " (a relative path is looked for from the folder this runs in and from the course's notebooks/ folder)"
    raise NoDataError("events_path", f"no file matches this path{where}", value=value, allowed=_EXPORT_FILES)


PARAMETERS: dict[str, Parameter] = {
    parameter.name: parameter
    for parameter in (
        Parameter("company", "the case business the notebook talks about", "Nordlys Home", _company),
        Parameter("seed", "the seed of the synthetic data; 2024 gives the course's own data files", 2024, _seed),
        Parameter("framework", "the stage framework: hourglass, five_stage, five_stage_advocacy or cycle", "hourglass", _framework),
        Parameter("events_path", "notebook 08's GA4 export: a file, a folder or a pattern; the synthetic sample by default",
                  EVENTS_PATH_DEFAULT, _events_path),
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
