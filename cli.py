"""Korea Cluster Atlas on the command line: ``python cli.py COMMAND --help``.

Commands
--------
export
    Write a map image (PNG, SVG, PDF), an offline HTML map or the data (CSV, GeoJSON,
    GPKG) or a one-slide deck for a view given with the same names and values as the
    app's URL.
deck
    Write a PowerPoint deck with one slide per view (one link per line of a file).
validate
    Check a file of program records; exit 0 clean, 1 bad rows, 2 unreadable.
merge
    Add the validated records of a file to ``data/designations.csv`` (with a backup).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from exports.cli import register as register_export
from ingest.cli import register as register_ingest


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(prog="python cli.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    register_export(commands)
    register_ingest(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
