"""Regions ranked and compared for a view: the numbers behind the map, as tables.

The ranking is the map's own symbology (``layers.symbology.region_style``): the same value,
status and fill colour per region the map shows, in order. The comparison puts a few
regions side by side: complexes and designations by program, the figures the shown
records announce, and the official statistics of the view's census year. Pure pandas: no
streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.aggregate import REGION_KEYS, aggregate_sites, totals
from geo.census import INDICATORS as CENSUS_INDICATORS
from layers.atlas import CENSUS_UNITS, AtlasData, format_value
from layers.i18n import count_text, t
from layers.symbology import layer_unit_and_title, region_style
from layers.view import View

STATUS_ORDER = {"value": 0, "not_reported": 1, "no_site": 2, "no_figure": 3}
"""Ranked first: regions with a value; then, as in the legend, sites without the figure,
no site, no figure at all."""

STATUS_LABELS = {"not_reported": "cmp_not_reported", "no_site": "no_site", "no_figure": "no_data"}
"""Label key of each reason a region has no value (the legend's words)."""

RANKING_COLUMNS = ("rank", "code", "code_moi", "name", "value", "label", "status", "sites", "color")
"""Columns of :func:`region_ranking`."""


def regions_in_view(data: AtlasData, view: View) -> pd.DataFrame:
    """The view's level's regions (no geometry), only the chosen province's when
    ``view.sido`` is set."""
    regions = pd.DataFrame(data.regions[view.level].drop(columns="geometry"))
    if view.sido:
        column = "code_moi" if view.level == "sido" else "parent_code_moi"
        regions = regions[regions[column] == view.sido]
    return regions


def region_names(data: AtlasData, level: str, lang: str) -> pd.Series:
    """Region names in ``lang`` by KOSTAT code; a municipality's with its province, as
    the map's tooltip writes it ("중구 · 서울특별시"), since 22 names occur twice."""
    regions = data.regions[level]
    names = regions[f"name_{lang}"].astype(str)
    if level == "sgg":
        province = data.regions["sido"].set_index("code_moi")[f"name_{lang}"]
        names = names + " · " + regions["parent_code_moi"].map(province).fillna("").astype(str)
    return pd.Series(names.to_numpy(), index=regions["code"].astype(str).to_numpy())


def _value_labels(
    values: pd.Series, status: pd.Series, unit: str, categorical: dict[str, str] | None, lang: str
) -> pd.Series:
    """A value as the map's tooltip writes it, or why there is none."""

    def one(value: object, why: str) -> str:
        if why != "value" or pd.isna(value):  # type: ignore[call-overload]
            return t(STATUS_LABELS.get(why, "no_data"), lang)
        if categorical is not None:
            return categorical.get(str(value), str(value))
        return format_value(float(value), unit, lang)  # type: ignore[arg-type]

    return pd.Series(
        [one(v, s) for v, s in zip(values, status, strict=True)], index=values.index, dtype=object
    )


def region_ranking(data: AtlasData, view: View, sites: pd.DataFrame) -> pd.DataFrame:
    """The view's regions ranked by the value the map colours them by.

    Parameters
    ----------
    data : AtlasData
    view : View
        Layer, level, count, scheme, census year, language and province as on the map.
    sites : pandas.DataFrame
        The shown records (``layers.view.filter_sites``).

    Returns
    -------
    pandas.DataFrame
        One row per region (:data:`RANKING_COLUMNS`): ``rank`` (1 = highest; ties share
        a rank; NA without a value), KOSTAT ``code`` and Ministry ``code_moi``, ``name``
        in the view's language, ``value`` (the map's; for the main-industry layer the
        industry id), ``label`` (the value with its unit, or why there is none: "no
        designated site", "figure not reported", "no data"), ``status``
        (``layers.atlas.STATUSES``), ``sites`` (shown sites there, as the count layer
        counts them) and ``color`` (the map's fill). Regions with a value first, highest
        first (the main-industry layer: most sites first), then the others in the
        legend's order, each group by name.
    """
    style = region_style(data, view, sites)
    figures = style.figures
    assert figures is not None  # region_style always fills it
    regions = regions_in_view(data, view).set_index("code", drop=False)
    codes = regions.index
    categorical = data.layers[view.layer].kind == "categorical"
    unit, _ = layer_unit_and_title(data, view)
    status = figures.status.reindex(codes).fillna("no_figure").astype(str)
    values = figures.values.reindex(codes)
    labels = data.industry_labels(view.lang) if categorical else None
    frame = pd.DataFrame(
        {
            "code": codes.astype(str),
            "code_moi": regions["code_moi"].astype(str),
            "name": region_names(data, view.level, view.lang).reindex(codes.astype(str)),
            "value": values,
            "label": _value_labels(values, status, unit, labels, view.lang),
            "status": status,
            "sites": figures.sites.reindex(codes).fillna(0).astype(int),
            "color": style.colors.reindex(codes).astype(object),
        },
        index=codes,
    )
    score = frame["sites"] if categorical else pd.to_numeric(frame["value"], errors="coerce")
    score = score.where(frame["status"] == "value").astype(float)
    frame["_order"] = frame["status"].map(STATUS_ORDER)
    frame["_score"] = -score.fillna(0)
    frame = frame.sort_values(["_order", "_score", "name"], kind="stable")
    rank = score.reindex(frame.index).rank(ascending=False, method="min")
    frame.insert(0, "rank", rank.astype("Int64"))
    return frame[list(RANKING_COLUMNS)].reset_index(drop=True)


def top_regions(ranking: pd.DataFrame, n: int = 2) -> list[str]:
    """Codes of the first ``n`` ranked regions that have a value (fewer when fewer do)."""
    return list(ranking.loc[ranking["rank"].notna(), "code"].head(n))


def _sites_in(sites: pd.DataFrame, level: str, code_moi: object, code: object) -> pd.DataFrame:
    """The shown records drawn in one region of ``level``."""
    site_key, region_key = REGION_KEYS[level]
    return sites[sites[site_key] == str(code_moi if region_key == "code_moi" else code)]


def _program_rows(
    data: AtlasData, view: View, sites: pd.DataFrame, chosen: pd.DataFrame
) -> dict[str, list[str]]:
    """Per program with a shown designation in any chosen region: "N complexes · M
    designations" in each region (empty where none)."""
    names = data.program_labels(view.lang)
    inside = [
        _sites_in(sites, view.level, r.code_moi, r.code) for r in chosen.itertuples(index=False)
    ]
    present = pd.unique(pd.concat([s["program"] for s in inside] + [pd.Series(dtype=object)]))
    rows: dict[str, list[str]] = {}
    for program in sorted(map(str, present), key=lambda p: names.get(p, p)):
        cells = []
        for frame in inside:
            of = frame[frame["program"] == program]
            cells.append("" if of.empty else count_text(*totals(of), view.lang))
        rows[f"{t('program', view.lang)}: {names.get(program, program)}"] = cells
    return rows


FIGURE_UNITS = {
    "support_public_krw": "krw",
    "investment_private_planned_krw": "krw",
    "jobs": "persons",
}
"""The designation figures compared, with their units."""


def _figure_rows(
    data: AtlasData, view: View, sites: pd.DataFrame, chosen: pd.DataFrame
) -> dict[str, list[str]]:
    """Each designation figure summed per region (each designation once), with how many
    of its designations report it; "figure not reported" or "no designated site"."""
    table = aggregate_sites(sites, data.regions[view.level], view.level)
    key = "code_moi" if view.level == "sido" else "code"
    rows: dict[str, list[str]] = {}
    for column, unit in FIGURE_UNITS.items():
        cells = []
        for region in chosen.itertuples(index=False):
            row = table.loc[getattr(region, key)]
            if int(row["designations"]) == 0:
                cells.append(t("no_site", view.lang))
            elif pd.isna(row[column]):
                cells.append(t("cmp_not_reported", view.lang))
            else:
                counts = {"n": int(row[f"{column}_n"]), "total": int(row["designations"])}
                reporting = t("reporting", view.lang).format(**counts)
                cells.append(f"{format_value(float(row[column]), unit, view.lang)} ({reporting})")
        rows[t(column, view.lang)] = cells
    return rows


def _census_rows(data: AtlasData, view: View, chosen: pd.DataFrame) -> dict[str, list[str]]:
    """The official statistics of the view's census year per region ("no data" where
    the package has none; a city's shared figure says so)."""
    stats = data.statistics(view.census_year, view.level)
    rows: dict[str, list[str]] = {}
    for key, spec in CENSUS_INDICATORS.items():
        one = stats[stats["indicator"] == key].drop_duplicates("code_moi").set_index("code_moi")
        cells = []
        for region in chosen.itertuples(index=False):
            value = one["value"].get(region.code_moi)
            if value is None or pd.isna(value):
                cells.append(t("no_data", view.lang))
                continue
            text = format_value(float(value), CENSUS_UNITS[spec.unit], view.lang)
            if int(one["shared"].get(region.code_moi, 1)) > 1:
                text += f" ({t('cmp_shared', view.lang)})"
            cells.append(text)
        rows[f"{t(f'layer_census:{key}', view.lang)} ({view.census_year})"] = cells
    return rows


def compare_regions(
    data: AtlasData, view: View, sites: pd.DataFrame, codes: Sequence[str]
) -> pd.DataFrame:
    """Chosen regions side by side, as text: one column per region (its name), one row
    per measure.

    Parameters
    ----------
    data : AtlasData
    view : View
        Level, language and census year; ``sites`` are its shown records.
    sites : pandas.DataFrame
    codes : sequence of str
        KOSTAT codes of regions of the view's level, in the order to show them.

    Returns
    -------
    pandas.DataFrame
        Rows: shown complexes and designations, each program's (present in any chosen
        region), each designation figure (sum, with how many designations report it),
        and each official statistic; columns: the regions' names. Nothing is invented: a
        region without a value says why.

    Raises
    ------
    ValueError
        For a code that is not a region of the view's level, naming the code.
    """
    regions = pd.DataFrame(data.regions[view.level].drop(columns="geometry"))
    regions = regions.set_index(regions["code"].astype(str), drop=False)
    unknown = [c for c in codes if c not in regions.index]
    if unknown:
        raise ValueError(f"Not {view.level} region codes: {', '.join(unknown)}")
    chosen = regions.loc[list(codes), ["code", "code_moi"]].astype(str)
    totals_row = [
        count_text(*totals(_sites_in(sites, view.level, r.code_moi, r.code)), view.lang)
        for r in chosen.itertuples(index=False)
    ]
    rows: dict[str, list[str]] = {t("clusters", view.lang): totals_row}
    rows.update(_program_rows(data, view, sites, chosen))
    rows.update(_figure_rows(data, view, sites, chosen))
    rows.update(_census_rows(data, view, chosen))
    frame = pd.DataFrame.from_dict(rows, orient="index")
    names = region_names(data, view.level, view.lang)
    frame.columns = pd.Index(_unique_names([names[c] for c in chosen["code"]]))
    return frame


def _unique_names(names: list[str]) -> list[str]:
    """Names made unique for column headings (two 중구 or 서구 get a number)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


KRW_CHART_SCALE = {"ko": 1e8, "en": 1e9}
"""Won per chart unit: 억 원 in Korean, billion won in English (``chart_krw_unit``)."""


def chart_scale(unit: str, lang: str) -> tuple[float, str]:
    """Divisor and axis unit of a layer's values on a chart: won in 억 (ko) or bn (en),
    other units as they are (their label from the catalogue, or none).

    >>> chart_scale("krw", "ko"), chart_scale("krw", "en")
    ((100000000.0, '억 원'), (1000000000.0, 'KRW bn'))
    >>> chart_scale("persons", "en")
    (1.0, 'persons')
    """
    if unit == "krw":
        return KRW_CHART_SCALE[lang], t("chart_krw_unit", lang)
    key = {"persons": "persons", "per_1000": "per_1000"}.get(unit)
    return 1.0, t(key, lang) if key else ("%" if unit == "percent" else "")
