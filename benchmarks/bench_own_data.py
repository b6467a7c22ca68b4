"""How fast is jl.data.read_ga4 on a big GA4 export, and the funnel on what it returns? A script, not a test.

Run from the project folder::

    .venv/bin/python benchmarks/bench_own_data.py                       # ~10,000,000 events as Parquet
    .venv/bin/python benchmarks/bench_own_data.py --events 1000000 --format json

It writes a synthetic GA4 export (journeylab.synthetic_ga4, fixed seed, one file
per day) to a temporary folder, then runs each measurement in a fresh Python
process (so that each peak memory is its own) and prints seconds, peak memory
and the ratio of read_ga4 to DuckDB reading the same files with no flattening:

* ``duckdb_raw``: every column of every file into a DuckDB table (the parse, no flattening);
* ``duckdb_flat_to_pandas``: three top-level columns (user_pseudo_id, event_timestamp,
  event_name) into pandas: the least a reader could hand over;
* ``read_ga4``: the course's five columns, flattened, mapped, checked, categorical, sorted;
* ``funnel``: ``jl.analytics.stage_funnel`` on that table (the read not counted).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEASURE = r"""
import json, sys, time
sys.path.insert(0, {root!r})
files, kind, what = {files!r}, {kind!r}, {what!r}
import duckdb, pandas as pd
from journeylab.ga4 import GA4_JSON_COLUMNS, read_ga4
from journeylab.synthetic_ga4 import SAMPLE_STAGES
listed = "[" + ", ".join("'" + name + "'" for name in files) + "]"
if kind == "json":
    columns = "{{" + ", ".join(f"'{{n}}': '{{t}}'" for n, t in GA4_JSON_COLUMNS.items()) + "}}"
    source = f"read_json({{listed}}, columns = {{columns}}, format = 'newline_delimited')"
else:
    source = f"read_parquet({{listed}})"
start = time.perf_counter()
if what == "duckdb_raw":
    duckdb.connect().execute(f"CREATE TABLE raw AS SELECT * FROM {{source}}")
    rows = None
elif what == "duckdb_flat_to_pandas":
    rows = len(duckdb.connect().execute(f"SELECT user_pseudo_id, event_timestamp, event_name FROM {{source}}").df())
elif what == "read_ga4":
    rows = len(read_ga4(files, SAMPLE_STAGES, quiet=True))
else:
    from journeylab.analytics import stage_funnel
    events = read_ga4(files, SAMPLE_STAGES, quiet=True)
    start = time.perf_counter()
    stage_funnel(events)
    rows = len(events)
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
print(json.dumps({{"seconds": seconds, "peak_mib": peak, "rows": rows}}))
"""


def measure(files: list[str], kind: str, what: str) -> dict:
    code = MEASURE.format(root=str(ROOT), files=files, kind=kind, what=what)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="roughly how many events to write")
    parser.add_argument("--format", choices=("parquet", "json"), default="parquet")
    parser.add_argument("--days", type=int, default=60)
    options = parser.parse_args()
    from journeylab.synthetic_ga4 import ExportSize, write_ga4_export

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        size = ExportSize(visitors=max(options.events // 15, 10), start="2024-01-01", days=options.days)
        files = [str(path) for path in write_ga4_export(folder, size=size, format=options.format)]
        disk = sum(Path(name).stat().st_size for name in files) / 2**20
        print(f"wrote {len(files)} {options.format} files, {disk:,.0f} MiB, in {time.perf_counter() - start:.0f} s")
        results = {what: measure(files, options.format, what)
                   for what in ("duckdb_raw", "duckdb_flat_to_pandas", "read_ga4", "funnel")}
    events = results["duckdb_flat_to_pandas"]["rows"]
    print(f"{events:,} events in the export; read_ga4 kept {results['read_ga4']['rows']:,}")
    for what, result in results.items():
        ratio = result["seconds"] / results["duckdb_raw"]["seconds"]
        print(f"{what:24s} {result['seconds']:7.2f} s  {ratio:5.2f} x duckdb_raw  peak {result['peak_mib']:7,.0f} MiB")


if __name__ == "__main__":
    main()
