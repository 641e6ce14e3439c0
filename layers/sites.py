"""Designated sites as circle markers coloured by industry, with tooltip and popup."""

from __future__ import annotations

import html
from collections.abc import Mapping

import folium
import geopandas as gpd
import pandas as pd

from layers.i18n import format_won, t

UNKNOWN_COLOR = "#999999"
FIGURES = ("firms", "support_public_krw", "investment_private_planned_krw", "jobs")


def _name(row: pd.Series, lang: str) -> str:
    first, second = ("name_ko", "name_en") if lang == "ko" else ("name_en", "name_ko")
    return f"{row[first]} · {row[second]}"


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
    url = str(row.get("source_url") or "")
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


def sites_layer(
    sites: gpd.GeoDataFrame,
    lang: str,
    colors: Mapping[str, str],
    programs: Mapping[str, str],
    industries: Mapping[str, str],
) -> folium.FeatureGroup:
    """A feature group with one marker per site that has a location.

    Exact sites are filled circles; sites placed at their municipality (approximate)
    are dashed rings.
    """
    group = folium.FeatureGroup(name=t("clusters", lang))
    for _, row in sites[~sites.geometry.is_empty & sites.geometry.notna()].iterrows():
        color = colors.get(str(row.get("industry")), UNKNOWN_COLOR)
        approximate = row.get("location") == "municipality"
        folium.CircleMarker(
            location=(row.geometry.y, row.geometry.x),
            radius=7,
            color="#222222",
            weight=2 if approximate else 1,
            dash_array="3 3" if approximate else None,
            fill=True,
            fill_color=color,
            fill_opacity=0.35 if approximate else 0.9,
            tooltip=html.escape(_name(row, lang)),
            popup=folium.Popup(popup_html(row, lang, programs, industries), max_width=340),
        ).add_to(group)
    return group
