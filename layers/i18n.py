"""Korean and English labels for everything the map and the app show."""

from __future__ import annotations

LANGUAGES = ("ko", "en")

LABELS: dict[str, dict[str, str]] = {
    "title": {"ko": "대한민국 산업 클러스터 지도", "en": "Korea Cluster Atlas"},
    "subtitle": {
        "ko": "정부 지정 특화단지·클러스터와 지역별 지표",
        "en": "Government-designated industrial clusters and regional indicators",
    },
    "no_data": {"ko": "자료 없음", "en": "No data"},
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
    "program": {"ko": "사업", "en": "Program"},
    "industry": {"ko": "업종", "en": "Industry"},
    "year": {"ko": "지정 연도", "en": "Designation year"},
    "year_range": {"ko": "지정 연도 범위", "en": "Designation years"},
    "province": {"ko": "시도", "en": "Province"},
    "municipality": {"ko": "시군구", "en": "Municipality"},
    "firms": {"ko": "입주 기업 수", "en": "Firms"},
    "support_public_krw": {"ko": "공공 지원(국비·지방비)", "en": "Public support"},
    "investment_private_planned_krw": {
        "ko": "민간 투자 계획",
        "en": "Planned private investment",
    },
    "investment_executed_krw": {"ko": "투자 집행 실적", "en": "Executed investment"},
    "jobs": {"ko": "고용(발표치)", "en": "Jobs (as announced)"},
    "source": {"ko": "출처", "en": "Source"},
    "belts": {"ko": "부산 5대 혁신 벨트", "en": "Busan's five innovation belts"},
    "clusters": {"ko": "지정 단지", "en": "Designated sites"},
    "regions": {"ko": "지역 지표", "en": "Regional layer"},
    "won": {"ko": "원", "en": "KRW"},
    "count_unit": {"ko": "곳", "en": "sites"},
    "count_unit_one": {"ko": "곳", "en": "site"},
    "persons": {"ko": "명", "en": "persons"},
    "all": {"ko": "전체", "en": "All"},
    "reporting": {"ko": "{n}/{total}곳 보고", "en": "{n} of {total} sites report it"},
    "location_site": {"ko": "단지 좌표", "en": "Site coordinates"},
    "location_municipality": {"ko": "시군구 대표점(근사)", "en": "Municipality (approximate)"},
    "location_unplaced": {"ko": "위치 없음", "en": "Not placed"},
    "unknown_industry": {"ko": "업종 미상", "en": "Industry not stated"},
    "user_record": {"ko": "사용자 입력", "en": "User record"},
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
}


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` ("ko" or "en").

    Raises
    ------
    ValueError
        For an unknown language, naming the allowed ones.
    KeyError
        For an unknown label key.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    return LABELS[key][lang]


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


COLUMN_LABELS: dict[str, dict[str, str]] = {
    "id": {"ko": "ID", "en": "ID"},
    "round": {"ko": "차수", "en": "Round"},
    "name_ko": {"ko": "이름(한글)", "en": "Name (Korean)"},
    "name_en": {"ko": "이름(영문)", "en": "Name (English)"},
    "sido": {"ko": "시도", "en": "Province"},
    "sigungu": {"ko": "시군구", "en": "Municipality"},
    "location": {"ko": "표시 위치", "en": "Shown at"},
    "user_record": {"ko": "사용자 입력", "en": "User record"},
    "source_title": {"ko": "출처", "en": "Source"},
    "source_publisher": {"ko": "발행 기관", "en": "Publisher"},
    "source_date": {"ko": "출처 일자", "en": "Source date"},
    "source_url": {"ko": "출처 링크", "en": "Source link"},
}
"""Table headings for record columns that have no label in ``LABELS``."""


def column_label(column: str, lang: str) -> str:
    """A record column's heading in ``lang``: its label, else the column name.

    >>> column_label("source_publisher", "ko"), column_label("firms", "en")
    ('발행 기관', 'Firms')
    """
    labels = COLUMN_LABELS.get(column) or LABELS.get(column)
    return labels[lang] if labels else column
