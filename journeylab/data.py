"""The course data sets: a synthetic case business, generated from a seed and loaded with checks.

Every data set here is SYNTHETIC. No real person or shop is behind the numbers:
they are made up by this module, deterministically, for the case company
*Nordlys Home*, a small online homeware shop with one physical store. The same
seed always gives the same files byte for byte; the committed files in ``data/``
come from :data:`DEFAULT_SEED` (regenerate them with ``journeylab data``;
the generators live in :mod:`journeylab.synthetic`). Outside a course folder
(the package installed from a wheel, say) the loaders make the same tables
afresh from that seed, so the course data is there wherever the package is.

The data sets (notebook 02 introduces them; ``data/README.md`` is the data dictionary):

* ``customers`` — a survey of about 2,000 respondents. Four hidden segments
  drive every column, so grouping by motivation, channel or age shows profiles
  that can become personas. The segment itself is not in the file.
* ``events`` — about 50,000 touchpoint events of one year, each tagged with an
  hourglass stage. Customers mostly move forward, leak at every step, sometimes
  go back or skip a stage, and often visit the store before buying online.
* ``campaigns`` — monthly marketing metrics per hourglass stage.
* ``activities`` — fixed marketing statements to sort into strategy or tactic.

Each data set has one schema, declared once in :mod:`journeylab.schemas` (whose
:func:`~journeylab.schemas.validate` and :func:`~journeylab.schemas.describe` are
also here, as ``jl.data.validate`` and ``jl.data.describe``, with
:func:`~journeylab.schemas.event_categories`); the loaders check
every file against it and give a plain error that names the column, a bad value
and what is allowed.

A learner's *own* data comes in through the readers (notebook 08), which return
the same event table as ``load_events``: :func:`read_events` for any CSV, Excel
or Parquet event log (:mod:`journeylab.event_files`), :func:`read_ga4` and
:func:`ga4_event_counts` for a Google Analytics 4 export (:mod:`journeylab.ga4`; :func:`ga4_first_touch`
shows why its user-level first touch is not an event's channel, :func:`ga4_download_sql` is the query
to run in BigQuery for a property too large to download whole),
:func:`read_shopify_orders` for a shop's orders (:mod:`journeylab.shopify`).

>>> customers = load_customers()
>>> customers.shape
(2000, 17)
>>> sorted(customers["motivation"].unique())
['Convenience', 'Design', 'Price', 'Sustainability']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from journeylab import synthetic
from journeylab.errors import FileFormatError
from journeylab.event_files import read_events
from journeylab.folders import data_folder
from journeylab.ga4 import download_sql as ga4_download_sql
from journeylab.ga4 import event_counts as ga4_event_counts
from journeylab.ga4 import first_touch_channels as ga4_first_touch
from journeylab.ga4 import read_ga4
from journeylab.schemas import (
    COMPANY_NAME,
    DEFAULT_SEED,
    EVENT_CATEGORIES,
    FILE_NAMES,
    SCHEMAS,
    Column,
    describe,
    event_categories,
    validate,
)
from journeylab.shopify import read_shopify_orders

__all__ = [
    "COMPANY_NAME",
    "DEFAULT_SEED",
    "Column",
    "SCHEMAS",
    "FILE_NAMES",
    "EVENT_CATEGORIES",
    "describe",
    "validate",
    "event_categories",
    "load_customers",
    "load_events",
    "load_campaigns",
    "load_activities",
    "CourseData",
    "course_data",
    "read_events",
    "read_ga4",
    "ga4_event_counts",
    "ga4_first_touch",
    "ga4_download_sql",
    "read_shopify_orders",
]

# --- loading -----------------------------------------------------------------------------------


def _load(dataset: str, path: str | Path | None) -> pd.DataFrame:
    if path is None:
        folder = data_folder()
        if folder is None or not (folder / FILE_NAMES[dataset]).exists():
            return _generated(dataset, DEFAULT_SEED)
        path = folder / FILE_NAMES[dataset]
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, na_filter=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise FileFormatError(str(path), f"is not a readable CSV file ({error})",
                              allowed=f"a CSV file with the columns {', '.join(SCHEMAS[dataset])}") from None
    return validate(raw, dataset, source=path.name, first_line=2)


def _generated(dataset: str, seed: int) -> pd.DataFrame:
    """One data set made afresh from a seed: what the committed file holds, for the default seed."""
    if dataset == "activities":
        return synthetic.generate_activities()
    return getattr(synthetic, f"generate_{dataset}")(seed)


def load_customers(path: str | Path | None = None) -> pd.DataFrame:
    """The customer survey (synthetic), checked and typed. Introduced in notebook 02.

    ``path`` defaults to ``data/customers.csv`` of the course folder; outside
    one, the same table is made afresh from the default seed.

    >>> load_customers().groupby("motivation")["age"].mean().round().astype(int).to_dict()
    {'Convenience': 38, 'Design': 48, 'Price': 25, 'Sustainability': 31}
    """
    return _load("customers", path)


def load_events(path: str | Path | None = None) -> pd.DataFrame:
    """The touchpoint event log (synthetic), sorted by user and time. Introduced in notebook 06.

    ``user_id``, ``channel``, ``touchpoint`` and ``stage`` are pandas categories
    (:func:`event_categories`: the analyses read their codes instead of the
    text); they compare with text as usual (``events["stage"] == "Buy"``).

    >>> events = load_events()
    >>> events.columns.tolist()
    ['user_id', 'timestamp', 'channel', 'touchpoint', 'stage']
    >>> events["stage"].iloc[0]
    'Know'
    """
    return _load("events", path)


def load_campaigns(path: str | Path | None = None) -> pd.DataFrame:
    """Monthly campaign metrics per hourglass stage (synthetic). Introduced in notebook 05.

    A metric that does not apply to a stage is empty (``<NA>``).

    >>> campaigns = load_campaigns()
    >>> campaigns.loc[campaigns["stage"] == "Buy", ["month", "carts", "orders"]].head(2)
          month  carts  orders
    4   2024-01    720     245
    11  2024-02    623     211
    """
    return _load("campaigns", path)


def load_activities(path: str | Path | None = None) -> pd.DataFrame:
    """Marketing statements to sort into strategy and tactic. Introduced in notebook 01.

    >>> load_activities().groupby("kind").size().to_dict()
    {'strategy': 21, 'tactic': 21}
    """
    return _load("activities", path)


@dataclass(frozen=True)
class CourseData:
    """The four data sets of one (synthetic) company-year, and the notebook parameters they were made for.

    Each table is loaded (checked against its schema, or made afresh from the
    seed) the first time it is used, then kept: a notebook that reads only
    ``data.customers`` never pays for the 50,000 events. ``events_path`` is
    notebook 08's GA4 export, checked, as a full path (``None`` in the other notebooks).
    """

    company: str = COMPANY_NAME
    seed: int = DEFAULT_SEED
    framework: str = "hourglass"
    events_path: str | None = None

    @cached_property
    def customers(self) -> pd.DataFrame:
        """The customer survey: :func:`load_customers` for the default seed, else made from ``seed``."""
        return _dataset("customers", self.seed)

    @cached_property
    def events(self) -> pd.DataFrame:
        """The touchpoint event log: :func:`load_events` for the default seed, else made from ``seed``."""
        return _dataset("events", self.seed)

    @cached_property
    def campaigns(self) -> pd.DataFrame:
        """Monthly campaign metrics: :func:`load_campaigns` for the default seed, else made from ``seed``."""
        return _dataset("campaigns", self.seed)

    @cached_property
    def activities(self) -> pd.DataFrame:
        """Marketing statements to sort: :func:`load_activities` (the same for every seed)."""
        return _dataset("activities", self.seed)


def _dataset(dataset: str, seed: int) -> pd.DataFrame:
    return _load(dataset, None) if seed == DEFAULT_SEED else _generated(dataset, seed)


def course_data(seed: int = DEFAULT_SEED) -> CourseData:
    """All four data sets for a seed: the committed files for the default seed, made afresh for any other.

    Introduced in notebook 00. An instructor can give each participant their own
    numbers with the ``seed`` parameter; the lessons read the same either way.
    Each table is loaded when first used (see :class:`CourseData`).

    >>> course_data().customers.shape
    (2000, 17)
    """
    return CourseData(seed=seed)
