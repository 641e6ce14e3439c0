"""python cli.py export: a map image, slide, offline HTML or data file for a view;
python cli.py deck: a slide deck of the views in a file.

View options use the names and values of the app's URL query string, so a link's
parameters become command-line options: ?program=sobujang&level=sgg&lang=en is
--program sobujang --level sgg --lang en (--lat --lon --zoom frame the map as on screen).
A views file for ``deck`` has one link or query string per line, which may add title=,
subtitle=, preset= and with_belts=1.
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
from exports.image.options import PRESETS, ImageOptions
from geo.errors import BoundaryDataError
from geo.records import DataFileError, load_checked_records
from layers.view import QUERY_NAMES, View, filter_sites, parse_query

if TYPE_CHECKING:
    from layers.atlas import AtlasData

log = logging.getLogger(__name__)

VIEW_HELP = {
    "program": "program ids, comma-separated (e.g. sobujang,strategic); shown whatever their kind",
    "kind": "program kinds shown when no program is given, comma-separated: statutory (default), "
    "support, pilot, candidate, city_plan, or all",
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
    "belts": "1 to show Busan belts (where the view concerns them), 0 to hide",
    "lat": "latitude of the map's centre (with --lon and --zoom: the screen's frame)",
    "lon": "longitude of the map's centre",
    "zoom": "the map's zoom as on screen (Leaflet zoom, e.g. 7 for the country)",
    "screen": "the map's size on screen, WIDTHxHEIGHT pixels (with --lat, --lon, --zoom; "
    "default 1000x620)",
    "census": "year of the statistics layers (census:*): 2015 or 2020",
}
"""Help text per query-string name (the names themselves come from ``QUERY_NAMES``)."""


def _presenter_options(parser: argparse.ArgumentParser) -> None:
    """--preset, --title, --subtitle and --with-belts (images, slides and decks)."""
    image = parser.add_argument_group("image (png, svg, pdf, pptx)")
    image.add_argument("--preset", default="slide", help=f"one of {', '.join(PRESETS)}")
    image.add_argument("--title", help="title instead of the view's own (programs, place, years)")
    image.add_argument("--subtitle", help="subtitle instead of the view's own (layer, count)")
    image.add_argument(
        "--with-belts",
        action="store_true",
        help="show Busan's belts and the Busan inset even where the view does not concern them",
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` and ``deck`` commands."""
    parser = commands.add_parser(
        "export",
        help="write a map image, slide, offline HTML or data file for a view",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", required=True, choices=list(EXPORTS), dest="fmt")
    parser.add_argument("--out", required=True, type=Path, help="file to write")
    _presenter_options(parser)
    size = parser.add_argument_group("custom image size (png, svg, pdf)")
    size.add_argument("--width", type=int, help="width in pixels (custom size)")
    size.add_argument("--height", type=int, help="height in pixels (custom size)")
    size.add_argument("--dpi", type=int, help="dots per inch")
    view = parser.add_argument_group("view (same names and values as the app's URL)")
    for name in QUERY_NAMES.values():
        view.add_argument(
            f"--{name}", dest=f"view_{name}", metavar=name.upper(), help=VIEW_HELP.get(name)
        )
    parser.set_defaults(func=run_export)
    deck = commands.add_parser(
        "deck",
        help="write a PowerPoint deck, one slide per view in a file",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    deck.add_argument("views", type=Path, help="file with one link or query string per line")
    deck.add_argument("--out", required=True, type=Path, help="the .pptx file to write")
    deck.set_defaults(func=run_deck)


def _load() -> AtlasData | None:
    """The checked records and the atlas, or None after logging why not."""
    from layers.atlas import load_atlas_data

    try:
        load_checked_records()
        return load_atlas_data()
    except (BoundaryDataError, DataFileError) as exc:
        log.error("%s", exc)
        return None


def run_deck(args: argparse.Namespace) -> int:
    """Read the views file, write the deck; return the exit code."""
    from exports.deck import deck_pptx, read_views

    if not args.out.parent.is_dir():
        log.error("--out %s: folder %s does not exist", args.out, args.out.parent)
        return 2
    try:
        lines = args.views.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        log.error("%s: %s", args.views, exc)
        return 2
    data = _load()
    if data is None:
        return 1
    specs, problems = read_views(lines, data.allowed_view_values())
    for problem in problems:
        log.error("%s: %s", args.views, problem)
    if problems or not specs:
        if not specs:
            log.error("%s: no views (one link or query string per line)", args.views)
        return 2
    content = deck_pptx(data, specs)
    args.out.write_bytes(content)
    sys.stderr.write(f"wrote {args.out} ({len(specs)} slides, {len(content):,} bytes)\n")
    return 0


def query_of(args: argparse.Namespace) -> dict[str, str]:
    """The view options given, as query-string parameters."""
    given = {name: getattr(args, f"view_{name}") for name in QUERY_NAMES.values()}
    return {name: value for name, value in given.items() if value is not None}


def run_export(args: argparse.Namespace) -> int:
    """Load the atlas, check the view, write the export; return the exit code."""
    if not args.out.parent.is_dir():
        log.error("--out %s: folder %s does not exist", args.out, args.out.parent)
        return 2
    data = _load()
    if data is None:
        return 1
    view, problems = parse_query(query_of(args), data.allowed_view_values())
    for name, value, reason in problems:
        log.error("--%s %r: %s", name, value, reason)
    if problems:
        return 2
    return _write(data, view, args)


def _write(data: AtlasData, view: View, args: argparse.Namespace) -> int:
    opts = ImageOptions(
        args.fmt,
        args.preset,
        args.width,
        args.height,
        args.dpi,
        title=args.title,
        subtitle=args.subtitle,
        with_belts=args.with_belts,
    )
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
