"""The view a user sees (filters, layer, level, classification, language), as data.

The same names and values are used by the URL query string and the command line, so a
link or a script reproduces a view. Pure Python: no streamlit here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import pandas as pd

from geo.aggregate import COUNTS
from geo.census import YEARS as CENSUS_YEARS
from geo.schema import PROGRAM_KINDS
from layers.classify import CLASSIFIERS
from layers.i18n import LANGUAGES

LEVELS = ("sido", "sgg")
BASEMAPS = ("none", "osm", "custom")
FOCUS = {
    "korea": ((33.0, 124.5), (38.7, 131.0)),
    "busan": ((34.95, 128.80), (35.35, 129.30)),
}
"""Named map frames: south-west and north-east corners (lat, lon)."""
DEFAULT_KINDS = ("statutory",)
"""Program kinds a view shows when it names none (``kind=`` absent): statutory designations;
candidate sites, pilots, support selections and city plans are one choice away."""
ALL_KINDS = "all"
"""``kind=all`` in a link: every program kind."""
SCREEN_MAP_PX = (1000, 620)
"""Width and height of a map in screen pixels for a view whose ``screen`` is not known
(a link or command line written without it): its ``zoom`` shows this much around its
centre. The app's map fills the window, so the app records its real size (``screen``)."""
SCREEN_RANGE = (200, 8000)
"""Allowed width and height (pixels) of a view's ``screen``."""


@dataclass(frozen=True)
class View:
    """Everything that decides what the map shows.

    ``lat``, ``lon`` (degrees) and ``zoom`` (Leaflet's) are the map's centre and zoom as
    on screen; image exports frame that area (see ``SCREEN_MAP_PX``). Empty: the frame
    of ``focus`` or ``sido``.
    """

    programs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = DEFAULT_KINDS
    """Program kinds shown (``kind=``, ``geo.schema.PROGRAM_KINDS``) when no program is
    chosen; chosen programs are shown whatever their kind (:func:`filter_sites`)."""
    industries: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sido: str | None = None
    layer: str = "count"
    count: str = "complexes"
    level: str = "sido"
    scheme: str = "quantiles"
    lang: str = "ko"
    basemap: str = "none"
    focus: str = "korea"
    sites: bool = True
    belts: bool = True
    census_year: int = CENSUS_YEARS[-1]
    """Year of the official statistics shown by the statistics layers (``census=``)."""
    lat: float | None = None
    lon: float | None = None
    zoom: float | None = None
    screen: tuple[int, int] | None = None
    """The map's width and height on screen (pixels) with ``lat``/``lon``/``zoom``: the
    area an export frames (``screen=1180x760``); None: :data:`SCREEN_MAP_PX`."""
    site: str | None = None
    """The selected complex (``complex_id``): its card is shown and the map went to it."""


QUERY_NAMES = {
    "programs": "program",
    "kinds": "kind",
    "industries": "industry",
    "year_from": "from",
    "year_to": "to",
    "sido": "sido",
    "layer": "layer",
    "count": "count",
    "level": "level",
    "scheme": "scheme",
    "lang": "lang",
    "basemap": "basemap",
    "focus": "focus",
    "sites": "sites",
    "belts": "belts",
    "census_year": "census",
    "lat": "lat",
    "lon": "lon",
    "zoom": "zoom",
    "screen": "screen",
    "site": "site",
}
"""View field -> query-string (and CLI option) name."""

CHOICES: dict[str, tuple[str, ...]] = {
    "kinds": PROGRAM_KINDS,
    "count": COUNTS,
    "level": LEVELS,
    "scheme": tuple(CLASSIFIERS),
    "lang": LANGUAGES,
    "basemap": BASEMAPS,
    "focus": tuple(FOCUS),
}


SITE_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
"""A complex id's shape (``geo.rules`` slugs): lower-case ascii words joined by - or _."""

CENTRE_RANGES = {"lat": (32.0, 39.5), "lon": (123.0, 132.5), "zoom": (4.0, 18.0)}
"""Allowed map centre (degrees, around Korea) and Leaflet zoom of a view."""


def _parse_number(field: str, raw: str) -> float:
    """A centre coordinate or zoom within :data:`CENTRE_RANGES`."""
    low, high = CENTRE_RANGES[field]
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"a number between {low:g} and {high:g}") from None
    if not low <= value <= high:
        raise ValueError(f"a number between {low:g} and {high:g}")
    return value


def _parse_screen(raw: str) -> tuple[int, int]:
    """A map size ``WIDTHxHEIGHT`` in pixels, each within :data:`SCREEN_RANGE`.

    >>> _parse_screen("1180x760")
    (1180, 760)
    """
    low, high = SCREEN_RANGE
    width, _, height = raw.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise ValueError(f"WIDTHxHEIGHT in pixels, e.g. 1180x760, each {low}-{high}")
    size = int(width), int(height)
    if not all(low <= v <= high for v in size):
        raise ValueError(f"WIDTHxHEIGHT in pixels, e.g. 1180x760, each {low}-{high}")
    return size


def _parse_kinds(raw: str) -> tuple[str, ...]:
    """Program kinds from ``kind=``: comma-separated kinds, or ``all``; in
    ``PROGRAM_KINDS`` order, each once."""
    values = [v for v in raw.split(",") if v]
    if values == [ALL_KINDS]:
        return PROGRAM_KINDS
    unknown = [v for v in values if v not in PROGRAM_KINDS]
    if unknown or not values:
        raise ValueError(f"{unknown} not in allowed values {', '.join(PROGRAM_KINDS)}, {ALL_KINDS}")
    return tuple(k for k in PROGRAM_KINDS if k in values)


def _parse(field: str, raw: str, allowed: Mapping[str, tuple[str, ...]]) -> object:
    if field == "kinds":
        return _parse_kinds(raw)
    if field in ("programs", "industries"):
        values = tuple(v for v in raw.split(",") if v)
        unknown = [v for v in values if field in allowed and v not in allowed[field]]
        if unknown:
            raise ValueError(f"{unknown} not in allowed values {', '.join(allowed[field])}")
        return values
    if field in ("year_from", "year_to"):
        if not raw.isdigit() or len(raw) != 4:
            raise ValueError("a year is four digits, e.g. 2021")
        return int(raw)
    if field == "census_year":
        if raw not in map(str, CENSUS_YEARS):
            raise ValueError(f"allowed: {', '.join(map(str, CENSUS_YEARS))}")
        return int(raw)
    if field in CENTRE_RANGES:
        return _parse_number(field, raw)
    if field == "screen":
        return _parse_screen(raw)
    if field == "site" and not SITE_ID.match(raw):
        raise ValueError("a complex id: lower-case ascii words joined by '-'")
    if field in ("sites", "belts"):
        if raw not in ("0", "1"):
            raise ValueError("allowed: 0, 1")
        return raw == "1"
    if field in allowed and raw not in allowed[field]:
        raise ValueError(f"allowed: {', '.join(allowed[field])}")
    return raw


def parse_query(
    query: Mapping[str, str], allowed: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[View, list[tuple[str, str, str]]]:
    """Read a view from query parameters, keeping defaults for bad values.

    Parameters
    ----------
    query : mapping
        Query-string parameters (names as in ``QUERY_NAMES``).
    allowed : mapping, optional
        Allowed values per view field beyond ``CHOICES`` (e.g. ``programs``,
        ``industries``, ``layer``, ``sido`` from the data).

    Returns
    -------
    view : View
    problems : list of (name, value, reason)
        The reason names the allowed values.
    """
    allowed = {**CHOICES, **(allowed or {})}
    values: dict[str, object] = {}
    problems: list[tuple[str, str, str]] = []
    for field, name in QUERY_NAMES.items():
        if name not in query or query[name] == "":
            continue
        try:
            values[field] = _parse(field, str(query[name]), allowed)
        except ValueError as exc:
            problems.append((name, str(query[name]), str(exc)))
    if ("lat" in values) != ("lon" in values):
        name = "lat" if "lat" in values else "lon"
        problems.append((name, str(query[name]), "lat and lon come together; ignored"))
        values.pop("lat", None), values.pop("lon", None)
    first, last = values.get("year_from"), values.get("year_to")
    if isinstance(first, int) and isinstance(last, int) and first > last:
        problems.append(("from", str(first), f"after to={last}; both years ignored"))
        del values["year_from"], values["year_to"]
    return replace(View(), **values), problems  # type: ignore[arg-type]


def view_from_query(
    query: Mapping[str, str], allowed: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[View, list[str]]:
    """Like :func:`parse_query`, with each problem as one sentence for the user.

    >>> view_from_query({"level": "emd"})[1]
    ["URL parameter level='emd' ignored: allowed: sido, sgg · URL 값 level='emd' 무시됨"]
    """
    view, problems = parse_query(query, allowed)
    return view, [
        f"URL parameter {n}={v!r} ignored: {why} · URL 값 {n}={v!r} 무시됨"
        for n, v, why in problems
    ]


def view_to_query(view: View) -> dict[str, str]:
    """Query parameters for a view; defaults are left out to keep links short."""
    default = View()
    out: dict[str, str] = {}
    for f in fields(View):
        value = getattr(view, f.name)
        if value == getattr(default, f.name):
            continue
        if f.name == "kinds" and set(value) >= set(PROGRAM_KINDS):
            out[QUERY_NAMES[f.name]] = ALL_KINDS
        elif f.name == "screen":
            out[QUERY_NAMES[f.name]] = "x".join(map(str, value))
        elif isinstance(value, tuple):
            out[QUERY_NAMES[f.name]] = ",".join(value)
        elif isinstance(value, bool):
            out[QUERY_NAMES[f.name]] = "1" if value else "0"
        elif isinstance(value, float):
            out[QUERY_NAMES[f.name]] = f"{value:.2f}" if f.name == "zoom" else f"{value:.4f}"
        else:
            out[QUERY_NAMES[f.name]] = str(value)
    return out


KIND_COLUMN = "program_kind"
"""Column of the site records holding their program's kind (:func:`with_program_kinds`)."""


def program_kinds(programs: pd.DataFrame) -> dict[str, str]:
    """Program id -> its kind, from ``programs.csv`` (empty without a ``kind`` column)."""
    if "kind" not in programs.columns:
        return {}
    return dict(zip(programs["id"].astype(str), programs["kind"].astype(str), strict=True))


def with_program_kinds(sites: pd.DataFrame, programs: pd.DataFrame) -> pd.DataFrame:
    """``sites`` with ``program_kind`` (the kind of each record's program) filled in."""
    kinds = sites["program"].astype(str).map(program_kinds(programs))
    if KIND_COLUMN in sites.columns:
        kinds = sites[KIND_COLUMN].astype("object").where(sites[KIND_COLUMN].notna(), kinds)
    return sites.assign(**{KIND_COLUMN: kinds.astype("string")})


def shown_kinds(view: View, kinds_of: Mapping[str, str]) -> tuple[str, ...]:
    """The program kinds a view shows: its chosen programs' kinds, else its ``kinds``.

    >>> shown_kinds(View(programs=("busan_belt",)), {"busan_belt": "city_plan"})
    ('city_plan',)
    >>> shown_kinds(View(), {})
    ('statutory',)
    """
    if view.programs:
        chosen = {kinds_of.get(p) for p in view.programs}
        return tuple(k for k in PROGRAM_KINDS if k in chosen)
    return view.kinds


def implied_kinds(view: View, kinds_of: Mapping[str, str]) -> View:
    """The view with its chosen programs' kinds added to ``kinds`` (an old link
    ``program=busan_belt`` shows Busan's belts and ticks "city plan").

    >>> implied_kinds(View(programs=("busan_belt",)), {"busan_belt": "city_plan"}).kinds
    ('statutory', 'city_plan')
    """
    wanted = set(view.kinds) | {kinds_of.get(p) for p in view.programs}
    return replace(view, kinds=tuple(k for k in PROGRAM_KINDS if k in wanted))


def filter_sites(sites: pd.DataFrame, view: View) -> pd.DataFrame:
    """The site records the view's filters admit (program or program kind, industry,
    years, province).

    Chosen programs decide by themselves, whatever their kind (a link naming a program
    shows it); with no program chosen, the records of the view's ``kinds`` are kept
    (by the ``program_kind`` column; a record of no known kind is kept).
    """
    keep = pd.Series(True, index=sites.index)
    if view.programs:
        keep &= sites["program"].isin(view.programs)
    elif KIND_COLUMN in sites.columns:
        keep &= sites[KIND_COLUMN].isin(view.kinds) | sites[KIND_COLUMN].isna()
    if view.industries:
        keep &= sites["industry"].isin(view.industries)
    years = pd.to_numeric(sites["year"], errors="coerce")
    if view.year_from is not None:
        keep &= years >= view.year_from
    if view.year_to is not None:
        keep &= years <= view.year_to
    if view.sido:
        keep &= sites["sido_code_moi"] == view.sido
    return sites[keep.fillna(False).astype(bool)]
