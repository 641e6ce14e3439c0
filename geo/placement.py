"""Putting records on the map: the site's own point, else a point of its municipality.

:func:`place_records` matches each record's declared municipality (exactly, a city name
standing for all its gu, or through ``data/admin_name_aliases.csv``), takes the site's
own lon/lat where given and otherwise a representative point of the municipality
(marked approximate), and spreads points that share a municipality with
:func:`spread_stacked` so each marker can be seen.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import NAME_ALIASES
from geo.repair import DISPLAY_CRS, METRIC_CRS
from geo.rules import missing, rows
from geo.tables import Problem, problem, read_csv_table, type_clusters

_CITY_OF_GU = re.compile(r"^(\S+시) \S+구$")
GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))
SPREAD_STEP = 700.0
"""Metres per point when spreading markers that share a municipality."""
SPREAD_MAX = 5000.0
"""Largest radius, in metres, of a spread."""


def load_name_aliases(path: Path = NAME_ALIASES) -> dict[tuple[str, str], str]:
    """Today's municipality names that the 2018 boundaries know under another name.

    Returns
    -------
    dict
        ``(sido, sigungu) -> maps_to_sigungu`` from data/admin_name_aliases.csv.
    """
    frame, _ = read_csv_table(path)
    if frame.empty:
        return {}
    return {
        (str(r.sido), str(r.sigungu)): str(r.maps_to_sigungu)
        for r in frame.itertuples()
        if not (missing(r.sido) or missing(r.sigungu) or missing(r.maps_to_sigungu))
    }


def municipality_index(sgg: gpd.GeoDataFrame) -> dict[tuple[str, str], list[str]]:
    """Map (province name, municipality name) to KOSTAT codes.

    A name is found as the boundaries spell it ("수원시 장안구") and, for cities with gu,
    under the city name alone ("수원시"), which then stands for all of its gu.
    """
    index: dict[tuple[str, str], list[str]] = {}
    for code, sido, name in zip(sgg["code"], sgg["sido_name_ko"], sgg["name_ko"], strict=True):
        index.setdefault((str(sido), str(name)), []).append(str(code))
        match = _CITY_OF_GU.match(str(name))
        if match:
            index.setdefault((str(sido), match[1]), []).append(str(code))
    return index


def match_municipality(
    sido: str | None,
    sigungu: str | None,
    index: dict[tuple[str, str], list[str]],
    aliases: dict[tuple[str, str], str],
) -> list[str]:
    """KOSTAT codes of the declared municipality, empty when it cannot be matched.

    Exact name first, then the alias table (today's names the 2018 files lack).
    """
    if not sido or not sigungu:
        return []
    key = (sido.strip(), " ".join(sigungu.split()))
    if key in index:
        return index[key]
    alias = aliases.get(key)
    return index.get((key[0], alias), []) if alias else []


def _text(value: object) -> str | None:
    return None if missing(value) else str(value)


def _unmatched(file: str, row: int, sido: str | None, sigungu: str | None) -> Problem:
    return problem(
        file,
        row,
        "sigungu",
        f"municipality {sido or ''} {sigungu or ''} matches no boundary name; use a "
        "name as in the boundaries (e.g. '안산시 단원구') or add an alias to "
        "admin_name_aliases.csv",
        f"시군구 {sido or ''} {sigungu or ''}을(를) 경계 자료에서 찾을 수 없습니다",
    )


log = logging.getLogger(__name__)

LOCATIONS = {"point": "site", "emd": "emd", "sgg": "municipality", "sido": "province"}
"""Precision of a complex -> where its marker stands (``location``): its own point, a
representative point of its 읍면동, or of its municipality; a province-wide complex
(``sido``: the sources name only the province) stands for the whole province, drawn at a
representative point of it that is never a coordinate of the complex (no municipality
is credited with it)."""


def province_codes(sido: str | None, index: dict[tuple[str, str], list[str]]) -> list[str]:
    """KOSTAT codes of every municipality of province ``sido`` (name as in the records),
    sorted, each once; empty for an unknown province."""
    name = (sido or "").strip()
    return sorted({c for (p, _), codes in index.items() if p == name for c in codes})


def _province_row(rec: Any, base: dict[str, Any], index: dict) -> dict[str, Any]:
    """The marker row of a province-wide complex: its area is the whole province."""
    codes = province_codes(_text(getattr(rec, "sido", None)), index)
    if not codes:
        return {**base, "location": "unplaced", "point": None, "area": "", "shown": ""}
    area = ";".join(codes)
    return {**base, "declared_sgg_codes": area, "location": "province", "point": None,
            "area": area, "shown": "sido:" + codes[0][:2]}  # fmt: skip


def municipalities_of(rec: Any) -> list[tuple[str, str]]:
    """(province, municipality) pairs a record's complex lies in, the primary one first:
    ``sigungu_all`` ("sido sigungu;…") when given, else the record's sido and sigungu."""
    listed = _text(getattr(rec, "sigungu_all", None))
    pairs = []
    for item in (listed or "").split(";"):
        sido, _, sigungu = item.strip().partition(" ")
        if sido and sigungu:
            pairs.append((sido, sigungu))
    if pairs:
        return pairs
    own_sido, own_sgg = _text(getattr(rec, "sido", None)), _text(getattr(rec, "sigungu", None))
    return [(own_sido or "", own_sgg or "")]


def _precision(rec: Any, own: bool) -> str:
    given = _text(getattr(rec, "precision", None))
    if given in LOCATIONS:
        return str(given)
    return "point" if own else "sgg"


def _marker_rows(
    rec: Any, row: int, index: dict[tuple[str, str], list[str]], aliases: dict
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """One marker row per municipality of the record's complex (one for a point)."""
    pairs = municipalities_of(rec)
    codes = [match_municipality(s, g, index, aliases) for s, g in pairs]
    lon, lat = getattr(rec, "lon", pd.NA), getattr(rec, "lat", pd.NA)
    own = not (missing(lon) or missing(lat))
    precision = _precision(rec, own)
    emd = [c for c in (_text(getattr(rec, "emd_codes", None)) or "").split(";") if c]
    key = _text(getattr(rec, "complex_id", None)) or f"record:{getattr(rec, 'id', row)}"
    declared = ";".join(c for group in codes for c in group)
    base = {"row": row, "complex_key": key, "declared_sgg_codes": declared, "precision": precision}
    if precision == "point" and own:
        point = shapely.Point(float(str(lon)), float(str(lat)))
        return [{**base, "location": "site", "point": point, "area": "", "shown": declared}], []
    if precision == "sido":
        wide = _province_row(rec, base, index)
        wrong = [] if wide["area"] else [_unmatched("", row, *pairs[0])]
        return [wide], wrong
    out, problems = [], []
    for (sido, sigungu), group in zip(pairs, codes, strict=True):
        if not group:
            problems.append(_unmatched("", row, sido, sigungu))
            continue
        inside = [c for c in emd if c[:5] in group] if precision == "emd" else []
        location = "emd" if inside else "municipality"
        area = ";".join(inside or group)
        out.append({**base, "location": location, "point": None, "area": area,
                    "shown": ";".join(group)})  # fmt: skip
    if not out:
        out.append({**base, "location": "unplaced", "point": None, "area": "", "shown": ""})
    return out, problems


def _locate(
    records: pd.DataFrame,
    index: dict[tuple[str, str], list[str]],
    aliases: dict[tuple[str, str], str],
    file: str,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """One row per record and municipality of its complex: its marker's place."""
    problems: list[Problem] = []
    parts: list[dict[str, Any]] = []
    for row, rec in zip(rows(records), records.itertuples(index=False), strict=True):
        found, wrong = _marker_rows(rec, row, index, aliases)
        parts += found
        problems += [replace(p, file=file) for p in wrong]
    table = pd.DataFrame(parts)
    position = {r: i for i, r in enumerate(rows(records))}
    base = records.iloc[[position[r] for r in table["row"]]].copy()
    for column in ("location", "declared_sgg_codes", "complex_key", "precision"):
        base[column] = table[column].to_numpy()
    base["shown_sgg_codes"] = table["shown"].to_numpy()
    base["area"] = table["area"].to_numpy()
    placed = gpd.GeoDataFrame(
        base, geometry=gpd.GeoSeries(list(table["point"]), index=base.index, crs=DISPLAY_CRS)
    )
    placed["approximate"] = placed["location"] != "site"
    return placed, problems


def place_records(
    clusters: pd.DataFrame,
    sgg: gpd.GeoDataFrame,
    aliases: dict[tuple[str, str], str] | None = None,
    file: str = "clusters.csv",
    emd: gpd.GeoDataFrame | None = None,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Put every record on the map: one marker row per municipality its complex lies in.

    By the complex's ``precision``: ``point`` at its own lon/lat (``location`` "site");
    ``emd`` at a representative point of the union of its 읍면동 polygons in that
    municipality (``location`` "emd"; needs ``emd``); ``sgg`` at a representative point
    of the municipality (``location`` "municipality"); ``sido`` (the sources name only
    the province) at a representative point of the province (``location`` "province"),
    standing for the whole province: ``declared_sgg_codes`` lists all its municipalities,
    the municipality columns of the join stay empty (no municipality is credited with
    it) and ``sido_code_moi`` is the province's. Records
    without a precision (uploads) are ``point`` with coordinates, else ``sgg``. A complex
    listed in several municipalities (``sigungu_all``) gets a row in each, with
    ``shown_sgg_codes`` naming the municipality of that marker; all rows of one complex
    in one municipality share one point. Municipalities are matched by province and
    name: exactly, a city name covering all its gu, or via admin_name_aliases.csv.
    Markers sharing an area are spread inside it (:func:`spread_stacked`). A spatial
    join adds ``sgg_code`` (KOSTAT), ``sgg_code_moi``, ``sido_code_moi``, ``sgg_name_ko``
    of the point. A record that cannot be placed keeps an empty geometry (``location``
    "unplaced") and is reported; no record is dropped. Representative points are never
    written into ``lon``/``lat``.

    Parameters
    ----------
    clusters : pandas.DataFrame
        Flat records (designations with their complex), typed or as text.
    sgg : geopandas.GeoDataFrame
        Municipalities from ``load_boundaries("sgg", detail)``.
    aliases : dict, optional
        ``(sido, sigungu) -> 2018 name``; defaults to data/admin_name_aliases.csv.
    file : str
        File name used in the problems.
    emd : geopandas.GeoDataFrame, optional
        읍면동 from ``load_boundaries("emd", detail)``; without it ``emd`` complexes are
        placed at their municipality.

    Returns
    -------
    placed : geopandas.GeoDataFrame
        The records (a record repeated per municipality of its complex, same index)
        plus ``location``, ``approximate``, ``precision``, ``complex_key``,
        ``declared_sgg_codes``, ``shown_sgg_codes``, ``area`` and the join columns.
    problems : list of Problem
        One per municipality that cannot be matched.
    """
    aliases = load_name_aliases() if aliases is None else aliases
    placed, problems = _locate(type_clusters(clusters), municipality_index(sgg), aliases, file)
    placed = _emd_at_hand(placed, emd)
    areas = _Areas(sgg.to_crs(METRIC_CRS).set_index("code"), _metric(emd))
    placed = _at_areas(placed, areas)
    return _join_municipalities(placed, sgg), problems


def _emd_at_hand(placed: gpd.GeoDataFrame, emd: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """Rows whose 읍면동 the given boundaries lack (none given, or another vintage: the
    package's 2020 codes are not the 2018 files') are placed at their municipality."""
    known = set() if emd is None else set(emd["code"].astype(str))
    wanted = placed["location"] == "emd"
    has = placed["area"].astype(str).map(lambda a: all(c in known for c in a.split(";")))
    lost = wanted & ~has
    if lost.any() and emd is not None:
        log.warning("%d markers placed at their municipality: 읍면동 codes not in these boundaries",
                    int(lost.sum()))  # fmt: skip
    out = placed.copy()
    out.loc[lost, "location"] = "municipality"
    out.loc[lost, "area"] = out.loc[lost, "shown_sgg_codes"]
    return out


def _metric(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    return None if frame is None else frame.to_crs(METRIC_CRS).set_index("code")


class _Areas(dict[str, Any]):
    """Areas by their ";"-joined KOSTAT codes (5 digits: municipalities, 7: 읍면동), each
    union made once (``make_valid`` first) in EPSG:5179."""

    def __init__(self, sgg: gpd.GeoDataFrame, emd: gpd.GeoDataFrame | None = None) -> None:
        super().__init__()
        self.sgg, self.emd = sgg, emd

    def __missing__(self, key: str) -> Any:
        codes = key.split(";")
        frame = self.emd if codes and len(codes[0]) == 7 else self.sgg
        if frame is None:
            raise KeyError(f"no boundaries of 읍면동 to place {key!r}")
        area = shapely.union_all(shapely.make_valid(frame.geometry.loc[codes].values))
        self[key] = area
        return area

    def can_build(self, key: str) -> bool:
        """True when the boundaries for ``key``'s level are at hand."""
        return key in self or not key or len(key.split(";")[0]) != 7 or self.emd is not None


def _marker_ids(placed: pd.DataFrame) -> pd.Series:
    """The marker of each row: its complex in the municipality it is drawn in; a record
    uploaded in this session (``user_record``) is a marker of its own, never hidden under
    a bundled one."""
    keys = placed["complex_key"].astype(str)
    if "user_record" in placed.columns and "id" in placed.columns:
        user = placed["user_record"].astype("object").fillna(False).astype(bool)
        keys = keys.where(~user, "record:" + placed["id"].astype(str))
    return keys + "@" + placed["shown_sgg_codes"].astype(str)


def _at_areas(placed: gpd.GeoDataFrame, areas: _Areas) -> gpd.GeoDataFrame:
    """Representative points of the areas of rows placed at an area (one per marker),
    then spread where several markers share an area."""
    approx = placed["location"].isin(["emd", "municipality", "province"])
    markers = placed.loc[approx].assign(marker=_marker_ids(placed.loc[approx]))
    first = markers.drop_duplicates("marker")
    keys = pd.Series(first["area"].astype(str).to_numpy(), index=first["marker"].to_numpy())
    spots = gpd.GeoSeries(
        [areas[key].representative_point() for key in keys], index=keys.index, crs=METRIC_CRS
    )
    spots = _spread_groups(spots, keys, areas)
    out = placed.copy()
    if not spots.empty:
        shown = spots.to_crs(DISPLAY_CRS)
        out.loc[approx.to_numpy(), "geometry"] = shown.loc[markers["marker"]].to_numpy()
    return out


def sunflower(center: shapely.Point, n: int, radius: float) -> list[shapely.Point]:
    """``n`` points spread evenly in a disc (Vogel's sunflower), first one nearest the centre."""
    steps = np.arange(n)
    r = radius * np.sqrt((steps + 0.5) / n)
    theta = steps * GOLDEN_ANGLE
    return [
        shapely.Point(center.x + ri * np.cos(ti), center.y + ri * np.sin(ti))
        for ri, ti in zip(r, theta, strict=True)
    ]


def _spread(area: shapely.Geometry, points: gpd.GeoSeries, step: float) -> gpd.GeoSeries:
    """Spread points that share an area on a sunflower around the first, inside the area.

    The disc shrinks until every point fits; if none fits the points stay stacked.
    """
    center = points.iloc[0]
    radius = min(step * np.sqrt(len(points)), SPREAD_MAX)
    for _ in range(5):
        spots = sunflower(center, len(points), radius)
        if shapely.contains(area, spots).all():
            return gpd.GeoSeries(spots, index=points.index, crs=points.crs)
        radius /= 2
    return points


def _spread_groups(
    points: gpd.GeoSeries, keys: pd.Series, areas: _Areas, step: float = SPREAD_STEP
) -> gpd.GeoSeries:
    """The one spreading pass: markers (EPSG:5179, one point each) grouped by the area
    they stand for, each group of two or more spread inside its area (groups whose area
    cannot be built here keep their points)."""
    out = points.copy()
    for key, group in keys.groupby(keys):
        if len(group) > 1 and areas.can_build(str(key)):
            out.loc[group.index] = _spread(areas[str(key)], points.loc[group.index], step)
    return out


def spread_stacked(
    placed: gpd.GeoDataFrame, metric: gpd.GeoDataFrame, step: float = SPREAD_STEP
) -> gpd.GeoDataFrame:
    """Spread markers placed at an area that share it, so each marker can be seen.

    Rows of one marker (a complex in one municipality) move together. Points stay inside
    their area (the disc shrinks until all fit, else the points stay stacked). ``metric``
    holds the municipalities (EPSG:5179, indexed by code); groups at 읍면동 areas are left
    as they are. Work is in EPSG:5179; ``step`` is metres per point.
    """
    out = placed.copy()
    approx = out["location"].isin(["emd", "municipality"])
    if "area" not in out.columns:
        out["area"] = out["declared_sgg_codes"]
    if "complex_key" not in out.columns or "shown_sgg_codes" not in out.columns:
        out["complex_key"] = out.get("id", pd.Series(out.index, index=out.index)).astype(str)
        out["shown_sgg_codes"] = out["declared_sgg_codes"]
    markers = out.loc[approx].assign(marker=_marker_ids(out.loc[approx]))
    first = markers.drop_duplicates("marker")
    keys = pd.Series(first["area"].astype(str).to_numpy(), index=first["marker"].to_numpy())
    points = gpd.GeoSeries(first.geometry.to_numpy(), index=keys.index, crs=out.crs)
    moved = _spread_groups(points.to_crs(METRIC_CRS), keys, _Areas(metric), step)
    stacked = keys.groupby(keys).transform("size") > 1
    if stacked.any():
        shown = moved.to_crs(DISPLAY_CRS)
        rows_to_move = markers["marker"].isin(stacked[stacked].index)
        target = markers.loc[rows_to_move, "marker"]
        mask = approx.to_numpy().copy()
        mask[mask] = rows_to_move.to_numpy()
        out.loc[mask, "geometry"] = shown.loc[target].to_numpy()
    return out


def _join_municipalities(placed: gpd.GeoDataFrame, sgg: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    regions = (
        sgg[["code", "code_moi", "parent_code_moi", "name_ko", "geometry"]]
        .rename(
            columns={
                "code": "sgg_code",
                "code_moi": "sgg_code_moi",
                "parent_code_moi": "sido_code_moi",
                "name_ko": "sgg_name_ko",
            }
        )
        .to_crs(DISPLAY_CRS)
    )
    flat = placed.reset_index(drop=True)  # a record drawn in several places repeats its index
    has_point = flat.geometry.notna() & ~flat.geometry.is_empty
    joined = gpd.sjoin(flat.loc[has_point, ["geometry"]], regions, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    columns = ["sgg_code", "sgg_code_moi", "sido_code_moi", "sgg_name_ko"]
    out = placed.copy()
    for col in columns:
        out[col] = joined[col].reindex(flat.index).astype("string").to_numpy()
    wide = (out["location"] == "province").to_numpy()
    out.loc[wide, ["sgg_code", "sgg_code_moi", "sgg_name_ko"]] = pd.NA  # the whole province
    return out


def check_points_in_declared_municipality(placed: gpd.GeoDataFrame) -> pd.DataFrame:
    """Placed rows whose point lies outside the municipality they declare.

    Parameters
    ----------
    placed : geopandas.GeoDataFrame
        Output of :func:`place_records`.

    Returns
    -------
    pandas.DataFrame
        id, sido, sigungu, location, the joined sgg_name_ko/sgg_code and the declared
        codes, for rows with a point whose joined municipality is not a declared one
        (including points in no municipality at all).
    """
    has_point = placed.geometry.notna() & ~placed.geometry.is_empty
    has_point &= placed["location"] != "province"  # stands for its whole province
    declared = placed["declared_sgg_codes"].fillna("").astype(str).str.split(";")
    inside = [
        not missing(code) and str(code) in codes
        for code, codes in zip(placed["sgg_code"], declared, strict=True)
    ]
    wrong = has_point & ~pd.Series(inside, index=placed.index)
    columns = ["id", "sido", "sigungu", "location", "sgg_name_ko", "sgg_code", "declared_sgg_codes"]
    return pd.DataFrame(placed.loc[wrong, [c for c in columns if c in placed.columns]])


def check_emd_codes(
    complexes: pd.DataFrame,
    sgg: gpd.GeoDataFrame,
    emd: gpd.GeoDataFrame,
    aliases: dict[tuple[str, str], str] | None = None,
    file: str = "complexes.csv",
) -> list[Problem]:
    """The rule of ``complexes.csv`` that needs boundaries: every ``emd_codes`` code is a
    KOSTAT-2018 읍면동 of that name, inside one of the complex's declared municipalities
    (``sigungu_all``).

    Parameters
    ----------
    complexes : pandas.DataFrame
        ``complexes.csv`` as read (file names: ``emd``, ``emd_codes``, ``sigungu_all``).
    sgg, emd : geopandas.GeoDataFrame
        Municipalities and 읍면동 from ``load_boundaries``.

    Returns
    -------
    list of Problem
        One per code that is unknown, named otherwise, or outside the municipalities.
    """
    aliases = load_name_aliases() if aliases is None else aliases
    index = municipality_index(sgg)
    names = dict(zip(emd["code"].astype(str), emd["name_ko"].astype(str), strict=True))
    found = []
    for row, rec in zip(rows(complexes), complexes.itertuples(index=False), strict=True):
        codes = [c for c in (_text(getattr(rec, "emd_codes", None)) or "").split(";") if c]
        given = [n for n in (_text(getattr(rec, "emd", None)) or "").split(";") if n]
        declared = {
            c for s, g in municipalities_of(rec) for c in match_municipality(s, g, index, aliases)
        }
        for i, code in enumerate(codes):
            name = given[i] if i < len(given) else ""
            if code not in names or names[code] != name:
                en = f"emd code {code} is not the KOSTAT-2018 읍면동 {name!r} (it is "
                en += f"{names.get(code, 'no 읍면동')!r})"
                ko = f"emd 코드 {code}는 통계청 2018 읍면동 {name!r}이(가) 아닙니다"
            elif code[:5] not in declared:
                en = f"emd {name} ({code}) lies outside the declared municipalities"
                ko = f"읍면동 {name}({code})이(가) 선언한 시군구 밖에 있습니다"
            else:
                continue
            found.append(problem(file, row, "emd_codes", en, ko))
    return found
