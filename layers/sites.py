"""Complexes as circle markers coloured by industry, each listing its designations.

A record is a designation of a complex. The map draws one marker per complex and
municipality it lies in (:func:`markers_of`), styled by its location precision
(``layers.style.MARKERS``), with a tooltip naming the complex and its count of
designations and a popup listing every designation (program, round, year, figures,
source). Markers are gathered by Leaflet.markercluster (served offline, see
``layers.assets``) so every complex can be reached at national zoom.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.aggregate import main_industry
from geo.fields import FIGURE_COLUMNS
from layers.i18n import format_won, t
from layers.kinds import kind_tag, kinds_among
from layers.regions import safe_json
from layers.style import UNKNOWN_COLOR, marker_style
from layers.symbology import LOCATION_PRECISION, marker_ids

FIGURES = FIGURE_COLUMNS
"""Figures on the site card (from the field registry)."""

Row = Mapping[Any, Any] | pd.Series
"""One record: a plain mapping (how the markers read them, see :func:`marker_rows`) or a
row of the records frame."""


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _name(row: Row, lang: str, prefix: str = "") -> str:
    first, second = (f"{prefix}name_ko", f"{prefix}name_en")
    if lang != "ko":
        first, second = second, first
    names = [str(row.get(c)) for c in (first, second) if not _missing(row.get(c))]
    return " · ".join(names)


def spans_of(row: Row) -> list[str]:
    """The municipalities a row's complex lies in (``sigungu_all``), empty when not given."""
    value = row.get("sigungu_all")
    return [] if _missing(value) else [c for c in str(value).split(";") if c]


def complex_name(row: Row, lang: str) -> str:
    """The complex's name (its designation's name for a record without a complex)."""
    return _name(row, lang, "complex_") or _name(row, lang)


def is_user_record(row: Row) -> bool:
    """True for a record uploaded in this session (``user_record`` column)."""
    value = row.get("user_record")
    return not _missing(value) and bool(value)


def precision_of(row: Row) -> str:
    """The precision the row's marker stands at: point, emd or sgg."""
    return LOCATION_PRECISION.get(str(row.get("location")), "sgg")


def tooltip_text(row: Row, lang: str, designations: int = 1, kinds: tuple[str, ...] = ()) -> str:
    """The marker's tooltip (plain text): the complex's name and, for several, how many
    designations it has; the kinds of its designations that are not statutory ("후보지",
    "pilot"); "province-wide" for a complex standing for its whole province; marked when
    the user gave the record."""
    name = complex_name(row, lang)
    if designations > 1:
        name += f" ({t('n_designations', lang, n=designations)})"
    tags = [tag for tag in (kind_tag(k, lang) for k in kinds) if tag]
    if precision_of(row) == "sido":
        tags.append(t("precision_sido", lang))
    if tags:
        name += " · " + " · ".join(tags)
    return f"[{t('user_record', lang)}] {name}" if is_user_record(row) else name


def _figure(row: Row, column: str, lang: str) -> str | None:
    value = row.get(column)
    if value is None or pd.isna(value):
        return None
    if column.endswith("_krw"):
        return format_won(float(value), lang)
    unit = t("persons", lang) if column == "jobs" else ""
    return f"{int(value):,} {unit}".strip()


def _source_link(row: Row) -> str:
    esc = html.escape
    url = "" if _missing(row.get("source_url")) else str(row.get("source_url"))
    title = esc(
        f"{row.get('source_title')} ({row.get('source_publisher')}, {row.get('source_date')})"
    )
    if url.startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return title


def designation_html(
    row: Row, lang: str, programs: Mapping[str, str], industries: Mapping[str, str]
) -> str:
    """One designation in a popup: program, round, year, name, industry, figures, source."""
    esc = html.escape
    program = esc(str(programs.get(row["program"], row["program"])))
    if not _missing(row.get("round")) and str(row.get("round")) != str(row.get("year")):
        when = f"{t('round', lang)} {row.get('round')}, {row.get('year')}"
    else:
        when = str(row.get("year"))
    industry = industries.get(str(row.get("industry")), t("unknown_industry", lang))
    lines = [
        f"<b>{program}</b> · {esc(when)}",
        *_kind_line(row, lang),
        esc(_name(row, lang)),
        f"{esc(t('industry', lang))}: {esc(industry)}",
    ]
    for column in FIGURES:
        shown = _figure(row, column, lang)
        if shown is not None:
            lines.append(f"{esc(t(column, lang))}: {esc(shown)}")
    if is_user_record(row):
        lines.insert(0, f'<span class="kca-user-mark">{esc(t("user_record", lang))}</span>')
    lines.append(f"{esc(t('source', lang))}: {_source_link(row)}")
    return '<div class="kca-des">' + "<br>".join(lines) + "</div>"


def _kind_line(row: Row, lang: str) -> list[str]:
    """A designation's kind when it is not a statutory one ("후보지 · 지정 아님")."""
    tag = kind_tag(row.get("program_kind"), lang)
    if not tag:
        return []
    text = html.escape(t("kind_not_designation", lang, kind=tag))
    return [f'<span class="kca-kind"><b>{text}</b></span>']


def _place_lines(first: Row, lang: str) -> list[str]:
    esc = html.escape
    precision = precision_of(first)
    lines = [f"<i>{esc(t(f'precision_{precision}', lang))}</i>"]
    if precision == "sido" and not _missing(first.get("sido")):
        lines[0] = f"<i>{esc(t('precision_sido', lang))}: {esc(str(first.get('sido')))}</i>"
    emd = first.get("emd")
    if precision == "emd" and not _missing(emd):
        lines[0] = f"<i>{esc(t('precision_emd', lang))}: {esc(str(emd).replace(';', ', '))}</i>"
    wording = first.get("place_wording")
    if not _missing(wording):
        lines.append(f"{esc(t('place_wording', lang))}: “{esc(str(wording))}”")
    spans = spans_of(first)
    if len(spans) > 1:
        lines.append(f"<small>{esc(t('multi_municipality', lang, n=len(spans)))}</small>")
    return lines


def popup_html(
    rows: pd.DataFrame | pd.Series | Sequence[Mapping[Any, Any]],
    lang: str,
    programs: Mapping[str, str],
    industries: Mapping[str, str],
) -> str:
    """Popup of one marker: the complex, where it stands, and each of its designations.

    Every value from the records is escaped; a source URL is only linked when it is
    http(s).
    """
    records = as_records(rows)
    first = records[0]
    head = [f"<b>{html.escape(complex_name(first, lang))}</b>"]
    if len(records) > 1:
        head.append(html.escape(t("n_designations", lang, n=len(records))))
    body = [designation_html(r, lang, programs, industries) for r in records]
    return "<br>".join(head + _place_lines(first, lang)) + "".join(body)


def as_records(
    rows: pd.DataFrame | pd.Series | Sequence[Mapping[Any, Any]],
) -> Sequence[Mapping[Any, Any]]:
    """A marker's rows as plain records (one per designation)."""
    if isinstance(rows, pd.Series):
        return [rows.to_dict()]
    if isinstance(rows, pd.DataFrame):
        return rows.to_dict("records")
    return rows


class SiteMarkers(MacroElement):
    """Circle markers from one JSON array, each with a tooltip and a popup, gathered in a
    marker cluster group when Leaflet.markercluster is loaded (a plain group otherwise);
    the session's uploaded records stay out of the clusters, always drawn on top.

    folium's ``Popup`` needs jQuery to build its content; this layer needs only
    Leaflet (and the cluster plugin), and sends each marker once as data.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (L.markerClusterGroup
    ? L.markerClusterGroup({{ this.options }})
    : L.featureGroup()).addTo({{ this._parent.get_name() }});
var {{ this.get_name() }}_own = L.featureGroup().addTo({{ this._parent.get_name() }});
{{ this.markers }}.forEach(function (s) {
    L.circleMarker([s.lat, s.lng], s.style)
        .bindTooltip(s.tip)
        .bindPopup(s.popup, {maxWidth: 360, maxHeight: 360})
        .addTo(s.user ? {{ this.get_name() }}_own : {{ this.get_name() }});
});
window.kcaSiteMarkers = {{ this.get_name() }};
{% endmacro %}
"""
    )

    def __init__(self, markers: list[dict[str, object]], cluster: bool = True) -> None:
        super().__init__()
        self._name = "SiteMarkers"
        self.markers = safe_json(markers)
        self.options = safe_json(CLUSTER_OPTIONS if cluster else {"disableClusteringAtZoom": 0})


CLUSTER_OPTIONS: dict[str, object] = {
    "maxClusterRadius": 28,
    "spiderfyOnMaxZoom": True,
    "showCoverageOnHover": False,
    "spiderfyDistanceMultiplier": 1.6,
    "disableClusteringAtZoom": 11,
}
"""Leaflet.markercluster options: markers closer than 28 px are gathered into a badge
with their number; a click zooms in (or spreads them out at the last zoom)."""


def kinds_of_rows(rows: Sequence[Mapping[Any, Any]]) -> tuple[str, ...]:
    """The program kinds of a marker's designations (``PROGRAM_KINDS`` order)."""
    return tuple(kinds_among(r.get("program_kind") for r in rows))


def marker_rows(sites: gpd.GeoDataFrame) -> list[list[dict[Any, Any]]]:
    """The located rows grouped by marker (complex and municipality, in first-seen order,
    as ``layers.symbology.markers_of``), each row a plain record.

    Reading plain records instead of frame rows makes a view's markers some ten times
    faster to build (the first visit of a view, and the first map after start-up).
    """
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    if located.empty:
        return []
    flat = plain_strings(located).reset_index(drop=True)
    keys = marker_ids(flat)
    records = flat.to_dict("records")
    positions = keys.groupby(keys, sort=False).indices
    return [[records[i] for i in positions[k]] for k in pd.unique(keys) if k in positions]


def marker_options(color: str, precision: str | bool, user: bool = False) -> dict[str, object]:
    """Leaflet path options of a marker, from ``layers.style.marker_style``: filled
    circles at cited coordinates, dotted at a 읍면동, dashed rings at a municipality
    (``True``: approximate); user records get the uploaded outline and ``kca-user``."""
    style = marker_style(precision, user)
    approximate = precision is True or precision in ("sgg", "sido")
    classes = ["kca-site"] + (["kca-approximate"] if approximate else [])
    classes += ["kca-province"] if precision == "sido" else []
    classes += ["kca-emd"] if precision == "emd" else []
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


def plain_strings(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``sites`` with its text columns as Python objects (same values, missing ones NA).

    The markers read the records row by row (``iterrows``, ``apply``), and each row of
    Arrow-backed text columns is converted anew: with plain objects the default view's
    markers take a quarter of the time, with the same output (perf helper, issue #17).
    """
    text = {c: object for c, dtype in sites.dtypes.items() if isinstance(dtype, pd.StringDtype)}
    return sites.astype(text) if text else sites


def sites_layer(
    sites: gpd.GeoDataFrame,
    lang: str,
    colors: Mapping[str, str],
    programs: Mapping[str, str],
    industries: Mapping[str, str],
    cluster: bool = True,
) -> SiteMarkers:
    """One marker per complex and municipality, coloured by its main industry, styled by
    its precision, its tooltip and popup listing its designations (escaped HTML)."""
    markers = []
    for rows in marker_rows(sites):
        first = rows[0]
        user = any(is_user_record(r) for r in rows)
        markers.append(
            {
                "user": user,
                "lat": round(first["geometry"].y, 6),
                "lng": round(first["geometry"].x, 6),
                "tip": html.escape(tooltip_text(first, lang, len(rows), kinds_of_rows(rows))),
                "popup": popup_html(rows, lang, programs, industries),
                "style": marker_options(
                    colors.get(str(main_industry(r.get("industry") for r in rows)), UNKNOWN_COLOR),
                    precision_of(first),
                    user,
                ),
            }
        )
    return SiteMarkers(markers, cluster)
