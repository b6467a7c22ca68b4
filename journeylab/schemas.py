"""The course data's schemas and the case company: what every column holds and may hold.

Declared once, here, for everything that touches the course data: the loaders
(:mod:`journeylab.data`) check files against :data:`SCHEMAS`, the generator
(:mod:`journeylab.synthetic`) writes them from it, and ``data/README.md`` is
its dictionary. :func:`validate` checks any table against a schema and gives a
plain error that names the column, a bad value and what is allowed.

>>> SCHEMAS["events"]["stage"].allowed
('Know', 'Like', 'Trust', 'Try', 'Buy', 'Repeat', 'Refer')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeylab.errors import SchemaError, UnknownNameError
from journeylab.frameworks import get_framework

__all__ = [
    "COMPANY_NAME",
    "DEFAULT_SEED",
    "YEAR",
    "STAGES",
    "MOTIVATIONS",
    "SURVEY_CHANNELS",
    "EVENT_CHANNELS",
    "Column",
    "SCHEMAS",
    "FILE_NAMES",
    "EVENT_CATEGORIES",
    "describe",
    "validate",
    "event_categories",
]

COMPANY_NAME = "Nordlys Home"
"""The case company of the course: an online homeware shop with one physical store."""

DEFAULT_SEED = 2024
"""The seed of the committed data files."""

YEAR = 2024
STAGES = get_framework("hourglass").stage_names
MOTIVATIONS = ("Sustainability", "Convenience", "Price", "Design")
SURVEY_CHANNELS = ("Instagram", "Facebook", "TikTok", "E-mail", "Search", "Store", "LinkedIn", "Blog")
EVENT_CHANNELS = ("Instagram", "Facebook", "TikTok", "Search", "Website", "Blog", "E-mail", "Store", "Referral")


# --- the schemas, declared once ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """What one column holds and which values it accepts.

    ``kind`` is one of ``text``, ``category``, ``int``, ``float``, ``timestamp``,
    ``month``. ``at_most`` names another column this one may never exceed
    (reach is at most impressions).
    """

    kind: str
    meaning: str
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    empty_allowed: bool = False
    unique: bool = False
    at_most: str | None = None

    @property
    def type_name(self) -> str:
        """The kind in plain words."""
        return {"text": "text", "category": "category", "int": "whole number",
                "float": "decimal number", "timestamp": "date and time", "month": "month"}[self.kind]

    def allowed_text(self) -> str:
        """What the column accepts, in words (used in errors and the data dictionary)."""
        if self.kind == "category":
            text = ", ".join(self.allowed)
        elif self.kind in ("int", "float"):
            noun = "whole numbers" if self.kind == "int" else "numbers"
            if self.maximum is None:
                text = f"{noun} of {self.minimum:g} or more"
            else:
                text = f"{noun} from {self.minimum:g} to {self.maximum:g}"
            if self.at_most:
                text += f", at most {self.at_most}"
        elif self.kind == "timestamp":
            text = "a date and time such as 2024-01-31T09:30:00"
        elif self.kind == "month":
            text = "a month such as 2024-01"
        else:
            text = "any non-empty text" + (", each value only once" if self.unique else "")
        return text + (", or empty" if self.empty_allowed else "")


def _count(meaning: str, at_most: str | None = None) -> Column:
    """A monthly campaign count: a whole number, empty where it does not apply to the stage."""
    return Column("int", meaning, minimum=0, empty_allowed=True, at_most=at_most)


SCHEMAS: dict[str, dict[str, Column]] = {
    "customers": {
        "respondent_id": Column("text", "Survey respondent, R0001 onwards.", unique=True),
        "age": Column("int", "Age in years (demographic).", minimum=18, maximum=80),
        "gender": Column("category", "Gender as the respondent stated it.",
                         ("Female", "Male", "Non-binary", "Not stated")),
        "region": Column("category", "Where the respondent lives (geographic); the store is in the Capital.",
                         ("Capital", "North", "South", "West")),
        "area": Column("category", "Type of place (geographic).", ("Urban", "Suburban", "Rural")),
        "household": Column("category", "Who the respondent lives with (demographic).",
                            ("Single", "Couple", "Family with children", "Shared housing")),
        "income_band": Column("category", "Household income band (demographic).",
                              ("Low", "Middle", "Upper middle", "High")),
        "motivation": Column("category", "What matters most when buying homeware (psychographic).", MOTIVATIONS),
        "interest": Column("category", "Main lifestyle interest (psychographic).",
                           ("Plants & gardening", "Upcycling & DIY", "Cooking & hosting", "Family time",
                            "Gaming & streaming", "Travel", "Interior design", "Art & culture")),
        "orders_last_year": Column("int", "Orders from the shop in the last 12 months (behavioural).",
                                   minimum=0, maximum=100),
        "average_order_value": Column("float", "Average order value in euros over those orders; empty with no orders.",
                                      minimum=0, maximum=10000, empty_allowed=True),
        "days_since_last_purchase": Column("int", "Days since the last order; empty with no orders in 12 months.",
                                           minimum=0, maximum=365, empty_allowed=True),
        "device": Column("category", "Device used most to shop online (behavioural).", ("Mobile", "Desktop", "Tablet")),
        "preferred_channel": Column("category", "Channel the respondent prefers to hear from the shop.",
                                    SURVEY_CHANNELS),
        "second_channel": Column("category", "Second choice of channel, never the same as the first.",
                                 SURVEY_CHANNELS),
        "csat": Column("int", "Satisfaction with the last purchase or visit, 1 (very unhappy) to 5 (very happy).",
                       minimum=1, maximum=5),
        "likelihood_to_recommend": Column("int", "How likely to recommend the shop, 0 to 10 (the NPS question).",
                                          minimum=0, maximum=10),
    },
    "events": {
        "user_id": Column("text", "Visitor or customer, U00001 onwards, numbered by first visit."),
        "timestamp": Column("timestamp", "When the event happened (local time, within 2024)."),
        "channel": Column("category", "Channel of the touchpoint.", EVENT_CHANNELS),
        "touchpoint": Column("text", "Where the contact happened, e.g. Instagram ad, Reviews page, Store visit."),
        "stage": Column("category", "Hourglass stage the event belongs to.", STAGES),
    },
    "campaigns": {
        "month": Column("month", "Calendar month of the figures."),
        "stage": Column("category", "Hourglass stage the figures measure.", STAGES),
        "impressions": _count("Times an ad or post was shown (Know, Like)."),
        "reach": _count("Different people who saw it (Know, Like).", at_most="impressions"),
        "clicks": _count("Clicks on ads or posts (Know, Like).", at_most="impressions"),
        "sessions": _count("Website or store sessions in the stage (Like to Buy)."),
        "bounces": _count("Sessions that left after one page (Like, Trust).", at_most="sessions"),
        "sign_ups": _count("Free-sample and newsletter sign-ups (Try).", at_most="sessions"),
        "carts": _count("Sessions with something put in the cart (Buy).", at_most="sessions"),
        "orders": _count("Orders placed, web and store (Buy).", at_most="carts"),
        "repeat_orders": _count("Orders from existing customers (Repeat)."),
        "referrals": _count("New customers who came through a referral link (Refer)."),
        "churned_customers": _count("Customers who stopped buying this month (Repeat).", at_most="customers"),
        "customers": _count("Active customers at the start of the month (Repeat, Refer)."),
    },
    "activities": {
        "activity_id": Column("text", "Statement number, A01 onwards.", unique=True),
        "statement": Column("text", "A marketing statement written for the case company."),
        "kind": Column("category", "Whether it is a strategy (direction) or a tactic (concrete action).",
                       ("strategy", "tactic")),
        "stage": Column("category", "Hourglass stage the statement serves.", STAGES),
    },
}
"""Every course data set's columns, in file order: the one source of the checks and the dictionary."""

FILE_NAMES = {name: f"{name}.csv" for name in SCHEMAS}

EVENT_CATEGORIES = ("user_id", "stage", "touchpoint", "channel")
"""The event log's columns of few distinct values, which the course keeps as pandas categories."""


def _schema(dataset: str) -> dict[str, Column]:
    if dataset not in SCHEMAS:
        raise UnknownNameError("dataset", "there is no course data set of that name", value=dataset,
                               allowed=tuple(SCHEMAS))
    return SCHEMAS[dataset]


def describe(dataset: str) -> pd.DataFrame:
    """The data dictionary of one data set as a table: column, type, allowed values, meaning.

    Introduced in notebook 02.

    >>> describe("events")["column"].tolist()
    ['user_id', 'timestamp', 'channel', 'touchpoint', 'stage']
    >>> describe("events").loc[4, "allowed"]
    'Know, Like, Trust, Try, Buy, Repeat, Refer'
    """
    rows = [(name, col.type_name, col.allowed_text(), col.meaning) for name, col in _schema(dataset).items()]
    return pd.DataFrame(rows, columns=["column", "type", "allowed", "meaning"])


# --- checking a table --------------------------------------------------------------------------


def validate(frame: pd.DataFrame, dataset: str, *, source: str | None = None, first_line: int | None = None) -> pd.DataFrame:
    """Check a table against a course schema and return a copy with the course's types.

    Use it on a table you built or edited yourself before handing it to the
    analysis functions. Extra columns are kept; whole numbers become ``int64``
    (``Int64`` where empty cells are allowed), timestamps ``datetime64[ns]``,
    and the event log's :data:`EVENT_CATEGORIES` categories (:func:`event_categories`).
    Introduced in notebook 02. ``source`` names the table in errors; ``first_line``
    is the file line of its first row (2 under a CSV header), so errors name lines.

    >>> from journeylab.data import load_customers
    >>> survey = load_customers().head(3)
    >>> survey.loc[1, "csat"] = 7
    >>> validate(survey, "customers")
    Traceback (most recent call last):
    ...
    journeylab.errors.SchemaError: csat: the value in row 1 of the customers table is out of range (got 7). Allowed: whole numbers from 1 to 5.
    """
    source = source or f"the {dataset} table"
    schema = _schema(dataset)
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        problem = f"the column is missing from {source}"
        if len(missing) > 1:
            problem = f"{len(missing)} columns are missing from {source}: {', '.join(missing)}"
        raise SchemaError(missing[0], problem, allowed="a table with the columns " + ", ".join(schema))
    checked = frame.copy()
    for name, column in schema.items():
        fail = _Failure(frame[name], name, column, source, first_line)
        checked[name] = _check_column(frame[name], column, fail)
    for name, column in schema.items():
        if column.at_most:
            bigger = (checked[name] > checked[column.at_most]).fillna(False).to_numpy(dtype=bool)
            _Failure(checked[name], name, column, source, first_line).raise_if(
                bigger, f"is larger than {column.at_most}")
    return event_categories(checked) if dataset == "events" else checked


def event_categories(events: pd.DataFrame) -> pd.DataFrame:
    """The event log with ``user_id``, ``stage``, ``touchpoint`` and ``channel`` as pandas categories.

    Why: every analysis turns these columns into whole-number codes, and
    reading a million text ids costs more than the analysis itself; a category
    column holds the codes already, so they are made once, when the table is
    loaded. The course's loaders and generator return events this way, and so
    should any reader of other event logs (GA4, Shopify). The categories are the
    values that occur, so counts list no empty rows: stages in journey order
    (names outside the hourglass after them), users in the order they first
    appear (so a log sorted by user keeps sorted codes, and sorting is skipped),
    touchpoints and channels alphabetically, as the analyses list them. A copy
    is returned; missing columns are skipped and other columns left as they are.

    >>> events = event_categories(pd.DataFrame({"user_id": ["U2", "U1"], "stage": ["Like", "Know"]}))
    >>> events["stage"].cat.categories.tolist(), events["user_id"].cat.categories.tolist()
    (['Know', 'Like'], ['U2', 'U1'])
    """
    table = events.copy()
    for name in EVENT_CATEGORIES:
        if name in table.columns:
            order = {"stage": STAGES, "user_id": None}.get(name, ())
            table[name] = _as_category(table[name], order)
    return table


def _as_category(column: pd.Series, first: tuple[str, ...] | None) -> pd.Series:
    """One column as a category of the values in it: ``first`` in its order, then the rest sorted;
    with ``first=None``, in the order the values first appear."""
    if first is None:
        if not isinstance(column.dtype, pd.CategoricalDtype):
            codes, values = pd.factorize(column)
        else:  # the codes, renumbered by first appearance (-1, an empty cell, stays -1)
            old = column.cat.codes.to_numpy().astype(np.int64)
            filled = old >= 0
            codes = np.full(len(old), -1, dtype=np.int64)
            codes[filled], first_seen = pd.factorize(old[filled])
            values = column.cat.categories[first_seen]
            if values.equals(column.cat.categories):
                return column
        return pd.Series(pd.Categorical.from_codes(codes, categories=values), index=column.index, name=column.name)
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")  # sorts the values when they can be sorted
    codes = column.cat.codes.to_numpy()
    seen = np.bincount(codes.astype(np.int64) + 1, minlength=len(column.cat.categories) + 1)[1:] > 0
    present = column.cat.categories[seen]
    known = [value for value in first if value in present]
    rest = present.difference(known, sort=False) if known else present
    try:
        rest = rest.sort_values()
    except TypeError:  # text and numbers together: keep their order
        pass
    wanted = pd.Index(known, dtype=present.dtype).append(rest) if known else rest
    if wanted.equals(column.cat.categories):
        return column
    return column.cat.set_categories(wanted)


@dataclass
class _Failure:
    """Raises a SchemaError that points at the first bad cell of a column."""

    series: pd.Series
    name: str
    column: Column
    source: str
    first_line: int | None

    def raise_if(self, bad: np.ndarray, problem: str) -> None:
        if not bad.any():
            return
        position = int(np.flatnonzero(bad)[0])
        value = self.series.iloc[position]
        value = value.item() if isinstance(value, np.generic) else value
        if self.first_line is None:
            place = f"in row {self.series.index[position]!r} of {self.source}"
        else:
            place = f"on line {self.first_line + position} of {self.source}"
        raise SchemaError(self.name, f"the value {place} {problem}", value=value,
                          allowed=self.column.allowed_text())


def _blank(series: pd.Series) -> np.ndarray:
    """Which cells are missing or hold only spaces."""
    if isinstance(series.dtype, pd.CategoricalDtype):  # each distinct value looked at once
        codes = series.cat.codes.to_numpy()
        blank_value = np.append(_blank(pd.Series(series.cat.categories)), True)  # the last: missing (-1)
        return blank_value[codes]
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
        return series.isna().to_numpy(dtype=bool)
    text = series.astype("string").str.strip()
    return (text.isna() | text.eq("")).fillna(True).to_numpy(dtype=bool)


def _check_column(series: pd.Series, column: Column, fail: _Failure) -> pd.Series:
    blank = _blank(series)
    if not column.empty_allowed:
        fail.raise_if(blank, "is empty")
    if column.kind in ("int", "float"):
        if pd.api.types.is_bool_dtype(series):
            fail.raise_if(~blank, "is not a number")
        if pd.api.types.is_numeric_dtype(series):
            numbers = series.astype("float64")
        else:
            cleaned = pd.Series(np.where(blank, None, series.to_numpy(dtype=object)), index=series.index)
            numbers = pd.to_numeric(cleaned, errors="coerce").astype("float64")
        values = numbers.to_numpy()
        fail.raise_if(np.isnan(values) & ~blank, "is not a number")
        present = ~np.isnan(values)
        if column.kind == "int":
            fail.raise_if(present & (np.floor(values) != values), "is not a whole number")
        too_small = values < column.minimum
        too_big = values > column.maximum if column.maximum is not None else np.isinf(values)
        fail.raise_if(present & (too_small | too_big), "is out of range")
        if column.kind == "float":
            return numbers
        return numbers.astype("Int64" if column.empty_allowed else "int64")
    if column.kind == "timestamp":
        stamps = series
        if not pd.api.types.is_datetime64_any_dtype(series):
            text = pd.Series(np.where(blank, None, series.to_numpy(dtype=object)), index=series.index)
            stamps = pd.to_datetime(text, format="ISO8601", errors="coerce")
            fail.raise_if(stamps.isna().to_numpy() & ~blank, "is not a date and time in the expected form")
        if stamps.dt.tz is not None:  # keep local clock time, as in the course files
            stamps = stamps.dt.tz_localize(None)
        return stamps.astype("datetime64[ns]")
    if column.kind == "month":
        ok = series.astype(object).map(lambda v: isinstance(v, str) and len(v) == 7 and v[4] == "-"
                                       and v[:4].isdigit() and v[5:] in _MONTH_NUMBERS)
        fail.raise_if(~ok.to_numpy(dtype=bool) & ~blank, "is not a month in the expected form")
    if column.kind == "category":
        fail.raise_if(~series.isin(column.allowed).to_numpy(dtype=bool) & ~blank, "is not one of the allowed values")
    if column.unique:
        fail.raise_if(series.duplicated().to_numpy(dtype=bool), "appears more than once")
    return series


_MONTH_NUMBERS = {f"{number:02d}" for number in range(1, 13)}
