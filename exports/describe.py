"""Words for an exported view: title, subtitle (the filters), sources, attribution, date.

Shared by the image and HTML exports, so every export states the same view the same way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pandas as pd

from geo.aggregate import totals
from geo.sources import ATTRIBUTION, ATTRIBUTION_KO
from layers.atlas import AtlasData
from layers.i18n import count_text, t
from layers.view import View

MAX_PUBLISHERS = 5
"""Publishers named in the sources line; the rest are counted."""


@dataclass(frozen=True)
class Description:
    """What an export says about its view, in the view's language.

    Attributes
    ----------
    title : str
        The layer and level, e.g. "지정 단지 수 · 시도별".
    subtitle : str
        The filters in words: programs, industries, designation years, province.
    sources : str
        One compact line: number of documents and the main publishers.
    attribution : str
        The boundary attribution (``geo.sources.ATTRIBUTION`` or its Korean form).
    exported : str
        The export date, e.g. "Exported 2026-11-22".
    """

    title: str
    subtitle: str
    sources: str
    attribution: str
    exported: str


def _years(view: View, sites: pd.DataFrame, lang: str) -> str:
    years = pd.to_numeric(sites["year"], errors="coerce").dropna() if len(sites) else pd.Series()
    shown_low, shown_high = (int(years.min()), int(years.max())) if len(years) else (None, None)
    low = view.year_from if view.year_from is not None else shown_low
    high = view.year_to if view.year_to is not None else shown_high
    if low is None and high is None:
        return t("export_no_years", lang)
    if low == high:
        return f"{t('export_years', lang)} {low}"
    return f"{t('export_years', lang)} {'' if low is None else low}–{'' if high is None else high}"


def _province(data: AtlasData, code_moi: str, lang: str) -> str:
    sido = data.regions["sido"]
    match = sido[sido["code_moi"] == code_moi]
    name = str(match.iloc[0][f"name_{lang}"]) if not match.empty else code_moi
    return f"{t('export_province', lang)}: {name}"


def short_publisher(name: str) -> str:
    """A publisher without its parenthesised note.

    >>> short_publisher("Busan Metropolitan City (English text as posted on smartcity.go.kr)")
    'Busan Metropolitan City'
    >>> short_publisher("연합뉴스(한국경제TV 전재)")
    '연합뉴스'
    """
    short = re.sub(r"\s*\([^()]*\)\s*$", "", name).strip()
    return short or name.strip()


def _source_rows(data: AtlasData, view: View, sites: pd.DataFrame) -> pd.DataFrame:
    columns = ["source_publisher", "source_date", "source_url", "source_title"]
    frames = [sites.reindex(columns=columns)]
    if view.belts and data.belts is not None and not data.belts.empty:
        frames.append(pd.DataFrame(data.belts.reindex(columns=columns)))
    spec = data.layers.get(view.layer)
    if spec is not None and spec.indicator is not None:
        rows = data.indicators[data.indicators["indicator"] == spec.indicator]
        frames.append(rows.reindex(columns=columns))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*columns, "document", "publisher"])
    rows = pd.concat(frames, ignore_index=True)
    rows = rows.astype("object").where(rows.notna(), "")
    rows["document"] = [
        url or f"{title}|{pub}|{date}"
        for url, title, pub, date in zip(
            rows["source_url"],
            rows["source_title"],
            rows["source_publisher"],
            rows["source_date"],
            strict=True,
        )
    ]
    rows["publisher"] = [short_publisher(str(p)) or "?" for p in rows["source_publisher"]]
    return rows


def sources_line(
    data: AtlasData, view: View, sites: pd.DataFrame, max_publishers: int = MAX_PUBLISHERS
) -> str:
    """One line naming the documents behind the view: count, then the main publishers.

    Publishers are ordered by how many shown records cite them; one document shows its
    date, several show their count. Sites, belts (when shown) and indicator figures (for
    an indicator layer) count.
    """
    lang = view.lang
    rows = _source_rows(data, view, sites)
    head = t("export_sources", lang)
    if rows.empty:
        return f"{head}: {t('export_no_sources', lang)}"
    documents = rows.drop_duplicates("document")
    order = rows["publisher"].value_counts(sort=True)
    parts = []
    for publisher in order.index[:max_publishers]:
        docs = documents[documents["publisher"] == publisher]
        if len(docs) == 1:
            parts.append(f"{publisher} ({docs.iloc[0]['source_date'] or '?'})")
        else:
            parts.append(f"{publisher} ({t('export_documents_short', lang, n=len(docs))})")
    rest = len(order) - max_publishers
    if rest > 0:
        parts.append(t("export_more", lang, n=rest))
    count = (
        t("export_one_document", lang)
        if len(documents) == 1
        else t("export_documents", lang, n=len(documents))
    )
    return f"{head}: {count} — {', '.join(parts)}"


def subtitle_parts(data: AtlasData, view: View, sites: pd.DataFrame) -> list[str]:
    """The filters in words, one part each (programs, industries, years, province, count)."""
    lang = view.lang
    parts = []
    if view.programs:
        names = data.program_labels(lang)
        parts.append(", ".join(names.get(p, p) for p in view.programs))
    else:
        parts.append(t("export_all_programs", lang))
    if view.industries:
        labels = data.industry_labels(lang)
        shown = ", ".join(labels.get(i, i) for i in view.industries)
        parts.append(f"{t('export_industries', lang)}: {shown}")
    parts.append(_years(view, sites, lang))
    if view.sido:
        parts.append(_province(data, view.sido, lang))
    if view.focus == "busan":
        parts.append(t("export_focus_busan", lang))
    parts.append(count_text(*totals(sites), lang))
    return parts


def describe_view(
    data: AtlasData,
    view: View,
    sites: pd.DataFrame,
    today: datetime.date | None = None,
) -> Description:
    """Title, subtitle, sources, attribution and export date of a view, in ``view.lang``.

    Parameters
    ----------
    data : AtlasData
    view : View
    sites : pandas.DataFrame
        The sites the view shows (``layers.view.filter_sites(data.sites, view)``).
    today : datetime.date, optional
        The export date; today by default.
    """
    lang = view.lang
    spec = data.layers.get(view.layer)
    if spec is None:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    level = t(f"export_by_{view.level}", lang)
    date = (today or datetime.date.today()).isoformat()
    return Description(
        title=f"{spec.label(lang)} · {level}",
        subtitle=" · ".join(subtitle_parts(data, view, sites)),
        sources=sources_line(data, view, sites),
        attribution=ATTRIBUTION_KO if lang == "ko" else ATTRIBUTION,
        exported=t("export_exported", lang, date=date),
    )
