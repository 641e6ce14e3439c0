"""End to end: upload a CSV in headless Chromium; a `<script>` name shows as text, never runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e_server import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>단지"
CSV = (
    "단지명,영문명,사업,지정연도,시도,시군구,경도,위도,업종,출처,발행기관,출처일자\n"
    f'"{HOSTILE}",Hostile park,소부장,2024,부산,기장군,129.2,35.25,반도체,'
    "보도자료,부산시,2024-06-13\n"
    "출처 없는 단지,,sobujang,2024,부산광역시,사하구,,,mold,,,\n"
)


def test_uploaded_script_name_shows_as_text_and_never_runs(page: Page, app_url: str) -> None:
    dialogs: list[str] = []

    def note(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note)
    page.goto(app_url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.kca-site").first.wait_for(timeout=90_000)
    page.get_by_text("사용자 레코드 올리기").first.click()
    page.locator('input[type="file"]').set_input_files(
        {"name": "hostile.csv", "mimeType": "text/csv", "buffer": CSV.encode("utf-8")}
    )
    page.get_by_text("업로드 검사 결과").first.wait_for(timeout=90_000)
    page.wait_for_function(f"document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=60_000)
    frame = page.frame_locator(MAP_FRAME)
    marker = frame.locator("path.kca-user")
    marker.first.wait_for(timeout=90_000)
    assert marker.count() == 1
    marker.first.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    assert HOSTILE in tooltip.inner_text()
    assert "[사용자 입력]" in tooltip.inner_text()
    marker.first.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert HOSTILE in popup.inner_text()
    assert "사용자 입력" in popup.inner_text()
    assert popup.locator("script, img").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "upload-hostile.png"), full_page=True)
    assert dialogs == []
