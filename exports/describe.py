"""Words for an exported view: title, subtitle (the filters), sources, attribution, date.

Shared by the image and HTML exports, so every export states the same view the same way.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pandas as pd

from geo.aggregate import totals
from layers.atlas import AtlasData
from layers.i18n import count_text, t
from layers.kinds import STATUTORY, kinds_text
from layers.view import DEFAULT_KINDS, View, shown_kinds

MAX_PUBLISHERS = 5
"""Publishers named in the sources line; the rest are counted."""


BELT_PROGRAM = "busan_belt"
"""The program whose sites make up Busan's belts."""
BELT_KIND = "city_plan"
"""The belt program's kind (``programs.csv``)."""
BUSAN = "26"
"""Busan's Ministry code."""


def concerns_belts(view: View) -> bool:
    """Whether a view is about Busan's belts: its programs include the belt program (with
    no program chosen: its kinds include city plans, the belts' kind), or it frames Busan
    (``focus="busan"`` or ``sido="26"``).

    >>> concerns_belts(View()), concerns_belts(View(programs=("root_industry",)))
    (False, False)
    >>> concerns_belts(View(kinds=("statutory", "city_plan"))), concerns_belts(View(focus="busan"))
    (True, True)
    """
    programs = BELT_PROGRAM in view.programs if view.programs else BELT_KIND in view.kinds
    return programs or view.focus == "busan" or view.sido == BUSAN


@dataclass(frozen=True)
class SourceDoc:
    """One document behind a view: title, publisher, date (or "undated"/empty), URL."""

    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class Description:
    """What an export says about its view, in the view's language.

    Attributes
    ----------
    title : str
        The topic: programs, industries, place and years, e.g. "전국 소재·부품·장비 특화단지
        (2021–2023)", or the presenter's title.
    subtitle : str
        The layer and level, and the number of sites shown, e.g. "지정 단지 수 · 시도별 ·
        지정 단지 115곳", or the presenter's subtitle.
    sources : str
        One compact line: number of documents and the main publishers.
    attribution : str
        The boundary attribution (``AtlasData.attribution``), and the statistics' on a
        statistics layer.
    exported : str
        The export date, e.g. "Exported 2026-11-22".
    documents : tuple of SourceDoc
        Every document behind the view, by publisher and date.
    lang : str
        The language of the words.
    """

    title: str
    subtitle: str
    sources: str
    attribution: str
    exported: str
    documents: tuple[SourceDoc, ...] = ()
    lang: str = "ko"


def year_span(view: View, sites: pd.DataFrame) -> str:
    """The designation years as a span, e.g. "2013–2025", "2023" or "2021–" (empty: none).

    The view's bounds, else the shown sites' first and last year.
    """
    years = pd.to_numeric(sites["year"], errors="coerce").dropna() if len(sites) else pd.Series()
    low = (
        view.year_from if view.year_from is not None else (int(years.min()) if len(years) else None)
    )
    high = view.year_to if view.year_to is not None else (int(years.max()) if len(years) else None)
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    return f"{'' if low is None else low}–{'' if high is None else high}"


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
    """One row per cited record: the sites, the belts (when shown) and indicator figures
    (for an indicator layer), with a ``document`` key and a short ``publisher``."""
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


def source_documents(data: AtlasData, view: View, sites: pd.DataFrame) -> tuple[SourceDoc, ...]:
    """Every document behind the view (see :func:`sources_line`), once each, ordered by
    publisher, date and title."""
    rows = _source_rows(data, view, sites).drop_duplicates("document")
    docs = [
        SourceDoc(
            str(r.source_title), str(r.source_publisher), str(r.source_date), str(r.source_url)
        )
        for r in rows.itertuples()
    ]
    return tuple(sorted(docs, key=lambda d: (d.publisher, d.date, d.title)))


def sources_line(
    data: AtlasData,
    view: View,
    sites: pd.DataFrame,
    max_publishers: int = MAX_PUBLISHERS,
    full_list: str = "",
) -> str:
    """One line naming the documents behind the view: count, then the main publishers.

    Publishers are ordered by how many shown records cite them; one document shows its
    date, several show their count. Sites, belts (when shown) and indicator figures (for
    an indicator layer) count. ``full_list`` (e.g. "full list: next page") is added
    when publishers are left out.
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
        parts.append(t("export_more", lang, n=rest) + (f" ({full_list})" if full_list else ""))
    count = (
        t("export_one_document", lang)
        if len(documents) == 1
        else t("export_documents", lang, n=len(documents))
    )
    return f"{head}: {count} — {', '.join(parts)}"


def _topic(data: AtlasData, view: View) -> str:
    """Programs (short names; many are counted) and industries."""
    lang = view.lang
    if not view.programs and view.kinds != DEFAULT_KINDS:
        topic = t("export_topic_kinds", lang, kinds=kinds_text(view.kinds, lang))
    elif not view.programs:
        topic = t("export_topic_all", lang)
    elif len(view.programs) > 3:
        topic = t("export_n_programs", lang, n=len(view.programs))
    else:
        names = data.program_labels(lang)
        topic = ", ".join(short_publisher(names.get(p, p)) for p in view.programs)
    if view.industries:
        labels = data.industry_labels(lang)
        topic += ": " + ", ".join(labels.get(i, i) for i in view.industries)
    return topic


def place_name(data: AtlasData, view: View) -> str:
    """Where the view looks: its province, Busan for the Busan focus, else Korea."""
    lang = view.lang
    code = view.sido or (BUSAN if view.focus == "busan" else None)
    if code is None:
        return t("export_place_korea", lang)
    sido = data.regions["sido"]
    match = sido[sido["code_moi"] == code]
    return str(match.iloc[0][f"name_{lang}"]) if not match.empty else code


def topic_title(data: AtlasData, view: View, sites: pd.DataFrame, place: str | None = None) -> str:
    """The default title: programs, industries, place and years (the layer is left to the
    subtitle and legend)."""
    span = year_span(view, sites)
    years = t("export_title_years", view.lang, years=span) if span else ""
    return t(
        "export_title",
        view.lang,
        place=place or place_name(data, view),
        topic=_topic(data, view),
        years=years,
    )


def subtitle_parts(
    data: AtlasData, view: View, sites: pd.DataFrame, shown: pd.DataFrame | None = None
) -> list[str]:
    """The layer and level, the program kinds when any is not statutory ("법정 지정,
    후보지"), then the complexes and designations: those ``shown`` on the map when given
    (what the legend counts), else all the view's."""
    lang = view.lang
    spec = data.layers.get(view.layer)
    if spec is None:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    layer = spec.label(lang)
    if spec.source == "census":
        layer = f"{layer} ({view.census_year})"
    parts = [layer, t(f"export_by_{view.level}", lang)]
    kinds = shown_kinds(view, data.program_kinds())
    if set(kinds) - {STATUTORY}:  # what is not a designation is said so
        parts.append(kinds_text(kinds, lang))
    parts.append(count_text(*totals(sites if shown is None else shown), lang))
    return parts


def describe_view(
    data: AtlasData,
    view: View,
    sites: pd.DataFrame,
    today: datetime.date | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    shown: pd.DataFrame | None = None,
    full_list: str = "",
) -> Description:
    """Title, subtitle, sources, attribution and export date of a view, in ``view.lang``.

    Parameters
    ----------
    data : AtlasData
    view : View
    sites : pandas.DataFrame
        The sites the view admits (``layers.view.filter_sites(data.sites, view)``).
    today : datetime.date, optional
        The export date; today by default.
    title, subtitle : str, optional
        The presenter's words instead of the view's own (empty: the view's own).
    shown : pandas.DataFrame, optional
        The sites an image shows in its frame: the subtitle counts them and the sources
        are theirs (default: all of ``sites``).
    full_list : str
        Where the full list of sources is, added to the sources line when it is cut.
    """
    lang = view.lang
    spec = data.layers.get(view.layer)
    cited = sites if shown is None else shown
    date = (today or datetime.date.today()).isoformat()
    return Description(
        title=title or topic_title(data, view, sites),
        subtitle=subtitle or " · ".join(subtitle_parts(data, view, sites, shown)),
        sources=sources_line(data, view, cited, full_list=full_list),
        attribution=data.attribution(lang, statistics=spec is not None and spec.source == "census"),
        exported=t("export_exported", lang, date=date),
        documents=source_documents(data, view, cited),
        lang=lang,
    )
