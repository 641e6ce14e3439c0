"""Check the append-ready rows in data/staging/next/ (pandas and the standard library only).

Run from anywhere:  python data/staging/next/check.py   -> prints problems, exit 1 if any.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DATA = ROOT / "data"
BOUNDARIES = Path("/work/shared/boundaries/kostat-2018")

COMPLEX_COLS = [
    "complex_id", "name_ko", "name_en", "sido", "sigungu", "sigungu_all", "emd", "emd_codes",
    "precision", "place_wording", "place_source_title", "place_source_publisher",
    "place_source_date", "place_source_url", "place_evidence", "lon", "lat", "coord_source", "notes",
]  # fmt: skip
DESIG_COLS = [
    "id", "complex_id", "program", "round", "name_ko", "name_en", "year", "designation_date",
    "industry", "industry_detail", "belt", "period", "firms", "support_public_krw",
    "support_public_note", "investment_private_planned_krw", "investment_note",
    "investment_executed_krw", "jobs", "jobs_note", "area_m2", "anchor_companies",
    "lead_institution", "notes", "source_title", "source_publisher", "source_date", "source_url",
    "source_kind", "source2_title", "source2_publisher", "source2_date", "source2_url",
    "source2_kind",
]  # fmt: skip
INT_COLS = ["year", "firms", "support_public_krw", "investment_private_planned_krw",
            "investment_executed_krw", "jobs", "area_m2"]  # fmt: skip
SOURCE_KINDS = {"official", "press", "reprint"}
PROGRAM_KINDS = {"statutory", "support", "pilot", "candidate", "city_plan"}
PRECISIONS = {"point", "emd", "sgg", "sido"}
SIDO = {
    "11": "서울특별시", "21": "부산광역시", "22": "대구광역시", "23": "인천광역시", "24": "광주광역시",
    "25": "대전광역시", "26": "울산광역시", "29": "세종특별자치시", "31": "경기도", "32": "강원특별자치도",
    "33": "충청북도", "34": "충청남도", "35": "전북특별자치도", "36": "전라남도", "37": "경상북도",
    "38": "경상남도", "39": "제주특별자치도",
}  # fmt: skip
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INDUSTRY_SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")

problems: list[str] = []


def bad(file: str, row: object, col: str, msg: str) -> None:
    problems.append(f"{file} [{row}] {col}: {msg}")


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def topo_props(path: Path) -> pd.DataFrame:
    data = json.loads(path.read_text(encoding="utf-8"))
    obj = next(iter(data["objects"].values()))
    return pd.DataFrame([g["properties"] for g in obj["geometries"]])


def is_date(value: str, allow_undated: bool = False) -> bool:
    if allow_undated and value == "undated":
        return True
    for fmt, pat in (("%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"), ("%Y-%m", r"\d{4}-\d{2}")):
        if re.fullmatch(pat, value):
            try:
                dt.datetime.strptime(value, fmt)
                return True
            except ValueError:
                return False
    return False


def is_url(value: str) -> bool:
    return bool(re.match(r"^https?://\S+$", value))


def municipality_index() -> dict[tuple[str, str], list[str]]:
    mun = topo_props(BOUNDARIES / "skorea-municipalities-2018-topo.json")
    index: dict[tuple[str, str], list[str]] = {}
    for code, name in zip(mun["code"], mun["name"]):
        sido = SIDO[code[:2]]
        index.setdefault((sido, name), []).append(code)
        m = re.match(r"^(.+?시)(.+구)$", name)
        if m:
            index.setdefault((sido, f"{m[1]} {m[2]}"), []).append(code)
            index.setdefault((sido, m[1]), []).append(code)
    aliases = read(DATA / "admin_name_aliases.csv")
    for r in aliases.itertuples():
        if (r.sido, r.maps_to_sigungu) in index:
            index.setdefault((r.sido, r.sigungu), index[(r.sido, r.maps_to_sigungu)])
    return index


def check_columns(df: pd.DataFrame, file: str, expected: list[str]) -> None:
    if list(df.columns) != expected:
        bad(file, "header", "-", f"columns {list(df.columns)} != {expected}")


def main() -> int:
    cx = read(HERE / "complexes.csv")
    ds = read(HERE / "designations.csv")
    pr = read(HERE / "programs.csv")
    ind_new = read(HERE / "industries_new.csv")
    up = read(HERE / "updates.csv")
    places = read(DATA / "staging" / "places.csv")
    clusters = read(DATA / "clusters.csv")
    industries = read(DATA / "industries.csv")
    main_programs = read(DATA / "programs.csv")
    sub = topo_props(BOUNDARIES / "skorea-submunicipalities-2018-topo.json").set_index("code")
    index = municipality_index()

    # -- columns and order
    check_columns(cx, "complexes.csv", COMPLEX_COLS)
    check_columns(ds, "designations.csv", DESIG_COLS)
    check_columns(pr, "programs.csv", list(main_programs.columns) + ["kind"])
    check_columns(ind_new, "industries_new.csv", [c for c in industries.columns if c != "color"])
    check_columns(up, "updates.csv", ["id", "column", "old_value", "new_value", "source_title",
                                      "source_publisher", "source_date", "source_url", "source_kind",
                                      "quote", "source_slot", "check_note"])  # fmt: skip
    if problems:
        return report()

    # -- ids
    for df, file, col in ((cx, "complexes.csv", "complex_id"), (ds, "designations.csv", "id"),
                          (pr, "programs.csv", "id"), (ind_new, "industries_new.csv", "id")):  # fmt: skip
        for v in df.loc[df[col].duplicated(keep=False), col]:
            bad(file, v, col, "duplicate id")
        for v in df[col]:
            if not (INDUSTRY_SLUG if col == "id" and file in ("programs.csv", "industries_new.csv") else SLUG).match(v):
                bad(file, v, col, "not an ascii slug")
    for v in set(ds["id"]) & set(clusters["id"]):
        bad("designations.csv", v, "id", "id already used in data/clusters.csv")
    place_keys = set(places["complex_key"])
    for v in set(cx["complex_id"]) & place_keys:
        bad("complexes.csv", v, "complex_id", "already a complex_key of places.csv (reuse it, do not redefine)")
    for v in set(ind_new["id"]) & set(industries["id"]):
        bad("industries_new.csv", v, "id", "already in data/industries.csv")
    for old in main_programs["id"]:
        if old not in set(pr["id"]):
            bad("programs.csv", old, "id", "existing program missing")

    # -- references and kinds
    known_complex = set(cx["complex_id"]) | place_keys
    industry_ids = set(industries["id"]) | set(ind_new["id"])
    for r in ds.itertuples():
        if r.complex_id not in known_complex:
            bad("designations.csv", r.id, "complex_id", f"{r.complex_id} not in complexes.csv nor places.csv")
        if r.program not in set(pr["id"]):
            bad("designations.csv", r.id, "program", f"unknown program {r.program}")
        if r.industry and r.industry not in industry_ids:
            bad("designations.csv", r.id, "industry", f"unknown industry {r.industry}")
        if r.source_kind not in SOURCE_KINDS:
            bad("designations.csv", r.id, "source_kind", f"{r.source_kind!r} not in {sorted(SOURCE_KINDS)}")
        has2 = any([r.source2_title, r.source2_publisher, r.source2_url])
        if has2 and r.source2_kind not in SOURCE_KINDS:
            bad("designations.csv", r.id, "source2_kind", f"{r.source2_kind!r} not in {sorted(SOURCE_KINDS)}")
        if not has2 and (r.source2_kind or r.source2_date):
            bad("designations.csv", r.id, "source2_kind", "source2 kind/date without a source2 page")
        for col in ("source_title", "source_publisher", "source_date", "source_url", "name_ko", "year"):
            if not getattr(r, col):
                bad("designations.csv", r.id, col, "required")
        if r.source_url and not is_url(r.source_url):
            bad("designations.csv", r.id, "source_url", "not http(s)")
        if r.source2_url and not is_url(r.source2_url):
            bad("designations.csv", r.id, "source2_url", "not http(s)")
        if r.designation_date and not is_date(r.designation_date):
            bad("designations.csv", r.id, "designation_date", f"{r.designation_date!r} not YYYY-MM-DD / YYYY-MM")
        if r.source_date and not is_date(r.source_date, allow_undated=True):
            bad("designations.csv", r.id, "source_date", f"{r.source_date!r} not a date")
        if r.source2_date and not is_date(r.source2_date, allow_undated=True):
            bad("designations.csv", r.id, "source2_date", f"{r.source2_date!r} not a date")
        if r.designation_date and r.year and not r.designation_date.startswith(r.year):
            bad("designations.csv", r.id, "year", f"year {r.year} vs designation_date {r.designation_date}")
        for col in INT_COLS:
            v = getattr(r, col)
            if v and not re.fullmatch(r"[0-9]+", v):
                bad("designations.csv", r.id, col, f"{v!r} is not a non-negative integer")
        for col, note in (("investment_private_planned_krw", "investment_note"), ("jobs", "jobs_note"),
                          ("support_public_krw", "support_public_note")):  # fmt: skip
            if getattr(r, col) and not getattr(r, note):
                bad("designations.csv", r.id, note, f"{col} filled without a note saying what it is")
    for r in pr.itertuples():
        if r.kind not in PROGRAM_KINDS:
            bad("programs.csv", r.id, "kind", f"{r.kind!r} not in {sorted(PROGRAM_KINDS)}")
    for r in ind_new.itertuples():
        if r.group not in {"root", "strategic", "other"}:
            bad("industries_new.csv", r.id, "group", f"{r.group!r}")

    # -- complexes: names, places, emd codes
    for r in cx.itertuples():
        f = "complexes.csv"
        if r.sido not in SIDO.values():
            bad(f, r.complex_id, "sido", f"{r.sido!r} is not an official province name")
        if r.precision not in PRECISIONS:
            bad(f, r.complex_id, "precision", f"{r.precision!r}")
        parts = [p for p in r.sigungu_all.split(";") if p]
        if r.precision != "sido" and not parts:
            bad(f, r.complex_id, "sigungu_all", "empty but precision is not sido")
        codes: list[str] = []
        for p in parts:
            sido, _, sgg = p.partition(" ")
            hit = index.get((sido, sgg))
            if not hit:
                bad(f, r.complex_id, "sigungu_all", f"{p!r} matches no 2018 municipality")
            codes += hit or []
        if r.sigungu:
            if not parts or parts[0] != f"{r.sido} {r.sigungu}":
                bad(f, r.complex_id, "sigungu_all", "the primary municipality (sido sigungu) must come first")
        elif r.precision != "sido":
            bad(f, r.complex_id, "sigungu", "empty but precision is not sido")
        names = [n for n in r.emd.split(";") if n]
        ecodes = [c for c in r.emd_codes.split(";") if c]
        if r.precision == "emd":
            if not names or len(names) != len(ecodes):
                bad(f, r.complex_id, "emd_codes", f"{len(names)} emd names vs {len(ecodes)} codes")
            for n, c in zip(names, ecodes):
                if c not in sub.index:
                    bad(f, r.complex_id, "emd_codes", f"{c} not in the 2018 sub-municipal boundaries")
                    continue
                if sub.loc[c, "name"] != n:
                    bad(f, r.complex_id, "emd", f"{c} is {sub.loc[c, 'name']!r}, not {n!r}")
                if c[:5] not in codes:
                    bad(f, r.complex_id, "emd_codes", f"{c} ({n}) lies outside {r.sigungu_all}")
        elif names or ecodes:
            bad(f, r.complex_id, "emd", "emd filled but precision is not emd")
        if not r.place_evidence:
            bad(f, r.complex_id, "place_evidence", "required (why this precision)")
        if r.place_source_url and not is_url(r.place_source_url):
            bad(f, r.complex_id, "place_source_url", "not http(s)")
        if r.place_source_date and not is_date(r.place_source_date, allow_undated=True):
            bad(f, r.complex_id, "place_source_date", f"{r.place_source_date!r} not a date")
        if r.lon or r.lat or r.coord_source:
            if not (r.lon and r.lat and is_url(r.coord_source)):
                bad(f, r.complex_id, "lon", "lon, lat and coord_source go together")
    used = set(ds["complex_id"])
    for v in set(cx["complex_id"]) - used:
        bad("complexes.csv", v, "complex_id", "no designation uses this complex")

    # -- updates
    cl = clusters.set_index("id")
    numeric = set(INT_COLS)
    for i, r in enumerate(up.itertuples(), start=2):
        f = "updates.csv"
        if r.id not in cl.index:
            bad(f, i, "id", f"{r.id} not in clusters.csv")
            continue
        if r.column in cl.columns and cl.loc[r.id, r.column] != r.old_value:
            bad(f, i, "old_value", f"differs from clusters.csv ({cl.loc[r.id, r.column]!r})")
        if r.column not in cl.columns and r.column not in ("source_kind", "source2_kind"):
            bad(f, i, "column", f"{r.column} is not a designation column")
        if r.column in numeric and not re.fullmatch(r"[0-9]+", r.new_value):
            bad(f, i, "new_value", "not an integer")
        if r.column in ("source_kind", "source2_kind") and r.new_value not in SOURCE_KINDS:
            bad(f, i, "new_value", "not a source kind")
        if r.column.endswith("_url") and not is_url(r.new_value):
            bad(f, i, "new_value", "not http(s)")
        if r.column.endswith("_date") and r.new_value and not is_date(r.new_value, allow_undated=True):
            bad(f, i, "new_value", "not a date")
        if r.column == "industry" and r.new_value not in industry_ids:
            bad(f, i, "new_value", "unknown industry")
        if r.source_url:
            if not is_url(r.source_url):
                bad(f, i, "source_url", "not http(s)")
            if r.source_kind not in SOURCE_KINDS:
                bad(f, i, "source_kind", f"{r.source_kind!r}")
            if not is_date(r.source_date, allow_undated=True):
                bad(f, i, "source_date", f"{r.source_date!r}")
            if r.column in numeric | {"industry"} and r.source_slot not in ("source", "source2"):
                bad(f, i, "source_slot", "a figure needs its page in source or source2")
        if r.old_value == r.new_value:
            bad(f, i, "new_value", "no-op update")
    return report()


def report() -> int:
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
