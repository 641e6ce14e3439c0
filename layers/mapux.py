"""The map's keyboard and legend behaviour: our own small scripts, inlined (no CDN).

``static/map_keys.js`` makes the map one tab stop whose arrow keys move between the
shown complexes (a focus ring, the name announced, Enter does what a click does);
``static/legend_toggle.js`` gives the legend its collapse button; ``static/fit_height.js``
has the app's map fill the window's height left. The base map carries
:class:`MapKeys` (both scripts, defined once per mounted map); the legend, swapped with
the filters, calls ``kcaLegendToggle`` and sets the words (:func:`map_words`) in the
page's language.
"""

from __future__ import annotations

from pathlib import Path

from layers.i18n import t
from layers.mapscript import MapScript

STATIC = Path(__file__).with_name("static")
SCRIPTS = (STATIC / "legend_toggle.js", STATIC / "map_keys.js", STATIC / "fit_height.js")
"""Scripts the base map inlines, in order."""

WORDS = {"map": "map_label", "keys": "map_keys_help", "enter": "map_enter", "none": "map_none"}
"""Word in ``window.kcaMapWords`` -> label key (``layers.i18n.LABELS``)."""

MAPUX_CSS = (
    ".kca-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}"
    ".leaflet-container:focus-visible{outline:3px solid #1a73e8;outline-offset:-3px}"
    ".kca-focus-ring{filter:drop-shadow(0 0 2px #fff) drop-shadow(0 0 1px #fff)}"
    # popups never wider than the map (a phone's map is about 360 px wide)
    ".leaflet-popup-content{max-width:calc(100vw - 80px)!important;overflow-wrap:anywhere}"
    # a phone's map: the attribution needs the bottom line, the scale would sit under it
    "@media (max-width:500px){.leaflet-control-scale{display:none}"
    ".leaflet-control-attribution{font-size:10px}}"
    # in the app's iframe (streamlit-folium's #map_div) the map is as tall as the iframe
    "#map_div{height:100vh!important}body:has(#map_div){margin:0;overflow:hidden}"
)
"""Styles of the scripts' parts: hidden live region, focus ring, popups within the map."""


def map_words(lang: str) -> dict[str, str]:
    """The keyboard words (map name, key help, Enter hint, no site) in ``lang``.

    >>> map_words("en")["enter"]
    'Enter: open'
    """
    return {word: t(key, lang) for word, key in WORDS.items()}


def scripts() -> str:
    """Both scripts' text, as the base map inlines them."""
    return "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS)


class MapKeys(MapScript):
    """Add to the base map: the keyboard behaviour, and the legend button's script.

    Examples
    --------
    >>> import folium
    >>> fmap = folium.Map(tiles=None)
    >>> _ = MapKeys().add_to(fmap)
    >>> "kcaMapKeys(map_" in fmap.get_root().render()
    True
    """

    def __init__(self) -> None:
        super().__init__("MapKeys", scripts(), "kcaMapKeys")
