"""How fast are the funnels on a big event log? A script, not a test.

Run from the project folder::

    .venv/bin/python benchmarks/bench_analytics.py            # 1,000,000 events, 150,000 users
    .venv/bin/python benchmarks/bench_analytics.py --events 200000 --users 30000 --course-sizes 200000

Two kinds of event log, each timed best-of-N in the same run against one bare
``groupby`` pass: the cheapest per-user question pandas can answer, so the ratio
is a yardstick that travels between machines.

* **Integer ids** (``--events``): a synthetic, funnel-shaped log with integer
  user ids (vectorised numpy, fixed seed); the bare pass is
  ``events.groupby("user_id")["timestamp"].min()``. The aim is a closed funnel
  of at most 5 bare passes, and a funnel with a 30-day window or a breakdown by
  a user-level column (a segment) of under 10 bare passes each.
* **The course's own data** (``--course-sizes``, 1M and 5M events by default):
  events as :func:`journeylab.synthetic.generate_events` makes them (text ids
  ``U00001``, touchpoints, channels), the same columns also as plain text. The
  bare pass is one ``groupby`` of integer user codes on the same rows. The aim
  is a closed funnel within 5 bare passes at every size, with linear growth:
  the same nanoseconds per event at 5M as at 1M.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not
from journeylab.analytics import (
    next_steps,
    stage_funnel,
    time_between_stages,
    time_to_convert,
    top_paths,
    transition_matrix,
)
from journeylab.frameworks import get_framework
from journeylab.synthetic import generate_events

STAGES = np.array(get_framework("hourglass").stage_names, dtype=object)
# Share of users whose journey ends at each stage: most stop early, some come back to refer.
LAST_STAGE_SHARES = np.array([0.40, 0.22, 0.14, 0.10, 0.07, 0.04, 0.03])
SEGMENTS = np.array(["Students", "Young families", "Renters", "Retirees"], dtype=object)


def synthetic_events(n_events: int, n_users: int, seed: int = 0) -> pd.DataFrame:
    """A shuffled event log: every user walks the stages in order up to a random last stage,
    plus extra events at random earlier-or-equal stages (visits back and forth)."""
    rng = np.random.default_rng(seed)
    last_stage = rng.choice(len(STAGES), size=n_users, p=LAST_STAGE_SHARES)
    steps = last_stage + 1
    path_user = np.repeat(np.arange(n_users), steps)
    first_row = np.repeat(np.cumsum(steps) - steps, steps)
    path_stage = np.arange(path_user.size) - first_row  # 0, 1, ... within each user
    start = rng.integers(0, 300 * 86_400, size=n_users)  # seconds into the year
    gaps = rng.exponential(3 * 86_400, size=path_user.size).astype(np.int64)
    elapsed = np.cumsum(gaps)
    path_seconds = start[path_user] + elapsed - elapsed[first_row]

    n_extra = max(n_events - path_user.size, 0)
    extra_user = rng.integers(0, n_users, size=n_extra)
    extra_stage = (rng.random(n_extra) * steps[extra_user]).astype(np.int64)
    extra_seconds = start[extra_user] + rng.integers(0, 30 * 86_400, size=n_extra)

    user = np.concatenate((path_user, extra_user))
    order = rng.permutation(user.size)
    seconds = np.concatenate((path_seconds, extra_seconds))[order]
    return pd.DataFrame(
        {
            "user_id": user[order] + 100_000,
            "timestamp": np.datetime64("2024-01-01", "ns") + seconds.astype("timedelta64[s]"),
            "stage": STAGES[np.concatenate((path_stage, extra_stage))[order]],
        }
    )


EVENTS_PER_USER = 49_644 / 17_000  # the committed course data: 17,000 users, 49,644 events
COURSE_CATEGORIES = ("user_id", "stage", "touchpoint", "channel")


def course_events(n_events: int) -> pd.DataFrame:
    """About ``n_events`` events as the package's own generator makes them (default seed, text user ids)."""
    return generate_events(users=max(round(n_events / EVENTS_PER_USER), 1))


def as_text(events: pd.DataFrame) -> pd.DataFrame:
    """The same table with the course's category columns as plain (pandas) text."""
    return events.astype({column: str for column in COURSE_CATEGORIES if column in events.columns})


def bare_pass(events: pd.DataFrame) -> Callable[[], object]:
    """The yardstick on these rows: one ``groupby`` of integer user codes (made once, not timed)."""
    frame = pd.DataFrame({"user": pd.factorize(events["user_id"])[0], "timestamp": events["timestamp"]})
    return lambda: frame.groupby("user")["timestamp"].min()


def report_sizes(title: str, seconds: dict[int, dict[str, float]], goals: dict[str, float]) -> None:
    """Seconds, nanoseconds per event and bare passes per case and size; the goals; growth from the
    smallest size to the largest (1.0 is linear: the same cost per event)."""
    print(title)
    for size, times in seconds.items():
        baseline = times["bare pass"]
        for name, best in times.items():
            print(f"  {size:>9,} events  {name:38s} {best:7.3f} s  {best / size * 1e9:7.0f} ns/event"
                  f"  {best / baseline:5.1f} bare passes")
    small, large = min(seconds), max(seconds)
    for name, goal in goals.items():
        for size, times in seconds.items():
            ratio = times[name] / times["bare pass"]
            print(f"  {name} at {size:,}: {ratio:.1f} bare passes, goal at most {goal:g}: "
                  f"{'met' if ratio <= goal else 'NOT met'}")
        if large > small:
            growth = (seconds[large][name] / large) / (seconds[small][name] / small)
            print(f"  {name}: ns/event at {large:,} / at {small:,} = {growth:.2f} (1.0 is linear)")


def best_times(cases: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The fastest of ``rounds`` runs of each case, in seconds.

    The cases take turns within each round, so a busy moment on the machine
    slows the baseline as much as the rest and the ratios stay fair.
    """
    fastest = dict.fromkeys(cases, float("inf"))
    for _ in range(rounds):
        for name, run in cases.items():
            started = time.perf_counter()
            run()
            fastest[name] = min(fastest[name], time.perf_counter() - started)
    return fastest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="integer-id case (0: skip it)")
    parser.add_argument("--users", type=int, default=150_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--course-sizes", type=int, nargs="*", default=[1_000_000, 5_000_000],
                        help="sizes of the course-shaped case (none: skip it)")
    args = parser.parse_args()
    if args.events:
        integer_ids(args)
    course_shaped(args.course_sizes, args.repeats, course_cases, {"closed funnel (as generated)": 5})


def course_shaped(sizes: list[int], repeats: int,
                  cases: Callable[[pd.DataFrame, pd.DataFrame], dict[str, Callable[[], object]]],
                  goals: dict[str, float]) -> None:
    """The ``cases`` on events as the generator makes them, and on the same columns as text, at each size."""
    seconds: dict[int, dict[str, float]] = {}
    for size in sizes:
        events = course_events(size)
        text = as_text(events)
        print(f"course-shaped: {len(events):,} events, {events['user_id'].nunique():,} users, "
              f"user_id {events['user_id'].dtype}, best of {repeats}", flush=True)
        seconds[len(events)] = best_times(cases(events, text), repeats)
    if seconds:
        report_sizes("course-shaped events (the package's generator):", seconds, goals)


def course_cases(events: pd.DataFrame, text: pd.DataFrame) -> dict[str, Callable[[], object]]:
    return {
        "bare pass": bare_pass(events),
        "closed funnel (as generated)": lambda: stage_funnel(events),
        "closed funnel (columns as text)": lambda: stage_funnel(text),
        "open funnel (as generated)": lambda: stage_funnel(events, closed=False),
        'breakdown="channel" (as generated)': lambda: stage_funnel(events, breakdown="channel"),
        "top_paths (as generated)": lambda: top_paths(events),
    }


def integer_ids(args: argparse.Namespace) -> None:
    """The synthetic log with integer user ids, every analysis."""
    events = synthetic_events(args.events, args.users)
    as_category = events.assign(stage=events["stage"].astype("category"))
    with_segment = events.assign(segment=SEGMENTS[events["user_id"].to_numpy() % len(SEGMENTS)])  # one per user
    print(
        f"{len(events):,} events, {events['user_id'].nunique():,} users, "
        f"stage column {events['stage'].dtype}, best of {args.repeats}"
    )
    cases: dict[str, Callable[[], object]] = {
        "bare groupby min": lambda: events.groupby("user_id")["timestamp"].min(),
        "stage_funnel(closed=True)": lambda: stage_funnel(events, closed=True),
        "stage_funnel(closed=False)": lambda: stage_funnel(events, closed=False),
        "transition_matrix": lambda: transition_matrix(events),
        "time_between_stages": lambda: time_between_stages(events),
        "closed funnel, stage as category": lambda: stage_funnel(as_category, closed=True),
        'stage_funnel(within="30D")': lambda: stage_funnel(events, within="30D"),
        'stage_funnel(breakdown="segment")': lambda: stage_funnel(with_segment, breakdown="segment"),
        'stage_funnel(freq="M")': lambda: stage_funnel(events, freq="M"),
        "stage_funnel(directly=True)": lambda: stage_funnel(events, directly=True),
        "time_to_convert": lambda: time_to_convert(events),
        "top_paths": lambda: top_paths(events),
        "next_steps": lambda: next_steps(events),
    }
    seconds = best_times(cases, args.repeats)
    baseline = seconds["bare groupby min"]
    for name, best in seconds.items():
        print(f"{name:34s} {best:7.3f} s  {best / baseline:5.1f} x bare groupby")
    ratio = seconds["stage_funnel(closed=True)"] / baseline
    print(f"closed funnel: {ratio:.1f} bare passes, goal at most 5: {'met' if ratio <= 5 else 'NOT met'}")
    for name in ('stage_funnel(within="30D")', 'stage_funnel(breakdown="segment")'):
        ratio = seconds[name] / baseline
        print(f"{name}: {ratio:.1f} bare passes, goal under 10: {'met' if ratio < 10 else 'NOT met'}")
    print()
    print(stage_funnel(events).round(3).to_string())
    print(flush=True)


if __name__ == "__main__":
    main()
