"""Benchmark: a cohort on the real set of notebooks with --jobs 1 and --jobs 2, interleaved, in the same run.

    python benchmarks/bench_cohort.py [--participants 8] [--rounds 2] [NOTEBOOK ...]

By default every participant gets every notebook and exercise of the course
(``journeylab.runs.course_notebooks``), each with their own seed, so every run
generates its own data, as a real cohort does. The settings take turns
(1, 2, 1, 2, ...), so a busy moment on a shared machine slows both alike; the
best time of each setting counts. Parallel efficiency = time(1 job) /
(2 x time(2 jobs)); the goal on 2 cores is 80% or more.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not
from journeylab.runs import course_notebooks, run_cohort

COURSE_ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: the whole course)")
    parser.add_argument("--participants", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each setting, taking turns")
    args = parser.parse_args()
    notebooks = [Path(path) for path in args.notebooks] or course_notebooks(COURSE_ROOT)
    roster = [{"participant": f"Participant {number:02d}", "seed": str(100 + number)}
              for number in range(args.participants)]
    runs = len(roster) * len(notebooks)
    print(f"{args.participants} participants x {len(notebooks)} notebooks = {runs} runs per setting", flush=True)
    best = {1: float("inf"), 2: float("inf")}
    for round_number in range(1, args.rounds + 1):
        for jobs in (1, 2):
            with tempfile.TemporaryDirectory() as out:
                start = time.perf_counter()
                results = run_cohort(roster, out, notebooks, jobs=jobs)
                seconds = time.perf_counter() - start
            failed = [result for result in results if not result.ok]
            assert not failed, failed
            best[jobs] = min(best[jobs], seconds)
            print(f"round {round_number}, --jobs {jobs}: {seconds:6.1f} s ({seconds / runs:.2f} s per run)", flush=True)
    efficiency = best[1] / (2 * best[2])
    print(f"best --jobs 1 {best[1]:.1f} s, --jobs 2 {best[2]:.1f} s: speed-up {best[1] / best[2]:.2f}x, "
          f"parallel efficiency {efficiency:.0%} (goal: at least 80%: {'met' if efficiency >= 0.8 else 'NOT met'})")


if __name__ == "__main__":
    main()
