"""The interactive map as one offline HTML file: Leaflet and every style inlined.

The file opens from disk with no server and no network: the same layers, legend and
tooltips as the app (``layers.webmap.build_map``), with a title card stating the view
and a footer with the sources (every document listed, folded), the boundary attribution
and the export date.
"""

from __future__ import annotations

import datetime
import html

import folium
from branca.element import Element

from exports.describe import Description, describe_view
from layers.assets import inline_assets
from layers.atlas import AtlasData
from layers.i18n import t
from layers.view import View, filter_sites
from layers.webmap import build_map

CARD_CSS = """
<style>
.kca-card{position:absolute;z-index:1000;background:rgba(255,255,255,.93);padding:8px 12px;
 border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px/1.4 sans-serif;color:#222}
.kca-card-title{top:10px;left:56px;max-width:60%}
.kca-card-title b{font-size:16px}
.kca-card-foot{bottom:62px;left:10px;max-width:55%;font-size:11px;color:#444;
 max-height:45%;overflow:auto}
.kca-card-foot ol{margin:4px 0 0 18px;padding:0}
.kca-card-foot li{margin:2px 0}
</style>
"""


def source_list(desc: Description) -> str:
    """Every source as an ordered list (publisher, date, title linked to its URL), escaped,
    folded in a ``<details>`` under the sources line."""
    esc = html.escape
    items = []
    for doc in desc.documents:
        date = doc.date or t("export_undated", desc.lang)
        title = esc(doc.title)
        if doc.url.startswith(("http://", "https://")):
            title = f'<a href="{esc(doc.url)}" rel="noopener noreferrer">{title}</a>'
        items.append(f"<li>{esc(doc.publisher)} · {esc(date)} — {title}</li>")
    return (
        f'<details class="kca-sources"><summary>{esc(desc.sources)}</summary>'
        f"<ol>{''.join(items)}</ol></details>"
    )


def _cards(desc: Description) -> str:
    """Title card and footer card (every source listed), escaped."""
    esc = html.escape
    return (
        f'<div class="kca-card kca-card-title"><b>{esc(desc.title)}</b><br>'
        f"{esc(desc.subtitle)}</div>"
        f'<div class="kca-card kca-card-foot">{source_list(desc)}'
        f"{esc(desc.attribution)} · {esc(desc.exported)}</div>"
    )


def standalone_map(
    data: AtlasData,
    view: View,
    today: datetime.date | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> folium.Map:
    """The view's map with Leaflet inlined instead of linked, plus title and footer (the
    presenter's title and subtitle, or the view's)."""
    fmap = build_map(data, view)
    fmap.default_js, fmap.default_css = [], []
    root = fmap.get_root()
    sites = filter_sites(data.sites, view)
    desc = describe_view(data, view, sites, today, title=title, subtitle=subtitle)
    root.header.add_child(Element(inline_assets()), name="kca_leaflet", index=0)  # type: ignore[attr-defined]
    root.header.add_child(Element(f"<title>{html.escape(desc.title)}</title>{CARD_CSS}"))  # type: ignore[attr-defined]
    root.html.add_child(Element(_cards(desc)))  # type: ignore[attr-defined]
    return fmap


def render_html(
    data: AtlasData,
    view: View,
    today: datetime.date | None = None,
    title: str | None = None,
    subtitle: str | None = None,
) -> bytes:
    """The view as a single UTF-8 HTML file that needs no network and no server.

    Parameters
    ----------
    data : AtlasData
    view : View
    today : datetime.date, optional
        The export date shown in the footer (default: today).
    title, subtitle : str, optional
        The presenter's words (default: the view's own, ``exports.describe``).

    Returns
    -------
    bytes
    """
    page = standalone_map(data, view, today, title, subtitle).get_root().render()
    page = page.replace("<html>", f'<html lang="{view.lang}">', 1)
    return page.encode("utf-8")
