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

from geo.aggregate import aggregate_sites, designations_of
from layers.atlas import AtlasData, format_value
from layers.i18n import column_label, count_text, t
from layers.names import display_name, name_column
from layers.sites import FIGURES, is_user_record, precision_of, spans_of
from layers.symbology import marker_ids
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
    """The first row of the marker at the clicked point (markers report their position)."""
    rows = clicked_marker(sites, lat, lng)
    return None if rows is None else rows.iloc[0]


def clicked_marker(sites: gpd.GeoDataFrame, lat: float, lng: float) -> pd.DataFrame | None:
    """Every row (designation) of the marker at the clicked point: its complex in one
    municipality; None when no marker is there."""
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty].reset_index(drop=True)
    if located.empty:
        return None
    distance = np.hypot(located.geometry.x - lng, located.geometry.y - lat)
    nearest = int(distance.idxmin())
    if distance[nearest] >= CLICK_TOLERANCE_DEG:
        return None
    keys = marker_ids(located)
    return located[(keys == keys.iloc[nearest]).to_numpy()]


def clicked_region(regions: gpd.GeoDataFrame, lat: float, lng: float) -> pd.Series | None:
    """The region of the view's level containing the clicked point."""
    hits = regions[regions.contains(Point(lng, lat))]
    return None if hits.empty else hits.iloc[0]


def _designation_rows(site: pd.Series, data: AtlasData, lang: str) -> dict[str, object]:
    programs, industries = data.program_labels(lang), data.industry_labels(lang)
    rows: dict[str, object] = {
        t("program", lang): programs.get(site["program"], site["program"]),
        t("round", lang): "" if pd.isna(site.get("round", pd.NA)) else site.get("round"),
        t("year", lang): site["year"],
        t("industry", lang): industries.get(str(site.get("industry")), t("unknown_industry", lang)),
        t("municipality", lang): f"{site.get('sido', '')} {site.get('sigungu', '')}",
    }
    for column in FIGURES:
        value = site.get(column)
        if value is not None and pd.notna(value):
            unit = "krw" if column.endswith("_krw") else "persons" if column == "jobs" else ""
            rows[t(column, lang)] = format_value(float(value), unit, lang)
    return rows


def _one_name(row: pd.Series, lang: str) -> str:
    """The complex's name in one language (its designation's for a record without one)."""
    for column in (f"complex_name_{lang}", f"name_{lang}"):
        value = row.get(column)
        if isinstance(value, str) and value:
            return value
    return ""


def _show_place(first: pd.Series, lang: str) -> None:
    """Where the complex is and how finely: precision, 읍면동, municipalities, wording."""
    precision = precision_of(first)
    spans = spans_of(first)
    if len(spans) > 1:
        st.text(f"{t('municipality', lang)}: {', '.join(spans)}")
    emd = first.get("emd")
    detail = f": {emd}" if precision == "emd" and isinstance(emd, str) else ""
    st.caption(f"{t(f'precision_{precision}', lang)}{detail}")
    wording = first.get("place_wording")
    if isinstance(wording, str) and wording:
        st.text(f"{t('place_wording', lang)}: “{wording}”")
    if len(spans) > 1:
        st.info(t("multi_municipality", lang, n=len(spans)))


def show_site(site: pd.Series | pd.DataFrame, data: AtlasData, lang: str) -> None:
    """Details of one marker: the complex, where it stands, and each of its designations
    (program, round, year, industry, figures, source)."""
    rows = site.to_frame().T if isinstance(site, pd.Series) else site
    first = rows.iloc[0]
    other = "en" if lang == "ko" else "ko"
    st.subheader(escape_markdown(_one_name(first, lang) or _one_name(first, other)))
    st.text(_one_name(first, other))
    _show_place(first, lang)
    if len(rows) > 1:
        st.caption(t("n_designations", lang, n=len(rows)))
    for i, (_, one) in enumerate(rows.iterrows()):
        st.text(display_name(one, lang))  # never "<NA>": the other language's name
        details = _designation_rows(one, data, lang)
        table = pd.DataFrame({"": list(details), " ": [str(v) for v in details.values()]})
        key = "site_details" if i == 0 else f"site_details_{i}"
        st.dataframe(table, hide_index=True, key=key)  # plain text, no Markdown
        if is_user_record(one):
            st.info(t("user_record", lang))
        st.text(source_text(one, lang))
        link = source_link(one.get("source_url"))
        if link is not None:
            st.markdown(link)


def show_region(region: pd.Series, data: AtlasData, view: View, shown: pd.DataFrame) -> None:
    """Details of one region: its figures and the sites in it."""
    lang = view.lang
    st.subheader(escape_markdown(region[f"name_{lang}"]))
    key = "code_moi" if view.level == "sido" else "code"
    figures = aggregate_sites(shown, data.regions[view.level], view.level).loc[region[key]]
    counted = count_text(int(figures["complexes"]), int(figures["designations"]), lang)
    st.metric(t("clusters", lang), counted)
    for column in FIGURES[1:]:
        if column in figures and pd.notna(figures[column]):
            unit = "krw" if column.endswith("_krw") else "persons"
            counts = {"n": int(figures[f"{column}_n"]), "total": int(figures["designations"])}
            reporting = f" ({t('reporting', lang).format(**counts)})"
            st.write(
                f"{t(column, lang)}: {format_value(float(figures[column]), unit, lang)}{reporting}"
            )
    site_key = "sido_code_moi" if view.level == "sido" else "sgg_code"
    inside = designations_of(shown[shown[site_key] == region[key]])
    if not inside.empty:
        programs = data.program_labels(lang)
        listed = pd.DataFrame(
            {
                column_label(f"name_{lang}", lang): name_column(inside, lang),
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
    rows = clicked_marker(shown, lat, lng)
    if rows is not None:
        show_site(rows, data, lang)
        return
    if clicked_site(data.sites, lat, lng) is not None:
        st.caption(hint)
        return
    region = clicked_region(data.regions[view.level], lat, lng)
    if region is not None:
        show_region(region, data, view, shown)
