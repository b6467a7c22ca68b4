"""Benchmark: notebook 07's preview and export cells, as they were (the map drawn four times) and with export_journey.

    python benchmarks/bench_export_cell.py [ROUNDS]

Builds the worked example by running notebook 07's own code cells up to "use_my_own = False" (the builders
left out), then times, alternately in one process, what the preview cell and the export cell do:

* before: ``jl.plots.journey_map`` shown (Jupyter renders a PNG of it), exported to PNG, SVG and PDF,
  the matrix, persona card and empathy map, the plan, and ``export_page`` (which draws the map again);
* after: ``jl.export_journey`` once (one drawing: PNG, SVG, A3 PDF, the page) and showing its result
  (the PNG it wrote, no drawing again).

Display is timed as Jupyter's inline backend does it (``print_figure(..., bbox_inches="tight")``).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from IPython.core.pylabtools import print_figure

COURSE_ROOT = Path(__file__).resolve().parent.parent


def worked_example() -> dict:
    """The namespace of notebook 07 after its Part B and the "Which journey?" cell, the builders left out."""
    os.environ.setdefault("JOURNEYLAB_COURSE", str(COURSE_ROOT))
    cells = json.loads((COURSE_ROOT / "notebooks" / "07_build_your_journey.ipynb").read_text(encoding="utf-8"))["cells"]
    namespace: dict = {"company": "Nordlys Home", "seed": 2024, "framework": "hourglass"}
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "jl.widgets" in source or source.startswith("journey_builder"):
            continue
        if "parameters" in cell["metadata"].get("tags", []):
            continue
        exec(compile(source, "<notebook 07>", "exec"), namespace)
        if source.startswith("use_my_own = False"):
            return namespace
    raise RuntimeError("notebook 07 has no cell starting with 'use_my_own = False'")


def before(ns: dict, folder: Path) -> None:
    jl, journey, prefix = ns["jl"], ns["journey"], "example"
    journey_map = jl.plots.journey_map(journey)
    print_figure(journey_map, "png", bbox_inches="tight")  # the preview cell's display
    matrix = jl.plots.opportunity_matrix(journey)
    print_figure(matrix, "png", bbox_inches="tight")
    jl.plots.export(journey_map, folder / f"{prefix}_journey_map.png")
    jl.plots.export(journey_map, folder / f"{prefix}_journey_map.svg")
    jl.plots.export(journey_map, folder / f"{prefix}_journey_map.pdf")
    jl.plots.export(matrix, folder / f"{prefix}_opportunity_matrix.png")
    jl.plots.export(jl.plots.persona_card(ns["persona"]), folder / f"{prefix}_persona_card.png")
    jl.plots.export(jl.plots.empathy_map(ns["empathy_map"]), folder / f"{prefix}_empathy_map.png")
    journey.to_csv(folder / f"{prefix}_journey_plan.csv")
    journey.save(folder / f"{prefix}_journey_plan.json")
    journey.to_markdown(folder / f"{prefix}_journey_plan.md")
    jl.page.export_page(journey, folder / f"{prefix}_journey.html", actuals=ns["actuals"])


def after(ns: dict, folder: Path) -> None:
    jl = ns["jl"]
    exported = jl.export_journey(ns["journey"], folder / "worked_example", actuals=ns["actuals"],
                                 empathy_map=ns["empathy_map"])
    exported._repr_mimebundle_()  # the preview cell's display: the PNG already written
    matrix = jl.plots.opportunity_matrix(ns["journey"])
    print_figure(matrix, "png", bbox_inches="tight")  # the matrix cell, unchanged


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ns = worked_example()
    seconds: dict[str, list[float]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as out:
        for step in (before, after):  # warm up: fonts, imports
            step(ns, Path(out))
        for _ in range(rounds):
            for name, step in (("before", before), ("after", after)):
                start = time.perf_counter()
                step(ns, Path(out) / name)
                seconds[name].append(time.perf_counter() - start)
    for name, times in seconds.items():
        print(f"{name:>6}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}) "
              f"over {rounds} rounds")
    print(f"after / before: {statistics.median(seconds['after']) / statistics.median(seconds['before']):.2f}")


if __name__ == "__main__":
    main()
