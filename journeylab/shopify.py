"""A shop's orders (Shopify's orders export) read into the course's event table: first orders Buy, later ones Repeat.

Introduced in notebook 08. Shopify's "Export orders" CSV has one row per line
item: an order of three products is three rows with the same ``Name``
(``#1001``), and only some columns are filled on every row. Each order becomes
one event of its customer (known by e-mail address): the first order is the
purchase, every later one a repeat purchase.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from journeylab.errors import NoDataError, SchemaError
from journeylab.event_files import parse_times, read_table
from journeylab.event_table import NOT_SET, ReadSummary, event_table
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework

__all__ = ["ORDER_COLUMNS", "SOURCE_NAMES", "read_shopify_orders"]

ORDER_COLUMNS = ("Name", "Email", "Created at")
"""The columns of Shopify's export the reader needs; ``Source``, ``Discount Code`` and ``Cancelled at`` are used when there."""

SOURCE_NAMES = {
    "web": ("Online store order", "Website"),
    "pos": ("Store order", "Store"),
    "shopify_draft_order": ("Draft order", "Sales team"),
    "iphone": ("App order", "App"),
    "android": ("App order", "App"),
}
"""Shopify's order ``Source`` as a touchpoint and a channel; other sources keep their own name."""

NO_EMAIL = "(order without e-mail)"
CANCELLED = "(cancelled order)"


def read_shopify_orders(
    path: str | os.PathLike[str],
    *,
    framework: str | Framework = DEFAULT_FRAMEWORK,
    discount_channels: dict[str, str] | None = None,
    quiet: bool = False,
) -> pd.DataFrame:
    """Read Shopify's orders export (CSV) into the course's event table. Introduced in notebook 08.

    One event per order, not per line item. The customer is the order's
    e-mail address (in lower case); their first order is at the Buy stage,
    every later one at Repeat (the matching stages of another ``framework``).
    The channel is where the order came from (``Source``: the online store,
    the shop's till ...), unless it used a discount code:
    ``discount_channels={"INSTA10": "Instagram"}`` names the channel each code
    was handed out in; a code not named there gives "Discount code".
    Cancelled orders and orders without an e-mail address are left out and counted.
    """
    fw = get_framework(framework)
    path = Path(path)
    raw = read_table(path)
    missing = [name for name in ORDER_COLUMNS if name not in raw.columns]
    if missing:
        present = ", ".join(str(column) for column in raw.columns) or "none"
        raise SchemaError(missing[0], f"{path.name} has no column of that name (its columns are: {present})",
                          allowed="Shopify's orders export, with the columns " + ", ".join(ORDER_COLUMNS))
    if len(raw) == 0:
        raise NoDataError("path", f"{path.name} has no orders", allowed="Shopify's orders export with at least one order")
    text = raw.fillna("").astype(str).apply(lambda column: column.str.strip())
    text["_line"] = range(len(text))
    wanted = [name for name in ("Email", "Created at", "Source", "Discount Code", "Cancelled at") if name in text.columns]
    orders = text.groupby("Name", sort=False).agg({**{name: _first_filled for name in wanted}, "_line": "min"})
    summary = ReadSummary(path.name, read=len(orders))
    cancelled = orders["Cancelled at"].ne("") if "Cancelled at" in orders.columns else pd.Series(False, index=orders.index)
    no_email = orders["Email"].eq("") & ~cancelled
    summary.dropped = {name: int(count) for name, count in ((CANCELLED, cancelled.sum()), (NO_EMAIL, no_email.sum()))
                       if count}
    orders = orders[~cancelled & ~no_email]
    times = _order_times(orders, path.name)
    source = orders["Source"] if "Source" in orders.columns else pd.Series("", index=orders.index)
    code = orders["Discount Code"] if "Discount Code" in orders.columns else pd.Series("", index=orders.index)
    codes = {key.strip().upper(): value for key, value in (discount_channels or {}).items()}
    channel = [codes.get(given.upper(), "Discount code") if given else SOURCE_NAMES.get(where, ("", where or NOT_SET))[1]
               for given, where in zip(code, source)]
    frame = pd.DataFrame({
        "user_id": orders["Email"].str.lower().to_numpy(),
        "timestamp": times.to_numpy(),
        "channel": channel,
        "touchpoint": [SOURCE_NAMES.get(where, (f"{where} order" if where else "Order", ""))[0] for where in source],
    })
    first = frame.sort_values(["user_id", "timestamp"], kind="stable").duplicated("user_id")  # True from the 2nd on
    buy, repeat = fw.from_hourglass["Buy"], fw.from_hourglass["Repeat"]
    frame["stage"] = [repeat if later else buy for later in first.sort_index()]
    return event_table(frame, fw, summary, quiet=quiet)


def _first_filled(values: pd.Series) -> str:
    """The first non-empty cell of an order's rows (Shopify fills some columns on its first line item only)."""
    filled = values[values != ""]
    return str(filled.iloc[0]) if len(filled) else ""


def _order_times(orders: pd.DataFrame, source: str) -> pd.Series:
    """``Created at`` such as ``2024-03-01 14:05:33 +0100``, as the shop's local clock time."""
    created = orders["Created at"]
    clock = created.str.replace(r"\s*[+-]\d{2}:?\d{2}$", "", regex=True)  # the offset changes with summer time
    times = pd.to_datetime(clock, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    if times.isna().any():  # not Shopify's usual form: read as ISO dates, naming the first bad cell
        times = parse_times(clock, "Created at", source, rows=orders["_line"].to_numpy())
    return times
