"""Busan's innovation belts as labelled polygons."""

from __future__ import annotations

import html

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from layers.i18n import t
from layers.style import BELT

LABEL_MIN_ZOOM = 9
"""Belt labels are hidden below this zoom: at national scale the five overlap."""
LABEL_CSS = ".kca-zoom-low .kca-belt-label{display:none}"
BELT_PATH = {
    "color": BELT.stroke,
    "weight": BELT.stroke_width,
    "dashArray": BELT.dash_css,
    "fillColor": BELT.fill,
    "fillOpacity": BELT.fill_opacity,
}
"""Leaflet path options of a belt, from ``layers.style.BELT``."""


class HideLabelsBelowZoom(MacroElement):
    """Marks the map container ``kca-zoom-low`` while zoomed out below ``min_zoom``.

    A layer: it follows the zoom while it is on the map (directly or in a feature group)
    and, once removed, stops listening and drops the mark.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = new (L.Layer.extend({
  onAdd: function (map) {
    map.on("zoomend", this._update, this);
    this._update();
    return this;
  },
  onRemove: function (map) {
    map.off("zoomend", this._update, this);
    map.getContainer().classList.remove("kca-zoom-low");
    return this;
  },
  _update: function () {
    var map = this._map;
    map.getContainer().classList.toggle("kca-zoom-low", map.getZoom() < {{ this.min_zoom }});
  }
}))();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, min_zoom: int = LABEL_MIN_ZOOM) -> None:
        super().__init__()
        self._name = "HideLabelsBelowZoom"
        self.min_zoom = int(min_zoom)


def belts_layer(belts: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Belt polygons with a permanent bilingual label and their industries on hover.

    Parameters
    ----------
    belts : geopandas.GeoDataFrame
        One row per belt with ``name_ko``, ``name_en``, ``industries_ko``,
        ``industries_en`` and polygon geometry in EPSG:4326.
    lang : str
        "ko" or "en": the first of the two names shown.

    Returns
    -------
    folium.FeatureGroup
        The belts, their labels and the ``HideLabelsBelowZoom`` that hides the labels
        at national scale, as one group that can be swapped as a whole.
    """
    group = folium.FeatureGroup(name=t("belts", lang))
    first, second = ("ko", "en") if lang == "ko" else ("en", "ko")
    for _, belt in belts.iterrows():
        label = f"{belt[f'name_{first}']} · {belt[f'name_{second}']}"
        detail = f"{label}\n{belt.get(f'industries_{lang}', '')}"
        folium.GeoJson(
            belt.geometry.__geo_interface__,
            style_function=lambda _f: BELT_PATH,
            tooltip=folium.Tooltip(html.escape(detail).replace("\n", "<br>"), sticky=True),
        ).add_to(group)
        point = belt.geometry.representative_point()
        folium.Marker(
            (point.y, point.x),
            icon=folium.DivIcon(
                html=f'<div class="kca-belt-label">{html.escape(label)}</div>',
                icon_size=(160, 20),
                icon_anchor=(80, 10),
            ),
        ).add_to(group)
    HideLabelsBelowZoom().add_to(group)
    return group
