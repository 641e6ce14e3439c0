"""python cli.py export: a map image, offline HTML or data file for a view.

View options use the names and values of the app's URL query string, so a link's
parameters become command-line options: ?program=sobujang&level=sgg&lang=en is
--program sobujang --level sgg --lang en.
Exit codes: 0 written, 2 bad options (each bad value named with the allowed ones),
1 the export failed (e.g. boundary files missing, a record file damaged).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from exports.formats import EXPORTS, export_view
from exports.image.options import ImageOptions
from geo.errors import BoundaryDataError
from geo.records import DataFileError, load_checked_records
from layers.view import QUERY_NAMES, View, filter_sites, parse_query

if TYPE_CHECKING:
    from layers.atlas import AtlasData

log = logging.getLogger(__name__)

VIEW_HELP = {
    "program": "program ids, comma-separated (e.g. sobujang,strategic)",
    "industry": "industry ids, comma-separated",
    "from": "first designation year",
    "to": "last designation year",
    "sido": "province code (MOI, e.g. 26 for Busan)",
    "layer": "region layer (e.g. count, main_industry, jobs)",
    "count": "complexes (default) or designations: what the count layer counts",
    "level": "sido or sgg",
    "scheme": "quantiles, natural_breaks or equal_interval",
    "lang": "ko or en",
    "basemap": "none, osm or custom",
    "focus": "korea or busan",
    "sites": "1 to show sites, 0 to hide",
    "belts": "1 to show Busan belts, 0 to hide",
}
"""Help text per query-string name (the names themselves come from ``QUERY_NAMES``)."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command."""
    parser = commands.add_parser(
        "export",
        help="write a map image, offline HTML or data file for a view",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", required=True, choices=list(EXPORTS), dest="fmt")
    parser.add_argument("--out", required=True, type=Path, help="file to write")
    image = parser.add_argument_group("image size (png, svg, pdf)")
    image.add_argument("--preset", default="slide", help="slide (1920×1080), a4, busan")
    image.add_argument("--width", type=int, help="width in pixels (custom size)")
    image.add_argument("--height", type=int, help="height in pixels (custom size)")
    image.add_argument("--dpi", type=int, help="dots per inch")
    view = parser.add_argument_group("view (same names and values as the app's URL)")
    for name in QUERY_NAMES.values():
        view.add_argument(
            f"--{name}", dest=f"view_{name}", metavar=name.upper(), help=VIEW_HELP.get(name)
        )
    parser.set_defaults(func=run_export)


def query_of(args: argparse.Namespace) -> dict[str, str]:
    """The view options given, as query-string parameters."""
    given = {name: getattr(args, f"view_{name}") for name in QUERY_NAMES.values()}
    return {name: value for name, value in given.items() if value is not None}


def run_export(args: argparse.Namespace) -> int:
    """Load the atlas, check the view, write the export; return the exit code."""
    from layers.atlas import load_atlas_data

    if not args.out.parent.is_dir():
        log.error("--out %s: folder %s does not exist", args.out, args.out.parent)
        return 2
    try:
        load_checked_records()
        data = load_atlas_data()
    except (BoundaryDataError, DataFileError) as exc:
        log.error("%s", exc)
        return 1
    view, problems = parse_query(query_of(args), data.allowed_view_values())
    for name, value, reason in problems:
        log.error("--%s %r: %s", name, value, reason)
    if problems:
        return 2
    return _write(data, view, args)


def _write(data: AtlasData, view: View, args: argparse.Namespace) -> int:
    opts = ImageOptions(args.fmt, args.preset, args.width, args.height, args.dpi)
    try:
        content = export_view(data, view, args.fmt, opts)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    if not filter_sites(data.sites, view).shape[0]:
        log.warning("no records match these view options; the map shows none")
    args.out.write_bytes(content)
    sys.stderr.write(f"wrote {args.out} ({len(content):,} bytes)\n")
    return 0
