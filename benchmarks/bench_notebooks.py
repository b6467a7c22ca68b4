"""Benchmark: each course notebook's run time as a multiple of a "floor" notebook that only imports the stack.

    python benchmarks/bench_notebooks.py [ROUNDS] [NOTEBOOK ...]

The floor is one cell that imports journeylab, pandas, matplotlib.pyplot and ipywidgets: what any notebook
of the course pays before its first idea (kernel start included). Each notebook runs with nbclient on a
fresh kernel in a temporary folder (so my_journey/ and the like land there), side by side with the floor:
floor, notebook, floor, notebook ..., and its time is divided by the median of the floors of its own
rounds, so a machine that slows down for a while slows both (3 rounds by default: the median of three is
not moved by one slow run, as the mean of two would be). Goal: every notebook within 2x the floor.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not
from journeylab.kernels import kernel_config

COURSE_ROOT = Path(__file__).resolve().parent.parent
GOAL = 2.0
FLOOR_SOURCE = "import journeylab, pandas, matplotlib.pyplot, ipywidgets"


def run(notebook: nbformat.NotebookNode) -> float:
    """Seconds to run ``notebook`` top to bottom on a fresh kernel, in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder, kernel_config() as config:  # as the course's own runs start kernels
        client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}},
                                config=config)
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3  # an odd count: the median passes over one slow run
    chosen = [Path(name) for name in sys.argv[2:]] or sorted((COURSE_ROOT / "notebooks").glob("[0-9]*.ipynb"))
    os.environ.setdefault("JOURNEYLAB_COURSE", str(COURSE_ROOT))  # the data, from the temporary folder too
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    run(floor)  # warm up the disk cache and the kernel spec once
    print(f"{'notebook':<45} {'seconds':>8} {'floor':>6} {'x floor':>8}")
    worst = 0.0
    for path in chosen:
        notebook = nbformat.read(path, as_version=4)
        floors, times = [], []
        for _ in range(rounds):
            floors.append(run(nbformat.from_dict(floor)))
            times.append(run(nbformat.from_dict(notebook)))
        ratio = statistics.median(times) / statistics.median(floors)
        worst = max(worst, ratio)
        print(f"{path.name:<45} {statistics.median(times):8.2f} {statistics.median(floors):6.2f} {ratio:7.2f}x"
              f"{'' if ratio <= GOAL else '  above the goal'}", flush=True)
    print(f"worst: {worst:.2f}x the floor (goal: every notebook within {GOAL:g}x)")


if __name__ == "__main__":
    main()
