"""The interactive map as one offline HTML file: Leaflet and every style inlined.

The file opens from disk with no server and no network: the same layers, legend and
tooltips as the app (``layers.webmap.build_map``), with a title card stating the view
and a footer with the sources, the boundary attribution and the export date.
"""

from __future__ import annotations

import datetime
import html

import folium
from branca.element import Element

from exports.describe import Description, describe_view
from layers.assets import inline_assets
from layers.atlas import AtlasData
from layers.view import View, filter_sites
from layers.webmap import build_map

CARD_CSS = """
<style>
.kca-card{position:absolute;z-index:1000;background:rgba(255,255,255,.93);padding:8px 12px;
 border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px/1.4 sans-serif;color:#222}
.kca-card-title{top:10px;left:56px;max-width:60%}
.kca-card-title b{font-size:16px}
.kca-card-foot{bottom:62px;left:10px;max-width:55%;font-size:11px;color:#444}
</style>
"""


def _cards(desc: Description) -> str:
    """Title card and footer card, escaped."""
    esc = html.escape
    return (
        f'<div class="kca-card kca-card-title"><b>{esc(desc.title)}</b><br>'
        f"{esc(desc.subtitle)}</div>"
        f'<div class="kca-card kca-card-foot">{esc(desc.sources)}<br>'
        f"{esc(desc.attribution)} · {esc(desc.exported)}</div>"
    )


def standalone_map(data: AtlasData, view: View, today: datetime.date | None = None) -> folium.Map:
    """The view's map with Leaflet inlined instead of linked, plus title and footer."""
    fmap = build_map(data, view)
    fmap.default_js, fmap.default_css = [], []
    root = fmap.get_root()
    desc = describe_view(data, view, filter_sites(data.sites, view), today)
    root.header.add_child(Element(inline_assets()), name="kca_leaflet", index=0)  # type: ignore[attr-defined]
    root.header.add_child(Element(f"<title>{html.escape(desc.title)}</title>{CARD_CSS}"))  # type: ignore[attr-defined]
    root.html.add_child(Element(_cards(desc)))  # type: ignore[attr-defined]
    return fmap


def render_html(data: AtlasData, view: View, today: datetime.date | None = None) -> bytes:
    """The view as a single UTF-8 HTML file that needs no network and no server.

    Parameters
    ----------
    data : AtlasData
    view : View
    today : datetime.date, optional
        The export date shown in the footer (default: today).

    Returns
    -------
    bytes
    """
    page = standalone_map(data, view, today).get_root().render()
    page = page.replace("<html>", f'<html lang="{view.lang}">', 1)
    return page.encode("utf-8")
