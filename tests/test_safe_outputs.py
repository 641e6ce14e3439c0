"""Outputs that are safe to open: CSV cells never run as formulas, record text never
becomes Markdown or HTML in the details panel (issue #17)."""

from __future__ import annotations

import csv
import dataclasses
import io

import pandas as pd
from streamlit.testing.v1 import AppTest

import exports.data as ex
from exports.safe_csv import safe_csv
from ingest.validate import load_reference, validate_upload
from layers.view import View
from tests import tiny

HOSTILE = {
    "name_ko": '=HYPERLINK("http://evil.example","출처")',
    "name_en": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source_title": "+1+cmd",
    "source_publisher": "-2+3",
    "industry": "\tsemiconductor",
}


def rows_of(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def hostile_atlas() -> ex.AtlasData:
    data = tiny.atlas()
    sites = data.sites.copy()
    for column, value in HOSTILE.items():
        sites.loc[sites["id"] == "a", column] = value
    regions = dict(data.regions)
    regions["sgg"] = regions["sgg"].assign(name_en=["=1+2", "Dong-gu"])
    return dataclasses.replace(data, sites=sites, regions=regions)


def test_record_csv_export_prefixes_formula_text_so_it_opens_as_text() -> None:
    row = rows_of(ex.records_csv(hostile_atlas(), View()))[0]
    for column, value in HOSTILE.items():
        assert row[column] == "'" + value, column
    assert row["map_lon"] == "127.05"  # numbers stay numbers
    assert row["name_ko"].startswith("'=") and not row["source_date"].startswith("'")


def test_regions_csv_export_prefixes_formula_text() -> None:
    rows = rows_of(ex.regions_csv(hostile_atlas(), View(level="sgg")))
    assert {r["name_en"] for r in rows} == {"'=1+2", "Dong-gu"}


def test_safe_csv_keeps_negative_numbers_and_escapes_text_cells() -> None:
    frame = pd.DataFrame(
        {"amount": [-5, 7], "text": pd.array(["-5", None], dtype="string"), "o": ["@a", "b"]}
    )
    rows = rows_of(safe_csv(frame))
    assert [r["amount"] for r in rows] == ["-5", "7"]
    assert [r["text"] for r in rows] == ["'-5", ""]
    assert [r["o"] for r in rows] == ["'@a", "b"]


def test_the_upload_check_flags_at_like_equals() -> None:
    header = "단지명,사업,지정연도,시도,시군구,출처,발행기관,출처일자\n"
    row = "@SUM(A1) 단지,소부장,2024,부산,기장군,=cmd,부산시,2024-06-13\n"
    report = validate_upload(
        (header + row).encode(), "up.csv", reference=load_reference(), year=2026
    )
    flagged = {p.column for p in report.warnings if "formula" in p.message}
    assert {"name_ko", "source_title"} <= flagged


def _details_page() -> None:
    import dataclasses

    from tests import tiny
    from ui.details import show_site

    data = tiny.atlas()
    sites = data.sites.copy()
    sites.loc[sites["id"] == "a", "source_title"] = "[click me](https://evil.example) **bold**"
    sites.loc[sites["id"] == "a", "name_en"] = "[A](https://evil.example) <b>site</b>"
    sites.loc[sites["id"] == "a", "sigungu"] = "서구 [x](https://evil.example)"
    data = dataclasses.replace(data, sites=sites)
    show_site(data.sites.iloc[0], data, "en")
    show_site(data.sites.iloc[1], data, "en")  # javascript: URL, no link


def test_a_markdown_link_in_a_record_shows_as_text_and_only_url_fields_link() -> None:
    at = AppTest.from_function(_details_page).run(timeout=60)
    assert not at.exception
    markdown = [m.value for m in at.markdown]
    assert markdown == [
        "[https\\:\\/\\/example\\.org\\/a](https://example.org/a)"
    ]  # one link: the URL field, showing its address; none for javascript:
    texts = [t.value for t in at.text]
    assert "Source: [click me](https://evil.example) **bold** — MOTIE, 2023-07-20" in texts
    headings = [h.value for h in at.subheader]
    assert headings[0].replace("\\", "") == "[A](https://evil.example) <b>site</b>"
    assert all("](" not in h and "<b>" not in h for h in headings)  # escaped: never a link
    table = at.dataframe[0].value
    assert "서구 [x](https://evil.example)" in table[" "].str.cat(sep="|")
