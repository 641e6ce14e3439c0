"""Repair and coverage simplification on tiny hand-made polygons."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import GeometryCollection, LineString, Polygon, box

from geo.repair import dissolve_coverage, polygonal_parts, repair_coverage, simplify_coverage

# Two ~1 km squares near Seoul, in degrees, sharing the edge x = 127.01.
WEST = box(127.00, 37.50, 127.01, 37.51)
EAST = box(127.01, 37.50, 127.02, 37.51)
BOWTIE = Polygon([(127.0, 37.5), (127.01, 37.51), (127.01, 37.5), (127.0, 37.51)])


def frame(codes: list[str], geoms: list[shapely.Geometry]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": codes, "name": codes}, geometry=geoms)  # no CRS


def test_polygonal_parts_drops_lines_and_unnests() -> None:
    mixed = GeometryCollection([WEST, LineString([(0, 0), (1, 1)]), shapely.MultiPolygon([EAST])])
    parts, index = polygonal_parts(np.array([mixed, WEST]))
    assert len(parts) == 3
    assert set(shapely.get_type_id(parts)) == {shapely.GeometryType.POLYGON}
    assert sorted(index.tolist()) == [0, 0, 1]


def test_repair_declares_crs_and_projects_to_metres() -> None:
    out = repair_coverage(frame(["a"], [WEST]))
    assert out.crs == "EPSG:5179"
    # about 0.01 deg lon x 0.01 deg lat at 37.5N: 883 m x 1110 m
    assert 0.9e6 < out.area.iat[0] < 1.05e6


def test_repair_makes_self_intersecting_polygon_valid_and_keeps_area() -> None:
    assert not BOWTIE.is_valid
    out = repair_coverage(frame(["a"], [BOWTIE]))
    geom = out.geometry.iat[0]
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    assert len(geom.geoms) == 2  # both lobes kept, nothing polygonal lost


def test_repair_gathers_parts_of_a_region_into_one_row() -> None:
    island = box(127.05, 37.50, 127.06, 37.51)
    out = repair_coverage(frame(["a", "a", "b"], [WEST, island, EAST]))
    assert out["code"].tolist() == ["a", "b"]
    assert len(out.geometry.iat[0].geoms) == 2


def test_repair_removes_overlap_between_neighbours() -> None:
    overlapping = box(127.0095, 37.50, 127.02, 37.51)  # reaches 50 m into WEST
    raw = frame(["a", "b"], [WEST, overlapping])
    assert not shapely.coverage_is_valid(raw.geometry.values)
    out = repair_coverage(raw)
    assert shapely.coverage_is_valid(out.geometry.values)
    assert out.geometry.iat[0].intersection(out.geometry.iat[1]).area < 1.0


def test_dissolve_coverage_unions_by_group() -> None:
    cov = repair_coverage(frame(["a", "b"], [WEST, EAST])).assign(group="g")
    merged = dissolve_coverage(cov, "group")
    assert merged.index.tolist() == ["g"]
    assert abs(merged.area.iat[0] - cov.area.sum()) < 1.0
    assert merged.iat[0].geom_type == "Polygon"  # shared border gone


def test_simplify_keeps_shared_border_shared() -> None:
    # a wiggly shared border: simplified separately, the two sides would drift apart
    xs = np.linspace(127.0, 127.02, 60)
    wiggle = [(x, 37.505 + 0.0004 * np.sin(i)) for i, x in enumerate(xs)]
    north = Polygon([(127.0, 37.51), (127.02, 37.51), *reversed(wiggle)])
    south = Polygon([(127.0, 37.50), *wiggle, (127.02, 37.50)])
    cov = repair_coverage(frame(["n", "s"], [north, south]))
    display = simplify_coverage(cov, tolerance=80.0)
    assert display.crs == "EPSG:4326"
    assert shapely.coverage_is_valid(display.values)
    before = sum(shapely.get_num_coordinates(cov.geometry.values))
    assert sum(shapely.get_num_coordinates(display.values)) < before / 2
    metric = display.to_crs(5179)
    gap_or_overlap = metric.union_all().area - metric.area.sum()
    assert abs(gap_or_overlap) < 1.0  # square metres


def test_simplify_rounds_coordinates_to_grid() -> None:
    cov = repair_coverage(frame(["a"], [WEST]))
    coords = shapely.get_coordinates(simplify_coverage(cov, 10.0, grid=1e-4).values)
    assert np.allclose(coords * 1e4, np.round(coords * 1e4), atol=1e-6)
