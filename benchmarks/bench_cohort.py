"""Benchmark: a cohort of 20 participants with --jobs 1 and --jobs 2, in the same run.

    python benchmarks/bench_cohort.py [NOTEBOOK]

Each participant gets their own seed, so every run generates its own data.
Parallel efficiency = time(1 job) / (2 x time(2 jobs)); the goal on 2 cores is 80% or more.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from journeylab.runs import run_cohort

COURSE_ROOT = Path(__file__).resolve().parent.parent

PARTICIPANTS = 20


def main() -> None:
    notebook = Path(sys.argv[1]) if len(sys.argv) > 1 else COURSE_ROOT / "notebooks" / "00_start_here.ipynb"
    roster = [{"participant": f"Participant {number:02d}", "seed": str(100 + number)} for number in range(PARTICIPANTS)]
    seconds = {}
    for jobs in (1, 2):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            results = run_cohort(roster, out, [notebook], jobs=jobs)
            seconds[jobs] = time.perf_counter() - start
            failed = [result for result in results if not result.ok]
            assert not failed, failed
        print(f"--jobs {jobs}: {seconds[jobs]:6.1f} s for {PARTICIPANTS} participants ({notebook.name})", flush=True)
    efficiency = seconds[1] / (2 * seconds[2])
    print(f"speed-up {seconds[1] / seconds[2]:.2f}x, parallel efficiency {efficiency:.0%} (goal: at least 80%)")


if __name__ == "__main__":
    main()
