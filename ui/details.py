"""What a click on the map shows beside it: the site, or the region and its sites.

Record values are user text (uploads, merged records): they are shown as text, never
as Markdown or HTML. Headings get every Markdown character escaped
(:func:`escape_markdown`); the rest goes through ``st.text`` and ``st.dataframe``, which
parse nothing. The one link is the source's URL field, shown as its own address.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st
from shapely.geometry import Point

from geo.aggregate import aggregate_sites
from layers.atlas import AtlasData, format_value
from layers.i18n import column_label, t
from layers.sites import FIGURES, is_user_record
from layers.view import View

CLICK_TOLERANCE_DEG = 1e-4
MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"
"""Characters kept as they are in a link target; others (spaces, parentheses, <>) are %-encoded."""


def escape_markdown(text: object) -> str:
    """Text Streamlit's Markdown shows literally: every ASCII punctuation mark escaped.

    Links, emphasis, HTML, ``:color[...]`` directives and ``$`` maths all start with
    punctuation, so none of them is parsed; the reader sees the characters typed.

    >>> print(escape_markdown("[x](http://e.vil) *b*"))
    \\[x\\]\\(http\\:\\/\\/e\\.vil\\) \\*b\\*
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def source_link(url: object) -> str | None:
    """Markdown for a source URL field: a link whose text is its own (escaped) address;
    None unless it is an http(s) URL."""
    address = str(url or "").strip()
    if not address.lower().startswith(("http://", "https://")):
        return None
    return f"[{escape_markdown(address)}]({quote(address, safe=URL_SAFE)})"


def source_text(site: pd.Series, lang: str) -> str:
    """The source line as plain text: label, title, publisher and date."""
    return (
        f"{t('source', lang)}: {site.get('source_title', '')} — "
        f"{site.get('source_publisher', '')}, {site.get('source_date', '')}"
    )


def clicked_site(sites: gpd.GeoDataFrame, lat: float, lng: float) -> pd.Series | None:
    """The site whose marker is at the clicked point (markers report their own position)."""
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    if located.empty:
        return None
    distance = np.hypot(located.geometry.x - lng, located.geometry.y - lat)
    nearest = distance.idxmin()
    return located.loc[nearest] if distance[nearest] < CLICK_TOLERANCE_DEG else None


def clicked_region(regions: gpd.GeoDataFrame, lat: float, lng: float) -> pd.Series | None:
    """The region of the view's level containing the clicked point."""
    hits = regions[regions.contains(Point(lng, lat))]
    return None if hits.empty else hits.iloc[0]


def show_site(site: pd.Series, data: AtlasData, lang: str) -> None:
    """Details of one site."""
    first, second = ("name_ko", "name_en") if lang == "ko" else ("name_en", "name_ko")
    st.subheader(escape_markdown(site[first]))
    st.text(str(site[second]))
    programs, industries = data.program_labels(lang), data.industry_labels(lang)
    rows = {
        t("program", lang): programs.get(site["program"], site["program"]),
        t("year", lang): site["year"],
        t("industry", lang): industries.get(str(site.get("industry")), t("unknown_industry", lang)),
        t("municipality", lang): f"{site['sido']} {site['sigungu']}",
    }
    for column in FIGURES:
        value = site.get(column)
        if value is not None and pd.notna(value):
            unit = "krw" if column.endswith("_krw") else "persons" if column == "jobs" else ""
            rows[t(column, lang)] = format_value(float(value), unit, lang)
    table = pd.DataFrame({"": list(rows), " ": [str(v) for v in rows.values()]})
    st.dataframe(table, hide_index=True, key="site_details")  # plain text, no Markdown
    if site.get("location") == "municipality":
        st.info(t("approximate", lang))
    if is_user_record(site):
        st.info(t("user_record", lang))
    st.text(source_text(site, lang))
    link = source_link(site.get("source_url"))
    if link is not None:
        st.markdown(link)


def show_region(region: pd.Series, data: AtlasData, view: View, shown: pd.DataFrame) -> None:
    """Details of one region: its figures and the sites in it."""
    lang = view.lang
    st.subheader(escape_markdown(region[f"name_{lang}"]))
    key = "code_moi" if view.level == "sido" else "code"
    figures = aggregate_sites(shown, data.regions[view.level], view.level).loc[region[key]]
    st.metric(t("clusters", lang), int(figures["count"]))
    for column in FIGURES[1:]:
        if column in figures and pd.notna(figures[column]):
            unit = "krw" if column.endswith("_krw") else "persons"
            counts = {"n": int(figures[f"{column}_n"]), "total": int(figures["count"])}
            reporting = f" ({t('reporting', lang).format(**counts)})"
            st.write(
                f"{t(column, lang)}: {format_value(float(figures[column]), unit, lang)}{reporting}"
            )
    site_key = "sido_code_moi" if view.level == "sido" else "sgg_code"
    inside = shown[shown[site_key] == region[key]]
    if not inside.empty:
        programs = data.program_labels(lang)
        listed = pd.DataFrame(
            {
                column_label(f"name_{lang}", lang): inside[f"name_{lang}"].fillna(""),
                t("year", lang): inside["year"],
                t("program", lang): inside["program"].map(programs).fillna(inside["program"]),
            }
        )
        st.dataframe(listed, hide_index=True)


def show_details(
    data: AtlasData, view: View, shown: gpd.GeoDataFrame, clicked: dict[str, float] | None
) -> None:
    """Details for the last click, or a hint when nothing (still shown) was clicked.

    The map stays mounted across filter changes, so its last click outlives them: a
    clicked site the filters now hide gives the hint, not the region around it.
    """
    lang = view.lang
    hint = (
        "지도에서 단지나 지역을 클릭하세요."
        if lang == "ko"
        else "Click a site or a region on the map."
    )
    if not clicked:
        st.caption(hint)
        return
    lat, lng = float(clicked["lat"]), float(clicked["lng"])
    site = clicked_site(shown, lat, lng)
    if site is not None:
        show_site(site, data, lang)
        return
    if clicked_site(data.sites, lat, lng) is not None:
        st.caption(hint)
        return
    region = clicked_region(data.regions[view.level], lat, lng)
    if region is not None:
        show_region(region, data, view, shown)
