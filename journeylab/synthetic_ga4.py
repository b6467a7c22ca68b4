"""A synthetic GA4 export: Nordlys Home's web shop as Google Analytics 4 would export it to BigQuery, made from a seed.

Nothing here is real. Visitors come through a mix of sources (search, social,
the newsletter ...), return in later sessions through other ones, browse,
look at products, fill a cart and sometimes buy; GA4's own technical events
(``session_start``, ``scroll``, ``user_engagement``) are mixed in, as in a real
export. :func:`write_ga4_export` writes one file per day (``events_YYYYMMDD``)
in BigQuery's shapes: newline-delimited JSON (INT64 values as text) or
Parquet. The committed sample ``data/ga4_sample/`` is :data:`SAMPLE` made with
:data:`~journeylab.schemas.DEFAULT_SEED` (a test checks it); notebook 08 reads it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from journeylab.schemas import DEFAULT_SEED

__all__ = ["SOURCES", "SAMPLE", "SAMPLE_STAGES", "generate_ga4_events", "write_ga4_export", "sample_folder"]

SOURCES = (  # source, medium, campaign, weight for a first visit, weight for a return visit
    ("(direct)", "(none)", "", 18, 30),
    ("google", "organic", "", 26, 18),
    ("google", "cpc", "brand", 10, 6),
    ("instagram", "social", "", 12, 5),
    ("instagram", "paid_social", "spring", 10, 3),
    ("facebook", "cpc", "spring", 6, 2),
    ("tiktok", "social", "", 5, 1),
    ("newsletter", "email", "weekly", 3, 25),
    ("interiorblog.example", "referral", "", 10, 10),
)
"""Where sessions come from; returning visitors come more often directly and through the newsletter."""

_PAGES = ("Home", "Living room", "Kitchen", "Plants & pots", "Sale", "Our story", "Reviews", "Delivery")


@dataclass(frozen=True)
class ExportSize:
    """How big an export to make: visitors, and the first day and number of days."""

    visitors: int
    start: str
    days: int


SAMPLE = ExportSize(visitors=400, start="2024-03-01", days=14)
"""The committed sample: two weeks, a few thousand events."""

SAMPLE_STAGES = {"first_visit": "Know", "page_view": "Like", "view_item": "Trust", "add_to_cart": "Try",
                 "purchase": "Buy", "session_start": None, "scroll": None, "user_engagement": None,
                 "begin_checkout": None}
"""The stage map notebook 08 starts from for the sample."""

_EVENT_ORDER = ("session_start", "first_visit", "page_view", "scroll", "user_engagement", "view_item",
                "add_to_cart", "begin_checkout", "purchase")


def generate_ga4_events(seed: int = DEFAULT_SEED, size: ExportSize = SAMPLE) -> pd.DataFrame:
    """The export's events as a flat table (one row per event), before it is written in BigQuery's nested shape."""
    rng = np.random.default_rng([int(seed), 18])
    visitors = size.visitors
    sessions_per = np.minimum(rng.geometric(0.45, visitors), 8)
    session_user = np.repeat(np.arange(visitors), sessions_per)
    first_start = np.repeat(rng.random(visitors) * size.days * 86_400, sessions_per)
    number = np.arange(len(session_user)) - np.repeat(np.cumsum(sessions_per) - sessions_per, sessions_per)
    gaps = np.where(number == 0, 0.0, rng.exponential(2.5 * 86_400, len(session_user)))
    starts = first_start + _cumulative_by_group(gaps, session_user)
    inside = starts < size.days * 86_400
    session_user, number, starts = session_user[inside], number[inside], starts[inside]
    weights = np.array([[row[3], row[4]] for row in SOURCES], dtype=float)
    first = number == 0
    source = np.where(first, _pick(rng, weights[:, 0], len(first)), _pick(rng, weights[:, 1], len(first)))
    engaged = 1.0 + 0.35 * np.minimum(number, 3)  # returning visitors look further
    pages = 1 + rng.poisson(1.4 * engaged)
    viewed = rng.random(len(first)) < 0.32 * engaged
    carted = viewed & (rng.random(len(first)) < 0.30 * engaged)
    checkout = carted & (rng.random(len(first)) < 0.65)
    bought = checkout & (rng.random(len(first)) < 0.70)
    counts = {"session_start": np.ones(len(first), int), "first_visit": first.astype(int), "page_view": pages,
              "scroll": rng.binomial(pages, 0.45), "user_engagement": (rng.random(len(first)) < 0.6).astype(int),
              "view_item": viewed * (1 + rng.poisson(0.6, len(first))), "add_to_cart": carted.astype(int),
              "begin_checkout": checkout.astype(int), "purchase": bought.astype(int)}
    parts = []
    for rank, name in enumerate(_EVENT_ORDER):
        session = np.repeat(np.arange(len(first)), counts[name])
        parts.append(pd.DataFrame({"session": session, "rank": rank, "event_name": name}))
    events = pd.concat(parts, ignore_index=True).sort_values(["session", "rank"], kind="stable", ignore_index=True)
    step = np.arange(len(events)) - np.repeat(*_group_starts(events["session"].to_numpy()))
    pauses = np.where(step == 0, 0.0, rng.uniform(4, 70, len(events)))  # 4 to 70 seconds after the event before
    seconds = starts[events["session"]] + _cumulative_by_group(pauses, events["session"].to_numpy())
    micro = (np.datetime64(size.start, "s").astype(np.int64) + seconds) * 1_000_000
    page = np.where(events["event_name"].isin(["page_view", "scroll"]), rng.integers(0, len(_PAGES), len(events)), -1)
    page = np.where(events["event_name"].isin(["view_item", "add_to_cart"]), 1 + rng.integers(0, 3, len(events)), page)
    user = session_user[events["session"]]
    session_source = source[events["session"]]
    first_source = np.zeros(visitors, dtype=int)
    first_source[session_user[first]] = source[first]
    table = pd.DataFrame({
        "user_pseudo_id": [f"{100000000 + code * 7919 % 900000000}.{1700000000 + code}" for code in user],
        "event_timestamp": micro.round().astype(np.int64),
        "event_name": events["event_name"].to_numpy(),
        "ga_session_id": (starts[events["session"]] // 1).astype(np.int64) + 1709251200,
        "page_title": [_PAGES[code] if code >= 0 else None for code in page],
        "session_source": session_source,
        "first_source": first_source[user],
        "session_first": step == 0,
    })
    return table.sort_values(["event_timestamp", "user_pseudo_id"], kind="stable", ignore_index=True)


def write_ga4_export(directory: str | os.PathLike[str], seed: int = DEFAULT_SEED, size: ExportSize = SAMPLE,
                     format: str = "json") -> list[Path]:
    """Write the export, one ``events_YYYYMMDD`` file per day: ``"json"`` (gzipped NDJSON) or ``"parquet"``."""
    import duckdb

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    flat = generate_ga4_events(seed, size)
    sources = pd.DataFrame(SOURCES, columns=["source", "medium", "campaign", "first", "later"]).reset_index()
    flat["event_date"] = pd.to_datetime(flat["event_timestamp"], unit="us").dt.strftime("%Y%m%d")
    connection = duckdb.connect()
    connection.execute("SET threads = 1")  # one writer: rows in the same order every time
    connection.register("flat", flat)
    connection.register("sources", sources)
    integer = "VARCHAR" if format == "json" else "BIGINT"  # BigQuery writes INT64 as text in JSON
    files = []
    for day in sorted(flat["event_date"].unique()):
        path = folder / (f"events_{day}.json.gz" if format == "json" else f"events_{day}.parquet")
        options = "FORMAT json, COMPRESSION gzip" if format == "json" else "FORMAT parquet"
        connection.execute(f"""COPY (
          SELECT event_date, CAST(event_timestamp AS {integer}) AS event_timestamp, event_name,
            list_filter([
              {{'key': 'ga_session_id', 'value': {{'string_value': NULL::VARCHAR, 'int_value': CAST(ga_session_id AS {integer})}}}},
              {{'key': 'page_title', 'value': {{'string_value': page_title, 'int_value': NULL::{integer}}}}}],
              lambda p: p.key <> 'page_title' OR p.value.string_value IS NOT NULL) AS event_params,
            user_pseudo_id,
            {{'name': NULLIF(f.campaign, ''), 'medium': f.medium, 'source': f.source}} AS traffic_source,
            CASE WHEN session_first AND s.source <> '(direct)' THEN {{
              'manual_campaign_name': NULLIF(s.campaign, ''), 'manual_source': s.source, 'manual_medium': s.medium,
              'gclid': CASE WHEN s.medium = 'cpc' AND s.source = 'google' THEN 'gclid-' || ga_session_id END}} END
              AS collected_traffic_source,
            {{'manual_campaign': {{'campaign_name': NULLIF(s.campaign, ''), 'source': s.source, 'medium': s.medium}}}}
              AS session_traffic_source_last_click
          FROM flat JOIN sources s ON s.index = flat.session_source JOIN sources f ON f.index = flat.first_source
          WHERE event_date = '{day}'
          ORDER BY flat.event_timestamp, user_pseudo_id, event_name
        ) TO '{path}' ({options})""")
        files.append(path)
    connection.close()
    return files


def sample_folder() -> Path:
    """The committed sample, ``data/ga4_sample`` of a course folder, or the same files written afresh.

    Outside a course folder (the package installed from a wheel) the sample is
    written once into the computer's temporary folder, as the course data is
    made afresh from its seed; the folder's name changes with this module, so
    a copy from an older generator is never read.
    """
    from journeylab.folders import course_folders

    for course in course_folders():  # a cohort's workbook is a course folder without data/: look further
        if (course / "data" / "ga4_sample").is_dir():
            return course / "data" / "ga4_sample"
    version = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:10]
    target = Path(tempfile.gettempdir()) / f"journeylab-ga4-sample-{DEFAULT_SEED}-{version}"
    if not target.is_dir():
        scratch = Path(tempfile.mkdtemp(prefix=".journeylab-ga4-sample-", dir=target.parent))
        write_ga4_export(scratch)
        try:
            os.replace(scratch, target)  # at once: a run that loses the race reads the winner's files
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def _pick(rng: np.random.Generator, weights: np.ndarray, count: int) -> np.ndarray:
    return rng.choice(len(weights), size=count, p=weights / weights.sum())


def _cumulative_by_group(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Running sums of ``values`` that start again at each new ``group`` (groups come in runs)."""
    total = np.cumsum(values)
    starts, lengths = _group_starts(group)
    before = np.repeat(total[starts] - values[starts], lengths)
    return total - before


def _group_starts(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal values starts, and how long it is."""
    starts = np.flatnonzero(np.diff(group, prepend=group[:1] - 1) != 0)
    return starts, np.diff(np.append(starts, len(group)))
