"""Designated sites as circle markers coloured by industry, with tooltip and popup."""

from __future__ import annotations

import html
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.fields import FIGURE_COLUMNS
from layers.i18n import format_won, t
from layers.regions import safe_json
from layers.style import UNKNOWN_COLOR, marker_style

FIGURES = FIGURE_COLUMNS
"""Figures on the site card (from the field registry)."""


def _name(row: pd.Series, lang: str) -> str:
    first, second = ("name_ko", "name_en") if lang == "ko" else ("name_en", "name_ko")
    names = [str(row.get(c)) for c in (first, second) if not _missing(row.get(c))]
    return " · ".join(names)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def is_user_record(row: pd.Series) -> bool:
    """True for a record uploaded in this session (``user_record`` column)."""
    value = row.get("user_record")
    return not _missing(value) and bool(value)


def tooltip_text(row: pd.Series, lang: str) -> str:
    """The marker's tooltip (plain text): the name, marked when the user gave the record."""
    name = _name(row, lang)
    return f"[{t('user_record', lang)}] {name}" if is_user_record(row) else name


def _figure(row: pd.Series, column: str, lang: str) -> str | None:
    value = row.get(column)
    if value is None or pd.isna(value):
        return None
    if column.endswith("_krw"):
        return format_won(float(value), lang)
    unit = t("persons", lang) if column == "jobs" else ""
    return f"{int(value):,} {unit}".strip()


def popup_html(
    row: pd.Series, lang: str, programs: Mapping[str, str], industries: Mapping[str, str]
) -> str:
    """Popup for one site: program, year, industry, figures where known, source link.

    Every value from the records is escaped; the source URL is only linked when it is
    http(s).
    """
    esc = html.escape
    industry = industries.get(str(row.get("industry")), t("unknown_industry", lang))
    lines = [
        f"<b>{esc(_name(row, lang))}</b>",
        f"{esc(t('program', lang))}: {esc(programs.get(row['program'], row['program']))}",
        f"{esc(t('year', lang))}: {esc(str(row['year']))}",
        f"{esc(t('industry', lang))}: {esc(industry)}",
    ]
    for column in FIGURES:
        shown = _figure(row, column, lang)
        if shown is not None:
            lines.append(f"{esc(t(column, lang))}: {esc(shown)}")
    if row.get("location") == "municipality":
        lines.append(f"<i>{esc(t('approximate', lang))}</i>")
    if is_user_record(row):
        lines.insert(1, f'<span class="kca-user-mark">{esc(t("user_record", lang))}</span>')
    url = "" if _missing(row.get("source_url")) else str(row.get("source_url"))
    title = esc(
        f"{row.get('source_title')} ({row.get('source_publisher')}, {row.get('source_date')})"
    )
    link = (
        f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
        if url.startswith(("http://", "https://"))
        else title
    )
    lines.append(f"{esc(t('source', lang))}: {link}")
    return "<br>".join(lines)


class SiteMarkers(MacroElement):
    """Circle markers from one JSON array, each with a tooltip and a popup.

    folium's ``Popup`` needs jQuery to build its content; this layer needs only
    Leaflet, and sends each site once as data instead of as generated code.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup().addTo({{ this._parent.get_name() }});
{{ this.markers }}.forEach(function (s) {
    L.circleMarker([s.lat, s.lng], s.style)
        .bindTooltip(s.tip)
        .bindPopup(s.popup, {maxWidth: 340})
        .addTo({{ this.get_name() }});
});
{% endmacro %}
"""
    )

    def __init__(self, markers: list[dict[str, object]]) -> None:
        super().__init__()
        self._name = "SiteMarkers"
        self.markers = safe_json(markers)


def marker_options(color: str, approximate: bool, user: bool = False) -> dict[str, object]:
    """Leaflet path options of a site's marker, from ``layers.style.marker_style``:
    filled circles for exact sites, dashed rings for approximate; user records get the
    uploaded outline and the ``kca-user`` class."""
    style = marker_style(approximate, user)
    classes = ["kca-site"] + (["kca-approximate"] if approximate else [])
    classes += ["kca-user"] if user else []
    return {
        "radius": style.radius,
        "color": style.stroke,
        "weight": style.stroke_width,
        "dashArray": style.dash_css,
        "fillColor": color,
        "fillOpacity": style.fill_opacity,
        "className": " ".join(classes),
    }


def sites_layer(
    sites: gpd.GeoDataFrame,
    lang: str,
    colors: Mapping[str, str],
    programs: Mapping[str, str],
    industries: Mapping[str, str],
) -> SiteMarkers:
    """One marker per site that has a location, coloured by industry.

    Exact sites are filled circles; sites placed at their municipality (approximate)
    are dashed rings. Tooltips and popups are escaped HTML.
    """
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    markers = [
        {
            "lat": round(row.geometry.y, 6),
            "lng": round(row.geometry.x, 6),
            "tip": html.escape(tooltip_text(row, lang)),
            "popup": popup_html(row, lang, programs, industries),
            "style": marker_options(
                colors.get(str(row.get("industry")), UNKNOWN_COLOR),
                row.get("location") == "municipality",
                is_user_record(row),
            ),
        }
        for _, row in located.iterrows()
    ]
    return SiteMarkers(markers)
