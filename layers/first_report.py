"""Hold the map's first report until its regions are drawn (issue #14, the first map).

The page draws the records table from its second run on (``ui.page.table_now``); the
second run follows the map's first report of its bounds. The base map carries
:class:`HoldFirstReport`, whose script (``static/first_report.js``, inlined) keeps that
first report until the regions layer (``layers.regions.TopoRegions``) has drawn its
boundaries, at most 1.5 s, so the table's script does not hold the drawing back.
Outside streamlit-folium (exported HTML) the script does nothing.
"""

from __future__ import annotations

from pathlib import Path

from layers.mapscript import MapScript

FIRST_REPORT_JS = Path(__file__).with_name("static") / "first_report.js"


class HoldFirstReport(MapScript):
    """Add to the base map: its first report to the page waits for the regions.

    Examples
    --------
    >>> import folium
    >>> fmap = folium.Map(tiles=None)
    >>> _ = HoldFirstReport().add_to(fmap)
    >>> "kcaHoldFirstReport(map_" in fmap.get_root().render()
    True
    """

    def __init__(self) -> None:
        super().__init__(
            "HoldFirstReport",
            FIRST_REPORT_JS.read_text(encoding="utf-8"),
            "kcaHoldFirstReport",
        )
