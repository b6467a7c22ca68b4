"""How fast is attribution on a big event log? A script, not a test.

Run from the project folder::

    .venv/bin/python benchmarks/bench_attribution.py            # 1,000,000 events, 150,000 users
    .venv/bin/python benchmarks/bench_attribution.py --events 200000 --users 30000

It builds a synthetic touchpoint event log (vectorised numpy, fixed seed): every
user walks the hourglass up to a random last stage, with one or more touches
at each stage picked from that stage's touchpoints, a few steps back, and rows
shuffled. It times ``paths_from_events`` followed by ``markov_removal_effects``,
best of N in the same run, against one bare
``events.groupby("user_id")["timestamp"].min()`` pass, the cheapest per-user
question pandas can answer, so the ratio travels between machines. The aim is
under 10 bare passes.

It then does the same on the course's own data (``--course-sizes``, 1M and 5M
events by default): events as :func:`journeylab.synthetic.generate_events`
makes them (text ids ``U00001``), and the same columns as plain text, against
one ``groupby`` of integer user codes on the same rows. The aim there is paths
+ Markov within 10 bare passes at every size, growing linearly from 1M to 5M.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not
from journeylab.attribution import markov_removal_effects, paths_from_events, touchpoint_importance
from journeylab.frameworks import get_framework

from bench_analytics import (  # the same fair timing loop and course data (run from this folder)
    bare_pass,
    best_times,
    course_shaped,
)

HOURGLASS = get_framework("hourglass")
STAGES = np.array(HOURGLASS.stage_names, dtype=object)
# Share of users whose journey ends at each stage: most stop early; Buy and later have converted.
LAST_STAGE_SHARES = np.array([0.40, 0.22, 0.14, 0.10, 0.07, 0.04, 0.03])
TOUCHES_PER_STAGE = 4  # the framework's typical touchpoints of each stage


def synthetic_events(n_events: int, n_users: int, seed: int = 0) -> pd.DataFrame:
    """A shuffled touchpoint log of about ``n_events`` rows (exactly, once trimmed)."""
    rng = np.random.default_rng(seed)
    last_stage = rng.choice(len(STAGES), size=n_users, p=LAST_STAGE_SHARES)
    steps = last_stage + 1
    # Touches per (user, stage) visited: 1 + Poisson, scaled so the log has about n_events rows.
    extra_rate = max(n_events / steps.sum() - 1.0, 0.0)
    step_user = np.repeat(np.arange(n_users), steps)
    step_stage = np.arange(step_user.size) - np.repeat(np.cumsum(steps) - steps, steps)
    touches = 1 + rng.poisson(extra_rate, size=step_user.size)
    user = np.repeat(step_user, touches)
    stage = np.repeat(step_stage, touches)
    going_back = (rng.random(user.size) < 0.05) & (stage > 0) & (stage < 4)  # look again at an earlier stage
    stage = np.where(going_back, stage - 1, stage)
    touchpoint_index = rng.integers(0, TOUCHES_PER_STAGE, size=user.size)
    names = np.array([[f"{name} ({stage_name})" for name in HOURGLASS.stage(stage_name).touchpoints[:TOUCHES_PER_STAGE]]
                      for stage_name in HOURGLASS.stage_names], dtype=object)
    start = rng.integers(0, 300 * 86_400, size=n_users)
    gaps = rng.exponential(86_400, size=user.size).astype(np.int64)
    elapsed = np.cumsum(gaps)
    first_row = np.repeat(np.cumsum(np.bincount(user, minlength=n_users)) - np.bincount(user, minlength=n_users),
                          np.bincount(user, minlength=n_users))
    seconds = start[user] + elapsed - elapsed[first_row]
    keep = rng.permutation(user.size)[:n_events]  # shuffle (and trim to the size asked for)
    return pd.DataFrame({
        "user_id": user[keep] + 100_000,
        "timestamp": np.datetime64("2024-01-01", "ns") + seconds[keep].astype("timedelta64[s]"),
        "touchpoint": names[stage[keep], touchpoint_index[keep]],
        "stage": STAGES[stage[keep]],
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="integer-id case (0: skip it)")
    parser.add_argument("--users", type=int, default=150_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--course-sizes", type=int, nargs="*", default=[1_000_000, 5_000_000],
                        help="sizes of the course-shaped case (none: skip it)")
    args = parser.parse_args()
    if args.events:
        integer_ids(args)
    course_shaped(args.course_sizes, args.repeats, course_cases, {"paths + markov (as generated)": 10})


def course_cases(events: pd.DataFrame, text: pd.DataFrame) -> dict[str, Callable[[], object]]:
    return {
        "bare pass": bare_pass(events),
        "paths + markov (as generated)": lambda: markov_removal_effects(paths_from_events(events)),
        "paths + markov (columns as text)": lambda: markov_removal_effects(paths_from_events(text)),
        'paths + markov (by="channel")': lambda: markov_removal_effects(paths_from_events(events, by="channel")),
        "touchpoint_importance (as generated)": lambda: touchpoint_importance(events),
    }


def integer_ids(args: argparse.Namespace) -> None:
    """The synthetic touchpoint log with integer user ids."""

    events = synthetic_events(args.events, args.users)
    paths = paths_from_events(events)
    print(f"{len(events):,} events, {events['user_id'].nunique():,} users, {len(paths):,} distinct paths, "
          f"{int(paths['conversions'].sum()):,} conversions, best of {args.repeats}")
    cases: dict[str, Callable[[], object]] = {
        "bare groupby min": lambda: events.groupby("user_id")["timestamp"].min(),
        "paths_from_events": lambda: paths_from_events(events),
        "markov_removal_effects": lambda: markov_removal_effects(paths),
        "paths + markov": lambda: markov_removal_effects(paths_from_events(events)),
        "touchpoint_importance": lambda: touchpoint_importance(events),
    }
    seconds = best_times(cases, args.repeats)
    baseline = seconds["bare groupby min"]
    for name, best in seconds.items():
        print(f"{name:24s} {best:7.3f} s  {best / baseline:5.1f} x bare groupby")
    ratio = seconds["paths + markov"] / baseline
    print(f"paths + markov: {ratio:.1f} bare passes, goal under 10: {'met' if ratio < 10 else 'NOT met'}")
    print()
    print(markov_removal_effects(paths).head(8).round(3).to_string())
    print(flush=True)


if __name__ == "__main__":
    main()
