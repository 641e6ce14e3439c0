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


class TopoRegions(MacroElement):
    """Regions from a TopoJSON topology, each filled by a colour looked up by its code.

    Parameters
    ----------
    topology : str
        TopoJSON text with an object ``regions`` whose features carry ``code``.
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
    class_name : str
        CSS class of each region's path (tests and styles find them by it).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.decoder }}
var {{ this.get_name() }} = L.geoJSON(
    kcaTopoFeatures({{ this.topology }}, "regions"),
    {
        interactive: {{ this.interactive }},
        style: function (f) {
            var fill = {{ this.fill }}[f.properties.code];
            return {fillColor: fill || {{ this.default_fill }},
                    fillOpacity: {{ this.fill_opacity }},
                    color: {{ this.line_color }}, weight: {{ this.line_weight }},
                    className: {{ this.class_name }}};
        },
        onEachFeature: function (f, layer) {
            var tips = {{ this.tooltip }};
            if (tips[f.properties.code]) {
                layer.bindTooltip(tips[f.properties.code], {sticky: true});
            }
        }
    }
).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        topology: str,
        fill: Mapping[str, str],
        tooltip: Mapping[str, str],
        name: str,
        default_fill: str = NO_DATA_COLOR,
        line_color: str = REGION_LINE.color,
        line_weight: float = REGION_LINE.width,
        fill_opacity: float = REGION_FILL_OPACITY,
        interactive: bool = True,
        class_name: str = "kca-region",
    ) -> None:
        super().__init__()
        self._name = "TopoRegions"
        self.layer_name = name
        self.decoder = DECODER_JS.read_text(encoding="utf-8")
        self.topology = topology.replace("</", "<\\/")
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
