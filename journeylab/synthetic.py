"""The generators behind the course data: a synthetic case business, made from a seed.

Nothing here is real: :mod:`journeylab.data` says what the data sets hold and
checks them; this module invents them, deterministically, so that the same
seed always gives the same files byte for byte. ``journeylab data`` runs
:func:`write_datasets`; with :data:`~journeylab.schemas.DEFAULT_SEED` it rewrites
the committed course files (a test checks that they are equal).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeylab.schemas import (
    DEFAULT_SEED,
    FILE_NAMES,
    SCHEMAS,
    STAGES,
    SURVEY_CHANNELS,
    YEAR,
    Column,
    validate,
)

SEASON = np.array([0.85, 0.78, 0.88, 0.95, 1.0, 0.92, 0.74, 0.86, 1.0, 1.06, 1.48, 1.38])
"""Relative activity per month, January to December: quiet summer, busy November and December."""
WEAK_MONTH = 9  # September: a checkout problem ...
WEAK_MONTH_FACTOR = 0.55  # ... cuts the chance that a cart (or a trial) turns into an order to this share

__all__ = [
    "generate_customers",
    "generate_events",
    "generate_campaigns",
    "generate_activities",
    "write_datasets",
]


# --- generating: shared helpers ----------------------------------------------------------------


def _rng(seed: int, dataset: str) -> np.random.Generator:
    """One independent random stream per data set, so changing one leaves the others alone."""
    return np.random.default_rng([int(seed), list(SCHEMAS).index(dataset)])


def _pick(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One index per row of ``weights`` (rows need not sum to 1), all rows at once."""
    cumulative = np.cumsum(weights, axis=1)
    draws = rng.random(len(weights)) * cumulative[:, -1]
    return np.minimum((cumulative <= draws[:, None]).sum(axis=1), weights.shape[1] - 1)


# --- customers ---------------------------------------------------------------------------------

# Four hidden segments: eco-conscious young urbanites on Instagram, busy parents on Facebook
# and e-mail, price-hunting students on TikTok, affluent design lovers who visit the store.
# Each table has one row per segment and one weight per allowed value, in schema order.
_SEGMENT_SHARES = np.array([0.30, 0.28, 0.22, 0.20])
_AGE = np.array([[29, 4.5], [40, 5.0], [21.5, 2.2], [52, 8.0]])  # mean, spread
_ORDERS, _ORDER_VALUE, _SATISFACTION = (3.0, 5.0, 1.6, 3.5), (48, 62, 27, 135), (4.05, 3.7, 3.35, 4.4)
_PROFILES = {
    "gender": [[58, 35, 5, 2], [55, 42, 1, 2], [50, 43, 5, 2], [57, 40, 1, 2]],
    "region": [[55, 15, 15, 15], [30, 20, 28, 22], [45, 18, 20, 17], [58, 12, 18, 12]],
    "area": [[80, 15, 5], [20, 60, 20], [75, 15, 10], [50, 35, 15]],
    "household": [[40, 45, 10, 5], [3, 7, 90, 0], [25, 10, 0, 65], [20, 55, 25, 0]],
    "income_band": [[20, 50, 25, 5], [10, 45, 35, 10], [70, 25, 5, 0], [2, 18, 40, 40]],
    "motivation": [[79, 7, 7, 7], [7, 79, 7, 7], [7, 7, 79, 7], [7, 7, 7, 79]],
    "interest": [[30, 25, 10, 2, 5, 18, 6, 4], [8, 10, 27, 40, 3, 8, 3, 1],
                 [6, 12, 10, 2, 45, 18, 4, 3], [10, 4, 18, 4, 1, 13, 35, 15]],
    "device": [[75, 15, 10], [50, 30, 20], [90, 8, 2], [30, 45, 25]],
}
# Instagram, Facebook, TikTok, E-mail, Search, Store, LinkedIn, Blog
_CHANNEL_WEIGHTS = np.array([[55, 4, 8, 5, 8, 5, 3, 12], [8, 45, 1, 25, 10, 5, 2, 4],
                             [22, 3, 58, 2, 8, 3, 2, 2], [10, 4, 1, 12, 15, 38, 10, 10]], float)


def generate_customers(seed: int = DEFAULT_SEED, respondents: int = 2000) -> pd.DataFrame:
    """A synthetic customer survey for the case company, driven by four hidden segments.

    Grouping by ``motivation``, ``preferred_channel`` or age shows clearly
    different profiles; noise keeps them from being perfectly clean.

    >>> generate_customers(seed=1, respondents=5)["respondent_id"].tolist()
    ['R0001', 'R0002', 'R0003', 'R0004', 'R0005']
    """
    rng = _rng(seed, "customers")
    schema = SCHEMAS["customers"]
    segment = _pick(rng, np.tile(_SEGMENT_SHARES, (respondents, 1)))
    columns: dict[str, object] = {"respondent_id": [f"R{i:04d}" for i in range(1, respondents + 1)]}
    age = rng.normal(_AGE[segment, 0], _AGE[segment, 1])
    columns["age"] = np.clip(np.round(age), 18, 75).astype(int)
    for name, table in _PROFILES.items():
        columns[name] = np.array(schema[name].allowed)[_pick(rng, np.array(table, float)[segment])]
    weights = _CHANNEL_WEIGHTS[segment]
    preferred = _pick(rng, weights)
    weights[np.arange(respondents), preferred] = 0.0  # the second choice differs from the first
    columns["preferred_channel"] = np.array(SURVEY_CHANNELS)[preferred]
    columns["second_channel"] = np.array(SURVEY_CHANNELS)[_pick(rng, weights)]
    orders = rng.poisson(np.take(_ORDERS, segment) * rng.lognormal(0.0, 0.35, respondents))
    value = np.round(np.take(_ORDER_VALUE, segment) * rng.lognormal(0.0, 0.28, respondents), 2)
    days = np.floor(rng.beta(1.0, np.maximum(orders, 1)) * 365)
    columns["orders_last_year"] = orders
    columns["average_order_value"] = np.where(orders > 0, value, np.nan)
    columns["days_since_last_purchase"] = np.where(orders > 0, days, np.nan)
    mood = np.take(_SATISFACTION, segment) + rng.normal(0.0, 0.75, respondents)
    columns["csat"] = np.clip(np.round(mood), 1, 5).astype(int)
    recommend = 2.2 * mood - 0.6 + rng.normal(0.0, 1.1, respondents)
    columns["likelihood_to_recommend"] = np.clip(np.round(recommend), 0, 10).astype(int)
    return validate(pd.DataFrame({name: columns[name] for name in schema}), "customers", source="generated customers")


# --- events ------------------------------------------------------------------------------------

# (channel, touchpoint, weight) per stage. The store is common while customers orient
# themselves (Like, Trust, Try) but rarely where they pay.
_TOUCHPOINTS = {
    "Know": (("Instagram", "Instagram ad", 26), ("Instagram", "Instagram post", 10), ("TikTok", "TikTok video", 16),
             ("Facebook", "Facebook ad", 16), ("Search", "Search result", 16), ("Search", "Search ad", 8),
             ("Store", "Shop window", 4), ("Referral", "Friend's recommendation", 4)),
    "Like": (("Website", "Home page", 22), ("Website", "Product page", 25), ("Blog", "Blog article", 13),
             ("Instagram", "Instagram profile", 12), ("E-mail", "Newsletter", 12), ("Store", "Store visit", 16)),
    "Trust": (("Website", "Reviews page", 38), ("Website", "Customer photos", 14), ("Blog", "Buying guide", 12),
              ("Website", "FAQ page", 12), ("Store", "Store visit", 24)),
    "Try": (("Website", "Free sample", 28), ("Website", "Wishlist", 20), ("Website", "Room planner", 18),
            ("Store", "Store visit", 34)),
    "Buy": (("Website", "Checkout (Web)", 95), ("Store", "Store till", 5)),
    "Repeat": (("E-mail", "Reorder e-mail", 35), ("E-mail", "Thank-you e-mail", 20), ("Website", "Loyalty club", 20),
               ("Website", "Repeat order (Web)", 15), ("Website", "Customer service chat", 10)),
    "Refer": (("Referral", "Referral link", 50), ("Website", "Product review", 30), ("Instagram", "Tagged post", 20)),
}
# Chance of the next event's stage (Know ... Refer) from each stage; the rest of a row is
# the chance of leaving. The diagonal is another event in the same stage; below it, going back.
_MOVES = np.array([
    [0.25, 0.28, 0.02, 0.01, 0.006, 0.0, 0.0],
    [0.0, 0.30, 0.40, 0.05, 0.015, 0.0, 0.0],
    [0.0, 0.06, 0.25, 0.45, 0.03, 0.0, 0.0],
    [0.0, 0.02, 0.10, 0.30, 0.16, 0.0, 0.0],
    [0.0, 0.04, 0.0, 0.0, 0.10, 0.62, 0.04],
    [0.0, 0.03, 0.0, 0.0, 0.0, 0.35, 0.40],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.10, 0.25],
])
# How much more (or less) likely users who first met the shop on each channel move on from Know.
_FIRST_CHANNEL_PULL = {"Instagram": 1.0, "TikTok": 0.7, "Facebook": 0.95, "Search": 1.35, "Store": 1.3,
                       "Referral": 1.6}
_STORE_PULL = 1.5  # a store visit while orienting makes buying (online) more likely


def _gap_hours() -> np.ndarray:
    """Typical hours between an event in one stage and the next: minutes to weeks."""
    hours = np.full((7, 7), 36.0)  # moving forward: a day or two
    hours[np.tril_indices(7, -1)] = 20.0  # going back to look again
    hours[np.diag_indices(7)] = 1.5  # another event in the same stage
    hours[5, 5], hours[6, 6] = 24 * 30, 24 * 5  # repeat orders are weeks apart
    hours[4, 5], hours[4, 6], hours[5, 6] = 24 * 30, 24 * 20, 24 * 12
    return hours


def generate_events(seed: int = DEFAULT_SEED, users: int = 17000) -> pd.DataFrame:
    """A synthetic touchpoint event log of one year, sorted by user and time.

    ``user_id``, ``channel``, ``touchpoint`` and ``stage`` are pandas categories
    (:func:`~journeylab.schemas.event_categories`), as the loaders return them.

    Every user starts in Know; from there each user moves on, stays, goes back,
    skips ahead or leaves, following ``_MOVES``. All users are simulated
    together, one event per step, so a year of events takes well under a second.

    >>> events = generate_events(seed=1, users=50)
    >>> events["user_id"].iloc[0], events["stage"].iloc[0]
    ('U00001', 'Know')
    """
    rng = _rng(seed, "events")
    year_start = np.datetime64(f"{YEAR}-01-01T00:00:00")
    month_starts = (np.arange(f"{YEAR}-01", f"{YEAR + 1}-01", dtype="datetime64[M]").astype("datetime64[s]")
                    - year_start).astype(np.int64)
    year_seconds = int((np.datetime64(f"{YEAR + 1}-01-01T00:00:00") - year_start).astype(np.int64))
    month_days = np.diff(np.append(month_starts, year_seconds)) // 86400
    month = _pick(rng, np.tile(SEASON * month_days, (users, 1)))
    busy_hours = [1, 1, 1, 1, 1, 2, 3, 5, 6, 6, 6, 7, 9, 7, 6, 6, 6, 7, 9, 11, 12, 10, 6, 3]  # lunch, evening
    hour = _pick(rng, np.tile(busy_hours, (users, 1)))
    day = rng.integers(0, month_days[month])
    clock = month_starts[month] + day * 86400 + hour * 3600 + rng.integers(0, 3600, users)

    tables = [np.array(_TOUCHPOINTS[stage], dtype=object) for stage in STAGES]
    offsets = np.cumsum([0] + [len(table) for table in tables])
    touchpoint_channel = np.concatenate([table[:, 0] for table in tables]).astype(str)
    touchpoint_name = np.concatenate([table[:, 1] for table in tables]).astype(str)
    pull = np.ones(users)
    store_seen = np.zeros(users, dtype=bool)
    stage = np.zeros(users, dtype=int)
    time = clock.astype(float)
    active = np.arange(users)
    log_gaps = np.log(_gap_hours() * 3600)
    recorded: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    while active.size:
        where = stage[active]
        touchpoint = np.empty(active.size, dtype=int)
        for stage_number, table in enumerate(tables):
            here = np.flatnonzero(where == stage_number)
            touchpoint[here] = offsets[stage_number] + _pick(rng, np.tile(table[:, 2].astype(float), (here.size, 1)))
        recorded.append((active, time[active], touchpoint))
        channel = touchpoint_channel[touchpoint]
        if len(recorded) == 1:  # everyone's first event is in Know
            pull = np.array([_FIRST_CHANNEL_PULL[name] for name in channel])
        store_seen[active[(channel == "Store") & (where >= 1) & (where <= 3)]] = True

        chances = _MOVES[where].copy()
        know = where == 0
        chances[know, 1:] *= pull[active[know], None]
        trying = where == 3
        in_weak_month = np.searchsorted(month_starts, time[active[trying]], side="right") == WEAK_MONTH
        chances[trying, 4] *= np.where(store_seen[active[trying]], _STORE_PULL, 1.0)
        chances[trying, 4] *= np.where(in_weak_month, WEAK_MONTH_FACTOR, 1.0)
        chances = np.column_stack([chances, np.clip(1.0 - chances.sum(axis=1), 0.0, None)])  # last: leave
        following = _pick(rng, chances)
        stays = following < 7
        following = np.minimum(following, 6)
        gap = np.exp(rng.normal(log_gaps[where, following], 1.0))
        next_time = time[active] + np.maximum(gap, 60.0)
        stays &= next_time < year_seconds
        active, stage_next, time_next = active[stays], following[stays], next_time[stays]
        stage[active], time[active] = stage_next, time_next

    user = np.concatenate([part[0] for part in recorded])
    seconds = np.floor(np.concatenate([part[1] for part in recorded])).astype(np.int64)
    touchpoint = np.concatenate([part[2] for part in recorded])
    number = np.empty(users, dtype=int)
    number[np.argsort(clock, kind="stable")] = np.arange(1, users + 1)  # U00001 is the earliest visitor
    order = np.lexsort((seconds, number[user]))
    stage_of_touchpoint = np.repeat(np.arange(7), np.diff(offsets))
    touchpoint = touchpoint[order]

    def category(values: np.ndarray) -> pd.Categorical:  # built from codes: no text per event
        names, codes = np.unique(values, return_inverse=True)
        return pd.Categorical.from_codes(codes.reshape(-1)[touchpoint], categories=names)

    frame = pd.DataFrame({
        "user_id": pd.Categorical.from_codes(number[user][order] - 1, categories=np.char.add(
            "U", np.char.zfill(np.arange(1, users + 1).astype(str), 5))),
        "timestamp": year_start + seconds[order].astype("timedelta64[s]"),
        "channel": category(touchpoint_channel),
        "touchpoint": category(touchpoint_name),
        "stage": pd.Categorical.from_codes(stage_of_touchpoint[touchpoint], categories=STAGES),
    })
    return validate(frame, "events", source="generated events")  # which makes the categories those in use


# --- campaigns ---------------------------------------------------------------------------------


def generate_campaigns(seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Synthetic monthly metrics per hourglass stage: one row per month and stage.

    The months follow :data:`SEASON` (a November and December peak); in
    September a checkout problem makes far fewer carts become orders. Counts
    are drawn as binomials of the count they come from, so reach, clicks,
    bounces, orders and churn can never exceed it.

    >>> campaigns = generate_campaigns()
    >>> len(campaigns), campaigns["stage"].iloc[:7].tolist() == list(STAGES)
    (84, True)
    """
    rng = _rng(seed, "campaigns")
    months = len(SEASON)

    def noisy(base: float, spread: float = 0.06) -> np.ndarray:
        return base * SEASON * rng.lognormal(0.0, spread, months)

    def share(counts: np.ndarray, rate: float | np.ndarray, spread: float = 0.06) -> np.ndarray:
        return rng.binomial(counts, np.clip(rate * rng.lognormal(0.0, spread, months), 0.0, 1.0))

    metrics: dict[str, dict[str, np.ndarray]] = {stage: {} for stage in STAGES}
    know, like, trust, attempt, buy = (metrics[stage] for stage in STAGES[:5])
    know["impressions"] = np.round(noisy(420_000)).astype(np.int64)
    know["reach"] = share(know["impressions"], 0.40)
    know["clicks"] = share(know["impressions"], 0.011, 0.1)
    like["impressions"] = np.round(noisy(150_000)).astype(np.int64)
    like["reach"] = share(like["impressions"], 0.55)
    like["clicks"] = share(like["impressions"], 0.03, 0.1)
    like["sessions"] = know["clicks"] + like["clicks"] + np.round(noisy(9_000)).astype(np.int64)
    like["bounces"] = share(like["sessions"], 0.46)
    trust["sessions"] = share(like["sessions"], 0.34)
    trust["bounces"] = share(trust["sessions"], 0.28)
    attempt["sessions"] = share(trust["sessions"], 0.55)
    attempt["sign_ups"] = share(attempt["sessions"], 0.22)
    buy["sessions"] = share(attempt["sessions"], 0.70)
    buy["carts"] = share(buy["sessions"], 0.38)
    checkout_problem = np.where(np.arange(1, months + 1) == WEAK_MONTH, WEAK_MONTH_FACTOR, 1.0)
    buy["orders"] = share(buy["carts"], 0.31 * checkout_problem, 0.04)
    customers = np.empty(months, dtype=np.int64)
    churned = np.empty(months, dtype=np.int64)
    customers[0] = 5200
    for month in range(months):  # the customer base grows with new buyers and shrinks with churn
        churned[month] = rng.binomial(customers[month], 0.035 * rng.lognormal(0.0, 0.1))
        if month + 1 < months:
            customers[month + 1] = customers[month] + round(0.7 * buy["orders"][month]) - churned[month]
    metrics["Repeat"] = {"customers": customers, "churned_customers": churned,
                         "repeat_orders": rng.binomial(customers, np.clip(0.075 * SEASON, 0, 1))}
    metrics["Refer"] = {"customers": customers, "referrals": rng.binomial(customers, 0.011 * SEASON)}

    rows = []
    for month in range(months):
        for stage in STAGES:
            row: dict[str, Any] = {name: None for name in SCHEMAS["campaigns"]}
            row.update({name: int(values[month]) for name, values in metrics[stage].items()})
            row.update(month=f"{YEAR}-{month + 1:02d}", stage=stage)
            rows.append(row)
    return validate(pd.DataFrame(rows, columns=list(SCHEMAS["campaigns"])), "campaigns", source="generated campaigns")


# --- activities --------------------------------------------------------------------------------

_ACTIVITIES = (
    ("Become the brand eco-conscious renters think of first for affordable homeware.", "strategy", "Know"),
    ("Post three Instagram reels a week showing the products in real homes.", "tactic", "Know"),
    ("Reach busy parents where they already spend time online instead of waiting for them to search.",
     "strategy", "Know"),
    ("Buy search ads on the phrases 'sustainable bedding' and 'storage for small flats'.", "tactic", "Know"),
    ("Run a six-week TikTok series in October on making over a student room on a small budget.", "tactic", "Know"),
    ("Grow awareness through customers' own homes rather than through price-led advertising.", "strategy", "Know"),
    ("Make every channel sound like a friend who knows about homes, not like a discount shop.", "strategy", "Like"),
    ("Publish a blog article every Tuesday with storage ideas for small flats.", "tactic", "Like"),
    ("Send new subscribers a welcome series of three e-mails with styling tips.", "tactic", "Like"),
    ("Win over design lovers by showing the craft and the makers behind each product.", "strategy", "Like"),
    ("Add a 'Shop the room' section with photos of each collection in use to the home page.", "tactic", "Like"),
    ("Turn the website into a place where visitors recognise their own problems and taste.", "strategy", "Like"),
    ("Let customers, not the brand, do the talking about quality.", "strategy", "Trust"),
    ("Show the star rating and the three newest reviews on every product page.", "tactic", "Trust"),
    ("Be open about where and how every product is made, so that sceptical buyers can check our claims.",
     "strategy", "Trust"),
    ("Answer every Google review within two working days.", "tactic", "Trust"),
    ("Use the store as the place where online browsers come to see and feel the quality.", "strategy", "Trust"),
    ("Ask five customers a month for a photo of the product in their home for the website gallery.",
     "tactic", "Trust"),
    ("Lower the risk of a first purchase so that hesitant visitors dare to take a small first step.",
     "strategy", "Try"),
    ("Send free fabric samples within two days to anyone who orders them online.", "tactic", "Try"),
    ("Hold a Saturday styling workshop in the store once a month.", "tactic", "Try"),
    ("Make the store the easiest place to try before buying for shoppers who want to touch the fabrics.",
     "strategy", "Try"),
    ("Launch an online room planner where visitors place products in a photo of their own room.", "tactic", "Try"),
    ("Offer a first step for every budget, so that students can try the brand as easily as big spenders.",
     "strategy", "Try"),
    ("Make buying as easy on a phone as it is in the store.", "strategy", "Buy"),
    ("Cut the checkout from four steps to two and offer checkout without an account.", "tactic", "Buy"),
    ("Compete on service and design, not on the lowest price.", "strategy", "Buy"),
    ("Show delivery costs and delivery dates on the product page, before the cart.", "tactic", "Buy"),
    ("Remove every surprise between the cart and the order confirmation.", "strategy", "Buy"),
    ("Send a reminder e-mail one day after a cart is left behind.", "tactic", "Buy"),
    ("Turn first-time buyers into regulars by following up after every delivery.", "strategy", "Repeat"),
    ("Send a reorder e-mail for candles and cleaning products eight weeks after the order.", "tactic", "Repeat"),
    ("Build a loyalty club that rewards sustainable choices, such as handing in old textiles.", "strategy", "Repeat"),
    ("Phone every customer whose order arrived damaged within one working day.", "tactic", "Repeat"),
    ("Keep busy parents supplied with everyday items without them having to think about it.", "strategy", "Repeat"),
    ("Give loyalty club members early access to the November sale.", "tactic", "Repeat"),
    ("Build a system that asks for referrals instead of hoping they happen.", "strategy", "Refer"),
    ("Add a 'give 10%, get 10%' referral link to every order confirmation e-mail.", "tactic", "Refer"),
    ("Make our happiest customers, the design lovers, the public face of the brand.", "strategy", "Refer"),
    ("Send a review request with a photo upload link two weeks after delivery.", "tactic", "Refer"),
    ("Grow through recommendations from happy customers rather than through more advertising.", "strategy", "Refer"),
    ("Feature one customer's home on Instagram every Friday and tag them in the post.", "tactic", "Refer"),
)


def generate_activities() -> pd.DataFrame:
    """The fixed teaching set of marketing statements (no randomness: the text is the lesson).

    >>> generate_activities().iloc[1].tolist()
    ['A02', 'Post three Instagram reels a week showing the products in real homes.', 'tactic', 'Know']
    """
    frame = pd.DataFrame(_ACTIVITIES, columns=["statement", "kind", "stage"])
    frame.insert(0, "activity_id", [f"A{number:02d}" for number in range(1, len(frame) + 1)])
    return validate(frame, "activities", source="generated activities")


# --- writing -----------------------------------------------------------------------------------


def _cells(series: pd.Series, column: Column) -> list[str]:
    """One column as CSV text, formatted by hand so every pandas version writes the same bytes."""
    if column.kind == "timestamp":
        return np.datetime_as_string(series.to_numpy().astype("datetime64[s]"), unit="s").tolist()
    values = series.to_numpy(dtype=object, na_value=None)
    if column.kind == "float":
        return ["" if value is None else f"{value:.2f}" for value in values]
    if column.kind == "int":
        return ["" if value is None else str(int(value)) for value in values]
    return [str(value) for value in values]


def write_datasets(directory: str | Path, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Generate all four data sets and write them as CSV files into ``directory``.

    The same seed always gives the same bytes. This is what ``journeylab data``
    runs; with the default seed it rewrites the committed course files.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_datasets(folder)
    ...     [path.name for path in paths.values()]
    ['customers.csv', 'events.csv', 'campaigns.csv', 'activities.csv']
    """
    frames = {"customers": generate_customers(seed), "events": generate_events(seed),
              "campaigns": generate_campaigns(seed), "activities": generate_activities()}
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, frame in frames.items():
        schema = SCHEMAS[name]
        columns = [_cells(frame[column_name], column) for column_name, column in schema.items()]
        paths[name] = directory / FILE_NAMES[name]
        with open(paths[name], "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(schema)
            writer.writerows(zip(*columns))
    return paths
