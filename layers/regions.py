"""A region layer drawn from TopoJSON: shared borders sent once, styled per region code."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from branca.element import MacroElement
from jinja2 import Template

from layers.assets import DECODER_JS
from layers.style import NO_DATA_COLOR, REGION_FILL_OPACITY, REGION_LINE


def safe_json(value: object) -> str:
    """JSON that can sit inside a ``<script>`` element (no ``</script>`` breakout)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def global_script(code: str, defines: str) -> str:
    """JavaScript that runs ``code`` once per page at global scope (issue #16).

    streamlit-folium evaluates a swapped-in layer group with a *direct* ``eval`` inside
    one of its functions, so a function the group's code defines closes over that call's
    scope, and with it every layer the group created. The decoder's helpers are defined
    once per page and kept on ``window``: written inline, the first group's helpers kept
    the first view's layers (a whole copy of the boundaries and markers, 10 MiB) alive for
    as long as the page lived. An indirect eval (``(0, eval)``) runs the code in the global
    scope instead, where it captures nothing of the group. ``defines`` names the global
    the code sets, so later groups skip it.

    >>> global_script("window.f = function () {};", "f")
    'if (!window.f) { (0, eval)("window.f = function () {};"); }'
    """
    return f"if (!window.{defines}) {{ (0, eval)({safe_json(code)}); }}"


PANES = {"kca-region": 390, "kca-outline": 395}
"""Map panes of the region layers and their stacking order: under Leaflet's overlay pane
(400: belts and sites), over tiles (200); each path's class names its pane."""


class TopoRegions(MacroElement):
    """Regions from a TopoJSON topology, each filled by a colour looked up by its code.

    The topology is either inlined (``topology``: a stand-alone file) or fetched from
    ``url`` (the app: the browser keeps it, so a filter change sends only the styles).

    Parameters
    ----------
    topology : str or None
        TopoJSON text with an object ``regions`` whose features carry ``code``; None
        when ``url`` is given.
    fill : mapping of str to str
        Fill colour per region code; regions not in it get ``default_fill``.
    tooltip : mapping of str to str
        Tooltip text per region code (plain text; escaped here).
    name : str
        Layer name (shown in the layer control).
    default_fill, line_color, line_weight, fill_opacity
        Styling.
    interactive : bool
        False for a basemap that should not catch clicks or show tooltips.
    class_name : {"kca-region", "kca-outline"}
        CSS class of each region's path (tests and styles find them by it); also the
        map pane the layer is drawn in (:data:`PANES`).
    url : str or None
        Where the browser fetches the same TopoJSON (same origin), instead of inlining it.

    Raises
    ------
    ValueError
        When not exactly one of ``topology`` and ``url`` is given, or for an unknown
        ``class_name``.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.decoder }}
var {{ this.get_name() }} = (function () {
    var fills = {{ this.fill }}, tips = {{ this.tooltip }};
    return kcaTopoLayer({
        pane: {{ this.pane }}, paneZ: {{ this.pane_z }},
        interactive: {{ this.interactive }},
        style: function (f) {
            return {fillColor: fills[f.properties.code] || {{ this.default_fill }},
                    fillOpacity: {{ this.fill_opacity }},
                    color: {{ this.line_color }}, weight: {{ this.line_weight }},
                    className: {{ this.class_name }}};
        },
        onEachFeature: function (f, layer) {
            if (tips[f.properties.code]) {
                layer.bindTooltip(tips[f.properties.code], {sticky: true});
            }
        }
    });
})().addTo({{ this._parent.get_name() }});
{% if this.url %}
kcaTopoFetch({{ this.url }}, "regions").then(function (features) {
    {{ this.get_name() }}.addData(features);
}, function (error) { console.error("boundaries / 경계", error); });
{% else %}
{{ this.get_name() }}.addData(kcaTopoFeatures({{ this.topology }}, "regions"));
{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        topology: str | None,
        fill: Mapping[str, str],
        tooltip: Mapping[str, str],
        name: str,
        default_fill: str = NO_DATA_COLOR,
        line_color: str = REGION_LINE.color,
        line_weight: float = REGION_LINE.width,
        fill_opacity: float = REGION_FILL_OPACITY,
        interactive: bool = True,
        class_name: str = "kca-region",
        url: str | None = None,
    ) -> None:
        super().__init__()
        if (topology is None) == (url is None):
            raise ValueError(
                "TopoRegions needs exactly one of topology (inline TopoJSON) and url; "
                f"got topology={'None' if topology is None else 'text'}, url={url!r}"
            )
        if class_name not in PANES:
            raise ValueError(f"class_name must be one of {', '.join(PANES)}; got {class_name!r}")
        self._name = "TopoRegions"
        self.layer_name = name
        self.decoder = global_script(DECODER_JS.read_text(encoding="utf-8"), "kcaTopoLayer")
        self.topology = None if topology is None else topology.replace("</", "<\\/")
        self.url = None if url is None else safe_json(url)
        self.fill = safe_json(dict(fill))
        self.tooltip = safe_json(
            {k: html.escape(v).replace("\n", "<br>") for k, v in tooltip.items()}
        )
        self.default_fill = safe_json(default_fill)
        self.line_color = safe_json(line_color)
        self.line_weight = line_weight
        self.fill_opacity = fill_opacity
        self.interactive = "true" if interactive else "false"
        self.class_name = safe_json(class_name)
        self.pane = safe_json(class_name)
        self.pane_z = PANES[class_name]
