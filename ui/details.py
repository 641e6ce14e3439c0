"""Beside the map: the card of the selected complex, or the clicked region and its sites.

A click on a marker, the search box, a table row or ``site=`` selects a complex
(:func:`show_complex`); a click elsewhere shows the region (:func:`show_details`).

Record values are user text (uploads, merged records): they are shown as text, never
as Markdown or HTML. Headings and the card's values get every Markdown character escaped
(:func:`escape_markdown`) beside labels of our own; the rest goes through ``st.text`` and
``st.dataframe``, which parse nothing. The only links are the sources' URL fields, each
shown as its own address.
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
from layers.i18n import LABELS, column_label, count_text, t
from layers.kinds import kind_label, kind_text
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
        t("program_kind", lang): kind_label(str(site["program"]), lang, data.program_kinds())
        or kind_text(site.get("program_kind"), lang),  # helper kinds: "후보지 · 지정 아님"
        t("round", lang): "" if pd.isna(site.get("round", pd.NA)) else site.get("round"),
        t("year", lang): site["year"],
        t("industry", lang): industries.get(str(site.get("industry")), t("unknown_industry", lang)),
        t("municipality", lang): " ".join(
            str(v) for v in (site.get("sido"), site.get("sigungu")) if isinstance(v, str)
        ),
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


FIGURE_NOTES = {
    "support_public_krw": "support_public_note",
    "investment_private_planned_krw": "investment_note",
    "jobs": "jobs_note",
}
"""Figure column -> the column saying what it covers (and until when)."""
FIGURE_UNITS = {"firms": "firms", "jobs": "persons"}
"""Unit of the card's non-money figures (money columns end in ``_krw``)."""
HORIZON = re.compile(r"(\d{4})\s*년\s*까지|\b(?:to|by|until|through)\s+(\d{4})\b")
"""A horizon year as notes word it: "2042년까지", "to 2042"."""
SOURCES = (("source", "source_title"), ("source2", "source2_title"))
"""A designation's sources: column prefix and the label of its line."""


def text_of(value: object) -> str:
    """A record value as text; empty for a missing value ("<NA>" never shows)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def listed(value: object) -> list[str]:
    """The items of a ``;``-separated cell.

    >>> listed("삼성전자; SK하이닉스;"), listed(pd.NA)
    (['삼성전자', 'SK하이닉스'], [])
    """
    return [item.strip() for item in text_of(value).split(";") if item.strip()]


def horizon(note: object) -> str | None:
    """The year a figure's note says it runs to, if it says one.

    >>> horizon("민간투자 계획, 2042년까지 (삼성전자·SK하이닉스)"), horizon("by 2030"), horizon("")
    ('2042', '2030', None)
    """
    match = HORIZON.search(text_of(note))
    return None if match is None else match.group(1) or match.group(2)


def figure_text(column: str, value: float, note: object, lang: str) -> str:
    """A figure with its unit and horizon, e.g. "562조 원 · 2042년까지".

    >>> figure_text("investment_private_planned_krw", 562e12, "2042년까지", "en")
    'KRW 562 tn · to 2042'
    """
    unit = "krw" if column.endswith("_krw") else FIGURE_UNITS.get(column, "")
    shown = format_value(value, unit, lang) if unit != "firms" else f"{value:,.0f}"
    year = horizon(note)
    return shown if year is None else f"{shown} · {t('horizon', lang, year=year)}"


def area_text(value: object, lang: str) -> str:
    """An area in square metres, with square kilometres from 1 km² up.

    >>> area_text(16330000, "ko"), area_text("2500", "en")
    ('16,330,000 ㎡ (16.33 ㎢)', '2,500 m²')
    """
    area = pd.to_numeric(text_of(value), errors="coerce")
    if pd.isna(area):
        return ""
    square, km2 = ("㎡", "㎢") if lang == "ko" else ("m²", "km²")
    text = f"{float(area):,.0f} {square}"
    return text + (f" ({float(area) / 1e6:,.2f} {km2})" if area >= 1e6 else "")


def program_facts(program: str, data: AtlasData, lang: str) -> list[tuple[str, str]]:
    """The program's name, designating ministry and legal basis (``programs.csv``)."""
    rows = data.programs[data.programs["id"] == program]
    if rows.empty:
        return [(t("program", lang), program)]
    row = rows.iloc[0]
    return [
        (t("program", lang), text_of(row.get(f"name_{lang}")) or text_of(row.get("name_ko"))),
        (t("ministry", lang), text_of(row.get(f"ministry_{lang}"))),
        (t("legal_basis", lang), text_of(row.get("legal_basis"))),
    ]


def designation_facts(one: pd.Series, data: AtlasData, lang: str) -> list[tuple[str, str]]:
    """Everything a designation's record says, as (label, text); empty values left out."""
    industries = data.industry_labels(lang)
    industry = industries.get(text_of(one.get("industry")), t("unknown_industry", lang))
    detail = text_of(one.get("industry_detail"))
    facts = [
        *program_facts(text_of(one.get("program")), data, lang),
        (  # helper kinds: "후보지 · 지정 아님"; empty for a statutory designation
            t("program_kind", lang),
            kind_label(text_of(one.get("program")), lang, data.program_kinds()),
        ),
        (t("round", lang), text_of(one.get("round"))),
        (
            t("designation_date", lang),
            text_of(one.get("designation_date")) or text_of(one.get("year")),
        ),
        (t("industry", lang), f"{industry} ({detail})" if detail else industry),
        (t("period", lang), text_of(one.get("period"))),
        (t("area_m2", lang), area_text(one.get("area_m2"), lang)),
    ]
    for column in FIGURES:
        value = pd.to_numeric(text_of(one.get(column)), errors="coerce")
        if pd.notna(value):
            note = one.get(FIGURE_NOTES.get(column, ""))
            facts.append((t(column, lang), figure_text(column, float(value), note, lang)))
            if text_of(note):
                facts.append((t(FIGURE_NOTES[column], lang), text_of(note)))
    facts += [
        (t("anchor_companies", lang), "; ".join(listed(one.get("anchor_companies")))),
        (t("lead_institution", lang), text_of(one.get("lead_institution"))),
        (t("notes", lang), text_of(one.get("notes"))),
    ]
    return [(label, value.strip()) for label, value in facts if value.strip()]


def fact_markdown(facts: list[tuple[str, str]]) -> str:
    """Facts as a Markdown list: our labels in bold, every value escaped (shown as typed).

    >>> print(fact_markdown([("Notes", "*not* a [link](x)")]))
    - **Notes**: \\*not\\* a \\[link\\]\\(x\\)
    """
    return "\n".join(f"- **{label}**: {escape_markdown(value)}" for label, value in facts)


def source_lines(one: pd.Series, lang: str) -> list[tuple[str, str | None]]:
    """Each source of a designation: its line (label, kind, title, publisher, date) as
    escaped Markdown, and its link (None without an http(s) URL)."""
    lines: list[tuple[str, str | None]] = []
    for prefix, label in SOURCES:
        title = text_of(one.get(f"{prefix}_title"))
        url = one.get(f"{prefix}_url")
        if not title and source_link(url) is None:
            continue
        kind = text_of(one.get(f"{prefix}_kind"))
        kind_note = (
            f" ({t(f'source_kind_{kind}', lang)})" if f"source_kind_{kind}" in LABELS else ""
        )
        said = ", ".join(
            v
            for v in (text_of(one.get(f"{prefix}_publisher")), text_of(one.get(f"{prefix}_date")))
            if v
        )
        body = escape_markdown(f"{title} — {said}" if said else title)
        lines.append((f"**{t(label, lang)}**{kind_note}: {body}", source_link(url)))
    return lines


def show_designation(one: pd.Series, data: AtlasData, lang: str) -> None:
    """One designation of the card: its name, every fact and every source, linked."""
    with st.container(border=True):
        name = text_of(one.get(f"name_{lang}")) or text_of(one.get("name_ko"))
        st.markdown(f"**{escape_markdown(name)}**")
        st.markdown(fact_markdown(designation_facts(one, data, lang)))
        if is_user_record(one):
            st.info(t("user_record", lang))
        for line, link in source_lines(one, lang):
            st.markdown(line + (f"  \n{link}" if link else ""))


def _place_source(first: pd.Series, lang: str) -> None:
    title = text_of(first.get("place_source_title"))
    link = source_link(first.get("place_source_url"))
    if title or link:
        said = ", ".join(
            v
            for v in (
                text_of(first.get("place_source_publisher")),
                text_of(first.get("place_source_date")),
            )
            if v
        )
        body = escape_markdown(f"{title} — {said}" if said else title)
        st.markdown(f"**{t('place_source', lang)}**: {body}" + (f"  \n{link}" if link else ""))


def complex_rows(sites: pd.DataFrame, site: str) -> pd.DataFrame:
    """The designations (each once) of complex ``site``, oldest first."""
    ids = sites["complex_id"].astype("string").fillna(sites["id"].astype("string"))
    rows = designations_of(sites[(ids == site).to_numpy()])
    order = rows["designation_date"].astype("string").fillna(rows["year"].astype("string"))
    return rows.assign(_order=order.to_numpy()).sort_values(["_order", "id"]).drop(columns="_order")


def show_complex(data: AtlasData, site: str, shown: pd.DataFrame, lang: str) -> bool:
    """The card of complex ``site``: names, place, and every designation with its
    program, facts, figures and sources. False when no record has that complex."""
    rows = complex_rows(data.sites, site)
    if rows.empty:
        return False
    first = rows.iloc[0]
    other = "en" if lang == "ko" else "ko"
    st.subheader(escape_markdown(_one_name(first, lang) or _one_name(first, other)))
    st.text(_one_name(first, other))
    if len(spans_of(first)) <= 1:  # several: _show_place lists them
        where = f"{text_of(first.get('sido'))} {text_of(first.get('sigungu'))}".strip()
        st.markdown(f"**{t('municipality', lang)}**: {escape_markdown(where)}")
    _show_place(first, lang)
    _place_source(first, lang)
    notes = text_of(first.get("complex_notes"))
    if notes:
        st.markdown(f"**{t('complex_notes', lang)}**: {escape_markdown(notes)}")
    on_map = int(rows["id"].isin(shown["id"]).sum()) if "id" in shown else 0
    st.caption(t("card_designations", lang, n=len(rows), shown=on_map))
    for _, one in rows.iterrows():
        show_designation(one, data, lang)
    return True
