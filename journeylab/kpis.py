"""The marketing KPIs of the course, each a plain function with its formula.

Introduced in notebook 05 ("Stage goals and KPIs"): every stage goal needs a
number to check it against, and these are those numbers.

**One unit everywhere: percent, on a 0-100 scale**, because that is how
marketers read and report KPIs. A click-through rate of ``2.5`` means 2.5 %,
not 0.025. NPS is the percentage of promoters minus the percentage of
detractors, so it runs from -100 to 100 and is quoted in points.

Counts can be plain numbers, numpy arrays or pandas Series. Give Series and you
get a Series back, one KPI per row (two Series are matched by row label, as
pandas always does), so a whole monthly table is one call:

>>> import pandas as pd
>>> months = pd.DataFrame({"clicks": [30, 45], "impressions": [1000, 1500]},
...                       index=["May", "June"])
>>> click_through_rate(months["clicks"], months["impressions"])
May     3.0
June    3.0
Name: click_through_rate, dtype: float64

Nothing to divide by gives NaN ("not a number"), never an error or a warning:
with no visitors there is no conversion rate yet. A missing count (NaN) also
gives NaN. Counts that cannot be true raise :class:`ValidationError` naming the
argument: a count below zero, or a part larger than its whole (more orders than
carts), so every rate lies between 0 and 100.

>>> conversion_rate(120, 100)
Traceback (most recent call last):
...
journeylab.errors.ValidationError: conversions: cannot be more than visitors, which is 100 (got 120). Allowed: 0 up to visitors, counting each visitor who converted once.

:data:`KPIS` holds every KPI with its label, formula and which direction is
better; :func:`get_kpi` finds one by name, label or abbreviation.
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import pandas as pd

from journeylab.errors import UnknownNameError, ValidationError

__all__ = [
    "KPI", "KPIS", "get_kpi",
    "conversion_rate", "click_through_rate", "bounce_rate", "cart_abandonment_rate",
    "repeat_purchase_rate", "churn_rate", "nps", "csat",
]

_NUMBERS = "a number, a list of numbers or one column of a table, such as table['clicks']"


def _plain(value: Any) -> Any:
    """A numpy scalar as a Python one, 3.0 as 3, so messages read naturally."""
    value = value.item() if isinstance(value, np.generic) else value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _to_floats(values: Any, field: str, allowed: str = _NUMBERS) -> np.ndarray:
    """Numbers (None, NaN and pd.NA count as missing) as a float array; anything else is an error."""
    if isinstance(values, pd.DataFrame):
        raise ValidationError(field, "must be one column, not a whole table", allowed=allowed)
    if isinstance(values, pd.Series):
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            return values.to_numpy(dtype=float, na_value=np.nan)
        values = values.to_numpy(dtype=object)
    array = np.asarray(values, dtype=object) if isinstance(values, (str, bytes)) else np.asarray(values)
    if array.dtype.kind in "iuf":
        return array.astype(float)
    for item in array.flat:
        if item is None or item is pd.NA:
            continue
        if isinstance(item, bool) or not isinstance(item, numbers.Real):
            raise ValidationError(field, "must be numbers", value=_plain(item), allowed=allowed)
    missing = [item is None or item is pd.NA for item in array.flat]
    return np.where(np.reshape(missing, array.shape), np.nan, array).astype(float)


def _where(index: pd.Index | None, array: np.ndarray, position: int) -> str:
    if index is not None:
        return f" in row {_plain(index[position])!r}"
    return f" at position {position}" if array.ndim else ""


def _rate(part: Any, whole: Any, part_field: str, whole_field: str, reason: str, name: str,
          *, remainder: bool = False) -> Any:
    """100 × part ÷ whole (or 100 × (whole - part) ÷ whole), with the checks every rate shares."""
    if isinstance(part, pd.Series) and isinstance(whole, pd.Series):
        part, whole = part.align(whole)
    series = next((v for v in (part, whole) if isinstance(v, pd.Series)), None)
    index = None if series is None else series.index
    part_values, whole_values = _to_floats(part, part_field), _to_floats(whole, whole_field)
    try:
        part_values, whole_values = np.broadcast_arrays(part_values, whole_values)
    except ValueError:
        raise ValidationError(part_field, f"has {part_values.size} values but {whole_field} has "
                              f"{whole_values.size}", allowed="as many values as "
                              f"{whole_field}, or a single number") from None
    for values, field in ((part_values, part_field), (whole_values, whole_field)):
        bad = (values < 0) | np.isinf(values)
        if bad.any():
            position = int(np.flatnonzero(bad)[0])
            problem = "cannot be infinite" if np.isinf(values.flat[position]) else "cannot be negative"
            raise ValidationError(field, f"{problem}{_where(index, values, position)}",
                                  value=_plain(values.flat[position]), allowed="a count of 0 or more")
    too_many = part_values > whole_values
    if too_many.any():
        position = int(np.flatnonzero(too_many)[0])
        raise ValidationError(
            part_field,
            f"cannot be more than {whole_field}, which is {_plain(whole_values.flat[position])}"
            f"{_where(index, part_values, position)}",
            value=_plain(part_values.flat[position]),
            allowed=f"0 up to {whole_field}, {reason}",
        )
    top = whole_values - part_values if remainder else part_values
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 ÷ 0 gives NaN, quietly
        result = 100 * top / whole_values
    if index is not None:
        return pd.Series(result, index=index, name=name)
    return float(result) if result.ndim == 0 else result


def conversion_rate(conversions: Any, visitors: Any) -> Any:
    """Share of visitors who converted (bought, signed up, booked), in percent.

    ``conversions ÷ visitors × 100``. Count each converting visitor once, so
    ``conversions`` cannot exceed ``visitors``; no visitors gives NaN.
    Introduced in notebook 05.

    >>> conversion_rate(30, 1200)
    2.5
    """
    return _rate(conversions, visitors, "conversions", "visitors",
                 "counting each visitor who converted once", "conversion_rate")


def click_through_rate(clicks: Any, impressions: Any) -> Any:
    """Share of impressions (an ad or link seen) that were clicked, in percent.

    ``clicks ÷ impressions × 100``. Every click comes from an impression, so
    ``clicks`` cannot exceed ``impressions``; no impressions gives NaN.
    Introduced in notebook 05.

    >>> click_through_rate(45, 1500)
    3.0
    """
    return _rate(clicks, impressions, "clicks", "impressions",
                 "because every click comes from an impression", "click_through_rate")


def bounce_rate(bounces: Any, sessions: Any) -> Any:
    """Share of sessions that left after one page without doing anything, in percent.

    ``bounces ÷ sessions × 100``. Lower is better. A bounce is a session, so
    ``bounces`` cannot exceed ``sessions``; no sessions gives NaN.
    Introduced in notebook 05.

    >>> bounce_rate(420, 1000)
    42.0
    """
    return _rate(bounces, sessions, "bounces", "sessions",
                 "because every bounce is a session", "bounce_rate")


def cart_abandonment_rate(carts: Any, orders: Any) -> Any:
    """Share of shopping carts left without an order, in percent.

    ``(carts - orders) ÷ carts × 100``. Lower is better. Every order starts
    as a cart, so ``orders`` cannot exceed ``carts``; no carts gives NaN.
    Introduced in notebook 05.

    >>> cart_abandonment_rate(carts=200, orders=50)
    75.0
    """
    return _rate(orders, carts, "orders", "carts", "because every order starts as a cart",
                 "cart_abandonment_rate", remainder=True)


def repeat_purchase_rate(repeat_customers: Any, customers: Any) -> Any:
    """Share of customers who bought more than once, in percent.

    ``repeat_customers ÷ customers × 100``. Repeat customers are some of the
    customers, so they cannot outnumber them; no customers gives NaN.
    Introduced in notebook 05.

    >>> repeat_purchase_rate(90, 300)
    30.0
    """
    return _rate(repeat_customers, customers, "repeat_customers", "customers",
                 "because repeat customers are some of the customers", "repeat_purchase_rate")


def churn_rate(churned: Any, customers_at_start: Any) -> Any:
    """Share of the customers at the start of a period who left during it, in percent.

    ``churned ÷ customers_at_start × 100``. Lower is better. Count only
    customers you had at the start, so ``churned`` cannot exceed
    ``customers_at_start``; no customers at the start gives NaN.
    Introduced in notebook 05.

    >>> churn_rate(churned=12, customers_at_start=400)
    3.0
    """
    return _rate(churned, customers_at_start, "churned", "customers_at_start",
                 "counting only customers you had at the start", "churn_rate")


def _answers(scores: Any, low: int, high: int) -> np.ndarray:
    """The valid survey answers without the missing ones; a bad answer is an error."""
    allowed = f"whole numbers from {low} to {high}; leave a missing answer out or use NaN"
    values = _to_floats(scores, "scores", allowed)
    if values.ndim == 0:
        raise ValidationError("scores", "must be a list of survey answers, not a single number",
                              value=_plain(values[()]), allowed=allowed)
    values = values[~np.isnan(values)].ravel()
    bad = (values < low) | (values > high) | (values != np.floor(values))
    if bad.any():
        raise ValidationError("scores", f"every score must be a whole number from {low} to {high}",
                              value=_plain(values[bad][0]), allowed=allowed)
    return values


def nps(scores: Any) -> float:
    """Net Promoter Score from 0-10 answers to "How likely are you to recommend us?".

    ``% promoters (9-10) - % detractors (0-6)``, from -100 (everyone a
    detractor) to 100 (everyone a promoter); passives (7-8) count only in the
    total. Missing answers (NaN, None) are left out; no answers gives NaN.
    Introduced in notebook 05.

    >>> nps([10, 9, 9, 8, 7, 6, 3, 10])  # 4 promoters, 2 detractors of 8: 50 % - 25 %
    25.0
    >>> nps([9, 11])
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: scores: every score must be a whole number from 0 to 10 (got 11). Allowed: whole numbers from 0 to 10; leave a missing answer out or use NaN.
    """
    answers = _answers(scores, 0, 10)
    if answers.size == 0:
        return float("nan")
    return float(100 * (np.count_nonzero(answers >= 9) - np.count_nonzero(answers <= 6)) / answers.size)


def csat(scores: Any) -> float:
    """Customer satisfaction score from 1-5 answers to "How satisfied were you?".

    ``answers of 4 or 5 ÷ all answers × 100``, from 0 to 100. Missing answers
    (NaN, None) are left out; no answers gives NaN. Introduced in notebook 05.

    >>> csat([5, 4, 4, 3, 1])  # 3 satisfied of 5 answers
    60.0
    """
    answers = _answers(scores, 1, 5)
    if answers.size == 0:
        return float("nan")
    return float(100 * np.count_nonzero(answers >= 4) / answers.size)


@dataclasses.dataclass(frozen=True)
class KPI:
    """One KPI: what to call it, how to compute it and which way is good.

    ``better`` tells a goal's direction: a conversion target is a floor to
    reach, a churn target a ceiling to stay under. ``lowest`` and ``highest``
    are the values the KPI can take: 0 to 100 for a rate, -100 to 100 for NPS
    (a goal's target is checked against both: see
    :data:`journeylab.journey_parts.SIGNED_KPIS`). Calling the record calls
    its function, so ``get_kpi("CTR")(30, 1000)`` works.
    """

    name: str
    label: str
    function: Callable[..., Any] = dataclasses.field(repr=False)
    formula: str
    better: Literal["higher", "lower"]
    unit: str
    aliases: tuple[str, ...] = ()
    lowest: float = 0.0
    highest: float = 100.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.function(*args, **kwargs)


KPIS: dict[str, KPI] = {
    kpi.name: kpi
    for kpi in (
        KPI("conversion_rate", "Conversion rate", conversion_rate,
            "conversions ÷ visitors × 100", "higher", "%"),
        KPI("click_through_rate", "Click-through rate", click_through_rate,
            "clicks ÷ impressions × 100", "higher", "%", ("CTR",)),
        KPI("bounce_rate", "Bounce rate", bounce_rate, "bounces ÷ sessions × 100", "lower", "%"),
        KPI("cart_abandonment_rate", "Cart abandonment rate", cart_abandonment_rate,
            "(carts - orders) ÷ carts × 100", "lower", "%"),
        KPI("repeat_purchase_rate", "Repeat purchase rate", repeat_purchase_rate,
            "repeat_customers ÷ customers × 100", "higher", "%"),
        KPI("churn_rate", "Churn rate", churn_rate,
            "churned ÷ customers_at_start × 100", "lower", "%"),
        KPI("nps", "NPS", nps, "% promoters (9-10) - % detractors (0-6)", "higher",
            "points (-100 to 100)", ("Net Promoter Score",), lowest=-100.0),
        KPI("csat", "CSAT", csat, "answers of 4 or 5 ÷ all answers × 100", "higher", "%",
            ("Customer satisfaction", "Customer satisfaction score")),
    )
}
"""Every KPI with a formula by its name, in the order notebook 05 introduces them."""


def _key(name: str) -> str:
    """'Click-through rate', 'click_through_rate' and ' CLICK THROUGH RATE ' all become one key."""
    return " ".join(name.casefold().replace("_", " ").replace("-", " ").split())


_LOOKUP = {_key(text): kpi.name for kpi in KPIS.values() for text in (kpi.name, kpi.label, *kpi.aliases)}


def get_kpi(name: str | KPI) -> KPI:
    """Find a KPI by its name, its label or an abbreviation, ignoring case.

    The labels are those the frameworks suggest per stage (``Stage.kpis``);
    a KPI passed in comes back unchanged. Introduced in notebook 05.

    >>> get_kpi("CTR").label
    'Click-through rate'
    >>> get_kpi("Cart abandonment rate").formula
    '(carts - orders) ÷ carts × 100'
    >>> get_kpi("Impressions")
    Traceback (most recent call last):
    ...
    journeylab.errors.UnknownNameError: kpi: there is no KPI formula of that name; counts such as Impressions or Orders are read straight from the data (got 'Impressions'). Allowed: Conversion rate, Click-through rate, Bounce rate, Cart abandonment rate, Repeat purchase rate, Churn rate, NPS, CSAT.
    """
    if isinstance(name, KPI):
        return name
    if isinstance(name, str) and _key(name) in _LOOKUP:
        return KPIS[_LOOKUP[_key(name)]]
    raise UnknownNameError(
        "kpi",
        "there is no KPI formula of that name; counts such as Impressions or Orders "
        "are read straight from the data",
        value=name,
        allowed=[kpi.label for kpi in KPIS.values()],
    )
