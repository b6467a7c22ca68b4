"""Exercises of notebook 08, your own data: a GA4 export read into the course, its stage map, the first-touch trap.

The data exercises take the notebook's tables as context
(``check("08-step-into-buy", answer, events=events)``) and work the expected
answer out from them with the package, so a learner who points ``events_path``
at their own export is checked against their own numbers. Without context they
use the course's synthetic GA4 sample (``data/ga4_sample``), read with the
notebook's stage map, :data:`~journeylab.synthetic_ga4.SAMPLE_STAGES`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, listed, not_a_number, not_text, number_in, same_text

__all__ = ["BUY_EVENT", "FLOW_FROM", "trap_customer"]

BUY_EVENT = "purchase"
"""GA4's event for a completed order: the answer of exercise 08-buy-event."""
FLOW_FROM = "Trust"
"""The stage exercise 08-after-trust follows the paths forward from."""
_EXIT = "(exit)"


@cache
def _sample_path() -> Path:
    """The course's GA4 sample: the committed files, or (outside a course folder) the same files written afresh."""
    from journeylab.synthetic_ga4 import sample_folder

    return sample_folder()


@cache
def _sample_events() -> pd.DataFrame:
    from journeylab.ga4 import read_ga4
    from journeylab.synthetic_ga4 import SAMPLE_STAGES

    return read_ga4(_sample_path(), SAMPLE_STAGES, quiet=True)


@cache
def _sample_counts() -> pd.Series:
    from journeylab.ga4 import event_counts

    return event_counts(_sample_path())


@cache
def _sample_trap() -> pd.DataFrame:
    from journeylab.ga4 import first_touch_channels
    from journeylab.synthetic_ga4 import SAMPLE_STAGES

    return first_touch_channels(_sample_path(), SAMPLE_STAGES)


def trap_customer(trap: pd.DataFrame) -> str | None:
    """The customer of exercise 08-first-touch-trap: the last buyer whose purchase came through another channel
    than their first touch (the notebook finds them with the same two lines), or None when there is none."""
    differs = trap["channel"] != trap["first_touch"]
    buyers = trap.loc[differs & (trap["stage"] == "Buy"), "user_id"]
    return str(buyers.iloc[-1]) if len(buyers) else None


def _one_text(answer: Any) -> Any:
    """The text inside a one-value table (``.loc`` with a condition gives one), else the answer itself."""
    if isinstance(answer, (pd.Series, pd.Index)) and len(answer) == 1:
        value = answer.array[0]
        return answer if pd.isna(value) else str(value)
    return answer


@exercise(
    "08-buy-event",
    hints=["GA4 names its events in small letters with underscores. Look down the list from ga4_event_counts for "
           "the event a shop sends when an order is paid.",
           "It is the last event of a visit that ends in an order, after add_to_cart and begin_checkout.",
           ],
    wrong="begin_checkout",
    right=BUY_EVENT,
)
def _buy_event(answer: Any, counts: pd.Series | None = None) -> str | None:
    answer = _one_text(answer)
    if not isinstance(answer, str):
        return not_text(answer, '"page_view"')
    if same_text(answer, BUY_EVENT):
        return None
    names = [str(name) for name in (counts if counts is not None else _sample_counts()).index]
    slips = {
        "begin_checkout": "begin_checkout is sent when a customer starts the checkout, and many leave before paying; "
                          "the stage Buy is the order itself.",
        "add_to_cart": "add_to_cart is a first step towards an order (Try, in the notebook's map); the order itself "
                       "is another event.",
        "view_item": "view_item is a look at a product page; the order itself is another event.",
    }
    for name, message in slips.items():
        if same_text(answer, name):
            return message
    if same_text(answer, "Buy"):
        return "Buy is the stage; the question asks for the name of the event that belongs to it."
    if not any(same_text(answer, name) for name in names):
        return f"'{answer.strip()}' is not an event name of the export; its names are {listed(names, 'and')}."
    return f"{answer.strip()} is not the event of a paid order."


@exercise(
    "08-events-left-out",
    hints=["read_ga4 printed a one-line summary when it read the export: it says how many events it left out.",
           "counts.sum() is every event of the export and len(events) the events kept: the difference is what the "
           "stage map left out.",
           ],
    wrong=2861,
)
def _events_left_out(answer: Any, events: pd.DataFrame | None = None, counts: pd.Series | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "1500")
    log = _sample_events() if events is None else events
    every = _sample_counts() if counts is None else counts
    read, kept = int(every.sum()), len(log)
    expected = read - kept
    if close_to(answer, expected):
        return None
    if close_to(value, kept):
        return "That is the number of events kept; the question asks for the ones left out."
    if close_to(value, read):
        return "That is every event of the export; take away the ones kept."
    touchpoints = set(log["touchpoint"].astype(str))
    if touchpoints <= set(every.index):  # the touchpoints are the event names (read_ga4's default)
        names_left_out = [str(name) for name in every.index if str(name) not in touchpoints]
        if value == len(names_left_out):
            return "That is the number of event names left out; count their events."
        if any(close_to(value, every[name]) for name in names_left_out):
            return "That is the events of one name; add up every event the map left out."
    if read and close_to(value, expected / read * 100):
        return "That is a share, in percent; the question asks for the number of events."
    return f"{value:g} is not the number of events the stage map left out."


@exercise(
    "08-first-touch-trap",
    hints=["A report that takes the user-level traffic_source as every event's channel gives all of a customer's "
           "events the channel of their very first visit. Which column holds the channel of the visit itself?",
           "The channel column is the event's own traffic source, the one read_ga4 gives; first_touch is the trap.",
           ],
    wrong="Organic Social",
    right="Email",
)
def _first_touch_trap(answer: Any, events: pd.DataFrame | None = None, trap: pd.DataFrame | None = None,
                      customer: Any = None) -> str | None:
    answer = _one_text(answer)
    if not isinstance(answer, str):
        return not_text(answer, '"Paid Search"')
    table = _sample_trap() if trap is None else trap
    who = trap_customer(table) if customer is None else str(_one_text(customer))
    log = _sample_events() if events is None else events
    theirs = log[log["user_id"].astype(str) == who]
    purchases = theirs.loc[theirs["stage"].astype(str) == "Buy", "channel"]
    if not len(purchases):
        return f"The table has no purchase of customer {who!r}; run the cells above again to find the customer."
    expected = str(purchases.iloc[0])
    if same_text(answer, expected):
        return None
    first = table.loc[table["user_id"].astype(str) == who, "first_touch"]
    if len(first) and same_text(answer, str(first.iloc[0])):
        return (f"{first.iloc[0]} is the customer's first touch: GA4's traffic_source gives it to every event of "
                "theirs, however they came back. The purchase came through the channel of its own visit.")
    channels = [str(name) for name in pd.unique(theirs["channel"].astype(str))]
    if any(same_text(answer, name) for name in channels):
        return f"{answer.strip()} is the channel of another of their visits; give the channel of the visit with the purchase."
    known = sorted({str(name) for name in pd.unique(log["channel"].astype(str))})
    if not any(same_text(answer, name) for name in known):
        return f"'{answer.strip()}' is not a channel of the table; its channels are {listed(known, 'and')}."
    return f"{answer.strip()} is not the channel of this customer's purchase."


@exercise(
    "08-step-into-buy",
    hints=["The step conversion of Buy is the share of the customers at Try (a cart) who went on to buy: the Buy row "
           "of the funnel.",
           'funnel.loc["Buy", "step_conversion"] reads it from the funnel of the export.',
           ],
    wrong=11.25,
)
def _step_into_buy(answer: Any, events: pd.DataFrame | None = None, counts: pd.Series | None = None) -> str | None:
    from journeylab.analytics import stage_funnel

    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "25.3 (for 25.3%)")
    log = _sample_events() if events is None else events
    funnel = stage_funnel(log)
    expected = float(funnel.loc["Buy", "step_conversion"])
    if close_to(answer, expected):
        return None
    if close_to(value, expected / 100):
        return "That is the share as a fraction; the funnel gives percentages (25.3 for 25.3%)."
    if close_to(value, funnel.loc["Buy", "overall_conversion"]):
        return "That is the overall conversion, compared with everyone at Know; the step compares Buy with Try only."
    if close_to(value, 100 - expected):
        return "That is the share that did NOT buy; the step conversion is the share that did."
    if close_to(value, funnel.loc["Buy", "users"]):
        return "That is the number of customers at Buy; the step conversion is a percentage."
    every = _sample_counts() if counts is None and events is None else counts
    if every is not None and every.get("add_to_cart", 0) and close_to(value, every.get(BUY_EVENT, 0) / every["add_to_cart"] * 100):
        return ("That divides events (purchase events by add_to_cart events); the funnel counts customers, "
                "each once, in the order of their steps.")
    if close_to(value, stage_funnel(log, closed=False).loc["Buy", "step_conversion"]):
        return "That comes from the open funnel; use the closed funnel, the one stage_funnel gives by default."
    return f"{value:g}% is not the step conversion from Try to Buy."


def _node(answer: str) -> str:
    """A node as the flow table names it: "exit", "(exit)" and "Exit" are all (exit)."""
    text = answer.strip()
    return _EXIT if same_text(text.strip("()"), "exit") else text


@exercise(
    "08-after-trust",
    hints=[f'path_flow_table(events, steps=2, start="{FLOW_FROM}") lists where customers went right after their '
           f"first {FLOW_FROM}, with the most users first.",
           'The first row of that table names the most common next node: a stage, or "(exit)" when the path ends.',
           ],
    wrong="Try",
)
def _after_trust(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    from journeylab.analytics import path_flow_table

    answer = _one_text(answer)
    if not isinstance(answer, str):
        return not_text(answer, '"Like"')
    log = _sample_events() if events is None else events
    flow = path_flow_table(log, steps=2, start=FLOW_FROM)
    users = dict(zip(flow["target"].astype(str), flow["users"].astype(int)))
    most = max(users.values())
    best = [name for name, count in users.items() if count == most]
    given = _node(answer)
    name = next((target for target in users if same_text(given, target) or given == target), None)
    if name in best:
        return None
    if same_text(given, FLOW_FROM):
        return f"{FLOW_FROM} is where these paths start; the question asks where customers went next."
    if name is None:
        return (f"'{answer.strip()}' is not a node right after {FLOW_FROM} in the flow table; "
                f"its nodes there are {listed(list(users), 'and')}.")
    return f"{users[name]:,} customers went from {FLOW_FROM} to {name}; one node got more."
