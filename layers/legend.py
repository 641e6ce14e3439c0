"""A legend drawn on the map (HTML control, no external scripts)."""

from __future__ import annotations

import html

from branca.element import MacroElement
from jinja2 import Template

from layers.i18n import t
from layers.mapux import map_words
from layers.regions import safe_json
from layers.style import MARKERS
from layers.symbology import LegendSection

_LOCATED, _APPROXIMATE, _EMD = MARKERS["located"], MARKERS["approximate"], MARKERS["emd"]
_PROVINCE = MARKERS["province"]
SWATCH_STYLE = {
    "square": "border-radius:2px",
    "circle": f"border-radius:50%;border:{_LOCATED.stroke_width:g}px solid {_LOCATED.stroke}",
    "ring": f"border-radius:50%;border:{_APPROXIMATE.stroke_width:g}px dashed "
    f"{_APPROXIMATE.stroke};background:transparent!important",
    "emd": f"border-radius:50%;border:{_EMD.stroke_width:g}px dotted {_EMD.stroke};"
    f"opacity:{_EMD.fill_opacity:g}",
    "province": f"border-radius:50%;border:{_PROVINCE.stroke_width:g}px dashed "
    f"{_PROVINCE.stroke};background:transparent!important",
    "text": "visibility:hidden",
}
"""CSS of each swatch shape; the circle, dotted circle and ring outline as the located,
읍면동 and approximate markers (``layers.style.MARKERS``)."""


def legend_sections_html(sections: list[LegendSection]) -> str:
    """The legend's sections as HTML, every label escaped."""
    parts = []
    for section in sections:
        rows = "".join(
            f'<div class="kca-row"><span class="kca-sw" style="background:{html.escape(e.color)};'
            f'{SWATCH_STYLE[e.shape]}"></span>{html.escape(e.label)}</div>'
            for e in section.entries
        )
        parts.append(f'<div class="kca-sec"><b>{html.escape(section.title)}</b>{rows}</div>')
    return "".join(parts)


def legend_html(sections: list[LegendSection], lang: str = "ko") -> str:
    """The legend's inner HTML: its collapse button (named in ``lang``) and its sections.

    >>> legend_html([], "en").startswith('<button type="button" class="kca-legend-toggle"')
    True
    """
    title = html.escape(t("legend", lang))
    return (
        f'<button type="button" class="kca-legend-toggle" aria-expanded="true" '
        f'title="{title}">{title}</button>'
        f'<div class="kca-legend-body">{legend_sections_html(sections)}</div>'
    )


LEGEND_CSS = (
    ".kca-legend{background:rgba(255,255,255,.92);padding:6px 9px;border-radius:4px;"
    'font:12px/1.35 "Noto Sans CJK KR","Noto Sans KR","Malgun Gothic",sans-serif;'
    "box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:min(260px,calc(100vw - 70px))}"
    ".kca-legend-body{max-height:calc(100vh - 120px);overflow:auto;margin-top:4px}"
    ".kca-legend-closed{padding:0}"
    ".kca-legend-toggle{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;"
    "padding:2px 4px;color:#222}"
    ".kca-legend-toggle::after{content:' \\25B4'}"
    ".kca-legend-closed .kca-legend-toggle{padding:5px 9px}"
    ".kca-legend-closed .kca-legend-toggle::after{content:' \\25BE'}"
    ".kca-legend-toggle:focus-visible{outline:3px solid #1a73e8;outline-offset:1px}"
    ".kca-sec+.kca-sec{margin-top:6px}.kca-row{display:flex;align-items:center;gap:6px}"
    ".kca-sw{display:inline-block;width:12px;height:12px;flex:none}"
)
"""The legend's style; the map's page header carries it (see ``layers.webmap.base_map``)."""


class Legend(MacroElement):
    """A legend control at the top right of the map (the East Sea), wrapped in a layer.

    The control is shown while the layer is on the map: adding the layer (to the map or
    to a feature group on it) adds the control, removing it removes the control. So a
    legend inside a feature group that streamlit-folium swaps is replaced, never piled
    up. Its style is ``LEGEND_CSS``, which the page header must carry. Its button
    collapses it (``static/legend_toggle.js``, on the base map: ``layers.mapux``), whose
    map handlers the layer takes off when it is removed (else each old legend's DOM stays
    reachable from the map: issue #16); it also sets the keyboard words of the map
    (``layers.mapux.map_words``) in ``lang``.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = new (L.Layer.extend({
    onAdd: function (map) {
        this._control = L.control({position: "topright"});
        this._control.onAdd = function () {
            var div = L.DomUtil.create("div", "kca-legend");
            div.innerHTML = {{ this.content }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        this._control.addTo(map);
        window.kcaMapWords = {{ this.words }};
        if (window.kcaLegendToggle) {
            this._release = window.kcaLegendToggle(map, this._control.getContainer());
        }
        return this;
    },
    onRemove: function (map) {
        if (this._release) {
            this._release();
            this._release = null;
        }
        map.removeControl(this._control);
        return this;
    }
}))();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, sections: list[LegendSection], lang: str = "ko") -> None:
        super().__init__()
        self._name = "Legend"
        self.content = safe_json(legend_html(sections, lang))
        self.words = safe_json(map_words(lang))
