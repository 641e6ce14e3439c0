"""Export benchmarks: a national slide PNG's render time, and the offline HTML's size
next to ``GeoDataFrame.explore()``'s HTML of the same data."""

from __future__ import annotations

import datetime

from bench.common import RUNS, Row, median, num, prepared_settings, rounded, seconds
from geo.aggregate import aggregate_sites
from geo.boundaries import load_boundaries
from layers.atlas import AtlasData, load_atlas_data
from layers.view import View, filter_sites

TODAY = datetime.date(2026, 1, 1)
PNG_VIEW = View(level="sgg")
"""National view at municipality level with sites and belts: every layer drawn."""
PNG_TARGET_S = 3.0
HTML_TARGET_RATIO = 10.0


def export_png() -> list[Row]:
    """Median seconds to render the 1920×1080 national PNG (after one warm-up render)."""
    from exports.image import ImageOptions
    from exports.image.render import render_image

    with prepared_settings() as settings:
        data = load_atlas_data(settings)
        opts = ImageOptions("png", "slide")
        first = seconds(lambda: render_image(data, PNG_VIEW, opts, today=TODAY))
        times = [
            seconds(lambda: render_image(data, PNG_VIEW, opts, today=TODAY)) for _ in range(RUNS)
        ]
        size = len(render_image(data, PNG_VIEW, opts, today=TODAY))
    med = median(times)
    return [
        {
            "name": "export_png",
            "median_s": num(med, 3),
            "first_s": num(first, 3),
            "runs": rounded(times),
            "bytes": size,
            "view": "level=sgg, sites and belts, 1920x1080",
            "ok": med <= PNG_TARGET_S,
        }
    ]


def explore_html(data: AtlasData, view: View, sido_full: object) -> bytes:
    """The obvious page: ``explore()`` of the provinces (coloured by the same count),
    the sites and the belts, in one map."""
    sites = filter_sites(data.sites, view)
    regions = sido_full.copy()  # type: ignore[attr-defined]
    counts = aggregate_sites(sites, regions, "sido")["count"]
    regions["count"] = regions["code_moi"].map(counts)
    fmap = regions.explore(column="count", tooltip=["name_ko", "name_en", "count"])
    placed = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    placed[["name_ko", "name_en", "industry", "program", "geometry"]].explore(
        m=fmap, column="industry"
    )
    if data.belts is not None and not data.belts.empty:
        data.belts[["name_ko", "name_en", "geometry"]].explore(m=fmap)
    return fmap.get_root().render().encode("utf-8")


def export_html() -> list[Row]:
    """Bytes of the default view's offline HTML against explore() of the same data."""
    from exports.html import render_html

    with prepared_settings() as settings:
        data = load_atlas_data(settings)
        ours = render_html(data, View(), TODAY)
        theirs = explore_html(data, View(), load_boundaries("sido", "full", settings))
    ratio = len(theirs) / len(ours)
    return [
        {
            "name": "export_html",
            "bytes": len(ours),
            "explore_bytes": len(theirs),
            "ratio": num(ratio, 2),
            "note": "explore() links Leaflet from CDNs; ours inlines it (about 150 kB)",
            "ok": ratio >= HTML_TARGET_RATIO,
        }
    ]
