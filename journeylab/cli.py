"""The ``journeylab`` command. Each sub-command is a thin wrapper over a library function.

For learners and authors: ``frameworks``, ``data``, ``execute``, ``build-exercises``.
For instructors: ``list``, ``run``, ``cohort``, ``collect``, ``verify``
(see docs/instructors.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import journeylab
from journeylab.errors import JourneyLabError

__all__ = ["main", "build_parser"]


# -- what each command does ------------------------------------------------------------


def _frameworks(args: argparse.Namespace) -> int:
    from journeylab.frameworks import FRAMEWORKS

    for framework in FRAMEWORKS.values():
        print(f"{framework.key}: {framework.title} — {', '.join(framework.stage_names)}")
    return 0


def _data(args: argparse.Namespace) -> int:
    from journeylab.folders import course_folder, refuse_package_folder
    from journeylab.synthetic import write_datasets

    out = refuse_package_folder(args.out if args.out is not None else course_folder(args.course) / "data")
    for name, path in write_datasets(out, seed=args.seed).items():
        print(f"wrote {path} ({name}, synthetic, seed {args.seed})")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from journeylab.course import execute_in_place

    for path in args.notebooks:
        execute_in_place(path)
        print(f"executed {path}")
    return 0


def _build_exercises(args: argparse.Namespace) -> int:
    from journeylab.course import build_exercises
    report = build_exercises(args.solutions, args.exercises, check=args.check, course=args.course)
    if args.check:
        for path in report.out_of_date:
            print(f"out of date: {path}")
        for path in report.stale:
            print(f"no solution behind it: {path}")
        if not report.up_to_date:
            print("exercises/ is out of date: run `journeylab build-exercises`", file=sys.stderr)
            return 1
        print(f"exercises/ is up to date ({len(report.unchanged)} notebooks)")
        return 0
    for path in report.written:
        print(f"wrote {path}")
    for path in report.stale:
        print(f"removed {path} (no solution behind it)")
    print(f"{len(report.written)} written, {len(report.unchanged)} unchanged")
    return 0


def _list(args: argparse.Namespace) -> int:
    from journeylab.runs import course_notebooks, notebook_parameters

    for path in course_notebooks(args.course):
        print(f"{path.parent.name}/{path.name}")
        for name, info in notebook_parameters(path).items():
            print(f"    {name} = {info['default']}  # {info['help']}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from journeylab.runs import run_notebook

    notebook = Path(args.notebook)
    output = Path(args.output) if args.output else Path.cwd() / f"{notebook.stem}_run.ipynb"
    if output.is_file() and output.resolve() != notebook.resolve() and not args.force:
        print(f"journeylab: {output} exists already; give another name with -o, or add --force to replace it "
              "(it is replaced only when the run succeeds)", file=sys.stderr)
        return 2
    run_notebook(notebook, output, dict(args.parameter or []))
    print(f"wrote {output}")
    return 0


def _cohort(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from journeylab.runs import course_notebooks, read_roster, run_cohort

    roster = read_roster(args.roster)
    notebooks = [Path(path) for path in args.notebooks] if args.notebooks else course_notebooks(args.course)
    count = len(roster) * len(notebooks)
    with tqdm(total=count, unit="notebook", file=sys.stderr, disable=args.quiet) as bar:
        results = run_cohort(roster, args.out, notebooks, jobs=args.jobs, progress=lambda result: bar.update())
    width = max([len(result.participant) for result in results] + [11])
    print(f"{'participant'.ljust(width)}  {'notebook':<50} {'result':<7} {'seconds':>7}")
    for result in results:
        status = "ok" if result.ok else "FAILED"
        where = f"{Path(result.output).parent.name}/{result.notebook}"
        print(f"{result.participant.ljust(width)}  {where:<50} {status:<7} {result.seconds:7.1f}")
        if result.error:
            print(f"{'':{width}}    {result.error}")
    skipped = sorted({name for result in results for name in result.not_applied})
    for name in skipped:
        used = sorted({f"{Path(r.output).parent.name}/{r.notebook}" for r in results if name not in r.not_applied})
        print(f"{name} applies only to the notebooks that have it: {', '.join(used) or 'none of these'}")
    print("folders:")
    folders = dict.fromkeys((result.participant, Path(result.output).parent.parent.name) for result in results)
    for participant, folder in folders:
        print(f"  {participant} -> {Path(args.out) / folder}")
    failed = sum(not result.ok for result in results)
    print(f"{len(results) - failed} of {len(results)} runs succeeded; workbooks in {args.out}")
    return 1 if failed else 0


def _collect(args: argparse.Namespace) -> int:
    from journeylab.collect import check_report_path, check_time_limit, collect, completion_table, write_report

    outs = [check_report_path(out) for out in args.out]  # before any notebook runs
    table = completion_table(collect(args.folder, time_limit=check_time_limit(args.time_limit)))
    for out in outs:
        print(f"wrote {write_report(table, out)}")
    problems = table[table["problem"] != ""]
    print(f"{len(table)} notebooks collected, {len(problems)} with a problem")
    for row in problems.itertuples():
        print(f"  {row.participant} / {row.notebook}: {row.problem}")
    return 1 if len(problems) else 0


def _verify(args: argparse.Namespace) -> int:
    from journeylab.runs import verify_course

    started = time.perf_counter()
    results = verify_course(args.course, jobs=args.jobs)
    elapsed = time.perf_counter() - started
    for result in results:
        where = f"{Path(result.output).parent.name}/{result.notebook}"
        print(f"{result.seconds:6.1f} s  {'ok    ' if result.ok else 'FAILED'}  {where} {result.error}")
    total = sum(result.seconds for result in results)
    failed = sum(not result.ok for result in results)
    print(f"{len(results) - failed} of {len(results)} notebooks ran: {total:.1f} s of runs in {elapsed:.1f} s")
    return 1 if failed else 0


# -- the command line ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from journeylab.data import DEFAULT_SEED
    from journeylab.folders import COURSE_ENV
    from journeylab.time_limits import SUBMISSION_CELL_SECONDS

    parser = argparse.ArgumentParser(prog="journeylab", description="Customer Journey Lab: course tools.")
    parser.add_argument("--version", action="version", version=f"journeylab {journeylab.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, run, help: str, description: str | None = None) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=description or help)
        sub.set_defaults(run=run)
        return sub

    def course_option(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--course", metavar="FOLDER",
                         help=f"the course folder (default: this folder or one above it, or ${COURSE_ENV})")
        return sub

    command("frameworks", _frameworks, "list the stage frameworks and their stages")

    data = course_option(command("data", _data, "(re)generate the synthetic course data sets",
                   "Generate the four synthetic data sets from a seed. With the default seed and folder "
                   "this rewrites the committed course data, byte for byte."))
    data.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    data.add_argument("--out", help="folder to write the CSV files to (default: the course folder's data/)")

    execute = command("execute", _execute, "run notebooks top to bottom and store their outputs (for nbval)",
                      "Run each notebook on a fresh kernel and save it with the outputs of that run. "
                      "Do this after changing a notebook or a pinned version, then run `journeylab build-exercises`.")
    execute.add_argument("notebooks", nargs="+", help="notebook files to run in place")

    build = course_option(command("build-exercises", _build_exercises, "write exercises/ from solutions/ (answers replaced by ...)",
                                  "Generate the exercise notebooks from the solution notebooks. Exercises are never edited by hand."))
    build.add_argument("--check", action="store_true", help="only check; exit 1 when exercises/ is out of date")
    build.add_argument("--solutions", help="folder of solution notebooks (default: the course folder's solutions/)")
    build.add_argument("--exercises", help="folder to write the exercises to (default: the course folder's exercises/)")

    course_option(command("list", _list, "list the course's notebooks in order with their parameters and defaults"))

    run = command("run", _run, "run one notebook with validated parameters",
                  "Execute one notebook with papermill after checking every parameter: an unknown name or a "
                  "bad value stops before anything runs, naming the parameter and what is allowed.")
    run.add_argument("notebook", help="the notebook to run, e.g. notebooks/04_the_hourglass.ipynb")
    run.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="set a parameter (repeatable), e.g. -p seed 7 -p company 'Ærø Cykler'")
    run.add_argument("-o", "--output", help="where to write the executed notebook (default: NAME_run.ipynb here)")
    run.add_argument("--force", action="store_true", help="replace an existing output file (after a successful run)")

    cohort = course_option(command("cohort", _cohort, "make an executed, personalised workbook set per participant",
                     "Read a roster (a CSV with a 'participant' column and one column per parameter it sets) and "
                     "execute the course's notebooks for every participant, in parallel. One participant's "
                     "failure does not stop the others; the exit status is 1 if any run failed."))
    cohort.add_argument("roster", help="the roster CSV")
    cohort.add_argument("--out", required=True, help="folder for the workbooks (one subfolder per participant)")
    cohort.add_argument("--notebooks", nargs="+", help="only these notebooks (default: notebooks/ and exercises/)")
    cohort.add_argument("--jobs", type=int, default=None, help="parallel runs (default: one per core)")
    cohort.add_argument("--quiet", action="store_true", help="no progress bar")

    collect = command("collect", _collect, "run submitted exercise notebooks and write a completion table",
                      "Run every notebook under FOLDER again in a temporary folder (FOLDER is never changed), "
                      "with a time limit per cell, and record each exercise's check per participant. "
                      "Participants are the subfolders of FOLDER, or the file names of notebooks at its top.")
    collect.add_argument("folder", help="the folder of submissions")
    collect.add_argument("--out", nargs="+", required=True, help="report file(s): .csv and/or .html")
    collect.add_argument("--time-limit", type=int, default=SUBMISSION_CELL_SECONDS,
                         help=f"seconds a cell may run (default {SUBMISSION_CELL_SECONDS})")

    verify = course_option(command("verify", _verify, "execute the whole course and print the time per notebook",
                                   "Execute every notebook of the course with its defaults, in parallel (the "
                                   "longest first), and print each one's time; the exit status is 1 if any failed."))
    verify.add_argument("--jobs", type=int, default=None, help="parallel runs (default: one per core)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; a user error prints one plain line and exits with status 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except JourneyLabError as error:
        print(f"journeylab: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
