"""The ``journeylab`` command. Each sub-command is a thin wrapper over a library function."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import journeylab
from journeylab.errors import JourneyLabError

__all__ = ["main", "build_parser"]


def _frameworks(args: argparse.Namespace) -> None:
    from journeylab.frameworks import FRAMEWORKS

    for framework in FRAMEWORKS.values():
        print(f"{framework.key}: {framework.title} — {', '.join(framework.stage_names)}")


def _build_exercises(args: argparse.Namespace) -> int:
    from journeylab.course import build_exercises

    report = build_exercises(args.solutions, args.exercises, check=args.check)
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


def _execute(args: argparse.Namespace) -> int:
    from journeylab.course import execute_in_place

    for path in args.notebooks:
        execute_in_place(path)
        print(f"executed {path}")
    return 0


def _data(args: argparse.Namespace) -> int:
    from journeylab.synthetic import write_datasets

    for name, path in write_datasets(args.out, seed=args.seed).items():
        print(f"wrote {path} ({name}, synthetic, seed {args.seed})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journeylab", description="Customer Journey Lab: course tools.")
    parser.add_argument("--version", action="version", version=f"journeylab {journeylab.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    frameworks = commands.add_parser("frameworks", help="list the stage frameworks and their stages")
    frameworks.set_defaults(run=_frameworks)

    from journeylab.course import COURSE_ROOT

    build = commands.add_parser(
        "build-exercises",
        help="write exercises/ from solutions/ (answers replaced by ...)",
        description="Generate the exercise notebooks from the solution notebooks. Exercises are never edited by hand.",
    )
    build.add_argument("--check", action="store_true", help="only check; exit 1 when exercises/ is out of date")
    build.add_argument("--solutions", default=COURSE_ROOT / "solutions", help="folder of solution notebooks")
    build.add_argument("--exercises", default=COURSE_ROOT / "exercises", help="folder to write the exercises to")
    build.set_defaults(run=_build_exercises)

    from journeylab.data import DATA_DIR, DEFAULT_SEED

    data = commands.add_parser(
        "data",
        help="(re)generate the synthetic course data sets",
        description="Generate the four synthetic data sets from a seed. With the default seed and folder "
        "this rewrites the committed course data, byte for byte.",
    )
    data.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    data.add_argument("--out", default=DATA_DIR, help="folder to write the CSV files to (default: the course's data/)")
    data.set_defaults(run=_data)

    execute = commands.add_parser(
        "execute",
        help="run notebooks top to bottom and store their outputs (for nbval)",
        description="Run each notebook on a fresh kernel and save it with the outputs of that run. "
        "Do this after changing a notebook or a pinned version, then run `journeylab build-exercises`.",
    )
    execute.add_argument("notebooks", nargs="+", help="notebook files to run in place")
    execute.set_defaults(run=_execute)
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
