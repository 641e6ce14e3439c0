"""Bring your own records: an uploader in the sidebar, the problem report, the user sites.

Parsing and placing run once per uploaded file and chosen encoding, through
:func:`ingest.validate.validate_upload` (the same checks as ``python cli.py validate``).
The report is kept in the session, for the current file only: a new file or encoding
replaces it, removing the file drops it, and no cross-session cache holds reports or
bytes (a 45 MB upload's bytes live only while it is parsed; Streamlit's own upload
store keeps the file while the uploader shows it).
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from exports.safe_csv import safe_csv
from geo.boundaries import load_boundaries
from geo.records import spread_stacked
from geo.repair import METRIC_CRS
from geo.settings import load_settings
from ingest.read import ENCODINGS, MAX_UPLOAD_MB, READERS
from ingest.validate import Report, validate_upload
from layers.atlas import AtlasData
from layers.i18n import LABELS, t
from layers.view import with_program_kinds

UPLOAD_KEY = "user_upload"
UPLOAD_ID_KEY = "user_upload_id"
REPORT_KEY = "user_upload_report"
MERGED_KEY = "user_upload_sites"
ENCODING_KEY = "user_upload_encoding"
OPEN_KEY = "user_upload_open"
"""Session key: whether the uploader's expander is open."""
FILE_TYPES = [suffix.lstrip(".") for suffix in READERS]


@st.cache_resource(show_spinner=False)
def municipalities() -> gpd.GeoDataFrame:
    """Full municipality boundaries for placing user records (read once per process)."""
    return load_boundaries("sgg", "full", load_settings())


def check_upload(data: bytes, name: str, encoding: str | None) -> Report:
    """The validation report of one uploaded file, its good rows placed on the map."""
    with st.spinner("Checking the file / 파일 검사 중…"):
        return validate_upload(data, name, encoding=encoding, sgg=municipalities())


def current_report(uploaded: UploadedFile | None, encoding: str | None) -> Report | None:
    """The report of the uploaded file, parsed once and kept for this file only."""
    if uploaded is None:
        st.session_state.pop(REPORT_KEY, None)
        st.session_state.pop(MERGED_KEY, None)
        return None
    upload_id = f"{uploaded.file_id}:{encoding}"
    st.session_state[UPLOAD_ID_KEY] = upload_id
    memo = st.session_state.get(REPORT_KEY)
    if memo is None or memo[0] != upload_id:
        st.session_state.pop(REPORT_KEY, None)  # let the old report go before parsing
        memo = (upload_id, check_upload(uploaded.getvalue(), uploaded.name, encoding))
        st.session_state[REPORT_KEY] = memo
    report: Report = memo[1]
    return report


def upload_sidebar(lang: str) -> Report | None:
    """The uploader in a sidebar expander; the report of the uploaded file, if any.

    The uploader is drawn only while the expander is open or holds a file: a closed one
    reruns the page when opened, so a first visit does not load and build the
    uploader's script (about 0.17 s of the first map, issue #14). Once a file is in it,
    it stays drawn when closed, or the file would be dropped with the widget.
    """
    box = st.sidebar.expander(t("user_records", lang), key=OPEN_KEY, on_change="rerun")
    if not (box.open or st.session_state.get(UPLOAD_KEY) is not None):
        return current_report(None, None)
    with box:
        uploaded = st.file_uploader(
            t("user_records", lang),
            type=FILE_TYPES,
            key=UPLOAD_KEY,
            help=t("upload_help", lang),
            max_upload_size=MAX_UPLOAD_MB,  # browsers count 10**6 bytes per MB, as we do
            label_visibility="collapsed",
        )
        st.caption(t("upload_help", lang))
        encoding = st.selectbox(
            t("encoding", lang),
            [None, *ENCODINGS],
            key=ENCODING_KEY,
            format_func=lambda e: t("auto", lang) if e is None else e,
        )
    return current_report(uploaded, encoding)


def user_sites(report: Report | None) -> gpd.GeoDataFrame | None:
    """The placed, loadable user records (``user_record`` True), or None."""
    if report is None or report.sites is None or report.sites.empty:
        return None
    return report.sites


def with_user_sites(data: AtlasData, added: gpd.GeoDataFrame | None) -> AtlasData:
    """The atlas with the session's user records beside the bundled ones.

    Approximate points that share a municipality are spread again over bundled and
    user records together, so an uploaded record never hides under a bundled marker
    (a click must find the one it was aimed at).
    """
    sites = data.sites.assign(user_record=False)
    if added is None:
        return dataclasses.replace(data, sites=sites)
    both = gpd.GeoDataFrame(pd.concat([sites, added], ignore_index=True), crs=sites.crs)
    both = with_program_kinds(both, data.programs)  # the kind of the uploaded rows' program
    metric = data.regions["sgg"].to_crs(METRIC_CRS).set_index("code")
    return dataclasses.replace(data, sites=spread_stacked(both, metric))


SEVERITY_ORDER = {"error": 0, "warning": 1, "change": 2}


def report_view(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The problem table for reading: errors first, the user's language first, headings
    and severities in that language, file-level rows with empty row and column."""
    first, second = ("message_ko", "message") if lang == "ko" else ("message", "message_ko")
    rank = table["severity"].map(SEVERITY_ORDER).fillna(len(SEVERITY_ORDER))
    out = table.assign(_rank=rank).sort_values(["_rank", "row"], kind="stable")
    out = out[["severity", "row", "column", first, second]].copy()
    out["severity"] = out["severity"].map(
        lambda s: t(f"severity_{s}", lang) if f"severity_{s}" in LABELS else s
    )
    out["row"] = out["row"].astype(object).where(out["row"].notna(), "")
    out["column"] = out["column"].astype(object).where(out["column"].notna(), "")
    return out.rename(columns={c: t(f"report_{c}", lang) for c in out.columns})


_BUNDLED: dict[int, tuple[AtlasData, AtlasData]] = {}
"""The bundled atlas (``id`` of the shared data -> it and its :func:`with_user_sites`)."""


def bundled_atlas(data: AtlasData) -> AtlasData:
    """:func:`with_user_sites` with no upload, made once per shared atlas, not per rerun
    (it copies every site; perf helper, issue #17). Read-only, like ``data``."""
    hit = _BUNDLED.get(id(data))
    if hit is None or hit[0] is not data:
        hit = (data, with_user_sites(data, None))
        _BUNDLED.clear()  # one atlas per process; a new one (other data) replaces it
        _BUNDLED[id(data)] = hit
    return hit[1]


def session_atlas(data: AtlasData, report: Report | None) -> AtlasData:
    """:func:`with_user_sites` for this session's upload, merged once per uploaded file
    (re-spreading the markers takes about 0.1 s, too much for every rerun)."""
    added = user_sites(report)
    if added is None:
        return bundled_atlas(data)
    upload_id = st.session_state.get(UPLOAD_ID_KEY)
    memo = st.session_state.get(MERGED_KEY)
    if memo is None or memo[0] != upload_id:
        memo = (upload_id, with_user_sites(data, added).sites)
        st.session_state[MERGED_KEY] = memo
    return dataclasses.replace(data, sites=memo[1])


def session_version(version: str, report: Report | None) -> str | None:
    """The data version of this session's atlas: the bundled one's, or None when the
    session shows its own uploaded records (no shared cache may keep them)."""
    return version if user_sites(report) is None else None


def show_report(report: Report | None, lang: str) -> None:
    """Summary, the bilingual problem table and downloads of the report and the records."""
    if report is None:
        return
    with st.expander(f"{t('upload_report', lang)} · {report.file}", expanded=True):
        summary = report.summary()
        if report.fatal:
            st.error(summary)
        elif report.errors:
            st.warning(summary)
        else:
            st.success(summary)
        table = report.table()
        if not table.empty:
            st.dataframe(
                report_view(table, lang),
                hide_index=True,
                width="stretch",
                key="upload_report_table",
            )
        left, right = st.columns(2)
        stem = report.file.rsplit(".", 1)[0] or "upload"
        left.download_button(
            t("report_download", lang),
            safe_csv(table),
            file_name=f"{stem}-report.csv",
            mime="text/csv",
            key="upload_report_download",
        )
        if not report.records.empty:
            right.download_button(
                t("records_download", lang),
                safe_csv(report.records.reset_index()),
                file_name=f"{stem}-records.csv",
                mime="text/csv",
                key="upload_records_download",
            )
