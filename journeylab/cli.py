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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journeylab", description="Customer Journey Lab: course tools.")
    parser.add_argument("--version", action="version", version=f"journeylab {journeylab.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    frameworks = commands.add_parser("frameworks", help="list the stage frameworks and their stages")
    frameworks.set_defaults(run=_frameworks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; a user error prints one plain line and exits with status 2."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except JourneyLabError as error:
        print(f"journeylab: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
